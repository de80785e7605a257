#include <accord/diagnostic.hpp>

#include <gtest/gtest.h>

namespace accord {
namespace {

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

TEST(Diagnostic, UnderlinesMultiByteCharactersOnce) {
  SourceFile file("c", "a \u2260 b");  // the ≠ takes three bytes
  Diagnostic d{Severity::Error, "", "no operator", Span{2, 5}};
  EXPECT_EQ(format_diagnostic(d, file),
            "c:1:3: error: no operator\n"
            " 1 | a \u2260 b\n"
            "   |   ^\n");
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
