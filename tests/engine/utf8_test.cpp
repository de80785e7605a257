#include "utf8.hpp"

#include <gtest/gtest.h>

#include <string>

namespace accord::detail {
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
}  // namespace accord::detail

namespace accord::detail {
namespace {

TEST(Utf8, FindsTheFirstBadByteAndSequenceLengths) {
  EXPECT_EQ(find_invalid_utf8("ab\xc3\xbf" "c"), std::nullopt);
  EXPECT_EQ(find_invalid_utf8("ab\xff" "c"), 2u);
  EXPECT_EQ(utf8_sequence_length("a", 0), 1u);
  EXPECT_EQ(utf8_sequence_length("\xe2\x82\xac", 0), 3u);  // €
  EXPECT_EQ(utf8_sequence_length("\xe2\x82", 0), 0u);
}

TEST(Utf8, AppendsCodePoints) {
  std::string out;
  for (std::uint32_t code_point : {0x41u, 0xE9u, 0x20ACu, 0x1F431u}) append_utf8(out, code_point);
  EXPECT_EQ(out, "A\xc3\xa9\xe2\x82\xac\xf0\x9f\x90\xb1");
  EXPECT_TRUE(is_valid_utf8(out));
}

}  // namespace
}  // namespace accord::detail
