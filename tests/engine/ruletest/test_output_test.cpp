// What `accord test` prints for a test and for the run.
#include "support/rule_test_harness.hpp"

#include <gtest/gtest.h>

#include <sstream>

namespace accord::ruletest {
namespace {

using testing::RuleTestHarness;

TEST(RuleTestOutput, APassAndAFailureWithWhatDiffers) {
  RuleTestHarness harness;
  ParsedTestFile parsed = harness.parse(R"(rules: answer
tests:
  - name: in time
    events:
      - {id: r, time: 2025-01-01, type: request, case: A}
      - {id: a, time: 2025-01-08, type: answer, case: A}
  - name: late
    events:
      - {id: r, time: 2025-01-01, type: request, case: "x, y"}
      - {id: z, time: 2025-02-01, type: audit}
    violations:
      - {trigger: r, due: 2025-01-09, message: "late\nanswer"}
      - {trigger: q}
)",
                                        "late.test.yaml");
  ASSERT_TRUE(parsed.file);
  std::ostringstream out;
  for (const RuleTest& test : parsed.file->tests) {
    write_outcome(out, *parsed.file, test, run_test(*parsed.file, test, harness.rules()));
  }
  EXPECT_EQ(out.str(),
            "PASS   late.test.yaml:3  in time\n"
            "FAIL   late.test.yaml:7  late\n"
            "    different violation: {rule: answer, trigger: r, due: 2025-01-09, message: "
            "\"late\\nanswer\"} (line 12)\n"
            "      due: expected 2025-01-09, found 2025-01-08\n"
            "      message: expected \"late\\nanswer\", found \"Request x, y of 2025-01-01 had no "
            "answer by 2025-01-08.\"\n"
            "    missing violation: {rule: answer, trigger: q} (line 13)\n");
}

TEST(RuleTestOutput, ABrokenTestSaysError) {
  RuleTestHarness harness;
  ParsedTestFile parsed = harness.parse("tests:\n  - name: t\n    events: [{id: a}]\n");
  ASSERT_TRUE(parsed.file);
  const RuleTest& test = parsed.file->tests[0];
  std::ostringstream out;
  write_outcome(out, *parsed.file, test, run_test(*parsed.file, test, harness.rules()));
  EXPECT_EQ(out.str(), "ERROR  case.test.yaml:2  t\n");
}

TEST(RuleTestOutput, Summary) {
  std::ostringstream out;
  write_summary(out, {15, 0, 64, 0, 0});
  write_summary(out, {1, 0, 0, 1, 0});
  write_summary(out, {3, 1, 2, 1, 1});
  EXPECT_EQ(out.str(),
            "64 tests in 15 files: 64 passed, 0 failed\n"
            "1 test in 1 file: 0 passed, 1 failed\n"
            "4 tests in 3 files: 2 passed, 1 failed, 1 could not run; 1 file could not be "
            "loaded\n");
}

TEST(RuleTestOutput, ColoursOnlyWhenAsked) {
  std::ostringstream plain;
  std::ostringstream coloured;
  write_summary(plain, {1, 0, 1, 0, 0});
  write_summary(coloured, {1, 0, 0, 1, 0}, {true});
  EXPECT_EQ(plain.str().find('\x1b'), std::string::npos);
  EXPECT_EQ(coloured.str(), "\x1b[31m1 test in 1 file: 0 passed, 1 failed\x1b[0m\n");
}

}  // namespace
}  // namespace accord::ruletest
