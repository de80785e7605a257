// Work on a long list, split in two: the second half on another thread
// while the calling thread does the first. For the end of a check, when
// the reading thread is done and its core idle: a national log's result
// is sorted, decoded and written as hundreds of thousands of entries.
#pragma once

#include <cstddef>
#include <future>
#include <system_error>

namespace accord::detail {

// Lists shorter than this are worked through on the calling thread alone:
// starting a thread costs more than half of their work.
inline constexpr std::size_t kHalvedFrom = 16384;

// Calls work(begin, end) for [0, size/2) here and [size/2, size) on another
// thread, or once for [0, size) when the list is short or no thread can be
// started; returns whether it was split. The two calls must touch different
// entries. An exception from either is rethrown once both are done.
template <class Work>
bool in_halves(std::size_t size, Work&& work) {
  if (size < kHalvedFrom) {
    work(std::size_t{0}, size);
    return false;
  }
  const std::size_t half = size / 2;
  std::future<void> second;
  try {
    second = std::async(std::launch::async, [&] { work(half, size); });
  } catch (const std::system_error&) {
    work(std::size_t{0}, size);  // no thread to be had: all of it here
    return false;
  }
  work(std::size_t{0}, half);
  second.get();
  return true;
}

}  // namespace accord::detail
