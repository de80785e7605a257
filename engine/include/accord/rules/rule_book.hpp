// Compiled rule sets: what `accord check` judges an event log against.
//
// A RuleBook holds one or more rule sets (YAML files), compiled together so
// that their conditions share one table of event fields. It is immutable
// once loaded: many checker sessions, in many threads, may share one.
//
//   auto loaded = accord::rules::load_rule_book({source}, options);   // load.hpp
//   for (const auto& rule : loaded.book->rules()) std::cout << rule->info().id;
#pragma once

#include <accord/eval/program.hpp>
#include <accord/eval/value.hpp>
#include <accord/stream/event.hpp>

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace accord::rules {

class RuleKind;

// How much a breach matters; ordered, so `--fail-on warning` means
// "warning or worse".
enum class Level { Info, Warning, Error };

std::string_view level_name(Level level);
std::optional<Level> parse_level(std::string_view name);

enum class ParameterType { Duration, Number, String, Boolean };

std::string_view parameter_type_name(ParameterType type);

// A named value a rule set's conditions read as `params.NAME`.
struct Parameter {
  std::string name;
  ParameterType type = ParameterType::Duration;
  eval::Value value;   // in force: the default, or the override
  std::string text;    // as written: "30d", "6mo"
  std::string doc;
  std::string rule_set;  // id of the rule set that declares it
};

// Where a rule set came from, and what it calls itself.
struct RuleSetInfo {
  std::string id;
  std::string title;
  std::string source;  // the agreement's text it rests on
  std::string file;    // the YAML file
};

// A rule's message with its placeholders resolved when the rule set loads:
// literal text (parameters are literal by then) or something of the trigger.
struct MessagePart {
  enum class Source { Text, Field, TriggerTime, TriggerId, Due };
  Source source = Source::Text;
  std::string text;        // Source::Text
  eval::FieldId field{};   // Source::Field: a field of the trigger event
};

struct Message {
  std::vector<MessagePart> parts;
  // How many Source::Field parts there are: the values a Trigger keeps.
  std::size_t cited_fields() const;
};

// What every rule says about itself, whatever its kind.
struct RuleInfo {
  std::string id;
  std::string clause;
  std::string quote;  // the agreement's words
  std::string title;
  Level level = Level::Error;
  std::string kind;
  std::string rule_set;  // its rule set's id
  std::string file;      // and file, with the line of the rule's `id`
  std::uint32_t line = 0;
  Message message;
  std::vector<std::string> key_fields;  // correlation key, in order; may be empty
};

class RuleBook {
 public:
  // `fields_read`: the fields the rules' conditions read as events are
  // judged (their programs' Program::fields_read()); the rules' key fields
  // and the fields their messages cite are added. Without it, readers keep
  // every field a condition names.
  RuleBook(std::vector<RuleSetInfo> rule_sets, std::vector<Parameter> parameters,
           std::vector<std::unique_ptr<const RuleKind>> rules,
           std::unique_ptr<eval::Environment> environment,
           eval::VariableId event_variable, eval::VariableId trigger_variable,
           std::vector<std::string> event_types = {},
           std::optional<std::vector<eval::FieldId>> fields_read = std::nullopt);
  ~RuleBook();
  RuleBook(RuleBook&&) noexcept;
  RuleBook& operator=(RuleBook&&) noexcept;

  const std::vector<RuleSetInfo>& rule_sets() const { return rule_sets_; }
  const std::vector<Parameter>& parameters() const { return parameters_; }
  const std::vector<std::unique_ptr<const RuleKind>>& rules() const { return rules_; }
  std::size_t size() const { return rules_.size(); }
  const RuleInfo& info(std::size_t rule) const;

  // The event fields the rules read (readers keep these and no others), and
  // the event types their conditions name, by TypeCode.
  const stream::FieldIndex& fields() const { return fields_; }
  const std::vector<std::string>& event_types() const { return event_types_; }
  eval::VariableId event_variable() const { return event_variable_; }
  eval::VariableId trigger_variable() const { return trigger_variable_; }

 private:
  std::vector<RuleSetInfo> rule_sets_;
  std::vector<Parameter> parameters_;
  std::vector<std::unique_ptr<const RuleKind>> rules_;
  std::unique_ptr<eval::Environment> environment_;
  std::vector<std::string> event_types_;
  stream::FieldIndex fields_;
  eval::VariableId event_variable_;
  eval::VariableId trigger_variable_;
};

}  // namespace accord::rules
