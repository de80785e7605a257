#include "stream/key_table.hpp"

#include <absl/hash/hash.h>
#include <absl/strings/string_view.h>

#include <algorithm>
#include <bit>
#include <cstring>
#include <stdexcept>

namespace accord::stream::detail {

namespace {

constexpr std::size_t kFirstChunkBytes = std::size_t{1} << 16;
constexpr std::size_t kFirstSlots = 64;
// find() works through this many lookups at a time: enough misses in flight
// to hide memory's latency, few enough that their cache lines stay in cache
// from one pass to the next.
constexpr std::size_t kBatch = 64;

}  // namespace

KeyTable::KeyTable()
    : slots_(kFirstSlots),
      mask_(kFirstSlots - 1),
      shift_(32 - std::countr_zero(kFirstSlots)),
      tuple_start_{0},
      tuple_ids_(0, TupleHash{this}, TupleEq{this}) {}

std::uint64_t KeyTable::hash(std::string_view text) {
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

KeyTable::Place KeyTable::store(std::uint32_t symbol, std::string_view text) {
  auto length = static_cast<std::uint32_t>(text.size());
  // The symbol, the length, the text, up to the next eight bytes.
  std::size_t bytes = (2 * sizeof(std::uint32_t) + text.size() + 7) & ~std::size_t{7};
  if (chunks_.empty() || chunk_used_ + bytes > chunks_.back().size()) {
    // Each chunk twice the last, up to a huge page: a small check stays
    // small, and a large one's texts are on few pages.
    std::size_t next = chunks_.empty()
                           ? kFirstChunkBytes
                           : std::min(2 * chunks_.back().size(), accord::detail::kHugePageBytes);
    if (chunks_.size() >= (std::size_t{kNoPlace} >> kOffsetBits)) {
      throw std::length_error("more distinct key values than a check can keep");
    }
    chunks_.emplace_back(std::max(next, bytes));
    chunk_used_ = 0;
  }
  char* at = chunks_.back().data() + chunk_used_;
  std::memcpy(at, &symbol, sizeof symbol);
  std::memcpy(at + sizeof symbol, &length, sizeof length);
  if (!text.empty()) std::memcpy(at + 2 * sizeof(std::uint32_t), text.data(), text.size());
  auto place = static_cast<Place>(((chunks_.size() - 1) << kOffsetBits) | (chunk_used_ / 8));
  chunk_used_ += bytes;
  return place;
}

const char* KeyTable::bytes_at(Place place) const {
  return chunks_[place >> kOffsetBits].data() +
         std::size_t{place & ((Place{1} << kOffsetBits) - 1)} * 8;
}

KeyTable::Record KeyTable::record_at(Place place) const {
  const char* at = bytes_at(place);
  std::uint32_t symbol = 0;
  std::uint32_t length = 0;
  std::memcpy(&symbol, at, sizeof symbol);
  std::memcpy(&length, at + sizeof symbol, sizeof length);
  return {symbol, {at + 2 * sizeof(std::uint32_t), length}};
}

std::uint32_t KeyTable::find_one(std::string_view text, std::uint64_t hash) const {
  for (std::size_t at = home(tag(hash));; at = (at + 1) & mask_) {
    const Slot& slot = slots_[at];
    if (slot.place == kNoPlace) return kNoSymbol;
    if (slot.tag != tag(hash)) continue;
    Record record = record_at(slot.place);
    if (record.text == text) return record.symbol;
  }
}

std::uint32_t KeyTable::symbol(std::string_view text, std::uint64_t hash) {
  std::uint32_t found = find_one(text, hash);
  if (found != kNoSymbol) return found;
  if ((records_.size() + 1) * 4 > slots_.size() * 3) grow();
  std::size_t at = home(tag(hash));
  while (slots_[at].place != kNoPlace) at = (at + 1) & mask_;
  auto id = static_cast<std::uint32_t>(records_.size());
  Place place = store(id, text);
  records_.push_back(place);
  slots_[at] = Slot{tag(hash), place};
  return id;
}

void KeyTable::grow() {
  Table<Slot> old(slots_.size() * 2);
  old.swap(slots_);
  mask_ = slots_.size() - 1;
  --shift_;
  for (const Slot& slot : old) {
    if (slot.place == kNoPlace) continue;
    std::size_t at = home(slot.tag);
    while (slots_[at].place != kNoPlace) at = (at + 1) & mask_;
    slots_[at] = slot;
  }
}

const KeyTable::Slot& KeyTable::first_candidate(std::uint64_t hash) const {
  for (std::size_t at = home(tag(hash));; at = (at + 1) & mask_) {
    const Slot& slot = slots_[at];
    if (slot.place == kNoPlace || slot.tag == tag(hash)) return slot;
  }
}

void KeyTable::find(std::span<Lookup> lookups) const {
  for (std::size_t begin = 0; begin < lookups.size(); begin += kBatch) {
    auto batch = lookups.subspan(begin, std::min(kBatch, lookups.size() - begin));
    for (Lookup& lookup : batch) {
      lookup.hash = hash(lookup.text);
      __builtin_prefetch(&slots_[home(tag(lookup.hash))]);
    }
    // The slots fetched say where the records are: fetch those, then read.
    for (const Lookup& lookup : batch) {
      const Slot& slot = first_candidate(lookup.hash);
      if (slot.place == kNoPlace) continue;
      // A record that matches is as long as the text looked up.
      const char* record = bytes_at(slot.place);
      __builtin_prefetch(record);
      __builtin_prefetch(record + 2 * sizeof(std::uint32_t) + lookup.text.size() - 1);
    }
    for (Lookup& lookup : batch) lookup.symbol = find_one(lookup.text, lookup.hash);
  }
}

rules::KeyId KeyTable::tuple_key(std::span<const std::uint32_t> symbols) {
  auto found = tuple_ids_.find(symbols);
  if (found != tuple_ids_.end()) return *found;
  auto id = static_cast<TupleId>(tuple_start_.size() - 1);
  tuple_symbols_.insert(tuple_symbols_.end(), symbols.begin(), symbols.end());
  tuple_start_.push_back(static_cast<std::uint32_t>(tuple_symbols_.size()));
  tuple_ids_.insert(id);
  return id;
}

std::optional<rules::KeyId> KeyTable::find_tuple_key(
    std::span<const std::uint32_t> symbols) const {
  auto found = tuple_ids_.find(symbols);
  if (found == tuple_ids_.end()) return std::nullopt;
  return *found;
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
