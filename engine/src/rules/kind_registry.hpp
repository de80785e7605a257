// The rule kinds the loader knows, and what a kind reads from its rule's
// YAML mapping. Adding a kind: one file in kinds/ with its class and its
// KindDefinition, and its line in kind_registry.cpp.
#pragma once

#include <accord/eval/program.hpp>
#include <accord/eval/time.hpp>
#include <accord/rules/rule_kind.hpp>

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace accord::rules::detail {

// The fields of one rule's mapping, as its kind asks for them. Each accessor
// reports its own problems (with positions) and returns nullopt on error.
class RuleFields {
 public:
  virtual ~RuleFields() = default;

  // A condition on `event`. Conditions never read `trigger` here: the event
  // and what it is matched with are related through `key`.
  virtual std::optional<Condition> condition(std::string_view name, bool required) = 0;

  // A length of time: "14d", "6mo", "P6M", or an expression such as
  // `params.notice_period` that evaluates to a duration or period.
  virtual std::optional<eval::Period> span(std::string_view name, bool required) = 0;

  // A true/false setting, false when absent.
  virtual bool flag(std::string_view name) = 0;

  // The correlation key (`key: [org, subject]`): empty when absent.
  virtual std::vector<eval::FieldId> key() = 0;

  // The event types the conditions read so far can match; nullopt when
  // some condition can match any type.
  virtual std::optional<std::vector<std::string>> event_types() const = 0;

  // Reports a problem with the field `name` (or the whole rule when empty).
  virtual void error(std::string_view name, std::string message) = 0;

  virtual bool failed() const = 0;
};

struct KindDefinition {
  std::string_view name;
  std::string_view summary;               // one line, for `accord rules` and docs
  std::vector<std::string_view> fields;   // the YAML keys the kind reads
  // The compiled rule; nullptr when the fields reported errors.
  std::unique_ptr<RuleKind> (*build)(RuleInfo info, RuleFields& fields);
};

const std::vector<KindDefinition>& kind_definitions();
const KindDefinition* find_kind(std::string_view name);

// One per file in kinds/.
const KindDefinition& forbidden_kind();
const KindDefinition& precedence_kind();
const KindDefinition& response_kind();
const KindDefinition& recurrence_kind();

}  // namespace accord::rules::detail
