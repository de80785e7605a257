// Error values the evaluator produces, worded for rule authors.
#pragma once

#include <accord/eval/value.hpp>

#include <initializer_list>
#include <string>
#include <string_view>

namespace accord::eval::detail {

// "no matching overload for '_+_' applied to (int, string)": a function or
// operator met argument kinds it has no meaning for.
Value no_overload(std::string_view function, std::initializer_list<Kind> kinds, Span span);

inline Value integer_overflow(Span span) { return Value::error("integer overflow", span); }

// A map key or index as a rule author would write it: 'name', 3, 3u, true.
std::string describe_key(const Value& key);

// "no such key 'name'", "no such key 3".
Value no_such_key(const Value& key, Span span);
Value no_such_key(std::string_view key, Span span);

}  // namespace accord::eval::detail
