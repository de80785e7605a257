// response: an event (`when`) that needs a later one (`expect`) with the same
// key within a deadline (`within`, inclusive). With `earlier_counts`, an
// expected event before the trigger counts too. A missed deadline is a
// breach once as_of is past it; until then the obligation is pending.
#include "rules/kind_registry.hpp"
#include "rules/kinds/keyed.hpp"

#include <absl/container/inlined_vector.h>

#include <algorithm>

namespace accord::rules::detail {

namespace {

// Its deadline is worked out again from the trigger's time when needed:
// so an obligation and its key take 64 bytes.
struct Open {
  KeptTrigger trigger;
  std::uint64_t generation;
};
static_assert(sizeof(KeyId) + sizeof(absl::InlinedVector<Open, 1>) <= 64,
              "an obligation and its key take 64 bytes");

class Response final : public RuleKind {
 public:
  Response(RuleInfo info, Condition when, Condition expect,
           std::vector<eval::FieldId> key, eval::Period within, bool earlier_counts,
           std::optional<std::vector<std::string>> types)
      : RuleKind(std::move(info), std::move(types)),
        when_(std::move(when)),
        expect_(std::move(expect)),
        key_(std::move(key)),
        within_(within),
        earlier_counts_(earlier_counts) {}

  std::unique_ptr<Monitor> start() const override { return std::make_unique<State>(*this); }

 private:
  class State final : public Monitor {
   public:
    explicit State(const Response& rule) : rule_(rule), due_(rule.within_) {}

    void advance(eval::Timestamp now, Judge& judge) override {
      expire_before(now, judge);
      // Without earlier_counts, an answer counts for triggers at its own
      // time only, and that time has passed. (Clearing an empty set still
      // resets its table: most times have no answer.)
      if (!rule_.earlier_counts_ && !answered_.empty()) answered_.clear();
    }

    void prefetch(const stream::Event& event, Judge& judge) const override {
      if (auto key = judge.known_key(rule_.key_, event)) open_.prefetch(*key);
    }

    void observe(const stream::Event& event, Judge& judge) override {
      auto expected = judge.test(rule_.expect_, event);
      if (!expected || !*expected) return;
      auto key = judge.key(rule_.key_, event);
      if (!key) return;
      answered_.insert(*key);
      // Everything still open for this key was due no earlier than now.
      Opens* opens = open_.find(*key);
      if (opens == nullptr) return;
      judge.closed(opens->size());
      open_.erase(*key);
    }

    void judge(const stream::Event& event, Judge& judge) override {
      auto triggered = judge.test(rule_.when_, event);
      if (!triggered || !*triggered) return;
      auto key = judge.key(rule_.key_, event);
      if (!key) return;
      if (answered_.contains(*key)) return;  // answered already, or at the same moment
      eval::Timestamp due = due_.after(event.time());
      std::uint64_t generation = ++generation_;
      Open& open = open_.try_emplace(*key).first->emplace_back();
      judge.remember(event, open.trigger);
      open.generation = generation;
      deadlines_.add(due, generation, *key);
      judge.opened(event);
    }

    void finish(eval::Timestamp as_of, Judge& judge) override {
      expire_before(as_of, judge);
      // What is left is due at or after as_of: pending.
      open(judge);
    }

    void open(Judge& judge) const override {
      OpenStates<Open> left;
      open_.for_each([&](KeyId key, const Opens& opens) {
        for (const Open& open : opens) left.add(key, open);
      });
      judge.expect_pending(left.size());
      left.report([&](KeyId key, const Open& open) {
        judge.pending(open.trigger.trigger(key), due_.after(open.trigger.time()));
      });
    }

   private:
    void expire_before(eval::Timestamp now, Judge& judge) {
      auto fetch = [&](const Deadlines::Entry& entry) { open_.prefetch(entry.key); };
      deadlines_.expire_before(now, [&](const Deadlines::Entry& entry) {
        Opens* opens = open_.find(entry.key);
        if (opens == nullptr) return;  // answered in time
        auto it = std::find_if(opens->begin(), opens->end(), [&](const Open& o) {
          return o.generation == entry.generation;
        });
        if (it == opens->end()) return;
        judge.violation(it->trigger.trigger(entry.key), entry.due, entry.due);
        judge.closed(1);
        opens->erase(it);
        if (opens->empty()) open_.erase(entry.key);  // memory follows what is open
      }, fetch);
    }

    const Response& rule_;
    Deadline due_;  // `within` after a trigger
    // The obligations open, by key; a key leaves when nothing is open. A key
    // has mostly one: kept in the map's slot, with no allocation of its own.
    using Opens = absl::InlinedVector<Open, 1>;
    Keyed<Opens> open_;
    // Keys answered: ever, with earlier_counts; else at the current time.
    KeySet answered_;
    Deadlines deadlines_;
    std::uint64_t generation_ = 0;
  };

  Condition when_;
  Condition expect_;
  std::vector<eval::FieldId> key_;
  eval::Period within_;
  bool earlier_counts_;
};

std::unique_ptr<RuleKind> build(RuleInfo info, RuleFields& fields) {
  auto when = fields.condition("when", true);
  auto expect = fields.condition("expect", true);
  auto key = fields.key();
  auto within = fields.span("within", true);
  bool earlier_counts = fields.flag("earlier_counts");
  if (fields.failed()) return nullptr;
  return std::make_unique<Response>(std::move(info), std::move(*when), std::move(*expect),
                                    std::move(key), *within, earlier_counts,
                                    fields.event_types());
}

}  // namespace

const KindDefinition& response_kind() {
  static const KindDefinition kind{
      "response",
      "an event that needs a later one by a deadline",
      {"when", "expect", "key", "within", "earlier_counts"},
      &build};
  return kind;
}

}  // namespace accord::rules::detail
