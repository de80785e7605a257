#include "eval/time_functions.hpp"

#include <accord/eval/time.hpp>

#include <gtest/gtest.h>

#include <vector>

namespace accord::eval::detail {
namespace {

Value call_with(FunctionImpl f, std::vector<Value> values) {
  std::vector<const Value*> args;
  for (const Value& v : values) args.push_back(&v);
  return f(args, CallContext{{0, 1}, 1 << 20});
}

Value at(const char* text) { return Value::timestamp(*parse_timestamp(text)); }

TEST(TimestampAccessors, ReadUtcFields) {
  Value t = at("2009-02-13T23:31:30Z");
  EXPECT_EQ(call_with(time_accessor<TimeField::FullYear>, {t}).as_int(), 2009);
  EXPECT_EQ(call_with(time_accessor<TimeField::Month>, {t}).as_int(), 1);  // from 0
  EXPECT_EQ(call_with(time_accessor<TimeField::Date>, {t}).as_int(), 13);  // from 1
  EXPECT_EQ(call_with(time_accessor<TimeField::DayOfMonth>, {t}).as_int(), 12);
  EXPECT_EQ(call_with(time_accessor<TimeField::DayOfWeek>, {t}).as_int(), 5);  // Friday
  EXPECT_EQ(call_with(time_accessor<TimeField::DayOfYear>, {t}).as_int(), 43);
  EXPECT_EQ(call_with(time_accessor<TimeField::Hours>, {t}).as_int(), 23);
  EXPECT_EQ(call_with(time_accessor<TimeField::Minutes>, {t}).as_int(), 31);
  EXPECT_EQ(call_with(time_accessor<TimeField::Seconds>, {t}).as_int(), 30);
  EXPECT_EQ(call_with(time_accessor<TimeField::Milliseconds>, {at("2009-02-13T23:31:20.123456789Z")}).as_int(), 123);
}

TEST(TimestampAccessors, ReadFieldsInAZone) {
  Value t = at("2009-02-13T23:31:30Z");
  EXPECT_EQ(call_with(time_accessor<TimeField::Date>, {t, Value::string("Australia/Sydney")}).as_int(), 14);
  EXPECT_EQ(call_with(time_accessor<TimeField::Minutes>, {t, Value::string("Asia/Kathmandu")}).as_int(), 16);
  EXPECT_EQ(call_with(time_accessor<TimeField::Hours>, {t, Value::string("02:00")}).as_int(), 1);
  EXPECT_EQ(call_with(time_accessor<TimeField::DayOfMonth>, {at("2009-02-13T02:00:00Z"), Value::string("-02:30")}).as_int(), 11);
  // Summer time: London is an hour ahead of UTC in July.
  EXPECT_EQ(call_with(time_accessor<TimeField::Hours>, {at("2025-07-01T12:00:00Z"), Value::string("Europe/London")}).as_int(), 13);
  EXPECT_EQ(call_with(time_accessor<TimeField::Hours>, {at("2025-01-01T12:00:00Z"), Value::string("Europe/London")}).as_int(), 12);
}

TEST(TimestampAccessors, AnUnknownZoneIsAnError) {
  Value bad = call_with(time_accessor<TimeField::Hours>, {at("2009-02-13T23:31:30Z"), Value::string("Mars/Olympus")});
  ASSERT_TRUE(bad.is_error());
  EXPECT_NE(bad.as_error().message.find("unknown time zone 'Mars/Olympus'"), std::string::npos);
  EXPECT_TRUE(call_with(time_accessor<TimeField::Hours>, {at("2009-02-13T23:31:30Z"), Value::integer(2)}).is_error());
}

TEST(DurationAccessors, CountWholeUnits) {
  EXPECT_EQ(call_with(time_accessor<TimeField::Hours>, {Value::duration({10000, 0})}).as_int(), 2);
  EXPECT_EQ(call_with(time_accessor<TimeField::Minutes>, {Value::duration({3730, 0})}).as_int(), 62);
  EXPECT_EQ(call_with(time_accessor<TimeField::Seconds>, {Value::duration({3730, 0})}).as_int(), 3730);
  EXPECT_EQ(call_with(time_accessor<TimeField::Milliseconds>, {Value::duration({123, 321456789})}).as_int(), 321);
  // -1.5s: the sign follows the duration.
  EXPECT_EQ(call_with(time_accessor<TimeField::Seconds>, {Value::duration({-2, 500000000})}).as_int(), -1);
  EXPECT_EQ(call_with(time_accessor<TimeField::Milliseconds>, {Value::duration({-2, 500000000})}).as_int(), -500);
}

TEST(DurationAccessors, CalendarFieldsDoNotApply) {
  EXPECT_EQ(call_with(time_accessor<TimeField::FullYear>, {Value::duration({1, 0})}).as_error().message,
            "no matching overload for 'getFullYear' applied to (duration)");
  EXPECT_TRUE(call_with(time_accessor<TimeField::Hours>, {Value::duration({1, 0}), Value::string("UTC")}).is_error());
  EXPECT_TRUE(call_with(time_accessor<TimeField::Hours>, {Value::integer(1)}).is_error());
}

TEST(CalendarFunctions, DaysAreFixedLengths) {
  EXPECT_EQ(call_with(days_function, {Value::integer(14)}).as_duration(), (Duration{14 * 86400, 0}));
  EXPECT_EQ(call_with(days_function, {Value::integer(-1)}).as_duration(), (Duration{-86400, 0}));
  EXPECT_EQ(call_with(days_function, {Value::integer(1'000'000)}).as_error().message, "duration out of range");
  EXPECT_TRUE(call_with(days_function, {Value::real(1.5)}).is_error());
}

TEST(CalendarFunctions, MonthsAndYearsArePeriods) {
  EXPECT_EQ(call_with(months_function, {Value::integer(6)}).as_period(), (Period{6, {}}));
  EXPECT_EQ(call_with(years_function, {Value::integer(2)}).as_period(), (Period{24, {}}));
  EXPECT_EQ(call_with(months_function, {Value::unsigned_integer(3)}).as_period(), (Period{3, {}}));
  EXPECT_TRUE(call_with(years_function, {Value::integer(INT64_MAX / 6)}).is_error());
  EXPECT_TRUE(call_with(months_function, {Value::string("6")}).is_error());
}

}  // namespace
}  // namespace accord::eval::detail
