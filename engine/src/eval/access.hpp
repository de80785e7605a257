// Nodes that read values: constants, variables, record fields,
// comprehension variables, field selection, has() and indexing.
#pragma once

#include "eval/node.hpp"

#include <string>

namespace accord::eval::detail {

class ConstantNode final : public Node {
 public:
  ConstantNode(Value value, Span span) : Node(span), value_(std::move(value)) {}
  Result evaluate(Frame&) const override { return Result::borrow(value_); }
  const Value& value() const { return value_; }

 private:
  Value value_;
};

// A whole variable, from Activation::variable.
class VariableNode final : public Node {
 public:
  VariableNode(VariableId id, std::string name, Span span)
      : Node(span), id_(id), name_(std::move(name)) {}
  Result evaluate(Frame& frame) const override;

 private:
  VariableId id_;
  std::string name_;
};

// `record.field`, from Activation::field.
class FieldNode final : public Node {
 public:
  FieldNode(VariableId record, FieldId field, std::string field_name, Span span)
      : Node(span), record_(record), field_(field), field_name_(std::move(field_name)) {}
  Result evaluate(Frame& frame) const override;

 private:
  VariableId record_;
  FieldId field_;
  std::string field_name_;
};

// has(record.field): whether Activation::field answers.
class RecordHasNode final : public Node {
 public:
  RecordHasNode(VariableId record, FieldId field, Span span)
      : Node(span), record_(record), field_(field) {}
  Result evaluate(Frame& frame) const override;

 private:
  VariableId record_;
  FieldId field_;
};

// A comprehension variable, by slot.
class LocalNode final : public Node {
 public:
  LocalNode(std::size_t slot, Span span) : Node(span), slot_(slot) {}
  Result evaluate(Frame& frame) const override { return Result::borrow(*frame.locals[slot_]); }

 private:
  std::size_t slot_;
};

// operand.field on a map.
class SelectNode final : public Node {
 public:
  SelectNode(NodePtr operand, std::string field, Span span)
      : Node(span), operand_(std::move(operand)), field_(std::move(field)) {}
  Result evaluate(Frame& frame) const override;

 private:
  NodePtr operand_;
  std::string field_;
};

// has(operand.field) on a map.
class HasNode final : public Node {
 public:
  HasNode(NodePtr operand, std::string field, Span span)
      : Node(span), operand_(std::move(operand)), field_(std::move(field)) {}
  Result evaluate(Frame& frame) const override;

 private:
  NodePtr operand_;
  std::string field_;
};

// operand[index] on a list or map.
class IndexNode final : public Node {
 public:
  IndexNode(NodePtr operand, NodePtr index, Span span)
      : Node(span), operand_(std::move(operand)), index_(std::move(index)) {}
  Result evaluate(Frame& frame) const override;

 private:
  NodePtr operand_;
  NodePtr index_;
};

// The element of a list at `index` (int, uint or a whole double), or an
// error; the same rules as `list[index]`.
Result index_list(const Result& list, const Value& index, Span span);

// The value of a map under `key`, or an error; the same rules as `map[key]`.
Result index_map(const Result& map, const Value& key, Span span);

}  // namespace accord::eval::detail
