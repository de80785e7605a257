#include "stream/id_registry.hpp"

// CRoaring's 64-bit bitmap (Debian: libroaring-dev). Its version in Debian 12
// (0.2.66) has it only in C++, as a map from the high 32 bits to a 32-bit
// bitmap; a family's counter seldom leaves one of those.
#include <roaring/roaring64map.hh>

#include <algorithm>
#include <cstring>
#include <iterator>
#include <limits>
#include <utility>

namespace accord::stream::detail {

namespace {

// A counter longer than this stays in its id (10^18 - 1 fits 64 bits).
constexpr std::size_t kMaxDigits = 18;
// Longer prefixes are not worth a family: the id is kept whole.
constexpr std::size_t kMaxPrefixBytes = 64;
// A log of ids without a shared shape would otherwise make a family of
// almost every id; past this many, ids of a new family are kept whole.
constexpr std::size_t kMaxFamilies = 1024;
// A family whose ids come in no order would cost a run for every id, and a
// run (a map node, about 64 bytes) costs as much as two ids kept whole: past
// kFreeRuns runs, a new run needs kIdsPerRun ids for each run so far, or to
// follow the family's latest id (the count going up with the lines again).
constexpr std::size_t kFreeRuns = 1024;
constexpr std::uint64_t kIdsPerRun = 2;

// An id that ends in a counter: the text before the counter, and the counter's
// digits and value. "e007" is ("e", 3, 7); "e7" is ("e", 1, 7), another id.
struct Counter {
  std::string_view prefix;
  std::size_t digits = 0;
  std::uint64_t value = 0;
};

std::optional<Counter> counter_of(std::string_view id) {
  // The digits at the end, from the last: checked and added up in one pass.
  std::size_t start = id.size();
  std::uint64_t value = 0;
  std::uint64_t scale = 1;
  for (; start > 0; --start) {
    auto digit = static_cast<unsigned>(static_cast<unsigned char>(id[start - 1])) - '0';
    if (digit > 9) break;
    if (id.size() - start == kMaxDigits) return std::nullopt;  // one digit more
    value += digit * scale;
    scale *= 10;
  }
  std::size_t digits = id.size() - start;
  if (digits == 0 || start > kMaxPrefixBytes) return std::nullopt;
  return Counter{id.substr(0, start), digits, value};
}

constexpr std::size_t kHeaderBytes = 3 * sizeof(std::uint32_t);  // input, line, length

// A set of numbers: in plain bitmaps while they are dense (a counter that
// goes up with the lines: a bit an id, and a lookup two loads), in a
// compressed one beyond. The plain bitmaps cover 32,768 numbers each and
// are made as the count reaches them: a number goes to one only when it is
// below kDenseSpread numbers an id so far (plus some room), so a family of
// far-apart numbers keeps to the compressed bitmap and costs no more. A
// number that went there before its plain bitmap was made stays there; the
// range of those numbers spares the others a second lookup (they are the
// few written far ahead of the count early in a log).
class NumberSet {
 public:
  bool contains(std::uint64_t number) const {
    std::uint64_t chunk = number / kChunkBits;
    if (chunk < chunks_.size() && chunks_[chunk] != nullptr) {
      std::uint64_t bit = number % kChunkBits;
      if ((chunks_[chunk][bit / 64] >> (bit % 64) & 1) != 0) return true;
    }
    return number >= sparse_least_ && number <= sparse_greatest_ && sparse_.contains(number);
  }

  // `count`: how many numbers were added before.
  void add(std::uint64_t number, std::uint64_t count) {
    std::uint64_t chunk = number / kChunkBits;
    bool made = chunk < chunks_.size() && chunks_[chunk] != nullptr;
    if (!made && number < kDenseSpread * count + kDenseRoom) {
      if (chunk >= chunks_.size()) chunks_.resize(chunk + 1);
      chunks_[chunk] = std::make_unique<std::uint64_t[]>(kChunkBits / 64);  // zeroed
      made = true;
    }
    if (!made) {
      sparse_.add(number);
      sparse_least_ = std::min(sparse_least_, number);
      sparse_greatest_ = std::max(sparse_greatest_, number);
      return;
    }
    std::uint64_t bit = number % kChunkBits;
    chunks_[chunk][bit / 64] |= std::uint64_t{1} << (bit % 64);
  }

 private:
  static constexpr std::uint64_t kChunkBits = std::uint64_t{1} << 15;  // 4 KiB
  static constexpr std::uint64_t kDenseSpread = 8;
  static constexpr std::uint64_t kDenseRoom = 4096;

  std::vector<std::unique_ptr<std::uint64_t[]>> chunks_;
  Roaring64Map sparse_;
  // The range of the numbers in sparse_ (none while least > greatest).
  std::uint64_t sparse_least_ = std::numeric_limits<std::uint64_t>::max();
  std::uint64_t sparse_greatest_ = 0;
};

std::uint64_t hash_of(std::string_view id) { return std::hash<std::string_view>{}(id); }

}  // namespace

// The ids sharing a prefix and a digit count, as numbers. A number in
// `numbers` belongs to the run with the greatest first number at or below it:
// a run only grows by the number after its last, recorded on the next line
// of the same input and before any other number of the family, so a run's
// numbers are consecutive and all in `numbers`, and no later run can start
// among them. An id kept whole is not in `numbers`.
struct IdRegistry::Family {
  Origin origin_of(std::uint64_t number) const {
    auto run = std::prev(runs.upper_bound(number));
    return {run->second.input, run->second.line + static_cast<std::uint32_t>(number - run->first)};
  }

  NumberSet numbers;
  std::map<std::uint64_t, Origin> runs;  // first number of a run -> where it was
  std::uint64_t count = 0;               // numbers in `numbers`
  std::uint64_t whole = 0;               // ids of the family kept whole
  Roaring64Map whole_numbers;            // their numbers: which ids to look for there
  // The family's latest new id, wherever it is kept.
  bool any = false;
  std::uint64_t highest = 0;  // of all its numbers: one above is new
  std::uint64_t latest = 0;
  Origin latest_origin;
  bool latest_in_run = false;
};

IdRegistry::IdRegistry() = default;
IdRegistry::~IdRegistry() = default;

// By swapping, so that the registry moved from stays whole (its latest
// family is one of its own families).
IdRegistry::IdRegistry(IdRegistry&& other) noexcept { *this = std::move(other); }

IdRegistry& IdRegistry::operator=(IdRegistry&& other) noexcept {
  std::swap(whole_, other.whole_);
  std::swap(families_, other.families_);
  std::swap(last_key_, other.last_key_);
  std::swap(last_family_, other.last_family_);
  std::swap(size_, other.size_);
  return *this;
}

std::optional<Origin> IdRegistry::insert(std::string_view id, Origin origin) {
  std::optional<Counter> counter = counter_of(id);
  Family* family = counter ? family_of(counter->prefix, counter->digits) : nullptr;
  if (family) return insert_counted(*family, id, counter->value, origin);
  auto first = whole_.insert(id, origin);
  if (!first) ++size_;
  return first;
}

IdRegistry::Family* IdRegistry::family_of(std::string_view prefix, std::size_t digits) {
  // The key: the prefix, then the digit count as one byte (never a digit).
  auto width = static_cast<char>(digits);
  if (last_family_ && last_key_->size() == prefix.size() + 1 && last_key_->back() == width &&
      std::string_view(*last_key_).starts_with(prefix)) {
    return last_family_;
  }
  key_.assign(prefix);
  key_ += width;
  auto found = families_.find(key_);
  if (found == families_.end()) {
    if (families_.size() == kMaxFamilies) return nullptr;
    found = families_.emplace(key_, std::make_unique<Family>()).first;
  }
  last_key_ = &found->first;
  last_family_ = found->second.get();
  return last_family_;
}

std::optional<Origin> IdRegistry::insert_counted(Family& family, std::string_view id,
                                                 std::uint64_t number, Origin origin) {
  // Ids that count up are each above every number before: nothing to look up.
  bool above = !family.any || number > family.highest;
  if (!above && family.numbers.contains(number)) return family.origin_of(number);
  bool follows = family.any && number == family.latest + 1 &&
                 origin.input == family.latest_origin.input &&
                 origin.line == std::uint64_t{family.latest_origin.line} + 1;
  bool grows_run = follows && family.latest_in_run;
  bool starts_run = !grows_run && (family.runs.size() < kFreeRuns ||
                                   family.runs.size() * kIdsPerRun <= family.count || follows);
  if (grows_run || starts_run) {
    if (!above && family.whole > 0 && family.whole_numbers.contains(number)) {
      if (auto first = whole_.find(id)) return first;
    }
    family.numbers.add(number, family.count);
    if (starts_run) family.runs.emplace(number, origin);
    ++family.count;
  } else {
    if (auto first = whole_.insert(id, origin)) return first;
    ++family.whole;
    family.whole_numbers.add(number);
  }
  family.highest = above ? number : family.highest;
  family.any = true;
  family.latest = number;
  family.latest_origin = origin;
  family.latest_in_run = grows_run || starts_run;
  ++size_;
  return std::nullopt;
}

// ---- Ids kept whole ------------------------------------------------------------

std::uint64_t IdRegistry::WholeIds::store(std::string_view id, Origin origin) {
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

std::string_view IdRegistry::WholeIds::id_at(std::uint64_t slot) const {
  std::uint64_t ref = slot & ((std::uint64_t{1} << (kOffsetBits + kChunkBits)) - 1);
  const char* at = chunks_[ref >> kOffsetBits].get() + ((ref & ((1U << kOffsetBits) - 1)) - 1);
  std::uint32_t length = 0;
  std::memcpy(&length, at + 8, sizeof length);
  return {at + kHeaderBytes, length};
}

Origin IdRegistry::WholeIds::origin_at(std::uint64_t slot) const {
  std::uint64_t ref = slot & ((std::uint64_t{1} << (kOffsetBits + kChunkBits)) - 1);
  const char* at = chunks_[ref >> kOffsetBits].get() + ((ref & ((1U << kOffsetBits) - 1)) - 1);
  Origin origin;
  std::memcpy(&origin.input, at, sizeof origin.input);
  std::memcpy(&origin.line, at + 4, sizeof origin.line);
  return origin;
}

void IdRegistry::WholeIds::grow() {
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

std::size_t IdRegistry::WholeIds::slot_of(std::string_view id, std::uint64_t hash) const {
  std::uint64_t tag = hash >> (64 - kTagBits);
  std::size_t mask = slots_.size() - 1;
  for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
    std::uint64_t slot = slots_[i];
    if (slot == 0) return i;
    if ((slot >> (kOffsetBits + kChunkBits)) == tag && id_at(slot) == id) return i;
  }
}

std::optional<Origin> IdRegistry::WholeIds::find(std::string_view id) const {
  if (slots_.empty()) return std::nullopt;
  std::uint64_t slot = slots_[slot_of(id, hash_of(id))];
  if (slot == 0) return std::nullopt;
  return origin_at(slot);
}

std::optional<Origin> IdRegistry::WholeIds::insert(std::string_view id, Origin origin) {
  if ((size_ + 1) * 10 > slots_.size() * 7) grow();  // keep the load under 70%
  std::uint64_t hash = hash_of(id);
  std::size_t i = slot_of(id, hash);
  if (slots_[i] != 0) return origin_at(slots_[i]);
  std::uint64_t tag = hash >> (64 - kTagBits);
  slots_[i] = (tag << (kOffsetBits + kChunkBits)) | store(id, origin);
  ++size_;
  return std::nullopt;
}

InputError duplicate_id_error(std::string_view id, Origin at, Origin first,
                              const std::vector<std::string>& input_names) {
  std::string where = first.input < input_names.size()
                          ? input_names[first.input] + ":" + std::to_string(first.line)
                          : "input " + std::to_string(first.input + 1) + ", line " +
                                std::to_string(first.line);
  return {at, "duplicate id '" + std::string(id) + "' (first used at " + where + ")"};
}

}  // namespace accord::stream::detail
