// Writing what a check found: the JSON report (the stable interface for CI
// and HR tooling, ../docs/report.md), text for a person at a terminal, and
// SARIF, JUnit XML and Markdown for code scanning, CI and pull requests, and
// one self-contained HTML page for a person who would rather look than read.
//
//   accord::report::Report report{book, result, {"events.jsonl"}};
//   accord::report::write_json(std::cout, report);
#pragma once

#include <accord/rules/rule_book.hpp>
#include <accord/stream/check_logs.hpp>
#include <accord/stream/checker.hpp>

#include <map>

#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace accord::report {

inline constexpr int kReportVersion = 1;

// Everything a report shows. Borrowed: the book and result outlive it.
struct Report {
  const rules::RuleBook& book;
  const stream::CheckResult& result;
  std::vector<std::string> inputs;  // the event files, as the user named them ("-": stdin)
  std::string tool_version;

  // An input's name as reports show it; "input N" for one not named.
  std::string input_name(std::uint32_t input) const {
    return input < inputs.size() ? inputs[input] : "input " + std::to_string(input + 1);
  }

  // Where an event was written, as reports show it: "events.jsonl:12", or
  // the input's name alone when there is no line.
  std::string location(stream::Origin origin) const {
    std::string text = input_name(origin.input);
    if (origin.line > 0) text += ":" + std::to_string(origin.line);
    return text;
  }
};

enum class Format { Text, Json, Sarif, Junit, Markdown, Html };

std::optional<Format> parse_format(std::string_view name);

// One JSON object, byte-identical for the same inputs, ending in a newline.
void write_json(std::ostream& out, const Report& report);

struct TextStyle {
  bool color = false;  // ANSI colours, for a terminal that wants them
};

// One block per violation, then pending obligations, errors and a summary.
void write_text(std::ostream& out, const Report& report, const TextStyle& style = {});

// SARIF 2.1.0, one JSON object ending in a newline: a result per violation,
// the rules with their clause and quotation, input and evaluation errors as
// tool execution notifications.
void write_sarif(std::ostream& out, const Report& report);

// JUnit XML: a test case per rule, a failure per violation, an error per
// evaluation error; the inputs as test cases with an error per input error.
void write_junit(std::ostream& out, const Report& report);

// GitHub-flavoured Markdown for a pull-request comment: a summary table, the
// rules kept and broken, and a section per broken rule.
void write_markdown(std::ostream& out, const Report& report);

// What a report knows of an event it names (a trigger or evidence) when its
// input can be read again: when it happened, its type and where it was written.
struct NamedEvent {
  eval::Timestamp time;
  std::string type;
  stream::Origin origin;
};
using NamedEvents = std::map<std::string, NamedEvent, std::less<>>;

// Reads the inputs again for the events the report's violations and pending
// obligations name. Inputs that cannot be read twice (standard input) are
// skipped, so an event may be missing.
NamedEvents find_named_events(const Report& report, const std::vector<stream::LogInput>& inputs);

// One self-contained HTML page (no scripts, nothing fetched): a summary, a
// timeline per matter (an inline SVG of triggers, evidence, deadlines and
// breaches; events placed by `events`, those missing from it left out), the
// violations with the agreement's words, pending obligations and errors.
void write_html(std::ostream& out, const Report& report, const NamedEvents& events = {});

// Counts the report's violations at or above `level`.
std::size_t count_at_least(const Report& report, rules::Level level);

}  // namespace accord::report
