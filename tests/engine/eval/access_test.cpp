#include "eval/access.hpp"

#include "eval_test_support.hpp"

#include <gtest/gtest.h>

namespace accord::eval {
namespace {

using testing::error_of;
using testing::spanned;

class Access : public ::testing::Test {
 protected:
  Access() {
    event_ = env_.add_record("event");
    labels_ = env_.add_variable("labels");
    set("org", Value::string("HMRC"));
    set("details", Value::map(Map({{Value::string("name"), Value::string("pay")},
                                    {Value::string("size"), Value::integer(3)}})));
    activation_.bind(labels_, Value::list({Value::string("a"), Value::string("b"), Value::string("c")}));
  }
  void set(const char* field, Value value) {
    activation_.set_field(event_, env_.intern_field(field), std::move(value));
  }
  Value eval(std::string_view text) { return testing::eval_text(text, env_, activation_); }

  Environment env_;
  VariableId event_{};
  VariableId labels_{};
  testing::MapActivation activation_;
};

TEST_F(Access, RecordFieldsAreReadInPlace) {
  Value org = eval("event.org");
  EXPECT_EQ(org.as_string(), "HMRC");
  // The same characters as the event's: nothing was copied.
  const Value* stored = activation_.field(event_, *env_.find_field("org"));
  EXPECT_EQ(org.as_string().data(), stored->as_string().data());
}

TEST_F(Access, AMissingFieldIsAnErrorAtItsSpan) {
  const std::string text = "event.org == 'HMRC' && event.compulsory";
  Value result = eval(text);
  EXPECT_EQ(error_of(result), "no such key 'compulsory'");
  EXPECT_EQ(spanned(text, result.as_error().span), "event.compulsory");
}

TEST_F(Access, HasAsksTheActivationForTheField) {
  activation_.field_calls = 0;
  EXPECT_TRUE(eval("has(event.org)").as_bool());
  EXPECT_FALSE(eval("has(event.compulsory)").as_bool());
  EXPECT_EQ(activation_.field_calls, 2);
  EXPECT_EQ(activation_.variable_calls, 0);
}

TEST_F(Access, SelectsAndTestsMapFields) {
  EXPECT_EQ(eval("event.details.name").as_string(), "pay");
  EXPECT_TRUE(eval("has(event.details.size)").as_bool());
  EXPECT_FALSE(eval("has(event.details.colour)").as_bool());
  EXPECT_EQ(error_of(eval("event.details.colour")), "no such key 'colour'");
  EXPECT_TRUE(eval("has({'a': 1}.a)").as_bool());
}

TEST_F(Access, SelectingFromOtherKindsIsAnError) {
  EXPECT_EQ(error_of(eval("event.org.length")),
            "cannot select field 'length' from a value of type string");
  EXPECT_EQ(error_of(eval("has(labels.first)")),
            "cannot select field 'first' from a value of type list");
}

TEST_F(Access, UnboundVariablesAreErrors) {
  Environment env;
  env.add_variable("x");
  testing::EmptyActivation nothing;
  EXPECT_EQ(error_of(testing::eval_text("x + 1", env, nothing)), "no value for variable 'x'");
}

TEST_F(Access, IndexesLists) {
  EXPECT_EQ(eval("labels[0]").as_string(), "a");
  EXPECT_EQ(eval("labels[2u]").as_string(), "c");
  EXPECT_EQ(eval("labels[dyn(1.0)]").as_string(), "b");
  EXPECT_EQ(error_of(eval("labels[3]")), "index 3 out of range for a list of size 3");
  EXPECT_EQ(error_of(eval("labels[-1]")), "index -1 out of range");
  EXPECT_EQ(error_of(eval("labels[dyn(0.5)]")), "index 0.5 is not a whole number in range");
  EXPECT_EQ(error_of(eval("labels['a']")), "no matching overload for '_[_]' applied to (list, string)");
}

TEST_F(Access, IndexesMaps) {
  EXPECT_EQ(eval("event.details['name']").as_string(), "pay");
  EXPECT_EQ(error_of(eval("event.details['colour']")), "no such key 'colour'");
  EXPECT_EQ(testing::eval_text("{1u: 'one', 2: 'two'}[1]").as_string(), "one");
  EXPECT_EQ(testing::eval_text("{1u: 'one', 2: 'two'}[2.0]").as_string(), "two");
  EXPECT_EQ(error_of(eval("event.details[b'name']")),
            "no matching overload for '_[_]' applied to (map, bytes)");
  EXPECT_EQ(error_of(eval("event.org[0]")), "no matching overload for '_[_]' applied to (string, int)");
}

TEST_F(Access, TheWholeRecordComesFromActivationVariable) {
  Value whole = eval("event");
  EXPECT_EQ(error_of(whole), "no value for variable 'event'");
  EXPECT_EQ(activation_.variable_calls, 1);
}

}  // namespace
}  // namespace accord::eval
