#include <accord/stream/event.hpp>

#include "huge_pages.hpp"

#include <absl/container/flat_hash_map.h>
#include <date/date.h>

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <cstring>
#include <limits>
#include <memory>

namespace accord::stream {

namespace {

// Reads exactly `width` decimal digits at `pos`.
std::optional<int> digits(std::string_view text, std::size_t pos, std::size_t width) {
  if (pos + width > text.size()) return std::nullopt;
  int value = 0;
  for (std::size_t i = pos; i < pos + width; ++i) {
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

}  // namespace

std::optional<eval::Timestamp> parse_event_time(std::string_view text) {
  // YYYY-MM-DD
  auto year = digits(text, 0, 4);
  auto month = digits(text, 5, 2);
  auto day = digits(text, 8, 2);
  if (!year || !month || !day || text[4] != '-' || text[7] != '-') return std::nullopt;
  date::year_month_day ymd{date::year{*year}, date::month{static_cast<unsigned>(*month)},
                           date::day{static_cast<unsigned>(*day)}};
  if (!ymd.ok() || *year < 1) return std::nullopt;
  std::int64_t seconds =
      static_cast<std::int64_t>(date::sys_days(ymd).time_since_epoch().count()) * 86400;
  if (text.size() == 10) return eval::Timestamp{seconds, 0};

  // Thh:mm[:ss[.fraction]]
  if (text[10] != 'T') return std::nullopt;
  auto hour = digits(text, 11, 2);
  auto minute = digits(text, 14, 2);
  if (!hour || !minute || text.size() < 16 || text[13] != ':' || *hour > 23 || *minute > 59) {
    return std::nullopt;
  }
  seconds += *hour * 3600 + *minute * 60;
  std::size_t pos = 16;
  std::int32_t nanos = 0;
  if (pos < text.size() && text[pos] == ':') {
    auto second = digits(text, pos + 1, 2);
    if (!second || *second > 59) return std::nullopt;
    seconds += *second;
    pos += 3;
    if (pos < text.size() && text[pos] == '.') {
      std::size_t first = ++pos;
      std::int32_t scale = 100'000'000;
      while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
        // Digits past nanoseconds are read and dropped.
        nanos += (text[pos] - '0') * scale;
        scale /= 10;
        ++pos;
      }
      if (pos == first) return std::nullopt;
    }
  }

  // Z or ±hh:mm
  if (pos == text.size()) return std::nullopt;  // a date-time needs an offset
  if (text[pos] == 'Z') {
    if (pos + 1 != text.size()) return std::nullopt;
  } else if (text[pos] == '+' || text[pos] == '-') {
    auto offset_hours = digits(text, pos + 1, 2);
    auto offset_minutes = digits(text, pos + 4, 2);
    if (!offset_hours || !offset_minutes || text[pos + 3] != ':' || pos + 6 != text.size() ||
        *offset_hours > 23 || *offset_minutes > 59) {
      return std::nullopt;
    }
    std::int64_t offset = *offset_hours * 3600 + *offset_minutes * 60;
    seconds += text[pos] == '+' ? -offset : offset;
  } else {
    return std::nullopt;
  }
  eval::Timestamp time{seconds, nanos};
  if (!eval::in_range(time)) return std::nullopt;
  return time;
}

struct FieldIndex::Tables {
  std::vector<std::string> names;  // what the views below point into
  // absl's own string_view: absl hashes it natively.
  absl::flat_hash_map<absl::string_view, eval::FieldId> ids;
  absl::flat_hash_map<absl::string_view, TypeCode> type_codes;
};

FieldIndex::FieldIndex(const std::vector<std::string>& names,
                       const std::vector<std::string>& types, bool unnamed_types_read,
                       const std::vector<bool>& read)
    : size_(names.size()), type_count_(types.size()), unnamed_types_read_(unnamed_types_read) {
  auto tables = std::make_shared<Tables>();
  tables->names = names;
  tables->names.insert(tables->names.end(), types.begin(), types.end());
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (!read.empty() && (i >= read.size() || !read[i])) continue;
    tables->ids.emplace(tables->names[i], static_cast<eval::FieldId>(i));
  }
  for (std::size_t i = 0; i < types.size(); ++i) {
    tables->type_codes.emplace(tables->names[names.size() + i], static_cast<TypeCode>(i));
  }
  tables_ = std::move(tables);
  id_field_ = find("id");
  time_field_ = find("time");
  type_field_ = find("type");
}

TypeCode FieldIndex::type_code(std::string_view type) const {
  auto found = tables_->type_codes.find(absl::string_view(type.data(), type.size()));
  return found == tables_->type_codes.end() ? kUnnamedType : found->second;
}

std::optional<eval::FieldId> FieldIndex::find(std::string_view name) const {
  auto found = tables_->ids.find(absl::string_view(name.data(), name.size()));
  if (found == tables_->ids.end()) return std::nullopt;
  return found->second;
}

namespace {

std::size_t align_for_fields(std::size_t offset) {
  constexpr std::size_t kAlign = std::max(alignof(eval::Value), alignof(char*));
  return (offset + kAlign - 1) / kAlign * kAlign;
}

// Room for this many fields beyond the text's bound: the fields go right
// after the text the event uses, where the line's names and punctuation
// usually leave room for more.
constexpr std::size_t kFieldsRoom = 4;

// Offsets into a block are 32-bit: a header of one cache line. Far beyond
// any ReaderLimits a reader can hold in memory.
constexpr std::size_t kLargestBlock = std::numeric_limits<std::uint32_t>::max();

}  // namespace

static_assert(sizeof(Event) <= 64, "an Event's header should fit one cache line");

void Event::clear_fields() {
  if (field_count_ == 0) return;
  if (fields_own_memory_ || fields_elsewhere()) {
    eval::Value* values = field_values();
    std::destroy_n(values, field_count_);
    if (fields_elsewhere()) delete[] reinterpret_cast<char*>(values);
  }
  field_count_ = 0;
  fields_own_memory_ = false;
}

void Event::free_block() noexcept {
  switch (block_owner_) {
    case BlockOwner::Heap: delete[] block_; break;
    case BlockOwner::Arena: EventArena::release(block_); break;
    case BlockOwner::None: break;
  }
  block_ = nullptr;
  block_size_ = 0;
  block_owner_ = BlockOwner::None;
}

void Event::take_from(Event& other) noexcept {
  block_ = other.block_;
  block_owner_ = other.block_owner_;
  block_size_ = other.block_size_;
  fields_offset_ = other.fields_offset_;
  field_count_ = other.field_count_;
  fields_own_memory_ = other.fields_own_memory_;
  type_code_ = other.type_code_;
  seconds_ = other.seconds_;
  nanos_ = other.nanos_;
  id_offset_ = other.id_offset_;
  id_size_ = other.id_size_;
  type_offset_ = other.type_offset_;
  type_size_ = other.type_size_;
  origin_ = other.origin_;
  other.block_ = nullptr;
  other.block_owner_ = BlockOwner::None;
  other.block_size_ = 0;
  other.field_count_ = 0;
}

// At the start of each chunk: how many of its blocks are in use, plus
// kOpen while the reader may still add more.
struct EventArena::Chunk {
  std::atomic<std::int64_t> live{0};
  EventArena* arena = nullptr;
};

namespace {

// release() finds a block's chunk by rounding its address down: chunks
// are huge pages, which the allocator aligns to their size.
static_assert(EventArena::kChunkBytes == accord::detail::kHugePageBytes);

constexpr std::size_t kChunkHeaderBytes = 64;
constexpr std::int64_t kOpen = std::int64_t{1} << 62;
// Blocks start 16-byte aligned: the fields after the text are aligned
// from the block's start.
constexpr std::size_t kBlockAlign = 16;

}  // namespace

EventArena::~EventArena() {
  accord::detail::HugePageAllocator<char> allocator;
  for (Chunk* chunk : all_) {
    chunk->~Chunk();
    allocator.deallocate(reinterpret_cast<char*>(chunk), kChunkBytes);
  }
}

std::size_t EventArena::chunks() const {
  std::lock_guard lock(mutex_);
  return all_.size();
}

std::size_t EventArena::largest_block() { return kChunkBytes - kChunkHeaderBytes; }

char* EventArena::reserve(std::size_t bytes) {
  if (bytes > largest_block()) return nullptr;
  if (current_ == nullptr || used_ + bytes > kChunkBytes) open_chunk();
  return reinterpret_cast<char*>(current_) + used_;
}

void EventArena::commit(std::size_t bytes) {
  used_ += (bytes + kBlockAlign - 1) & ~(kBlockAlign - 1);
  ++committed_;
}

EventArena::Chunk* EventArena::chunk_of(const char* block) noexcept {
  return reinterpret_cast<Chunk*>(reinterpret_cast<std::uintptr_t>(block) &
                                  ~std::uintptr_t{kChunkBytes - 1});
}

void EventArena::release(const char* block) noexcept { release(chunk_of(block), 1); }

void EventArena::release(Chunk* chunk, std::int64_t blocks) noexcept {
  if (chunk->live.fetch_sub(blocks, std::memory_order_acq_rel) == blocks) {
    chunk->arena->recycle(chunk);
  }
}

void EventArena::open_chunk() {
  if (current_ != nullptr) {
    // The reader is done with it: only its events hold it now.
    std::int64_t closing = kOpen - committed_;
    if (current_->live.fetch_sub(closing, std::memory_order_acq_rel) == closing) {
      recycle(current_);
    }
    current_ = nullptr;
  }
  Chunk* chunk = nullptr;
  {
    std::lock_guard lock(mutex_);
    if (!free_.empty()) {
      chunk = free_.back();
      free_.pop_back();
    }
  }
  if (chunk == nullptr) {
    char* memory = accord::detail::HugePageAllocator<char>().allocate(kChunkBytes);
    chunk = new (memory) Chunk;
    chunk->arena = this;
    std::lock_guard lock(mutex_);
    all_.push_back(chunk);
    // recycle() must not allocate: it runs in an Event's destructor.
    free_.reserve(all_.size());
  }
  chunk->live.store(kOpen, std::memory_order_relaxed);
  current_ = chunk;
  used_ = kChunkHeaderBytes;
  committed_ = 0;
}

void EventArena::recycle(Chunk* chunk) noexcept {
  std::lock_guard lock(mutex_);
  free_.push_back(chunk);
}

void EventReleaser::release(Event& event) noexcept {
  event.clear_fields();
  if (event.block_owner_ != Event::BlockOwner::Arena) {
    event.free_block();
    return;
  }
  EventArena::Chunk* chunk = EventArena::chunk_of(event.block_);
  if (chunk != chunk_) {
    flush();
    chunk_ = chunk;
  }
  ++blocks_;
  event.block_ = nullptr;
  event.block_size_ = 0;
  event.block_owner_ = Event::BlockOwner::None;
}

void EventReleaser::flush() noexcept {
  if (blocks_ != 0) EventArena::release(chunk_, blocks_);
  chunk_ = nullptr;
  blocks_ = 0;
}

void EventBuilder::start(Origin origin, std::size_t text_bound) {
  // An integer id is at most 20 characters, and may be longer than its JSON.
  capacity_ = text_bound + 24;
  // The fields need room for at least the address of a block of their own.
  std::size_t block_size = align_for_fields(capacity_) + kFieldsRoom * Event::kFieldBytes;
  if (block_size > kLargestBlock) std::abort();  // beyond what any reader holds in memory
  event_.clear_fields();
  char* room = arena_ != nullptr ? arena_->reserve(block_size) : nullptr;
  if (room != nullptr) {
    // Where the arena's last block ends; the event owns it once finished.
    event_.free_block();
    event_.block_ = room;
    event_.block_size_ = static_cast<std::uint32_t>(block_size);
  } else if (event_.block_owner_ != Event::BlockOwner::Heap || event_.block_size_ < block_size) {
    // An event that failed keeps a block of its own for the next.
    event_.free_block();
    // A little over: the block then fits more of the lines it is reused for.
    std::size_t rounded = std::min(kLargestBlock, (block_size + 63) & ~std::size_t{63});
    event_.block_ = new char[rounded];
    event_.block_size_ = static_cast<std::uint32_t>(rounded);
    event_.block_owner_ = Event::BlockOwner::Heap;
  }
  event_.origin_ = origin;
  event_.id_offset_ = event_.id_size_ = 0;
  event_.type_offset_ = event_.type_size_ = 0;
  event_.type_code_ = kUnnamedType;
  used_ = 0;
  field_ids_.clear();
  fields_.clear();
  has_id_ = has_time_ = has_type_ = false;
}

std::string_view EventBuilder::keep(std::string_view text) {
  // The bound given to start() guarantees room; a reader that broke it is a bug.
  if (used_ + text.size() > capacity_) std::abort();
  char* at = event_.block_ + used_;
  if (!text.empty()) std::memcpy(at, text.data(), text.size());
  used_ += text.size();
  return {at, text.size()};
}

void EventBuilder::set_id(std::string_view id) {
  std::string_view kept = keep(id);
  event_.id_offset_ = static_cast<std::uint32_t>(kept.data() - event_.block_);
  event_.id_size_ = static_cast<std::uint32_t>(kept.size());
  has_id_ = true;
  if (auto field = index_->id_field()) set_field(*field, eval::Value::string_view(kept));
}

void EventBuilder::set_type(std::string_view type) { set_type(type, index_->type_code(type)); }

void EventBuilder::set_type(std::string_view type, TypeCode code) {
  std::string_view kept = keep(type);
  event_.type_offset_ = static_cast<std::uint32_t>(kept.data() - event_.block_);
  event_.type_size_ = static_cast<std::uint32_t>(kept.size());
  event_.type_code_ = code;
  has_type_ = true;
  if (auto field = index_->type_field()) set_field(*field, eval::Value::string_view(kept));
}

void EventBuilder::set_time(eval::Timestamp time) {
  event_.seconds_ = time.seconds;
  event_.nanos_ = time.nanos;
  has_time_ = true;
  if (auto field = index_->time_field()) set_field(*field, eval::Value::timestamp(time));
}

void EventBuilder::set_field(eval::FieldId id, eval::Value value) {
  field_slot(id) = std::move(value);
}

eval::Value& EventBuilder::field_slot(eval::FieldId id) {
  // A name written twice in one line: the last value counts.
  for (std::size_t i = 0; i < field_ids_.size(); ++i) {
    if (field_ids_[i] == id) return fields_[i];
  }
  field_ids_.push_back(id);
  return fields_.emplace_back();
}

void EventBuilder::clear_field(eval::FieldId id) {
  for (std::size_t i = 0; i < field_ids_.size(); ++i) {
    if (field_ids_[i] != id) continue;
    field_ids_.erase(field_ids_.begin() + static_cast<std::ptrdiff_t>(i));
    fields_.erase(fields_.begin() + static_cast<std::ptrdiff_t>(i));
    return;
  }
}

std::variant<Event, std::string> EventBuilder::finish() {
  Event event;
  std::string problem = finish(event);
  if (!problem.empty()) return problem;
  return event;
}

std::string EventBuilder::finish(Event& into) {
  if (!has_id_) return "missing 'id'";
  if (!has_time_) return "missing 'time'";
  if (!has_type_) return "missing 'type'";
  // An event keeps one field per name its rules read.
  std::size_t count = fields_.size();
  if (count > Event::kMaxFields) {
    return "more than " + std::to_string(Event::kMaxFields) + " fields that rules read";
  }
  bool owns_memory = std::any_of(fields_.begin(), fields_.end(),
                                 [](const eval::Value& value) { return value.owns_memory(); });
  // The fields go right after the text; if they do not fit there, into a
  // block of their own.
  std::size_t offset = align_for_fields(used_);
  char* at = event_.block_ + offset;
  event_.fields_offset_ = static_cast<std::uint32_t>(offset);
  bool fit = Event::fields_fit(offset, count, event_.block_size_);
  if (!fit) {
    char* elsewhere = new char[count * Event::kFieldBytes];
    std::memcpy(at, &elsewhere, sizeof elsewhere);
    at = elsewhere;
  }
  if (event_.block_owner_ == Event::BlockOwner::None) {
    // Reserved in the arena: the event keeps what it uses of the room, and
    // fields_elsewhere() still says where its fields are.
    std::size_t size = fit ? offset + count * Event::kFieldBytes : offset + sizeof(char*);
    arena_->commit(size);
    event_.block_size_ = static_cast<std::uint32_t>(size);
    event_.block_owner_ = Event::BlockOwner::Arena;
  }
  std::uninitialized_move_n(fields_.begin(), count, reinterpret_cast<eval::Value*>(at));
  if (count != 0) {  // memcpy wants real pointers even for no bytes
    std::memcpy(at + count * sizeof(eval::Value), field_ids_.data(),
                count * sizeof(eval::FieldId));
  }
  event_.field_count_ = static_cast<std::uint16_t>(count);
  event_.fields_own_memory_ = owns_memory;
  fields_.clear();
  field_ids_.clear();
  into = std::move(event_);
  return {};
}

const eval::Value* EventActivation::variable(eval::VariableId) const {
  // Conditions read events field by field; the rule loader refuses a
  // condition that uses `event` or `trigger` whole.
  return nullptr;
}

const eval::Value* EventActivation::field(eval::VariableId record,
                                          eval::FieldId field) const {
  const Event* event = record == event_variable_     ? event_
                       : record == trigger_variable_ ? trigger_
                                                     : nullptr;
  return event != nullptr ? event->field(field) : nullptr;
}

}  // namespace accord::stream
