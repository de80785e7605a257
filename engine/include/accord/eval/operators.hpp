// Equality and ordering of values, as the condition language defines them.
//
// The same rules serve `==`, `<`, `in`, map keys and correlation keys, so a
// value that is "the same" in a condition is the same everywhere else.
//
//   bool same = accord::eval::equal(Value::integer(1), Value::real(1.0));  // true
//   auto order = accord::eval::compare(Value::string("a"), Value::string("b"));
//   if (order && *order < 0) { /* "a" sorts first */ }
#pragma once

#include <accord/eval/value.hpp>

#include <compare>
#include <optional>

namespace accord::eval {

// CEL's heterogeneous equality. Numbers compare by value across int, uint
// and double (1 == 1u == 1.0; NaN equals nothing); lists element by element;
// maps by their key sets and the values under each key, in any order;
// values of other different kinds are never equal. An error equals nothing.
bool equal(const Value& a, const Value& b);

// CEL's ordering, defined for bool, int/uint/double (across the three),
// string (by code point), bytes, timestamp and duration. nullopt when the
// kinds have no ordering between them (e.g. lists, null, string vs int).
// Comparing with NaN gives std::partial_ordering::unordered.
std::optional<std::partial_ordering> compare(const Value& a, const Value& b);

// A label for a kind in messages written for rule authors: "int",
// "string", "timestamp", "duration", "period", "type", "null", ...
std::string_view kind_label(Kind kind);

}  // namespace accord::eval
