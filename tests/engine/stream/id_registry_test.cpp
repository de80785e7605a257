#include "stream/id_registry.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <random>
#include <string>
#include <unordered_map>
#include <vector>

namespace accord::stream::detail {
namespace {

// "e00000042" for 42: the generator's ids.
std::string padded(std::string_view prefix, std::uint64_t number, int width) {
  char digits[32];
  std::snprintf(digits, sizeof digits, "%0*llu", width, static_cast<unsigned long long>(number));
  return std::string(prefix) + digits;
}

TEST(IdRegistry, FindsDuplicatesAndWhereTheFirstWas) {
  IdRegistry ids;
  EXPECT_EQ(ids.insert("e1", {0, 1}), std::nullopt);
  EXPECT_EQ(ids.insert("e2", {0, 2}), std::nullopt);
  EXPECT_EQ(ids.insert("e1", {1, 9}), (Origin{0, 1}));
  EXPECT_EQ(ids.insert("", {1, 10}), std::nullopt);
  EXPECT_EQ(ids.insert("", {1, 11}), (Origin{1, 10}));
  EXPECT_EQ(ids.size(), 3u);
}

TEST(IdRegistry, ANumberSeenFarAheadIsFoundWhenTheCountReachesIt) {
  // e005000 comes first, far above the family's count; the count then goes
  // up through it, a bit an id, and meets it again.
  IdRegistry ids;
  EXPECT_EQ(ids.insert(padded("e", 5000, 6), {0, 1}), std::nullopt);
  std::vector<std::uint64_t> repeated;
  for (std::uint32_t n = 1; n <= 6000; ++n) {
    if (auto first = ids.insert(padded("e", n, 6), {0, n + 1})) {
      EXPECT_EQ(*first, (Origin{0, 1}));
      repeated.push_back(n);
    }
  }
  EXPECT_EQ(repeated, std::vector<std::uint64_t>{5000});
  // Those the count went through, and those far beyond it, are found too.
  EXPECT_EQ(ids.insert(padded("e", 4999, 6), {1, 1}), (Origin{0, 5000}));
  EXPECT_EQ(ids.insert(padded("e", 900000, 6), {1, 2}), std::nullopt);
  EXPECT_EQ(ids.insert(padded("e", 900000, 6), {1, 3}), (Origin{1, 2}));
  EXPECT_EQ(ids.kept_whole(), 0u);
}

TEST(IdRegistry, StaysExactAcrossGrowthAndChunks) {
  // Enough ids kept whole to grow the table many times and fill several
  // 1 MiB chunks.
  IdRegistry ids;
  constexpr std::uint32_t kCount = 200'000;
  for (std::uint32_t i = 0; i < kCount; ++i) {
    std::string id = "event-" + std::to_string(i) + std::string(i % 7 + 1, 'x');
    ASSERT_EQ(ids.insert(id, {i % 3, i + 1}), std::nullopt) << id;
  }
  for (std::uint32_t i = 0; i < kCount; i += 997) {
    std::string id = "event-" + std::to_string(i) + std::string(i % 7 + 1, 'x');
    EXPECT_EQ(ids.insert(id, {9, 9}), (Origin{i % 3, i + 1})) << id;
  }
  EXPECT_EQ(ids.insert("event-1y", {9, 9}), std::nullopt);  // like "event-1xx", not the same
  EXPECT_EQ(ids.size(), kCount + 1);
  EXPECT_EQ(ids.kept_whole(), kCount + 1);
}

TEST(IdRegistry, IdsLongerThanAChunk) {
  IdRegistry ids;
  std::string huge(3 << 20, 'h');
  EXPECT_EQ(ids.insert("before", {0, 1}), std::nullopt);
  EXPECT_EQ(ids.insert(huge, {0, 2}), std::nullopt);
  EXPECT_EQ(ids.insert("after", {0, 3}), std::nullopt);
  EXPECT_EQ(ids.insert(huge, {0, 4}), (Origin{0, 2}));
  EXPECT_EQ(ids.insert("before", {0, 5}), (Origin{0, 1}));
  EXPECT_EQ(ids.insert("after", {0, 6}), (Origin{0, 3}));
}

TEST(IdRegistry, PrefixedCountersInLineOrderAreNotKeptWhole) {
  IdRegistry ids;
  constexpr std::uint32_t kCount = 100'000;
  for (std::uint32_t line = 1; line <= kCount; ++line) {
    ASSERT_EQ(ids.insert(padded("e", line, 8), {0, line}), std::nullopt);
    ASSERT_EQ(ids.insert(padded("EV-2024-", line, 6), {1, line}), std::nullopt);
  }
  EXPECT_EQ(ids.kept_whole(), 0u);
  EXPECT_EQ(ids.size(), 2 * kCount);
  // Duplicates far from the first use, each at its exact line.
  EXPECT_EQ(ids.insert("e00000001", {2, 1}), (Origin{0, 1}));
  EXPECT_EQ(ids.insert("e00054321", {2, 2}), (Origin{0, 54321}));
  EXPECT_EQ(ids.insert("e00100000", {2, 3}), (Origin{0, 100000}));
  EXPECT_EQ(ids.insert("EV-2024-000777", {2, 4}), (Origin{1, 777}));
  EXPECT_EQ(ids.insert("e00100001", {2, 5}), std::nullopt);
  EXPECT_EQ(ids.insert("EV-2025-000777", {2, 6}), std::nullopt);
}

TEST(IdRegistry, IntegerIdsAcrossDigitCounts) {
  // Plain counters: 9 then 10 changes the family (one digit, then two).
  IdRegistry ids;
  for (std::uint32_t line = 1; line <= 20'000; ++line) {
    ASSERT_EQ(ids.insert(std::to_string(line), {0, line}), std::nullopt);
  }
  EXPECT_EQ(ids.kept_whole(), 0u);
  EXPECT_EQ(ids.insert("9", {1, 1}), (Origin{0, 9}));
  EXPECT_EQ(ids.insert("10", {1, 2}), (Origin{0, 10}));
  EXPECT_EQ(ids.insert("9999", {1, 3}), (Origin{0, 9999}));
  EXPECT_EQ(ids.insert("10000", {1, 4}), (Origin{0, 10000}));
  EXPECT_EQ(ids.insert("0", {1, 5}), std::nullopt);
  EXPECT_EQ(ids.insert("20001", {1, 6}), std::nullopt);
}

TEST(IdRegistry, LeadingZerosMakeOtherIds) {
  IdRegistry ids;
  EXPECT_EQ(ids.insert("e1", {0, 1}), std::nullopt);
  EXPECT_EQ(ids.insert("e01", {0, 2}), std::nullopt);
  EXPECT_EQ(ids.insert("e001", {0, 3}), std::nullopt);
  EXPECT_EQ(ids.insert("1", {0, 4}), std::nullopt);
  EXPECT_EQ(ids.insert("01", {0, 5}), std::nullopt);
  EXPECT_EQ(ids.insert("00", {0, 6}), std::nullopt);
  EXPECT_EQ(ids.insert("0", {0, 7}), std::nullopt);
  EXPECT_EQ(ids.insert("e01", {0, 8}), (Origin{0, 2}));
  EXPECT_EQ(ids.insert("e1", {0, 9}), (Origin{0, 1}));
  EXPECT_EQ(ids.insert("e001", {0, 10}), (Origin{0, 3}));
  EXPECT_EQ(ids.insert("01", {0, 11}), (Origin{0, 5}));
  EXPECT_EQ(ids.insert("00", {0, 12}), (Origin{0, 6}));
  EXPECT_EQ(ids.insert("0", {0, 13}), (Origin{0, 7}));
  EXPECT_EQ(ids.size(), 7u);
}

TEST(IdRegistry, MixedShapes) {
  IdRegistry ids;
  const std::vector<std::string> shapes = {
      "abc", "a1b", "a1b2", "x-", "x-1", "X-1", "1-x", "e 1", "e\n1", "é1", "e1", std::string("e\0" "1", 3),
      "12345678901234567890", "000000000000000000001", "v1.2.3", "2024-01-01T00:00:00Z"};
  for (std::size_t i = 0; i < shapes.size(); ++i) {
    ASSERT_EQ(ids.insert(shapes[i], {0, static_cast<std::uint32_t>(i + 1)}), std::nullopt)
        << shapes[i];
  }
  for (std::size_t i = 0; i < shapes.size(); ++i) {
    EXPECT_EQ(ids.insert(shapes[i], {1, 1}), (Origin{0, static_cast<std::uint32_t>(i + 1)}))
        << shapes[i];
  }
  EXPECT_EQ(ids.size(), shapes.size());
}

TEST(IdRegistry, NumbersTooLargeAreKeptWhole) {
  IdRegistry ids;
  // 18 digits is the longest counter; 19 and more stay in the id.
  EXPECT_EQ(ids.insert("999999999999999999", {0, 1}), std::nullopt);
  EXPECT_EQ(ids.kept_whole(), 0u);
  EXPECT_EQ(ids.insert("e9999999999999999999", {0, 2}), std::nullopt);
  EXPECT_EQ(ids.insert("18446744073709551616", {0, 3}), std::nullopt);  // 2^64
  EXPECT_EQ(ids.insert("e" + std::string(40, '7'), {0, 4}), std::nullopt);
  EXPECT_EQ(ids.kept_whole(), 3u);
  EXPECT_EQ(ids.insert("999999999999999999", {1, 1}), (Origin{0, 1}));
  EXPECT_EQ(ids.insert("e9999999999999999999", {1, 2}), (Origin{0, 2}));
  EXPECT_EQ(ids.insert("18446744073709551616", {1, 3}), (Origin{0, 3}));
  EXPECT_EQ(ids.insert("e" + std::string(40, '7'), {1, 4}), (Origin{0, 4}));
  // Counters past 64 bits are not mistaken for one another.
  EXPECT_EQ(ids.insert("18446744073709551617", {1, 5}), std::nullopt);
  EXPECT_EQ(ids.insert("999999999999999998", {1, 6}), std::nullopt);
}

TEST(IdRegistry, RunsBreakAtInputsAndSkippedLines) {
  IdRegistry ids;
  // e1..e10 on lines 1..10 of input 0; e11..e20 on lines 1..10 of input 1;
  // e21..e30 on lines 12..21 of input 1 (line 11 was blank).
  for (std::uint32_t i = 1; i <= 10; ++i) ASSERT_EQ(ids.insert(padded("e", i, 3), {0, i}), std::nullopt);
  for (std::uint32_t i = 11; i <= 20; ++i) ASSERT_EQ(ids.insert(padded("e", i, 3), {1, i - 10}), std::nullopt);
  for (std::uint32_t i = 21; i <= 30; ++i) ASSERT_EQ(ids.insert(padded("e", i, 3), {1, i - 9}), std::nullopt);
  EXPECT_EQ(ids.kept_whole(), 0u);
  EXPECT_EQ(ids.insert("e010", {2, 1}), (Origin{0, 10}));
  EXPECT_EQ(ids.insert("e011", {2, 2}), (Origin{1, 1}));
  EXPECT_EQ(ids.insert("e020", {2, 3}), (Origin{1, 10}));
  EXPECT_EQ(ids.insert("e021", {2, 4}), (Origin{1, 12}));
  EXPECT_EQ(ids.insert("e030", {2, 5}), (Origin{1, 21}));
}

TEST(IdRegistry, ARunStopsWhereAnEarlierRunBegins) {
  IdRegistry ids;
  // e101..e200 first, on lines 1..100; then e1..e100 on lines 101..200: the
  // next line's e101 continues that count but is a duplicate of line 1.
  for (std::uint32_t i = 101; i <= 200; ++i) ASSERT_EQ(ids.insert(padded("e", i, 4), {0, i - 100}), std::nullopt);
  for (std::uint32_t i = 1; i <= 100; ++i) ASSERT_EQ(ids.insert(padded("e", i, 4), {0, i + 100}), std::nullopt);
  EXPECT_EQ(ids.insert("e0101", {0, 201}), (Origin{0, 1}));
  EXPECT_EQ(ids.insert("e0100", {0, 202}), (Origin{0, 200}));
  EXPECT_EQ(ids.insert("e0150", {0, 203}), (Origin{0, 50}));
  // A duplicate breaks the count: e0201 on the next line starts a run of its own.
  EXPECT_EQ(ids.insert("e0201", {0, 204}), std::nullopt);
  EXPECT_EQ(ids.insert("e0202", {0, 205}), std::nullopt);
  EXPECT_EQ(ids.insert("e0201", {0, 206}), (Origin{0, 204}));
  EXPECT_EQ(ids.insert("e0202", {0, 207}), (Origin{0, 205}));
}

TEST(IdRegistry, OutOfOrderIds) {
  // Counting down, and a shuffled block: every id a run of its own, then
  // (past the runs a family may have for few ids) kept whole.
  IdRegistry ids;
  constexpr std::uint32_t kCount = 20'000;
  for (std::uint32_t line = 1; line <= kCount; ++line) {
    ASSERT_EQ(ids.insert(padded("down-", kCount + 1 - line, 6), {0, line}), std::nullopt);
  }
  std::vector<std::uint32_t> shuffled(kCount);
  for (std::uint32_t i = 0; i < kCount; ++i) shuffled[i] = i + 1;
  std::mt19937 random(7);
  std::shuffle(shuffled.begin(), shuffled.end(), random);
  for (std::uint32_t line = 1; line <= kCount; ++line) {
    ASSERT_EQ(ids.insert(padded("mix-", shuffled[line - 1], 6), {1, line}), std::nullopt);
  }
  EXPECT_GT(ids.kept_whole(), 0u);
  EXPECT_LT(ids.kept_whole(), 2 * kCount);
  for (std::uint32_t line = 1; line <= kCount; line += 7) {
    EXPECT_EQ(ids.insert(padded("down-", kCount + 1 - line, 6), {2, line}), (Origin{0, line}));
    EXPECT_EQ(ids.insert(padded("mix-", shuffled[line - 1], 6), {2, line}), (Origin{1, line}));
  }
  EXPECT_EQ(ids.size(), 2 * kCount);
}

TEST(IdRegistry, AFamilyInOrderAgainAfterDisorderStopsKeepingIdsWhole) {
  IdRegistry ids;
  std::vector<std::uint32_t> numbers(10'000);
  for (std::uint32_t i = 0; i < numbers.size(); ++i) numbers[i] = 2 * i + 1;  // odd numbers
  std::mt19937 random(11);
  std::shuffle(numbers.begin(), numbers.end(), random);
  std::uint32_t line = 0;
  for (std::uint32_t number : numbers) {
    ASSERT_EQ(ids.insert(padded("e", number, 8), {0, ++line}), std::nullopt);
  }
  std::size_t whole = ids.kept_whole();
  EXPECT_GT(whole, 0u);
  // Then in order with the lines: the first is kept whole, the rest count on.
  const std::uint32_t first_line = line + 1;
  for (std::uint32_t number = 1'000'000; number < 1'050'000; ++number) {
    ASSERT_EQ(ids.insert(padded("e", number, 8), {0, ++line}), std::nullopt);
  }
  EXPECT_EQ(ids.kept_whole(), whole + 1);
  EXPECT_EQ(ids.insert("e01000000", {1, 1}), (Origin{0, first_line}));
  EXPECT_EQ(ids.insert("e01000001", {1, 2}), (Origin{0, first_line + 1}));
  EXPECT_EQ(ids.insert("e01049999", {1, 3}), (Origin{0, line}));
  EXPECT_EQ(ids.insert(padded("e", numbers[0], 8), {1, 4}), (Origin{0, 1}));
  EXPECT_EQ(ids.insert(padded("e", numbers.back(), 8), {1, 5}), (Origin{0, 10'000}));
}

TEST(IdRegistry, TooManyFamiliesKeepsTheRestWhole) {
  IdRegistry ids;
  constexpr std::uint32_t kCount = 5000;
  for (std::uint32_t i = 0; i < kCount; ++i) {
    ASSERT_EQ(ids.insert("user" + std::to_string(i) + "-event1", {0, i + 1}), std::nullopt);
  }
  EXPECT_GT(ids.kept_whole(), 0u);
  for (std::uint32_t i = 0; i < kCount; i += 13) {
    EXPECT_EQ(ids.insert("user" + std::to_string(i) + "-event1", {1, i}), (Origin{0, i + 1}));
    EXPECT_EQ(ids.insert("user" + std::to_string(i) + "-event2", {1, i}), std::nullopt);
  }
}

TEST(IdRegistry, LongPrefixesAreKeptWhole) {
  IdRegistry ids;
  std::string prefix(100, 'p');
  EXPECT_EQ(ids.insert(prefix + "1", {0, 1}), std::nullopt);
  EXPECT_EQ(ids.insert(prefix + "2", {0, 2}), std::nullopt);
  EXPECT_EQ(ids.kept_whole(), 2u);
  EXPECT_EQ(ids.insert(prefix + "1", {0, 3}), (Origin{0, 1}));
}

TEST(IdRegistry, MovesLeaveBothRegistriesUsable) {
  IdRegistry ids;
  EXPECT_EQ(ids.insert("e1", {0, 1}), std::nullopt);
  EXPECT_EQ(ids.insert("f1", {0, 2}), std::nullopt);
  EXPECT_EQ(ids.insert("abc", {0, 3}), std::nullopt);
  IdRegistry moved(std::move(ids));
  EXPECT_EQ(moved.insert("f1", {1, 1}), (Origin{0, 2}));
  EXPECT_EQ(moved.insert("abc", {1, 2}), (Origin{0, 3}));
  EXPECT_EQ(moved.size(), 3u);
  // The registry moved from is empty, and works.
  EXPECT_EQ(ids.size(), 0u);  // NOLINT(bugprone-use-after-move)
  EXPECT_EQ(ids.insert("f1", {2, 1}), std::nullopt);
  EXPECT_EQ(ids.insert("abc", {2, 2}), std::nullopt);
  EXPECT_EQ(ids.insert("f1", {2, 3}), (Origin{2, 1}));
  ids = std::move(moved);
  EXPECT_EQ(ids.insert("e1", {3, 1}), (Origin{0, 1}));
  EXPECT_EQ(moved.insert("xyz", {3, 2}), std::nullopt);  // NOLINT(bugprone-use-after-move)
}

// Against a map of every id, with a fixed seed: ids of the shapes of real logs
// (counters with the lines, with jumps and displaced ids, random numbers,
// leading zeros, random text), across inputs, with duplicates.
TEST(IdRegistry, AgreesWithAMapOfEveryId) {
  IdRegistry ids;
  std::unordered_map<std::string, Origin> reference;
  std::vector<std::string> seen;
  std::mt19937_64 random(20240601);
  auto below = [&](std::uint64_t n) { return random() % n; };
  std::uint64_t counter = 1;
  std::uint32_t input = 0;
  std::uint32_t line = 0;
  std::size_t duplicates = 0;
  std::uint64_t burst_next = 0;
  int burst_left = 0;
  for (int step = 0; step < 200'000; ++step) {
    if (below(20'000) == 0) {
      ++input;
      line = 0;
    }
    line += below(50) == 0 ? 2 : 1;  // now and then a line that is not an event
    std::string id;
    auto shape = below(1000);
    if (burst_left > 0) {
      id = padded("s", burst_next++, 6);
      --burst_left;
    } else if (shape < 20 && !seen.empty()) {
      id = seen[below(seen.size())];  // a duplicate, near or far
    } else if (shape < 650) {
      if (below(200) == 0) counter += below(5000);  // a jump
      if (below(300) == 0) counter -= std::min<std::uint64_t>(counter - 1, below(3000));  // back
      id = padded("e", counter++, 8);
    } else if (shape < 700) {
      id = padded("e", counter + 1 + below(100), 8);  // displaced: seen early
    } else if (shape < 740) {
      id = std::to_string(1'000'000'000 + counter);  // an integer id
    } else if (shape < 790) {
      id = padded("n", below(100'000), static_cast<int>(1 + below(6)));  // leading zeros or not
    } else if (shape < 850) {
      // No order, but short stretches in order: kept whole, then a run.
      burst_next = below(200'000);
      burst_left = static_cast<int>(below(2));
      id = padded("s", burst_next++, 6);
    } else if (shape < 890) {
      id = padded("big-", random() % 1'000'000'000'000'000'000ULL, 18);
    } else if (shape < 940) {
      id = "r" + std::to_string(random()) + std::to_string(random());  // too long a counter
    } else {
      static constexpr char kLetters[] = "abcxyz0189-";
      std::size_t length = below(6);
      for (std::size_t i = 0; i < length; ++i) id += kLetters[below(sizeof kLetters - 1)];
    }
    Origin origin{input, line};
    auto [at, fresh] = reference.emplace(id, origin);
    std::optional<Origin> expected = fresh ? std::nullopt : std::optional<Origin>(at->second);
    ASSERT_EQ(ids.insert(id, origin), expected) << "id '" << id << "' at step " << step;
    if (fresh) {
      seen.push_back(id);
    } else {
      ++duplicates;
    }
  }
  EXPECT_EQ(ids.size(), reference.size());
  EXPECT_GT(duplicates, 4000u);
  EXPECT_LT(ids.kept_whole(), reference.size() / 2);
}

}  // namespace
}  // namespace accord::stream::detail
