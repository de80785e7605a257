// precedence: an event (`when`) that needs an earlier one (`requires`) with
// the same key, optionally at least (`at_least`) or at most (`at_most`) that
// long before. An earlier event at the trigger's own time counts.
#include "rules/kind_registry.hpp"
#include "rules/kinds/keyed.hpp"

#include <algorithm>
#include <memory>

namespace accord::rules::detail {

namespace {

struct Sighting {
  eval::Timestamp time;
  std::string id;
};

// The earlier events of one key that matter for the bounds in force: with
// `at_least` the first (the earliest is the most likely long enough
// before), with `at_most` the last, with both every time and the last.
// Without bounds, that there was one is all that matters: the key alone.
struct Earlier {
  Sighting closest;
  // Only when both bounds are set: a pointer, so that the other rules' keys
  // (a national employer has hundreds of thousands) take 16 bytes less.
  std::unique_ptr<std::vector<eval::Timestamp>> all;
};

class Precedence final : public RuleKind {
 public:
  Precedence(RuleInfo info, Condition when, Condition requires_,
             std::vector<eval::FieldId> key, std::optional<eval::Period> at_least,
             std::optional<eval::Period> at_most, std::optional<std::vector<std::string>> types)
      : RuleKind(std::move(info), std::move(types)),
        when_(std::move(when)),
        requires_(std::move(requires_)),
        key_(std::move(key)),
        at_least_(at_least),
        at_most_(at_most) {}

  std::unique_ptr<Monitor> start() const override { return std::make_unique<State>(*this); }

 private:
  class State final : public Monitor {
   public:
    explicit State(const Precedence& rule) : rule_(rule) {
      if (rule.at_least_) at_least_.emplace(*rule.at_least_);
      if (rule.at_most_) at_most_.emplace(*rule.at_most_);
    }

    bool advances() const override { return false; }

    void prefetch(const stream::Event& event, Judge& judge) const override {
      auto key = judge.known_key(rule_.key_, event);
      if (!key) return;
      if (bounded()) {
        earlier_.prefetch(*key);
      } else {
        seen_.prefetch(*key);
      }
    }

    void observe(const stream::Event& event, Judge& judge) override {
      auto enables = judge.test(rule_.requires_, event);
      if (!enables || !*enables) return;
      auto key = judge.key(rule_.key_, event);
      if (!key) return;
      if (!bounded()) {
        seen_.insert(*key);
        return;
      }
      auto [found, first] = earlier_.try_emplace(*key);
      Earlier& earlier = *found;
      if (first || rule_.at_most_) {
        earlier.closest.time = event.time();
        earlier.closest.id.assign(event.id());
      }
      if (rule_.at_least_ && rule_.at_most_) {
        if (!earlier.all) earlier.all = std::make_unique<std::vector<eval::Timestamp>>();
        earlier.all->push_back(event.time());
      }
    }

    void judge(const stream::Event& event, Judge& judge) override {
      auto triggered = judge.test(rule_.when_, event);
      if (!triggered || !*triggered) return;
      auto key = judge.key(rule_.key_, event);
      if (!key) return;
      if (!bounded() && seen_.contains(*key)) return;
      const Earlier* earlier = earlier_.find(*key);
      if (earlier != nullptr && satisfied(*earlier, event.time())) return;
      std::vector<std::string> evidence;
      // The earlier event that came closest, to show why it did not count.
      if (earlier != nullptr) evidence.push_back(earlier->closest.id);
      judge.violation(judge.remember(event, *key), event.time(), std::nullopt,
                      std::move(evidence));
    }

   private:
    // An earlier event at N counts when N + at_least <= T and N + at_most >= T.
    bool satisfied(const Earlier& earlier, eval::Timestamp t) const {
      auto early_enough = [&](eval::Timestamp n) {
        return !at_least_ || at_least_->after(n) <= t;
      };
      auto late_enough = [&](eval::Timestamp n) {
        return !at_most_ || at_most_->after(n) >= t;
      };
      if (rule_.at_least_ && rule_.at_most_) {
        return earlier.all != nullptr &&
               std::any_of(earlier.all->begin(), earlier.all->end(),
                           [&](eval::Timestamp n) { return early_enough(n) && late_enough(n); });
      }
      if (rule_.at_most_) return late_enough(earlier.closest.time);
      return early_enough(earlier.closest.time);
    }

    bool bounded() const { return rule_.at_least_ || rule_.at_most_; }

    const Precedence& rule_;
    std::optional<Deadline> at_least_;  // after an earlier event: the rule's bounds
    std::optional<Deadline> at_most_;
    KeySet seen_;                      // without bounds
    Keyed<Earlier> earlier_;           // with bounds
  };

  Condition when_;
  Condition requires_;
  std::vector<eval::FieldId> key_;
  std::optional<eval::Period> at_least_;
  std::optional<eval::Period> at_most_;
};

std::unique_ptr<RuleKind> build(RuleInfo info, RuleFields& fields) {
  auto when = fields.condition("when", true);
  auto requires_ = fields.condition("requires", true);
  auto key = fields.key();
  auto at_least = fields.span("at_least", false);
  auto at_most = fields.span("at_most", false);
  if (fields.failed()) return nullptr;
  return std::make_unique<Precedence>(std::move(info), std::move(*when), std::move(*requires_),
                                      std::move(key), at_least, at_most, fields.event_types());
}

}  // namespace

const KindDefinition& precedence_kind() {
  static const KindDefinition kind{
      "precedence",
      "an event that needs an earlier one, optionally at least or at most some time before",
      {"when", "requires", "key", "at_least", "at_most"},
      &build};
  return kind;
}

}  // namespace accord::rules::detail
