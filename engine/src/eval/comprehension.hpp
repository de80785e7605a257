// The comprehension macros: all, exists, exists_one, map (with an optional
// filter) and filter, over a list's elements or a map's keys. The loop
// variable lives in a slot of the Frame; every iteration counts towards
// the evaluation's work limit.
#pragma once

#include "eval/node.hpp"

namespace accord::eval::detail {

enum class ComprehensionKind { All, Exists, ExistsOne, Map, Filter };

class ComprehensionNode final : public Node {
 public:
  // `predicate` is the condition of all/exists/exists_one/filter and the
  // filter of a three-argument map (else null); `transform` is map's result
  // expression (else null).
  ComprehensionNode(ComprehensionKind kind, std::size_t slot, NodePtr range,
                    NodePtr predicate, NodePtr transform, Span span)
      : Node(span),
        kind_(kind),
        slot_(slot),
        range_(std::move(range)),
        predicate_(std::move(predicate)),
        transform_(std::move(transform)) {}
  Result evaluate(Frame& frame) const override;

 private:
  Result all_or_exists(Frame& frame, const Result& range, bool deciding) const;
  Result exists_one(Frame& frame, const Result& range) const;
  Result map_or_filter(Frame& frame, const Result& range) const;

  ComprehensionKind kind_;
  std::size_t slot_;
  NodePtr range_;
  NodePtr predicate_;
  NodePtr transform_;
};

}  // namespace accord::eval::detail
