#include "eval/comprehension.hpp"

#include "eval_test_support.hpp"

#include <gtest/gtest.h>

namespace accord::eval {
namespace {

using testing::error_of;

class Comprehensions : public ::testing::Test {
 protected:
  Comprehensions() {
    items_ = env_.add_variable("items");
    mixed_ = env_.add_variable("mixed");
    scores_ = env_.add_variable("scores");
    activation_.bind(items_, Value::list({Value::integer(1), Value::integer(2), Value::integer(3)}));
    activation_.bind(mixed_, Value::list({Value::integer(1), Value::string("foo"), Value::integer(3)}));
    activation_.bind(scores_, Value::map(Map({{Value::string("ann"), Value::integer(7)},
                                              {Value::string("bob"), Value::integer(4)}})));
  }
  Value eval(std::string_view text, const CompileOptions& options = {}) {
    return testing::eval_text(text, env_, activation_, options);
  }
  std::vector<std::int64_t> ints(const Value& list) {
    std::vector<std::int64_t> out;
    if (list.kind() != Kind::List) {
      ADD_FAILURE() << "not a list: " << error_of(list);
      return out;
    }
    for (const Value& v : list.as_list()) out.push_back(v.as_int());
    return out;
  }

  Environment env_;
  VariableId items_{}, mixed_{}, scores_{};
  testing::MapActivation activation_;
};

TEST_F(Comprehensions, AllAndExists) {
  EXPECT_TRUE(eval("items.all(x, x > 0)").as_bool());
  EXPECT_FALSE(eval("items.all(x, x == 2)").as_bool());
  EXPECT_TRUE(eval("items.exists(x, x == 2)").as_bool());
  EXPECT_FALSE(eval("items.exists(x, x > 3)").as_bool());
}

TEST_F(Comprehensions, ADecidingElementAbsorbsErrors) {
  // 'foo' == 1 is false, but 'foo' % 2 has no overload.
  EXPECT_FALSE(eval("mixed.all(x, x == 1)").as_bool());
  EXPECT_TRUE(eval("mixed.exists(x, x != '1')").as_bool());
  EXPECT_FALSE(eval("items.all(x, 6 / (2 - x) == 6)").as_bool());  // 2 - 2 divides by zero
  EXPECT_EQ(error_of(eval("mixed.all(x, x % 2 == 1)")),
            "no matching overload for '_%_' applied to (string, int)");
  EXPECT_EQ(error_of(eval("items.exists(x, x / 0 == 17)")), "division by zero");
}

TEST_F(Comprehensions, ANonBoolPredicateIsAnError) {
  EXPECT_EQ(error_of(eval("items.all(x, x)")), "no matching overload for '_&&_' applied to (bool, int)");
  EXPECT_TRUE(eval("items.exists(x, x == 1 || x)").as_bool());
}

TEST_F(Comprehensions, ExistsOneCountsAndDoesNotShortCircuit) {
  EXPECT_TRUE(eval("items.exists_one(x, x == 2)").as_bool());
  EXPECT_FALSE(eval("items.exists_one(x, x > 1)").as_bool());
  EXPECT_FALSE(eval("items.exists_one(x, x > 5)").as_bool());
  EXPECT_EQ(error_of(eval("items.exists_one(x, 2 / (x - 3) < 0)")), "division by zero");
}

TEST_F(Comprehensions, MapAndFilter) {
  EXPECT_EQ(ints(eval("items.map(x, x * 10)")), (std::vector<std::int64_t>{10, 20, 30}));
  EXPECT_EQ(ints(eval("items.map(x, x > 1, x * 10)")), (std::vector<std::int64_t>{20, 30}));
  EXPECT_EQ(ints(eval("items.filter(x, x % 2 == 1)")), (std::vector<std::int64_t>{1, 3}));
  EXPECT_EQ(error_of(eval("items.map(x, 6 / (x - 2))")), "division by zero");
  EXPECT_EQ(error_of(eval("items.filter(x, x)")), "no matching overload for 'filter' applied to (int)");
}

TEST_F(Comprehensions, MapsIterateTheirKeys) {
  EXPECT_TRUE(eval("scores.exists(name, name == 'bob')").as_bool());
  EXPECT_TRUE(eval("scores.all(name, scores[name] > 3)").as_bool());
  Value names = eval("scores.filter(name, scores[name] > 5)");
  ASSERT_EQ(names.kind(), Kind::List);
  ASSERT_EQ(names.as_list().size(), 1u);
  EXPECT_EQ(names.as_list()[0].as_string(), "ann");
}

TEST_F(Comprehensions, NestAndShadow) {
  EXPECT_TRUE(eval("items.all(x, items.exists(y, y == x))").as_bool());
  // The inner x shadows the outer one.
  EXPECT_EQ(ints(eval("items.map(x, [10].map(x, x)[0] + x)")), (std::vector<std::int64_t>{11, 12, 13}));
  // The variable is gone after the macro: `x` outside is unknown.
  CompileResult compiled = testing::compile_text("items.all(x, true) && x", env_);
  EXPECT_FALSE(compiled.program);
}

TEST_F(Comprehensions, OnlyListsAndMaps) {
  EXPECT_EQ(error_of(eval("items[0].all(x, true)")), "no matching overload for 'all' applied to (int)");
}

TEST_F(Comprehensions, TheIterationLimitStopsRunawayWork) {
  CompileOptions options;
  options.max_iterations = 5;
  EXPECT_TRUE(eval("items.all(x, x > 0)", options).as_bool());  // 3 iterations
  // 3 outer iterations, each with 3 inner: 12 in all.
  Value stopped = eval("items.all(x, items.all(y, y > 0))", options);
  EXPECT_EQ(error_of(stopped),
            "the condition needs more than 5 comprehension iterations (the limit per evaluation)");
  // The count is per evaluation: evaluating again starts from zero.
  CompileResult compiled = testing::compile_text("items.exists(x, x == 3)", env_, options);
  ASSERT_TRUE(compiled.program);
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(compiled.program->evaluate(activation_).as_bool());
}

TEST_F(Comprehensions, TheLimitAppliesWhenFoldingToo) {
  CompileOptions options;
  options.max_iterations = 2;
  CompileResult compiled = testing::compile_text("[1, 2, 3].all(x, x > 0)", env_, options);
  EXPECT_FALSE(compiled.program);
  ASSERT_FALSE(compiled.diagnostics.empty());
  EXPECT_EQ(compiled.diagnostics.items()[0].code, "E206");
}

}  // namespace
}  // namespace accord::eval
