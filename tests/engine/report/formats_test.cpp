// The SARIF, JUnit XML and Markdown writers on a small check whose rule file
// and log are full of characters that mean something in those formats. The
// bundled example's reports are compared whole with golden files by the
// example_npa_* tests, and validated by real consumers in tests/report/.
#include <accord/eval/json.hpp>
#include <accord/report/report.hpp>

#include "support/check_harness.hpp"

#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

namespace accord::report {
namespace {

const char* const kRules = R"(
rule_set:
  id: "odd|set"
  title: "Rules <b>&</b> | pipes"
rules:
  - id: "r-1|<x>"
    clause: "7 & 8"
    quote: "# Not a heading | and *not* bold <i>"
    title: "Title with | pipe & <tag>"
    severity: warning
    kind: precedence
    when: event.type == "pay.changed"
    requires: event.type == "pay.negotiated"
    key: [org]
    message: "Pay changed at {org} on {time}."
  - id: plain
    clause: "2"
    title: Never broken
    severity: info
    kind: forbidden
    when: event.type == "never"
    message: Never.
)";

const char* const kEvents = R"(- {id: "e<1>", time: 2025-01-01, type: pay.changed, org: "A | B <script>"}
- {id: "e2", time: 2025-01-02, type: pay.changed, org: "C\nD"}
- {id: "e3", time: 2025-01-03}
)";

class Formats : public ::testing::Test {
 protected:
  void SetUp() override {
    outcome_ = testing::run_check({kRules, kEvents, std::nullopt, {}});
    ASSERT_EQ(outcome_.load_errors, "");
    ASSERT_EQ(outcome_.result.violations.size(), 2u);
    ASSERT_EQ(outcome_.result.input_errors.size(), 1u);
  }

  std::string written(void (*writer)(std::ostream&, const Report&), std::string input = "logs/jan 2025.yaml") {
    Report report{*outcome_.book, outcome_.result, {std::move(input)}, "9.9.9"};
    std::ostringstream out;
    writer(out, report);
    return out.str();
  }

  testing::Outcome outcome_;
};

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// The cells of a Markdown table row: pipes not escaped by a backslash.
std::size_t unescaped_pipes(const std::string& line) {
  std::size_t pipes = 0;
  for (std::size_t i = 0; i < line.size(); ++i) {
    if (line[i] == '\\') {
      ++i;
    } else if (line[i] == '|') {
      ++pipes;
    }
  }
  return pipes;
}

TEST_F(Formats, JsonListsOfManyBlocksKeepEveryEntryInOrder) {
  // Long lists are written a block of entries at a time, and from 16,384
  // entries on their second half is made on another thread: both lists
  // here are, with odd counts, so that the halves differ.
  stream::CheckResult& result = outcome_.result;
  const stream::Violation violation = result.violations[0];
  result.violations.clear();
  for (int i = 0; i < 17001; ++i) {
    result.violations.push_back(violation);
    result.violations.back().trigger = "v" + std::to_string(i);
  }
  for (int i = 0; i < 40001; ++i) {
    result.pending.push_back(
        {0, "p" + std::to_string(i), {0, 1}, {std::int64_t{86400} * i, 0}, {{"org", "A"}}});
  }
  eval::JsonResult parsed = eval::parse_json(written(&write_json));
  ASSERT_TRUE(parsed.value) << parsed.error;
  const eval::Map& report = parsed.value->as_map();
  const eval::List& violations = report.find("violations")->as_list();
  const eval::List& pending = report.find("pending")->as_list();
  ASSERT_EQ(violations.size(), 17001u);
  ASSERT_EQ(pending.size(), 40001u);
  for (std::size_t i = 0; i < violations.size(); ++i) {
    ASSERT_EQ(violations[i].as_map().find("trigger")->as_string(), "v" + std::to_string(i));
    ASSERT_EQ(violations[i].as_map().size(), violations[0].as_map().size());
  }
  for (std::size_t i = 0; i < pending.size(); ++i) {
    ASSERT_EQ(pending[i].as_map().find("trigger")->as_string(), "p" + std::to_string(i));
  }
  EXPECT_EQ(eval::to_json(*pending[40000].as_map().find("key")), R"({"org":"A"})");
}

TEST_F(Formats, MarkdownTablesKeepTheirColumns) {
  std::string markdown = written(write_markdown);
  std::size_t columns = 0;
  std::size_t rows = 0;
  for (const std::string& line : lines_of(markdown)) {
    if (line.empty() || line[0] != '|') {
      columns = 0;  // a table ends at the first line that is not a row
      continue;
    }
    if (columns == 0) columns = unescaped_pipes(line);
    EXPECT_EQ(unescaped_pipes(line), columns) << line;
    ++rows;
  }
  EXPECT_GT(rows, 10u);
}

TEST_F(Formats, MarkdownShowsUserTextLiterally) {
  std::string markdown = written(write_markdown);
  EXPECT_NE(markdown.find("| r-1\\|\\<x\\> | 7 \\& 8 | warning | Title with \\| pipe \\& \\<tag\\> | "
                          "**broken**: 2 violations |"),
            std::string::npos)
      << markdown;
  EXPECT_NE(markdown.find("\n> \\# Not a heading \\| and \\*not\\* bold \\<i\\>\n"), std::string::npos);
  EXPECT_NE(markdown.find("| 2025-01-01 | e\\<1\\> | org A \\| B \\<script\\> |"), std::string::npos);
  EXPECT_NE(markdown.find("| 2025-01-02 | e2 | org C D |"), std::string::npos);
  EXPECT_NE(markdown.find("| plain | 2 | info | Never broken | kept |"), std::string::npos);
  EXPECT_NE(markdown.find("| logs/jan 2025.yaml:3 |  |  | missing 'type' |"), std::string::npos) << markdown;
  // The only raw HTML is accord's own folding of the pending list.
  for (std::size_t at = markdown.find('<'); at != std::string::npos; at = markdown.find('<', at + 1)) {
    bool escaped = at > 0 && markdown[at - 1] == '\\';
    bool folding = markdown.compare(at, 9, "<details>") == 0 || markdown.compare(at, 10, "</details>") == 0 ||
                   markdown.compare(at, 9, "<summary>") == 0 || markdown.compare(at, 10, "</summary>") == 0;
    EXPECT_TRUE(escaped || folding) << markdown.substr(at, 20);
  }
}

TEST_F(Formats, MarkdownSummaryCountsBySeverity) {
  std::string markdown = written(write_markdown);
  EXPECT_EQ(markdown.rfind("## accord: 2 violations\n", 0), 0u) << markdown;
  EXPECT_NE(markdown.find("| warning | 2 | 1 | 0 |\n| info | 0 | 0 | 1 |\n| **all** | **2** | **1** | **1** |"),
            std::string::npos)
      << markdown;
}

TEST_F(Formats, JunitEscapesAttributesAndText) {
  std::string xml = written(write_junit);
  EXPECT_EQ(xml.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"accord\" tests=\"3\" "
                      "failures=\"2\" errors=\"1\">\n",
                      0),
            0u)
      << xml;
  EXPECT_NE(xml.find("<testsuite name=\"odd|set\" tests=\"2\" failures=\"2\" errors=\"0\" skipped=\"0\">"),
            std::string::npos);
  EXPECT_NE(xml.find("<testcase classname=\"odd|set\" name=\"r-1|&lt;x&gt;: Title with | pipe &amp; &lt;tag&gt;\">"),
            std::string::npos)
      << xml;
  EXPECT_NE(xml.find("<failure message=\"Pay changed at C&#10;D on 2025-01-02.\" type=\"warning\">"),
            std::string::npos)
      << xml;
  EXPECT_NE(xml.find("Trigger: e&lt;1&gt; (logs/jan 2025.yaml:1)"), std::string::npos);
  EXPECT_NE(xml.find("<testcase classname=\"odd|set\" name=\"plain: Never broken\"/>"), std::string::npos);
  EXPECT_NE(xml.find("<testsuite name=\"accord.input\" tests=\"1\" failures=\"0\" errors=\"1\" skipped=\"0\">\n"
                     "    <testcase classname=\"accord.input\" name=\"logs/jan 2025.yaml\">\n"
                     "      <error message=\"missing 'type'\" type=\"input\">logs/jan 2025.yaml:3</error>"),
            std::string::npos)
      << xml;
}

const eval::Value& at(const eval::Value& value, std::string_view name) {
  static const eval::Value missing = eval::Value::error("missing");
  const eval::Value* found = value.kind() == eval::Kind::Map ? value.as_map().find(name) : nullptr;
  return found ? *found : missing;
}

const eval::Value& at(const eval::Value& value, std::size_t index) {
  static const eval::Value missing = eval::Value::error("missing");
  return value.kind() == eval::Kind::List && index < value.as_list().size() ? value.as_list()[index] : missing;
}

std::string text(const eval::Value& value) {
  return value.kind() == eval::Kind::String ? std::string(value.as_string()) : "<not text>";
}

TEST_F(Formats, SarifLocatesResultsAtTheTriggerLine) {
  std::string sarif = written(write_sarif);
  ASSERT_EQ(sarif.back(), '\n');
  auto parsed = eval::parse_json(sarif);
  ASSERT_TRUE(parsed.value) << parsed.error << "\n" << sarif;
  const eval::Value& run = at(at(*parsed.value, "runs"), 0);
  EXPECT_EQ(text(at(*parsed.value, "version")), "2.1.0");
  EXPECT_EQ(text(at(at(at(run, "tool"), "driver"), "version")), "9.9.9");

  const eval::Value& result = at(at(run, "results"), 0);
  EXPECT_EQ(text(at(result, "ruleId")), "r-1|<x>");
  EXPECT_EQ(text(at(result, "level")), "warning");
  EXPECT_EQ(text(at(at(result, "message"), "text")), "Pay changed at A | B <script> on 2025-01-01.");
  const eval::Value& physical = at(at(at(result, "locations"), 0), "physicalLocation");
  EXPECT_EQ(text(at(at(physical, "artifactLocation"), "uri")), "logs/jan%202025.yaml");
  EXPECT_EQ(eval::to_json(at(at(physical, "region"), "startLine")), "1");
  EXPECT_EQ(text(at(at(result, "properties"), "clause")), "7 & 8");
  EXPECT_EQ(eval::to_json(at(at(result, "properties"), "evidence")), R"(["e<1>"])");
  EXPECT_EQ(eval::to_json(at(at(result, "properties"), "key")), R"({"org":"A | B <script>"})");

  const eval::Value& rules = at(at(at(run, "tool"), "driver"), "rules");
  const eval::Value& rule = at(rules, 0);
  EXPECT_EQ(text(at(at(rule, "help"), "markdown")),
            "**Clause 7 \\& 8** of Rules \\<b\\>\\&\\</b\\> \\| pipes:\n\n"
            "> \\# Not a heading \\| and \\*not\\* bold \\<i\\>");
  EXPECT_EQ(text(at(at(rule, "defaultConfiguration"), "level")), "warning");
  EXPECT_EQ(text(at(at(at(rules, 1), "defaultConfiguration"), "level")), "note");
}

TEST_F(Formats, SarifReportsErrorsAsToolExecutionNotifications) {
  auto parsed = eval::parse_json(written(write_sarif));
  ASSERT_TRUE(parsed.value);
  const eval::Value& invocation = at(at(at(at(*parsed.value, "runs"), 0), "invocations"), 0);
  EXPECT_EQ(eval::to_json(at(invocation, "executionSuccessful")), "false");
  const eval::Value& notification = at(at(invocation, "toolExecutionNotifications"), 0);
  EXPECT_EQ(text(at(notification, "level")), "error");
  EXPECT_EQ(text(at(at(notification, "message"), "text")), "missing 'type'");
  EXPECT_EQ(text(at(at(notification, "descriptor"), "id")), "input-error");
  EXPECT_EQ(eval::to_json(at(at(at(at(notification, "locations"), 0), "physicalLocation"), "region")),
            R"({"startLine":3})");
}

TEST_F(Formats, SarifLocatesEventsFromStandardInputByTheirIdAlone) {
  auto parsed = eval::parse_json(written(write_sarif, "<stdin>"));
  ASSERT_TRUE(parsed.value);
  const eval::Value& run = at(at(*parsed.value, "runs"), 0);
  const eval::Value& result = at(at(run, "results"), 0);
  EXPECT_EQ(text(at(result, "ruleId")), "r-1|<x>");
  EXPECT_EQ(eval::to_json(at(result, "locations")), R"([{"logicalLocations":[{"name":"e<1>","kind":"object"}]}])");
  // An input error has no event id: nothing to point at.
  const eval::Value& notification = at(at(at(at(run, "invocations"), 0), "toolExecutionNotifications"), 0);
  EXPECT_EQ(at(notification, "locations").kind(), eval::Kind::Error);  // absent
}

}  // namespace
}  // namespace accord::report
