#include "eval/strings.hpp"

#include <gtest/gtest.h>

#include <re2/re2.h>

namespace accord::eval::detail {
namespace {

Value call_with(FunctionImpl f, std::vector<Value> values) {
  std::vector<const Value*> args;
  for (const Value& v : values) args.push_back(&v);
  return f(args, CallContext{{0, 1}, 1 << 20});
}

TEST(Size, CountsCodePointsBytesElementsAndEntries) {
  EXPECT_EQ(call_with(size_function, {Value::string("\xcf\x80\xce\xad\xce\xbd\xcf\x84\xce\xb5")}).as_int(), 5);
  EXPECT_EQ(call_with(size_function, {Value::bytes("abc")}).as_int(), 3);
  EXPECT_EQ(call_with(size_function, {Value::list({Value::integer(1), Value::integer(2)})}).as_int(), 2);
  EXPECT_EQ(call_with(size_function, {Value::map(Map())}).as_int(), 0);
  EXPECT_EQ(call_with(size_function, {Value::integer(1)}).as_error().message,
            "no matching overload for 'size' applied to (int)");
}

TEST(StringTests, ContainsStartsWithEndsWith) {
  EXPECT_TRUE(call_with(contains_function, {Value::string("abababc"), Value::string("ababc")}).as_bool());
  EXPECT_FALSE(call_with(contains_function, {Value::string(""), Value::string("x")}).as_bool());
  EXPECT_TRUE(call_with(starts_with_function, {Value::string("foobar"), Value::string("")}).as_bool());
  EXPECT_FALSE(call_with(starts_with_function, {Value::string("foobar"), Value::string("bar")}).as_bool());
  EXPECT_TRUE(call_with(ends_with_function, {Value::string("fort\xc3\xa9"), Value::string("t\xc3\xa9")}).as_bool());
  EXPECT_EQ(call_with(contains_function, {Value::string("a"), Value::integer(1)}).as_error().message,
            "no matching overload for 'contains' applied to (string, int)");
}

TEST(Matches, FindsAPartialMatch) {
  EXPECT_TRUE(call_with(matches_function, {Value::string("hubba"), Value::string("ubb")}).as_bool());
  EXPECT_TRUE(call_with(matches_function, {Value::string("ma\xc3\xb1" "ana"), Value::string("a+\xc3\xb1+a+")}).as_bool());
  EXPECT_FALSE(call_with(matches_function, {Value::string(""), Value::string("foo|bar")}).as_bool());
  EXPECT_TRUE(call_with(matches_function, {Value::string("\xf0\x9f\x90\xb1\xf0\x9f\x98\x80\xf0\x9f\x98\x80"),
                                       Value::string("(a|\xf0\x9f\x98\x80){2}")})
                  .as_bool());
}

TEST(Matches, ABadDynamicPatternIsAnErrorValue) {
  Value bad = call_with(matches_function, {Value::string("x"), Value::string("(")});
  ASSERT_TRUE(bad.is_error());
  EXPECT_NE(bad.as_error().message.find("invalid regular expression"), std::string::npos);
}

TEST(CompilePattern, ReportsWhyAPatternIsBad) {
  std::string error;
  EXPECT_EQ(compile_pattern("[a-", 1 << 20, error), nullptr);
  EXPECT_FALSE(error.empty());
  error.clear();
  auto ok = compile_pattern("^[a-z]+$", 1 << 20, error);
  ASSERT_NE(ok, nullptr);
  EXPECT_TRUE(error.empty());
}

TEST(CompilePattern, RespectsTheMemoryBudget) {
  std::string error;
  // `.{1000}` (a thousand UTF-8 "any character" automata) fits in 8 MiB, not in 64 KiB.
  EXPECT_NE(compile_pattern(".{1000}", 8 << 20, error), nullptr);
  EXPECT_EQ(compile_pattern(".{1000}", 64 << 10, error), nullptr);
  EXPECT_EQ(error, "pattern too large - compile failed");
}

}  // namespace
}  // namespace accord::eval::detail
