// The ids seen so far in a log, for finding duplicates: exact, and compact
// (about 30 bytes an id, where a node-based hash map of strings takes 80 or
// more), since a national employer's log holds millions of them.
#pragma once

#include <accord/stream/event.hpp>

#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

namespace accord::stream::detail {

class IdRegistry {
 public:
  // Records `id`, first seen at `origin`. When the id was seen before,
  // records nothing and returns where it was first seen.
  std::optional<Origin> insert(std::string_view id, Origin origin);

  std::size_t size() const { return size_; }

 private:
  // Each id is kept once in a chunk: its origin, its length, its bytes (an
  // id longer than a chunk gets a chunk of its own). A slot of the
  // open-addressing table holds where that record is (chunk and offset + 1)
  // and some bits of the id's hash, so most probes that do not match never
  // touch the chunk.
  static constexpr std::size_t kChunkBytes = std::size_t{1} << 20;
  static constexpr int kOffsetBits = 20;
  static constexpr int kChunkBits = 24;
  static constexpr int kTagBits = 64 - kOffsetBits - kChunkBits;

  std::uint64_t store(std::string_view id, Origin origin);
  std::string_view id_at(std::uint64_t slot) const;
  Origin origin_at(std::uint64_t slot) const;
  void grow();

  std::vector<std::unique_ptr<char[]>> chunks_;
  std::size_t chunk_used_ = kChunkBytes;  // no chunk yet
  std::vector<std::uint64_t> slots_;      // 0: empty
  std::size_t size_ = 0;
};

}  // namespace accord::stream::detail
