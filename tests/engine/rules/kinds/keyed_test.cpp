// Keyed: per-key state in a table of linear probing, against a std::map
// kept alongside; KeySet, emptied at every size. Deadlines: entries expire
// in (due, generation) order, whichever way they were added, and the keys
// of those about to expire are fetched first.
#include "rules/kinds/keyed.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <memory>
#include <random>
#include <set>
#include <string>
#include <vector>

namespace accord::rules::detail {
namespace {

eval::Timestamp day(std::int64_t n) { return {n * 86400, 0}; }

// A state that owns memory (a leak or a double free shows under the
// sanitizers) and counts how many are alive.
struct Owned {
  static inline int alive = 0;
  Owned() { ++alive; }
  Owned(Owned&& other) noexcept : text(std::move(other.text)) { ++alive; }
  ~Owned() { --alive; }
  std::string text;
};

std::map<KeyId, std::string> contents(const Keyed<Owned>& table) {
  std::map<KeyId, std::string> seen;
  table.for_each([&](KeyId key, const Owned& state) {
    EXPECT_TRUE(seen.emplace(key, state.text).second) << "key " << key << " twice";
  });
  return seen;
}

TEST(Keyed, FindsInsertsAndErasesAsAMapWould) {
  Keyed<Owned> table;
  EXPECT_EQ(table.find(7), nullptr);
  table.erase(7);  // nothing to erase, no table yet
  auto [state, created] = table.try_emplace(7);
  ASSERT_TRUE(created);
  state->text = "seven";
  EXPECT_FALSE(table.try_emplace(7).second);
  EXPECT_EQ(table.find(7)->text, "seven");
  // Key 0 is a key like any other (an empty slot is not key 0).
  table.try_emplace(0).first->text = "zero";
  EXPECT_EQ(table.find(0)->text, "zero");
  EXPECT_EQ(table.size(), 2u);
  table.erase(7);
  EXPECT_EQ(table.find(7), nullptr);
  EXPECT_EQ(table.find(0)->text, "zero");
  EXPECT_EQ(table.size(), 1u);
  table.clear();
  EXPECT_TRUE(table.empty());
  EXPECT_EQ(table.find(0), nullptr);
  EXPECT_EQ(Owned::alive, 0);
}

// Random inserts and erasures of keys dense (as symbols are numbered) and
// far apart (two symbols packed), through growth: the same contents as a
// std::map at every step. Erasing moves keys back over the hole, including
// across the table's end.
TEST(Keyed, RandomChangesKeepTheSameContentsAsAMap) {
  std::mt19937_64 random(42);
  for (KeyId spread : {KeyId{64}, KeyId{5000}, KeyId{1} << 40}) {
    Keyed<Owned> table;
    std::map<KeyId, std::string> model;
    for (int step = 0; step < 60000; ++step) {
      KeyId key = random() % 3000 * (spread / 64 + 1) + (spread > 5000 ? (random() % 2) << 32 : 0);
      switch (random() % 4) {
        case 0:
        case 1: {
          auto [state, created] = table.try_emplace(key);
          ASSERT_EQ(created, !model.contains(key));
          if (created) state->text = std::to_string(key) + " at " + std::to_string(step);
          model.emplace(key, state->text);
          break;
        }
        case 2:
          table.erase(key);
          model.erase(key);
          break;
        default: {
          const Owned* found = std::as_const(table).find(key);
          auto expected = model.find(key);
          ASSERT_EQ(found != nullptr, expected != model.end()) << key;
          if (found != nullptr) {
            ASSERT_EQ(found->text, expected->second);
          }
        }
      }
      ASSERT_EQ(table.size(), model.size());
      if (step % 5000 == 0) {
        ASSERT_EQ(contents(table), model);
      }
    }
    EXPECT_EQ(contents(table), model);
    for (const auto& [key, text] : model) table.erase(key);
    EXPECT_TRUE(table.empty());
    EXPECT_TRUE(contents(table).empty());
  }
  EXPECT_EQ(Owned::alive, 0);
}

// A table of a million keys takes memory of its own from the system (the
// path for 2 MiB and more); its states move whole as it grows.
TEST(Keyed, LargeTablesKeepEveryState) {
  Keyed<Owned> table;
  for (KeyId key = 0; key < 1'000'000; ++key) {
    table.try_emplace(key * 3).first->text = std::to_string(key);
  }
  for (KeyId key = 0; key < 1'000'000; key += 997) {
    ASSERT_NE(table.find(key * 3), nullptr);
    ASSERT_EQ(table.find(key * 3)->text, std::to_string(key));
    ASSERT_EQ(table.find(key * 3 + 1), nullptr);
  }
  EXPECT_EQ(table.size(), 1'000'000u);
  EXPECT_EQ(Owned::alive, 1'000'000);
  table.clear();
  EXPECT_EQ(Owned::alive, 0);
}

// Emptied often (a response rule's answers at each new time), small or
// large, a set holds just what was inserted since.
TEST(KeySet, InsertContainsAndClearAtAnySize) {
  KeySet keys;
  EXPECT_FALSE(keys.contains(0));
  for (KeyId count : {KeyId{3}, KeyId{200}, KeyId{5000}, KeyId{3}}) {
    for (KeyId key = 0; key < count; ++key) EXPECT_TRUE(keys.insert(key * 7));
    EXPECT_FALSE(keys.insert(0));
    EXPECT_EQ(keys.size(), count);
    for (KeyId key = 0; key < count; ++key) ASSERT_TRUE(keys.contains(key * 7));
    EXPECT_FALSE(keys.contains(count * 7));
    EXPECT_FALSE(keys.contains(1));
    keys.clear();
    EXPECT_TRUE(keys.empty());
    for (KeyId key = 0; key < count; ++key) ASSERT_FALSE(keys.contains(key * 7));
  }
}

// A set's keys take eight bytes each: its states are empty, and not kept.
TEST(Keyed, KeysWithEmptyStatesTakeEightBytesAndEraseAsASetWould) {
  struct Empty {};
  EXPECT_EQ(Keyed<Empty>::slot_bytes(), sizeof(KeyId));
  EXPECT_EQ(Keyed<std::uint64_t>::slot_bytes(), 2 * sizeof(KeyId));
  Keyed<Empty> table;
  std::set<KeyId> expected;
  std::mt19937_64 random(11);
  for (int step = 0; step < 60'000; ++step) {
    KeyId key = random() % 5'000;
    if (random() % 3 == 0) {
      table.erase(key);
      expected.erase(key);
    } else {
      EXPECT_EQ(table.try_emplace(key).second, expected.insert(key).second);
    }
  }
  EXPECT_EQ(table.size(), expected.size());
  for (KeyId key = 0; key < 5'000; ++key) {
    ASSERT_EQ(table.find(key) != nullptr, expected.count(key) == 1) << key;
  }
}

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
