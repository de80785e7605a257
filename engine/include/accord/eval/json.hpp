// Values to and from JSON.
//
// Two forms. The plain form is how events and reports look: JSON numbers,
// strings, arrays and objects (timestamps and durations as strings). The
// typed form is the one-key object of the CEL conformance data
// ({"int64": "-5"}, {"timestamp": "2009-02-13T23:31:30Z"}, ...), for when
// the exact kind matters (`accord eval --typed`).
//
//   auto parsed = accord::eval::parse_json(R"({"compulsory": true})");
//   if (parsed.value) std::cout << accord::eval::to_json(*parsed.value);
//
// All functions are thread-safe (each thread keeps its own parser) and
// never throw on bad input.
#pragma once

#include <accord/eval/value.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace accord::eval {

// Arrays and objects (plain form), or lists and maps (typed form), nested
// deeper than this are an error.
inline constexpr int kMaxJsonDepth = 64;

struct JsonResult {
  std::optional<Value> value;  // empty on error
  std::string error;           // "byte N: what was wrong" (N counts from 0)
};

// Plain JSON to a Value: integers that fit int64 become int, larger
// positive integers that fit uint64 become uint, other numbers double;
// strings become owned strings; objects become maps with string keys in
// document order (a key twice is an error); null becomes null. One JSON
// value with optional surrounding white space; anything after it is an
// error. The result owns its text.
JsonResult parse_json(std::string_view json);

// The typed form to a Value. Keys: "null" (null), "bool", "int64" and
// "uint64" (decimal strings), "double" (a number, or "NaN", "Infinity",
// "-Infinity"), "string", "bytes_b64" (standard base64 with padding and
// zero unused bits), "list" ([v, ...]), "map" ([[k, v], ...]; keys bool,
// int, uint or string, unique under CEL equality), "timestamp" (RFC 3339),
// "duration" (as CEL's duration() reads it, e.g. "1.500s"), "type" (a name
// from type_name(), e.g. "int", "google.protobuf.Timestamp"), and accord's
// own "period" (as parse_period reads it, e.g. {"period": "P6M"}). Anything
// else, or an object with more or fewer than one key, is an error.
JsonResult parse_typed_json(std::string_view json);

// Plain JSON, compact. Timestamps are RFC 3339 strings, durations "1.500s",
// periods their ISO 8601 form ("P6M"), bytes base64, types their name, NaN
// and infinities the strings "NaN", "Infinity", "-Infinity"; doubles the
// shortest text that reads back exactly, integral ones with ".0". Map keys
// become strings (1 becomes "1", so a map holding both 1 and "1" gives an
// object with a repeated key). Strings: '"', '\' and control characters
// escaped (\u00XX), valid UTF-8 kept, any other byte written as \ufffd.
// An error value has no JSON form; so that the output stays valid it is
// written {"error": "<message>"}, and reporting it is the caller's task.
std::string to_json(const Value& value);
// The same, appended to `out`; and a string's JSON alone, for a writer
// that lays out an object of its own (the JSON report's entries).
void append_json(std::string& out, const Value& value);
void append_json_string(std::string& out, std::string_view text);

// The typed form, compact; reads back with parse_typed_json to an equal
// value (same kinds, same bits, -0.0 kept). Periods are {"period": "P6M"}.
// Error values are written {"error": "<message>"}, which
// parse_typed_json rejects: errors are not data.
std::string to_typed_json(const Value& value);

}  // namespace accord::eval
