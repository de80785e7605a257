#include "rules/kind_registry.hpp"

namespace accord::rules::detail {

const std::vector<KindDefinition>& kind_definitions() {
  static const std::vector<KindDefinition> kinds = {
      forbidden_kind(),
      precedence_kind(),
      response_kind(),
      recurrence_kind(),
  };
  return kinds;
}

const KindDefinition* find_kind(std::string_view name) {
  for (const KindDefinition& kind : kind_definitions()) {
    if (kind.name == name) return &kind;
  }
  return nullptr;
}

}  // namespace accord::rules::detail
