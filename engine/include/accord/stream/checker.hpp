// Judging a stream of events against a RuleBook.
//
// A Checker is one check: feed it events in (roughly) time order, then
// finish() at as_of. It makes one pass, keeping per rule and per correlation
// key only what later events can still need, plus a bounded window of events
// to put a slightly unsorted log back in order.
//
//   accord::stream::Checker checker(book, options);
//   while (reader->next(item)) checker.add(std::move(item));
//   accord::stream::CheckResult result = checker.finish();
#pragma once

#include <accord/eval/time.hpp>
#include <accord/rules/rule_book.hpp>
#include <accord/stream/event.hpp>
#include <accord/stream/reader.hpp>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace accord::stream {

struct Violation {
  std::size_t rule = 0;                // index in the RuleBook
  std::string trigger;                 // id of the event that made the obligation apply
  Origin origin;                       // where that event was written
  std::vector<std::string> evidence;   // ids of the events that show the breach, trigger first
  eval::Timestamp time;                // when the breach happened
  std::optional<eval::Timestamp> due;  // the deadline, where there is one
  std::string message;
  std::vector<std::pair<std::string, std::string>> key;  // correlation values
};

struct Pending {
  std::size_t rule = 0;
  std::string trigger;
  Origin origin;  // of the trigger
  eval::Timestamp due;
  std::vector<std::pair<std::string, std::string>> key;
};

// A condition that could not be evaluated on an event: never read as false.
struct EvaluationError {
  std::size_t rule = 0;
  std::string event;  // its id
  Origin origin;
  std::string message;
};

struct CheckResult {
  eval::Timestamp as_of;
  std::uint64_t events = 0;    // read and judged
  std::uint64_t left_out = 0;  // valid events later than as_of
  std::vector<Violation> violations;  // by time, then rule id, then trigger id
  std::vector<Pending> pending;       // by due time, then rule id, then trigger id
  std::vector<InputError> input_errors;            // in input order
  std::vector<EvaluationError> evaluation_errors;  // by event, then rule
};

struct CheckOptions {
  // The moment the log is judged at; by default the time of its last event.
  std::optional<eval::Timestamp> as_of;
  // How far back in time an event may arrive after later ones and still be
  // judged in order; nullopt keeps every event until finish() (any order).
  std::optional<eval::Duration> reorder_window = eval::Duration{30 * 86400, 0};
  // The inputs' names by Origin::input ("events.jsonl"), for messages that
  // point from one input to another; "input N" when not given.
  std::vector<std::string> input_names;
  // Called for each violation as soon as it is certain (before finish()).
  std::function<void(const Violation&)> on_violation;
  // Whether the checker finds duplicate ids; false when the caller gives it
  // none (check_logs finds them on its reading thread).
  bool check_duplicate_ids = true;
  // Obligations open at once, across all rules (triggers waiting for their
  // answer, recurrences' clocks; a few hundred bytes each). One more stops
  // the check with LimitExceeded: a clear message, not memory running out.
  std::uint64_t max_open_obligations = 2'000'000;
};

// A check stopped at a limit: `origin` is the event that went past it. The
// message says which limit and how to raise it.
class LimitExceeded : public std::runtime_error {
 public:
  LimitExceeded(Origin origin, const std::string& message)
      : std::runtime_error(message), origin_(origin) {}
  const Origin& origin() const { return origin_; }

 private:
  Origin origin_;
};

class Checker {
 public:
  Checker(const rules::RuleBook& book, CheckOptions options = {});
  ~Checker();
  Checker(const Checker&) = delete;
  Checker& operator=(const Checker&) = delete;

  // One event, or an input error, in input order. Events are taken by
  // rvalue: each is moved once, into the reorder window.
  void add(ReadItem&& item);
  // An event the checker refuses (a duplicate id, later than the reorder
  // window allows) is an input error in the result; then returns it (valid
  // until the next call), else nullptr.
  const InputError* add(Event&& event);
  void add(InputError error);
  // Items in input order, as one add() each, but the events they let out
  // of the reorder window are judged together after the last (their
  // lookups then overlap): a violation is reported by the end of the call.
  // Each event is moved from.
  void add(std::span<ReadItem> items);

  // Events that arrived too late for the reorder window so far (each also
  // an input error). A caller that can read its input again may rerun with
  // an unbounded window.
  std::uint64_t late_events() const;

  // The time is `now`: no event earlier is still to come (one added later
  // is late, whatever the reorder window). Judges the events before it and
  // reports every deadline that passed before it, so a live caller learns
  // of a missed deadline without waiting for the next event. Capped at
  // CheckOptions::as_of; finish() defaults to no earlier than `now`.
  void advance_to(eval::Timestamp now);

  // Judges every event added so far and returns the obligations open now,
  // ordered as CheckResult::pending. An event added afterwards at the time
  // of the last one is judged after it, as though a moment later; one
  // earlier is late, whatever the reorder window.
  std::vector<Pending> pending();

  // Judges what is left and returns the report's content. Call once.
  // `as_of`, when given, replaces CheckOptions::as_of; one earlier than an
  // event judged already is raised to that event's time. A result of many
  // thousands of entries is sorted and its keys decoded on two threads.
  CheckResult finish(std::optional<eval::Timestamp> as_of = std::nullopt);

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace accord::stream
