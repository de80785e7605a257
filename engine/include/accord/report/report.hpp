// Writing what a check found: the JSON report (the stable interface for CI
// and HR tooling, ../docs/report.md) and text for a person at a terminal.
//
//   accord::report::Report report{book, result, {"events.jsonl"}};
//   accord::report::write_json(std::cout, report);
#pragma once

#include <accord/rules/rule_book.hpp>
#include <accord/stream/checker.hpp>

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
};

enum class Format { Text, Json };

std::optional<Format> parse_format(std::string_view name);

// One JSON object, byte-identical for the same inputs, ending in a newline.
void write_json(std::ostream& out, const Report& report);

struct TextStyle {
  bool color = false;  // ANSI colours, for a terminal that wants them
};

// One block per violation, then pending obligations, errors and a summary.
void write_text(std::ostream& out, const Report& report, const TextStyle& style = {});

// Counts the report's violations at or above `level`.
std::size_t count_at_least(const Report& report, rules::Level level);

}  // namespace accord::report
