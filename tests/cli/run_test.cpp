// End-to-end tests of the accord command, driven through accord::cli::run.
#include "run.hpp"

#include <gtest/gtest.h>

#include <initializer_list>
#include <sstream>
#include <string>
#include <vector>

namespace accord::cli {
namespace {

struct Outcome {
  int status;
  std::string out;
  std::string err;
};

Outcome run_accord(std::initializer_list<const char*> args) {
  std::vector<const char*> argv{"accord"};
  argv.insert(argv.end(), args);
  std::ostringstream out;
  std::ostringstream err;
  int status = run(static_cast<int>(argv.size()), argv.data(), Context{out, err});
  return {status, out.str(), err.str()};
}

TEST(Cli, WithoutSubcommandIsUsageError) {
  Outcome o = run_accord({});
  EXPECT_EQ(o.status, 2);
  EXPECT_NE(o.err.find("subcommand"), std::string::npos) << o.err;
}

TEST(Cli, HelpSucceeds) {
  Outcome o = run_accord({"--help"});
  EXPECT_EQ(o.status, 0);
  EXPECT_NE(o.out.find("eval"), std::string::npos);
}

TEST(Cli, UnknownOptionIsUsageError) {
  Outcome o = run_accord({"eval", "--nope", "1"});
  EXPECT_EQ(o.status, 2);
}

TEST(CliEval, PrintsPlainJson) {
  Outcome o = run_accord({"eval", "1 + 2"});
  EXPECT_EQ(o.status, 0) << o.err;
  EXPECT_EQ(o.out, "3\n");
  EXPECT_EQ(o.err, "");
}

TEST(CliEval, PrintsTypedJson) {
  Outcome o = run_accord({"eval", "--typed", "1u + 2u"});
  EXPECT_EQ(o.status, 0) << o.err;
  EXPECT_EQ(o.out, "{\"uint64\":\"3\"}\n");
}

TEST(CliEval, BindsVariables) {
  Outcome o = run_accord({"eval", "--var", "x=2", "--var", "names=[\"a\",\"b\"]",
                          "x * 10 + size(names)"});
  EXPECT_EQ(o.status, 0) << o.err;
  EXPECT_EQ(o.out, "22\n");
}

TEST(CliEval, BindsTypedVariables) {
  Outcome o = run_accord({"eval", "--typed", "--var", "x={\"uint64\":\"7\"}", "x + 1u"});
  EXPECT_EQ(o.status, 0) << o.err;
  EXPECT_EQ(o.out, "{\"uint64\":\"8\"}\n");
}

TEST(CliEval, DoubleDashAllowsLeadingMinus) {
  Outcome o = run_accord({"eval", "--var", "x=2", "--", "-1 + x"});
  EXPECT_EQ(o.status, 0) << o.err;
  EXPECT_EQ(o.out, "1\n");
}

TEST(CliEval, ReadsEventFields) {
  Outcome o = run_accord(
      {"eval", "--event", R"({"type": "decision.made", "union_input_accepted": false})",
       "event.type == 'decision.made' && !event.union_input_accepted"});
  EXPECT_EQ(o.status, 0) << o.err;
  EXPECT_EQ(o.out, "true\n");
}

TEST(CliEval, MissingFieldIsAnErrorNotFalse) {
  Outcome o = run_accord({"eval", "--event", R"({"type": "x"})", "event.compulsory"});
  EXPECT_EQ(o.status, 2);
  EXPECT_EQ(o.out, "");
  EXPECT_NE(o.err.find("<expression>:1:"), std::string::npos) << o.err;
  EXPECT_NE(o.err.find("compulsory"), std::string::npos) << o.err;
}

TEST(CliEval, SyntaxErrorShowsPositionAndCaret) {
  Outcome o = run_accord({"eval", "(1 + 2"});
  EXPECT_EQ(o.status, 2);
  EXPECT_EQ(o.out, "");
  EXPECT_NE(o.err.find("<expression>:1:7: error:"), std::string::npos) << o.err;
  EXPECT_NE(o.err.find(" 1 | (1 + 2\n"), std::string::npos) << o.err;
  EXPECT_NE(o.err.find("^"), std::string::npos) << o.err;
}

TEST(CliEval, EvaluationErrorExitsTwo) {
  Outcome o = run_accord({"eval", "1 / 0"});
  EXPECT_EQ(o.status, 2);
  EXPECT_EQ(o.out, "");
  EXPECT_NE(o.err.find("division by zero"), std::string::npos) << o.err;
}

TEST(CliEval, UnknownVariableIsReported) {
  Outcome o = run_accord({"eval", "nope + 1"});
  EXPECT_EQ(o.status, 2);
  EXPECT_NE(o.err.find("nope"), std::string::npos) << o.err;
}

TEST(CliEval, BadVarSyntaxIsUsageError) {
  EXPECT_EQ(run_accord({"eval", "--var", "x", "x"}).status, 2);
  EXPECT_EQ(run_accord({"eval", "--var", "x={", "x"}).status, 2);
  EXPECT_EQ(run_accord({"eval", "--event", "[1]", "true"}).status, 2);
  EXPECT_EQ(run_accord({"eval", "--var", "x=1", "--var", "x=2", "x"}).status, 2);
}

TEST(CliEval, CalendarArithmetic) {
  Outcome o = run_accord(
      {"eval", "timestamp('2025-08-31T00:00:00Z') + months(6)"});
  EXPECT_EQ(o.status, 0) << o.err;
  EXPECT_EQ(o.out, "\"2026-02-28T00:00:00Z\"\n");
}

}  // namespace
}  // namespace accord::cli
