// The SARIF 2.1.0 report, for code-scanning dashboards: one run whose
// driver's rules are the rule book's (the agreement's words as help), a
// result per violation located at its trigger event's file and line, and the
// errors as tool execution notifications. Written entry by entry like the
// JSON report, with the same writer, so that the same inputs give the same
// bytes.
#include <accord/report/report.hpp>

#include "report/escape.hpp"
#include "report/json_parts.hpp"

#include <accord/eval/json.hpp>

#include <optional>

namespace accord::report {

namespace {

using detail::json_count;
using detail::json_text;
using eval::Value;
using Object = detail::JsonObject;

constexpr std::string_view kSchema =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

// The notification descriptors, by their index in driver.notifications.
constexpr std::size_t kInputErrorDescriptor = 0;
constexpr std::size_t kEvaluationErrorDescriptor = 1;

Value message(std::string_view text) { return Object().add("text", json_text(text)).done(); }

std::string_view sarif_level(rules::Level level) {
  switch (level) {
    case rules::Level::Error: return "error";
    case rules::Level::Warning: return "warning";
    case rules::Level::Info: return "note";
  }
  return "error";
}

const rules::RuleSetInfo* rule_set_of(const Report& report, const rules::RuleInfo& rule) {
  for (const rules::RuleSetInfo& set : report.book.rule_sets()) {
    if (set.id == rule.rule_set && set.file == rule.file) return &set;
  }
  return nullptr;
}

Value rule_descriptor(const Report& report, const rules::RuleInfo& rule) {
  const rules::RuleSetInfo* set = rule_set_of(report, rule);
  std::string source = "Clause " + rule.clause;
  if (set != nullptr) source += " of " + set->title;
  std::string help_text = source;
  std::string help_markdown = "**Clause " + detail::markdown_text(rule.clause) + "**";
  if (set != nullptr) help_markdown += " of " + detail::markdown_text(set->title);
  if (!rule.quote.empty()) {
    help_text += ": \"" + rule.quote + "\"";
    help_markdown += ":\n\n> " + detail::markdown_text(rule.quote);
  }

  // Code-scanning services want a full description on every rule: the
  // agreement's words, or where the rule quotes none, where it comes from.
  Object descriptor;
  descriptor.add("id", json_text(rule.id))
      .add("shortDescription", message(rule.title))
      .add("fullDescription", message(rule.quote.empty() ? source : rule.quote))
      .add("help", Object().add("text", json_text(help_text)).add("markdown", json_text(help_markdown)).done())
      .add("defaultConfiguration", Object().add("level", json_text(sarif_level(rule.level))).done())
      .add("properties", Object()
                             .add("clause", json_text(rule.clause))
                             .add("ruleSet", json_text(rule.rule_set))
                             .add("kind", json_text(rule.kind))
                             .done());
  return descriptor.done();
}

// Code-scanning services want a full description and help on every
// descriptor, notifications' too.
Value notification_descriptor(std::string_view id, std::string_view summary, std::string_view help) {
  return Object()
      .add("id", json_text(id))
      .add("shortDescription", message(summary))
      .add("fullDescription", message(help))
      .add("help", message(help))
      .done();
}

Value tool(const Report& report) {
  eval::List rules;
  for (std::size_t i = 0; i < report.book.size(); ++i) {
    rules.push_back(rule_descriptor(report, report.book.info(i)));
  }
  eval::List notifications;
  notifications.push_back(notification_descriptor(
      "input-error", "Not a valid event",
      "A line or row of an event log that is not a valid event (malformed, without a valid id, time "
      "or type, a duplicate id), or an event log that cannot be read. The log was judged without it."));
  notifications.push_back(notification_descriptor(
      "evaluation-error", "A condition could not be evaluated",
      "A rule's condition could not be evaluated on an event (a missing field, a type mismatch), so "
      "the rule did not judge that event: neither a pass nor a violation."));
  Object driver;
  driver.add("name", json_text("accord"))
      .add("version", json_text(report.tool_version))
      .add("rules", Value::list(std::move(rules)))
      .add("notifications", Value::list(std::move(notifications)));
  return Object().add("driver", driver.done()).done();
}

bool is_standard_input(std::string_view name) { return name == "<stdin>" || name == "-"; }

// Where an event was written, as SARIF locations: its file (as the user
// named it) and line, and the event itself by its id where it has one (the
// only location an event read from standard input has). Absent when there
// is neither.
std::optional<Value> location(const Report& report, stream::Origin origin, std::string_view event_id) {
  Object location;
  std::string name = report.input_name(origin.input);
  if (!is_standard_input(name)) {
    Object physical;
    physical.add("artifactLocation", Object().add("uri", json_text(detail::path_uri(name))).done());
    if (origin.line > 0) physical.add("region", Object().add("startLine", json_count(origin.line)).done());
    location.add("physicalLocation", physical.done());
  } else if (event_id.empty()) {
    return std::nullopt;
  }
  if (!event_id.empty()) {
    eval::List logical;
    logical.push_back(Object().add("name", json_text(event_id)).add("kind", json_text("object")).done());
    location.add("logicalLocations", Value::list(std::move(logical)));
  }
  return location.done();
}

void add_location(Object& object, const Report& report, stream::Origin origin, std::string_view event_id) {
  if (auto where = location(report, origin, event_id)) {
    eval::List list;
    list.push_back(std::move(*where));
    object.add("locations", Value::list(std::move(list)));
  }
}

Value result_value(const Report& report, const stream::Violation& v) {
  const rules::RuleInfo& rule = report.book.info(v.rule);
  eval::List evidence;
  for (const std::string& id : v.evidence) evidence.push_back(json_text(id));
  Object properties;
  properties.add("clause", json_text(rule.clause))
      .add("trigger", json_text(v.trigger))
      .add("evidence", Value::list(std::move(evidence)))
      .add("time", Value::timestamp(v.time));
  if (v.due) properties.add("due", Value::timestamp(*v.due));
  if (!v.key.empty()) properties.add("key", detail::json_key(v.key));

  Object object;
  object.add("ruleId", json_text(rule.id))
      .add("ruleIndex", json_count(v.rule))
      .add("level", json_text(sarif_level(rule.level)))
      .add("message", message(v.message));
  add_location(object, report, v.origin, v.trigger);
  return object.add("properties", properties.done()).done();
}

Value descriptor_reference(std::string_view id, std::size_t index) {
  return Object().add("id", json_text(id)).add("index", json_count(index)).done();
}

Value input_notification(const Report& report, const stream::InputError& e) {
  Object object;
  object.add("level", json_text("error"))
      .add("message", message(e.message))
      .add("descriptor", descriptor_reference("input-error", kInputErrorDescriptor));
  add_location(object, report, e.origin, "");
  return object.add("properties", Object().add("file", json_text(report.input_name(e.origin.input))).done())
      .done();
}

Value evaluation_notification(const Report& report, const stream::EvaluationError& e) {
  Object object;
  object.add("level", json_text("error"))
      .add("message", message(e.message))
      .add("descriptor", descriptor_reference("evaluation-error", kEvaluationErrorDescriptor))
      .add("associatedRule", descriptor_reference(report.book.info(e.rule).id, e.rule));
  add_location(object, report, e.origin, e.event);
  return object.add("properties", Object()
                                      .add("event", json_text(e.event))
                                      .add("file", json_text(report.input_name(e.origin.input)))
                                      .done())
      .done();
}

Value run_properties(const Report& report) {
  return Object()
      .add("asOf", Value::timestamp(report.result.as_of))
      .add("parameters", detail::json_parameters(report))
      .add("summary", detail::json_summary(report))
      .done();
}

}  // namespace

void write_sarif(std::ostream& out, const Report& report) {
  const stream::CheckResult& result = report.result;
  out << "{\"$schema\":" << eval::to_json(json_text(kSchema)) << ",\"version\":\"2.1.0\",\"runs\":[{"
      << "\"tool\":" << eval::to_json(tool(report));

  // The lists can hold hundreds of thousands of entries: each entry is built
  // and written on its own, never the whole run.
  const char* separator = "";
  auto write = [&](const Value& value) {
    out << separator << eval::to_json(value);
    separator = ",";
  };

  // An input or evaluation error means the check could not be trusted as it
  // stands, as accord's exit status 2 says.
  bool errors = !result.input_errors.empty() || !result.evaluation_errors.empty();
  out << ",\"invocations\":[{\"executionSuccessful\":" << (errors ? "false" : "true");
  if (errors) {
    out << ",\"toolExecutionNotifications\":[";
    for (const auto& e : result.input_errors) write(input_notification(report, e));
    for (const auto& e : result.evaluation_errors) write(evaluation_notification(report, e));
    out << ']';
  }
  out << "}],\"results\":[";
  separator = "";
  for (const auto& v : result.violations) write(result_value(report, v));
  out << "],\"properties\":" << eval::to_json(run_properties(report)) << "}]}\n";
}

}  // namespace accord::report
