#include <accord/eval/operators.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace accord::eval {
namespace {

Value list_of(std::initializer_list<Value> values) { return Value::list(List(values)); }

Value map_of(std::vector<Map::Entry> entries) { return Value::map(Map(std::move(entries))); }

TEST(Equal, NumbersCompareByValueAcrossKinds) {
  EXPECT_TRUE(equal(Value::integer(1), Value::real(1.0)));
  EXPECT_TRUE(equal(Value::unsigned_integer(1), Value::integer(1)));
  EXPECT_TRUE(equal(Value::real(2.0), Value::unsigned_integer(2)));
  EXPECT_FALSE(equal(Value::integer(-1), Value::unsigned_integer(18446744073709551615u)));
  EXPECT_FALSE(equal(Value::integer(1), Value::real(1.5)));
}

TEST(Equal, NanEqualsNothing) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  EXPECT_FALSE(equal(Value::real(nan), Value::real(nan)));
  EXPECT_FALSE(equal(Value::integer(1), Value::real(nan)));
}

TEST(Equal, DifferentKindsAreNotEqual) {
  EXPECT_FALSE(equal(Value::string("1"), Value::integer(1)));
  EXPECT_FALSE(equal(Value::boolean(false), Value::null()));
  EXPECT_FALSE(equal(Value::bytes("a"), Value::string("a")));
  EXPECT_TRUE(equal(Value::null(), Value::null()));
}

TEST(Equal, ErrorsEqualNothing) {
  Value error = Value::error("boom");
  EXPECT_FALSE(equal(error, error));
}

TEST(Equal, ListsCompareElementWise) {
  EXPECT_TRUE(equal(list_of({Value::real(1.0), Value::integer(2)}),
                    list_of({Value::unsigned_integer(1), Value::real(2.0)})));
  EXPECT_FALSE(equal(list_of({Value::integer(1), Value::integer(2)}),
                     list_of({Value::integer(2), Value::integer(1)})));
  EXPECT_FALSE(equal(list_of({Value::integer(1)}), list_of({Value::integer(1), Value::integer(1)})));
  EXPECT_FALSE(equal(list_of({Value::string("a")}), list_of({Value::integer(2)})));
}

TEST(Equal, MapsCompareWithoutOrder) {
  Value a = map_of({{Value::string("k"), Value::integer(1)}, {Value::string("j"), Value::integer(2)}});
  Value b = map_of({{Value::string("j"), Value::real(2.0)}, {Value::string("k"), Value::integer(1)}});
  Value c = map_of({{Value::string("j"), Value::integer(2)}, {Value::string("k"), Value::null()}});
  EXPECT_TRUE(equal(a, b));
  EXPECT_FALSE(equal(a, c));
  EXPECT_TRUE(equal(map_of({{Value::integer(1), Value::real(1.0)}}),
                    map_of({{Value::unsigned_integer(1), Value::integer(1)}})));
}

TEST(Equal, TimesTypesAndPeriods) {
  EXPECT_TRUE(equal(Value::timestamp({10, 5}), Value::timestamp({10, 5})));
  EXPECT_FALSE(equal(Value::duration({10, 0}), Value::timestamp({10, 0})));
  EXPECT_TRUE(equal(Value::type(Kind::Int), Value::type(Kind::Int)));
  EXPECT_FALSE(equal(Value::type(Kind::Int), Value::type(Kind::Uint)));
  EXPECT_TRUE(equal(Value::period({6, {}}), Value::period({6, {}})));
  EXPECT_FALSE(equal(Value::period({0, {86400, 0}}), Value::duration({86400, 0})));
}

TEST(Compare, OrdersNumbersAcrossKinds) {
  EXPECT_EQ(compare(Value::integer(-1), Value::unsigned_integer(0)), std::partial_ordering::less);
  EXPECT_EQ(compare(Value::unsigned_integer(9223372036854775808u), Value::integer(1)),
            std::partial_ordering::greater);
  EXPECT_EQ(compare(Value::integer(1), Value::real(1.5)), std::partial_ordering::less);
  // As CEL's reference implementations: int against double in double precision.
  EXPECT_EQ(compare(Value::integer(9223372036854775807), Value::real(9223372036854775808.0)),
            std::partial_ordering::equivalent);
  EXPECT_EQ(compare(Value::real(std::nan("")), Value::integer(1)), std::partial_ordering::unordered);
}

TEST(Compare, OrdersStringsBytesBoolsAndTimes) {
  EXPECT_EQ(compare(Value::string("a"), Value::string("\xc3\xa1")), std::partial_ordering::less);
  EXPECT_EQ(compare(Value::bytes(std::string("\x00", 1)), Value::bytes("")), std::partial_ordering::greater);
  EXPECT_EQ(compare(Value::boolean(false), Value::boolean(true)), std::partial_ordering::less);
  EXPECT_EQ(compare(Value::timestamp({1, 0}), Value::timestamp({1, 1})), std::partial_ordering::less);
  EXPECT_EQ(compare(Value::duration({-1, 0}), Value::duration({0, 0})), std::partial_ordering::less);
}

TEST(Compare, HasNoOrderForOtherKinds) {
  EXPECT_FALSE(compare(Value::null(), Value::null()));
  EXPECT_FALSE(compare(list_of({}), list_of({})));
  EXPECT_FALSE(compare(Value::string("foo"), Value::integer(1)));
  EXPECT_FALSE(compare(Value::period({1, {}}), Value::period({2, {}})));
}

TEST(KindLabel, UsesShortNamesForTimes) {
  EXPECT_EQ(kind_label(Kind::Timestamp), "timestamp");
  EXPECT_EQ(kind_label(Kind::Duration), "duration");
  EXPECT_EQ(kind_label(Kind::Null), "null");
  EXPECT_EQ(kind_label(Kind::Int), "int");
}

}  // namespace
}  // namespace accord::eval
