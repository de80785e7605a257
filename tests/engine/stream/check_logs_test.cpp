// Whole checks over inputs: reading on a second thread gives exactly what
// reading on one does, a far-unsorted file is read again, a pipe is not,
// and a failure while reading reaches the caller.
#include <accord/rules/load.hpp>
#include <accord/stream/check_logs.hpp>

#include "engine/stream/decision_rules.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <thread>

namespace accord::stream {
namespace {

class CheckLogsTest : public DecisionRulesTest {
 protected:
  static LogInput text_input(std::string text, bool rereadable = false) {
    LogInput input;
    input.name = "memory.jsonl";
    input.open = [text] { return ByteSource::from_string(text); };
    input.rereadable = rereadable;
    return input;
  }
};

// Several thousand events over two years, with a bad line, a duplicate id
// and events a few days out of order every so often.
std::string busy_log() {
  std::string log;
  for (int i = 0; i < 6000; ++i) {
    int day = i / 8 + (i % 37 == 0 ? 3 : 0);
    std::string time = eval::format_timestamp({1735689600 + day * 86400LL + i % 8 * 60, 0});
    const char* type = i % 3 == 0 ? "information" : i % 3 == 1 ? "decision" : "explanation";
    std::string subject = "s" + std::to_string((i * 7) % 500);
    log += R"({"id": "e)" + std::to_string(i) + R"(", "time": ")" + time + R"(", "type": ")" +
           type + R"(", "subject": ")" + subject + "\"}\n";
    if (i == 2000) log += "not json\n";
    if (i == 4000) log += R"({"id": "e17", "time": "2026-01-01", "type": "noise"})" "\n";
  }
  return log;
}

TEST_F(CheckLogsTest, ReadingOnASecondThreadGivesWhatReadingOnOneDoes) {
  std::string log = busy_log();
  LogCheckOptions serial;
  serial.parallel = false;
  LogCheck one = check_logs(*book_, {text_input(log)}, serial);
  LogCheck two = check_logs(*book_, {text_input(log)});
  EXPECT_EQ(two.result.events, one.result.events);
  EXPECT_EQ(triggers(two.result), triggers(one.result));
  EXPECT_EQ(two.result.pending.size(), one.result.pending.size());
  ASSERT_EQ(two.result.input_errors.size(), one.result.input_errors.size());
  for (std::size_t i = 0; i < one.result.input_errors.size(); ++i) {
    EXPECT_EQ(two.result.input_errors[i].message, one.result.input_errors[i].message);
  }
  EXPECT_EQ(one.result.input_errors.size(), 2u);  // the bad line and the duplicate
  EXPECT_FALSE(one.result.violations.empty());
}

// Batches, two threads and the reorder window between them: what check_logs
// judges, refuses as late and leaves out is what a checker given the same
// events one by one does, whatever the window.
TEST_F(CheckLogsTest, JudgesAsACheckerGivenTheSameEventsDoes) {
  std::string log = busy_log();
  // Further out of order than a two-day window allows, now and then, and
  // some times shared by several events.
  for (int i = 0; i < 400; ++i) {
    int day = (i * 53) % 700;
    std::string time = eval::format_timestamp({1735689600 + day * 86400LL, 0});
    const char* type = i % 2 == 0 ? "information" : "decision";
    log += R"({"id": "late)" + std::to_string(i) + R"(", "time": ")" + time + R"(", "type": ")" +
           type + R"(", "subject": "s)" + std::to_string(i % 50) + "\"}\n";
  }
  // At the end: an event at the time released last is still in order, one
  // a second earlier is not.
  log += R"({"id": "t1", "time": "2027-03-01T00:00:00Z", "type": "decision", "subject": "s1"})" "\n"
         R"({"id": "t2", "time": "2027-03-04T00:00:00Z", "type": "noise"})" "\n"
         R"({"id": "t3", "time": "2027-03-01T00:00:00Z", "type": "information", "subject": "s1"})" "\n"
         R"({"id": "t4", "time": "2027-02-28T23:59:59Z", "type": "information", "subject": "s2"})" "\n"
         R"({"id": "t5", "time": "2027-04-01T00:00:00Z", "type": "noise"})" "\n";
  for (std::optional<eval::Duration> window :
       {std::optional<eval::Duration>(eval::Duration{2 * 86400, 0}),
        std::optional<eval::Duration>(eval::Duration{0, 0}), std::optional<eval::Duration>()}) {
    CheckOptions options;
    options.reorder_window = window;
    options.as_of = eval::Timestamp{1735689600 + 800 * 86400LL, 0};  // leaves some out
    options.input_names = {"memory.jsonl"};

    Checker checker(*book_, options);
    auto reader = open_reader(InputFormat::JsonLines, ByteSource::from_string(log), 0,
                              book_->fields());
    for (ReadItem item; reader->next(item);) checker.add(std::move(item));
    std::uint64_t late = checker.late_events();
    CheckResult own = checker.finish();

    for (bool parallel : {false, true}) {
      LogCheckOptions check_options;
      check_options.check = options;
      check_options.parallel = parallel;
      LogCheck check = check_logs(*book_, {text_input(log)}, check_options);
      EXPECT_EQ(check.late_events, late);
      EXPECT_EQ(check.result.events, own.events);
      EXPECT_EQ(check.result.left_out, own.left_out);
      EXPECT_EQ(triggers(check.result), triggers(own));
      EXPECT_EQ(check.result.pending.size(), own.pending.size());
      ASSERT_EQ(check.result.input_errors.size(), own.input_errors.size());
      for (std::size_t i = 0; i < own.input_errors.size(); ++i) {
        EXPECT_EQ(check.result.input_errors[i].origin, own.input_errors[i].origin);
        EXPECT_EQ(check.result.input_errors[i].message, own.input_errors[i].message);
      }
    }
    if (window && window->seconds > 0) {
      EXPECT_GT(late, 0u);
    }
    EXPECT_GT(own.left_out, 0u);
    EXPECT_FALSE(own.violations.empty());
  }
}

TEST_F(CheckLogsTest, AFileTooUnsortedForTheWindowIsReadAgainHoldingEveryEvent) {
  // The information comes two months after the decision in the file, but
  // is earlier: beyond the 30-day window.
  std::string log = R"({"id": "d", "time": "2025-01-10", "type": "decision", "subject": "s"})" "\n"
                    R"({"id": "z", "time": "2025-03-20", "type": "noise"})" "\n"
                    R"({"id": "i", "time": "2025-01-09", "type": "information", "subject": "s"})" "\n"
                    R"({"id": "x", "time": "2025-01-11", "type": "explanation", "subject": "s"})" "\n";
  auto path = std::filesystem::temp_directory_path() / "accord-check-logs-test.jsonl";
  std::ofstream(path) << log;
  LogCheck check = check_logs(*book_, {LogInput::file(path.string())});
  std::filesystem::remove(path);
  EXPECT_TRUE(check.reread);
  EXPECT_EQ(check.late_events, 0u);
  EXPECT_TRUE(check.result.input_errors.empty());
  EXPECT_TRUE(check.result.violations.empty());
  EXPECT_EQ(check.result.events, 4u);
}

TEST_F(CheckLogsTest, APipeIsNotReadAgainAndItsLateEventsAreInputErrors) {
  std::string log = R"({"id": "d", "time": "2025-01-10", "type": "decision", "subject": "s"})" "\n"
                    R"({"id": "z", "time": "2025-03-20", "type": "noise"})" "\n"
                    R"({"id": "i", "time": "2025-01-09", "type": "information", "subject": "s"})" "\n";
  LogCheck check = check_logs(*book_, {text_input(log, false)});
  EXPECT_FALSE(check.reread);
  EXPECT_EQ(check.late_events, 1u);
  ASSERT_EQ(check.result.input_errors.size(), 1u);
  EXPECT_EQ(check.result.input_errors[0].origin.line, 3u);
  EXPECT_EQ(triggers(check.result), (std::vector<std::string>{"informed:d", "explained:d"}));
}

TEST_F(CheckLogsTest, InputsAreNamedInMessagesAndReadInOrder) {
  LogInput first = text_input(R"({"id": "a", "time": "2025-01-01", "type": "noise"})" "\n");
  first.name = "first.jsonl";
  LogInput second = text_input(R"({"id": "a", "time": "2025-01-02", "type": "noise"})" "\n");
  second.name = "second.jsonl";
  LogCheck check = check_logs(*book_, {first, second});
  ASSERT_EQ(check.result.input_errors.size(), 1u);
  EXPECT_EQ(check.result.input_errors[0].origin.input, 1u);
  EXPECT_EQ(check.result.input_errors[0].message,
            "duplicate id 'a' (first used at first.jsonl:1)");
}

TEST_F(CheckLogsTest, ProgressIsReportedOnTheCallingThreadAsTheCheckGoes) {
  std::string log = busy_log();
  auto path = std::filesystem::temp_directory_path() / "accord-check-logs-progress.jsonl";
  std::ofstream(path) << log;
  LogCheckOptions options;
  options.progress_interval = 0;  // every batch
  std::vector<Progress> seen;
  auto caller = std::this_thread::get_id();
  options.on_progress = [&](const Progress& progress) {
    EXPECT_EQ(std::this_thread::get_id(), caller);
    seen.push_back(progress);
  };
  LogCheck check = check_logs(*book_, {LogInput::file(path.string())}, options);
  std::filesystem::remove(path);
  ASSERT_GE(seen.size(), 5u);
  for (std::size_t i = 1; i < seen.size(); ++i) {
    EXPECT_GT(seen[i].events, seen[i - 1].events);
    EXPECT_GE(seen[i].bytes_read, seen[i - 1].bytes_read);
  }
  ASSERT_TRUE(seen.back().bytes_total);
  EXPECT_EQ(*seen.back().bytes_total, log.size());
  EXPECT_LE(seen.back().bytes_read, log.size());
  EXPECT_EQ(seen.back().pass, 1);
  EXPECT_FALSE(check.reread);
}

// A source that fails in a way no reader reports as an input error.
class FailingSource final : public ByteSource {
 public:
  std::size_t read(char*, std::size_t, std::string&) override {
    throw std::runtime_error("the source broke");
  }
};

TEST_F(CheckLogsTest, AFailureWhileReadingReachesTheCaller) {
  LogInput input;
  input.name = "broken";
  input.open = [] { return std::make_unique<FailingSource>(); };
  for (bool parallel : {false, true}) {
    LogCheckOptions options;
    options.parallel = parallel;
    EXPECT_THROW(check_logs(*book_, {input}, options), std::runtime_error) << parallel;
  }
}

}  // namespace
}  // namespace accord::stream
