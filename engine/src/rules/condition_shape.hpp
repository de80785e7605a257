// What the loader learns from a condition's tree before compiling it: the
// event types it can match (for dispatch), the parameters it reads, and uses
// of `event` or `trigger` the engine does not support.
#pragma once

#include <accord/diagnostic.hpp>
#include <accord/expr/ast.hpp>

#include <optional>
#include <string>
#include <vector>

namespace accord::rules::detail {

// The event types for which `expr` can be true: it can be true only when
// `event.type` is one of them. nullopt when that cannot be told.
std::optional<std::vector<std::string>> matched_types(const expr::Expr& expr);

// Reports (into `diagnostics`, spans into the condition) each use of
// `event` or `trigger` other than reading a field, and any use of `trigger`
// at all when it is not in scope.
void check_record_uses(const expr::Expr& expr, bool trigger_in_scope,
                       Diagnostics& diagnostics);

// A parameter the condition reads: `params.NAME` or `params["NAME"]`.
struct ParameterUse {
  std::string name;
  Span span;  // of the whole selection, into the condition
};

// Every parameter read, in source order; the loader checks each is declared.
std::vector<ParameterUse> parameter_uses(const expr::Expr& expr);

}  // namespace accord::rules::detail
