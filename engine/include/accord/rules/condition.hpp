// A rule's condition, compiled once in general and once for each event type
// it can match. In the compilation for type t, `event.type` is the constant
// t, so `event.type == "decision.made" && !event.accepted` becomes
// `!event.accepted` for decisions; and for the types it cannot match, a
// condition is false without being evaluated.
//
//   const eval::Program* program = condition.for_type(event.type_code());
//   if (program == nullptr) ...  // false for this type, certainly
#pragma once

#include <accord/eval/program.hpp>
#include <accord/stream/event.hpp>

#include <optional>
#include <vector>

namespace accord::rules {

class Condition {
 public:
  // A condition that may match events of any type.
  explicit Condition(eval::Program general) : general_(std::move(general)) {}

  // A condition true only for the types with a program in `by_type`
  // (indexed by the rule book's TypeCodes).
  Condition(eval::Program general, std::vector<std::optional<eval::Program>> by_type)
      : general_(std::move(general)), typed_(true), by_type_(std::move(by_type)) {}

  // The program for events of `type`; nullptr when the condition is false
  // for every event of that type.
  const eval::Program* for_type(stream::TypeCode type) const {
    if (!typed_) return &general_;
    if (type < by_type_.size() && by_type_[type]) return &*by_type_[type];
    return nullptr;
  }

  const eval::Program& general() const { return general_; }

 private:
  eval::Program general_;
  bool typed_ = false;
  std::vector<std::optional<eval::Program>> by_type_;
};

}  // namespace accord::rules
