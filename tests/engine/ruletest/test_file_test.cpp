// Reading rule test files: what a valid file gives, and every problem as a
// diagnostic at its line and column.
#include "support/rule_test_harness.hpp"

#include <accord/stream/event.hpp>

#include <gtest/gtest.h>

#include <iterator>

namespace accord::ruletest {
namespace {

using testing::RuleTestHarness;

TEST(RuleTestFile, ReadsTestsWithTheirExpectations) {
  RuleTestHarness harness;
  ParsedTestFile parsed = harness.parse(R"(rules: [answer, no-leak]
params: {answer_within: 3d}
tests:
  - name: late answer
    params: {answer_within: 5d}
    as_of: 2025-02-01
    events:
      - {id: r, time: 2025-01-01, type: request, case: A}
    violations:
      - rule: answer
        trigger: r
        time: 2025-01-06
        due: 2025-01-06T00:00:00Z
        message: Request A of 2025-01-01 had no answer by 2025-01-06.
        evidence: [r]
        key: {case: A}
    pending:
      - {rule: answer, trigger: q, due: 2025-02-03}
    errors:
      - {rule: no-leak, event: l, message: "no such field"}
)");
  ASSERT_TRUE(parsed.file) << parsed.diagnostics.size();
  const TestFile& file = *parsed.file;
  EXPECT_EQ(file.rules, (std::vector<std::string>{"answer", "no-leak"}));
  ASSERT_EQ(file.tests.size(), 1u);
  const RuleTest& test = file.tests[0];
  EXPECT_EQ(test.name, "late answer");
  // The file's overrides first, so that the test's own win.
  EXPECT_EQ(test.parameters, (std::vector<std::pair<std::string, std::string>>{
                                 {"answer_within", "3d"}, {"answer_within", "5d"}}));
  EXPECT_EQ(test.as_of, stream::parse_event_time("2025-02-01"));
  ASSERT_EQ(test.violations.size(), 1u);
  const ExpectedViolation& v = test.violations[0];
  EXPECT_EQ(v.rule, "answer");
  EXPECT_EQ(v.trigger, "r");
  EXPECT_EQ(v.time, stream::parse_event_time("2025-01-06"));
  EXPECT_EQ(v.due, v.time);
  EXPECT_EQ(v.message, "Request A of 2025-01-01 had no answer by 2025-01-06.");
  EXPECT_EQ(v.evidence, (std::vector<std::string>{"r"}));
  EXPECT_EQ(v.key, (Key{{"case", "A"}}));
  ASSERT_EQ(test.pending.size(), 1u);
  EXPECT_EQ(test.pending[0].trigger, "q");
  EXPECT_EQ(test.pending[0].key, std::nullopt);
  ASSERT_EQ(test.errors.size(), 1u);
  EXPECT_EQ(test.errors[0].rule, "no-leak");
  EXPECT_EQ(test.errors[0].event, "l");
  EXPECT_EQ(test.errors[0].message, "no such field");
}

TEST(RuleTestFile, OneRuleUnderTestNeedNotBeNamedAgain) {
  RuleTestHarness harness;
  ParsedTestFile parsed = harness.parse(R"(rules: answer
tests:
  - name: t
    events: []
    violations: [{trigger: r}]
    pending: [{trigger: q}]
)");
  ASSERT_TRUE(parsed.file);
  EXPECT_EQ(parsed.file->tests[0].violations[0].rule, "answer");
  EXPECT_EQ(parsed.file->tests[0].pending[0].rule, "answer");
}

TEST(RuleTestFile, InlineEventsKeepTheirLinesAndQuotedText) {
  RuleTestHarness harness;
  ParsedTestFile parsed = harness.parse(R"(tests:
  - name: t
    events:
      - {id: a, time: 2025-01-01, type: request, case: '12', serious: "true"}

      - id: b
        time: 2025-01-02
        type: leak
        serious: true
        note: "two\nlines, and: a colon"
    violations: []
  - name: u
    events: [{id: c, time: 2025-01-01, type: request}, {id: d, time: 2025-01-01, type: request}]
)");
  ASSERT_TRUE(parsed.file);
  // Each event on the line it has in the test file; quoted text stays text.
  EXPECT_EQ(parsed.file->tests[0].log.yaml,
            "[\n\n\n{id: a, time: 2025-01-01, type: request, case: \"12\", serious: \"true\"}\n\n"
            ", {id: b, time: 2025-01-02, type: leak, serious: true, note: \"two\\nlines, and: a "
            "colon\"}]\n");
  EXPECT_EQ(parsed.file->tests[0].log.event_offsets.size(), 2u);
  EXPECT_EQ(parsed.file->tests[1].log.yaml,
            "[\n\n\n\n\n\n\n\n\n\n\n\n{id: c, time: 2025-01-01, type: request}, {id: d, time: "
            "2025-01-01, type: request}]\n");
}

TEST(RuleTestFile, ALogFileIsFoundBesideTheTestFile) {
  RuleTestHarness harness;
  ParsedTestFile parsed = harness.parse(R"(tests:
  - name: t
    log: logs/a.jsonl
)",
                                        "tests/x/case.test.yaml");
  ASSERT_TRUE(parsed.file);
  EXPECT_EQ(parsed.file->tests[0].log.path, "tests/x/logs/a.jsonl");
}

TEST(RuleTestFile, NotYaml) {
  RuleTestHarness harness;
  EXPECT_EQ(harness.diagnose("tests: [\n"),
            "case.test.yaml:2:1: error: malformed YAML: end of sequence flow not found (a '[' is "
            "not closed) [E501]\n"
            " 2 | \n"
            "   | ^\n");
  EXPECT_EQ(harness.diagnose("- a\n"),
            "case.test.yaml:1:1: error: a rule test file must be a mapping with rules, params and "
            "tests [E503]\n"
            " 1 | - a\n"
            "   | ^\n");
}

TEST(RuleTestFile, EveryProblemAtItsPosition) {
  RuleTestHarness harness;
  const std::string file = R"(rules: [answr]
params: {answer_within: a week, answer_withn: 3d}
tests:
  - name: x
    as_of: soon
    evnts: []
    violations:
      - {trigger: r, due: later, evidence: r, key: [case]}
      - 12
    pending: {}
  - name: x
    events: [{id: a}]
    log: a.txt
  - name: y
    log: a.txt
  - events: []
    errors: [{rule: answer}]
)";
  std::string text = harness.diagnose(file);
  const char* expected[] = {
      "case.test.yaml:1:9: error: no rule 'answr' in the rule sets under test; did you mean "
      "'answer'? [E505]",
      "case.test.yaml:2:25: error: parameter 'answer_within': 'a week' is not a duration: write "
      "14d, 36h, 90m, 30s, 6mo, 1y or ISO 8601 such as P6M or P14D [E507]",
      "case.test.yaml:2:33: error: no rule set under test has a parameter 'answer_withn'; did "
      "you mean 'answer_within'? [E505]",
      "case.test.yaml:6:5: error: unknown key 'evnts' in a test (expected one of: as_of, errors, "
      "events, log, name, params, pending, violations) [E502]",
      "case.test.yaml:5:12: error: 'as_of' must be a date (YYYY-MM-DD) or an RFC 3339 time with "
      "an offset, not 'soon' [E503]",
      "case.test.yaml:4:5: error: test 'x' has no 'events' (or 'log') [E504]",
      "case.test.yaml:8:9: error: a violation has no 'rule' [E504]",
      "case.test.yaml:8:27: error: 'due' must be a date (YYYY-MM-DD) or an RFC 3339 time with an "
      "offset, not 'later' [E503]",
      "case.test.yaml:8:44: error: 'evidence' must be a list of event ids, not text [E503]",
      "case.test.yaml:8:52: error: 'key' must be a mapping of key fields to values, not a list "
      "[E503]",
      "case.test.yaml:9:9: error: a violation must be a mapping, not text [E503]",
      "case.test.yaml:10:14: error: 'pending' must be a list, not a mapping [E503]",
      "case.test.yaml:13:10: error: test 'x' has both 'events' and 'log': give one [E502]",
      "case.test.yaml:11:11: error: a test named 'x' comes earlier in the file (at line 4) [E506]",
      "case.test.yaml:15:10: error: cannot tell the log's format from its name 'a.txt': name it "
      ".jsonl, .ndjson, .csv, .yaml or .yml [E503]",
      "case.test.yaml:16:5: error: a test has no 'name' [E504]",
      "case.test.yaml:17:14: error: an error has no 'event' [E504]",
  };
  std::size_t from = 0;
  for (const char* line : expected) {
    std::size_t at = text.find(std::string(line) + "\n", from);
    ASSERT_NE(at, std::string::npos) << "missing or out of order: " << line << "\nin:\n" << text;
    from = at;
  }
  EXPECT_EQ(harness.parse(file).diagnostics.size(), std::size(expected)) << text;
}

TEST(RuleTestFile, AnEventThatHoldsItselfIsAnErrorNotEndlessWork) {
  RuleTestHarness harness;
  EXPECT_EQ(harness.diagnose("tests: &x [{name: a, events: *x}]\n"),
            "case.test.yaml:1:12: error: an event nested deeper than 64 levels (or an alias that "
            "holds itself) [E503]\n"
            " 1 | tests: &x [{name: a, events: *x}]\n"
            "   |            ^\n");
  EXPECT_NE(harness.diagnose("params: {[a]: 1}\ntests: [{name: a, events: []}]\n")
                .find("case.test.yaml:1:10: error: a parameter's name must be text, not a list"),
            std::string::npos);
}

TEST(RuleTestFile, ExpectationsNameRulesUnderTest) {
  RuleTestHarness harness;
  std::string text = harness.diagnose(R"(rules: answer
tests:
  - name: t
    events: []
    violations: [{rule: no-leak, trigger: a}]
)");
  EXPECT_NE(text.find("case.test.yaml:5:25: error: rule 'no-leak' is not among the rules this "
                      "file tests (its 'rules') [E505]"),
            std::string::npos)
      << text;
}

TEST(RuleTestFile, TestsMustBeThere) {
  RuleTestHarness harness;
  EXPECT_NE(harness.diagnose("rules: answer\n").find("the test file has no 'tests' [E504]"),
            std::string::npos);
  EXPECT_NE(harness.diagnose("tests: []\n")
                .find("'tests' must be a list of one or more tests, not an empty list [E504]"),
            std::string::npos);
  EXPECT_NE(harness.diagnose("tests:\n  - name: \"a\\tb\"\n    events: []\n")
                .find("a test's name must be one line of printable text [E503]"),
            std::string::npos);
}

}  // namespace
}  // namespace accord::ruletest
