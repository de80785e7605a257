#include "stream/id_registry.hpp"

#include <gtest/gtest.h>

#include <string>

namespace accord::stream::detail {
namespace {

TEST(IdRegistry, FindsDuplicatesAndWhereTheFirstWas) {
  IdRegistry ids;
  EXPECT_EQ(ids.insert("e1", {0, 1}), std::nullopt);
  EXPECT_EQ(ids.insert("e2", {0, 2}), std::nullopt);
  EXPECT_EQ(ids.insert("e1", {1, 9}), (Origin{0, 1}));
  EXPECT_EQ(ids.insert("", {1, 10}), std::nullopt);
  EXPECT_EQ(ids.insert("", {1, 11}), (Origin{1, 10}));
  EXPECT_EQ(ids.size(), 3u);
}

TEST(IdRegistry, StaysExactAcrossGrowthAndChunks) {
  // Enough ids to grow the table many times and fill several 1 MiB chunks.
  IdRegistry ids;
  constexpr std::uint32_t kCount = 200'000;
  for (std::uint32_t i = 0; i < kCount; ++i) {
    std::string id = "event-" + std::to_string(i) + std::string(i % 7, 'x');
    ASSERT_EQ(ids.insert(id, {i % 3, i + 1}), std::nullopt) << id;
  }
  for (std::uint32_t i = 0; i < kCount; i += 997) {
    std::string id = "event-" + std::to_string(i) + std::string(i % 7, 'x');
    EXPECT_EQ(ids.insert(id, {9, 9}), (Origin{i % 3, i + 1})) << id;
  }
  EXPECT_EQ(ids.insert("event-1y", {9, 9}), std::nullopt);  // like "event-1x", not the same
  EXPECT_EQ(ids.size(), kCount + 1);
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

}  // namespace
}  // namespace accord::stream::detail
