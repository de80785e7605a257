// forbidden: an event that must not happen. `when` says which.
#include "rules/kind_registry.hpp"

namespace accord::rules::detail {

namespace {

class Forbidden final : public RuleKind {
 public:
  Forbidden(RuleInfo info, Condition when, std::optional<std::vector<std::string>> types)
      : RuleKind(std::move(info), std::move(types)), when_(std::move(when)) {}

  std::unique_ptr<Monitor> start() const override { return std::make_unique<State>(*this); }

 private:
  class State final : public Monitor {
   public:
    explicit State(const Forbidden& rule) : rule_(rule) {}

    bool advances() const override { return false; }

    void observe(const stream::Event&, Judge&) override {}

    void judge(const stream::Event& event, Judge& judge) override {
      auto breached = judge.test(rule_.when_, event);
      if (!breached || !*breached) return;
      judge.violation(judge.remember(event, kEmptyKey), event.time(), std::nullopt);
    }

   private:
    const Forbidden& rule_;
  };

  Condition when_;
};

std::unique_ptr<RuleKind> build(RuleInfo info, RuleFields& fields) {
  auto when = fields.condition("when", true);
  if (fields.failed()) return nullptr;
  return std::make_unique<Forbidden>(std::move(info), std::move(*when), fields.event_types());
}

}  // namespace

const KindDefinition& forbidden_kind() {
  static const KindDefinition kind{
      "forbidden", "an event that must not happen", {"when"}, &build};
  return kind;
}

}  // namespace accord::rules::detail
