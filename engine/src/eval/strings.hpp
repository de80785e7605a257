// String functions: size, contains, startsWith, endsWith and matches (RE2).
#pragma once

#include "eval/functions.hpp"

#include <memory>
#include <string>

namespace re2 {
class RE2;
}

namespace accord::eval::detail {

Value size_function(std::span<const Value* const> args, const CallContext& context);
Value contains_function(std::span<const Value* const> args, const CallContext& context);
Value starts_with_function(std::span<const Value* const> args, const CallContext& context);
Value ends_with_function(std::span<const Value* const> args, const CallContext& context);
// matches with a pattern known only at evaluation: compiled on each call.
Value matches_function(std::span<const Value* const> args, const CallContext& context);

// Compiles an RE2 pattern within `max_memory` bytes; on failure returns
// null and sets `error` to RE2's explanation.
std::shared_ptr<const re2::RE2> compile_pattern(std::string_view pattern, std::int64_t max_memory,
                                                std::string& error);

// text.matches(pattern) with a constant pattern compiled once.
class MatchesNode final : public Node {
 public:
  MatchesNode(NodePtr text, std::shared_ptr<const re2::RE2> pattern, Span span)
      : Node(span), text_(std::move(text)), pattern_(std::move(pattern)) {}
  Result evaluate(Frame& frame) const override;

 private:
  NodePtr text_;
  std::shared_ptr<const re2::RE2> pattern_;
};

}  // namespace accord::eval::detail
