#include <accord/rules/rule_book.hpp>

#include <accord/rules/rule_kind.hpp>

#include <algorithm>

namespace accord::rules {

std::string_view level_name(Level level) {
  switch (level) {
    case Level::Info: return "info";
    case Level::Warning: return "warning";
    case Level::Error: return "error";
  }
  return "error";
}

std::optional<Level> parse_level(std::string_view name) {
  if (name == "info") return Level::Info;
  if (name == "warning") return Level::Warning;
  if (name == "error") return Level::Error;
  return std::nullopt;
}

std::string_view parameter_type_name(ParameterType type) {
  switch (type) {
    case ParameterType::Duration: return "duration";
    case ParameterType::Number: return "number";
    case ParameterType::String: return "string";
    case ParameterType::Boolean: return "boolean";
  }
  return "duration";
}

std::size_t Message::cited_fields() const {
  return static_cast<std::size_t>(std::count_if(parts.begin(), parts.end(), [](const MessagePart& p) {
    return p.source == MessagePart::Source::Field;
  }));
}

namespace {

// Whether some rule is offered events of every type (it names none).
bool reads_unnamed_types(const std::vector<std::unique_ptr<const RuleKind>>& rules) {
  return std::any_of(rules.begin(), rules.end(),
                     [](const auto& rule) { return !rule->event_types().has_value(); });
}

// By FieldId, whether anything reads the field as events are judged: the
// conditions' programs, the keys, the messages. Empty: everything is.
std::vector<bool> fields_judged(const std::optional<std::vector<eval::FieldId>>& fields_read,
                                const std::vector<std::unique_ptr<const RuleKind>>& rules,
                                const eval::Environment& environment) {
  if (!fields_read) return {};
  std::vector<bool> read(environment.field_names().size(), false);
  auto mark = [&](eval::FieldId field) {
    auto index = static_cast<std::size_t>(field);
    if (index < read.size()) read[index] = true;
  };
  for (eval::FieldId field : *fields_read) mark(field);
  for (const auto& rule : rules) {
    for (const std::string& name : rule->info().key_fields) {
      if (auto field = environment.find_field(name)) mark(*field);
    }
    for (const MessagePart& part : rule->info().message.parts) {
      if (part.source == MessagePart::Source::Field) mark(part.field);
    }
  }
  return read;
}

}  // namespace

RuleBook::RuleBook(std::vector<RuleSetInfo> rule_sets, std::vector<Parameter> parameters,
                   std::vector<std::unique_ptr<const RuleKind>> rules,
                   std::unique_ptr<eval::Environment> environment,
                   eval::VariableId event_variable, eval::VariableId trigger_variable,
                   std::vector<std::string> event_types,
                   std::optional<std::vector<eval::FieldId>> fields_read)
    : rule_sets_(std::move(rule_sets)),
      parameters_(std::move(parameters)),
      rules_(std::move(rules)),
      environment_(std::move(environment)),
      event_types_(std::move(event_types)),
      fields_(environment_->field_names(), event_types_, reads_unnamed_types(rules_),
              fields_judged(fields_read, rules_, *environment_)),
      event_variable_(event_variable),
      trigger_variable_(trigger_variable) {}

RuleBook::~RuleBook() = default;
RuleBook::RuleBook(RuleBook&&) noexcept = default;
RuleBook& RuleBook::operator=(RuleBook&&) noexcept = default;

const RuleInfo& RuleBook::info(std::size_t rule) const { return rules_[rule]->info(); }

}  // namespace accord::rules
