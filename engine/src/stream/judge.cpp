#include "stream/judge.hpp"

#include "in_halves.hpp"

#include <accord/eval/json.hpp>

#include <algorithm>
#include <cstring>

namespace accord::stream::detail {

std::string format_message_time(eval::Timestamp time) {
  std::string text = eval::format_timestamp(time);
  if (time.nanos == 0 && time.seconds % 86400 == 0) return text.substr(0, 10);
  return text;
}

namespace {

// A field's value as a message cites it, into `text` (reusing its buffer).
void cite_value(const eval::Value* value, std::string_view name, std::string& text) {
  if (value == nullptr) {
    text.assign("(no ").append(name).append(")");
    return;
  }
  switch (value->kind()) {
    case eval::Kind::String: text.assign(value->as_string()); return;
    case eval::Kind::Timestamp: text = format_message_time(value->as_timestamp()); return;
    default: text = eval::to_json(*value); return;
  }
}

}  // namespace

CheckerJudge::CheckerJudge(const rules::RuleBook& book, CheckResult& result,
                           const std::function<void(const Violation&)>& on_violation,
                           std::uint64_t max_open_obligations)
    : book_(book),
      result_(result),
      on_violation_(on_violation),
      activation_(book.event_variable(), book.trigger_variable()),
      max_open_obligations_(max_open_obligations) {
  for (std::size_t rule = 0; rule < book.size(); ++rule) {
    const rules::RuleInfo& info = book.info(rule);
    std::optional<std::vector<std::uint32_t>> positions{std::in_place};
    for (const rules::MessagePart& part : info.message.parts) {
      if (part.source != rules::MessagePart::Source::Field) continue;
      auto key_field = std::find_if(info.key_fields.begin(), info.key_fields.end(),
                                    [&](const std::string& name) {
                                      return book.fields().find(name) == part.field;
                                    });
      if (key_field == info.key_fields.end()) {
        positions.reset();
        break;
      }
      positions->push_back(static_cast<std::uint32_t>(key_field - info.key_fields.begin()));
    }
    key_citations_.push_back(std::move(positions));
  }
}

void CheckerJudge::set_key_fields(std::vector<std::vector<eval::FieldId>> by_type,
                                  std::vector<eval::FieldId> other_types) {
  key_fields_by_type_ = std::move(by_type);
  key_fields_other_types_ = std::move(other_types);
}

void CheckerJudge::prepare_keys(std::span<const Event* const> events) {
  lookups_.clear();
  lookup_fields_.clear();
  prepared_begin_.clear();
  // The events have waited in the reorder window, out of the caches: fetch
  // them all before reading any.
  for (const Event* event : events) {
    const char* at = reinterpret_cast<const char*>(event);
    __builtin_prefetch(at);
    __builtin_prefetch(at + sizeof(Event) - 1);
  }
  // And their fields a few events ahead of reading them.
  constexpr std::size_t kFieldsAhead = 8;
  for (std::size_t i = 0; i < std::min(kFieldsAhead, events.size()); ++i) events[i]->prefetch();
  for (std::size_t i = 0; i < events.size(); ++i) {
    if (i + kFieldsAhead < events.size()) events[i + kFieldsAhead]->prefetch();
    const Event* event = events[i];
    prepared_begin_.push_back(static_cast<std::uint32_t>(lookups_.size()));
    TypeCode code = event->type_code();
    const auto& fields =
        code < key_fields_by_type_.size() ? key_fields_by_type_[code] : key_fields_other_types_;
    for (eval::FieldId field : fields) {
      // What is missing or not a string is left to key(), which reports it.
      const eval::Value* value = event->field(field);
      if (value == nullptr || value->kind() != eval::Kind::String) continue;
      lookups_.push_back({value->as_string()});
      __builtin_prefetch(lookups_.back().text.data());  // for find() to hash
      lookup_fields_.push_back(field);
    }
  }
  prepared_begin_.push_back(static_cast<std::uint32_t>(lookups_.size()));
  keys_.find(lookups_);
}

std::optional<bool> CheckerJudge::evaluate(const rules::Condition& condition, const Event& event,
                                           const Event* trigger) {
  const eval::Program* program = condition.for_type(event.type_code());
  if (program == nullptr) return false;
  activation_.set_event(&event);
  activation_.set_trigger(trigger);
  eval::Value verdict = program->evaluate(activation_);
  if (verdict.kind() == eval::Kind::Bool) return verdict.as_bool();
  if (verdict.is_error()) {
    error(event, verdict.as_error().message);
  } else {
    error(event, "the condition gave " + std::string(eval::type_name(verdict.kind())) +
                     ", not true or false");
  }
  return std::nullopt;
}

std::optional<rules::KeyId> CheckerJudge::key(const std::vector<eval::FieldId>& fields,
                                              const Event& event) {
  std::span<std::uint32_t> symbols = symbol_buffer(fields.size());
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (KeyTable::Lookup* lookup = prepared(fields[i])) {
      if (lookup->symbol == KeyTable::kNoSymbol) {
        lookup->symbol = keys_.symbol(lookup->text, lookup->hash);
      }
      symbols[i] = lookup->symbol;
      continue;
    }
    // Not prepared: an event not prepared at all, or (prepare_keys() looks
    // up every string value of a key field) a value missing or not a string.
    const eval::Value* value = event.field(fields[i]);
    const auto& names = book_.info(rule_).key_fields;
    if (value == nullptr) {
      error(event, "no key field '" + names[i] + "'");
      return std::nullopt;
    }
    if (value->kind() != eval::Kind::String) {
      error(event, "key field '" + names[i] + "' must be a string, not " +
                       std::string(eval::type_name(value->kind())));
      return std::nullopt;
    }
    symbols[i] = keys_.symbol(value->as_string());
  }
  return keys_.key(symbols);
}

std::optional<rules::KeyId> CheckerJudge::known_key(const std::vector<eval::FieldId>& fields,
                                                    const Event&) {
  std::span<std::uint32_t> symbols = symbol_buffer(fields.size());
  for (std::size_t i = 0; i < fields.size(); ++i) {
    const KeyTable::Lookup* lookup = prepared(fields[i]);
    if (lookup == nullptr || lookup->symbol == KeyTable::kNoSymbol) return std::nullopt;
    symbols[i] = lookup->symbol;
  }
  return keys_.find_key(symbols);
}

void CheckerJudge::remember(const Event& event, rules::KeyId key, rules::Trigger& trigger) {
  trigger.id.assign(event.id());
  trigger.origin = event.origin();
  trigger.time = event.time();
  trigger.key = key;
  cite(event, trigger.cited);
}

void CheckerJudge::remember(const Event& event, rules::KeptTrigger& kept) {
  cite(event, cited_);
  kept.assign(event.id(), cited_, event.origin(), event.time());
}

void CheckerJudge::cite(const Event& event, std::string& cited) {
  cited.clear();
  if (key_citations_[rule_]) return;  // render() reads them from the key
  for (const rules::MessagePart& part : book_.info(rule_).message.parts) {
    if (part.source != rules::MessagePart::Source::Field) continue;
    cite_value(event.field(part.field), part.text, citation_);
    auto length = static_cast<std::uint32_t>(citation_.size());
    if (length < 255) {
      cited += static_cast<char>(length);
    } else {
      char bytes[4];
      std::memcpy(bytes, &length, sizeof bytes);
      cited += static_cast<char>(255);
      cited.append(bytes, sizeof bytes);
    }
    cited += citation_;
  }
}

std::string CheckerJudge::render(const rules::Trigger& trigger,
                                 std::optional<eval::Timestamp> due) const {
  std::string text;
  std::string_view cited = trigger.cited;
  const rules::RuleInfo& info = book_.info(rule_);
  const auto& key_citations = key_citations_[rule_];
  if (key_citations) {
    key_symbols_decoded_.clear();
    keys_.symbols_of(trigger.key, info.key_fields.size(), key_symbols_decoded_);
  }
  std::size_t field_part = 0;
  for (const rules::MessagePart& part : info.message.parts) {
    switch (part.source) {
      case rules::MessagePart::Source::Text: text += part.text; break;
      case rules::MessagePart::Source::Field: {
        if (key_citations) {
          // A key field: a string, cited as it is.
          std::uint32_t position = (*key_citations)[field_part++];
          if (position < key_symbols_decoded_.size()) {
            text += keys_.text(key_symbols_decoded_[position]);
          }
          break;
        }
        if (cited.empty()) break;
        std::uint32_t length = static_cast<unsigned char>(cited[0]);
        cited.remove_prefix(1);
        if (length == 255 && cited.size() >= 4) {
          std::memcpy(&length, cited.data(), sizeof length);
          cited.remove_prefix(4);
        }
        length = std::min<std::uint32_t>(length, static_cast<std::uint32_t>(cited.size()));
        text += cited.substr(0, length);
        cited.remove_prefix(length);
        break;
      }
      case rules::MessagePart::Source::TriggerTime: text += format_message_time(trigger.time); break;
      case rules::MessagePart::Source::TriggerId: text += trigger.id; break;
      case rules::MessagePart::Source::Due:
        text += due ? format_message_time(*due) : std::string("(no deadline)");
        break;
    }
  }
  return text;
}

std::vector<std::pair<std::string, std::string>> CheckerJudge::decode_key(
    std::size_t rule, rules::KeyId key, std::vector<std::uint32_t>& symbols) const {
  std::vector<std::pair<std::string, std::string>> pairs;
  const auto& names = book_.info(rule).key_fields;
  symbols.clear();
  keys_.symbols_of(key, names.size(), symbols);
  for (std::size_t i = 0; i < names.size() && i < symbols.size(); ++i) {
    pairs.emplace_back(names[i], std::string(keys_.text(symbols[i])));
  }
  return pairs;
}

void CheckerJudge::violation(const rules::Trigger& trigger, eval::Timestamp time,
                             std::optional<eval::Timestamp> due,
                             std::vector<std::string> evidence) {
  Violation found{rule_,  trigger.id, trigger.origin, {trigger.id}, time, due,
                  render(trigger, due), decode_key(trigger.key)};
  for (std::string& id : evidence) {
    if (id != trigger.id) found.evidence.push_back(std::move(id));
  }
  if (on_violation_) on_violation_(found);
  result_.violations.push_back(std::move(found));
}

void CheckerJudge::pending(const rules::Trigger& trigger, eval::Timestamp due) {
  undecoded_.push_back({result_.pending.size(), rule_, trigger.key});
  result_.pending.push_back({rule_, trigger.id, trigger.origin, due, {}});
}

void CheckerJudge::expect_pending(std::size_t count) {
  // At least doubling: rule after rule says how many, and an exact reserve
  // each time would move the whole list once a rule.
  auto make_room = [count](auto& list) {
    std::size_t needed = list.size() + count;
    if (needed > list.capacity()) list.reserve(std::max(needed, 2 * list.capacity()));
  };
  make_room(result_.pending);
  make_room(undecoded_);
}

void CheckerJudge::decode_pending_keys() {
  // The table stays as it is meanwhile: a long list is decoded by halves.
  accord::detail::in_halves(undecoded_.size(), [this](std::size_t begin, std::size_t end) {
    decode_pending_keys(begin, end);
  });
  undecoded_.clear();
}

void CheckerJudge::decode_pending_keys(std::size_t begin, std::size_t end) {
  // Each key's texts are asked for in two steps, a few keys apart: where
  // each text is, then the text.
  constexpr std::size_t kAhead = 8;
  std::vector<std::uint32_t> ahead;
  std::vector<std::uint32_t> decoded;
  auto symbols_of = [&](const Undecoded& entry) {
    ahead.clear();
    keys_.symbols_of(entry.key, book_.info(entry.rule).key_fields.size(), ahead);
    return std::span<const std::uint32_t>(ahead);
  };
  for (std::size_t i = begin; i < end; ++i) {
    if (i + 2 * kAhead < end) {
      for (std::uint32_t symbol : symbols_of(undecoded_[i + 2 * kAhead])) {
        keys_.prefetch_place(symbol);
      }
    }
    if (i + kAhead < end) {
      for (std::uint32_t symbol : symbols_of(undecoded_[i + kAhead])) keys_.prefetch_text(symbol);
    }
    const Undecoded& entry = undecoded_[i];
    result_.pending[entry.pending].key = decode_key(entry.rule, entry.key, decoded);
  }
}

void CheckerJudge::error(const Event& event, std::string message) {
  if (!result_.evaluation_errors.empty()) {
    const EvaluationError& last = result_.evaluation_errors.back();
    if (last.rule == rule_ && last.event == event.id()) return;  // one per rule and event
  }
  result_.evaluation_errors.push_back({rule_, std::string(event.id()), event.origin(),
                                       std::move(message)});
}

void CheckerJudge::opened(const Event& event) {
  if (++open_obligations_ <= max_open_obligations_) return;
  throw LimitExceeded(
      event.origin(),
      "event '" + std::string(event.id()) + "' opens one obligation more than the limit of " +
          std::to_string(max_open_obligations_) + " open at once (rule '" + book_.info(rule_).id +
          "'): the check stops here; --max-open-obligations raises the limit if memory allows");
}

}  // namespace accord::stream::detail
