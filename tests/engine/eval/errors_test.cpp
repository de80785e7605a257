#include "eval/errors.hpp"

#include <gtest/gtest.h>

namespace accord::eval::detail {
namespace {

TEST(Errors, NoOverloadNamesTheFunctionAndKinds) {
  Value error = no_overload("_+_", {Kind::Int, Kind::String}, {3, 9});
  ASSERT_TRUE(error.is_error());
  EXPECT_EQ(error.as_error().message, "no matching overload for '_+_' applied to (int, string)");
  EXPECT_EQ(error.as_error().span, (Span{3, 9}));
}

TEST(Errors, DescribesKeysAsWritten) {
  EXPECT_EQ(describe_key(Value::string("name")), "'name'");
  EXPECT_EQ(describe_key(Value::integer(-3)), "-3");
  EXPECT_EQ(describe_key(Value::unsigned_integer(3)), "3u");
  EXPECT_EQ(describe_key(Value::boolean(true)), "true");
  EXPECT_EQ(describe_key(Value::real(3.5)), "3.5");
}

TEST(Errors, NoSuchKey) {
  EXPECT_EQ(no_such_key("compulsory", {}).as_error().message, "no such key 'compulsory'");
  EXPECT_EQ(no_such_key(Value::integer(1), {}).as_error().message, "no such key 1");
}

}  // namespace
}  // namespace accord::eval::detail
