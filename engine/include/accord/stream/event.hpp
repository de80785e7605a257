// Events: what happened, when, and where in the log it was written.
//
// An Event keeps only the fields some rule reads (the FieldIndex of the rule
// set's conditions), each as a Value whose text lives in the event's own
// buffer, so a condition reads it in place.
//
//   accord::stream::FieldIndex index(environment.field_names());
//   accord::stream::EventBuilder builder(index);
//   builder.start({0, 12}, line.size());
//   ...
//   std::variant<Event, std::string> built = builder.finish();
#pragma once

#include <accord/eval/activation.hpp>
#include <accord/eval/value.hpp>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <memory>
#include <new>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace accord::stream {

// Where an event was written: the index of its input in the log's list of
// inputs, and the 1-based line (for CSV, the line its record starts on).
struct Origin {
  std::uint32_t input = 0;
  std::uint32_t line = 0;

  friend auto operator<=>(const Origin&, const Origin&) = default;
};

// The time of an event as events.md allows it: "YYYY-MM-DD" (00:00:00 UTC of
// that day) or "YYYY-MM-DDThh:mm[:ss[.fraction]]" with "Z" or "±hh:mm".
// std::nullopt for anything else, including a date-time without an offset.
std::optional<eval::Timestamp> parse_event_time(std::string_view text);

// Event types as a rule book numbers them (the types its conditions name):
// readers give each event the code of its type, and the checker offers the
// event to the rules of that code without looking at the text again.
using TypeCode = std::uint32_t;
// The code of every type no rule names.
inline constexpr TypeCode kUnnamedType = 0xffff'ffff;

// What readers need of a rule book: field names → FieldIds, built once per
// rule set from eval::Environment::field_names(), and the event types the
// rules name → TypeCodes. Readers ask it for every field they meet.
class FieldIndex {
 public:
  // `unnamed_types_read`: whether some rule is offered events of every
  // type. When none is, the fields of an event whose type no rule names
  // are never read, and readers keep none of them. `read`, by FieldId:
  // whether anything reads the field while events are judged (empty:
  // every field is); readers keep no other field. (Every NPA condition
  // names `event.type`, but each is compiled once per type with the type
  // known, so no event keeps its type as a field.)
  explicit FieldIndex(const std::vector<std::string>& names,
                      const std::vector<std::string>& types = {},
                      bool unnamed_types_read = true, const std::vector<bool>& read = {});

  // The code of an event type; kUnnamedType when no rule names it.
  TypeCode type_code(std::string_view type) const;
  std::size_t type_count() const { return type_count_; }
  bool unnamed_types_read() const { return unnamed_types_read_; }

  // The FieldId of a field readers keep; nullopt for the others.
  std::optional<eval::FieldId> find(std::string_view name) const;
  // FieldIds are below it.
  std::size_t size() const { return size_; }

  // The ids of the three required fields, when some condition reads them.
  std::optional<eval::FieldId> id_field() const { return id_field_; }
  std::optional<eval::FieldId> time_field() const { return time_field_; }
  std::optional<eval::FieldId> type_field() const { return type_field_; }

 private:
  struct Tables;  // hash tables, kept out of this header
  std::shared_ptr<const Tables> tables_;
  std::size_t size_ = 0;
  std::size_t type_count_ = 0;
  bool unnamed_types_read_ = true;
  std::optional<eval::FieldId> id_field_;
  std::optional<eval::FieldId> time_field_;
  std::optional<eval::FieldId> type_field_;
};

// One event in one block of memory: its text (id, type and the strings of
// its fields), then its fields, values first and their ids after. The
// reorder window holds tens of thousands of events read long before they
// are judged; in one block, judging an event touches a few adjacent cache
// lines instead of four scattered allocations.
class Event {
 public:
  Event() = default;
  Event(Event&& other) noexcept { take_from(other); }
  Event& operator=(Event&& other) noexcept {
    if (this != &other) {
      free_contents();
      take_from(other);
    }
    return *this;
  }
  ~Event() { free_contents(); }

  std::string_view id() const { return {block_ + id_offset_, id_size_}; }
  eval::Timestamp time() const { return {seconds_, nanos_}; }
  std::string_view type() const { return {block_ + type_offset_, type_size_}; }
  TypeCode type_code() const { return type_code_; }
  const Origin& origin() const { return origin_; }

  // The most fields an event keeps (one per name its rules read); a reader
  // reports an event with more as an input error.
  static constexpr std::size_t kMaxFields = 0xffff;

  // A field some rule reads, or nullptr when the event does not have it
  // (JSON null counts as absent). `time` is a timestamp; `id` and `type`
  // are strings.
  const eval::Value* field(eval::FieldId id) const {
    if (field_count_ == 0) return nullptr;
    const eval::Value* values = field_values();
    const auto* ids = reinterpret_cast<const eval::FieldId*>(values + field_count_);
    for (std::uint32_t i = 0; i < field_count_; ++i) {
      if (ids[i] == id) return values + i;
    }
    return nullptr;
  }

  // Asks for the memory an event about to be judged is read from: its
  // text (the key values, the id) and its fields (or, for fields that did
  // not fit, where they are).
  void prefetch() const {
    const char* at = block_;
    const char* end =
        at + std::min<std::size_t>(fields_offset_ + field_count_ * kFieldBytes, block_size_);
    for (; at < end; at += 64) __builtin_prefetch(at);
    __builtin_prefetch(end - 1);
  }

 private:
  friend class EventBuilder;
  friend class EventArena;
  friend class EventReleaser;

  // Where the block comes from, and so what frees it.
  enum class BlockOwner : std::uint8_t {
    None,   // no block, or one an EventBuilder is still filling
    Heap,   // new[]
    Arena,  // an EventArena's chunk
  };

  // The bytes one field takes in the block.
  static constexpr std::size_t kFieldBytes = sizeof(eval::Value) + sizeof(eval::FieldId);

  eval::Value* field_values() const {
    char* at = block_ + fields_offset_;
    // Fields that did not fit after the text are in a block of their own,
    // which the event's block points to.
    if (fields_elsewhere()) std::memcpy(&at, at, sizeof(char*));
    return std::launder(reinterpret_cast<eval::Value*>(at));
  }
  // Whether the fields did not fit after the text (see EventBuilder::finish).
  // Worked out rather than kept: a plain count moves without a read of the
  // destination, and the reorder window's slots are cold.
  bool fields_elsewhere() const { return !fields_fit(fields_offset_, field_count_, block_size_); }
  static bool fields_fit(std::size_t offset, std::size_t count, std::size_t block_size) {
    return offset + count * kFieldBytes <= block_size;
  }
  void clear_fields();
  void free_block() noexcept;
  // Frees fields and block; checked here, as most events freed (moved from,
  // handed over) hold neither.
  void free_contents() noexcept {
    if (field_count_ != 0) clear_fields();
    if (block_owner_ != BlockOwner::None) free_block();
  }
  void take_from(Event& other) noexcept;

  // Text, then the fields from fields_offset_; never moves, so the views
  // the fields hold stay valid.
  char* block_ = nullptr;
  std::uint32_t block_size_ = 0;
  std::uint32_t fields_offset_ = 0;
  std::uint16_t field_count_ = 0;  // at most kMaxFields
  // Whether a field owns memory: if none does, emptying the event need not
  // read the fields (a miss, the event having waited in the reorder window).
  bool fields_own_memory_ = false;
  BlockOwner block_owner_ = BlockOwner::None;
  TypeCode type_code_ = kUnnamedType;
  std::int64_t seconds_ = 0;  // the time, kept as two members: no padding
  std::int32_t nanos_ = 0;
  std::uint32_t id_offset_ = 0;
  std::uint32_t id_size_ = 0;
  std::uint32_t type_offset_ = 0;
  std::uint32_t type_size_ = 0;
  Origin origin_;
};

// Memory for the events a reader builds, one after another in chunks of
// 2 MiB, in the order they are read. The checker judges them in nearly that
// order, long after (the reorder window holds a month of a national log):
// it then reads memory in sequence, which the processor fetches ahead, in
// huge pages, instead of a block here and a block there. A chunk is used
// again once every event built in it is gone; events free their blocks on
// any thread, the reader builds on one. Must outlive the events built in it.
class EventArena {
 public:
  EventArena() = default;
  EventArena(const EventArena&) = delete;
  EventArena& operator=(const EventArena&) = delete;
  ~EventArena();

  // How many chunks it holds, in use or free (for tests and benchmarks).
  std::size_t chunks() const;

  // The bytes of a chunk; an event longer than a chunk holds gets a block
  // of its own.
  static constexpr std::size_t kChunkBytes = std::size_t{2} << 20;

 private:
  friend class Event;
  friend class EventBuilder;
  friend class EventReleaser;
  struct Chunk;

  // Room for a block of `bytes` after the last one committed; nullptr when
  // more than a chunk holds. The reader's side, as commit().
  char* reserve(std::size_t bytes);
  // The block reserve() gave last holds an event of `bytes`.
  void commit(std::size_t bytes);
  // A block given by commit() is no longer used; on any thread.
  static void release(const char* block) noexcept;
  // So are `blocks` blocks of `chunk`.
  static void release(Chunk* chunk, std::int64_t blocks) noexcept;
  static Chunk* chunk_of(const char* block) noexcept;

  static std::size_t largest_block();
  void open_chunk();
  void recycle(Chunk* chunk) noexcept;

  Chunk* current_ = nullptr;    // where reserve() looks first
  std::size_t used_ = 0;        // bytes of current_
  std::int64_t committed_ = 0;  // blocks committed in current_
  mutable std::mutex mutex_;  // for what follows
  std::vector<Chunk*> free_;
  std::vector<Chunk*> all_;
};

// Empties events freed in about the order they were read, as the checker
// frees them after the reorder window: their arena blocks mostly come one
// chunk after another, and a chunk is told once for each run of its blocks
// rather than once an event (an atomic operation each). Its last run is
// told at flush(), or when it is destroyed, which must be before the arena.
class EventReleaser {
 public:
  EventReleaser() = default;
  EventReleaser(const EventReleaser&) = delete;
  EventReleaser& operator=(const EventReleaser&) = delete;
  ~EventReleaser() { flush(); }

  // Frees what `event` holds: no fields, no block; ready to be moved into.
  void release(Event& event) noexcept;
  void flush() noexcept;

 private:
  EventArena::Chunk* chunk_ = nullptr;
  std::int64_t blocks_ = 0;  // of chunk_, not yet told
};

// Assembles one Event from a reader's fields. Reusable: start() begins the
// next event.
class EventBuilder {
 public:
  // With an arena, events are built in it (which must outlive them).
  explicit EventBuilder(const FieldIndex& index, EventArena* arena = nullptr)
      : index_(&index), arena_(arena) {}

  // Begins an event. `text_bound` bounds the total size of the text the
  // event will keep (a line's length is enough: unescaped strings are never
  // longer than their JSON or CSV spelling).
  void start(Origin origin, std::size_t text_bound);

  // The FieldId a field is kept under, or nullopt when no rule reads it.
  std::optional<eval::FieldId> find(std::string_view name) const { return index_->find(name); }

  // Copies text into the event's buffer; the view stays valid for the
  // event's life.
  std::string_view keep(std::string_view text);

  // The required fields. set_id takes a string or the decimal spelling of
  // an integer id.
  void set_id(std::string_view id);
  void set_type(std::string_view type);
  // With the type's code (FieldIndex::type_code), for a reader that keeps
  // the codes of the types it met.
  void set_type(std::string_view type, TypeCode code);
  void set_time(eval::Timestamp time);
  // The code of the type set so far (kUnnamedType before set_type).
  TypeCode type_code() const { return event_.type_code_; }

  // Any other field (also called for id, time and type when rules read
  // them). Values built from keep()'d text may be string_views.
  void set_field(eval::FieldId id, eval::Value value);
  // The same, in place: the field's slot, marked present; clear_field()
  // marks it absent again (a JSON null).
  eval::Value& field_slot(eval::FieldId id);
  void clear_field(eval::FieldId id);

  // The event, or why it is not valid ("missing 'time'", ...).
  std::variant<Event, std::string> finish();
  // The same, into `into` (a reader's place for it in a batch: the event
  // is not moved once more); empty, or why it is not valid.
  std::string finish(Event& into);

 private:
  const FieldIndex* index_;
  EventArena* arena_;
  Event event_;
  std::size_t used_ = 0;      // of the text in event_'s block
  std::size_t capacity_ = 0;  // for text in event_'s block
  // The fields of the event being built; finish() moves them into its block.
  std::vector<eval::FieldId> field_ids_;
  std::vector<eval::Value> fields_;
  bool has_id_ = false;
  bool has_time_ = false;
  bool has_type_ = false;
};

// Lets conditions read one event as `event` (and, for rules that look back
// at what started an obligation, another as `trigger`).
class EventActivation final : public eval::Activation {
 public:
  EventActivation(eval::VariableId event_variable, eval::VariableId trigger_variable)
      : event_variable_(event_variable), trigger_variable_(trigger_variable) {}

  void set_event(const Event* event) { event_ = event; }
  void set_trigger(const Event* trigger) { trigger_ = trigger; }

  const eval::Value* variable(eval::VariableId id) const override;
  const eval::Value* field(eval::VariableId record, eval::FieldId field) const override;

 private:
  eval::VariableId event_variable_;
  eval::VariableId trigger_variable_;
  const Event* event_ = nullptr;
  const Event* trigger_ = nullptr;
};

}  // namespace accord::stream
