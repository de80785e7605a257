// Nodes for the arithmetic, comparison and membership operators and for
// list and map literals. Errors in operands propagate, the left one first.
#pragma once

#include "eval/node.hpp"

#include <accord/expr/ast.hpp>

#include <vector>

namespace accord::eval::detail {

// + - * / %: `apply` is one of the functions of arithmetic.hpp.
class ArithmeticNode final : public Node {
 public:
  using Apply = Value (*)(const Value&, const Value&, Span);
  ArithmeticNode(Apply apply, NodePtr lhs, NodePtr rhs, Span span)
      : Node(span), apply_(apply), lhs_(std::move(lhs)), rhs_(std::move(rhs)) {}
  Result evaluate(Frame& frame) const override;

 private:
  Apply apply_;
  NodePtr lhs_;
  NodePtr rhs_;
};

class NegateNode final : public Node {
 public:
  NegateNode(NodePtr operand, Span span) : Node(span), operand_(std::move(operand)) {}
  Result evaluate(Frame& frame) const override;

 private:
  NodePtr operand_;
};

// == != < <= > >=
class ComparisonNode final : public Node {
 public:
  ComparisonNode(expr::BinaryOp op, NodePtr lhs, NodePtr rhs, Span span)
      : Node(span), op_(op), lhs_(std::move(lhs)), rhs_(std::move(rhs)) {}
  Result evaluate(Frame& frame) const override;

 private:
  expr::BinaryOp op_;
  NodePtr lhs_;
  NodePtr rhs_;
};

// The value of `lhs op rhs` for a comparison operator.
Value compare_values(expr::BinaryOp op, const Value& lhs, const Value& rhs, Span span);

// element in list, key in map.
class InNode final : public Node {
 public:
  InNode(NodePtr element, NodePtr container, Span span)
      : Node(span), element_(std::move(element)), container_(std::move(container)) {}
  Result evaluate(Frame& frame) const override;

 private:
  NodePtr element_;
  NodePtr container_;
};

class ListNode final : public Node {
 public:
  ListNode(std::vector<NodePtr> elements, Span span)
      : Node(span), elements_(std::move(elements)) {}
  Result evaluate(Frame& frame) const override;

 private:
  std::vector<NodePtr> elements_;
};

// {k: v, ...}: keys must be bool, int, uint or string, and distinct.
class MapNode final : public Node {
 public:
  struct Entry {
    NodePtr key;
    NodePtr value;
  };
  MapNode(std::vector<Entry> entries, Span span) : Node(span), entries_(std::move(entries)) {}
  Result evaluate(Frame& frame) const override;

 private:
  std::vector<Entry> entries_;
};

}  // namespace accord::eval::detail
