// recurrence: something (`occurrence`) that must happen again within an
// interval (`every`) while a clock runs, per key. `starts` and `stops` start
// and stop the clock; without `starts` the first occurrence starts it. With
// `start_on_first_occurrence`, a log with no start event at all starts the
// clock at its first occurrence.
//
// While the clock runs, P is the start or the latest occurrence; the next
// occurrence is due by P + every (inclusive). A gap is one breach, whose
// trigger is P, reported once however long it lasts; a late occurrence
// restarts the clock from itself.
#include "rules/kind_registry.hpp"
#include "rules/kinds/keyed.hpp"

#include <algorithm>

namespace accord::rules::detail {

namespace {

// One per key while it runs: a national employer has a clock per member of
// staff, so it keeps no more than it must (its deadline is P + every): with
// its key, 64 bytes.
struct Clock {
  KeptTrigger last;  // P
  std::uint64_t generation = 0;
  bool running = false;
  bool gap_reported = false;
};

struct Gap {
  Trigger trigger;
  eval::Timestamp due;
};

class Recurrence final : public RuleKind {
 public:
  Recurrence(RuleInfo info, Condition occurrence, std::optional<Condition> starts,
             std::optional<Condition> stops, std::vector<eval::FieldId> key,
             eval::Period every, bool start_on_first_occurrence,
             std::optional<std::vector<std::string>> types)
      : RuleKind(std::move(info), std::move(types)),
        occurrence_(std::move(occurrence)),
        starts_(std::move(starts)),
        stops_(std::move(stops)),
        key_(std::move(key)),
        every_(every),
        start_on_first_occurrence_(start_on_first_occurrence) {}

  std::unique_ptr<Monitor> start() const override { return std::make_unique<State>(*this); }

 private:
  class State final : public Monitor {
   public:
    explicit State(const Recurrence& rule)
        : rule_(rule),
          next_due_(rule.every_),
          provisional_(rule.starts_ && rule.start_on_first_occurrence_),
          generations_by_key_(rule.key_.size() == 1) {}

    void advance(eval::Timestamp now, Judge& judge) override { report_gaps_before(now, judge); }

    void prefetch(const stream::Event& event, Judge& judge) const override {
      auto key = judge.known_key(rule_.key_, event);
      if (!key) return;
      clocks_.prefetch(*key);
      if (*key < generations_.size()) __builtin_prefetch(&generations_[*key], 1);
    }

    void observe(const stream::Event& event, Judge& judge) override {
      // An event plays one part: start, else stop, else occurrence.
      if (rule_.starts_) {
        auto starts = judge.test(*rule_.starts_, event);
        if (!starts) return;
        if (*starts) return start(event, judge);
      }
      if (rule_.stops_) {
        auto stops = judge.test(*rule_.stops_, event);
        if (!stops) return;
        if (*stops) return stop(event, judge);
      }
      auto occurs = judge.test(rule_.occurrence_, event);
      if (occurs && *occurs) occur(event, judge);
    }

    void finish(eval::Timestamp as_of, Judge& judge) override {
      report_gaps_before(as_of, judge);
      for (const Gap& gap : held_gaps_) judge.violation(gap.trigger, gap.due, gap.due);
      held_gaps_.clear();
      open(judge);
    }

    void open(Judge& judge) const override {
      OpenStates<Clock> open;
      clocks_.for_each([&](KeyId key, const Clock& clock) {
        if (clock.running && !clock.gap_reported) open.add(key, clock);
      });
      judge.expect_pending(open.size());
      open.report([&](KeyId key, const Clock& clock) {
        judge.pending(clock.last.trigger(key), due(clock));
      });
    }

   private:
    void start(const stream::Event& event, Judge& judge) {
      if (provisional_) {
        // The log has a start event after all: what the first occurrence
        // started provisionally never was.
        provisional_ = false;
        judge.closed(clocks_.size());
        clocks_.clear();
        generations_.clear();
        deadlines_.clear();
        held_gaps_.clear();
      }
      auto key = judge.key(rule_.key_, event);
      if (!key) return;
      Clock& clock = clock_of(*key, event, judge);
      if (!clock.running) restart(clock, event, *key, judge);
    }

    void stop(const stream::Event& event, Judge& judge) {
      auto key = judge.key(rule_.key_, event);
      if (!key) return;
      Clock* found = clocks_.find(*key);
      if (found == nullptr) return;
      // A stopped clock is forgotten, so memory follows the clocks running;
      // provisionally it must be remembered, so it does not start again.
      if (provisional_) {
        found->running = false;
      } else {
        clocks_.erase(*key);
        note_generation(*key, 0);
        judge.closed(1);
      }
    }

    void occur(const stream::Event& event, Judge& judge) {
      auto key = judge.key(rule_.key_, event);
      if (!key) return;
      Clock* found = clocks_.find(*key);
      if (found != nullptr && found->running) {
        restart(*found, event, *key, judge);
        return;
      }
      // A stopped clock ignores occurrences, unless occurrences are what
      // starts it: with no start condition, or provisionally, the first time.
      bool starts_clock = !rule_.starts_ || (provisional_ && found == nullptr);
      if (starts_clock) restart(clock_of(*key, event, judge), event, *key, judge);
    }

    // The key's clock, a new one (an obligation opened by `event`) if it has none.
    Clock& clock_of(KeyId key, const stream::Event& event, Judge& judge) {
      auto [clock, created] = clocks_.try_emplace(key);
      if (created) judge.opened(event);
      return *clock;
    }

    void restart(Clock& clock, const stream::Event& event, KeyId key, Judge& judge) {
      clock.running = true;
      clock.gap_reported = false;
      judge.remember(event, clock.last);
      clock.generation = ++generation_;
      note_generation(key, clock.generation);
      deadlines_.add(due(clock), clock.generation, key);
    }

    eval::Timestamp due(const Clock& clock) const { return next_due_.after(clock.last.time()); }

    void report_gaps_before(eval::Timestamp now, Judge& judge) {
      auto fetch = [&](const Deadlines::Entry& entry) {
        if (may_be_current(entry)) clocks_.prefetch(entry.key);
      };
      deadlines_.expire_before(now, [&](const Deadlines::Entry& entry) {
        if (!may_be_current(entry)) return;
        Clock* found = clocks_.find(entry.key);
        if (found == nullptr) return;
        Clock& clock = *found;
        if (!clock.running || clock.gap_reported || clock.generation != entry.generation) return;
        clock.gap_reported = true;
        if (provisional_) {
          // May yet be undone.
          held_gaps_.push_back(Gap{clock.last.trigger(entry.key), due(clock)});
        } else {
          judge.violation(clock.last.trigger(entry.key), due(clock), due(clock));
        }
      }, fetch);
    }

    // A clock restarts at every occurrence, and each restart queues a
    // deadline: most deadlines that come up are stale. For a rule keyed by
    // one field, whose keys the checker numbers densely (see KeyId), each
    // key's clock's generation is also kept here, in an array by key (8
    // bytes a key, against the clock's 64 in the table), so a stale
    // deadline is known without a lookup in the clocks' table.
    // False only when the deadline is certainly stale.
    bool may_be_current(const Deadlines::Entry& entry) const {
      if (!generations_by_key_) return true;
      return entry.key < generations_.size() && generations_[entry.key] == entry.generation;
    }

    void note_generation(KeyId key, std::uint64_t generation) {
      if (!generations_by_key_) return;
      if (key >= generations_.size()) {
        // Keys far beyond those seen are not numbered densely after all.
        if (key > 2 * generations_.size() + kDenseSlack) {
          generations_by_key_ = false;
          generations_ = {};
          return;
        }
        generations_.resize(key + 1, 0);
      }
      generations_[key] = generation;
    }

    static constexpr KeyId kDenseSlack = 1 << 16;

    const Recurrence& rule_;
    Deadline next_due_;  // `every` after a clock's last start or occurrence
    bool provisional_;
    Keyed<Clock> clocks_;
    Deadlines deadlines_;
    std::vector<Gap> held_gaps_;
    std::uint64_t generation_ = 0;
    bool generations_by_key_;
    std::vector<std::uint64_t> generations_;  // by key: see may_be_current()
  };

  Condition occurrence_;
  std::optional<Condition> starts_;
  std::optional<Condition> stops_;
  std::vector<eval::FieldId> key_;
  eval::Period every_;
  bool start_on_first_occurrence_;
};

std::unique_ptr<RuleKind> build(RuleInfo info, RuleFields& fields) {
  auto occurrence = fields.condition("occurrence", true);
  auto every = fields.span("every", true);
  auto starts = fields.condition("starts", false);
  auto stops = fields.condition("stops", false);
  auto key = fields.key();
  bool start_on_first_occurrence = fields.flag("start_on_first_occurrence");
  if (start_on_first_occurrence && !starts && !fields.failed()) {
    fields.error("start_on_first_occurrence",
                 "start_on_first_occurrence needs `starts`: without it the first occurrence "
                 "always starts the clock");
  }
  if (fields.failed()) return nullptr;
  return std::make_unique<Recurrence>(std::move(info), std::move(*occurrence), std::move(starts),
                                      std::move(stops), std::move(key), *every,
                                      start_on_first_occurrence, fields.event_types());
}

}  // namespace

const KindDefinition& recurrence_kind() {
  static const KindDefinition kind{
      "recurrence",
      "something that must recur within an interval while a clock runs, per key",
      {"occurrence", "every", "starts", "stops", "key", "start_on_first_occurrence"},
      &build};
  return kind;
}

}  // namespace accord::rules::detail
