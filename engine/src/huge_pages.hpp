// Memory for the check's big tables that the kernel may back with 2 MiB
// pages: an allocator (key values, the reorder window), and zeroed blocks
// for the rules' per-key tables (allocate_zeroed).
//
// A national log's tables reach hundreds of megabytes and are read at
// random, so with 4 KiB pages nearly every lookup also misses the TLB, and
// the page walk comes on top of the cache miss. Linux gives huge pages to
// memory only where asked (transparent_hugepage "madvise", Debian's
// default); this allocator asks, for blocks of 2 MiB and more. Smaller
// ones, and systems without the advice, get ordinary memory.
#pragma once

#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <new>
#include <vector>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace accord::detail {

inline constexpr std::size_t kHugePageBytes = std::size_t{2} << 20;

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
    // Aligned, so that its whole huge pages are as many as can be; only
    // those are advised, and the tail stays in small pages that are only
    // there once touched. (posix_memalign, unlike aligned_alloc, takes a
    // size that is not a multiple of the alignment.)
    void* memory = nullptr;
    if (posix_memalign(&memory, kHugePageBytes, bytes) != 0) throw std::bad_alloc();
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    madvise(memory, bytes / kHugePageBytes * kHugePageBytes, MADV_HUGEPAGE);  // failing is harmless
#endif
    return static_cast<T*>(memory);
  }

  void deallocate(T* memory, std::size_t count) noexcept {
    if (count * sizeof(T) < kHugePageBytes) {
      ::operator delete(memory);
    } else {
      std::free(memory);
    }
  }

  template <class U>
  friend bool operator==(const HugePageAllocator&, const HugePageAllocator<U>&) noexcept {
    return true;
  }
};

template <class T>
using HugePageVector = std::vector<T, HugePageAllocator<T>>;

// Zeroed memory aligned to a cache line, for a table whose empty slots are
// zero bytes: from 2 MiB on, pages of its own, which the system gives zeroed
// (so the table is not written twice) and may back with huge pages.
inline void* allocate_zeroed(std::size_t bytes) {
#if defined(__linux__)
  if (bytes >= kHugePageBytes) {
    void* memory = mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (memory == MAP_FAILED) throw std::bad_alloc();
#if defined(MADV_HUGEPAGE)
    madvise(memory, bytes, MADV_HUGEPAGE);  // failing is harmless
#endif
    return memory;
  }
#endif
  void* memory = ::operator new(bytes, std::align_val_t{64});
  std::memset(memory, 0, bytes);
  return memory;
}

inline void free_zeroed(void* memory, std::size_t bytes) noexcept {
#if defined(__linux__)
  if (bytes >= kHugePageBytes) {
    munmap(memory, bytes);
    return;
  }
#endif
  ::operator delete(memory, std::align_val_t{64});
}

}  // namespace accord::detail
