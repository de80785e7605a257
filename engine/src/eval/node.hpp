// The compiled form of a condition: a tree of nodes, each of which knows
// what it computes and evaluates itself against a Frame. Nodes are built
// once by the compiler and never change, so one tree may be evaluated by
// many threads at once, each with its own Frame.
#pragma once

#include <accord/eval/activation.hpp>
#include <accord/eval/value.hpp>

#include <cstdint>
#include <memory>
#include <utility>

namespace accord::eval::detail {

// The outcome of evaluating a node: either a value that outlives the
// evaluation (a program constant, a field of the event, an element of
// either), borrowed by pointer so nothing is copied, or a value computed
// on the way, owned here.
class Result {
 public:
  Result() = default;  // an owned null
  Result(Value owned) : owned_(std::move(owned)) {}  // NOLINT: results are made from values everywhere

  static Result borrow(const Value& value) {
    Result result;
    result.borrowed_ = &value;
    return result;
  }

  const Value& get() const { return borrowed_ != nullptr ? *borrowed_ : owned_; }
  const Value& operator*() const { return get(); }
  const Value* operator->() const { return &get(); }

  // A result for `part`, which lies inside this result's value (a list
  // element, a map entry): borrowed when this result is borrowed, since it
  // then lives as long; a copy otherwise.
  Result part(const Value& part) const {
    return borrowed_ != nullptr ? borrow(part) : Result(part);
  }

  Value release() && { return borrowed_ != nullptr ? *borrowed_ : std::move(owned_); }

 private:
  const Value* borrowed_ = nullptr;
  Value owned_;
};

// What one evaluation reads and counts: the activation, the comprehension
// variables in scope (one slot per level of comprehension nesting), and the
// work done so far.
struct Frame {
  const Activation& activation;
  const Value** locals;
  std::uint64_t iterations = 0;
  std::uint64_t max_iterations = 0;
};

class Node {
 public:
  explicit Node(Span span) : span_(span) {}
  virtual ~Node() = default;
  Node(const Node&) = delete;
  Node& operator=(const Node&) = delete;

  virtual Result evaluate(Frame& frame) const = 0;

  // The text in the condition this node stands for; errors it produces
  // carry this span.
  Span span() const { return span_; }

 private:
  Span span_;
};

using NodePtr = std::unique_ptr<const Node>;

}  // namespace accord::eval::detail
