#include "stream/key_table.hpp"

#include <absl/hash/hash.h>
#include <absl/strings/string_view.h>

#include <algorithm>
#include <cstring>

namespace accord::stream::detail {

namespace {

constexpr std::size_t kChunkBytes = std::size_t{1} << 16;

}  // namespace

KeyTable::KeyTable()
    : symbol_ids_(0, SymbolHash{this}, SymbolEq{this}),
      tuple_start_{0},
      tuple_ids_(0, TupleHash{this}, TupleEq{this}) {}

std::size_t KeyTable::SymbolHash::operator()(std::string_view text) const {
  // absl's own string_view: absl hashes it natively (its std::string_view
  // support may fall back to std::hash, several times slower).
  return absl::Hash<absl::string_view>{}(absl::string_view(text.data(), text.size()));
}

std::size_t KeyTable::TupleHash::operator()(std::span<const std::uint32_t> symbols) const {
  return absl::Hash<absl::Span<const std::uint32_t>>{}(
      absl::Span<const std::uint32_t>(symbols.data(), symbols.size()));
}

bool KeyTable::TupleEq::operator()(std::span<const std::uint32_t> a, TupleId b) const {
  auto stored = table->tuple(b);
  return std::equal(a.begin(), a.end(), stored.begin(), stored.end());
}

const char* KeyTable::store(std::string_view text) {
  auto length = static_cast<std::uint32_t>(text.size());
  std::size_t bytes = sizeof length + text.size();
  if (chunks_.empty() || chunk_used_ + bytes > chunk_size_) {
    chunk_size_ = std::max(kChunkBytes, bytes);
    chunks_.push_back(std::make_unique<char[]>(chunk_size_));
    chunk_used_ = 0;
  }
  char* at = chunks_.back().get() + chunk_used_;
  std::memcpy(at, &length, sizeof length);
  if (!text.empty()) std::memcpy(at + sizeof length, text.data(), text.size());
  chunk_used_ += bytes;
  return at;
}

std::string_view KeyTable::text(std::uint32_t symbol) const {
  const char* at = texts_[symbol];
  std::uint32_t length = 0;
  std::memcpy(&length, at, sizeof length);
  return {at + sizeof length, length};
}

std::uint32_t KeyTable::symbol(std::string_view text) {
  auto found = symbol_ids_.find(text);
  if (found != symbol_ids_.end()) return *found;
  auto id = static_cast<std::uint32_t>(texts_.size());
  texts_.push_back(store(text));
  symbol_ids_.insert(id);
  return id;
}

rules::KeyId KeyTable::key(std::span<const std::uint32_t> symbols) {
  switch (symbols.size()) {
    case 0: return rules::kEmptyKey;
    case 1: return symbols[0];
    case 2: return (rules::KeyId{symbols[0]} << 32) | symbols[1];
    default: break;
  }
  auto found = tuple_ids_.find(symbols);
  if (found != tuple_ids_.end()) return *found;
  auto id = static_cast<TupleId>(tuple_start_.size() - 1);
  tuple_symbols_.insert(tuple_symbols_.end(), symbols.begin(), symbols.end());
  tuple_start_.push_back(static_cast<std::uint32_t>(tuple_symbols_.size()));
  tuple_ids_.insert(id);
  return id;
}

std::span<const std::uint32_t> KeyTable::tuple(TupleId id) const {
  return std::span<const std::uint32_t>(tuple_symbols_.data() + tuple_start_[id],
                                        tuple_start_[id + 1] - tuple_start_[id]);
}

void KeyTable::symbols_of(rules::KeyId key, std::size_t length,
                          std::vector<std::uint32_t>& symbols) const {
  switch (length) {
    case 0: return;
    case 1: symbols.push_back(static_cast<std::uint32_t>(key)); return;
    case 2:
      symbols.push_back(static_cast<std::uint32_t>(key >> 32));
      symbols.push_back(static_cast<std::uint32_t>(key));
      return;
    default: {
      auto stored = tuple(static_cast<TupleId>(key));
      symbols.insert(symbols.end(), stored.begin(), stored.end());
    }
  }
}

}  // namespace accord::stream::detail
