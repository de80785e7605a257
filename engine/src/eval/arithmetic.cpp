#include "eval/arithmetic.hpp"

#include "eval/errors.hpp"

#include <accord/eval/time.hpp>

#include <cstdint>
#include <limits>
#include <optional>
#include <string>

namespace accord::eval::detail {

namespace {

constexpr std::int64_t kInt64Min = std::numeric_limits<std::int64_t>::min();

Value timestamp_or_error(std::optional<Timestamp> t, Span span) {
  if (!t) return Value::error("timestamp out of range", span);
  return Value::timestamp(*t);
}

Value duration_or_error(std::optional<Duration> d, Span span) {
  if (!d) return Value::error("duration out of range", span);
  return Value::duration(*d);
}

Value period_or_error(std::optional<Period> p, Span span) {
  if (!p) return Value::error("period out of range", span);
  return Value::period(*p);
}

std::string concatenate(std::string_view a, std::string_view b) {
  std::string joined;
  joined.reserve(a.size() + b.size());
  joined.append(a);
  joined.append(b);
  return joined;
}

}  // namespace

Value add_values(const Value& a, const Value& b, Span span) {
  switch (a.kind()) {
    case Kind::Int:
      if (b.kind() == Kind::Int) {
        std::int64_t sum;
        if (__builtin_add_overflow(a.as_int(), b.as_int(), &sum)) return integer_overflow(span);
        return Value::integer(sum);
      }
      break;
    case Kind::Uint:
      if (b.kind() == Kind::Uint) {
        std::uint64_t sum;
        if (__builtin_add_overflow(a.as_uint(), b.as_uint(), &sum)) return integer_overflow(span);
        return Value::unsigned_integer(sum);
      }
      break;
    case Kind::Double:
      if (b.kind() == Kind::Double) return Value::real(a.as_double() + b.as_double());
      break;
    case Kind::String:
      if (b.kind() == Kind::String) return Value::string(concatenate(a.as_string(), b.as_string()));
      break;
    case Kind::Bytes:
      if (b.kind() == Kind::Bytes) return Value::bytes(concatenate(a.as_bytes(), b.as_bytes()));
      break;
    case Kind::List:
      if (b.kind() == Kind::List) {
        if (b.as_list().empty()) return a;
        if (a.as_list().empty()) return b;
        List joined;
        joined.reserve(a.as_list().size() + b.as_list().size());
        joined.insert(joined.end(), a.as_list().begin(), a.as_list().end());
        joined.insert(joined.end(), b.as_list().begin(), b.as_list().end());
        return Value::list(std::move(joined));
      }
      break;
    case Kind::Timestamp:
      if (b.kind() == Kind::Duration) return timestamp_or_error(add(a.as_timestamp(), b.as_duration()), span);
      if (b.kind() == Kind::Period) return timestamp_or_error(add(a.as_timestamp(), b.as_period()), span);
      break;
    case Kind::Duration:
      if (b.kind() == Kind::Timestamp) return timestamp_or_error(add(b.as_timestamp(), a.as_duration()), span);
      if (b.kind() == Kind::Duration) return duration_or_error(add(a.as_duration(), b.as_duration()), span);
      if (b.kind() == Kind::Period) {
        return period_or_error(add(Period{0, a.as_duration()}, b.as_period()), span);
      }
      break;
    case Kind::Period:
      if (b.kind() == Kind::Timestamp) return timestamp_or_error(add(b.as_timestamp(), a.as_period()), span);
      if (b.kind() == Kind::Period) return period_or_error(add(a.as_period(), b.as_period()), span);
      if (b.kind() == Kind::Duration) {
        return period_or_error(add(a.as_period(), Period{0, b.as_duration()}), span);
      }
      break;
    default:
      break;
  }
  return no_overload("_+_", {a.kind(), b.kind()}, span);
}

Value subtract_values(const Value& a, const Value& b, Span span) {
  switch (a.kind()) {
    case Kind::Int:
      if (b.kind() == Kind::Int) {
        std::int64_t difference;
        if (__builtin_sub_overflow(a.as_int(), b.as_int(), &difference)) return integer_overflow(span);
        return Value::integer(difference);
      }
      break;
    case Kind::Uint:
      if (b.kind() == Kind::Uint) {
        std::uint64_t difference;
        if (__builtin_sub_overflow(a.as_uint(), b.as_uint(), &difference)) return integer_overflow(span);
        return Value::unsigned_integer(difference);
      }
      break;
    case Kind::Double:
      if (b.kind() == Kind::Double) return Value::real(a.as_double() - b.as_double());
      break;
    case Kind::Timestamp:
      if (b.kind() == Kind::Duration) return timestamp_or_error(subtract(a.as_timestamp(), b.as_duration()), span);
      if (b.kind() == Kind::Timestamp) return duration_or_error(difference(a.as_timestamp(), b.as_timestamp()), span);
      if (b.kind() == Kind::Period) return timestamp_or_error(subtract(a.as_timestamp(), b.as_period()), span);
      break;
    case Kind::Duration:
      if (b.kind() == Kind::Duration) return duration_or_error(subtract(a.as_duration(), b.as_duration()), span);
      break;
    case Kind::Period:
      if (b.kind() == Kind::Period || b.kind() == Kind::Duration) {
        auto negated = b.kind() == Kind::Period ? negate(b.as_period())
                                                 : negate(Period{0, b.as_duration()});
        if (!negated) return Value::error("period out of range", span);
        return period_or_error(add(a.as_period(), *negated), span);
      }
      break;
    default:
      break;
  }
  return no_overload("_-_", {a.kind(), b.kind()}, span);
}

Value multiply_values(const Value& a, const Value& b, Span span) {
  if (a.kind() == Kind::Int && b.kind() == Kind::Int) {
    std::int64_t product;
    if (__builtin_mul_overflow(a.as_int(), b.as_int(), &product)) return integer_overflow(span);
    return Value::integer(product);
  }
  if (a.kind() == Kind::Uint && b.kind() == Kind::Uint) {
    std::uint64_t product;
    if (__builtin_mul_overflow(a.as_uint(), b.as_uint(), &product)) return integer_overflow(span);
    return Value::unsigned_integer(product);
  }
  if (a.kind() == Kind::Double && b.kind() == Kind::Double) {
    return Value::real(a.as_double() * b.as_double());
  }
  return no_overload("_*_", {a.kind(), b.kind()}, span);
}

Value divide_values(const Value& a, const Value& b, Span span) {
  if (a.kind() == Kind::Int && b.kind() == Kind::Int) {
    if (b.as_int() == 0) return Value::error("division by zero", span);
    if (a.as_int() == kInt64Min && b.as_int() == -1) return integer_overflow(span);
    return Value::integer(a.as_int() / b.as_int());
  }
  if (a.kind() == Kind::Uint && b.kind() == Kind::Uint) {
    if (b.as_uint() == 0) return Value::error("division by zero", span);
    return Value::unsigned_integer(a.as_uint() / b.as_uint());
  }
  if (a.kind() == Kind::Double && b.kind() == Kind::Double) {
    return Value::real(a.as_double() / b.as_double());  // IEEE: x / 0.0 is ±inf or NaN
  }
  return no_overload("_/_", {a.kind(), b.kind()}, span);
}

Value modulo_values(const Value& a, const Value& b, Span span) {
  if (a.kind() == Kind::Int && b.kind() == Kind::Int) {
    if (b.as_int() == 0) return Value::error("modulo by zero", span);
    if (a.as_int() == kInt64Min && b.as_int() == -1) return integer_overflow(span);
    return Value::integer(a.as_int() % b.as_int());
  }
  if (a.kind() == Kind::Uint && b.kind() == Kind::Uint) {
    if (b.as_uint() == 0) return Value::error("modulo by zero", span);
    return Value::unsigned_integer(a.as_uint() % b.as_uint());
  }
  return no_overload("_%_", {a.kind(), b.kind()}, span);
}

Value negate_value(const Value& a, Span span) {
  switch (a.kind()) {
    case Kind::Int:
      if (a.as_int() == kInt64Min) return integer_overflow(span);
      return Value::integer(-a.as_int());
    case Kind::Double:
      return Value::real(-a.as_double());
    case Kind::Duration:
      return duration_or_error(negate(a.as_duration()), span);
    case Kind::Period:
      return period_or_error(negate(a.as_period()), span);
    default:
      return no_overload("-_", {a.kind()}, span);
  }
}

}  // namespace accord::eval::detail
