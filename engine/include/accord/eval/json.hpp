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
#pragma once

#include <accord/eval/value.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace accord::eval {

struct JsonResult {
  std::optional<Value> value;  // empty on error
  std::string error;           // what was wrong, with the byte offset
};

// Plain JSON to a Value: integers that fit int64 become int, other
// numbers double; objects become maps with string keys. The result owns
// its text.
JsonResult parse_json(std::string_view json);

// The typed form to a Value.
JsonResult parse_typed_json(std::string_view json);

// Plain JSON. Timestamps are RFC 3339 strings, durations "1.5s", periods
// their ISO 8601 form, bytes base64, types their name, NaN and infinities
// the strings "NaN", "Infinity", "-Infinity". Map keys become strings.
// An error value has no JSON form: it is the caller's to report.
std::string to_json(const Value& value);

// The typed form; reads back with parse_typed_json to an equal value.
std::string to_typed_json(const Value& value);

}  // namespace accord::eval
