#include <accord/source.hpp>

#include <gtest/gtest.h>

namespace accord {
namespace {

TEST(SourceFile, LocatesOffsetsOneBased) {
  SourceFile file("f", "ab\ncd\n");
  EXPECT_EQ(file.locate(0), (Location{1, 1}));
  EXPECT_EQ(file.locate(1), (Location{1, 2}));
  EXPECT_EQ(file.locate(3), (Location{2, 1}));
  EXPECT_EQ(file.locate(4), (Location{2, 2}));
  EXPECT_EQ(file.locate(100), (Location{3, 1}));
  EXPECT_EQ(file.line_text(2), "cd");
  EXPECT_EQ(file.line_text(9), "");
}

TEST(SourceFile, ColumnsCountCodePoints) {
  SourceFile file("f", "'é' + x");
  EXPECT_EQ(file.locate(5), (Location{1, 5}));  // the '+' after a 2-byte é
}

TEST(SourceFile, LineTextDropsCarriageReturn) {
  SourceFile file("f", "one\r\ntwo");
  EXPECT_EQ(file.line_text(1), "one");
  EXPECT_EQ(file.line_text(2), "two");
}

}  // namespace
}  // namespace accord
