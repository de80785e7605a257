#include "stream/key_table.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

namespace accord::stream::detail {
namespace {

std::vector<std::uint32_t> symbols_of(const KeyTable& keys, rules::KeyId key, std::size_t length) {
  std::vector<std::uint32_t> symbols;
  keys.symbols_of(key, length, symbols);
  return symbols;
}

TEST(KeyTable, EqualTextsGetTheSameSymbolAndKeepTheirText) {
  KeyTable keys;
  std::string hmrc = "HMRC";
  std::uint32_t a = keys.symbol(hmrc);
  hmrc[0] = 'X';  // the table keeps its own copy
  EXPECT_EQ(keys.symbol("HMRC"), a);
  EXPECT_NE(keys.symbol("HMRX"), a);
  EXPECT_EQ(keys.text(a), "HMRC");
  EXPECT_EQ(keys.symbol(""), keys.symbol(""));
  EXPECT_EQ(keys.symbols(), 3u);
}

TEST(KeyTable, ManyTextsKeepTheirSymbolsAsTheTableGrows) {
  KeyTable keys;
  std::vector<std::uint32_t> symbols;
  for (int i = 0; i < 100000; ++i) symbols.push_back(keys.symbol("emp-" + std::to_string(i)));
  EXPECT_EQ(keys.symbols(), 100000u);
  for (int i = 0; i < 100000; ++i) {
    ASSERT_EQ(keys.symbol("emp-" + std::to_string(i)), symbols[i]);
    ASSERT_EQ(keys.text(symbols[i]), "emp-" + std::to_string(i));
  }
  EXPECT_EQ(keys.symbols(), 100000u);
  // Long texts and texts longer than the chunks they are kept in.
  std::string long_text(100000, 'x');
  std::uint32_t a = keys.symbol(long_text);
  EXPECT_EQ(keys.symbol(std::string(100000, 'x')), a);
  EXPECT_EQ(keys.text(a), long_text);
  EXPECT_NE(keys.symbol(std::string(99999, 'x')), a);
}

// Texts are kept in chunks of up to a huge page, a longer one in its own;
// every length, in many chunks, reads back and is found.
TEST(KeyTable, TextsOfEveryLengthAcrossManyChunksAreFound) {
  KeyTable keys;
  std::vector<std::string> texts;
  for (int i = 0; i < 200000; ++i) texts.push_back(std::string(i % 41, 'k') + std::to_string(i));
  texts.push_back(std::string(3 << 20, 'h'));  // longer than any chunk
  texts.push_back("after the longest");
  texts.push_back("");
  std::vector<std::uint32_t> symbols;
  for (const std::string& text : texts) symbols.push_back(keys.symbol(text));
  EXPECT_EQ(keys.symbols(), texts.size());
  std::vector<KeyTable::Lookup> lookups;
  for (const std::string& text : texts) lookups.push_back({text});
  keys.find(lookups);
  for (std::size_t i = 0; i < texts.size(); ++i) {
    ASSERT_EQ(keys.text(symbols[i]), texts[i]) << i;
    ASSERT_EQ(lookups[i].symbol, symbols[i]) << i;
  }
}

TEST(KeyTable, FindGivesTheSymbolsOfKnownTextsAndAddsNone) {
  KeyTable keys;
  for (int i = 0; i < 1000; ++i) keys.symbol("org-" + std::to_string(i));
  std::vector<std::string> texts;
  for (int i = 0; i < 300; ++i) texts.push_back("org-" + std::to_string(i * 7));  // 0 to 2093
  std::vector<KeyTable::Lookup> lookups;
  for (const std::string& text : texts) lookups.push_back({text});
  keys.find(lookups);
  for (std::size_t i = 0; i < texts.size(); ++i) {
    EXPECT_EQ(lookups[i].hash, KeyTable::hash(texts[i]));
    if (i * 7 < 1000) {
      EXPECT_EQ(lookups[i].symbol, keys.symbol(texts[i])) << texts[i];
    } else {
      EXPECT_EQ(lookups[i].symbol, KeyTable::kNoSymbol) << texts[i];
    }
  }
  EXPECT_EQ(keys.symbols(), 1000u);
  // The hash found serves to add a text.
  std::uint32_t added = keys.symbol(lookups.back().text, lookups.back().hash);
  EXPECT_EQ(keys.symbol(texts.back()), added);
}

TEST(KeyTable, KeysOfEveryLengthReadBackAsTheirSymbols) {
  KeyTable keys;
  std::uint32_t org = keys.symbol("HMRC"), subject = keys.symbol("pay-2025"),
                person = keys.symbol("emp-1");
  EXPECT_EQ(keys.key({}), rules::kEmptyKey);
  for (const std::vector<std::uint32_t>& tuple :
       std::vector<std::vector<std::uint32_t>>{{org}, {org, subject}, {subject, org},
                                               {org, subject, person}, {person, org, subject, org}}) {
    rules::KeyId key = keys.key(tuple);
    EXPECT_EQ(keys.key(tuple), key);
    EXPECT_EQ(symbols_of(keys, key, tuple.size()), tuple);
  }
  EXPECT_NE(keys.key(std::vector<std::uint32_t>{org, subject}),
            keys.key(std::vector<std::uint32_t>{subject, org}));
  EXPECT_NE(keys.key(std::vector<std::uint32_t>{org, subject, person}),
            keys.key(std::vector<std::uint32_t>{org, person, subject}));
}

TEST(KeyTable, ManyLongTuplesStayDistinct) {
  KeyTable keys;
  std::vector<rules::KeyId> ids;
  for (std::uint32_t i = 0; i < 20000; ++i) {
    std::uint32_t a = keys.symbol("a" + std::to_string(i % 100));
    std::uint32_t b = keys.symbol("b" + std::to_string(i / 100));
    std::uint32_t c = keys.symbol("c" + std::to_string(i % 7));
    std::vector<std::uint32_t> tuple{a, b, c};
    rules::KeyId key = keys.key(tuple);
    ids.push_back(key);
    ASSERT_EQ(symbols_of(keys, key, 3), tuple);
  }
  std::sort(ids.begin(), ids.end());
  EXPECT_EQ(std::unique(ids.begin(), ids.end()), ids.end());
}

}  // namespace
}  // namespace accord::stream::detail
