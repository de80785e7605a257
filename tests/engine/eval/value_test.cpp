#include <accord/eval/value.hpp>

#include <gtest/gtest.h>

#include <string>

namespace accord::eval {
namespace {

TEST(Value, FactoriesSetTheKind) {
  EXPECT_EQ(Value().kind(), Kind::Null);
  EXPECT_EQ(Value::boolean(true).kind(), Kind::Bool);
  EXPECT_EQ(Value::integer(-1).as_int(), -1);
  EXPECT_EQ(Value::unsigned_integer(1).kind(), Kind::Uint);
  EXPECT_EQ(Value::real(0.5).as_double(), 0.5);
  EXPECT_EQ(Value::bytes("ab").kind(), Kind::Bytes);
  EXPECT_EQ(Value::timestamp({5, 0}).as_timestamp().seconds, 5);
  EXPECT_EQ(Value::period({2, {}}).as_period().months, 2);
  EXPECT_EQ(Value::type(Kind::Map).as_type(), Kind::Map);
  Value error = Value::error("bad", {1, 2});
  EXPECT_TRUE(error.is_error());
  EXPECT_EQ(error.as_error().span, (Span{1, 2}));
}

TEST(Value, OwnedTextSurvivesItsSource) {
  Value v;
  {
    std::string source = "temporary";
    v = Value::string(source);
  }
  EXPECT_EQ(v.as_string(), "temporary");
  Value copy = v;
  EXPECT_EQ(copy.as_string().data(), v.as_string().data());  // shared, not copied
}

TEST(Value, BorrowedTextPointsAtTheOriginal) {
  static const std::string text = "borrowed";
  Value v = Value::string_view(text);
  EXPECT_EQ(v.as_string().data(), text.data());
}

TEST(Value, OwnsMemoryOnlyWhenItHoldsSomeOfItsOwn) {
  std::string text = "borrowed";
  EXPECT_FALSE(Value::string_view(text).owns_memory());
  EXPECT_FALSE(Value::bytes_view(text).owns_memory());
  EXPECT_FALSE(Value::integer(1).owns_memory());
  EXPECT_FALSE(Value::timestamp({0, 0}).owns_memory());
  EXPECT_FALSE(Value::null().owns_memory());
  EXPECT_TRUE(Value::string("owned").owns_memory());
  EXPECT_TRUE(Value::bytes("owned").owns_memory());
  EXPECT_TRUE(Value::list({}).owns_memory());
  EXPECT_TRUE(Value::map(Map()).owns_memory());
  EXPECT_TRUE(Value::error("failed").owns_memory());
}

TEST(Map, FindsKeysByCelEquality) {
  Map map({{Value::integer(1), Value::string("int")},
           {Value::unsigned_integer(2), Value::string("uint")},
           {Value::string("k"), Value::string("string")},
           {Value::boolean(true), Value::string("bool")}});
  EXPECT_EQ(map.find(Value::unsigned_integer(1))->as_string(), "int");
  EXPECT_EQ(map.find(Value::real(2.0))->as_string(), "uint");
  EXPECT_EQ(map.find(Value::integer(2))->as_string(), "uint");
  EXPECT_EQ(map.find(Value::real(2.5)), nullptr);
  EXPECT_EQ(map.find(Value::integer(-1)), nullptr);
  EXPECT_EQ(map.find("k")->as_string(), "string");
  EXPECT_EQ(map.find(Value::boolean(true))->as_string(), "bool");
  EXPECT_EQ(map.find(Value::integer(1) /* not true */)->as_string(), "int");
  EXPECT_EQ(map.find(Value::bytes("k")), nullptr);
  EXPECT_EQ(map.size(), 4u);
}

TEST(TypeName, IsCelsName) {
  EXPECT_EQ(type_name(Kind::Null), "null_type");
  EXPECT_EQ(type_name(Kind::Timestamp), "google.protobuf.Timestamp");
  EXPECT_EQ(type_name(Kind::Period), "accord.Period");
}

}  // namespace
}  // namespace accord::eval
