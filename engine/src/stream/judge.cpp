#include "stream/judge.hpp"

#include <accord/eval/json.hpp>

#include <cstring>

namespace accord::stream::detail {

std::string format_message_time(eval::Timestamp time) {
  std::string text = eval::format_timestamp(time);
  if (time.nanos == 0 && time.seconds % 86400 == 0) return text.substr(0, 10);
  return text;
}

namespace {

// A field's value as a message cites it.
std::string cite(const eval::Value* value, std::string_view name) {
  if (value == nullptr) return "(no " + std::string(name) + ")";
  switch (value->kind()) {
    case eval::Kind::String: return std::string(value->as_string());
    case eval::Kind::Timestamp: return format_message_time(value->as_timestamp());
    default: return eval::to_json(*value);
  }
}

// Keys are encoded as, for each field, its length (4 bytes) then its text.
void append_part(std::string& key, std::string_view part) {
  auto size = static_cast<std::uint32_t>(part.size());
  char length[4];
  std::memcpy(length, &size, sizeof size);
  key.append(length, sizeof length);
  key.append(part);
}

}  // namespace

CheckerJudge::CheckerJudge(const rules::RuleBook& book, CheckResult& result,
                           const std::function<void(const Violation&)>& on_violation)
    : book_(book),
      result_(result),
      on_violation_(on_violation),
      activation_(book.event_variable(), book.trigger_variable()) {}

std::optional<bool> CheckerJudge::test(const eval::Program& condition, const Event& event,
                                       const Event* trigger) {
  activation_.set_event(&event);
  activation_.set_trigger(trigger);
  eval::Value verdict = condition.evaluate(activation_);
  if (verdict.kind() == eval::Kind::Bool) return verdict.as_bool();
  if (verdict.is_error()) {
    error(event, verdict.as_error().message);
  } else {
    error(event, "the condition gave " + std::string(eval::type_name(verdict.kind())) +
                     ", not true or false");
  }
  return std::nullopt;
}

std::optional<std::string_view> CheckerJudge::key(const std::vector<eval::FieldId>& fields,
                                                  const Event& event) {
  key_buffer_.clear();
  const auto& names = book_.info(rule_).key_fields;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    const eval::Value* value = event.field(fields[i]);
    if (value == nullptr) {
      error(event, "no key field '" + names[i] + "'");
      return std::nullopt;
    }
    if (value->kind() != eval::Kind::String) {
      error(event, "key field '" + names[i] + "' must be a string, not " +
                       std::string(eval::type_name(value->kind())));
      return std::nullopt;
    }
    append_part(key_buffer_, value->as_string());
  }
  return std::string_view(key_buffer_);
}

rules::Trigger CheckerJudge::remember(const Event& event, std::string_view key) {
  rules::Trigger trigger{std::string(event.id()), event.time(), {}, std::string(key)};
  const rules::Message& message = book_.info(rule_).message;
  trigger.cited.reserve(message.cited_fields());
  for (const rules::MessagePart& part : message.parts) {
    if (part.source == rules::MessagePart::Source::Field) {
      trigger.cited.push_back(cite(event.field(part.field), part.text));
    }
  }
  return trigger;
}

std::string CheckerJudge::render(const rules::Trigger& trigger,
                                 std::optional<eval::Timestamp> due) const {
  std::string text;
  std::size_t cited = 0;
  for (const rules::MessagePart& part : book_.info(rule_).message.parts) {
    switch (part.source) {
      case rules::MessagePart::Source::Text: text += part.text; break;
      case rules::MessagePart::Source::Field:
        text += cited < trigger.cited.size() ? trigger.cited[cited] : std::string();
        ++cited;
        break;
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
    std::string_view key) const {
  std::vector<std::pair<std::string, std::string>> pairs;
  const auto& names = book_.info(rule_).key_fields;
  for (std::size_t i = 0; i < names.size() && key.size() >= 4; ++i) {
    std::uint32_t size = 0;
    std::memcpy(&size, key.data(), sizeof size);
    key.remove_prefix(4);
    pairs.emplace_back(names[i], std::string(key.substr(0, size)));
    key.remove_prefix(std::min<std::size_t>(size, key.size()));
  }
  return pairs;
}

void CheckerJudge::violation(const rules::Trigger& trigger, eval::Timestamp time,
                             std::optional<eval::Timestamp> due,
                             std::vector<std::string> evidence) {
  Violation found{rule_, trigger.id, {trigger.id}, time, due, render(trigger, due),
                  decode_key(trigger.key)};
  for (std::string& id : evidence) {
    if (id != trigger.id) found.evidence.push_back(std::move(id));
  }
  if (on_violation_) on_violation_(found);
  result_.violations.push_back(std::move(found));
}

void CheckerJudge::pending(const rules::Trigger& trigger, eval::Timestamp due) {
  result_.pending.push_back({rule_, trigger.id, due, decode_key(trigger.key)});
}

void CheckerJudge::error(const Event& event, std::string message) {
  if (!result_.evaluation_errors.empty()) {
    const EvaluationError& last = result_.evaluation_errors.back();
    if (last.rule == rule_ && last.event == event.id()) return;  // one per rule and event
  }
  result_.evaluation_errors.push_back({rule_, std::string(event.id()), event.origin(),
                                       std::move(message)});
}

}  // namespace accord::stream::detail
