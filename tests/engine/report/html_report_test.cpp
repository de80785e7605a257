// The HTML report on checks whose rule file and log are full of markup,
// quotes and ampersands: none of it may become markup of the page. The
// bundled example's page is compared whole with a golden file
// (example_npa_golden_html) and opened in Chromium (tests/report/html_in_chromium.py).
#include <gtest/gtest.h>

#include <accord/report/report.hpp>
#include <set>
#include <sstream>
#include <string>

#include "support/check_harness.hpp"

namespace accord::report {
namespace {

const char* const kHostileRules = R"yaml(
rule_set:
  id: "set<script>alert(1)</script>"
  title: "Rules \"quoted\" & <b>bold</b>"
rules:
  - id: "r<script>alert('id')</script>"
    clause: "7 \" onmouseover=\"alert(2)"
    quote: "</blockquote><script>alert(3)</script> & more"
    title: "Title <img src=x onerror=alert(4)>"
    kind: precedence
    when: event.type == "pay.changed"
    requires: event.type == "pay.negotiated"
    key: [org]
    message: "Pay changed at {org} on {time}."
)yaml";

const char* const kHostileEvents =
    R"yaml(- {id: "e<1>\"'", time: 2025-01-01, type: pay.changed, org: "<script>alert(5)</script> & \"x\""}
- {id: "e2", time: 2025-01-02, type: "<svg onload=alert(6)>"}
- {id: "e3<i>", time: 2025-01-03}
)yaml";

std::string html_of(const testing::Outcome& outcome, const NamedEvents& events = {},
                    std::string input = "logs/<jan>.yaml") {
  Report report{*outcome.book, outcome.result, {std::move(input)}, "9.9.9<b>"};
  std::ostringstream out;
  write_html(out, report, events);
  return out.str();
}

TEST(HtmlReport, ShowsUserTextAsText) {
  testing::Outcome outcome = testing::run_check({kHostileRules, kHostileEvents, std::nullopt, {}});
  ASSERT_EQ(outcome.load_errors, "");
  ASSERT_EQ(outcome.result.violations.size(), 1u);
  std::string html = html_of(outcome);

  for (const char* raw : {"<script", "<img", "<svg onload", "<b>", "onmouseover=\"", "'id')</script>"}) {
    EXPECT_EQ(html.find(raw), std::string::npos) << raw;
  }
  EXPECT_NE(html.find("r&lt;script&gt;alert('id')&lt;/script&gt;"), std::string::npos) << html;
  EXPECT_NE(html.find("clause 7 &quot; onmouseover=&quot;alert(2)"), std::string::npos);
  EXPECT_NE(html.find("&lt;/blockquote&gt;&lt;script&gt;alert(3)&lt;/script&gt; &amp; more"),
            std::string::npos);
  EXPECT_NE(html.find("Title &lt;img src=x onerror=alert(4)&gt;"), std::string::npos);
  EXPECT_NE(
      html.find("Pay changed at &lt;script&gt;alert(5)&lt;/script&gt; &amp; &quot;x&quot; on 2025-01-01."),
      std::string::npos);
  EXPECT_NE(html.find("trigger <span class=\"id\">e&lt;1&gt;&quot;'</span>"), std::string::npos);
  EXPECT_NE(html.find("logs/&lt;jan&gt;.yaml:1"), std::string::npos);
  EXPECT_NE(html.find("Rules &quot;quoted&quot; &amp; &lt;b&gt;bold&lt;/b&gt;"), std::string::npos);
  EXPECT_NE(html.find("accord 9.9.9&lt;b&gt;"), std::string::npos);
  // The event without a type is an input error, shown with its file and line.
  ASSERT_EQ(outcome.result.input_errors.size(), 1u);
  EXPECT_NE(html.find("<tr><td>input</td><td class=\"id\">logs/&lt;jan&gt;.yaml:3</td>"), std::string::npos);
  EXPECT_NE(html.find("<div class=\"number\">1</div><div>1 input, 0 evaluation</div>"), std::string::npos);
}

TEST(HtmlReport, HasOnlyItsOwnElements) {
  testing::Outcome outcome = testing::run_check({kHostileRules, kHostileEvents, std::nullopt, {}});
  ASSERT_EQ(outcome.load_errors, "");
  std::string html = html_of(outcome);
  const std::set<std::string> own{"!DOCTYPE", "html",   "head",       "meta",   "title",  "style", "body",
                                  "main",     "header", "section",    "h1",     "h2",     "h3",    "p",
                                  "strong",   "code",   "div",        "span",   "figure", "svg",   "desc",
                                  "line",     "text",   "g",          "circle", "rect",   "path",  "table",
                                  "colgroup", "col",    "thead",      "tbody",  "tr",     "th",    "td",
                                  "br",       "wbr",    "blockquote", "footer", "dl",     "dt",    "dd"};
  for (std::size_t at = html.find('<'); at != std::string::npos; at = html.find('<', at + 1)) {
    std::size_t start = at + 1 + (html[at + 1] == '/' ? 1 : 0);
    std::size_t end = html.find_first_of(" >/\n", start);
    std::string name = html.substr(start, end - start);
    EXPECT_TRUE(own.contains(name)) << "<" << name << " in " << html.substr(at, 60);
  }
  // Nothing is fetched: no script, no link to a style sheet, no address in an attribute.
  EXPECT_EQ(html.find("http"), std::string::npos);
  EXPECT_EQ(html.find("url("), std::string::npos);
}

TEST(HtmlReport, TimelinePlacesTheEventsItIsGiven) {
  testing::Outcome outcome = testing::run_check({kHostileRules, kHostileEvents, std::nullopt, {}});
  ASSERT_EQ(outcome.load_errors, "");
  std::vector<stream::LogInput> inputs(1);
  inputs[0].name = "logs/<jan>.yaml";
  inputs[0].format = stream::InputFormat::Yaml;
  inputs[0].open = [] { return stream::ByteSource::from_string(kHostileEvents); };
  inputs[0].rereadable = true;
  Report report{*outcome.book, outcome.result, {"logs/<jan>.yaml"}, "9.9.9"};
  NamedEvents events = find_named_events(report, inputs);
  ASSERT_EQ(events.size(), 1u);  // the trigger; e2 is named by nothing
  EXPECT_EQ(events.begin()->first, "e<1>\"'");
  EXPECT_EQ(events.begin()->second.type, "pay.changed");
  EXPECT_EQ(events.begin()->second.origin.line, 1u);

  std::string placed = html_of(outcome, events);
  EXPECT_NE(
      placed.find("<g><title>trigger e&lt;1&gt;&quot;' (pay.changed) on 2025-01-01, logs/&lt;jan&gt;.yaml:1"
                  "</title><circle class=\"trigger\""),
      std::string::npos)
      << placed;
  EXPECT_NE(
      placed.find("<title id=\"timeline-1-title\">Timeline: org &lt;script&gt;alert(5)&lt;/script&gt; &amp; "
                  "&quot;x&quot;</title>"),
      std::string::npos);
  // Without the events' times, the timeline shows the breach alone.
  std::string unplaced = html_of(outcome);
  EXPECT_EQ(unplaced.find("<title>trigger"), std::string::npos);
  EXPECT_NE(unplaced.find("<path class=\"breach\""), std::string::npos);

  // An input that cannot be read again is left alone.
  inputs[0].rereadable = false;
  EXPECT_TRUE(find_named_events(report, inputs).empty());
}

TEST(HtmlReport, DrawsAtMostTwelveMatters) {
  std::string events;
  for (int org = 0; org < 15; ++org) {
    events += "- {id: e" + std::to_string(org) + ", time: 2025-01-" + (org < 9 ? "0" : "") +
              std::to_string(org + 1) + ", type: pay.changed, org: O" + std::to_string(org) + "}\n";
  }
  testing::Outcome outcome = testing::run_check({kHostileRules, events, std::nullopt, {}});
  ASSERT_EQ(outcome.load_errors, "");
  ASSERT_EQ(outcome.result.violations.size(), 15u);
  std::string html = html_of(outcome);
  std::size_t figures = 0;
  for (std::size_t at = html.find("<figure>"); at != std::string::npos; at = html.find("<figure>", at + 1)) {
    ++figures;
  }
  EXPECT_EQ(figures, 12u);
  EXPECT_NE(html.find("3 more matters with violations not drawn"), std::string::npos);
  EXPECT_NE(html.find("<strong>15 violations</strong>: 1 of 1 rule broken, in 15 events"), std::string::npos);
}

TEST(HtmlReport, SaysSoWhenAllIsWell) {
  testing::Outcome outcome = testing::run_check(
      {kHostileRules, "- {id: n1, time: 2025-01-01, type: pay.negotiated, org: A}\n", std::nullopt, {}});
  ASSERT_EQ(outcome.load_errors, "");
  std::string html = html_of(outcome);
  EXPECT_NE(html.find("<strong>No violations</strong>: all 1 rule kept"), std::string::npos) << html;
  EXPECT_NE(html.find("No matter has a violation"), std::string::npos);
  EXPECT_NE(html.find("No input or evaluation errors"), std::string::npos);
}

}  // namespace
}  // namespace accord::report
