#include "eval/operator_nodes.hpp"

#include "eval/arithmetic.hpp"
#include "eval/errors.hpp"

#include <accord/eval/operators.hpp>

namespace accord::eval::detail {

namespace {

const char* function_name(expr::BinaryOp op) {
  switch (op) {
    case expr::BinaryOp::Less: return "_<_";
    case expr::BinaryOp::LessEqual: return "_<=_";
    case expr::BinaryOp::Greater: return "_>_";
    case expr::BinaryOp::GreaterEqual: return "_>=_";
    case expr::BinaryOp::Equal: return "_==_";
    case expr::BinaryOp::NotEqual: return "_!=_";
    default: return "_?_";
  }
}

bool valid_map_key(Kind kind) {
  return kind == Kind::Bool || kind == Kind::Int || kind == Kind::Uint || kind == Kind::String;
}

}  // namespace

Result ArithmeticNode::evaluate(Frame& frame) const {
  Result lhs = lhs_->evaluate(frame);
  if (lhs->is_error()) return lhs;
  Result rhs = rhs_->evaluate(frame);
  if (rhs->is_error()) return rhs;
  return apply_(*lhs, *rhs, span());
}

Result NegateNode::evaluate(Frame& frame) const {
  Result operand = operand_->evaluate(frame);
  if (operand->is_error()) return operand;
  return negate_value(*operand, span());
}

Value compare_values(expr::BinaryOp op, const Value& lhs, const Value& rhs, Span span) {
  if (lhs.is_error()) return lhs;
  if (rhs.is_error()) return rhs;
  switch (op) {
    case expr::BinaryOp::Equal: return Value::boolean(equal(lhs, rhs));
    case expr::BinaryOp::NotEqual: return Value::boolean(!equal(lhs, rhs));
    default: break;
  }
  auto order = compare(lhs, rhs);
  if (!order) return no_overload(function_name(op), {lhs.kind(), rhs.kind()}, span);
  switch (op) {
    case expr::BinaryOp::Less: return Value::boolean(*order < 0);
    case expr::BinaryOp::LessEqual: return Value::boolean(*order <= 0);
    case expr::BinaryOp::Greater: return Value::boolean(*order > 0);
    default: return Value::boolean(*order >= 0);
  }
}

Result ComparisonNode::evaluate(Frame& frame) const {
  Result lhs = lhs_->evaluate(frame);
  if (lhs->is_error()) return lhs;
  Result rhs = rhs_->evaluate(frame);
  return compare_values(op_, *lhs, *rhs, span());
}

Result InNode::evaluate(Frame& frame) const {
  Result element = element_->evaluate(frame);
  if (element->is_error()) return element;
  Result container = container_->evaluate(frame);
  if (container->is_error()) return container;
  if (container->kind() == Kind::List) {
    for (const Value& candidate : container->as_list()) {
      if (equal(*element, candidate)) return Value::boolean(true);
    }
    return Value::boolean(false);
  }
  if (container->kind() == Kind::Map) {
    // A key of a kind no map key can have is simply absent.
    return Value::boolean(container->as_map().find(*element) != nullptr);
  }
  return no_overload("@in", {element->kind(), container->kind()}, span());
}

Result ListNode::evaluate(Frame& frame) const {
  List elements;
  elements.reserve(elements_.size());
  for (const NodePtr& node : elements_) {
    Result element = node->evaluate(frame);
    if (element->is_error()) return element;
    elements.push_back(std::move(element).release());
  }
  return Value::list(std::move(elements));
}

Result MapNode::evaluate(Frame& frame) const {
  std::vector<Map::Entry> entries;
  entries.reserve(entries_.size());
  for (const Entry& entry : entries_) {
    Result key = entry.key->evaluate(frame);
    if (key->is_error()) return key;
    if (!valid_map_key(key->kind())) {
      return Value::error("a map key must be a bool, int, uint or string, not a " +
                              std::string(kind_label(key->kind())),
                          entry.key->span());
    }
    for (const Map::Entry& earlier : entries) {
      if (equal(earlier.first, *key)) {
        return Value::error("duplicate map key " + describe_key(*key), entry.key->span());
      }
    }
    Result value = entry.value->evaluate(frame);
    if (value->is_error()) return value;
    entries.emplace_back(std::move(key).release(), std::move(value).release());
  }
  return Value::map(Map(std::move(entries)));
}

}  // namespace accord::eval::detail
