#include "rules/condition_shape.hpp"

#include <algorithm>
#include <set>

namespace accord::rules::detail {

namespace {

bool is_event_type(const expr::Expr& expr) {
  const auto* select = std::get_if<expr::Select>(&expr.kind);
  if (select == nullptr || select->field != "type") return false;
  const auto* ident = std::get_if<expr::Ident>(&select->operand->kind);
  return ident != nullptr && ident->name == "event";
}

const std::string* string_literal(const expr::Expr& expr) {
  const auto* literal = std::get_if<expr::Literal>(&expr.kind);
  return literal != nullptr ? std::get_if<std::string>(&literal->value) : nullptr;
}

using TypeSet = std::optional<std::set<std::string>>;

TypeSet types_of(const expr::Expr& expr) {
  const auto* binary = std::get_if<expr::Binary>(&expr.kind);
  if (binary == nullptr) return std::nullopt;
  switch (binary->op) {
    case expr::BinaryOp::Equal: {
      const expr::Expr* other = is_event_type(*binary->lhs)   ? binary->rhs.get()
                                : is_event_type(*binary->rhs) ? binary->lhs.get()
                                                              : nullptr;
      if (other == nullptr) return std::nullopt;
      if (const std::string* type = string_literal(*other)) return std::set<std::string>{*type};
      return std::nullopt;
    }
    case expr::BinaryOp::In: {
      if (!is_event_type(*binary->lhs)) return std::nullopt;
      const auto* list = std::get_if<expr::ListLiteral>(&binary->rhs->kind);
      if (list == nullptr) return std::nullopt;
      std::set<std::string> types;
      for (const expr::ExprPtr& element : list->elements) {
        const std::string* type = string_literal(*element);
        if (type == nullptr) return std::nullopt;
        types.insert(*type);
      }
      return types;
    }
    case expr::BinaryOp::And: {
      // Both sides must hold: either side's types bound the whole.
      TypeSet left = types_of(*binary->lhs);
      TypeSet right = types_of(*binary->rhs);
      if (left && right) {
        std::set<std::string> both;
        std::set_intersection(left->begin(), left->end(), right->begin(), right->end(),
                              std::inserter(both, both.begin()));
        return both;
      }
      return left ? left : right;
    }
    case expr::BinaryOp::Or: {
      TypeSet left = types_of(*binary->lhs);
      TypeSet right = types_of(*binary->rhs);
      if (!left || !right) return std::nullopt;
      left->insert(right->begin(), right->end());
      return left;
    }
    default: return std::nullopt;
  }
}

// Calls visit(node, parent) for every node; iterative, as trees may be deep.
template <class Visit>
void walk(const expr::Expr& root, Visit&& visit) {
  std::vector<std::pair<const expr::Expr*, const expr::Expr*>> stack{{&root, nullptr}};
  while (!stack.empty()) {
    auto [node, parent] = stack.back();
    stack.pop_back();
    visit(*node, parent);
    auto push = [&, node = node](const expr::ExprPtr& child) {
      if (child) stack.emplace_back(child.get(), node);
    };
    std::visit(
        [&](const auto& kind) {
          using Kind = std::decay_t<decltype(kind)>;
          if constexpr (std::is_same_v<Kind, expr::Select>) {
            push(kind.operand);
          } else if constexpr (std::is_same_v<Kind, expr::Index>) {
            push(kind.operand);
            push(kind.index);
          } else if constexpr (std::is_same_v<Kind, expr::Call>) {
            push(kind.target);
            for (const auto& arg : kind.args) push(arg);
          } else if constexpr (std::is_same_v<Kind, expr::Unary>) {
            push(kind.operand);
          } else if constexpr (std::is_same_v<Kind, expr::Binary>) {
            push(kind.lhs);
            push(kind.rhs);
          } else if constexpr (std::is_same_v<Kind, expr::Conditional>) {
            push(kind.condition);
            push(kind.if_true);
            push(kind.if_false);
          } else if constexpr (std::is_same_v<Kind, expr::ListLiteral>) {
            for (const auto& element : kind.elements) push(element);
          } else if constexpr (std::is_same_v<Kind, expr::MapLiteral>) {
            for (const auto& entry : kind.entries) {
              push(entry.key);
              push(entry.value);
            }
          }
        },
        node->kind);
  }
}

bool is_params(const expr::Expr& expr) {
  const auto* ident = std::get_if<expr::Ident>(&expr.kind);
  return ident != nullptr && ident->name == "params";
}

}  // namespace

std::optional<std::vector<std::string>> matched_types(const expr::Expr& expr) {
  TypeSet types = types_of(expr);
  if (!types) return std::nullopt;
  return std::vector<std::string>(types->begin(), types->end());
}

void check_record_uses(const expr::Expr& root, bool trigger_in_scope, Diagnostics& diagnostics) {
  walk(root, [&](const expr::Expr& node, const expr::Expr* parent) {
    const auto* ident = std::get_if<expr::Ident>(&node.kind);
    if (ident == nullptr || (ident->name != "event" && ident->name != "trigger")) return;
    if (ident->name == "trigger" && !trigger_in_scope) {
      diagnostics.error("E411",
                        "`trigger` is not in scope here: relate events through `key` instead",
                        node.span);
      return;
    }
    const auto* select = parent ? std::get_if<expr::Select>(&parent->kind) : nullptr;
    if (select == nullptr || select->operand.get() != &node) {
      diagnostics.error("E411",
                        "`" + ident->name + "` can only be read field by field, as in `" +
                            ident->name + ".type` or `has(" + ident->name + ".joint)`",
                        node.span);
    }
  });
}

std::vector<ParameterUse> parameter_uses(const expr::Expr& root) {
  std::vector<ParameterUse> uses;
  walk(root, [&](const expr::Expr& node, const expr::Expr*) {
    if (const auto* select = std::get_if<expr::Select>(&node.kind)) {
      if (is_params(*select->operand)) uses.push_back({select->field, node.span});
    } else if (const auto* index = std::get_if<expr::Index>(&node.kind)) {
      const std::string* name = string_literal(*index->index);
      if (is_params(*index->operand) && name != nullptr) uses.push_back({*name, node.span});
    }
  });
  // The walk goes depth first from the right: put the uses back in order.
  std::sort(uses.begin(), uses.end(), [](const ParameterUse& a, const ParameterUse& b) {
    return a.span.begin < b.span.begin;
  });
  return uses;
}

}  // namespace accord::rules::detail
