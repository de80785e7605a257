#include "stream/id_registry.hpp"

#include <cstring>
#include <functional>

namespace accord::stream::detail {

namespace {

constexpr std::size_t kHeaderBytes = 3 * sizeof(std::uint32_t);  // input, line, length

std::uint64_t hash_of(std::string_view id) { return std::hash<std::string_view>{}(id); }

}  // namespace

std::uint64_t IdRegistry::store(std::string_view id, Origin origin) {
  std::size_t bytes = kHeaderBytes + id.size();
  if (bytes > kChunkBytes) {
    chunks_.push_back(std::make_unique<char[]>(bytes));
    chunk_used_ = kChunkBytes;  // the next id starts a fresh chunk
  } else if (chunk_used_ + bytes > kChunkBytes) {
    chunks_.push_back(std::make_unique<char[]>(kChunkBytes));
    chunk_used_ = 0;
  }
  std::size_t offset = bytes > kChunkBytes ? 0 : chunk_used_;
  char* at = chunks_.back().get() + offset;
  auto length = static_cast<std::uint32_t>(id.size());
  std::memcpy(at, &origin.input, sizeof origin.input);
  std::memcpy(at + 4, &origin.line, sizeof origin.line);
  std::memcpy(at + 8, &length, sizeof length);
  std::memcpy(at + kHeaderBytes, id.data(), id.size());
  if (bytes <= kChunkBytes) chunk_used_ += bytes;
  std::uint64_t chunk = chunks_.size() - 1;
  return (chunk << kOffsetBits) | (offset + 1);
}

std::string_view IdRegistry::id_at(std::uint64_t slot) const {
  std::uint64_t ref = slot & ((std::uint64_t{1} << (kOffsetBits + kChunkBits)) - 1);
  const char* at = chunks_[ref >> kOffsetBits].get() + ((ref & ((1U << kOffsetBits) - 1)) - 1);
  std::uint32_t length = 0;
  std::memcpy(&length, at + 8, sizeof length);
  return {at + kHeaderBytes, length};
}

Origin IdRegistry::origin_at(std::uint64_t slot) const {
  std::uint64_t ref = slot & ((std::uint64_t{1} << (kOffsetBits + kChunkBits)) - 1);
  const char* at = chunks_[ref >> kOffsetBits].get() + ((ref & ((1U << kOffsetBits) - 1)) - 1);
  Origin origin;
  std::memcpy(&origin.input, at, sizeof origin.input);
  std::memcpy(&origin.line, at + 4, sizeof origin.line);
  return origin;
}

void IdRegistry::grow() {
  std::vector<std::uint64_t> old = std::move(slots_);
  slots_.assign(old.empty() ? 1024 : old.size() * 2, 0);
  std::size_t mask = slots_.size() - 1;
  for (std::uint64_t slot : old) {
    if (slot == 0) continue;
    std::size_t i = hash_of(id_at(slot)) & mask;
    while (slots_[i] != 0) i = (i + 1) & mask;
    slots_[i] = slot;
  }
}

std::optional<Origin> IdRegistry::insert(std::string_view id, Origin origin) {
  if ((size_ + 1) * 10 > slots_.size() * 7) grow();  // keep the load under 70%
  std::uint64_t hash = hash_of(id);
  std::uint64_t tag = hash >> (64 - kTagBits);
  std::size_t mask = slots_.size() - 1;
  for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
    std::uint64_t slot = slots_[i];
    if (slot == 0) {
      slots_[i] = (tag << (kOffsetBits + kChunkBits)) | store(id, origin);
      ++size_;
      return std::nullopt;
    }
    if ((slot >> (kOffsetBits + kChunkBits)) == tag && id_at(slot) == id) return origin_at(slot);
  }
}

}  // namespace accord::stream::detail
