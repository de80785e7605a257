#include "eval/arithmetic.hpp"

#include <accord/eval/time.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace accord::eval::detail {
namespace {

constexpr std::int64_t kMin = std::numeric_limits<std::int64_t>::min();
constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
constexpr std::uint64_t kUintMax = std::numeric_limits<std::uint64_t>::max();
const Span kAt{4, 9};

std::string error_of(const Value& v) { return v.is_error() ? v.as_error().message : "(no error)"; }

TEST(Arithmetic, IntegersAddSubtractMultiplyDivide) {
  EXPECT_EQ(add_values(Value::integer(40), Value::integer(2), kAt).as_int(), 42);
  EXPECT_EQ(subtract_values(Value::integer(-42), Value::integer(-12), kAt).as_int(), -30);
  EXPECT_EQ(multiply_values(Value::integer(40), Value::integer(-2), kAt).as_int(), -80);
  EXPECT_EQ(divide_values(Value::integer(-80), Value::integer(-2), kAt).as_int(), 40);
  EXPECT_EQ(modulo_values(Value::integer(43), Value::integer(-5), kAt).as_int(), 3);
  EXPECT_EQ(modulo_values(Value::integer(-3), Value::integer(5), kAt).as_int(), -3);
  EXPECT_EQ(add_values(Value::unsigned_integer(42), Value::unsigned_integer(2), kAt).as_uint(), 44u);
}

TEST(Arithmetic, IntegerOverflowIsAnError) {
  for (const Value& v : {add_values(Value::integer(kMax), Value::integer(1), kAt),
                         subtract_values(Value::integer(kMin), Value::integer(1), kAt),
                         multiply_values(Value::integer(5000000000), Value::integer(5000000000), kAt),
                         multiply_values(Value::integer(kMin), Value::integer(-1), kAt),
                         divide_values(Value::integer(kMin), Value::integer(-1), kAt),
                         modulo_values(Value::integer(kMin), Value::integer(-1), kAt),
                         negate_value(Value::integer(kMin), kAt),
                         add_values(Value::unsigned_integer(kUintMax), Value::unsigned_integer(1), kAt),
                         subtract_values(Value::unsigned_integer(0), Value::unsigned_integer(1), kAt)}) {
    EXPECT_EQ(error_of(v), "integer overflow");
    EXPECT_EQ(v.as_error().span, kAt);
  }
}

TEST(Arithmetic, DivisionByZeroIsAnError) {
  EXPECT_EQ(error_of(divide_values(Value::integer(15), Value::integer(0), kAt)), "division by zero");
  EXPECT_EQ(error_of(divide_values(Value::unsigned_integer(15), Value::unsigned_integer(0), kAt)),
            "division by zero");
  EXPECT_EQ(error_of(modulo_values(Value::integer(34), Value::integer(0), kAt)), "modulo by zero");
  EXPECT_EQ(error_of(modulo_values(Value::unsigned_integer(34), Value::unsigned_integer(0), kAt)),
            "modulo by zero");
}

TEST(Arithmetic, DoublesFollowIeee) {
  EXPECT_EQ(divide_values(Value::real(15.75), Value::real(0.0), kAt).as_double(),
            std::numeric_limits<double>::infinity());
  EXPECT_TRUE(std::signbit(negate_value(Value::real(0.0), kAt).as_double()));
  EXPECT_EQ(error_of(modulo_values(Value::real(47.5), Value::real(5.5), kAt)),
            "no matching overload for '_%_' applied to (double, double)");
}

TEST(Arithmetic, MixedNumericKindsHaveNoOverload) {
  EXPECT_EQ(error_of(add_values(Value::integer(1), Value::unsigned_integer(1), kAt)),
            "no matching overload for '_+_' applied to (int, uint)");
  EXPECT_EQ(error_of(add_values(Value::integer(1), Value::string("a"), kAt)),
            "no matching overload for '_+_' applied to (int, string)");
  EXPECT_EQ(error_of(negate_value(Value::unsigned_integer(5), kAt)),
            "no matching overload for '-_' applied to (uint)");
  EXPECT_EQ(error_of(negate_value(Value::boolean(false), kAt)),
            "no matching overload for '-_' applied to (bool)");
}

TEST(Arithmetic, ConcatenatesStringsBytesAndLists) {
  EXPECT_EQ(add_values(Value::string("he"), Value::string("llo"), kAt).as_string(), "hello");
  EXPECT_EQ(add_values(Value::bytes("ab"), Value::bytes("c"), kAt).as_bytes(), "abc");
  Value joined = add_values(Value::list({Value::integer(1)}), Value::list({Value::integer(2)}), kAt);
  ASSERT_EQ(joined.kind(), Kind::List);
  ASSERT_EQ(joined.as_list().size(), 2u);
  EXPECT_EQ(joined.as_list()[1].as_int(), 2);
}

TEST(Arithmetic, TimestampsAndDurations) {
  Timestamp t{1234567890, 0};
  Value later = add_values(Value::timestamp(t), Value::duration({240, 0}), kAt);
  EXPECT_EQ(later.as_timestamp(), (Timestamp{1234568130, 0}));
  EXPECT_EQ(add_values(Value::duration({240, 0}), Value::timestamp(t), kAt).as_timestamp(),
            (Timestamp{1234568130, 0}));
  EXPECT_EQ(subtract_values(Value::timestamp({100, 0}), Value::timestamp({40, 0}), kAt).as_duration(),
            (Duration{60, 0}));
  EXPECT_EQ(subtract_values(Value::duration({900, 0}), Value::duration({42, 0}), kAt).as_duration(),
            (Duration{858, 0}));
  EXPECT_EQ(negate_value(Value::duration({1, 500000000}), kAt).as_duration(), (Duration{-2, 500000000}));
}

TEST(Arithmetic, TimeRangesAreChecked) {
  Timestamp last{kMaxTimestampSeconds, 0};
  EXPECT_EQ(error_of(add_values(Value::timestamp(last), Value::duration({1, 0}), kAt)),
            "timestamp out of range");
  EXPECT_EQ(error_of(subtract_values(Value::timestamp(last), Value::timestamp({kMinTimestampSeconds, 0}), kAt)),
            "duration out of range");
  EXPECT_EQ(error_of(add_values(Value::duration(kMaxDuration), Value::duration({1, 0}), kAt)),
            "duration out of range");
}

TEST(Arithmetic, PeriodsMoveByCalendarMonths) {
  auto start = parse_timestamp("2025-08-31T00:00:00Z");
  ASSERT_TRUE(start);
  Value due = add_values(Value::timestamp(*start), Value::period({6, {}}), kAt);
  EXPECT_EQ(format_timestamp(due.as_timestamp()), "2026-02-28T00:00:00Z");
  Value leap = add_values(Value::period({6, {}}), Value::timestamp(*parse_timestamp("2023-08-31T12:00:00Z")), kAt);
  EXPECT_EQ(format_timestamp(leap.as_timestamp()), "2024-02-29T12:00:00Z");
  Value back = subtract_values(Value::timestamp(*parse_timestamp("2024-03-31T00:00:00Z")),
                               Value::period({1, {}}), kAt);
  EXPECT_EQ(format_timestamp(back.as_timestamp()), "2024-02-29T00:00:00Z");
}

TEST(Arithmetic, PeriodsCombineWithPeriodsAndDurations) {
  Value sum = add_values(Value::period({1, {}}), Value::period({2, {86400, 0}}), kAt);
  EXPECT_EQ(sum.as_period(), (Period{3, {86400, 0}}));
  Value with_days = add_values(Value::period({1, {}}), Value::duration({14 * 86400, 0}), kAt);
  EXPECT_EQ(with_days.as_period(), (Period{1, {14 * 86400, 0}}));
  Value difference = subtract_values(Value::period({6, {}}), Value::period({1, {}}), kAt);
  EXPECT_EQ(difference.as_period(), (Period{5, {}}));
  EXPECT_EQ(negate_value(Value::period({2, {}}), kAt).as_period(), (Period{-2, {}}));
  EXPECT_TRUE(add_values(Value::period({kMax, {}}), Value::period({1, {}}), kAt).is_error());
  EXPECT_EQ(error_of(multiply_values(Value::period({1, {}}), Value::integer(2), kAt)),
            "no matching overload for '_*_' applied to (period, int)");
}

}  // namespace
}  // namespace accord::eval::detail
