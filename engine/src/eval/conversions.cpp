#include "eval/conversions.hpp"

#include "eval/errors.hpp"
#include "utf8.hpp"

#include <accord/eval/operators.hpp>
#include <accord/eval/time.hpp>

#include <charconv>
#include <cmath>
#include <limits>
#include <system_error>

namespace accord::eval::detail {

namespace {

constexpr double kTwoTo63 = 9223372036854775808.0;
constexpr double kTwoTo64 = 18446744073709551616.0;

Value out_of_range(std::string_view target, const Value& value, Span span) {
  std::string message(kind_label(value.kind()));
  message += " value out of range for ";
  message += target;
  return Value::error(std::move(message), span);
}

Value not_convertible(std::string_view target, std::string_view text, Span span) {
  std::string message = "cannot convert '";
  message += text;
  message += "' to ";
  message += target;
  return Value::error(std::move(message), span);
}

// Parses all of `text` as a number of type T (decimal; a leading '+' is
// allowed, as CEL's reference implementation allows it).
template <class T>
std::optional<T> parse_number(std::string_view text) {
  if (text.starts_with('+')) {
    text.remove_prefix(1);
    if (text.starts_with('-') || text.starts_with('+')) return std::nullopt;
  }
  if (text.empty()) return std::nullopt;
  T value{};
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

}  // namespace

std::string format_double(double d) {
  if (std::isnan(d)) return "NaN";
  if (std::isinf(d)) return d > 0 ? "Infinity" : "-Infinity";
  char buffer[32];
  auto end = std::to_chars(buffer, buffer + sizeof buffer, d).ptr;
  return std::string(buffer, end);
}

Value int_function(std::span<const Value* const> args, const CallContext& context) {
  const Value& value = *args[0];
  switch (value.kind()) {
    case Kind::Int: return value;
    case Kind::Uint:
      if (value.as_uint() > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
        return out_of_range("int", value, context.span);
      }
      return Value::integer(static_cast<std::int64_t>(value.as_uint()));
    case Kind::Double: {
      // Both ends are excluded: -2^63 itself is refused, as CEL's
      // conformance tests require.
      double d = value.as_double();
      if (!(d > -kTwoTo63 && d < kTwoTo63)) return out_of_range("int", value, context.span);
      return Value::integer(static_cast<std::int64_t>(d));
    }
    case Kind::String: {
      auto parsed = parse_number<std::int64_t>(value.as_string());
      if (!parsed) return not_convertible("int", value.as_string(), context.span);
      return Value::integer(*parsed);
    }
    case Kind::Timestamp: return Value::integer(value.as_timestamp().seconds);
    default: return no_overload("int", {value.kind()}, context.span);
  }
}

Value uint_function(std::span<const Value* const> args, const CallContext& context) {
  const Value& value = *args[0];
  switch (value.kind()) {
    case Kind::Uint: return value;
    case Kind::Int:
      if (value.as_int() < 0) return out_of_range("uint", value, context.span);
      return Value::unsigned_integer(static_cast<std::uint64_t>(value.as_int()));
    case Kind::Double: {
      double d = value.as_double();
      if (!(d > -1.0 && d < kTwoTo64)) return out_of_range("uint", value, context.span);
      return Value::unsigned_integer(static_cast<std::uint64_t>(d));
    }
    case Kind::String: {
      auto parsed = parse_number<std::uint64_t>(value.as_string());
      if (!parsed) return not_convertible("uint", value.as_string(), context.span);
      return Value::unsigned_integer(*parsed);
    }
    default: return no_overload("uint", {value.kind()}, context.span);
  }
}

Value double_function(std::span<const Value* const> args, const CallContext& context) {
  const Value& value = *args[0];
  switch (value.kind()) {
    case Kind::Double: return value;
    case Kind::Int: return Value::real(static_cast<double>(value.as_int()));
    case Kind::Uint: return Value::real(static_cast<double>(value.as_uint()));
    case Kind::String: {
      // Accepts decimal and exponent forms and "inf", "infinity", "nan" in
      // any case; a number too large for a double is an error.
      auto parsed = parse_number<double>(value.as_string());
      if (!parsed) return not_convertible("double", value.as_string(), context.span);
      return Value::real(*parsed);
    }
    default: return no_overload("double", {value.kind()}, context.span);
  }
}

Value string_function(std::span<const Value* const> args, const CallContext& context) {
  const Value& value = *args[0];
  switch (value.kind()) {
    case Kind::String: return value;
    case Kind::Int: return Value::string(std::to_string(value.as_int()));
    case Kind::Uint: return Value::string(std::to_string(value.as_uint()));
    case Kind::Double: return Value::string(format_double(value.as_double()));
    case Kind::Bool: return Value::string(value.as_bool() ? "true" : "false");
    case Kind::Bytes:
      if (!accord::detail::is_valid_utf8(value.as_bytes())) {
        return Value::error("bytes are not valid UTF-8 text", context.span);
      }
      return Value::string(std::string(value.as_bytes()));
    case Kind::Timestamp: return Value::string(format_timestamp(value.as_timestamp()));
    case Kind::Duration: return Value::string(format_duration(value.as_duration()));
    case Kind::Period: return Value::string(format_period(value.as_period()));
    default: return no_overload("string", {value.kind()}, context.span);
  }
}

Value bytes_function(std::span<const Value* const> args, const CallContext& context) {
  const Value& value = *args[0];
  switch (value.kind()) {
    case Kind::Bytes: return value;
    case Kind::String: return Value::bytes(std::string(value.as_string()));
    default: return no_overload("bytes", {value.kind()}, context.span);
  }
}

Value bool_function(std::span<const Value* const> args, const CallContext& context) {
  const Value& value = *args[0];
  switch (value.kind()) {
    case Kind::Bool: return value;
    case Kind::String: {
      std::string_view text = value.as_string();
      if (text == "1" || text == "t" || text == "true" || text == "TRUE" || text == "True") {
        return Value::boolean(true);
      }
      if (text == "0" || text == "f" || text == "false" || text == "FALSE" || text == "False") {
        return Value::boolean(false);
      }
      return not_convertible("bool", text, context.span);
    }
    default: return no_overload("bool", {value.kind()}, context.span);
  }
}

Value type_function(std::span<const Value* const> args, const CallContext&) {
  return Value::type(args[0]->kind());
}

Value timestamp_function(std::span<const Value* const> args, const CallContext& context) {
  const Value& value = *args[0];
  switch (value.kind()) {
    case Kind::Timestamp: return value;
    case Kind::String: {
      auto parsed = parse_timestamp(value.as_string());
      if (!parsed || !in_range(*parsed)) {
        return Value::error("invalid timestamp '" + std::string(value.as_string()) +
                                "' (expected RFC 3339 between years 1 and 9999, like "
                                "2025-01-10T09:30:00Z)",
                            context.span);
      }
      return Value::timestamp(*parsed);
    }
    case Kind::Int: {
      Timestamp t{value.as_int(), 0};
      if (!in_range(t)) return out_of_range("timestamp", value, context.span);
      return Value::timestamp(t);
    }
    default: return no_overload("timestamp", {value.kind()}, context.span);
  }
}

Value duration_function(std::span<const Value* const> args, const CallContext& context) {
  const Value& value = *args[0];
  switch (value.kind()) {
    case Kind::Duration: return value;
    case Kind::String: {
      auto parsed = parse_duration(value.as_string());
      if (!parsed || !in_range(*parsed)) {
        return Value::error("invalid duration '" + std::string(value.as_string()) +
                                "' (expected a number with a unit h, m, s, ms, us or ns, like "
                                "1h30m, within about 10,000 years)",
                            context.span);
      }
      return Value::duration(*parsed);
    }
    default: return no_overload("duration", {value.kind()}, context.span);
  }
}

}  // namespace accord::eval::detail
