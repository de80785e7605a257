// The progress line's text: counts, rate, share read and time left.
#include "progress.hpp"

#include <gtest/gtest.h>

#include <sstream>

namespace accord::cli {
namespace {

stream::Progress at(std::uint64_t events, std::uint64_t read, std::optional<std::uint64_t> total,
                    double seconds, int pass = 1) {
  stream::Progress progress;
  progress.events = events;
  progress.bytes_read = read;
  progress.bytes_total = total;
  progress.seconds = seconds;
  progress.pass = pass;
  return progress;
}

TEST(Progress, EventsRateShareAndTimeLeft) {
  EXPECT_EQ(format_progress(at(1'234'567, 450, 1000, 0.65), 0.65),
            "accord: 1,234,567 events, 1.9 M events/s, 45%, 1 s left");
  EXPECT_EQ(format_progress(at(3'000'000, 250, 1000, 20), 20),
            "accord: 3,000,000 events, 150 k events/s, 25%, 1 min 0 s left");
  EXPECT_EQ(format_progress(at(999, 100, 1000, 600), 600),
            "accord: 999 events, 2 events/s, 10%, 1 h 30 min left");
}

TEST(Progress, WithoutATotalOnlyEventsAndRate) {
  EXPECT_EQ(format_progress(at(1000, 5000, std::nullopt, 2), 2),
            "accord: 1,000 events, 500 events/s");
}

TEST(Progress, NothingReadYetHasNoTimeLeft) {
  EXPECT_EQ(format_progress(at(0, 0, 1000, 1), 1), "accord: 0 events, 0 events/s, 0%");
}

TEST(Progress, SecondPassIsNamedAndTimedFromItsStart) {
  EXPECT_EQ(format_progress(at(2'000'000, 500, 1000, 5, 2), 1),
            "accord: second pass, 2,000,000 events, 2.0 M events/s, 50%, 1 s left");
}

TEST(ProgressLine, SilentForTheFirstSecondThenRewrittenAndCleared) {
  std::ostringstream out;
  {
    ProgressLine line(out, 1.0);
    line.show(at(10, 1, 100, 0.5));
    EXPECT_EQ(out.str(), "");
    line.show(at(20, 50, 100, 1.0));
    line.show(at(30, 75, 100, 1.5));
  }
  EXPECT_EQ(out.str(),
            "\r\033[Kaccord: 20 events, 20 events/s, 50%, 1 s left"
            "\r\033[Kaccord: 30 events, 20 events/s, 75%, 1 s left"
            "\r\033[K");
}

TEST(ProgressLine, ShortCheckLeavesNothing) {
  std::ostringstream out;
  {
    ProgressLine line(out, 1.0);
    line.show(at(10, 1, 100, 0.25));
  }
  EXPECT_EQ(out.str(), "");
}

TEST(ProgressLine, SecondPassRateCountsOnlyItsOwnTime) {
  std::ostringstream out;
  ProgressLine line(out, 0);
  line.show(at(100, 100, 100, 4));       // the first pass ends about here
  line.show(at(100, 50, 100, 5, 2));     // one second into the second
  EXPECT_NE(out.str().find("second pass, 100 events, 100 events/s, 50%, 1 s left"),
            std::string::npos)
      << out.str();
}

}  // namespace
}  // namespace accord::cli
