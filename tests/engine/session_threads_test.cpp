// Sessions in parallel on one shared RuleSet judge exactly as they do one by
// one (and, under ThreadSanitizer, share nothing they write).
#include <accord/session.hpp>

#include "support/check_harness.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <string>
#include <thread>
#include <vector>

namespace accord {
namespace {

std::vector<std::string> lines_of(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in) << path;
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// Everything a session's result says, one line each, for comparing results.
std::vector<std::string> summary(const RuleSet& rule_set, const stream::CheckResult& result,
                                 std::size_t seen) {
  std::vector<std::string> out = testing::result_lines(
      result, [&](std::size_t rule) { return rule_set.rule(rule).id; });
  out.push_back("called back " + std::to_string(seen));
  return out;
}

// Session `variant` judges the NPA example without every variant-th event
// (variant 0 keeps them all), so each session's result differs.
std::vector<std::string> run(const RuleSet& rule_set, const std::vector<std::string>& lines,
                             std::size_t variant) {
  std::size_t seen = 0;
  SessionOptions options;
  options.reorder_window = eval::Duration{30 * 86400, 0};
  options.on_violation = [&seen](const stream::Violation&) { ++seen; };
  Session session(rule_set, options);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (variant > 0 && i % (variant + 1) == variant) continue;
    session.add_json(lines[i]);
    if (i % 64 == 0) session.pending();
  }
  return summary(rule_set, session.finish(), seen);
}

TEST(SessionThreads, SessionsSharingARuleSetJudgeInParallelAsOneByOne) {
  RuleSetLoad loaded = RuleSet::load_file(std::string(ACCORD_SOURCE_DIR) + "/rules/npa.yaml");
  ASSERT_TRUE(loaded.rule_set) << loaded.message;
  const RuleSet& rule_set = *loaded.rule_set;
  auto lines = lines_of(std::string(ACCORD_SOURCE_DIR) + "/examples/npa/events.jsonl");
  ASSERT_GT(lines.size(), 100u);

  constexpr std::size_t kSessions = 8;
  std::vector<std::vector<std::string>> one_by_one;
  for (std::size_t variant = 0; variant < kSessions; ++variant) {
    one_by_one.push_back(run(rule_set, lines, variant));
  }
  // The variants differ, and find something to differ in.
  EXPECT_NE(one_by_one[0], one_by_one[1]);
  EXPECT_GT(one_by_one[0].size(), 10u);

  std::vector<std::vector<std::string>> parallel(kSessions);
  std::vector<std::thread> threads;
  for (std::size_t variant = 0; variant < kSessions; ++variant) {
    threads.emplace_back([&, variant] { parallel[variant] = run(rule_set, lines, variant); });
  }
  for (std::thread& thread : threads) thread.join();
  for (std::size_t variant = 0; variant < kSessions; ++variant) {
    EXPECT_EQ(parallel[variant], one_by_one[variant]) << "session " << variant;
  }
}

TEST(SessionThreads, ASessionJudgesAsCheckLogsDoes) {
  RuleSetLoad loaded = RuleSet::load_file(std::string(ACCORD_SOURCE_DIR) + "/rules/npa.yaml");
  ASSERT_TRUE(loaded.rule_set) << loaded.message;
  const RuleSet& rule_set = *loaded.rule_set;
  std::string path = std::string(ACCORD_SOURCE_DIR) + "/examples/npa/events.jsonl";
  stream::CheckResult batch =
      stream::check_logs(rule_set.book(), {stream::LogInput::file(path)}).result;
  std::vector<std::string> expected = summary(rule_set, batch, batch.violations.size());

  std::size_t seen = 0;
  SessionOptions options;
  options.reorder_window = eval::Duration{30 * 86400, 0};
  options.on_violation = [&seen](const stream::Violation&) { ++seen; };
  Session session(rule_set, options);
  for (const std::string& line : lines_of(path)) session.add_json(line);
  EXPECT_EQ(summary(rule_set, session.finish(), seen), expected);
}

}  // namespace
}  // namespace accord
