// The correlation keys met during a check, numbered. Each distinct text of a
// key field gets a symbol, and a tuple of symbols a KeyId: one or two
// symbols are packed into the KeyId itself, longer tuples are numbered. A
// KeyId is read back knowing its length (its rule's number of key fields).
// Monitors keep state by KeyId, and a report turns a KeyId back into text.
//
//   KeyTable keys;
//   std::uint32_t org = keys.symbol("HMRC"), subject = keys.symbol("pay-2025");
//   rules::KeyId key = keys.key({org, subject});   // the same id every time
#pragma once

#include <accord/rules/rule_kind.hpp>

#include <absl/container/flat_hash_map.h>
#include <absl/container/flat_hash_set.h>
#include <absl/strings/string_view.h>

#include <cstdint>
#include <memory>
#include <span>
#include <string_view>
#include <vector>

namespace accord::stream::detail {

class KeyTable {
 public:
  KeyTable();
  KeyTable(const KeyTable&) = delete;
  KeyTable& operator=(const KeyTable&) = delete;

  std::uint32_t symbol(std::string_view text);
  // The empty tuple is rules::kEmptyKey.
  rules::KeyId key(std::span<const std::uint32_t> symbols);

  // The symbols of a key of `length` symbols, appended to `symbols`.
  void symbols_of(rules::KeyId key, std::size_t length,
                  std::vector<std::uint32_t>& symbols) const;
  std::string_view text(std::uint32_t symbol) const { return texts_[symbol]; }

  std::size_t symbols() const { return texts_.size(); }

 private:
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

  std::string_view store(std::string_view text);

  // Keyed by absl's own string_view, which absl hashes natively (its
  // std::string_view support may fall back to std::hash, several times
  // slower).
  absl::flat_hash_map<absl::string_view, std::uint32_t> symbol_ids_;
  std::vector<std::string_view> texts_;               // by symbol
  std::vector<std::unique_ptr<char[]>> chunks_;       // the texts' bytes
  std::size_t chunk_used_ = 0;
  std::size_t chunk_size_ = 0;
  std::vector<std::uint32_t> tuple_symbols_;
  std::vector<std::uint32_t> tuple_start_;            // by TupleId, plus the end
  absl::flat_hash_set<TupleId, TupleHash, TupleEq> tuple_ids_;
};

}  // namespace accord::stream::detail
