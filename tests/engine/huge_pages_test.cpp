// The big tables' allocator: ordinary memory for small blocks, huge-page
// aligned memory for large ones, both usable and freed (the sanitizer
// build checks that); and the page reserve, whose pages only the thread
// using it is given.
#include "huge_pages.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <thread>
#include <vector>

namespace accord::detail {
namespace {

TEST(HugePageAllocator, LargeBlocksAreAlignedToAHugePage) {
  HugePageAllocator<std::uint64_t> allocator;
  std::size_t count = 3 * kHugePageBytes / sizeof(std::uint64_t) + 5;  // not a whole number
  std::uint64_t* block = allocator.allocate(count);
  EXPECT_EQ(reinterpret_cast<std::uintptr_t>(block) % kHugePageBytes, 0u);
  for (std::size_t i = 0; i < count; i += 4096) block[i] = i;
  block[count - 1] = 7;
  EXPECT_EQ(block[4096], 4096u);
  EXPECT_EQ(block[count - 1], 7u);
  allocator.deallocate(block, count);
}

TEST(HugePageAllocator, ContainersGrowAcrossTheThreshold) {
  // A vector passes from small blocks to large ones and back as it grows
  // and is shrunk: each block goes back the way it came.
  std::vector<std::uint32_t, HugePageAllocator<std::uint32_t>> numbers;
  for (std::uint32_t i = 0; i < 3'000'000; ++i) numbers.push_back(i);
  EXPECT_EQ(numbers[2'999'999], 2'999'999u);
  numbers.resize(10);
  numbers.shrink_to_fit();
  EXPECT_EQ(numbers.back(), 9u);
}

#if defined(__linux__)

bool all_zero(const char* block, std::size_t bytes) {
  for (std::size_t i = 0; i < bytes; ++i) {
    if (block[i] != 0) return false;
  }
  return true;
}

TEST(PageReserve, KeepsAtMostItsPages) {
  PageReserve reserve(3);
  EXPECT_TRUE(reserve.make_one());
  EXPECT_TRUE(reserve.make_one());
  EXPECT_TRUE(reserve.make_one());
  EXPECT_FALSE(reserve.make_one());
  EXPECT_EQ(reserve.pages(), 3u);
  reserve.clear();
  EXPECT_EQ(reserve.pages(), 0u);
  EXPECT_TRUE(reserve.make_one());
}

TEST(PageReserve, GivesItsPagesToTablesOnTheThreadUsingIt) {
  PageReserve reserve(4);
  while (reserve.make_one()) {
  }
  UsePageReserve use(reserve);
  // 5 MiB: two whole huge pages from the reserve; the tail stays in small
  // pages, there only once touched.
  const std::size_t bytes = 5 * (std::size_t{1} << 20);
  auto* table = static_cast<char*>(allocate_zeroed(bytes));
  EXPECT_EQ(reserve.pages(), 2u);
  EXPECT_EQ(reinterpret_cast<std::uintptr_t>(table) % kHugePageBytes, 0u);
  EXPECT_TRUE(all_zero(table, bytes));
  std::memset(table, 0x5a, bytes);
  EXPECT_EQ(table[bytes - 1], 0x5a);
  free_zeroed(table, bytes);
  // More than is left: the last two pages given, the rest the system's.
  auto* larger = static_cast<char*>(allocate_zeroed(3 * kHugePageBytes));
  EXPECT_EQ(reserve.pages(), 0u);
  EXPECT_TRUE(all_zero(larger, 3 * kHugePageBytes));
  free_zeroed(larger, 3 * kHugePageBytes);
}

TEST(PageReserve, OtherThreadsAndSmallBlocksGetTheSystemsMemory) {
  PageReserve reserve(2);
  while (reserve.make_one()) {
  }
  UsePageReserve use(reserve);
  std::thread other([] {
    void* table = allocate_zeroed(2 * kHugePageBytes);
    free_zeroed(table, 2 * kHugePageBytes);
  });
  other.join();
  void* small = allocate_zeroed(4096);
  free_zeroed(small, 4096);
  EXPECT_EQ(reserve.pages(), 2u);
}

TEST(PageReserve, EndsWithTheScopeUsingIt) {
  PageReserve reserve(2);
  while (reserve.make_one()) {
  }
  {
    UsePageReserve use(reserve);
  }
  HugePageAllocator<char> allocator;
  char* block = allocator.allocate(kHugePageBytes);
  allocator.deallocate(block, kHugePageBytes);
  EXPECT_EQ(reserve.pages(), 2u);
}

#endif

}  // namespace
}  // namespace accord::detail
