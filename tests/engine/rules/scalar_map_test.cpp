// ScalarMap: from a byte of a YAML scalar's value back to its place in the
// file, for each way YAML writes a scalar.
#include "rules/scalar_map.hpp"

#include <gtest/gtest.h>

#include <string>

namespace accord::rules::detail {
namespace {

// A YAML file with one scalar after "when: ", and the value yaml-cpp reads.
struct Scalar {
  std::string file;
  std::string value;

  std::uint32_t node_offset() const { return static_cast<std::uint32_t>(file.find("when: ") + 6); }

  // The file text from where value byte `offset` maps, up to the line's end.
  std::string at(std::uint32_t offset) const {
    ScalarMap map(file, node_offset(), value);
    std::uint32_t begin = map.file_offset(offset);
    std::size_t end = file.find('\n', begin);
    return file.substr(begin, end == std::string::npos ? std::string::npos : end - begin);
  }

  // The file offset of value byte `offset`.
  std::uint32_t offset(std::uint32_t value_offset) const {
    return ScalarMap(file, node_offset(), value).file_offset(value_offset);
  }
};

TEST(ScalarMap, Plain) {
  Scalar s{"when: event.n > 2\n", "event.n > 2"};
  EXPECT_EQ(s.at(0), "event.n > 2");
  EXPECT_EQ(s.at(8), "> 2");
  EXPECT_EQ(s.offset(11), 17u);  // the end: just after the last character
}

TEST(ScalarMap, PlainOnSeveralLines) {
  Scalar s{"when: event.n > 2\n  && event.m\n\n  || x\n", "event.n > 2 && event.m\n|| x"};
  EXPECT_EQ(s.offset(11), s.file.find('\n'));  // the line break folded into a space
  EXPECT_EQ(s.at(12), "&& event.m");
  EXPECT_EQ(s.at(23), "|| x");
}

TEST(ScalarMap, SingleQuotedWithDoubledQuotes) {
  Scalar s{"when: 'a == ''x'' && (b'\n", "a == 'x' && (b"};
  EXPECT_EQ(s.at(0), "a == ''x'' && (b'");
  EXPECT_EQ(s.at(5), "''x'' && (b'");
  EXPECT_EQ(s.at(6), "x'' && (b'");
  EXPECT_EQ(s.at(7), "'' && (b'");
  EXPECT_EQ(s.at(12), "(b'");
  EXPECT_EQ(s.at(14), "'");  // the end stops before the closing quote
}

TEST(ScalarMap, DoubleQuotedEscapes) {
  Scalar s{R"(when: "\"x\" \t\u00e9\x41 \\ y")", "\"x\" \t\xC3\xA9" "A \\ y"};
  EXPECT_EQ(s.at(0), R"(\"x\" \t\u00e9\x41 \\ y")");
  EXPECT_EQ(s.at(1), R"(x\" \t\u00e9\x41 \\ y")");
  EXPECT_EQ(s.at(4), R"(\t\u00e9\x41 \\ y")");
  EXPECT_EQ(s.at(5), R"(\u00e9\x41 \\ y")");  // both bytes of é
  EXPECT_EQ(s.at(6), R"(\u00e9\x41 \\ y")");
  EXPECT_EQ(s.at(7), R"(\x41 \\ y")");
  EXPECT_EQ(s.at(9), R"(\\ y")");
  EXPECT_EQ(s.at(11), R"(y")");
}

TEST(ScalarMap, DoubleQuotedOnSeveralLinesAndAnEscapedBreak) {
  Scalar s{"when: \"a &&\n    b \\\n    c\"\n", "a && b c"};
  EXPECT_EQ(s.offset(4), s.file.find('\n'));
  EXPECT_EQ(s.at(5), "b \\");
  EXPECT_EQ(s.at(7), "c\"");
}

TEST(ScalarMap, LiteralBlock) {
  Scalar s{"when: |  # header\n  a ==\n    (b\n  || c\nnext: 1\n", "a ==\n  (b\n|| c\n"};
  EXPECT_EQ(s.at(0), "a ==");
  EXPECT_EQ(s.at(7), "(b");
  EXPECT_EQ(s.at(10), "|| c");
  // The end stays on the last line of the block, after its last character.
  EXPECT_EQ(s.offset(15), static_cast<std::uint32_t>(s.file.find("|| c") + 4));
}

TEST(ScalarMap, FoldedBlock) {
  Scalar s{"when: >-\n  a ==\n  b &&\n\n  c\n", "a == b &&\nc"};
  EXPECT_EQ(s.at(5), "b &&");
  EXPECT_EQ(s.at(10), "c");
}

TEST(ScalarMap, AnchorAndTagBeforeTheScalar) {
  Scalar anchored{"when: &a_long_anchor_name \"x >> y\"\n", "x >> y"};
  EXPECT_EQ(anchored.at(2), ">> y\"");
  Scalar tagged{"when: !!str 'x >> y'\n", "x >> y"};
  EXPECT_EQ(tagged.at(2), ">> y'");
}

TEST(ScalarMap, CarriageReturns) {
  Scalar s{"when: >-\r\n  a ==\r\n  b\r\n", "a == b"};
  EXPECT_EQ(s.at(5), "b\r");
}

TEST(ScalarMap, EmptyValueAndOffsetsPastTheEnd) {
  Scalar s{"when: ''\n", ""};
  EXPECT_EQ(s.offset(0), 7u);
  EXPECT_EQ(s.offset(100), 7u);
}

TEST(ScalarMap, ValueTheFileDoesNotHoldStaysInTheFile) {
  // A value that does not match the text (never from yaml-cpp) must not
  // map outside the file.
  Scalar s{"when: ab", "xyz"};
  for (std::uint32_t i = 0; i <= 3; ++i) EXPECT_LE(s.offset(i), s.file.size());
}

}  // namespace
}  // namespace accord::rules::detail
