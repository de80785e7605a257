// The built-in functions of the condition language, looked up by name when
// a condition is compiled. Each implementation receives its evaluated
// arguments (the receiver first, for `x.f(y)`), none of them an error, and
// chooses the overload by their kinds.
#pragma once

#include "eval/node.hpp"

#include <array>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace accord::eval::detail {

struct CallContext {
  Span span;                       // of the call, for errors
  std::int64_t max_regex_memory;   // for patterns compiled at evaluation
};

using FunctionImpl = Value (*)(std::span<const Value* const> args, const CallContext& context);

struct FunctionSpec {
  std::string_view name;
  // Bit n set: the function may be called with n arguments in all, as
  // f(a1, ..., an) (global) or as a1.f(a2, ..., an) (receiver).
  std::uint8_t global_arities;
  std::uint8_t receiver_arities;
  std::string_view usage;  // how to call it, for arity errors: "text.startsWith(prefix)"
  FunctionImpl impl;
};

// The function called `name`, or nullptr.
const FunctionSpec* find_function(std::string_view name);

// Every function, for suggestions and documentation.
std::span<const FunctionSpec> all_functions();

inline constexpr std::size_t kMaxArguments = 3;

// f(args...) or receiver.f(args...), with arguments evaluated left to
// right; the first error among them is the result.
class CallNode final : public Node {
 public:
  CallNode(const FunctionSpec& function, std::vector<NodePtr> args, std::int64_t max_regex_memory,
           Span span)
      : Node(span), function_(function), args_(std::move(args)), max_regex_memory_(max_regex_memory) {}
  Result evaluate(Frame& frame) const override;

 private:
  const FunctionSpec& function_;
  std::vector<NodePtr> args_;  // at most kMaxArguments
  std::int64_t max_regex_memory_;
};

}  // namespace accord::eval::detail
