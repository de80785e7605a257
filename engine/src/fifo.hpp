// A first-in, first-out queue for entries that pass one an event: the
// reorder window's runs, the rules' deadlines.
#pragma once

#include <boost/circular_buffer.hpp>

#include <algorithm>
#include <cstddef>

namespace accord::detail {

// A ring (boost::circular_buffer) that doubles when full. std::deque
// allocates a block for every 512 bytes of entries pushed and frees it once
// they are popped: a call to the allocator every 16 events in a queue of
// 32-byte entries, where the ring allocates only as it grows. It keeps its
// largest size: at the end of a 5M check the training rule's deadlines
// hold some 15 MiB more than in a deque.
template <class T>
class Fifo {
 public:
  bool empty() const { return ring_.empty(); }
  std::size_t size() const { return ring_.size(); }

  // From the front: 0 is the next out.
  const T& operator[](std::size_t at) const { return ring_[at]; }
  const T& front() const { return ring_.front(); }
  const T& back() const { return ring_.back(); }

  void push_back(const T& entry) {
    if (ring_.full()) ring_.set_capacity(std::max<std::size_t>(kFirstCapacity, 2 * ring_.capacity()));
    ring_.push_back(entry);
  }
  void pop_front() { ring_.pop_front(); }
  void clear() { ring_.clear(); }

 private:
  static constexpr std::size_t kFirstCapacity = 16;

  boost::circular_buffer<T> ring_;
};

}  // namespace accord::detail
