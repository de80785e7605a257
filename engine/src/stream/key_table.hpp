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
  std::string_view text(std::uint32_t symbol) const;

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

  const char* store(std::string_view text);

  // The symbols, hashed and compared through their text, so that a slot is
  // four bytes: a national log has a million distinct key values.
  struct SymbolHash {
    using is_transparent = void;
    const KeyTable* table;
    std::size_t operator()(std::uint32_t symbol) const { return (*this)(table->text(symbol)); }
    std::size_t operator()(std::string_view text) const;
  };
  struct SymbolEq {
    using is_transparent = void;
    const KeyTable* table;
    bool operator()(std::uint32_t a, std::uint32_t b) const { return a == b; }
    bool operator()(std::string_view a, std::uint32_t b) const { return a == table->text(b); }
    bool operator()(std::uint32_t a, std::string_view b) const { return table->text(a) == b; }
  };
  absl::flat_hash_set<std::uint32_t, SymbolHash, SymbolEq> symbol_ids_;
  // By symbol: where its text is kept, after its length (four bytes).
  std::vector<const char*> texts_;
  std::vector<std::unique_ptr<char[]>> chunks_;       // the texts' bytes
  std::size_t chunk_used_ = 0;
  std::size_t chunk_size_ = 0;
  std::vector<std::uint32_t> tuple_symbols_;
  std::vector<std::uint32_t> tuple_start_;            // by TupleId, plus the end
  absl::flat_hash_set<TupleId, TupleHash, TupleEq> tuple_ids_;
};

}  // namespace accord::stream::detail
