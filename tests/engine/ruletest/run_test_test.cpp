// Running rule tests: passing, each kind of difference, the rules a file
// compares, parameters, and logs that cannot be judged.
#include "support/rule_test_harness.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace accord::ruletest {
namespace {

using testing::RuleTestHarness;
using Status = TestOutcome::Status;

// The late request r (case A) of every test below: due 2025-01-08.
const std::string kLateRequest = R"(
    events:
      - {id: r, time: 2025-01-01, type: request, case: A}
      - {id: z, time: 2025-02-01, type: audit}
)";

TEST(RunRuleTest, PassesWhenEveryFieldGivenAgrees) {
  RuleTestHarness harness;
  TestOutcome outcome = harness.run_first("tests:\n  - name: t" + kLateRequest + R"(
    violations:
      - rule: answer
        trigger: r
        time: 2025-01-08
        due: 2025-01-08
        message: Request A of 2025-01-01 had no answer by 2025-01-08.
        evidence: [r]
        key: {case: A}
)");
  EXPECT_EQ(outcome.status, Status::Passed);
  EXPECT_TRUE(outcome.differences.empty());
}

TEST(RunRuleTest, ExpectingNothingFailsOnAnyViolation) {
  RuleTestHarness harness;
  TestOutcome outcome = harness.run_first("tests:\n  - name: t" + kLateRequest);
  ASSERT_EQ(outcome.status, Status::Failed);
  ASSERT_EQ(outcome.differences.size(), 1u);
  const Difference& d = outcome.differences[0];
  EXPECT_EQ(d.kind, Difference::Kind::Unexpected);
  EXPECT_EQ(d.entry, Difference::Entry::Violation);
  EXPECT_EQ(d.text, "{rule: answer, trigger: r, time: 2025-01-08, due: 2025-01-08}");
  EXPECT_EQ(d.expected_at, std::nullopt);
}

TEST(RunRuleTest, ADifferentFieldIsOneDifferenceWithTheFields) {
  RuleTestHarness harness;
  TestOutcome outcome = harness.run_first("tests:\n  - name: t" + kLateRequest + R"(
    violations:
      - {rule: answer, trigger: r, due: 2025-01-09, evidence: [r, x], key: {case: B}}
)");
  ASSERT_EQ(outcome.differences.size(), 1u);
  const Difference& d = outcome.differences[0];
  EXPECT_EQ(d.kind, Difference::Kind::Changed);
  EXPECT_EQ(d.text,
            "{rule: answer, trigger: r, due: 2025-01-09, evidence: [r, x], key: {case: B}}");
  ASSERT_TRUE(d.expected_at);
  ASSERT_EQ(d.fields.size(), 3u);
  EXPECT_EQ(d.fields[0].name, "due");
  EXPECT_EQ(d.fields[0].expected, "2025-01-09");
  EXPECT_EQ(d.fields[0].found, "2025-01-08");
  EXPECT_EQ(d.fields[1].found, "[r]");
  EXPECT_EQ(d.fields[2].found, "{case: A}");
}

TEST(RunRuleTest, MissingAndUnexpectedWhenTheTriggerDiffers) {
  RuleTestHarness harness;
  TestOutcome outcome = harness.run_first("tests:\n  - name: t" + kLateRequest + R"(
    violations: [{rule: answer, trigger: q}]
    pending: [{rule: answer, trigger: r, due: 2025-01-08}]
    errors: [{rule: no-leak, event: z}]
)");
  ASSERT_EQ(outcome.differences.size(), 4u);
  EXPECT_EQ(outcome.differences[0].kind, Difference::Kind::Missing);
  EXPECT_EQ(outcome.differences[0].text, "{rule: answer, trigger: q}");
  EXPECT_EQ(outcome.differences[1].kind, Difference::Kind::Unexpected);
  EXPECT_EQ(outcome.differences[2].kind, Difference::Kind::Missing);
  EXPECT_EQ(outcome.differences[2].entry, Difference::Entry::Pending);
  EXPECT_EQ(outcome.differences[3].kind, Difference::Kind::Missing);
  EXPECT_EQ(outcome.differences[3].entry, Difference::Entry::Error);
}

TEST(RunRuleTest, TwoViolationsOfOneTriggerPairUpByTheirFields) {
  RuleTestHarness harness;
  // Both leaks are one forbidden rule's; the expectations come in the other order.
  TestOutcome outcome = harness.run_first(R"(tests:
  - name: t
    events:
      - {id: l1, time: 2025-01-01, type: leak, serious: true}
      - {id: l2, time: 2025-01-02, type: leak, serious: true}
    violations:
      - {rule: no-leak, trigger: l2, time: 2025-01-02}
      - {rule: no-leak, trigger: l1, message: A leak on 2025-01-01.}
)");
  EXPECT_EQ(outcome.status, Status::Passed);
}

TEST(RunRuleTest, OnlyTheFilesRulesAreCompared) {
  RuleTestHarness harness;
  TestOutcome outcome = harness.run_first("rules: no-leak\ntests:\n  - name: t" + kLateRequest);
  EXPECT_EQ(outcome.status, Status::Passed);
}

TEST(RunRuleTest, ParametersChangeTheDeadline) {
  RuleTestHarness harness;
  TestOutcome outcome = harness.run_first(
      "tests:\n  - name: t\n    params: {answer_within: 10d}" + kLateRequest + R"(
    violations: [{rule: answer, trigger: r, due: 2025-01-11}]
)");
  EXPECT_EQ(outcome.status, Status::Passed);
}

TEST(RunRuleTest, AsOfMakesAnObligationPending) {
  RuleTestHarness harness;
  TestOutcome outcome = harness.run_first(R"(tests:
  - name: t
    as_of: 2025-01-08
    events:
      - {id: r, time: 2025-01-01, type: request, case: A}
    pending: [{rule: answer, trigger: r, due: 2025-01-08, key: {case: A}}]
)");
  EXPECT_EQ(outcome.status, Status::Passed);
}

TEST(RunRuleTest, EvaluationErrorsAreExpectedLikeViolations) {
  RuleTestHarness harness;
  TestOutcome outcome = harness.run_first(R"(tests:
  - name: t
    events:
      - {id: l, time: 2025-01-01, type: leak}
    errors: [{rule: no-leak, event: l, message: "no such key 'serious'"}]
)");
  EXPECT_EQ(outcome.status, Status::Passed) << (outcome.differences.empty()
                                                     ? std::string()
                                                     : outcome.differences[0].text);
}

TEST(RunRuleTest, AnInvalidEventBreaksTheTestAtItsLine) {
  RuleTestHarness harness;
  TestOutcome outcome = harness.run_first(R"(tests:
  - name: t
    events:
      - {id: a, time: 2025-01-01, type: request}
      - {id: a, time: 2025-01-02, type: request}
      - {id: b, type: request}
)");
  EXPECT_EQ(outcome.status, Status::Broken);
  EXPECT_EQ(outcome.problems,
            "case.test.yaml:5:9: error: the test's log holds an invalid event: duplicate id 'a' "
            "(first used at case.test.yaml:4) [E508]\n"
            " 5 |       - {id: a, time: 2025-01-02, type: request}\n"
            "   |         ^\n"
            "case.test.yaml:6:9: error: the test's log holds an invalid event: missing 'time' "
            "[E508]\n"
            " 6 |       - {id: b, type: request}\n"
            "   |         ^\n");
}

TEST(RunRuleTest, ALogFileIsCheckedLikeInlineEvents) {
  RuleTestHarness harness;
  const std::string dir =
      (std::filesystem::path(::testing::TempDir()) / "accord-rule-test").string();
  std::filesystem::create_directories(dir);
  {
    std::ofstream good(dir + "/late.jsonl");
    good << R"({"id": "r", "time": "2025-01-01", "type": "request", "case": "A"})" << '\n'
         << R"({"id": "z", "time": "2025-02-01", "type": "audit"})" << '\n';
    std::ofstream bad(dir + "/bad.jsonl");
    bad << R"({"id": "r", "time": "2025-01-01", "type": "request", "case": "A"})" << '\n'
        << R"({"id": "bad"})" << '\n';
  }
  ParsedTestFile parsed = harness.parse(R"(tests:
  - name: t
    log: late.jsonl
    violations: [{rule: answer, trigger: r}]
  - name: u
    log: bad.jsonl
  - name: v
    log: missing.jsonl
)",
                                        dir + "/case.test.yaml");
  ASSERT_TRUE(parsed.file);
  EXPECT_EQ(run_test(*parsed.file, parsed.file->tests[0], harness.rules()).status, Status::Passed);

  TestOutcome bad = run_test(*parsed.file, parsed.file->tests[1], harness.rules());
  EXPECT_EQ(bad.status, Status::Broken);
  EXPECT_EQ(bad.problems, dir + "/bad.jsonl:2: error: the test's log holds an invalid event: "
                                "missing 'time' [E508]\n");

  TestOutcome missing = run_test(*parsed.file, parsed.file->tests[2], harness.rules());
  EXPECT_EQ(missing.status, Status::Broken);
  EXPECT_NE(missing.problems.find("case.test.yaml:8:10: error: cannot read the log " + dir +
                                  "/missing.jsonl"),
            std::string::npos)
      << missing.problems;
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace accord::ruletest
