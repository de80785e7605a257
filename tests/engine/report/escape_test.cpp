// Text from logs and rule files as Markdown, XML and URIs show it.
#include "report/escape.hpp"

#include <gtest/gtest.h>

#include <string>

namespace accord::report::detail {
namespace {

const std::string kReplacement = "\xef\xbf\xbd";  // U+FFFD

TEST(MarkdownText, PlainTextStaysAsItIs) {
  EXPECT_EQ(markdown_text("Pay changed in HMRC on 2025-02-24."), "Pay changed in HMRC on 2025-02-24.");
  EXPECT_EQ(markdown_text("npa-18-explanation"), "npa-18-explanation");
  EXPECT_EQ(markdown_text("Caf\xc3\xa9 \xe2\x82\xac"), "Caf\xc3\xa9 \xe2\x82\xac");
  EXPECT_EQ(markdown_text(""), "");
}

TEST(MarkdownText, InlineMarkupIsEscaped) {
  EXPECT_EQ(markdown_text("a | b"), "a \\| b");  // would split a table cell
  EXPECT_EQ(markdown_text("*bold* _em_ ~~gone~~"), "\\*bold\\* \\_em\\_ \\~\\~gone\\~\\~");
  EXPECT_EQ(markdown_text("[link](http://x)"), "\\[link\\](http://x)");
  EXPECT_EQ(markdown_text("![img](x)"), "!\\[img\\](x)");
  EXPECT_EQ(markdown_text("<script>alert(1)</script>"), "\\<script\\>alert(1)\\</script\\>");
  EXPECT_EQ(markdown_text("`code`"), "\\`code\\`");
  EXPECT_EQ(markdown_text("&lt; and &amp;"), "\\&lt; and \\&amp;");
  EXPECT_EQ(markdown_text("back\\slash"), "back\\\\slash");
}

TEST(MarkdownText, BlockMarkersAtTheStartAreEscaped) {
  EXPECT_EQ(markdown_text("# heading"), "\\# heading");
  EXPECT_EQ(markdown_text("- item"), "\\- item");
  EXPECT_EQ(markdown_text("+ item"), "\\+ item");
  EXPECT_EQ(markdown_text("= underline"), "\\= underline");
  EXPECT_EQ(markdown_text("> quote"), "\\> quote");
  EXPECT_EQ(markdown_text("12. item"), "12\\. item");
  EXPECT_EQ(markdown_text("3) item"), "3\\) item");
  // Only at the start: in the middle they are plain text.
  EXPECT_EQ(markdown_text("a - b # c 1. d"), "a - b # c 1. d");
  EXPECT_EQ(markdown_text("2025"), "2025");
}

TEST(MarkdownText, LineBreaksAndControlsCannotBreakTheLine) {
  EXPECT_EQ(markdown_text("one\ntwo\r\nthree\tfour"), "one two  three four");
  EXPECT_EQ(markdown_text("  \n- padded \n "), "\\- padded");  // trimmed, then escaped
  EXPECT_EQ(markdown_text("a\x1b[31mb"), "a" + kReplacement + "\\[31mb");
  EXPECT_EQ(markdown_text("a\xc2\x9b" "b"), "a" + kReplacement + "b");  // C1 CSI
  EXPECT_EQ(markdown_text("bad \xff byte"), "bad " + kReplacement + " byte");
}

TEST(XmlText, MarkupCharactersBecomeEntities) {
  EXPECT_EQ(xml_text("a < b && c > d"), "a &lt; b &amp;&amp; c &gt; d");
  EXPECT_EQ(xml_text("\"quoted\" 'single'"), "\"quoted\" 'single'");
  EXPECT_EQ(xml_text("]]>"), "]]&gt;");
  EXPECT_EQ(xml_text("line\nnext\ttab"), "line\nnext\ttab");
  EXPECT_EQ(xml_text("cr\r"), "cr&#13;");
}

TEST(XmlAttribute, QuotesAndWhitespaceSurviveAttributeNormalisation) {
  EXPECT_EQ(xml_attribute("say \"hi\" & 'bye'"), "say &quot;hi&quot; &amp; 'bye'");
  EXPECT_EQ(xml_attribute("a\nb\tc\rd"), "a&#10;b&#9;c&#13;d");
  EXPECT_EQ(xml_attribute("<b>"), "&lt;b&gt;");
}

TEST(XmlText, WhatXmlCannotHoldBecomesTheReplacementCharacter) {
  EXPECT_EQ(xml_text(std::string("nul\0x", 5)), "nul" + kReplacement + "x");
  EXPECT_EQ(xml_text("esc\x1b[2J"), "esc" + kReplacement + "[2J");
  EXPECT_EQ(xml_text("c1\xc2\x9b"), "c1" + kReplacement);
  EXPECT_EQ(xml_text("\xef\xbf\xbe\xef\xbf\xbf"), kReplacement + kReplacement);
  EXPECT_EQ(xml_text("bad \xc3( pair"), "bad " + kReplacement + "( pair");
  EXPECT_EQ(xml_text("ok \xf0\x9f\x98\x80"), "ok \xf0\x9f\x98\x80");  // U+1F600 is a character
}

TEST(PathUri, RelativePathsStayRelative) {
  EXPECT_EQ(path_uri("examples/npa/events.jsonl"), "examples/npa/events.jsonl");
  EXPECT_EQ(path_uri("./logs/a_b-c~d.csv"), "./logs/a_b-c~d.csv");
  EXPECT_EQ(path_uri("../up.yaml"), "../up.yaml");
}

TEST(PathUri, OtherBytesArePercentEncoded) {
  EXPECT_EQ(path_uri("jan 2025.jsonl"), "jan%202025.jsonl");
  EXPECT_EQ(path_uri("c:log#1?.jsonl"), "c%3Alog%231%3F.jsonl");  // not a scheme, fragment or query
  EXPECT_EQ(path_uri("100%.jsonl"), "100%25.jsonl");
  EXPECT_EQ(path_uri("caf\xc3\xa9.jsonl"), "caf%C3%A9.jsonl");
}

TEST(PathUri, AbsolutePathsBecomeFileUris) {
  EXPECT_EQ(path_uri("/var/log/events.jsonl"), "file:///var/log/events.jsonl");
  EXPECT_EQ(path_uri("/tmp/a b"), "file:///tmp/a%20b");
}

}  // namespace
}  // namespace accord::report::detail
