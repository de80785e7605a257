#include "eval/operator_nodes.hpp"

#include "eval_test_support.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace accord::eval {
namespace {

using testing::error_of;

// Operands come from variables, so the operators run at evaluation time
// rather than being folded while compiling.
class Operators : public ::testing::Test {
 protected:
  Operators() {
    bind("i", Value::integer(1));
    bind("u", Value::unsigned_integer(1));
    bind("d", Value::real(1.0));
    bind("s", Value::string("abc"));
    bind("n", Value::null());
    bind("big", Value::integer(9223372036854775807));
    bind("when", Value::timestamp({1234567890, 0}));
    bind("wait", Value::duration({3600, 0}));
  }
  void bind(const char* name, Value value) { activation_.bind(env_.add_variable(name), std::move(value)); }
  Value eval(std::string_view text) { return testing::eval_text(text, env_, activation_); }

  Environment env_;
  testing::MapActivation activation_;
};

TEST_F(Operators, EqualityAcrossNumericKinds) {
  EXPECT_TRUE(eval("i == u && u == d && d == i").as_bool());
  EXPECT_TRUE(eval("i != 2u").as_bool());
  EXPECT_FALSE(eval("s == i").as_bool());
  EXPECT_FALSE(eval("n == i").as_bool());
  EXPECT_TRUE(eval("n == null").as_bool());
  EXPECT_TRUE(eval("[i, s] == [1.0, 'abc']").as_bool());
}

TEST_F(Operators, OrderingAcrossNumericKinds) {
  EXPECT_TRUE(eval("i < 1.5").as_bool());
  EXPECT_TRUE(eval("u >= i").as_bool());
  EXPECT_TRUE(eval("-1 < u").as_bool());
  EXPECT_TRUE(eval("big >= 9223372036854775808.0").as_bool());
  EXPECT_TRUE(eval("s < 'abd' && s >= 'abc'").as_bool());
}

TEST_F(Operators, OrderingNeedsComparableKinds) {
  EXPECT_EQ(error_of(eval("s < i")), "no matching overload for '_<_' applied to (string, int)");
  EXPECT_EQ(error_of(eval("n <= n")), "no matching overload for '_<=_' applied to (null, null)");
  EXPECT_EQ(error_of(eval("[i] > [i]")), "no matching overload for '_>_' applied to (list, list)");
}

TEST_F(Operators, ComparesTimes) {
  EXPECT_TRUE(eval("when + wait > when").as_bool());
  EXPECT_TRUE(eval("when - (when - wait) == wait").as_bool());
  EXPECT_TRUE(eval("wait < duration('2h')").as_bool());
  EXPECT_EQ(error_of(eval("when < wait")),
            "no matching overload for '_<_' applied to (timestamp, duration)");
}

TEST_F(Operators, Membership) {
  EXPECT_TRUE(eval("i in [3, 2, 1]").as_bool());
  EXPECT_TRUE(eval("d in [1u]").as_bool());
  EXPECT_FALSE(eval("s in [1, 2]").as_bool());
  EXPECT_TRUE(eval("s in {'abc': 1}").as_bool());
  EXPECT_TRUE(eval("d in {1u: 'one'}").as_bool());
  EXPECT_FALSE(eval("n in {1: 'one'}").as_bool());
  EXPECT_EQ(error_of(eval("i in s")), "no matching overload for '@in' applied to (int, string)");
}

TEST_F(Operators, ArithmeticErrorsCarryTheirSpan) {
  const std::string text = "i + (big + i) * 2";
  Value result = eval(text);
  EXPECT_EQ(error_of(result), "integer overflow");
  EXPECT_EQ(testing::spanned(text, result.as_error().span), "big + i");
  EXPECT_EQ(error_of(eval("i + s")), "no matching overload for '_+_' applied to (int, string)");
  EXPECT_EQ(error_of(eval("i / (i - 1)")), "division by zero");
  EXPECT_EQ(error_of(eval("-u")), "no matching overload for '-_' applied to (uint)");
}

TEST_F(Operators, MapLiteralsCheckTheirKeys) {
  EXPECT_EQ(error_of(eval("{d: 1}")), "a map key must be a bool, int, uint or string, not a double");
  EXPECT_EQ(error_of(eval("{i: 1, u: 2}")), "duplicate map key 1u");
  EXPECT_EQ(error_of(eval("{n: 1}")), "a map key must be a bool, int, uint or string, not a null");
  EXPECT_EQ(eval("{s: i, 'x': u}").as_map().size(), 2u);
}

TEST_F(Operators, LiteralsPropagateTheFirstError) {
  EXPECT_EQ(error_of(eval("[i, i / 0, s + 1]")), "division by zero");
  EXPECT_EQ(error_of(eval("{'a': i / 0}")), "division by zero");
}

TEST(CompareValues, PropagatesOperandErrors) {
  Value e = Value::error("first");
  EXPECT_EQ(error_of(detail::compare_values(expr::BinaryOp::Equal, e, Value::error("second"), {})), "first");
  EXPECT_EQ(error_of(detail::compare_values(expr::BinaryOp::Less, Value::integer(1), e, {})), "first");
  EXPECT_FALSE(detail::compare_values(expr::BinaryOp::Less, Value::real(NAN), Value::real(1.0), {}).as_bool());
}

}  // namespace
}  // namespace accord::eval
