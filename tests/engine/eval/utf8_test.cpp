#include "eval/utf8.hpp"

#include <gtest/gtest.h>

#include <string>

namespace accord::eval::detail {
namespace {

TEST(Utf8, CountsCodePoints) {
  EXPECT_EQ(count_code_points(""), 0u);
  EXPECT_EQ(count_code_points("four"), 4u);
  EXPECT_EQ(count_code_points("\xcf\x80\xce\xad\xce\xbd\xcf\x84\xce\xb5"), 5u);  // πέντε
  EXPECT_EQ(count_code_points("\xf0\x9f\x90\xb1"), 1u);                          // 🐱
}

TEST(Utf8, AcceptsWellFormedText) {
  EXPECT_TRUE(is_valid_utf8(""));
  EXPECT_TRUE(is_valid_utf8(std::string("a\0b", 3)));
  EXPECT_TRUE(is_valid_utf8("\xc3\xbf"));
  EXPECT_TRUE(is_valid_utf8("\xf4\x8f\xbf\xbf"));  // U+10FFFF
}

TEST(Utf8, RejectsMalformedText) {
  EXPECT_FALSE(is_valid_utf8("\xff"));
  EXPECT_FALSE(is_valid_utf8("\xc3"));              // truncated
  EXPECT_FALSE(is_valid_utf8("\xc0\xaf"));          // overlong
  EXPECT_FALSE(is_valid_utf8("\xe0\x80\xaf"));      // overlong
  EXPECT_FALSE(is_valid_utf8("\xed\xa0\x80"));      // surrogate
  EXPECT_FALSE(is_valid_utf8("\xf4\x90\x80\x80"));  // past U+10FFFF
  EXPECT_FALSE(is_valid_utf8("\xe2\x28\xa1"));      // bad continuation
}

}  // namespace
}  // namespace accord::eval::detail
