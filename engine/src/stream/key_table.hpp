// The correlation keys met during a check, numbered. Each distinct text of a
// key field gets a symbol, and a tuple of symbols a KeyId: one or two
// symbols are packed into the KeyId itself, longer tuples are numbered. A
// KeyId is read back knowing its length (its rule's number of key fields).
// Monitors keep state by KeyId, and a report turns a KeyId back into text.
//
//   KeyTable keys;
//   std::uint32_t org = keys.symbol("HMRC"), subject = keys.symbol("pay-2025");
//   rules::KeyId key = keys.key({org, subject});   // the same id every time
//
// A national log has about a million distinct key values, far more than the
// caches hold, so looking one up is mostly waiting for memory. find() looks
// up many texts at once, overlapping those waits.
#pragma once

#include <accord/rules/rule_kind.hpp>

#include "huge_pages.hpp"

#include <absl/container/flat_hash_set.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace accord::stream::detail {

class KeyTable {
 public:
  // What find() is given and fills in.
  struct Lookup {
    std::string_view text;
    std::uint64_t hash = 0;               // of text, by hash()
    std::uint32_t symbol = kNoSymbol;     // kNoSymbol: the table does not have it yet
  };
  static constexpr std::uint32_t kNoSymbol = 0xffff'ffff;

  KeyTable();
  KeyTable(const KeyTable&) = delete;
  KeyTable& operator=(const KeyTable&) = delete;

  static std::uint64_t hash(std::string_view text);

  // The text's symbol, a new one when the table does not have it.
  std::uint32_t symbol(std::string_view text) { return symbol(text, hash(text)); }
  std::uint32_t symbol(std::string_view text, std::uint64_t hash);

  // Hashes the lookups' texts and finds their symbols, adding none.
  void find(std::span<Lookup> lookups) const;

  // The empty tuple is rules::kEmptyKey.
  rules::KeyId key(std::span<const std::uint32_t> symbols) {
    if (auto key = packed(symbols)) return *key;
    return tuple_key(symbols);
  }

  // The same, only when the table has the key already.
  std::optional<rules::KeyId> find_key(std::span<const std::uint32_t> symbols) const {
    if (auto key = packed(symbols)) return key;
    return find_tuple_key(symbols);
  }

  // The symbols of a key of `length` symbols, appended to `symbols`.
  void symbols_of(rules::KeyId key, std::size_t length,
                  std::vector<std::uint32_t>& symbols) const;
  std::string_view text(std::uint32_t symbol) const { return record_at(records_[symbol]).text; }
  // Ask for what text() reads, in two steps: where the symbol's text is,
  // then (once that has come) the text.
  void prefetch_place(std::uint32_t symbol) const { __builtin_prefetch(&records_[symbol]); }
  void prefetch_text(std::uint32_t symbol) const { __builtin_prefetch(bytes_at(records_[symbol])); }

  std::size_t symbols() const { return records_.size(); }

 private:
  // Each text is kept in a record, its symbol and length before it, where
  // a Place says: a lookup goes from the slot straight to the record, one
  // wait for memory rather than two.
  using Place = std::uint32_t;  // the record's chunk, and its offset there in 8 bytes
  static constexpr Place kNoPlace = 0xffff'ffff;
  static constexpr int kOffsetBits = 18;  // 2 MiB of 8-byte units: a chunk at most

  struct Record {
    std::uint32_t symbol;
    std::string_view text;
  };

  // Open addressing with linear probing, eight bytes a slot: a lookup reads
  // the record only where the hash's high half matches.
  struct Slot {
    std::uint32_t tag = 0;       // the hash's high half
    Place place = kNoPlace;      // kNoPlace: empty
  };

  Record record_at(Place place) const;
  const char* bytes_at(Place place) const;
  static std::uint32_t tag(std::uint64_t hash) { return static_cast<std::uint32_t>(hash >> 32); }
  // A slot's place comes from its tag, so that growing needs no text.
  std::size_t home(std::uint32_t tag) const { return tag >> shift_; }
  std::uint32_t find_one(std::string_view text, std::uint64_t hash) const;
  // The first slot from the hash's home with its tag, or an empty one.
  const Slot& first_candidate(std::uint64_t hash) const;
  void grow();
  Place store(std::uint32_t symbol, std::string_view text);

  // The KeyId of one or two symbols (or none): the symbols themselves.
  static std::optional<rules::KeyId> packed(std::span<const std::uint32_t> symbols) {
    switch (symbols.size()) {
      case 0: return rules::kEmptyKey;
      case 1: return symbols[0];
      case 2: return (rules::KeyId{symbols[0]} << 32) | symbols[1];
      default: return std::nullopt;
    }
  }
  // The KeyId of three symbols or more, numbered.
  rules::KeyId tuple_key(std::span<const std::uint32_t> symbols);
  std::optional<rules::KeyId> find_tuple_key(std::span<const std::uint32_t> symbols) const;

  using TupleId = std::uint32_t;
  std::span<const std::uint32_t> tuple(TupleId id) const;

  // Tuples of three or more are stored end to end in tuple_symbols_; the set
  // holds their ids and hashes and compares them through the table, so a
  // lookup by a span of symbols builds nothing.
  struct TupleHash {
    using is_transparent = void;
    const KeyTable* table;
    std::size_t operator()(TupleId id) const { return (*this)(table->tuple(id)); }
    std::size_t operator()(std::span<const std::uint32_t> symbols) const;
  };
  struct TupleEq {
    using is_transparent = void;
    const KeyTable* table;
    bool operator()(TupleId a, TupleId b) const { return a == b; }
    bool operator()(std::span<const std::uint32_t> a, TupleId b) const;
    bool operator()(TupleId a, std::span<const std::uint32_t> b) const { return (*this)(b, a); }
  };

  template <class T>
  using Table = accord::detail::HugePageVector<T>;

  Table<Slot> slots_;  // a power of two of them, at most 3/4 full
  std::size_t mask_ = 0;
  int shift_ = 0;  // 32 - log2 of the slots' count
  Table<Place> records_;  // by symbol
  // The records, in chunks growing to a huge page (a longer text has one of
  // its own), each 8-byte aligned.
  std::vector<Table<char>> chunks_;
  std::size_t chunk_used_ = 0;
  std::vector<std::uint32_t> tuple_symbols_;
  std::vector<std::uint32_t> tuple_start_;            // by TupleId, plus the end
  absl::flat_hash_set<TupleId, TupleHash, TupleEq> tuple_ids_;
};

}  // namespace accord::stream::detail
