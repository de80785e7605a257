// The checker's side of rules::Judge: evaluates conditions on events, builds
// correlation keys, and turns what monitors report into the check's result.
#pragma once

#include <accord/rules/rule_kind.hpp>
#include <accord/stream/checker.hpp>

#include <functional>
#include <string>

namespace accord::stream::detail {

class CheckerJudge final : public rules::Judge {
 public:
  CheckerJudge(const rules::RuleBook& book, CheckResult& result,
               const std::function<void(const Violation&)>& on_violation);

  // Which rule the following calls are about.
  void set_rule(std::size_t rule) { rule_ = rule; }

  std::optional<bool> test(const eval::Program& condition, const Event& event,
                           const Event* trigger) override;
  std::optional<std::string_view> key(const std::vector<eval::FieldId>& fields,
                                      const Event& event) override;
  rules::Trigger remember(const Event& event, std::string_view key) override;
  void violation(const rules::Trigger& trigger, eval::Timestamp time,
                 std::optional<eval::Timestamp> due, std::vector<std::string> evidence) override;
  void pending(const rules::Trigger& trigger, eval::Timestamp due) override;
  void error(const Event& event, std::string message) override;

 private:
  std::vector<std::pair<std::string, std::string>> decode_key(std::string_view key) const;
  std::string render(const rules::Trigger& trigger, std::optional<eval::Timestamp> due) const;

  const rules::RuleBook& book_;
  CheckResult& result_;
  const std::function<void(const Violation&)>& on_violation_;
  EventActivation activation_;
  std::size_t rule_ = 0;
  std::string key_buffer_;
};

// How messages show a time: the date alone at midnight UTC, else to the
// second ("2025-01-10", "2025-01-10T09:30:00Z").
std::string format_message_time(eval::Timestamp time);

}  // namespace accord::stream::detail
