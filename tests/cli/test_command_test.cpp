// End-to-end tests of `accord test`, driven through accord::cli::run with
// string streams: finding test files, the report of passes and failures,
// and the exit status. Test files: tests/data/cli/tests/ and
// tests/data/cli/ruletest/.
#include "run.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

namespace accord::cli {
namespace {

const std::string kSourceDir = ACCORD_SOURCE_DIR;
const std::string kNpa = kSourceDir + "/rules/npa.yaml";
const std::string kHouse = kSourceDir + "/tests/data/cli/house.yaml";

std::string data(const std::string& name) {
  return kSourceDir + "/tests/data/cli/ruletest/" + name;
}

struct Outcome {
  int status;
  std::string out;
  std::string err;
};

Outcome accord_test(const std::vector<std::string>& args, bool terminal = false) {
  std::vector<const char*> argv{"accord", "test"};
  for (const std::string& arg : args) argv.push_back(arg.c_str());
  std::ostringstream out;
  std::ostringstream err;
  Context ctx{out, err, terminal, false, false};
  int status = run(static_cast<int>(argv.size()), argv.data(), ctx);
  return {status, out.str(), err.str()};
}

TEST(CliTest, TestsBesideTheRuleSetPass) {
  Outcome o = accord_test({kHouse});
  EXPECT_EQ(o.status, 0) << o.err;
  EXPECT_EQ(o.err, "");
  const std::string file = kSourceDir + "/tests/data/cli/tests/house/board-note.test.yaml";
  EXPECT_EQ(o.out, "PASS   " + file + ":5  a cut of ten posts needs no note, eleven do\n" +
                       "PASS   " + file + ":13  a higher limit in force allows eleven\n" +
                       "2 tests in 1 file: 2 passed, 0 failed\n");
}

TEST(CliTest, AFailingTestExitsOneWithTheDifferences) {
  Outcome o = accord_test({kNpa, "--tests", data("failing.test.yaml")});
  EXPECT_EQ(o.status, 1) << o.err;
  EXPECT_EQ(o.err, "");
  const std::string file = data("failing.test.yaml");
  EXPECT_EQ(o.out,
            "PASS   " + file + ":5  passes\n" + "FAIL   " + file +
                ":10  expects the wrong deadline and a violation that is not there\n"
                "    different violation: {rule: npa-9-earliest-stage, trigger: p1, due: "
                "2025-01-16} (line 16)\n"
                "      due: expected 2025-01-16, found 2025-01-15\n"
                "    missing violation: {rule: npa-9-earliest-stage, trigger: p3} (line 17)\n"
                "    unexpected violation: {rule: npa-9-earliest-stage, trigger: p2, time: "
                "2025-01-15, due: 2025-01-15}\n"
                "    missing pending obligation: {rule: npa-9-earliest-stage, trigger: p2, due: "
                "2025-01-15} (line 19)\n"
                "2 tests in 1 file: 1 passed, 1 failed\n");
}

TEST(CliTest, AMalformedTestFileExitsTwoWithItsPosition) {
  Outcome o = accord_test({kNpa, "--tests", data("malformed.test.yaml")});
  EXPECT_EQ(o.status, 2);
  EXPECT_EQ(o.err, data("malformed.test.yaml") +
                       ":6:28: error: 'due' must be a date (YYYY-MM-DD) or an RFC 3339 time with "
                       "an offset, not '15 January' [E503]\n"
                       " 6 |       - {trigger: p1, due: 15 January}\n"
                       "   |                            ^~~~~~~~~~\n");
  EXPECT_EQ(o.out, "0 tests in 1 file: 0 passed, 0 failed; 1 file could not be loaded\n");
}

TEST(CliTest, ATestThatCannotRunExitsTwoAndTheOthersStillRun) {
  Outcome o = accord_test({kNpa, "--tests", data("broken.test.yaml")});
  EXPECT_EQ(o.status, 2);
  EXPECT_NE(o.out.find("ERROR  " + data("broken.test.yaml") + ":2  an event without a time\n"),
            std::string::npos)
      << o.out;
  EXPECT_NE(o.out.find("PASS   " + data("broken.test.yaml") + ":5  passes\n"), std::string::npos);
  EXPECT_NE(o.err.find(data("broken.test.yaml") +
                       ":4:9: error: the test's log holds an invalid event: missing 'time' [E508]"),
            std::string::npos)
      << o.err;
}

TEST(CliTest, FoldersAreSearchedForTestFilesInNameOrder) {
  // Two rule sets, loaded together; each test file compares its own rules.
  Outcome o = accord_test(
      {kNpa, kHouse, "--tests", data(""), "--tests", kSourceDir + "/tests/data/cli/tests"});
  EXPECT_EQ(o.status, 2) << o.err;  // broken.test.yaml, malformed.test.yaml
  std::size_t broken = o.out.find("ruletest/broken.test.yaml:");
  std::size_t failing = o.out.find("ruletest/failing.test.yaml:");
  std::size_t house = o.out.find("tests/house/board-note.test.yaml:");
  ASSERT_NE(broken, std::string::npos) << o.out;
  ASSERT_NE(failing, std::string::npos);
  ASSERT_NE(house, std::string::npos);
  EXPECT_LT(broken, failing);
  EXPECT_LT(failing, house);
  EXPECT_NE(o.out.find("6 tests in 4 files: 4 passed, 1 failed, 1 could not run; 1 file could "
                       "not be loaded\n"),
            std::string::npos)
      << o.out;
}

TEST(CliTest, ColoursOnATerminal) {
  Outcome o = accord_test({kHouse}, true);
  EXPECT_EQ(o.out.rfind("\x1b[32mPASS \x1b[0m  ", 0), 0u) << o.out;
}

TEST(CliTest, RuleSetsWithErrorsExitTwo) {
  Outcome o = accord_test({kSourceDir + "/tests/data/cli/broken-rules.yaml", "--tests",
                           data("failing.test.yaml")});
  EXPECT_EQ(o.status, 2);
  EXPECT_NE(o.err.find("broken-rules.yaml:"), std::string::npos) << o.err;
  EXPECT_EQ(o.out, "");
}

TEST(CliTest, NoTestsIsAnError) {
  std::filesystem::path dir = std::filesystem::path(::testing::TempDir()) / "accord-no-tests";
  std::filesystem::create_directories(dir);
  std::filesystem::copy_file(kHouse, dir / "house.yaml",
                             std::filesystem::copy_options::overwrite_existing);
  Outcome none = accord_test({(dir / "house.yaml").string()});
  EXPECT_EQ(none.status, 2);
  EXPECT_EQ(none.err, "accord test: no tests for " + (dir / "house.yaml").string() + ": " +
                          (dir / "tests" / "house").string() +
                          " is not a folder (give the tests with --tests)\n");

  Outcome empty = accord_test({kHouse, "--tests", dir.string()});
  EXPECT_EQ(empty.status, 2);
  EXPECT_EQ(empty.err, "accord test: no test files (*.test.yaml) found\n");

  Outcome missing = accord_test({kHouse, "--tests", (dir / "nowhere").string()});
  EXPECT_EQ(missing.status, 2);
  EXPECT_EQ(missing.err,
            "accord test: " + (dir / "nowhere").string() + ": no such test file or folder\n");
  std::filesystem::remove_all(dir);
}

TEST(CliTest, RuleSetsAreFilesNotFolders) {
  Outcome o = accord_test({kSourceDir + "/rules"});
  EXPECT_EQ(o.status, 2);
  EXPECT_EQ(o.err, "accord test: " + kSourceDir +
                       "/rules is a folder: name the rule sets to test, and their tests with "
                       "--tests\n");
}

}  // namespace
}  // namespace accord::cli
