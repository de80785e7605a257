// The queue the reorder window's runs and the rules' deadlines are kept in:
// first in, first out, indexed from the front, through growth and wrapping.
#include "fifo.hpp"

#include <gtest/gtest.h>

#include <deque>

namespace accord::detail {
namespace {

TEST(Fifo, KeepsOrderThroughWrappingAndGrowth) {
  // Pushes and pops interleaved so that the ring wraps before it grows,
  // checked against std::deque at every step.
  Fifo<int> fifo;
  std::deque<int> expected;
  int next = 0;
  for (int round = 0; round < 200; ++round) {
    for (int i = 0; i < round % 7 + 3; ++i) {
      fifo.push_back(next);
      expected.push_back(next);
      ++next;
    }
    for (int i = 0; i < round % 5 + 1 && !expected.empty(); ++i) {
      ASSERT_EQ(fifo.front(), expected.front());
      fifo.pop_front();
      expected.pop_front();
    }
    ASSERT_EQ(fifo.size(), expected.size());
    ASSERT_FALSE(fifo.empty());
    EXPECT_EQ(fifo.back(), expected.back());
    for (std::size_t at = 0; at < expected.size(); at += 3) ASSERT_EQ(fifo[at], expected[at]);
  }
  fifo.clear();
  EXPECT_TRUE(fifo.empty());
  fifo.push_back(7);
  EXPECT_EQ(fifo.front(), 7);
}

}  // namespace
}  // namespace accord::detail
