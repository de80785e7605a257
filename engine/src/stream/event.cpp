#include <accord/stream/event.hpp>

#include <absl/container/flat_hash_map.h>
#include <date/date.h>

#include <algorithm>
#include <cstring>
#include <iterator>

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
                       const std::vector<std::string>& types)
    : size_(names.size()), type_count_(types.size()) {
  auto tables = std::make_shared<Tables>();
  tables->names = names;
  tables->names.insert(tables->names.end(), types.begin(), types.end());
  for (std::size_t i = 0; i < names.size(); ++i) {
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

void prefetch_for_writing(const void* begin, std::size_t bytes) {
  constexpr std::size_t kLine = 64;
  const char* at = static_cast<const char*>(begin);
  for (std::size_t offset = 0; offset < bytes; offset += kLine) __builtin_prefetch(at + offset, 1);
}

}  // namespace

void EventPool::take(std::vector<Event>& into, std::size_t count) {
  std::size_t first = into.size();
  {
    std::lock_guard lock(mutex_);
    count = std::min(count, spent_.size());
    std::move(spent_.end() - static_cast<std::ptrdiff_t>(count), spent_.end(),
              std::back_inserter(into));
    spent_.resize(spent_.size() - count);
  }
  // The buffers were last used on the judging thread, often long ago: asked
  // for all at once, they arrive together instead of stalling the building
  // of each event in turn.
  for (std::size_t i = first; i < into.size(); ++i) {
    const Event& event = into[i];
    prefetch_for_writing(event.text_.get(), event.text_capacity_);
    prefetch_for_writing(event.field_ids_.data(),
                         event.field_ids_.capacity() * sizeof(eval::FieldId));
    prefetch_for_writing(event.fields_.data(), event.fields_.capacity() * sizeof(eval::Value));
  }
}

void EventPool::give(std::vector<Event>& spent) {
  {
    std::lock_guard lock(mutex_);
    for (Event& event : spent) {
      if (spent_.size() == kCapacity) break;
      // The buffer of an unusually long line is not worth keeping.
      if (event.text_capacity_ > kLargestKeptText) continue;
      // Emptied here, where the judge has just read them: the reader would
      // wait for the values to come from memory only to destroy them.
      event.field_ids_.clear();
      event.fields_.clear();
      spent_.push_back(std::move(event));
    }
  }
  spent.clear();  // frees what was not kept, outside the lock
}

void EventBuilder::start(Origin origin, std::size_t text_bound) {
  if (pool_ != nullptr && reusable_.empty()) pool_->take(reusable_, 256);
  if (!reusable_.empty()) {
    event_ = std::move(reusable_.back());
    reusable_.pop_back();
  } else {
    event_ = Event();
  }
  event_.origin_ = origin;
  // An integer id is at most 20 characters, and may be longer than its JSON.
  capacity_ = text_bound + 24;
  if (event_.text_capacity_ < capacity_) {
    event_.text_ = std::make_unique<char[]>(capacity_);
    event_.text_capacity_ = capacity_;
  }
  used_ = 0;
  event_.field_ids_.clear();
  event_.fields_.clear();
  has_id_ = has_time_ = has_type_ = false;
}

std::string_view EventBuilder::keep(std::string_view text) {
  // The bound given to start() guarantees room; a reader that broke it is a bug.
  if (used_ + text.size() > capacity_) std::abort();
  char* at = event_.text_.get() + used_;
  if (!text.empty()) std::memcpy(at, text.data(), text.size());
  used_ += text.size();
  return {at, text.size()};
}

void EventBuilder::set_id(std::string_view id) {
  event_.id_ = keep(id);
  has_id_ = true;
  if (auto field = index_->id_field()) set_field(*field, eval::Value::string_view(event_.id_));
}

void EventBuilder::set_type(std::string_view type) {
  event_.type_ = keep(type);
  event_.type_code_ = index_->type_code(type);
  has_type_ = true;
  if (auto field = index_->type_field()) {
    set_field(*field, eval::Value::string_view(event_.type_));
  }
}

void EventBuilder::set_time(eval::Timestamp time) {
  event_.time_ = time;
  has_time_ = true;
  if (auto field = index_->time_field()) set_field(*field, eval::Value::timestamp(time));
}

void EventBuilder::set_field(eval::FieldId id, eval::Value value) {
  field_slot(id) = std::move(value);
}

eval::Value& EventBuilder::field_slot(eval::FieldId id) {
  // A name written twice in one line: the last value counts.
  auto& ids = event_.field_ids_;
  for (std::size_t i = 0; i < ids.size(); ++i) {
    if (ids[i] == id) return event_.fields_[i];
  }
  ids.push_back(id);
  return event_.fields_.emplace_back();
}

void EventBuilder::clear_field(eval::FieldId id) {
  auto& ids = event_.field_ids_;
  for (std::size_t i = 0; i < ids.size(); ++i) {
    if (ids[i] != id) continue;
    ids.erase(ids.begin() + static_cast<std::ptrdiff_t>(i));
    event_.fields_.erase(event_.fields_.begin() + static_cast<std::ptrdiff_t>(i));
    return;
  }
}

std::variant<Event, std::string> EventBuilder::finish() {
  if (!has_id_) return std::string("missing 'id'");
  if (!has_time_) return std::string("missing 'time'");
  if (!has_type_) return std::string("missing 'type'");
  return std::move(event_);
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
