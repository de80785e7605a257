// The JUnit XML report, for CI systems' test views: a test suite per rule
// set with a test case per rule, failed by each of its violations and in
// error for each event its conditions could not be evaluated on; and a suite
// "accord.input" with a test case per event log, in error for each line that
// is not a valid event. Counts are of <failure> and <error> elements, as
// JUnit readers count them.
#include <accord/report/report.hpp>

#include "report/escape.hpp"
#include "stream/judge.hpp"

namespace accord::report {

namespace {

using detail::xml_attribute;
using detail::xml_text;

constexpr std::string_view kInputSuite = "accord.input";

bool belongs_to(const rules::RuleInfo& rule, const rules::RuleSetInfo& set) {
  return rule.rule_set == set.id && rule.file == set.file;
}

std::string when(eval::Timestamp t) { return stream::detail::format_message_time(t); }

std::string key_text(const std::vector<std::pair<std::string, std::string>>& key) {
  std::string text;
  for (const auto& [name, value] : key) text += (text.empty() ? "" : ", ") + name + " " + value;
  return text;
}

// Everything a CI page can show about a violation beyond its message.
std::string failure_details(const Report& report, const stream::Violation& v) {
  const rules::RuleInfo& rule = report.book.info(v.rule);
  std::string text = "Clause " + rule.clause + ", " + std::string(rules::level_name(rule.level)) +
                     ": " + rule.title + "\nTime: " + when(v.time);
  if (v.due) text += "\nDue: " + when(*v.due);
  text += "\nTrigger: " + v.trigger + " (" + report.location(v.origin) + ")\nEvidence: ";
  for (std::size_t i = 0; i < v.evidence.size(); ++i) text += (i ? ", " : "") + v.evidence[i];
  if (!v.key.empty()) text += "\nKey: " + key_text(v.key);
  if (!rule.quote.empty()) text += "\nThe agreement: \"" + rule.quote + "\"";
  return text;
}

struct Counts {
  std::size_t tests = 0;
  std::size_t failures = 0;
  std::size_t errors = 0;
};

std::string count_attributes(const Counts& counts) {
  return " tests=\"" + std::to_string(counts.tests) + "\" failures=\"" +
         std::to_string(counts.failures) + "\" errors=\"" + std::to_string(counts.errors) + "\"";
}

// A <failure> or <error>: the message as an attribute, the details as text.
void write_outcome(std::ostream& out, std::string_view element, std::string_view message,
                   std::string_view type, std::string_view details) {
  out << "      <" << element << " message=\"" << xml_attribute(message) << "\" type=\""
      << xml_attribute(type) << "\">" << xml_text(details) << "</" << element << ">\n";
}

// What the report holds, grouped by the test case it belongs to.
struct Grouped {
  std::vector<std::vector<const stream::Violation*>> violations;  // by rule
  std::vector<std::vector<const stream::EvaluationError*>> evaluation_errors;
  std::vector<std::vector<const stream::Pending*>> pending;
  std::vector<std::vector<const stream::InputError*>> input_errors;  // by input
};

Grouped group(const Report& report) {
  const stream::CheckResult& result = report.result;
  Grouped g;
  g.violations.resize(report.book.size());
  g.evaluation_errors.resize(report.book.size());
  g.pending.resize(report.book.size());
  g.input_errors.resize(report.inputs.size());
  for (const auto& v : result.violations) g.violations[v.rule].push_back(&v);
  for (const auto& e : result.evaluation_errors) g.evaluation_errors[e.rule].push_back(&e);
  for (const auto& p : result.pending) g.pending[p.rule].push_back(&p);
  for (const auto& e : result.input_errors) {
    if (e.origin.input >= g.input_errors.size()) g.input_errors.resize(e.origin.input + 1);
    g.input_errors[e.origin.input].push_back(&e);
  }
  return g;
}

void write_rule_case(std::ostream& out, const Report& report, const Grouped& g, std::size_t rule_index) {
  const rules::RuleInfo& rule = report.book.info(rule_index);
  out << "    <testcase classname=\"" << xml_attribute(rule.rule_set) << "\" name=\""
      << xml_attribute(rule.id + ": " + rule.title) << "\"";
  const auto& violations = g.violations[rule_index];
  const auto& errors = g.evaluation_errors[rule_index];
  const auto& pending = g.pending[rule_index];
  if (violations.empty() && errors.empty() && pending.empty()) {
    out << "/>\n";
    return;
  }
  out << ">\n";
  for (const stream::EvaluationError* e : errors) {
    write_outcome(out, "error", e->message, "evaluation",
                  "Event " + e->event + " (" + report.location(e->origin) + ") was not judged by this rule.");
  }
  for (const stream::Violation* v : violations) {
    write_outcome(out, "failure", v->message, rules::level_name(rule.level), failure_details(report, *v));
  }
  if (!pending.empty()) {
    std::string text = "Pending at " + when(report.result.as_of) + ":";
    for (const stream::Pending* p : pending) {
      text += "\n  due " + when(p->due) + ", after " + p->trigger;
      if (!p->key.empty()) text += " (" + key_text(p->key) + ")";
    }
    out << "      <system-out>" << xml_text(text) << "</system-out>\n";
  }
  out << "    </testcase>\n";
}

}  // namespace

void write_junit(std::ostream& out, const Report& report) {
  const Grouped g = group(report);
  const stream::CheckResult& result = report.result;

  const auto& sets = report.book.rule_sets();
  std::vector<Counts> suites(sets.size());
  for (std::size_t s = 0; s < sets.size(); ++s) {
    for (std::size_t i = 0; i < report.book.size(); ++i) {
      if (!belongs_to(report.book.info(i), sets[s])) continue;
      ++suites[s].tests;
      suites[s].failures += g.violations[i].size();
      suites[s].errors += g.evaluation_errors[i].size();
    }
  }
  Counts inputs{g.input_errors.size(), 0, result.input_errors.size()};
  Counts total = inputs;
  for (const Counts& suite : suites) {
    total.tests += suite.tests;
    total.failures += suite.failures;
    total.errors += suite.errors;
  }

  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      << "<testsuites name=\"accord\"" << count_attributes(total) << ">\n";
  for (std::size_t s = 0; s < sets.size(); ++s) {
    out << "  <testsuite name=\"" << xml_attribute(sets[s].id) << "\"" << count_attributes(suites[s])
        << " skipped=\"0\">\n"
        << "    <properties>\n"
        << "      <property name=\"title\" value=\"" << xml_attribute(sets[s].title) << "\"/>\n"
        << "      <property name=\"file\" value=\"" << xml_attribute(sets[s].file) << "\"/>\n"
        << "      <property name=\"as_of\" value=\"" << eval::format_timestamp(result.as_of) << "\"/>\n";
    for (const rules::Parameter& parameter : report.book.parameters()) {
      if (parameter.rule_set != sets[s].id) continue;
      out << "      <property name=\"param." << xml_attribute(parameter.name) << "\" value=\""
          << xml_attribute(parameter.text) << "\"/>\n";
    }
    out << "    </properties>\n";
    for (std::size_t i = 0; i < report.book.size(); ++i) {
      if (belongs_to(report.book.info(i), sets[s])) write_rule_case(out, report, g, i);
    }
    out << "  </testsuite>\n";
  }

  out << "  <testsuite name=\"" << kInputSuite << "\"" << count_attributes(inputs) << " skipped=\"0\">\n";
  for (std::size_t i = 0; i < g.input_errors.size(); ++i) {
    out << "    <testcase classname=\"" << kInputSuite << "\" name=\""
        << xml_attribute(report.input_name(static_cast<std::uint32_t>(i))) << "\"";
    if (g.input_errors[i].empty()) {
      out << "/>\n";
      continue;
    }
    out << ">\n";
    for (const stream::InputError* e : g.input_errors[i]) {
      write_outcome(out, "error", e->message, "input", report.location(e->origin));
    }
    out << "    </testcase>\n";
  }
  out << "  </testsuite>\n</testsuites>\n";
}

}  // namespace accord::report
