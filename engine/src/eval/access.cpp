#include "eval/access.hpp"

#include "eval/errors.hpp"

#include <accord/eval/operators.hpp>

#include <cmath>

namespace accord::eval::detail {

namespace {

bool is_map_key_kind(Kind kind) {
  return kind == Kind::Bool || kind == Kind::Int || kind == Kind::Uint ||
         kind == Kind::String || kind == Kind::Double;
}

Value no_fields(const Value& operand, std::string_view field, Span span) {
  std::string message = "cannot select field '";
  message += field;
  message += "' from a value of type ";
  message += kind_label(operand.kind());
  return Value::error(std::move(message), span);
}

}  // namespace

Result VariableNode::evaluate(Frame& frame) const {
  const Value* value = frame.activation.variable(id_);
  if (value == nullptr) return Value::error("no value for variable '" + name_ + "'", span());
  return Result::borrow(*value);
}

Result FieldNode::evaluate(Frame& frame) const {
  const Value* value = frame.activation.field(record_, field_);
  if (value == nullptr) return no_such_key(field_name_, span());
  return Result::borrow(*value);
}

Result RecordHasNode::evaluate(Frame& frame) const {
  return Value::boolean(frame.activation.field(record_, field_) != nullptr);
}

Result SelectNode::evaluate(Frame& frame) const {
  Result operand = operand_->evaluate(frame);
  if (operand->is_error()) return operand;
  if (operand->kind() != Kind::Map) return no_fields(*operand, field_, span());
  const Value* value = operand->as_map().find(field_);
  if (value == nullptr) return no_such_key(field_, span());
  return operand.part(*value);
}

Result HasNode::evaluate(Frame& frame) const {
  Result operand = operand_->evaluate(frame);
  if (operand->is_error()) return operand;
  if (operand->kind() != Kind::Map) return no_fields(*operand, field_, span());
  return Value::boolean(operand->as_map().find(field_) != nullptr);
}

Result index_list(const Result& list, const Value& index, Span span) {
  const List& elements = list->as_list();
  std::uint64_t position = 0;
  switch (index.kind()) {
    case Kind::Int:
      if (index.as_int() < 0) return Value::error("index " + describe_key(index) + " out of range", span);
      position = static_cast<std::uint64_t>(index.as_int());
      break;
    case Kind::Uint:
      position = index.as_uint();
      break;
    case Kind::Double: {
      double d = index.as_double();
      if (std::trunc(d) != d || d < 0.0 || d >= 18446744073709551616.0) {
        return Value::error("index " + describe_key(index) + " is not a whole number in range", span);
      }
      position = static_cast<std::uint64_t>(d);
      break;
    }
    default:
      return no_overload("_[_]", {Kind::List, index.kind()}, span);
  }
  if (position >= elements.size()) {
    return Value::error("index " + describe_key(index) + " out of range for a list of size " +
                            std::to_string(elements.size()),
                        span);
  }
  return list.part(elements[position]);
}

Result index_map(const Result& map, const Value& key, Span span) {
  if (!is_map_key_kind(key.kind())) return no_overload("_[_]", {Kind::Map, key.kind()}, span);
  const Value* value = map->as_map().find(key);
  if (value == nullptr) return no_such_key(key, span);
  return map.part(*value);
}

Result IndexNode::evaluate(Frame& frame) const {
  Result operand = operand_->evaluate(frame);
  if (operand->is_error()) return operand;
  Result index = index_->evaluate(frame);
  if (index->is_error()) return index;
  switch (operand->kind()) {
    case Kind::List: return index_list(operand, *index, span());
    case Kind::Map: return index_map(operand, *index, span());
    default: return no_overload("_[_]", {operand->kind(), index->kind()}, span());
  }
}

}  // namespace accord::eval::detail
