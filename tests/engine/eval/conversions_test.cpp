#include "eval/conversions.hpp"

#include <accord/eval/time.hpp>

#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <vector>

namespace accord::eval::detail {
namespace {

Value call_with(FunctionImpl f, const Value& argument) {
  std::array<const Value*, 1> args = {&argument};
  return f(args, CallContext{{2, 5}, 1 << 20});
}

std::string error_of(const Value& v) { return v.is_error() ? v.as_error().message : "(no error)"; }

TEST(IntConversion, AcceptsCelInputs) {
  EXPECT_EQ(call_with(int_function, Value::unsigned_integer(42)).as_int(), 42);
  EXPECT_EQ(call_with(int_function, Value::real(-7.9)).as_int(), -7);
  EXPECT_EQ(call_with(int_function, Value::real(11.5)).as_int(), 11);
  EXPECT_EQ(call_with(int_function, Value::string("987")).as_int(), 987);
  EXPECT_EQ(call_with(int_function, Value::string("-12")).as_int(), -12);
  EXPECT_EQ(call_with(int_function, Value::timestamp({1095379199, 0})).as_int(), 1095379199);
}

TEST(IntConversion, RefusesOutOfRangeAndBadText) {
  EXPECT_EQ(error_of(call_with(int_function, Value::unsigned_integer(18446744073709551615u))),
            "uint value out of range for int");
  EXPECT_TRUE(call_with(int_function, Value::real(1e19)).is_error());
  EXPECT_TRUE(call_with(int_function, Value::real(9223372036854775807.0)).is_error());
  EXPECT_TRUE(call_with(int_function, Value::real(-9223372036854775808.0)).is_error());
  EXPECT_TRUE(call_with(int_function, Value::real(std::nan(""))).is_error());
  EXPECT_EQ(error_of(call_with(int_function, Value::string("0x10"))), "cannot convert '0x10' to int");
  EXPECT_TRUE(call_with(int_function, Value::string("")).is_error());
  EXPECT_TRUE(call_with(int_function, Value::string("1.5")).is_error());
  EXPECT_TRUE(call_with(int_function, Value::string("99999999999999999999")).is_error());
  EXPECT_EQ(error_of(call_with(int_function, Value::boolean(true))),
            "no matching overload for 'int' applied to (bool)");
}

TEST(UintConversion, AcceptsAndRefuses) {
  EXPECT_EQ(call_with(uint_function, Value::integer(1729)).as_uint(), 1729u);
  EXPECT_EQ(call_with(uint_function, Value::real(25.5)).as_uint(), 25u);
  EXPECT_EQ(call_with(uint_function, Value::string("300")).as_uint(), 300u);
  EXPECT_TRUE(call_with(uint_function, Value::integer(-1)).is_error());
  EXPECT_TRUE(call_with(uint_function, Value::real(6.022e23)).is_error());
  EXPECT_TRUE(call_with(uint_function, Value::real(-1.0)).is_error());
  EXPECT_TRUE(call_with(uint_function, Value::string("-1")).is_error());
}

TEST(DoubleConversion, ParsesText) {
  EXPECT_EQ(call_with(double_function, Value::integer(-1000000000000000)).as_double(), -1e15);
  EXPECT_EQ(call_with(double_function, Value::unsigned_integer(18446744073709551615u)).as_double(),
            18446744073709551616.0);
  EXPECT_EQ(call_with(double_function, Value::string("-5.43e-21")).as_double(), -5.43e-21);
  EXPECT_TRUE(std::signbit(call_with(double_function, Value::string("-0.0")).as_double()));
  EXPECT_TRUE(std::isinf(call_with(double_function, Value::string("inf")).as_double()));
  EXPECT_TRUE(std::isnan(call_with(double_function, Value::string("NaN")).as_double()));
  EXPECT_TRUE(call_with(double_function, Value::string("1e999")).is_error());
  EXPECT_TRUE(call_with(double_function, Value::string("one")).is_error());
  EXPECT_TRUE(call_with(double_function, Value::string(" 1")).is_error());
}

TEST(StringConversion, FormatsEachKind) {
  EXPECT_EQ(call_with(string_function, Value::integer(-456)).as_string(), "-456");
  EXPECT_EQ(call_with(string_function, Value::unsigned_integer(9876)).as_string(), "9876");
  EXPECT_EQ(call_with(string_function, Value::real(123.456)).as_string(), "123.456");
  EXPECT_EQ(call_with(string_function, Value::real(-4.5e-3)).as_string(), "-0.0045");
  EXPECT_EQ(call_with(string_function, Value::boolean(true)).as_string(), "true");
  EXPECT_EQ(call_with(string_function, Value::bytes("\xc3\xbf")).as_string(), "\xc3\xbf");
  EXPECT_EQ(call_with(string_function, Value::timestamp({1234567890, 0})).as_string(), "2009-02-13T23:31:30Z");
  EXPECT_EQ(call_with(string_function, Value::duration({1000000, 0})).as_string(), "1000000s");
  EXPECT_EQ(call_with(string_function, Value::period({6, {}})).as_string(), "6mo");
}

TEST(StringConversion, RefusesInvalidUtf8) {
  EXPECT_EQ(error_of(call_with(string_function, Value::bytes(std::string("\x00\xff", 2)))),
            "bytes are not valid UTF-8 text");
}

TEST(FormatDouble, IsShortestRoundTrip) {
  EXPECT_EQ(format_double(0.1), "0.1");
  EXPECT_EQ(format_double(1e20), "1e+20");
  EXPECT_EQ(format_double(-0.0), "-0");
  EXPECT_EQ(format_double(std::nan("")), "NaN");
  EXPECT_EQ(format_double(-INFINITY), "-Infinity");
}

TEST(BytesAndBoolConversion, FollowCel) {
  EXPECT_EQ(call_with(bytes_function, Value::string("\xc3\xbf")).as_bytes(), "\xc3\xbf");
  for (const char* yes : {"1", "t", "true", "TRUE", "True"}) {
    EXPECT_TRUE(call_with(bool_function, Value::string(yes)).as_bool()) << yes;
  }
  for (const char* no : {"0", "f", "false", "FALSE", "False"}) {
    EXPECT_FALSE(call_with(bool_function, Value::string(no)).as_bool()) << no;
  }
  EXPECT_TRUE(call_with(bool_function, Value::string("TrUe")).is_error());
  EXPECT_TRUE(call_with(bool_function, Value::integer(1)).is_error());
}

TEST(TypeConversion, GivesTheKind) {
  EXPECT_EQ(call_with(type_function, Value::list({})).as_type(), Kind::List);
  EXPECT_EQ(call_with(type_function, Value::type(Kind::Int)).as_type(), Kind::Type);
  EXPECT_EQ(call_with(type_function, Value::null()).as_type(), Kind::Null);
}

TEST(TimestampConversion, FromTextAndSeconds) {
  EXPECT_EQ(call_with(timestamp_function, Value::string("2009-02-13T23:31:30Z")).as_timestamp(),
            (Timestamp{1234567890, 0}));
  EXPECT_EQ(call_with(timestamp_function, Value::integer(1000000000)).as_timestamp(),
            (Timestamp{1000000000, 0}));
  EXPECT_TRUE(call_with(timestamp_function, Value::string("0000-01-01T00:00:00Z")).is_error());
  EXPECT_TRUE(call_with(timestamp_function, Value::integer(253402300800)).is_error());
  EXPECT_TRUE(call_with(timestamp_function, Value::integer(-62135596801)).is_error());
  Value bad = call_with(timestamp_function, Value::string("yesterday"));
  ASSERT_TRUE(bad.is_error());
  EXPECT_EQ(bad.as_error().span, (Span{2, 5}));
}

TEST(DurationConversion, FromText) {
  EXPECT_EQ(call_with(duration_function, Value::string("1h30m")).as_duration(), (Duration{5400, 0}));
  EXPECT_TRUE(call_with(duration_function, Value::string("320000000000s")).is_error());
  EXPECT_TRUE(call_with(duration_function, Value::string("soon")).is_error());
  EXPECT_TRUE(call_with(duration_function, Value::integer(5)).is_error());
}

}  // namespace
}  // namespace accord::eval::detail
