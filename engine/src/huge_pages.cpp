#include "huge_pages.hpp"

#include <cstdint>
#include <new>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace accord::detail {

namespace {

// The reserve allocate_pages draws on, on this thread.
thread_local PageReserve* current_reserve = nullptr;

#if defined(__linux__)
std::size_t whole_pages(std::size_t bytes) {
  return (bytes + kHugePageBytes - 1) / kHugePageBytes * kHugePageBytes;
}

// Pages of their own, aligned to a huge page (the system aligns mappings
// to a small one: a huge page more is mapped and the ends cut), the first
// `huge_bytes` advised to be huge pages; nullptr when the system has no
// memory to give.
char* map_aligned(std::size_t bytes, std::size_t huge_bytes) noexcept {
  std::size_t mapped_bytes = bytes + kHugePageBytes;
  void* mapped = mmap(nullptr, mapped_bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
                      -1, 0);
  if (mapped == MAP_FAILED) return nullptr;
  auto start = reinterpret_cast<std::uintptr_t>(mapped);
  auto aligned = (start + kHugePageBytes - 1) & ~std::uintptr_t{kHugePageBytes - 1};
  if (aligned != start) munmap(mapped, aligned - start);
  std::size_t after = start + mapped_bytes - (aligned + bytes);
  if (after != 0) munmap(reinterpret_cast<char*>(aligned + bytes), after);
  auto* block = reinterpret_cast<char*>(aligned);
#if defined(MADV_HUGEPAGE)
  if (huge_bytes != 0) madvise(block, huge_bytes, MADV_HUGEPAGE);  // failing is harmless
#endif
  return block;
}
#endif

}  // namespace

void* allocate_pages(std::size_t bytes) {
#if defined(__linux__)
  // Only its whole huge pages are advised and filled: the tail stays in
  // small pages, there only once touched.
  std::size_t whole = whole_pages(bytes);
  std::size_t huge = bytes / kHugePageBytes * kHugePageBytes;
  char* block = map_aligned(whole, huge);
  if (block == nullptr) throw std::bad_alloc();
  if (current_reserve != nullptr && !current_reserve->fill(block, huge)) {
    munmap(block, whole);
    throw std::bad_alloc();
  }
  return block;
#else
  void* memory = ::operator new(bytes, std::align_val_t{kHugePageBytes});
  std::memset(memory, 0, bytes);
  return memory;
#endif
}

void free_pages(void* memory, std::size_t bytes) noexcept {
#if defined(__linux__)
  munmap(memory, whole_pages(bytes));
#else
  (void)bytes;
  ::operator delete(memory, std::align_val_t{kHugePageBytes});
#endif
}

void PageReserve::clear() noexcept {
  std::lock_guard lock(mutex_);
  for (char* page : pages_) free_pages(page, kHugePageBytes);
  pages_.clear();
}

bool PageReserve::make_one() {
#if defined(__linux__)
  {
    std::lock_guard lock(mutex_);
    if (pages_.size() >= most_pages_) return false;
  }
  char* page = map_aligned(kHugePageBytes, kHugePageBytes);
  if (page == nullptr) return false;
  // A write to each small page: one fault where the system gives a huge
  // page, and where it gives none, every small page is there all the same.
  for (std::size_t at = 0; at < kHugePageBytes; at += 4096) {
    reinterpret_cast<volatile char*>(page)[at] = 0;
  }
  std::lock_guard lock(mutex_);
  pages_.push_back(page);
  return true;
#else
  return false;
#endif
}

std::size_t PageReserve::pages() const {
  std::lock_guard lock(mutex_);
  return pages_.size();
}

bool PageReserve::fill(char* block, std::size_t bytes) {
#if defined(__linux__) && defined(MREMAP_FIXED)
  for (std::size_t at = 0; at < bytes; at += kHugePageBytes) {
    char* page = nullptr;
    {
      std::lock_guard lock(mutex_);
      if (pages_.empty()) return true;
      page = pages_.back();
      pages_.pop_back();
    }
    // The page's table entries move: its memory is neither copied nor
    // written, and the block's page there, never touched, is replaced.
    if (mremap(page, kHugePageBytes, kHugePageBytes, MREMAP_MAYMOVE | MREMAP_FIXED,
               block + at) != MAP_FAILED) {
      continue;
    }
    // The block may have lost that page: a new one takes its place.
    munmap(page, kHugePageBytes);
    if (mmap(block + at, kHugePageBytes, PROT_READ | PROT_WRITE,
             MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) == MAP_FAILED) {
      return false;
    }
#if defined(MADV_HUGEPAGE)
    madvise(block + at, kHugePageBytes, MADV_HUGEPAGE);
#endif
    return true;
  }
#else
  (void)block;
  (void)bytes;
#endif
  return true;
}

UsePageReserve::UsePageReserve(PageReserve& reserve) : previous_(current_reserve) {
  current_reserve = &reserve;
}

UsePageReserve::~UsePageReserve() { current_reserve = previous_; }

}  // namespace accord::detail
