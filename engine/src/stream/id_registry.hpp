// The ids seen so far in a log, for finding duplicates: exact, and compact,
// since a national employer's log holds millions of them.
//
// Nearly every id of a real export is a fixed text and a counter that goes up
// with the lines: "e00000017", "EV-2024-000017", 12345. Such an id is kept as a
// number of its family (the text before the digits, and how many digits): a
// bitmap (plain while the numbers are dense, compressed beyond) says which
// numbers were seen, and a table of runs says
// where, one entry for each stretch of consecutive numbers on consecutive lines
// of one input. A log whose ids count with its lines costs a few bytes for
// each break in the count, whatever its length. Any other id (no counter, a
// counter of more than 18 digits, a family whose ids come in no order) is kept
// whole, 30 to 45 bytes an id.
//
//   IdRegistry ids;
//   if (auto first = ids.insert(event.id(), event.origin())) report(*first);
#pragma once

#include <accord/stream/event.hpp>
#include <accord/stream/reader.hpp>

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace accord::stream::detail {

class IdRegistry {
 public:
  IdRegistry();
  ~IdRegistry();
  IdRegistry(IdRegistry&&) noexcept;
  IdRegistry& operator=(IdRegistry&&) noexcept;

  // Records `id`, first seen at `origin`. When the id was seen before,
  // records nothing and returns where it was first seen.
  std::optional<Origin> insert(std::string_view id, Origin origin);

  // How many ids are recorded, and how many of them are kept whole.
  std::size_t size() const { return size_; }
  std::size_t kept_whole() const { return whole_.size(); }

 private:
  struct Family;  // in id_registry.cpp, beside the bitmap library

  // Ids kept whole. Each id is kept once in a chunk: its origin, its length,
  // its bytes (an id longer than a chunk gets a chunk of its own). A slot of
  // the open-addressing table holds where that record is (chunk and offset
  // + 1) and some bits of the id's hash, so most probes that do not match
  // never touch the chunk.
  class WholeIds {
   public:
    std::optional<Origin> insert(std::string_view id, Origin origin);
    std::optional<Origin> find(std::string_view id) const;
    std::size_t size() const { return size_; }

   private:
    static constexpr std::size_t kChunkBytes = std::size_t{1} << 20;
    static constexpr int kOffsetBits = 20;
    static constexpr int kChunkBits = 24;
    static constexpr int kTagBits = 64 - kOffsetBits - kChunkBits;

    // The slot holding `id`, or the empty slot where it would go.
    std::size_t slot_of(std::string_view id, std::uint64_t hash) const;
    std::uint64_t store(std::string_view id, Origin origin);
    std::string_view id_at(std::uint64_t slot) const;
    Origin origin_at(std::uint64_t slot) const;
    void grow();

    std::vector<std::unique_ptr<char[]>> chunks_;
    std::size_t chunk_used_ = kChunkBytes;  // no chunk yet
    std::vector<std::uint64_t> slots_;      // 0: empty
    std::size_t size_ = 0;
  };

  // The family of ids with this prefix and digit count; null when it has
  // none and may have none (too many families already).
  Family* family_of(std::string_view prefix, std::size_t digits);
  std::optional<Origin> insert_counted(Family& family, std::string_view id, std::uint64_t number,
                                       Origin origin);

  WholeIds whole_;
  // By key: the prefix, then the digit count as one byte.
  std::map<std::string, std::unique_ptr<Family>, std::less<>> families_;
  // The latest id's family and its key: most ids are of the family before them.
  const std::string* last_key_ = nullptr;
  Family* last_family_ = nullptr;
  std::string key_;  // reused to look families up
  std::size_t size_ = 0;
};

// The input error for an event whose id was first used at `first`, naming
// inputs by `input_names` ("events.jsonl:12"; "input 2, line 12" unnamed).
InputError duplicate_id_error(std::string_view id, Origin at, Origin first,
                              const std::vector<std::string>& input_names);

}  // namespace accord::stream::detail
