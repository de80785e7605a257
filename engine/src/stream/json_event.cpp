#include "stream/json_event.hpp"

#include "stream/fields.hpp"
#include "stream/text_table.hpp"

#include <accord/eval/json.hpp>

#include <simdjson.h>

#include <cstring>
#include <optional>
#include <vector>

namespace accord::stream::detail {

namespace ondemand = simdjson::ondemand;

const std::size_t JsonEventParser::kPadding = simdjson::SIMDJSON_PADDING;

class JsonEventParser::Impl {
 public:
  Impl(const FieldIndex& index, const ReaderLimits& limits) : index_(&index), limits_(limits) {}

  std::string read(std::string_view text, Origin origin, EventBuilder& builder) {
    builder_ = &builder;
    std::string problem = read_fields(text, origin);
    if (problem.rfind(kMalformed, 0) == 0) {
      // simdjson seldom says where; the slower full parser does. Bad lines only.
      eval::JsonResult precise = eval::parse_json(text);
      if (!precise.value) problem = std::string(kMalformed) + precise.error;
    }
    return problem;
  }

 private:
  enum class Required { None, Id, Time, Type };  // the fields every event has

  std::string read_fields(std::string_view text, Origin origin) {
    builder_->start(origin, text.size());
    text_end_ = text.data() + text.size();
    ondemand::document document;
    auto padded = simdjson::padded_string_view(text.data(), text.size(),
                                               text.size() + simdjson::SIMDJSON_PADDING);
    if (auto error = parser_.iterate(padded).get(document)) return json_error(error);
    ondemand::object object;
    if (auto error = document.get_object().get(object)) {
      return error == simdjson::INCORRECT_TYPE ? "expected a JSON object" : json_error(error);
    }
    std::size_t fields = 0;
    bool type_unread = false;
    for (auto read_field : object) {
      if (auto error = read_field.error()) return json_error(error);
      ondemand::field& field = read_field.value_unsafe();  // not copied
      if (++fields > limits_.max_fields) {
        return "more than " + std::to_string(limits_.max_fields) + " fields";
      }
      std::string_view name;
      NameMeaning known;
      if (!known_at(fields - 1, field.key().raw(), name, known)) {
        if (auto error = key_of(field).get(name)) return json_error(error);
        known = resolve(fields - 1, name);
      }
      ondemand::value& value = field.value();
      if (known.required == Required::None && (!known.field || type_unread)) continue;
      if (known.required == Required::None) {
        // Straight into the event: no Value is copied on the way.
        eval::Value& slot = builder_->field_slot(*known.field);
        std::string problem = convert(value, 1, true, slot);
        if (!problem.empty()) return "field '" + std::string(name) + "': " + problem;
        if (slot.kind() == eval::Kind::Null) builder_->clear_field(*known.field);
        continue;
      }
      if (apply_plain(known.required, value)) {
        // No rule reads the fields of an event of this type: keep none.
        type_unread = known.required == Required::Type &&
                      builder_->type_code() == kUnnamedType && !index_->unnamed_types_read();
        continue;
      }
      eval::Value converted;
      std::string problem = convert(value, 1, false, converted);
      if (!problem.empty()) return "field '" + std::string(name) + "': " + problem;
      if (auto wrong = apply_field(*builder_, name, std::move(converted))) return *wrong;
    }
    // After the object the document must be at its end (OUT_OF_BOUNDS).
    if (document.current_location().error() == simdjson::SUCCESS) {
      return std::string(kMalformed) + "unexpected text after the JSON object";
    }
    return {};
  }

  // A JSON value as a Value; strings are kept in the event when `keep`.
  std::string convert(ondemand::value& value, std::size_t depth, bool keep, eval::Value& out) {
    if (depth > limits_.max_nesting_depth) {
      return "nested deeper than " + std::to_string(limits_.max_nesting_depth) + " levels";
    }
    ondemand::json_type type;
    if (auto error = value.type().get(type)) return json_error(error);
    switch (type) {
      case ondemand::json_type::string: {
        std::string_view text;
        if (auto plain = plain_string(value)) {
          text = *plain;
        } else if (auto error = value.get_string().get(text)) {
          return json_error(error);
        }
        out = eval::Value::string_view(keep ? builder_->keep(text) : text);
        return {};
      }
      case ondemand::json_type::number: return convert_number(value, out);
      case ondemand::json_type::boolean: {
        bool flag;
        if (auto error = value.get_bool().get(flag)) return json_error(error);
        out = eval::Value::boolean(flag);
        return {};
      }
      case ondemand::json_type::null: {
        // Anything else starting with 'n' (`nul`) is an error, never an exception.
        bool null = false;
        if (auto error = value.is_null().get(null)) return json_error(error);
        if (!null) return "invalid literal";
        out = eval::Value::null();
        return {};
      }
      case ondemand::json_type::array: {
        ondemand::array array;
        if (auto error = value.get_array().get(array)) return json_error(error);
        eval::List elements;
        for (auto element : array) {
          ondemand::value item;
          if (auto error = element.get(item)) return json_error(error);
          eval::Value converted;
          std::string problem = convert(item, depth + 1, true, converted);
          if (!problem.empty()) return problem;
          elements.push_back(std::move(converted));
        }
        out = eval::Value::list(std::move(elements));
        return {};
      }
      case ondemand::json_type::object: {
        ondemand::object object;
        if (auto error = value.get_object().get(object)) return json_error(error);
        std::vector<eval::Map::Entry> entries;
        for (auto field : object) {
          std::string_view name;
          if (auto error = field.unescaped_key().get(name)) return json_error(error);
          eval::Value key = eval::Value::string_view(builder_->keep(name));
          ondemand::value item;
          if (auto error = field.value().get(item)) return json_error(error);
          eval::Value converted;
          std::string problem = convert(item, depth + 1, true, converted);
          if (!problem.empty()) return problem;
          entries.emplace_back(std::move(key), std::move(converted));
        }
        out = eval::Value::map(eval::Map(std::move(entries)));
        return {};
      }
    }
    return "unknown JSON value";
  }

  static std::string convert_number(ondemand::value& value, eval::Value& out) {
    ondemand::number number;
    if (auto error = value.get_number().get(number)) {
      // Integers beyond 64 bits: read them as a double, as JSON allows.
      double approximate;
      if (value.get_double().get(approximate)) return json_error(error);
      out = eval::Value::real(approximate);
      return {};
    }
    switch (number.get_number_type()) {
      case ondemand::number_type::signed_integer:
        out = eval::Value::integer(number.get_int64());
        break;
      case ondemand::number_type::unsigned_integer:
        out = eval::Value::unsigned_integer(number.get_uint64());
        break;
      case ondemand::number_type::floating_point_number:
        out = eval::Value::real(number.get_double());
        break;
    }
    return {};
  }

  // The text of a string without escapes, read in place: nothing to
  // unescape, so simdjson's string parser (a call through its
  // implementation table) is left for the strings that need it. simdjson
  // refused the line already if a string holds a control character.
  // `quoted` starts after the opening quote.
  std::optional<std::string_view> plain_text(const char* quoted) const {
    auto left = static_cast<std::size_t>(text_end_ - quoted);
    const auto* quote = static_cast<const char*>(std::memchr(quoted, '"', left));
    if (quote == nullptr) return std::nullopt;  // simdjson says what is wrong
    std::string_view text(quoted, static_cast<std::size_t>(quote - quoted));
    return has_no_escapes(text) ? std::optional(text) : std::nullopt;
  }

  // A string value's token is its quoted text up to the next structural
  // character: the string ends at the token's last quote.
  std::optional<std::string_view> plain_string(ondemand::value& value) {
    std::string_view token = value.raw_json_token();
    if (token.empty() || token.front() != '"') return std::nullopt;
    while (token.size() > 1 && is_json_space(token.back())) token.remove_suffix(1);
    if (token.size() < 2 || token.back() != '"') return std::nullopt;
    std::string_view text = token.substr(1, token.size() - 2);
    return has_no_escapes(text) ? std::optional(text) : std::nullopt;
  }

  // Whether the text holds no backslash, so reads as written.
  static bool has_no_escapes(std::string_view text) {
    return text.empty() || std::memchr(text.data(), '\\', text.size()) == nullptr;
  }

  static bool is_json_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

  simdjson::simdjson_result<std::string_view> key_of(ondemand::field& field) {
    if (auto plain = plain_text(field.key().raw())) {
      return simdjson::simdjson_result<std::string_view>(std::string_view(*plain));
    }
    return field.unescaped_key();
  }

  // id, time or type given as a plain string: set straight from the line,
  // without a Value. False when it needs the general path (another JSON
  // type, escapes, an empty type, a time that does not parse), which also
  // says what is wrong.
  bool apply_plain(Required required, ondemand::value& value) {
    auto text = plain_string(value);
    if (!text) return false;
    switch (required) {
      case Required::Id: builder_->set_id(*text); return true;
      case Required::Type:
        if (text->empty()) return false;
        builder_->set_type(*text, type_code(*text));
        return true;
      case Required::Time:
        if (auto time = event_time(*text)) {
          builder_->set_time(*time);
          return true;
        }
        return false;
      case Required::None: return false;
    }
    return false;
  }

  // Events mostly come in the order of their times, many on one day: a
  // time written as the line before wrote it is that line's time.
  std::optional<eval::Timestamp> event_time(std::string_view text) {
    if (text == last_time_text_) return last_time_;
    auto time = parse_event_time(text);
    if (time) {
      last_time_text_.assign(text);
      last_time_ = *time;
    }
    return time;
  }

  // What a field name means. The lines of a log list a few names, mostly in
  // the same order: a name is compared first with the one met at its
  // position in the line before, then looked up among the names met so far;
  // only a new name is looked up in the FieldIndex.
  struct NameMeaning {
    Required required = Required::None;
    std::optional<eval::FieldId> field;
    bool plain = false;  // the name has no quote or backslash
  };
  using KnownName = TextTable<NameMeaning>::Entry;

  // Whether the name at `quoted` (after its opening quote) is the plain
  // name met last at `position`, compared in place: its bytes, then the
  // quote that ends it. A name without quotes or backslashes cannot end
  // at an escaped quote, so the match is exact.
  bool known_at(std::size_t position, const char* quoted, std::string_view& name,
                NameMeaning& meaning) const {
    if (position >= at_position_.size() || at_position_[position] == nullptr) return false;
    const KnownName& known = *at_position_[position];
    std::size_t size = known.text().size();
    if (!known.meaning.plain || size >= static_cast<std::size_t>(text_end_ - quoted) ||
        quoted[size] != '"' || !known.holds(TextKey({quoted, size}))) {
      return false;
    }
    name = {quoted, size};
    meaning = known.meaning;
    return true;
  }

  NameMeaning resolve(std::size_t position, std::string_view name) {
    if (position >= at_position_.size()) at_position_.resize(position + 1, nullptr);
    TextKey key(name);
    const KnownName* known = at_position_[position];
    if (known != nullptr && known->holds(key)) return known->meaning;
    known = names_.find(key);
    if (known == nullptr) {
      KnownName* added = names_.add(key);
      if (added == nullptr) return meaning_of(name);  // the table is full
      added->meaning = meaning_of(name);
      known = added;
    }
    at_position_[position] = known;
    return known->meaning;
  }

  NameMeaning meaning_of(std::string_view name) const {
    Required required = name == "id"     ? Required::Id
                        : name == "time" ? Required::Time
                        : name == "type" ? Required::Type
                                         : Required::None;
    bool plain = name.find_first_of("\"\\") == std::string_view::npos;
    return {required, index_->find(name), plain};
  }

  // The code of an event type, from the types met so far.
  TypeCode type_code(std::string_view type) {
    TextKey key(type);
    if (const auto* known = types_.find(key)) return known->meaning;
    TypeCode code = index_->type_code(type);
    if (auto* added = types_.add(key)) added->meaning = code;
    return code;
  }

  static constexpr std::string_view kMalformed = "malformed JSON: ";

  static std::string json_error(simdjson::error_code error) {
    return std::string(kMalformed) + simdjson::error_message(error);
  }

  const FieldIndex* index_;
  ReaderLimits limits_;
  EventBuilder* builder_ = nullptr;  // the event being read
  const char* text_end_ = nullptr;   // of the text being read
  ondemand::parser parser_;
  TextTable<NameMeaning> names_;
  std::vector<const KnownName*> at_position_;  // the name met last at each position
  TextTable<TypeCode> types_;
  std::string last_time_text_;  // the last time that parsed, as written
  eval::Timestamp last_time_;
};

JsonEventParser::JsonEventParser(const FieldIndex& index, const ReaderLimits& limits)
    : impl_(std::make_unique<Impl>(index, limits)) {}

JsonEventParser::~JsonEventParser() = default;

std::string JsonEventParser::read(std::string_view text, Origin origin, EventBuilder& builder) {
  return impl_->read(text, origin, builder);
}

}  // namespace accord::stream::detail
