// Work on a long list split in two, the second half on another thread.
#include "in_halves.hpp"

#include <gtest/gtest.h>

#include <mutex>
#include <set>
#include <stdexcept>
#include <thread>
#include <utility>
#include <vector>

namespace accord::detail {
namespace {

struct Calls {
  std::mutex mutex;
  std::set<std::pair<std::size_t, std::size_t>> ranges;
  std::set<std::thread::id> threads;

  void note(std::size_t begin, std::size_t end) {
    std::lock_guard lock(mutex);
    ranges.insert({begin, end});
    threads.insert(std::this_thread::get_id());
  }
};

TEST(InHalves, AShortListIsWorkedThroughAtOnceOnTheCallingThread) {
  Calls calls;
  EXPECT_FALSE(in_halves(kHalvedFrom - 1,
                         [&](std::size_t begin, std::size_t end) { calls.note(begin, end); }));
  EXPECT_EQ(calls.ranges, (std::set<std::pair<std::size_t, std::size_t>>{{0, kHalvedFrom - 1}}));
  EXPECT_EQ(calls.threads, std::set<std::thread::id>{std::this_thread::get_id()});
}

TEST(InHalves, ALongListIsSplitBetweenTwoThreadsWithEveryEntryOnce) {
  const std::size_t size = kHalvedFrom + 1;
  Calls calls;
  std::vector<int> visits(size, 0);
  EXPECT_TRUE(in_halves(size, [&](std::size_t begin, std::size_t end) {
    calls.note(begin, end);
    for (std::size_t i = begin; i < end; ++i) ++visits[i];
  }));
  EXPECT_EQ(calls.ranges,
            (std::set<std::pair<std::size_t, std::size_t>>{{0, size / 2}, {size / 2, size}}));
  EXPECT_EQ(calls.threads.size(), 2u);
  EXPECT_EQ(visits, std::vector<int>(size, 1));
}

TEST(InHalves, AnExceptionFromEitherHalfReachesTheCaller) {
  for (bool in_first : {true, false}) {
    EXPECT_THROW(in_halves(kHalvedFrom,
                           [&](std::size_t begin, std::size_t) {
                             if ((begin == 0) == in_first) throw std::runtime_error("half");
                           }),
                 std::runtime_error)
        << (in_first ? "first half" : "second half");
  }
}

}  // namespace
}  // namespace accord::detail
