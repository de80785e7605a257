// Runs whole checks from text, for tests: a rule set in YAML and a small
// event log in YAML, in, and the result in a form easy to assert on, out.
#pragma once

#include <accord/rules/load.hpp>
#include <accord/stream/checker.hpp>

#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace accord::testing {

struct Outcome {
  std::string load_errors;  // formatted diagnostics; empty when the rules loaded
  std::vector<std::pair<std::string, std::string>> violations;  // (rule, trigger)
  std::vector<std::pair<std::string, std::string>> pending;     // (rule, trigger)
  std::vector<std::string> errors;  // "rule event: message" and "line N: message"
  stream::CheckResult result;
  std::optional<rules::RuleBook> book;
};

struct CheckSpec {
  std::string rules_yaml;
  std::string events_yaml;
  std::optional<std::string> as_of;  // RFC 3339 or a date
  std::vector<std::pair<std::string, std::string>> params;
};

Outcome run_check(const CheckSpec& spec);

// Everything a result says, one line each (its counts, violations with
// their messages, pending obligations, input and evaluation errors), for
// comparing two results whole; `rule_id` names a rule by its number.
std::vector<std::string> result_lines(const stream::CheckResult& result,
                                      const std::function<std::string(std::size_t)>& rule_id);

// The text of a file in the source tree (rules/npa.yaml, ...).
std::string read_source_file(const std::string& relative_path);

}  // namespace accord::testing
