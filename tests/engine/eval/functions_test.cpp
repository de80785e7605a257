#include "eval/functions.hpp"

#include "eval_test_support.hpp"

#include <gtest/gtest.h>

#include <set>

namespace accord::eval {
namespace {

using testing::error_of;

TEST(FunctionTable, EveryFunctionIsCallableSomeWay) {
  std::set<std::string_view> names;
  for (const detail::FunctionSpec& spec : detail::all_functions()) {
    EXPECT_TRUE(names.insert(spec.name).second) << spec.name;
    EXPECT_NE(spec.global_arities | spec.receiver_arities, 0) << spec.name;
    EXPECT_FALSE(spec.usage.empty()) << spec.name;
    EXPECT_EQ(detail::find_function(spec.name), &spec);
  }
  EXPECT_EQ(detail::find_function("sizee"), nullptr);
  for (const char* name : {"size", "contains", "startsWith", "endsWith", "matches", "int", "uint", "double",
                           "string", "bytes", "bool", "type", "timestamp", "duration", "getFullYear",
                           "getMonth", "getDate", "getDayOfMonth", "getDayOfWeek", "getDayOfYear",
                           "getHours", "getMinutes", "getSeconds", "getMilliseconds", "days", "months",
                           "years"}) {
    EXPECT_NE(detail::find_function(name), nullptr) << name;
  }
}

class Calls : public ::testing::Test {
 protected:
  Calls() {
    activation_.bind(env_.add_variable("text"), Value::string("fo\xc3\xb6"));
    activation_.bind(env_.add_variable("pattern"), Value::string("^f"));
    activation_.bind(env_.add_variable("bad_pattern"), Value::string("(unclosed"));
    activation_.bind(env_.add_variable("n"), Value::integer(0));
  }
  Value eval(std::string_view text) { return testing::eval_text(text, env_, activation_); }

  Environment env_;
  testing::MapActivation activation_;
};

TEST_F(Calls, GlobalAndReceiverForms) {
  EXPECT_EQ(eval("size(text)").as_int(), 3);
  EXPECT_EQ(eval("text.size()").as_int(), 3);
  EXPECT_TRUE(eval("text.matches(pattern)").as_bool());
  EXPECT_TRUE(eval("matches(text, pattern)").as_bool());
  EXPECT_TRUE(eval("text.matches('\xc3\xb6$')").as_bool());
}

TEST_F(Calls, AnArgumentErrorIsTheResult) {
  EXPECT_EQ(error_of(eval("size(text + n)")), "no matching overload for '_+_' applied to (string, int)");
  EXPECT_EQ(error_of(eval("text.startsWith(1 / n)")), "division by zero");
}

TEST_F(Calls, ADynamicBadPatternIsAnErrorValue) {
  Value result = eval("text.matches(bad_pattern)");
  EXPECT_NE(error_of(result).find("invalid regular expression"), std::string::npos);
}

TEST_F(Calls, DynIsTheIdentity) {
  EXPECT_EQ(eval("dyn(text)").as_string(), "fo\xc3\xb6");
  EXPECT_EQ(eval("type(dyn([1, 'one']))").as_type(), Kind::List);
}

TEST_F(Calls, ArityIsCheckedWhenCompiling) {
  for (const char* text : {"size()", "size(text, text)", "text.contains()", "contains(text, text)",
                           "int(1, 2)", "text.getHours('UTC', 'UTC')", "days()"}) {
    CompileResult compiled = testing::compile_text(text, env_);
    EXPECT_FALSE(compiled.program) << text;
    ASSERT_FALSE(compiled.diagnostics.empty()) << text;
    EXPECT_EQ(compiled.diagnostics.items()[0].code, "E203") << text;
  }
}

}  // namespace
}  // namespace accord::eval
