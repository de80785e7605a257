// The big tables' allocator: ordinary memory for small blocks, huge-page
// aligned memory for large ones, both usable and freed (the sanitizer
// build checks that).
#include "huge_pages.hpp"

#include <gtest/gtest.h>

#include <cstdint>
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

}  // namespace
}  // namespace accord::detail
