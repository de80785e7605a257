// Memory for the check's big tables that the kernel may back with 2 MiB
// pages: an allocator (key values, the reorder window), and zeroed blocks
// for the rules' per-key tables (allocate_zeroed).
//
// A national log's tables reach hundreds of megabytes and are read at
// random, so with 4 KiB pages nearly every lookup also misses the TLB, and
// the page walk comes on top of the cache miss. Linux gives huge pages to
// memory only where asked (transparent_hugepage "madvise", Debian's
// default); this allocator asks, for blocks of 2 MiB and more. Smaller
// ones, and systems without the advice, get ordinary memory. A thread with
// time to spare can make such pages ahead for another (PageReserve).
#pragma once

#include <cstddef>
#include <cstring>
#include <mutex>
#include <new>
#include <vector>

namespace accord::detail {

inline constexpr std::size_t kHugePageBytes = std::size_t{2} << 20;

// Pages of their own, from 2 MiB on (`bytes` at least kHugePageBytes):
// aligned to a huge page and zeroed; its whole huge pages are advised to be
// huge pages and filled from the thread's page reserve as far as it goes
// (see PageReserve).
void* allocate_pages(std::size_t bytes);
void free_pages(void* memory, std::size_t bytes) noexcept;

template <class T>
class HugePageAllocator {
 public:
  using value_type = T;

  HugePageAllocator() = default;
  template <class U>
  HugePageAllocator(const HugePageAllocator<U>&) noexcept {}

  T* allocate(std::size_t count) {
    std::size_t bytes = count * sizeof(T);
    if (bytes < kHugePageBytes) return static_cast<T*>(::operator new(bytes));
    return static_cast<T*>(allocate_pages(bytes));
  }

  void deallocate(T* memory, std::size_t count) noexcept {
    std::size_t bytes = count * sizeof(T);
    if (bytes < kHugePageBytes) {
      ::operator delete(memory);
    } else {
      free_pages(memory, bytes);
    }
  }

  template <class U>
  friend bool operator==(const HugePageAllocator&, const HugePageAllocator<U>&) noexcept {
    return true;
  }
};

template <class T>
using HugePageVector = std::vector<T, HugePageAllocator<T>>;

// Huge pages made ahead, for the big tables of another thread. A check's
// judging thread sets its pace, and the first write to a new page costs
// the writer the kernel's zeroing (on a virtual machine whose host takes
// freed memory back, 2 ms and more a MiB: a tenth of the judging thread at
// 5M events); the reading thread, when it is ahead and would wait, makes
// pages here instead, and the judging thread's tables are given them
// (moved into place, not copied). At most `most_pages` are kept; those
// not given are freed with the reserve.
class PageReserve {
 public:
  explicit PageReserve(std::size_t most_pages) : most_pages_(most_pages) {
    pages_.reserve(most_pages);  // so that keeping a page made never fails
  }
  PageReserve(const PageReserve&) = delete;
  PageReserve& operator=(const PageReserve&) = delete;
  ~PageReserve() { clear(); }

  // Makes one page, unless the reserve is full; whether it made one.
  bool make_one();
  // Frees the pages kept.
  void clear() noexcept;
  // The pages kept.
  std::size_t pages() const;

 private:
  friend void* allocate_pages(std::size_t bytes);
  // Moves kept pages into [block, block + bytes), huge-page aligned, from
  // its start, as many as fit and are kept; false if the block lost a
  // page and the system had none to put there.
  bool fill(char* block, std::size_t bytes);

  mutable std::mutex mutex_;
  std::vector<char*> pages_;
  std::size_t most_pages_;
};

// While it lives, allocate_pages on this thread draws on `reserve`.
class UsePageReserve {
 public:
  explicit UsePageReserve(PageReserve& reserve);
  UsePageReserve(const UsePageReserve&) = delete;
  UsePageReserve& operator=(const UsePageReserve&) = delete;
  ~UsePageReserve();

 private:
  PageReserve* previous_;
};

// Zeroed memory aligned to a cache line, for a table whose empty slots are
// zero bytes: from 2 MiB on, pages of its own (allocate_pages), which come
// zeroed, so the table is not written twice.
inline void* allocate_zeroed(std::size_t bytes) {
  if (bytes >= kHugePageBytes) return allocate_pages(bytes);
  void* memory = ::operator new(bytes, std::align_val_t{64});
  std::memset(memory, 0, bytes);
  return memory;
}

inline void free_zeroed(void* memory, std::size_t bytes) noexcept {
  if (bytes >= kHugePageBytes) {
    free_pages(memory, bytes);
    return;
  }
  ::operator delete(memory, std::align_val_t{64});
}

}  // namespace accord::detail
