// The logical operators: !, && and || (commutative, absorbing errors when
// the other side decides, as CEL defines them) and ?: (evaluates one branch).
#pragma once

#include "eval/node.hpp"

namespace accord::eval::detail {

class NotNode final : public Node {
 public:
  NotNode(NodePtr operand, Span span) : Node(span), operand_(std::move(operand)) {}
  Result evaluate(Frame& frame) const override;

 private:
  NodePtr operand_;
};

// `lhs && rhs` when `is_and`, else `lhs || rhs`. The deciding value (false
// for &&, true for ||) wins on either side, whatever the other side is;
// otherwise an error operand is the result, and a non-bool operand is a
// "no matching overload" error.
class LogicNode final : public Node {
 public:
  LogicNode(bool is_and, NodePtr lhs, NodePtr rhs, Span span)
      : Node(span), is_and_(is_and), lhs_(std::move(lhs)), rhs_(std::move(rhs)) {}
  Result evaluate(Frame& frame) const override;

 private:
  bool is_and_;
  NodePtr lhs_;
  NodePtr rhs_;
};

// The value of `lhs op rhs` for && (`is_and`) or || once both sides are known.
Value combine_logic(bool is_and, const Value& lhs, const Value& rhs, Span span);

class ConditionalNode final : public Node {
 public:
  ConditionalNode(NodePtr condition, NodePtr if_true, NodePtr if_false, Span span)
      : Node(span),
        condition_(std::move(condition)),
        if_true_(std::move(if_true)),
        if_false_(std::move(if_false)) {}
  Result evaluate(Frame& frame) const override;

 private:
  NodePtr condition_;
  NodePtr if_true_;
  NodePtr if_false_;
};

}  // namespace accord::eval::detail
