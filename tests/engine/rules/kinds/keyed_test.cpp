// Deadlines: entries expire in (due, generation) order, whichever way they
// were added, and the keys of those about to expire are fetched first.
#include "rules/kinds/keyed.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

namespace accord::rules::detail {
namespace {

eval::Timestamp day(std::int64_t n) { return {n * 86400, 0}; }

TEST(Deadlines, ExpireInOrderAndFetchOnlyWhatExpires) {
  Deadlines deadlines;
  for (std::uint64_t i = 1; i <= 40; ++i) deadlines.add(day(static_cast<std::int64_t>(i)), i, i);
  deadlines.add(day(5), 41, 1041);  // out of order: to the heap

  std::vector<KeyId> expired;
  std::vector<KeyId> fetched;
  deadlines.expire_before(
      day(30),
      [&](const Deadlines::Entry& entry) {
        // Each key was asked for before its entry expired (but the heap's).
        bool was_fetched = std::find(fetched.begin(), fetched.end(), entry.key) != fetched.end();
        EXPECT_TRUE(was_fetched || entry.key == 1041) << entry.key;
        expired.push_back(entry.key);
      },
      [&](const Deadlines::Entry& entry) { fetched.push_back(entry.key); });

  std::vector<KeyId> expected;
  for (KeyId key = 1; key <= 29; ++key) {
    expected.push_back(key);
    if (key == 5) expected.push_back(1041);  // same day, later generation
  }
  EXPECT_EQ(expired, expected);
  // Nothing due at or after `now` was fetched, and nothing twice.
  for (KeyId key : fetched) EXPECT_LT(key, 30u);
  std::vector<KeyId> unique = fetched;
  std::sort(unique.begin(), unique.end());
  EXPECT_EQ(std::unique(unique.begin(), unique.end()), unique.end());
  EXPECT_EQ(fetched.size(), 29u);

  expired.clear();
  deadlines.expire_before(day(100), [&](const Deadlines::Entry& entry) {
    expired.push_back(entry.key);
  }, [](const Deadlines::Entry&) {});
  EXPECT_EQ(expired.size(), 11u);  // days 30 to 40
}

}  // namespace
}  // namespace accord::rules::detail
