#include "stream/text_table.hpp"

#include <gtest/gtest.h>

#include <string>

namespace accord::stream::detail {
namespace {

// Texts of every length up to 40, and each with one byte changed, or one
// byte longer: only the same text is the same.
TEST(TextKey, SameOnlyForTheSameText) {
  std::string text;
  for (std::size_t size = 0; size <= 40; ++size) {
    TextKey key(text);
    std::string copy = text;
    EXPECT_TRUE(key.same(TextKey(copy))) << size;
    EXPECT_EQ(key.hash(), TextKey(copy).hash()) << size;
    for (std::size_t at = 0; at < size; ++at) {
      std::string changed = text;
      changed[at] = '#';
      EXPECT_FALSE(key.same(TextKey(changed))) << size << " " << at;
    }
    EXPECT_FALSE(key.same(TextKey(text + "a"))) << size;
    EXPECT_FALSE(TextKey(text + "a").same(key)) << size;
    text += static_cast<char>('a' + size % 26);
  }
}

TEST(TextTable, FindsWhatWasAddedUntilFull) {
  TextTable<int> table;
  auto name = [](std::size_t i) { return "name_" + std::to_string(i); };
  for (std::size_t i = 0; i < TextTable<int>::kCapacity; ++i) {
    std::string text = name(i);
    ASSERT_EQ(table.find(TextKey(text)), nullptr) << text;
    auto* entry = table.add(TextKey(text));
    ASSERT_NE(entry, nullptr) << text;
    entry->meaning = static_cast<int>(i);
  }
  std::string more = name(TextTable<int>::kCapacity);
  EXPECT_EQ(table.add(TextKey(more)), nullptr);
  EXPECT_EQ(table.find(TextKey(more)), nullptr);
  for (std::size_t i = 0; i < TextTable<int>::kCapacity; ++i) {
    std::string text = name(i);
    const auto* entry = table.find(TextKey(text));
    ASSERT_NE(entry, nullptr) << text;
    EXPECT_EQ(entry->meaning, static_cast<int>(i));
    EXPECT_EQ(entry->text(), text);
    EXPECT_TRUE(entry->holds(TextKey(text)));
  }
  EXPECT_EQ(table.size(), TextTable<int>::kCapacity);
}

}  // namespace
}  // namespace accord::stream::detail
