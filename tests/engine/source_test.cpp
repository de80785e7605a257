#include <accord/diagnostic.hpp>
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

TEST(Diagnostic, FormatsPositionSourceLineAndCaret) {
  SourceFile file("rules.yaml", "when: a +\n  size(x > 2\n");
  Diagnostic d{Severity::Error, "E102", "expected ')'", Span{22, 23}};
  EXPECT_EQ(format_diagnostic(d, file),
            "rules.yaml:2:13: error: expected ')' [E102]\n"
            " 2 |   size(x > 2\n"
            "   |             ^\n");
}

TEST(Diagnostic, UnderlinesTheSpanOnItsLine) {
  SourceFile file("c", "a + bcd");
  Diagnostic d{Severity::Warning, "", "unused", Span{4, 7}};
  EXPECT_EQ(format_diagnostic(d, file),
            "c:1:5: warning: unused\n"
            " 1 | a + bcd\n"
            "   |     ^~~\n");
}

TEST(Diagnostics, AppendShiftsSpans) {
  Diagnostics inner;
  inner.error("E1", "bad", Span{2, 3});
  Diagnostics outer;
  outer.append(inner, 10);
  ASSERT_EQ(outer.size(), 1u);
  EXPECT_EQ(outer.items()[0].span, (Span{12, 13}));
  EXPECT_TRUE(outer.has_errors());
}

}  // namespace
}  // namespace accord
