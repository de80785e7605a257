#include "eval/time_functions.hpp"

#include "eval/errors.hpp"

#include <accord/eval/time.hpp>

#include <string>

namespace accord::eval::detail {

namespace {

constexpr std::int64_t kNanosPerSecond = 1'000'000'000;

const char* accessor_name(TimeField field) {
  switch (field) {
    case TimeField::FullYear: return "getFullYear";
    case TimeField::Month: return "getMonth";
    case TimeField::Date: return "getDate";
    case TimeField::DayOfMonth: return "getDayOfMonth";
    case TimeField::DayOfWeek: return "getDayOfWeek";
    case TimeField::DayOfYear: return "getDayOfYear";
    case TimeField::Hours: return "getHours";
    case TimeField::Minutes: return "getMinutes";
    case TimeField::Seconds: return "getSeconds";
    case TimeField::Milliseconds: return "getMilliseconds";
  }
  return "?";
}

// CEL's accessors count months, days of the month and days of the year
// from 0, and getDate() from 1.
std::int64_t civil_field(TimeField field, const CivilTime& civil) {
  switch (field) {
    case TimeField::FullYear: return civil.year;
    case TimeField::Month: return civil.month - 1;
    case TimeField::Date: return civil.day;
    case TimeField::DayOfMonth: return civil.day - 1;
    case TimeField::DayOfWeek: return civil.day_of_week;
    case TimeField::DayOfYear: return civil.day_of_year - 1;
    case TimeField::Hours: return civil.hour;
    case TimeField::Minutes: return civil.minute;
    case TimeField::Seconds: return civil.second;
    case TimeField::Milliseconds: return civil.millisecond;
  }
  return 0;
}

// Whole hours, minutes or seconds in the duration, truncated towards zero;
// milliseconds: the millisecond part of the fraction, with the sign of d.
std::optional<std::int64_t> duration_field(TimeField field, Duration d) {
  auto nanos = to_nanos(d);
  if (!nanos) return std::nullopt;
  switch (field) {
    case TimeField::Hours: return *nanos / (3600 * kNanosPerSecond);
    case TimeField::Minutes: return *nanos / (60 * kNanosPerSecond);
    case TimeField::Seconds: return *nanos / kNanosPerSecond;
    case TimeField::Milliseconds: return (*nanos % kNanosPerSecond) / 1'000'000;
    default: return std::nullopt;
  }
}

bool applies_to_durations(TimeField field) {
  return field == TimeField::Hours || field == TimeField::Minutes ||
         field == TimeField::Seconds || field == TimeField::Milliseconds;
}

Value whole_number_overload_error(std::string_view name, const Value& n, Span span) {
  return no_overload(name, {n.kind()}, span);
}

// The int (or uint) argument of days/months/years, or nullopt.
std::optional<std::int64_t> count_argument(const Value& n) {
  if (n.kind() == Kind::Int) return n.as_int();
  if (n.kind() == Kind::Uint && n.as_uint() <= static_cast<std::uint64_t>(INT64_MAX)) {
    return static_cast<std::int64_t>(n.as_uint());
  }
  return std::nullopt;
}

}  // namespace

template <TimeField field>
Value time_accessor(std::span<const Value* const> args, const CallContext& context) {
  const Value& target = *args[0];
  const char* name = accessor_name(field);
  if (target.kind() == Kind::Timestamp) {
    std::string_view zone = "UTC";
    if (args.size() == 2) {
      if (args[1]->kind() != Kind::String) {
        return no_overload(name, {target.kind(), args[1]->kind()}, context.span);
      }
      zone = args[1]->as_string();
    }
    auto civil = civil_time(target.as_timestamp(), zone);
    if (!civil) {
      return Value::error("unknown time zone '" + std::string(zone) +
                              "' (expected an IANA name like Europe/London or an offset like +01:00)",
                          context.span);
    }
    return Value::integer(civil_field(field, *civil));
  }
  if (target.kind() == Kind::Duration && args.size() == 1 && applies_to_durations(field)) {
    auto value = duration_field(field, target.as_duration());
    if (!value) return Value::error("duration out of range", context.span);
    return Value::integer(*value);
  }
  if (args.size() == 2) return no_overload(name, {target.kind(), args[1]->kind()}, context.span);
  return no_overload(name, {target.kind()}, context.span);
}

template Value time_accessor<TimeField::FullYear>(std::span<const Value* const>, const CallContext&);
template Value time_accessor<TimeField::Month>(std::span<const Value* const>, const CallContext&);
template Value time_accessor<TimeField::Date>(std::span<const Value* const>, const CallContext&);
template Value time_accessor<TimeField::DayOfMonth>(std::span<const Value* const>, const CallContext&);
template Value time_accessor<TimeField::DayOfWeek>(std::span<const Value* const>, const CallContext&);
template Value time_accessor<TimeField::DayOfYear>(std::span<const Value* const>, const CallContext&);
template Value time_accessor<TimeField::Hours>(std::span<const Value* const>, const CallContext&);
template Value time_accessor<TimeField::Minutes>(std::span<const Value* const>, const CallContext&);
template Value time_accessor<TimeField::Seconds>(std::span<const Value* const>, const CallContext&);
template Value time_accessor<TimeField::Milliseconds>(std::span<const Value* const>, const CallContext&);

Value days_function(std::span<const Value* const> args, const CallContext& context) {
  auto days = count_argument(*args[0]);
  if (!days) return whole_number_overload_error("days", *args[0], context.span);
  std::int64_t nanos;
  if (__builtin_mul_overflow(*days, 86400 * kNanosPerSecond, &nanos)) {
    return Value::error("duration out of range", context.span);
  }
  return Value::duration(duration_from_nanos(nanos));
}

Value months_function(std::span<const Value* const> args, const CallContext& context) {
  auto months = count_argument(*args[0]);
  if (!months) return whole_number_overload_error("months", *args[0], context.span);
  return Value::period(Period{*months, {}});
}

Value years_function(std::span<const Value* const> args, const CallContext& context) {
  auto years = count_argument(*args[0]);
  if (!years) return whole_number_overload_error("years", *args[0], context.span);
  std::int64_t months;
  if (__builtin_mul_overflow(*years, 12, &months)) {
    return Value::error("period out of range", context.span);
  }
  return Value::period(Period{months, {}});
}

}  // namespace accord::eval::detail
