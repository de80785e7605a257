#include "stream/reorder_buffer.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <random>
#include <string>
#include <tuple>
#include <variant>
#include <vector>

namespace accord::stream::detail {
namespace {

Event event_at(EventBuilder& builder, std::int64_t seconds, std::uint32_t line) {
  std::string id = "e" + std::to_string(line);
  builder.start({0, line}, id.size() + 8);
  builder.set_id(id);
  builder.set_type("t");
  builder.set_time({seconds, 0});
  return std::get<Event>(builder.finish());
}

// Adds `times` in order, taking whatever no later addition can precede
// (those more than `window` before the latest), and returns the order
// events and bare times left in: (time, line), line 0 for a bare time.
// `most_in_heap`, if given, is raised to the most entries the buffer's
// heap held after an addition.
std::vector<std::pair<std::int64_t, std::uint32_t>> pass_through(
    const std::vector<std::int64_t>& times, std::int64_t window,
    const std::vector<bool>& bare = {}, std::size_t* most_in_heap = nullptr) {
  FieldIndex index({});
  EventBuilder builder(index);
  ReorderBuffer buffer;
  std::vector<std::pair<std::int64_t, std::uint32_t>> left;
  std::int64_t latest = times.empty() ? 0 : times[0];
  auto take = [&] {
    ReorderBuffer::Taken taken = buffer.take();
    if (taken.slot == ReorderBuffer::kNoSlot) {
      left.emplace_back(taken.time.seconds, 0);
      return;
    }
    const Event& event = buffer.event(taken.slot);
    EXPECT_EQ(event.time(), taken.time);
    left.emplace_back(taken.time.seconds, event.origin().line);
    buffer.release(taken.slot);
  };
  for (std::size_t i = 0; i < times.size(); ++i) {
    auto line = static_cast<std::uint32_t>(i + 1);
    if (i < bare.size() && bare[i]) {
      buffer.add_time({times[i], 0});
    } else {
      buffer.add(event_at(builder, times[i], line));
    }
    if (most_in_heap != nullptr) *most_in_heap = std::max(*most_in_heap, buffer.in_heap());
    latest = std::max(latest, times[i]);
    while (!buffer.empty() && buffer.next_time().seconds < latest - window) take();
  }
  while (!buffer.empty()) take();
  return left;
}

// Line positions with some lines written elsewhere: `moved` of every
// thousand, each where its time `by` 1 to 4 days later or earlier would put
// it (a day is 86,400 units; lines are a minute apart).
std::vector<std::int64_t> displaced(std::size_t count, std::size_t moved) {
  std::mt19937 random(11);
  std::uniform_int_distribution<std::int64_t> shift(86'400, 4 * 86'400);
  std::vector<std::pair<std::int64_t, std::int64_t>> placed;  // (where, time)
  for (std::size_t i = 0; i < count; ++i) {
    auto time = static_cast<std::int64_t>(i) * 60;
    std::int64_t where = time;
    if (random() % 1000 < moved) where += random() % 2 == 0 ? shift(random) : -shift(random);
    placed.emplace_back(where, time);
  }
  std::sort(placed.begin(), placed.end());
  std::vector<std::int64_t> times;
  for (const auto& [where, time] : placed) times.push_back(time);
  return times;
}

// What pass_through must give: by time, and in arrival order within a time.
std::vector<std::pair<std::int64_t, std::uint32_t>> in_order(
    const std::vector<std::int64_t>& times, const std::vector<bool>& bare = {}) {
  std::vector<std::tuple<std::int64_t, std::uint32_t, std::uint32_t>> sorted;
  for (std::size_t i = 0; i < times.size(); ++i) {
    auto line = static_cast<std::uint32_t>(i + 1);
    sorted.emplace_back(times[i], line, i < bare.size() && bare[i] ? 0 : line);
  }
  std::sort(sorted.begin(), sorted.end());
  std::vector<std::pair<std::int64_t, std::uint32_t>> order;
  for (const auto& [time, arrival, line] : sorted) order.emplace_back(time, line);
  return order;
}

TEST(ReorderBuffer, NearlySortedEventsLeaveInTimeThenArrivalOrder) {
  // Time zones: each event up to half a day either side of its place.
  std::mt19937 random(7);
  std::uniform_int_distribution<std::int64_t> jitter(-43'200, 43'200);
  std::vector<std::int64_t> times;
  for (std::int64_t i = 0; i < 20'000; ++i) times.push_back(i * 60 + jitter(random) / 60 * 60);
  EXPECT_EQ(pass_through(times, 86'400), in_order(times));
}

TEST(ReorderBuffer, LinesWrittenDaysAwayWaitInRunsNotTheHeap) {
  // As in an export where 1% of the lines are written days from their
  // neighbours: only late lines that no run can take wait in the heap (a
  // log n cost each), under a hundred here. Appending to any run that fits
  // rather than the one that fits best would send tens of thousands there.
  std::vector<std::int64_t> times = displaced(50'000, 10);
  std::size_t most_in_heap = 0;
  EXPECT_EQ(pass_through(times, 30 * 86'400, {}, &most_in_heap), in_order(times));
  EXPECT_LE(most_in_heap, 200u);
}

TEST(ReorderBuffer, MoreDisorderThanTheRunsHoldGoesThroughTheHeap) {
  // Descending stretches: every event starts a run of its own until the
  // runs are all taken, and the rest wait in the heap.
  std::vector<std::int64_t> times;
  for (std::int64_t block = 0; block < 50; ++block) {
    for (std::int64_t i = 40; i > 0; --i) times.push_back(block * 1'000 + i * 10);
    times.push_back(block * 1'000 + 200);  // the same time twice: arrival decides
  }
  EXPECT_EQ(pass_through(times, 100'000), in_order(times));
  EXPECT_EQ(pass_through(times, 500), in_order(times));
}

TEST(ReorderBuffer, AnyMixOfDisorderWindowsAndBareTimesKeepsTheOrder) {
  // Takes interleave with additions: an entry added to another run, or to
  // the heap, or before everything waiting, must stop the run being taken
  // from at the right place.
  std::mt19937 random(23);
  for (int trial = 0; trial < 300; ++trial) {
    std::size_t count = 1 + random() % 400;
    std::int64_t spread = 1 + random() % 50;
    std::vector<std::int64_t> times;
    std::vector<bool> bare;
    std::int64_t now = 0;
    for (std::size_t i = 0; i < count; ++i) {
      now += static_cast<std::int64_t>(random() % 3);
      // Mostly a little out of place, sometimes up to 100 either side.
      std::uint64_t shift = random() % 4 == 0 ? random() % 200 : random() % spread;
      auto offset = static_cast<std::int64_t>(shift);
      times.push_back(now + offset - 100);
      bare.push_back(random() % 5 == 0);
    }
    // Wide enough that nothing arrives after its turn has passed.
    std::int64_t window = 200 + static_cast<std::int64_t>(random() % 100);
    ASSERT_EQ(pass_through(times, window, bare), in_order(times, bare)) << "trial " << trial;
  }
}

TEST(ReorderBuffer, BareTimesTakeTheirTurnWithoutASlot) {
  std::vector<std::int64_t> times = {50, 10, 30, 30, 20, 70, 60, 40};
  std::vector<bool> bare = {true, false, true, false, false, true, false, true};
  EXPECT_EQ(pass_through(times, 1'000, bare), in_order(times, bare));
}

}  // namespace
}  // namespace accord::stream::detail
