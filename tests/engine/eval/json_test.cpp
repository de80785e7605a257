#include <accord/eval/json.hpp>

#include "support/conformance_data.hpp"

#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <limits>
#include <string>

namespace accord::eval {
namespace {

// Same kind and same contents, bit for bit: -0.0 differs from 0.0, NaN
// matches NaN, maps compare entry by entry in order.
bool identical(const Value& a, const Value& b) {
  if (a.kind() != b.kind()) return false;
  switch (a.kind()) {
    case Kind::Null: return true;
    case Kind::Bool: return a.as_bool() == b.as_bool();
    case Kind::Int: return a.as_int() == b.as_int();
    case Kind::Uint: return a.as_uint() == b.as_uint();
    case Kind::Double: {
      double x = a.as_double();
      double y = b.as_double();
      if (std::isnan(x) || std::isnan(y)) return std::isnan(x) && std::isnan(y);
      return std::bit_cast<std::uint64_t>(x) == std::bit_cast<std::uint64_t>(y);
    }
    case Kind::String: return a.as_string() == b.as_string();
    case Kind::Bytes: return a.as_bytes() == b.as_bytes();
    case Kind::List: {
      const List& x = a.as_list();
      const List& y = b.as_list();
      if (x.size() != y.size()) return false;
      for (std::size_t i = 0; i < x.size(); ++i) {
        if (!identical(x[i], y[i])) return false;
      }
      return true;
    }
    case Kind::Map: {
      const auto& x = a.as_map().entries();
      const auto& y = b.as_map().entries();
      if (x.size() != y.size()) return false;
      for (std::size_t i = 0; i < x.size(); ++i) {
        if (!identical(x[i].first, y[i].first) || !identical(x[i].second, y[i].second)) return false;
      }
      return true;
    }
    case Kind::Timestamp: return a.as_timestamp() == b.as_timestamp();
    case Kind::Duration: return a.as_duration() == b.as_duration();
    case Kind::Period: return a.as_period() == b.as_period();
    case Kind::Type: return a.as_type() == b.as_type();
    case Kind::Error: return a.as_error().message == b.as_error().message;
  }
  return false;
}

Value plain(std::string_view json) {
  JsonResult r = parse_json(json);
  EXPECT_TRUE(r.value.has_value()) << json << ": " << r.error;
  return r.value.value_or(Value::error("parse failed"));
}

Value typed(std::string_view json) {
  JsonResult r = parse_typed_json(json);
  EXPECT_TRUE(r.value.has_value()) << json << ": " << r.error;
  return r.value.value_or(Value::error("parse failed"));
}

std::string plain_error(std::string_view json) {
  JsonResult r = parse_json(json);
  EXPECT_FALSE(r.value.has_value()) << json;
  return r.error;
}

std::string typed_error(std::string_view json) {
  JsonResult r = parse_typed_json(json);
  EXPECT_FALSE(r.value.has_value()) << json;
  return r.error;
}

Value string_map(std::vector<std::pair<std::string, Value>> entries) {
  std::vector<Map::Entry> converted;
  for (auto& [key, value] : entries) converted.emplace_back(Value::string(key), std::move(value));
  return Value::map(Map(std::move(converted)));
}

// ---- plain JSON in --------------------------------------------------------

TEST(JsonPlain, ReadsScalars) {
  EXPECT_TRUE(identical(plain("null"), Value::null()));
  EXPECT_TRUE(identical(plain(" true "), Value::boolean(true)));
  EXPECT_TRUE(identical(plain("false"), Value::boolean(false)));
  EXPECT_TRUE(identical(plain("42"), Value::integer(42)));
  EXPECT_TRUE(identical(plain("-9223372036854775808"), Value::integer(std::numeric_limits<std::int64_t>::min())));
  EXPECT_TRUE(identical(plain("9223372036854775807"), Value::integer(std::numeric_limits<std::int64_t>::max())));
  EXPECT_TRUE(identical(plain("9223372036854775808"), Value::unsigned_integer(9223372036854775808ULL)));
  EXPECT_TRUE(identical(plain("18446744073709551615"), Value::unsigned_integer(18446744073709551615ULL)));
  EXPECT_TRUE(identical(plain("18446744073709551616"), Value::real(18446744073709551616.0)));
  EXPECT_TRUE(identical(plain("-9223372036854775809"), Value::real(-9223372036854775808.0)));
  EXPECT_TRUE(identical(plain("1.5"), Value::real(1.5)));
  EXPECT_TRUE(identical(plain("1.0"), Value::real(1.0)));
  EXPECT_TRUE(identical(plain("1e2"), Value::real(100.0)));
  EXPECT_TRUE(identical(plain("-0.0"), Value::real(-0.0)));
  EXPECT_TRUE(identical(plain("0.1"), Value::real(0.1)));
  EXPECT_TRUE(identical(plain(R"("a\"b\\c\n\u00e9\ud83d\ude00")"), Value::string("a\"b\\c\n\xC3\xA9\xF0\x9F\x98\x80")));
  EXPECT_TRUE(identical(plain(R"("nul\u0000inside")"), Value::string(std::string("nul\0inside", 10))));
}

TEST(JsonPlain, ReadsArraysAndObjects) {
  Value v = plain(R"({"id": "e1", "days": [1, 2.5, "x"], "nested": {"ok": null}, "empty": {}, "none": []})");
  Value expected = string_map({
      {"id", Value::string("e1")},
      {"days", Value::list({Value::integer(1), Value::real(2.5), Value::string("x")})},
      {"nested", string_map({{"ok", Value::null()}})},
      {"empty", Value::map(Map())},
      {"none", Value::list({})},
  });
  EXPECT_TRUE(identical(v, expected)) << to_json(v);
  // Key order is the document's.
  EXPECT_EQ(to_json(plain(R"({"b":1,"a":2})")), R"({"b":1,"a":2})");
}

TEST(JsonPlain, TheResultOwnsItsText) {
  std::string text = R"({"name": "Ada", "tags": ["x"]})";
  Value v = plain(text);
  text.assign(text.size(), '#');
  EXPECT_EQ(v.as_map().find("name")->as_string(), "Ada");
  EXPECT_EQ(v.as_map().find("tags")->as_list()[0].as_string(), "x");
}

TEST(JsonPlain, ErrorsSayWhatAndWhere) {
  EXPECT_EQ(plain_error(""), "byte 0: no JSON value");
  EXPECT_EQ(plain_error("   "), "byte 0: no JSON value");
  EXPECT_EQ(plain_error("5 6"), "byte 2: unexpected content after the JSON value");
  EXPECT_EQ(plain_error("[1,2"), "byte 4: unexpected end of input inside an array");
  EXPECT_EQ(plain_error("[1,2]]"), "byte 5: unexpected content after the JSON value");
  EXPECT_EQ(plain_error(R"({"a" 1})"), "byte 5: expected ':' after the key");
  EXPECT_EQ(plain_error(R"({"a":1,})"), "byte 7: expected a string key");
  EXPECT_EQ(plain_error("[1,]"), "byte 3: expected a value (object, array, string, number, true, false or null)");
  EXPECT_EQ(plain_error(R"({"a":1,"b":[1,2,{"c":tru}]})"), "byte 21: invalid literal (expected true, false or null)");
  EXPECT_EQ(plain_error(R"("abc)"), "byte 0: unterminated string");
  EXPECT_EQ(plain_error("\"a\x01\""), "byte 2: control character inside a string (escape it)");
  EXPECT_EQ(plain_error(R"("\x")"), "byte 1: invalid escape in string");
  EXPECT_EQ(plain_error(R"("\ud800")"), "byte 1: unpaired surrogate in \\u escape");
  EXPECT_EQ(plain_error("[1,\n\"\xC3\"]"), "byte 5: invalid UTF-8");
  EXPECT_EQ(plain_error("01"), "byte 0: malformed number");
  EXPECT_EQ(plain_error("[1.]"), "byte 1: malformed number");
  EXPECT_EQ(plain_error("-"), "byte 0: malformed number");
  EXPECT_EQ(plain_error("NaN"), "byte 0: expected a value (object, array, string, number, true, false or null)");
  EXPECT_EQ(plain_error(R"({"k":"v"} x)"), "byte 10: unexpected content after the JSON value");
  EXPECT_EQ(plain_error("[1e400]"), "byte 1: malformed number, or a number out of the range of a double");
}

TEST(JsonPlain, RejectsDuplicateKeys) {
  EXPECT_EQ(plain_error(R"({"a":1,"a":2})"), "byte 7: duplicate key \"a\"");
  // Past the linear scan, a hash set takes over.
  std::string many = "{";
  for (int i = 0; i < 20; ++i) many += "\"k" + std::to_string(i) + "\":" + std::to_string(i) + ",";
  EXPECT_TRUE(parse_json(many + "\"last\":0}").value.has_value());
  EXPECT_EQ(plain_error(many + "\"k13\":0}").substr(0, 5), "byte ");
  EXPECT_NE(plain_error(many + "\"k13\":0}").find("duplicate key \"k13\""), std::string::npos);
  // Keys are compared after unescaping.
  EXPECT_NE(plain_error(R"({"a":1,"\u0061":2})").find("duplicate key"), std::string::npos);
}

TEST(JsonPlain, LimitsNesting) {
  std::string ok(kMaxJsonDepth, '[');
  ok += std::string(kMaxJsonDepth, ']');
  EXPECT_TRUE(parse_json(ok).value.has_value());
  std::string deep(kMaxJsonDepth + 1, '[');
  deep += std::string(kMaxJsonDepth + 1, ']');
  EXPECT_EQ(plain_error(deep), "byte 64: nesting deeper than 64 levels");
  // Far deeper than any limit: an error, not a stack overflow.
  std::string abyss(100000, '[');
  abyss += std::string(100000, ']');
  EXPECT_FALSE(parse_json(abyss).value.has_value());
  std::string unclosed(100000, '{');
  EXPECT_FALSE(parse_json(unclosed).value.has_value());
}

// ---- plain JSON out ---------------------------------------------------------

TEST(JsonPlain, WritesValues) {
  EXPECT_EQ(to_json(Value::null()), "null");
  EXPECT_EQ(to_json(Value::integer(-5)), "-5");
  EXPECT_EQ(to_json(Value::unsigned_integer(18446744073709551615ULL)), "18446744073709551615");
  EXPECT_EQ(to_json(Value::real(1.5)), "1.5");
  EXPECT_EQ(to_json(Value::real(2.0)), "2.0");
  EXPECT_EQ(to_json(Value::real(-0.0)), "-0.0");
  EXPECT_EQ(to_json(Value::real(0.1)), "0.1");
  EXPECT_EQ(to_json(Value::real(1e300)), "1e+300");
  EXPECT_EQ(to_json(Value::real(std::numeric_limits<double>::quiet_NaN())), "\"NaN\"");
  EXPECT_EQ(to_json(Value::real(-std::numeric_limits<double>::infinity())), "\"-Infinity\"");
  EXPECT_EQ(to_json(Value::bytes(std::string("\xFF\x00\x01" "abc", 6))), "\"/wABYWJj\"");
  EXPECT_EQ(to_json(Value::timestamp(Timestamp{1234567890, 500000000})), "\"2009-02-13T23:31:30.500Z\"");
  EXPECT_EQ(to_json(Value::duration(Duration{-2, 500000000})), "\"-1.500s\"");
  EXPECT_EQ(to_json(Value::period(Period{6, {}})), "\"P6M\"");
  EXPECT_EQ(to_json(Value::type(Kind::Timestamp)), "\"google.protobuf.Timestamp\"");
  EXPECT_EQ(to_json(Value::error("division by zero")), R"({"error":"division by zero"})");
  std::vector<Map::Entry> entries;
  entries.emplace_back(Value::integer(1), Value::boolean(true));
  entries.emplace_back(Value::unsigned_integer(2), Value::list({Value::null()}));
  entries.emplace_back(Value::boolean(false), Value::string("f"));
  entries.emplace_back(Value::string("s"), Value::map(Map()));
  EXPECT_EQ(to_json(Value::map(Map(std::move(entries)))), R"({"1":true,"2":[null],"false":"f","s":{}})");
}

TEST(JsonPlain, EscapesStringsAndNeverWritesInvalidUtf8) {
  EXPECT_EQ(to_json(Value::string("a\"b\\c")), R"("a\"b\\c")");
  EXPECT_EQ(to_json(Value::string(std::string("\n\t\x01\x1f\0", 5))), R"("\u000a\u0009\u0001\u001f\u0000")");
  EXPECT_EQ(to_json(Value::string("caf\xC3\xA9 \xF0\x9F\x98\x80 \x7F")), "\"caf\xC3\xA9 \xF0\x9F\x98\x80 \x7F\"");
  // Bytes that start no valid UTF-8 sequence: a lone continuation, a
  // truncated sequence, an overlong form, a surrogate, beyond U+10FFFF.
  EXPECT_EQ(to_json(Value::string("\x80")), R"("\ufffd")");
  EXPECT_EQ(to_json(Value::string("a\xE2\x82")), R"("a\ufffd\ufffd")");
  EXPECT_EQ(to_json(Value::string("\xC0\xAF")), R"("\ufffd\ufffd")");
  EXPECT_EQ(to_json(Value::string("\xED\xA0\x80")), R"("\ufffd\ufffd\ufffd")");
  EXPECT_EQ(to_json(Value::string("\xF4\x90\x80\x80")), R"("\ufffd\ufffd\ufffd\ufffd")");
  // And what is written always reads back.
  std::string all_bytes;
  for (int c = 0; c < 256; ++c) all_bytes.push_back(static_cast<char>(c));
  EXPECT_TRUE(parse_json(to_json(Value::string(all_bytes))).value.has_value());
}

TEST(JsonPlain, FindsWhatNeedsEscapingAtAnyPlaceInALongString) {
  // Plain text is scanned eight bytes at a time: each byte that stops a
  // plain run must be found wherever it falls, in a word or after them.
  auto escaped = [](int c) -> std::string {
    if (c == '"') return "\\\"";
    if (c == '\\') return "\\\\";
    if (c < 0x20) {
      static constexpr char kHex[] = "0123456789abcdef";
      return std::string("\\u00") + kHex[c >> 4] + kHex[c & 15];
    }
    if (c >= 0x80) return "\\ufffd";  // alone, no byte starts a valid sequence
    return std::string(1, static_cast<char>(c));
  };
  for (int c = 0; c < 256; ++c) {
    for (std::size_t at = 0; at < 19; ++at) {
      std::string text(19, 'a');
      text[at] = static_cast<char>(c);
      std::string out;
      append_json_string(out, text);
      ASSERT_EQ(out, "\"" + std::string(at, 'a') + escaped(c) + std::string(18 - at, 'a') + "\"")
          << "byte " << c << " at " << at;
    }
  }
}

TEST(JsonPlain, RoundTripsItsOwnOutput) {
  for (std::string_view json : {R"({"a":[1,-2,3.25,"x",true,false,null],"b":{"c":{}},"d":18446744073709551615})",
                                R"([-0.0,1e+300,5e-324,1.7976931348623157e+308,0.30000000000000004])",
                                R"("\u0000\u001f\"\\/é😀")"}) {
    Value first = plain(json);
    Value second = plain(to_json(first));
    EXPECT_TRUE(identical(first, second)) << json << " -> " << to_json(first);
  }
}

// ---- the typed form ---------------------------------------------------------

TEST(JsonTyped, ReadsEveryKind) {
  EXPECT_TRUE(identical(typed(R"({"null": null})"), Value::null()));
  EXPECT_TRUE(identical(typed(R"({"bool": true})"), Value::boolean(true)));
  EXPECT_TRUE(identical(typed(R"({"int64": "-9223372036854775808"})"), Value::integer(std::numeric_limits<std::int64_t>::min())));
  EXPECT_TRUE(identical(typed(R"({"uint64": "18446744073709551615"})"), Value::unsigned_integer(18446744073709551615ULL)));
  EXPECT_TRUE(identical(typed(R"({"double": 1.5})"), Value::real(1.5)));
  EXPECT_TRUE(identical(typed(R"({"double": 10})"), Value::real(10.0)));
  EXPECT_TRUE(identical(typed(R"({"double": -0.0})"), Value::real(-0.0)));
  EXPECT_TRUE(identical(typed(R"({"double": "NaN"})"), Value::real(std::nan(""))));
  EXPECT_TRUE(identical(typed(R"({"double": "Infinity"})"), Value::real(std::numeric_limits<double>::infinity())));
  EXPECT_TRUE(identical(typed(R"({"double": "-Infinity"})"), Value::real(-std::numeric_limits<double>::infinity())));
  EXPECT_TRUE(identical(typed(R"({"string": "a\u0000b"})"), Value::string(std::string("a\0b", 3))));
  EXPECT_TRUE(identical(typed(R"({"bytes_b64": "/wABYWJj"})"), Value::bytes(std::string("\xFF\x00\x01" "abc", 6))));
  EXPECT_TRUE(identical(typed(R"({"bytes_b64": ""})"), Value::bytes("")));
  EXPECT_TRUE(identical(typed(R"({"bytes_b64": "YQ=="})"), Value::bytes("a")));
  EXPECT_TRUE(identical(typed(R"({"bytes_b64": "YWI="})"), Value::bytes("ab")));
  EXPECT_TRUE(identical(typed(R"({"list": [{"int64": "1"}, {"list": []}]})"),
                        Value::list({Value::integer(1), Value::list({})})));
  EXPECT_TRUE(identical(typed(R"({"timestamp": "2009-02-13T23:31:30Z"})"), Value::timestamp(Timestamp{1234567890, 0})));
  EXPECT_TRUE(identical(typed(R"({"duration": "123.321456789s"})"), Value::duration(Duration{123, 321456789})));
  EXPECT_TRUE(identical(typed(R"({"period": "P1M14D"})"), Value::period(Period{1, Duration{14 * 86400, 0}})));
  EXPECT_TRUE(identical(typed(R"({"type": "google.protobuf.Duration"})"), Value::type(Kind::Duration)));
  EXPECT_TRUE(identical(typed(R"({"type": "null_type"})"), Value::type(Kind::Null)));
  EXPECT_TRUE(identical(typed(R"({"type": "accord.Period"})"), Value::type(Kind::Period)));
  Value m = typed(R"({"map": [[{"int64": "1"}, {"string": "one"}], [{"bool": false}, {"null": null}]]})");
  ASSERT_EQ(m.kind(), Kind::Map);
  EXPECT_EQ(m.as_map().find(Value::unsigned_integer(1))->as_string(), "one");
  EXPECT_EQ(m.as_map().find(Value::boolean(false))->kind(), Kind::Null);
}

TEST(JsonTyped, RejectsWhatIsNotTheTypedForm) {
  EXPECT_EQ(typed_error("5"), "byte 0: expected a typed value: an object with one key such as {\"int64\": \"1\"}");
  EXPECT_EQ(typed_error("{}"), "byte 0: a typed value has exactly one key; this object is empty");
  EXPECT_EQ(typed_error(R"({"int64": "1", "uint64": "1"})"), "byte 0: a typed value has exactly one key");
  EXPECT_NE(typed_error(R"({"float": 1.5})").find("unknown typed value key \"float\""), std::string::npos);
  EXPECT_EQ(typed_error(R"({"int64": 5})"), "byte 10: \"int64\" takes a decimal string");
  EXPECT_EQ(typed_error(R"({"int64": "9223372036854775808"})"), "byte 10: not an int64: \"9223372036854775808\"");
  EXPECT_EQ(typed_error(R"({"int64": " 5"})"), "byte 10: not an int64: \" 5\"");
  EXPECT_EQ(typed_error(R"({"int64": "+5"})"), "byte 10: not an int64: \"+5\"");
  EXPECT_EQ(typed_error(R"({"int64": ""})"), "byte 10: not an int64: \"\"");
  EXPECT_EQ(typed_error(R"({"uint64": "-1"})"), "byte 11: not a uint64: \"-1\"");
  EXPECT_NE(typed_error(R"({"double": "nan"})").find("\"double\" takes a number"), std::string::npos);
  EXPECT_NE(typed_error(R"({"double": true})").find("\"double\" takes a number"), std::string::npos);
  EXPECT_NE(typed_error(R"({"null": 0})").find("\"null\" takes null"), std::string::npos);
  EXPECT_NE(typed_error(R"({"bool": "true"})").find("\"bool\" takes true or false"), std::string::npos);
  for (std::string_view bad_b64 : {"YQ", "YQ=", "Y===", "YR==", "YWJ=", "Y Q==", "YQ==YQ==", "=YQ=", "YQ-_"}) {
    std::string json = R"({"bytes_b64": ")" + std::string(bad_b64) + "\"}";
    EXPECT_NE(typed_error(json).find("not standard base64"), std::string::npos) << bad_b64;
  }
  EXPECT_NE(typed_error(R"({"timestamp": "2009-02-30T00:00:00Z"})").find("not an RFC 3339 timestamp"), std::string::npos);
  EXPECT_NE(typed_error(R"({"duration": "320000000000s"})").find("not a duration"), std::string::npos);
  EXPECT_NE(typed_error(R"({"period": "1.5mo"})").find("not a period"), std::string::npos);
  EXPECT_NE(typed_error(R"({"type": "integer"})").find("unknown type name \"integer\""), std::string::npos);
  EXPECT_NE(typed_error(R"({"type": "error"})").find("unknown type name"), std::string::npos);
  EXPECT_NE(typed_error(R"({"list": [1]})").find("expected a typed value"), std::string::npos);
  EXPECT_NE(typed_error(R"({"map": {}})").find("\"map\" takes an array"), std::string::npos);
  EXPECT_NE(typed_error(R"({"map": [[{"int64": "1"}]]})").find("[key, value] pair"), std::string::npos);
  EXPECT_NE(typed_error(R"({"map": [[{"int64": "1"}, {"int64": "1"}, {"int64": "1"}]]})").find("[key, value] pair"),
            std::string::npos);
  EXPECT_NE(typed_error(R"({"map": [[{"double": 1.0}, {"int64": "1"}]]})").find("a map key is a bool, int, uint or string"),
            std::string::npos);
  EXPECT_NE(typed_error(R"({"map": [[{"int64": "1"}, {"null": null}], [{"uint64": "1"}, {"null": null}]]})")
                .find("duplicate map key"),
            std::string::npos);
  EXPECT_NE(typed_error(R"({"error": "boom"})").find("unknown typed value key \"error\""), std::string::npos);
  EXPECT_EQ(typed_error(R"({"int64": "1"} {})"), "byte 15: unexpected content after the JSON value");
}

TEST(JsonTyped, LimitsNesting) {
  std::string ok;
  for (int i = 0; i < kMaxJsonDepth; ++i) ok += R"({"list":[)";
  ok += R"({"null":null})";
  for (int i = 0; i < kMaxJsonDepth; ++i) ok += "]}";
  EXPECT_TRUE(parse_typed_json(ok).value.has_value()) << parse_typed_json(ok).error;
  std::string deep = R"({"list":[)" + ok + "]}";
  EXPECT_NE(typed_error(deep).find("nesting deeper than 64 levels"), std::string::npos);
}

TEST(JsonTyped, WritesEveryKind) {
  EXPECT_EQ(to_typed_json(Value::null()), R"({"null":null})");
  EXPECT_EQ(to_typed_json(Value::boolean(false)), R"({"bool":false})");
  EXPECT_EQ(to_typed_json(Value::integer(-5)), R"({"int64":"-5"})");
  EXPECT_EQ(to_typed_json(Value::unsigned_integer(5)), R"({"uint64":"5"})");
  EXPECT_EQ(to_typed_json(Value::real(1.0)), R"({"double":1.0})");
  EXPECT_EQ(to_typed_json(Value::real(-0.0)), R"({"double":-0.0})");
  EXPECT_EQ(to_typed_json(Value::real(9.223372036854776e18)), R"({"double":9223372036854775808.0})");
  EXPECT_EQ(to_typed_json(Value::real(std::nan(""))), R"({"double":"NaN"})");
  EXPECT_EQ(to_typed_json(Value::real(std::numeric_limits<double>::infinity())), R"({"double":"Infinity"})");
  EXPECT_EQ(to_typed_json(Value::string("é\n")), "{\"string\":\"\xC3\xA9\\u000a\"}");
  EXPECT_EQ(to_typed_json(Value::bytes("ab")), R"({"bytes_b64":"YWI="})");
  EXPECT_EQ(to_typed_json(Value::list({Value::integer(1)})), R"({"list":[{"int64":"1"}]})");
  EXPECT_EQ(to_typed_json(Value::map(Map({{Value::string("k"), Value::boolean(true)}}))),
            R"({"map":[[{"string":"k"},{"bool":true}]]})");
  EXPECT_EQ(to_typed_json(Value::timestamp(Timestamp{0, 1000})), R"({"timestamp":"1970-01-01T00:00:00.000001Z"})");
  EXPECT_EQ(to_typed_json(Value::duration(Duration{90, 0})), R"({"duration":"90s"})");
  EXPECT_EQ(to_typed_json(Value::period(Period{6, {}})), R"({"period":"P6M"})");
  EXPECT_EQ(to_typed_json(Value::type(Kind::Int)), R"({"type":"int"})");
  EXPECT_EQ(to_typed_json(Value::error("no such key")), R"({"error":"no such key"})");
}

TEST(JsonTyped, RoundTripsTrickyValues) {
  List values{
      Value::real(5e-324), Value::real(-1.7976931348623157e308), Value::real(0.1 + 0.2), Value::real(-0.0),
      Value::real(std::numeric_limits<double>::infinity()), Value::real(123456789012345678.0),
      Value::integer(std::numeric_limits<std::int64_t>::min()), Value::unsigned_integer(0),
      Value::string(std::string("\0\x7f\xF0\x9F\x98\x80", 6)), Value::bytes(std::string("\0\xff", 2)),
      Value::timestamp(Timestamp{kMinTimestampSeconds, 0}), Value::timestamp(Timestamp{kMaxTimestampSeconds, 999999999}),
      Value::duration(kMinDuration), Value::duration(kMaxDuration),
      Value::period(Period{-1, Duration{1209600, 0}}), Value::period(Period{0, Duration{0, 1}}),
      Value::type(Kind::Period), Value::type(Kind::Type),
  };
  for (int k = 0; k <= static_cast<int>(Kind::Period); ++k) values.push_back(Value::type(static_cast<Kind>(k)));
  Value all = Value::list(values);
  std::string text = to_typed_json(all);
  JsonResult back = parse_typed_json(text);
  ASSERT_TRUE(back.value) << back.error;
  EXPECT_TRUE(identical(*back.value, all)) << text;
  EXPECT_EQ(to_typed_json(*back.value), text);
}

// ---- the CEL conformance data ---------------------------------------------


// Every "value" and every binding in the conformance data reads as the typed
// form, and writing it back gives the same JSON value (compared as plain
// JSON, so spacing does not matter but kinds, digits and -0.0 do).
TEST(JsonTyped, RoundTripsTheConformanceData) {
  std::vector<std::filesystem::path> files = accord::testing::cel_conformance_files();
  if (files.empty()) {
    GTEST_SKIP() << "CEL conformance data not found; set ACCORD_CEL_CONFORMANCE_DIR";
  }
  int values = 0;
  for (const std::filesystem::path& file : files) {
    std::ifstream in(file, std::ios::binary);
    std::string line;
    int line_number = 0;
    while (std::getline(in, line)) {
      ++line_number;
      if (line.empty()) continue;
      std::string where = file.filename().string() + ":" + std::to_string(line_number);
      JsonResult record = parse_json(line);
      ASSERT_TRUE(record.value) << where << ": " << record.error;
      const Map& fields = record.value->as_map();
      std::vector<const Value*> samples;
      if (const Value* value = fields.find("value")) samples.push_back(value);
      if (const Value* bindings = fields.find("bindings")) {
        for (const auto& binding : bindings->as_map()) samples.push_back(&binding.second);
      }
      for (const Value* sample : samples) {
        ++values;
        std::string original = to_json(*sample);
        JsonResult parsed = parse_typed_json(original);
        ASSERT_TRUE(parsed.value) << where << ": " << parsed.error << "\n" << original;
        std::string written = to_typed_json(*parsed.value);
        EXPECT_TRUE(identical(plain(written), *sample)) << where << "\n  in:  " << original << "\n  out: " << written;
        JsonResult again = parse_typed_json(written);
        ASSERT_TRUE(again.value) << where << ": " << again.error;
        EXPECT_TRUE(identical(*again.value, *parsed.value)) << where;
      }
    }
  }
  EXPECT_GE(files.size(), 16);
  EXPECT_GE(values, 1000);
  std::cout << "[ info ] " << values << " typed values from " << files.size() << " files round-tripped\n";
}

}  // namespace
}  // namespace accord::eval
