#include "eval/logic.hpp"

#include "eval_test_support.hpp"

#include <gtest/gtest.h>

namespace accord::eval {
namespace {

using testing::error_of;
using testing::spanned;

// An event with a few fields; `event.missing` and `event.other` are absent,
// so reading them is an error at run time (not foldable at compile time).
class Logic : public ::testing::Test {
 protected:
  Logic() {
    event_ = env_.add_record("event");
    set("yes", Value::boolean(true));
    set("no", Value::boolean(false));
    set("number", Value::integer(1));
    set("text", Value::string("horses"));
  }
  void set(const char* field, Value value) {
    activation_.set_field(event_, env_.intern_field(field), std::move(value));
  }
  Value eval(std::string_view text) { return testing::eval_text(text, env_, activation_); }

  Environment env_;
  VariableId event_{};
  testing::MapActivation activation_;
};

TEST_F(Logic, FalseDecidesAndOnEitherSide) {
  EXPECT_FALSE(eval("event.no && event.missing").as_bool());
  EXPECT_FALSE(eval("event.missing && event.no").as_bool());
  EXPECT_FALSE(eval("event.text && event.no").as_bool());
  EXPECT_FALSE(eval("event.no && event.text").as_bool());
}

TEST_F(Logic, TrueDecidesOrOnEitherSide) {
  EXPECT_TRUE(eval("event.yes || event.missing").as_bool());
  EXPECT_TRUE(eval("event.missing || event.yes").as_bool());
  EXPECT_TRUE(eval("event.text || event.yes").as_bool());
}

TEST_F(Logic, OtherwiseAnErrorPropagatesWithItsSpan) {
  const std::string text = "event.yes && event.missing";
  Value result = eval(text);
  EXPECT_EQ(error_of(result), "no such key 'missing'");
  EXPECT_EQ(testing::spanned(text, result.as_error().span), "event.missing");
  EXPECT_EQ(error_of(eval("event.missing || event.no")), "no such key 'missing'");
  EXPECT_EQ(error_of(eval("event.missing && event.other")), "no such key 'missing'");
}

TEST_F(Logic, NonBoolOperandsHaveNoOverload) {
  EXPECT_EQ(error_of(eval("event.text && event.yes")),
            "no matching overload for '_&&_' applied to (string, bool)");
  EXPECT_EQ(error_of(eval("event.no || event.number")),
            "no matching overload for '_||_' applied to (bool, int)");
  const std::string text = "!event.number";
  Value negated = eval(text);
  EXPECT_EQ(error_of(negated), "no matching overload for '!_' applied to (int)");
  EXPECT_EQ(spanned(text, negated.as_error().span), text);
}

TEST_F(Logic, BoolsCombineAsUsual) {
  EXPECT_TRUE(eval("event.yes && event.yes").as_bool());
  EXPECT_FALSE(eval("event.no || event.no").as_bool());
  EXPECT_TRUE(eval("!event.no").as_bool());
}

TEST_F(Logic, ConditionalEvaluatesOneBranch) {
  activation_.field_calls = 0;
  EXPECT_EQ(eval("event.yes ? event.number : event.missing").as_int(), 1);
  EXPECT_EQ(activation_.field_calls, 2);  // yes, number: never `missing`
  EXPECT_EQ(error_of(eval("event.no ? event.number : event.missing")), "no such key 'missing'");
}

TEST_F(Logic, ConditionalNeedsABool) {
  EXPECT_EQ(error_of(eval("event.text ? 1 : 2")),
            "no matching overload for '_?_:_' applied to (string)");
  EXPECT_EQ(error_of(eval("event.missing ? 1 : 2")), "no such key 'missing'");
}

TEST(CombineLogic, FollowsCelsTruthTable) {
  const Value t = Value::boolean(true);
  const Value f = Value::boolean(false);
  const Value e = Value::error("boom");
  const Value s = Value::string("x");
  EXPECT_FALSE(detail::combine_logic(true, e, f, {}).as_bool());
  EXPECT_FALSE(detail::combine_logic(true, s, f, {}).as_bool());
  EXPECT_TRUE(detail::combine_logic(false, e, t, {}).as_bool());
  EXPECT_TRUE(detail::combine_logic(true, t, e, {}).is_error());
  EXPECT_TRUE(detail::combine_logic(false, f, e, {}).is_error());
  EXPECT_TRUE(detail::combine_logic(true, t, s, {}).is_error());
  EXPECT_TRUE(detail::combine_logic(true, t, t, {}).as_bool());
  EXPECT_FALSE(detail::combine_logic(false, f, f, {}).as_bool());
}

TEST(LogicFolding, ConstantsDecideAtCompileTime) {
  // Conformance-style constants fold; the results are the same.
  EXPECT_FALSE(testing::eval_text("false && (2 / 0 > 3 ? false : true)").as_bool());
  EXPECT_TRUE(testing::eval_text("(2 / 0 > 3 ? false : true) || true").as_bool());
  EXPECT_EQ(testing::eval_text("true ? 'cows' : 17").as_string(), "cows");
}

}  // namespace
}  // namespace accord::eval
