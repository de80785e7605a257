// Type conversions: int, uint, double, string, bytes, bool, type,
// timestamp and duration, each with CEL's accepted inputs and range checks.
#pragma once

#include "eval/functions.hpp"

#include <string>

namespace accord::eval::detail {

Value int_function(std::span<const Value* const> args, const CallContext& context);
Value uint_function(std::span<const Value* const> args, const CallContext& context);
Value double_function(std::span<const Value* const> args, const CallContext& context);
Value string_function(std::span<const Value* const> args, const CallContext& context);
Value bytes_function(std::span<const Value* const> args, const CallContext& context);
Value bool_function(std::span<const Value* const> args, const CallContext& context);
Value type_function(std::span<const Value* const> args, const CallContext& context);
Value timestamp_function(std::span<const Value* const> args, const CallContext& context);
Value duration_function(std::span<const Value* const> args, const CallContext& context);

// A double as string() writes it: the shortest text that reads back as the
// same double ("123.456", "-0.0045", "1e+20"), or "NaN", "Infinity",
// "-Infinity".
std::string format_double(double d);

}  // namespace accord::eval::detail
