// Embedding accord: the small, stable API a program links to check events
// as they happen (an HR platform records a decision and asks at once which
// obligations it opens or breaks), and that `accord check` itself uses.
//
//   auto loaded = accord::RuleSet::load_file("rules/npa.yaml");
//   if (!loaded.rule_set) { std::cerr << loaded.message; return 1; }
//   accord::SessionOptions options;
//   options.on_violation = [&](const accord::stream::Violation& v) { alert(v.message); };
//   accord::Session session(*loaded.rule_set, options);
//   if (auto error = session.add_json(R"({"id":"e1","time":"2025-03-01","type":...})")) ...
//   for (const auto& open : session.pending()) ...
//   accord::stream::CheckResult result = session.finish();
//   accord::write_report(std::cout, *loaded.rule_set, result);  // JSON; ReportOptions for others
//
// Errors are values, never exceptions: a rule set that does not load comes
// back as problems with file, line and column; an event that is not valid
// comes back as an InputError (and is kept in the result, so nothing goes
// unaccounted). Exceptions from this API mean a bug in accord or memory
// exhausted, nothing the input can cause (an exception the caller's own
// on_violation throws comes out of the call that found the violation).
//
// Nothing here prints, logs or touches a file it was not asked to.
//
// Threads: a RuleSet is immutable and may be shared by any number of
// sessions in any number of threads. A Session belongs to one thread at a
// time; callbacks run on the thread that called add(), advance_to(),
// pending() or finish().
//
// ../../../docs/embedding.md is the tour, with complete programs in C++, C
// (accord.h) and Python.
#pragma once

#include <accord/diagnostic.hpp>
#include <accord/eval/time.hpp>
#include <accord/eval/value.hpp>
#include <accord/report/report.hpp>
#include <accord/rules/rule_book.hpp>
#include <accord/source.hpp>
#include <accord/stream/check_logs.hpp>
#include <accord/stream/checker.hpp>
#include <accord/stream/event.hpp>
#include <accord/stream/reader.hpp>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace accord {

// A problem in a rule set, located: "rules/npa.yaml:14:22: error: ...".
struct Problem {
  Severity severity = Severity::Error;
  std::string file;        // the rule set's name: its path, or the name given with its text
  std::uint32_t line = 0;  // 1-based; 0 when the file could not be read at all
  std::uint32_t column = 0;
  std::string code;     // stable ("E102"); empty for a file that could not be read
  std::string message;  // one sentence, lower-case start
};

struct RuleSetOptions {
  // Parameter overrides by name, as `accord check --param NAME=VALUE`
  // gives them: {"min_consultation", "45d"}.
  std::vector<std::pair<std::string, std::string>> parameters;
};

struct RuleSetLoad;

// An immutable compiled rule set: one or more YAML rule files loaded and
// validated together. Cheap to copy (copies share the compiled rules).
class RuleSet {
 public:
  // One rule file.
  static RuleSetLoad load_file(const std::string& path, const RuleSetOptions& options = {});
  // Several rule files judged as one (their conditions share one table of
  // fields); a file that cannot be read is a problem with line 0.
  static RuleSetLoad load_files(const std::vector<std::string>& paths,
                                const RuleSetOptions& options = {});
  // Rule set text (YAML); `name` is what problems and reports call it.
  static RuleSetLoad load_string(std::string text, std::string name = "<rules>",
                                 const RuleSetOptions& options = {});

  // The compiled rules, for check_logs, reports and EventBuilder
  // (book().fields()).
  const rules::RuleBook& book() const { return compiled_->book; }
  std::size_t size() const { return compiled_->book.size(); }
  // A rule's id, clause, quotation, level...: what a Violation's `rule`
  // index stands for.
  const rules::RuleInfo& rule(std::size_t index) const { return compiled_->book.info(index); }
  // The rule files as loaded, in order: what rule tests reload with their
  // own parameters, and what a tool points into.
  std::vector<const SourceFile*> sources() const;

 private:
  struct Compiled {
    std::vector<std::unique_ptr<SourceFile>> sources;
    rules::RuleBook book;
  };
  explicit RuleSet(std::shared_ptr<const Compiled> compiled) : compiled_(std::move(compiled)) {}
  // Loads the files read so far, after the problems found reading them.
  static RuleSetLoad load(std::vector<std::unique_ptr<SourceFile>> files,
                          std::vector<Problem> problems, const RuleSetOptions& options);

  std::shared_ptr<const Compiled> compiled_;
};

// What loading gives: the rule set, or the errors that kept it from loading.
struct RuleSetLoad {
  std::optional<RuleSet> rule_set;  // empty when any problem is an error
  std::vector<Problem> problems;    // errors and warnings, in file order
  // Every problem formatted as accord check prints it: file:line:column,
  // message, the line and a caret under the place. Empty when none.
  std::string message;
};

struct SessionOptions {
  // Called for each violation as soon as it is certain, before finish():
  // a forbidden event when it is judged, a missed deadline when a later
  // event (or finish) shows the time has passed.
  std::function<void(const stream::Violation&)> on_violation;
  // How far back in time an event may arrive after later ones and still be
  // judged in order. By default events come in time order (any number at
  // one time): an event's arrival judges the events before it and passes
  // the deadlines before its time, and an event earlier than the latest is
  // an input error. A longer window delays judging (and violations) by as
  // much.
  std::optional<eval::Duration> reorder_window = eval::Duration{0, 0};
  // What errors and reports call the session's events ("<session>:12" is
  // its twelfth event).
  std::string input_name = "<session>";
  // Bounds on one event given as JSON or as fields: its size in bytes, the
  // nesting of its arrays and objects, its number of fields.
  stream::ReaderLimits limits;
  // Obligations open at once, across all rules. One more stops the session:
  // the call that went past it and every later add() return the error
  // (naming the event and the rule), pending() is empty, and finish()
  // returns a result holding that error alone.
  std::uint64_t max_open_obligations = stream::CheckOptions{}.max_open_obligations;
};

// One check of a stream of events against a rule set, event by event.
// Events are numbered 1, 2, ... in the order given: the number is the line
// of their Origin in violations, errors and reports.
class Session {
 public:
  explicit Session(RuleSet rule_set, SessionOptions options = {});
  ~Session();
  Session(Session&&) noexcept;
  Session& operator=(Session&&) noexcept;

  const RuleSet& rule_set() const { return rule_set_; }
  const std::string& input_name() const;

  // Whether the session has stopped at SessionOptions::max_open_obligations.
  bool stopped() const;

  // One event as a JSON object with "id", "time" and "type" (../docs/events.md).
  // Returns why it is not a valid event, if it is not: "malformed JSON: byte
  // 12: ...", "missing 'time'", an id given before, a time earlier than the
  // reorder window allows. The error is in the result's input_errors too.
  std::optional<stream::InputError> add_json(std::string_view json);

  // One event as fields by name, values as accord reads them from JSON
  // (strings, numbers, booleans, lists, maps with string keys; null is
  // absent). `fields` must be a map. Returns an error as add_json does.
  std::optional<stream::InputError> add(const eval::Value& fields);

  // One event built with stream::EventBuilder on rule_set().book().fields(),
  // its origin as the builder was given it. Returns an error when the
  // session refuses the event (an id given before, a time earlier than the
  // reorder window allows) or has stopped (SessionOptions::max_open_obligations).
  std::optional<stream::InputError> add(stream::Event event);

  // The time is `now` (a live system calls this on a clock): judges the
  // events before it and reports, through on_violation, every deadline that
  // passed before it, without waiting for the next event. An event earlier
  // than `now` added afterwards is an input error. Returns an error only
  // when the session has stopped.
  std::optional<stream::InputError> advance_to(eval::Timestamp now);

  // The obligations open now, by due time: what the events so far have
  // started and nothing has yet met or broken. Judges every event added
  // (an event added afterwards at the same time is judged after them).
  std::vector<stream::Pending> pending();

  // Judges what is left and returns the result at `as_of`: deadlines before
  // it are violations, later ones pending. By default, and when `as_of` is
  // earlier than an event added, at the time of the last event. Call once;
  // afterwards the session takes no more events.
  stream::CheckResult finish(std::optional<eval::Timestamp> as_of = std::nullopt);

 private:
  class Impl;
  RuleSet rule_set_;
  std::unique_ptr<Impl> impl_;
};

// The report of a finished check (a Session's or check_logs') in any format.
struct ReportOptions {
  report::Format format = report::Format::Json;
  // The inputs' names, by Origin::input ({"<session>"} for a session, by
  // default "input N").
  std::vector<std::string> inputs;
  std::string tool_version;  // for the report's header
  bool color = false;        // ANSI colours in the text format
  // HTML timelines: what the report knows of the events it names (see
  // report::find_named_events); events missing from it are left out.
  const report::NamedEvents* events = nullptr;
};

void write_report(std::ostream& out, const RuleSet& rule_set, const stream::CheckResult& result,
                  const ReportOptions& options = {});

// The same, as text.
std::string report_text(const RuleSet& rule_set, const stream::CheckResult& result,
                        const ReportOptions& options = {});

}  // namespace accord
