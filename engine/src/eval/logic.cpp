#include "eval/logic.hpp"

#include "eval/errors.hpp"

namespace accord::eval::detail {

Result NotNode::evaluate(Frame& frame) const {
  Result operand = operand_->evaluate(frame);
  if (operand->is_error()) return operand;
  if (operand->kind() != Kind::Bool) return no_overload("!_", {operand->kind()}, span());
  return Value::boolean(!operand->as_bool());
}

Value combine_logic(bool is_and, const Value& lhs, const Value& rhs, Span span) {
  // For &&, false decides; for ||, true decides.
  const bool deciding = !is_and;
  if (lhs.kind() == Kind::Bool && lhs.as_bool() == deciding) return lhs;
  if (rhs.kind() == Kind::Bool && rhs.as_bool() == deciding) return rhs;
  if (lhs.is_error()) return lhs;
  if (rhs.is_error()) return rhs;
  if (lhs.kind() != Kind::Bool || rhs.kind() != Kind::Bool) {
    return no_overload(is_and ? "_&&_" : "_||_", {lhs.kind(), rhs.kind()}, span);
  }
  return Value::boolean(!deciding);
}

Result LogicNode::evaluate(Frame& frame) const {
  const bool deciding = !is_and_;
  Result lhs = lhs_->evaluate(frame);
  if (lhs->kind() == Kind::Bool && lhs->as_bool() == deciding) return lhs;
  Result rhs = rhs_->evaluate(frame);
  if (lhs->kind() == Kind::Bool && rhs->kind() == Kind::Bool) return rhs;  // the usual case
  return combine_logic(is_and_, *lhs, *rhs, span());
}

Result ConditionalNode::evaluate(Frame& frame) const {
  Result condition = condition_->evaluate(frame);
  if (condition->is_error()) return condition;
  if (condition->kind() != Kind::Bool) {
    return no_overload("_?_:_", {condition->kind()}, span());
  }
  return condition->as_bool() ? if_true_->evaluate(frame) : if_false_->evaluate(frame);
}

}  // namespace accord::eval::detail
