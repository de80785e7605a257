// Timestamp and duration accessors (getFullYear ... getMilliseconds, with
// an optional time zone on timestamps) and the calendar functions of
// agreements: days(n), months(n), years(n).
#pragma once

#include "eval/functions.hpp"

namespace accord::eval::detail {

enum class TimeField {
  FullYear, Month, Date, DayOfMonth, DayOfWeek, DayOfYear,
  Hours, Minutes, Seconds, Milliseconds,
};

// ts.getX() and ts.getX(zone) on timestamps; d.getHours(), getMinutes(),
// getSeconds() and getMilliseconds() on durations.
template <TimeField field>
Value time_accessor(std::span<const Value* const> args, const CallContext& context);

extern template Value time_accessor<TimeField::FullYear>(std::span<const Value* const>, const CallContext&);
extern template Value time_accessor<TimeField::Month>(std::span<const Value* const>, const CallContext&);
extern template Value time_accessor<TimeField::Date>(std::span<const Value* const>, const CallContext&);
extern template Value time_accessor<TimeField::DayOfMonth>(std::span<const Value* const>, const CallContext&);
extern template Value time_accessor<TimeField::DayOfWeek>(std::span<const Value* const>, const CallContext&);
extern template Value time_accessor<TimeField::DayOfYear>(std::span<const Value* const>, const CallContext&);
extern template Value time_accessor<TimeField::Hours>(std::span<const Value* const>, const CallContext&);
extern template Value time_accessor<TimeField::Minutes>(std::span<const Value* const>, const CallContext&);
extern template Value time_accessor<TimeField::Seconds>(std::span<const Value* const>, const CallContext&);
extern template Value time_accessor<TimeField::Milliseconds>(std::span<const Value* const>, const CallContext&);

// days(n): a duration of n × 24 hours.
Value days_function(std::span<const Value* const> args, const CallContext& context);
// months(n), years(n): calendar periods.
Value months_function(std::span<const Value* const> args, const CallContext& context);
Value years_function(std::span<const Value* const> args, const CallContext& context);

}  // namespace accord::eval::detail
