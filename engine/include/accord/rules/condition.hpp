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

#include <cstdint>
#include <optional>
#include <vector>

namespace accord::rules {

class Condition {
 public:
  // A condition that may match events of any type.
  explicit Condition(eval::Program general) : general_(std::move(general)) { note_verdicts(); }

  // A condition true only for the types with a program in `by_type`
  // (indexed by the rule book's TypeCodes).
  Condition(eval::Program general, std::vector<std::optional<eval::Program>> by_type)
      : general_(std::move(general)), typed_(true), by_type_(std::move(by_type)) {
    note_verdicts();
  }

  // The program for events of `type`; nullptr when the condition is false
  // for every event of that type.
  const eval::Program* for_type(stream::TypeCode type) const {
    if (!typed_) return &general_;
    if (type < by_type_.size() && by_type_[type]) return &*by_type_[type];
    return nullptr;
  }

  const eval::Program& general() const { return general_; }

  // The verdict for every event of `type`, when it is known without one:
  // no program for the type, or one that folded to true or false. Most
  // conditions name a type and nothing else; this saves them a call.
  std::optional<bool> known_for_type(stream::TypeCode type) const {
    Verdict verdict = !typed_ ? general_verdict_
                      : type < by_type_verdicts_.size() ? by_type_verdicts_[type]
                                                        : Verdict::False;
    if (verdict == Verdict::Evaluate) return std::nullopt;
    return verdict == Verdict::True;
  }

 private:
  enum class Verdict : std::uint8_t { False, True, Evaluate };

  static Verdict verdict_of(const eval::Program* program) {
    if (program == nullptr) return Verdict::False;
    const eval::Value* constant = program->constant();
    if (constant == nullptr || constant->kind() != eval::Kind::Bool) return Verdict::Evaluate;
    return constant->as_bool() ? Verdict::True : Verdict::False;
  }

  void note_verdicts() {
    general_verdict_ = verdict_of(&general_);
    for (const auto& program : by_type_) {
      by_type_verdicts_.push_back(verdict_of(program ? &*program : nullptr));
    }
  }

  eval::Program general_;
  bool typed_ = false;
  std::vector<std::optional<eval::Program>> by_type_;
  Verdict general_verdict_ = Verdict::Evaluate;
  std::vector<Verdict> by_type_verdicts_;  // by TypeCode, as by_type_
};

}  // namespace accord::rules
