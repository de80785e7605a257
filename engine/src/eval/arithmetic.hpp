// The arithmetic operators of the condition language on values: + - * / %
// and unary minus, with CEL's overloads and checked ranges. Each returns an
// error value (with `span`) on overflow, division by zero, a result outside
// the timestamp or duration range, or kinds it has no overload for.
// Operands are never errors: the caller propagates those first.
#pragma once

#include <accord/eval/value.hpp>

namespace accord::eval::detail {

Value add_values(const Value& a, const Value& b, Span span);
Value subtract_values(const Value& a, const Value& b, Span span);
Value multiply_values(const Value& a, const Value& b, Span span);
Value divide_values(const Value& a, const Value& b, Span span);
Value modulo_values(const Value& a, const Value& b, Span span);
Value negate_value(const Value& a, Span span);

}  // namespace accord::eval::detail
