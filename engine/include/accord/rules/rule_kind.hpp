// Rule kinds: how a rule judges a stream of events. Each kind (forbidden,
// precedence, response, recurrence, ...) is one class implementing RuleKind,
// registered with the loader by name; nothing else changes to add one.
//
// A RuleKind is the compiled, immutable rule. For each check it starts a
// Monitor that holds the rule's state for that check (per correlation key),
// and that reports through a Judge.
//
//   std::unique_ptr<Monitor> monitor = rule.start();
//   monitor->prefetch(event, judge);  // optionally, for events of the group
//   monitor->observe(event, judge);   // for every event of a same-time group
//   monitor->judge(event, judge);     // then again, for every event of it
#pragma once

#include <accord/eval/program.hpp>
#include <accord/rules/condition.hpp>
#include <accord/eval/time.hpp>
#include <accord/rules/rule_book.hpp>
#include <accord/stream/event.hpp>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace accord::rules {

// A correlation key (the values of a rule's key fields) as the checker
// numbers it: equal values, equal KeyId. Monitors keep state by KeyId, so
// the hot path hashes integers, not strings. A key of one field is the
// number of its value among all key values the check has met (from 0, in
// the order met): a monitor may use that to keep something in an array by
// key, but must stay right (if slower) with any other numbering.
using KeyId = std::uint64_t;

// The key of a rule without key fields: every event shares it.
inline constexpr KeyId kEmptyKey = 0;

// What a report needs of the event that started an obligation, kept after
// the event itself is gone: its id, time and the values its rule's message
// cites.
struct Trigger {
  std::string id;
  stream::Origin origin;  // where the event was written
  eval::Timestamp time;
  // The values the message cites, in the order of its placeholders, each
  // after its length (one byte, or 255 and four more): one string, so that
  // a short citation needs no allocation at all. Empty when the message
  // cites only key fields: the checker reads those from `key`.
  std::string cited;
  KeyId key = 0;
};

// A trigger as a monitor keeps it while its obligation is open: what a
// Trigger holds but its key (the monitor keeps it by key), in 40 bytes
// rather than a Trigger's 104. A national employer's monitors keep hundreds
// of thousands, found at random; so kept, a recurrence's clock and its key
// take 64 bytes instead of 128: half the memory the table spans, and
// mostly one cache line read a lookup rather than two or three. The id and
// the citations are kept in place when together they fit in 14 bytes, as
// most logs' ids do, and on the heap when not.
class KeptTrigger {
 public:
  KeptTrigger() = default;
  KeptTrigger(const KeptTrigger& other);
  KeptTrigger(KeptTrigger&& other) noexcept;
  KeptTrigger& operator=(const KeptTrigger& other);
  KeptTrigger& operator=(KeptTrigger&& other) noexcept;
  ~KeptTrigger();

  void assign(std::string_view id, std::string_view cited, stream::Origin origin,
              eval::Timestamp time);
  void assign(const Trigger& trigger) {
    assign(trigger.id, trigger.cited, trigger.origin, trigger.time);
  }

  std::string_view id() const;
  std::string_view cited() const;  // as Trigger::cited
  stream::Origin origin() const { return origin_; }
  eval::Timestamp time() const { return time_; }

  // The Trigger kept, for a report.
  Trigger trigger(KeyId key) const;

 private:
  static constexpr std::size_t kInPlace = 14;
  static constexpr unsigned char kOnHeap = 0xff;

  bool on_heap() const { return static_cast<unsigned char>(text_[15]) == kOnHeap; }
  const char* block() const;
  void release();
  void set_empty();

  eval::Timestamp time_;
  stream::Origin origin_;
  // In place: the id's bytes, then the citations'; the id's size at [14],
  // both sizes' sum at [15]. On the heap: at [0] the address of a block
  // holding the two sizes, then the bytes; kOnHeap at [15].
  alignas(char*) char text_[16] = {};
};

// What a monitor reports and asks. The checker implements it; every call
// is about the monitor's own rule.
class Judge {
 public:
  virtual ~Judge() = default;

  // Evaluates a condition on `event` (with `trigger` bound for conditions
  // that compare the two). nullopt when evaluation failed, which the judge
  // has already reported as an evaluation error for this rule and event.
  std::optional<bool> test(const Condition& condition, const stream::Event& event,
                           const stream::Event* trigger = nullptr) {
    if (auto known = condition.known_for_type(event.type_code())) return known;
    return evaluate(condition, event, trigger);
  }

  // test() for a condition whose verdict depends on the event.
  virtual std::optional<bool> evaluate(const Condition& condition, const stream::Event& event,
                                       const stream::Event* trigger) = 0;

  // The event's correlation key for the given key fields (no fields: one
  // key for every event); nullopt (reported) when a key field is missing or
  // not a string.
  virtual std::optional<KeyId> key(const std::vector<eval::FieldId>& fields,
                                   const stream::Event& event) = 0;

  // The event's key when its values are at hand already (nullopt when
  // not): reports nothing and adds nothing. For Monitor::prefetch().
  virtual std::optional<KeyId> known_key(const std::vector<eval::FieldId>& fields,
                                         const stream::Event& event) = 0;

  // Snapshots an event that may trigger a violation later into `trigger`,
  // reusing the buffers it has.
  virtual void remember(const stream::Event& event, KeyId key, Trigger& trigger) = 0;

  // The same, into the compact form a monitor keeps by key.
  virtual void remember(const stream::Event& event, KeptTrigger& kept) {
    Trigger trigger;
    remember(event, kEmptyKey, trigger);
    kept.assign(trigger);
  }

  // The same, as a new Trigger.
  Trigger remember(const stream::Event& event, KeyId key) {
    Trigger trigger;
    remember(event, key, trigger);
    return trigger;
  }

  // A breach. `time` is when it happened (the trigger's time, or the
  // deadline missed); `evidence` are event ids after the trigger's.
  virtual void violation(const Trigger& trigger, eval::Timestamp time,
                         std::optional<eval::Timestamp> due,
                         std::vector<std::string> evidence = {}) = 0;

  // An obligation still open at as_of, due later.
  virtual void pending(const Trigger& trigger, eval::Timestamp due) = 0;
  // Said before `count` calls of pending() in a row, to make room at once
  // (a national log's training rule reports a clock per member of staff).
  virtual void expect_pending(std::size_t count) { (void)count; }

  // An evaluation error on an event, for this rule.
  virtual void error(const stream::Event& event, std::string message) = 0;

  // An obligation opened by `event` (a trigger waiting for its answer, a
  // recurrence's clock started), and `count` of them answered or forgotten:
  // the checker bounds how many a check holds at once, and stops the check
  // (stream::LimitExceeded, thrown from opened()) past that.
  virtual void opened(const stream::Event& event) = 0;
  virtual void closed(std::size_t count) = 0;
};

// A rule's state during one check.
class Monitor {
 public:
  virtual ~Monitor() = default;

  // Called first, at the start of each group of events with the same time:
  // every deadline earlier than `now` has passed without what it waited for.
  virtual void advance(eval::Timestamp now, Judge& judge) { (void)now, (void)judge; }

  // False for a monitor whose advance() never does anything: the checker
  // then skips the call at each new time (a log to the second has one an
  // event).
  virtual bool advances() const { return true; }

  // Called for the events of the group before observe() and judge() are:
  // may start fetching from memory the state they will read, so that the
  // waits of many events overlap. Changes nothing.
  virtual void prefetch(const stream::Event& event, Judge& judge) const {
    (void)event, (void)judge;
  }

  // Called for every event of the group, in input order: record what later
  // triggers will look for.
  virtual void observe(const stream::Event& event, Judge& judge) = 0;

  // Called again for every event of the group, after all were observed: a
  // trigger sees everything up to and including its own time.
  virtual void judge(const stream::Event& event, Judge& judge) { (void)event, (void)judge; }

  // The end of the log: report what is overdue at as_of, and what is pending.
  virtual void finish(eval::Timestamp as_of, Judge& judge) { (void)as_of, (void)judge; }

  // Reports each obligation open now as judge.pending(), in any order (the
  // checker sorts them), changing nothing: what a session is asked
  // mid-stream.
  virtual void open(Judge& judge) const { (void)judge; }
};

class RuleKind {
 public:
  // `event_types`: the event types the rule's conditions can match; nullopt
  // when any type can matter.
  RuleKind(RuleInfo info, std::optional<std::vector<std::string>> event_types)
      : info_(std::move(info)), event_types_(std::move(event_types)) {}
  virtual ~RuleKind() = default;

  const RuleInfo& info() const { return info_; }

  // The checker offers a rule only events of these types (all when nullopt).
  const std::optional<std::vector<std::string>>& event_types() const { return event_types_; }

  virtual std::unique_ptr<Monitor> start() const = 0;

 private:
  RuleInfo info_;
  std::optional<std::vector<std::string>> event_types_;
};

}  // namespace accord::rules
