// The JSON report: its head built as Values (maps keep their insertion
// order) and written by eval's JSON writer; the entries of its long lists
// written field by field with the same writer's strings. The same inputs
// give the same bytes.
#include <accord/report/report.hpp>

#include "in_halves.hpp"
#include "report/json_parts.hpp"

#include <accord/eval/json.hpp>
#include <accord/eval/time.hpp>

#include <algorithm>

namespace accord::report {

namespace {

using eval::Value;
using Object = detail::JsonObject;

Value text(std::string_view s) { return detail::json_text(s); }
Value count(std::uint64_t n) { return detail::json_count(n); }

// The entries of the two long lists are written straight into text, field
// by field in the order report.md gives, with eval's JSON strings: a
// national log's report has hundreds of thousands of them. What a rule
// says of itself is the same in each of its entries, written once.
class EntryWriter {
 public:
  explicit EntryWriter(const Report& report) {
    for (std::size_t i = 0; i < report.book.size(); ++i) {
      const rules::RuleInfo& rule = report.book.info(i);
      std::string head = "{";
      append_member(head, "rule", rule.id);
      append_member(head, "clause", rule.clause);
      pending_heads_.push_back(head);
      append_member(head, "severity", rules::level_name(rule.level));
      append_member(head, "title", rule.title);
      violation_heads_.push_back(std::move(head));
    }
  }

  void append(std::string& out, const stream::Violation& v) const {
    out += violation_heads_[v.rule];
    append_member(out, "message", v.message);
    append_member(out, "trigger", v.trigger);
    out += "\"evidence\":[";
    for (std::size_t i = 0; i < v.evidence.size(); ++i) {
      if (i != 0) out += ',';
      eval::append_json_string(out, v.evidence[i]);
    }
    out += "],";
    append_time(out, "time", v.time);
    if (v.due) {
      out += ',';
      append_time(out, "due", *v.due);
    }
    append_key(out, v.key);
    out += '}';
  }

  void append(std::string& out, const stream::Pending& p) const {
    out += pending_heads_[p.rule];
    append_member(out, "trigger", p.trigger);
    append_time(out, "due", p.due);
    append_key(out, p.key);
    out += '}';
  }

 private:
  // "name":"text", and the comma after it.
  static void append_member(std::string& out, std::string_view name, std::string_view text) {
    eval::append_json_string(out, name);
    out += ':';
    eval::append_json_string(out, text);
    out += ',';
  }

  static void append_time(std::string& out, std::string_view name, eval::Timestamp time) {
    eval::append_json_string(out, name);
    out += ":\"";  // a timestamp needs no escapes
    eval::append_timestamp(out, time);
    out += '"';
  }

  static void append_key(std::string& out,
                         const std::vector<std::pair<std::string, std::string>>& key) {
    if (key.empty()) return;
    out += ",\"key\":{";
    for (std::size_t i = 0; i < key.size(); ++i) {
      if (i != 0) out += ',';
      eval::append_json_string(out, key[i].first);
      out += ':';
      eval::append_json_string(out, key[i].second);
    }
    out += '}';
  }

  std::vector<std::string> violation_heads_;
  std::vector<std::string> pending_heads_;
};

// Writes the JSON of every entry, comma-separated, a block of entries at a
// time: few writes to the stream, and little text held at once. A long
// list's second half is made into text on another thread meanwhile
// (in_halves): the report of a national log, hundreds of thousands of
// entries, is made in little more than half the time.
template <class Entry>
void write_entries(std::ostream& out, const std::vector<Entry>& entries,
                   const EntryWriter& writer) {
  auto append_entries = [&](std::size_t begin, std::size_t end, std::string& text) {
    for (std::size_t i = begin; i < end; ++i) {
      if (i != 0) text += ',';
      writer.append(text, entries[i]);
    }
  };
  constexpr std::size_t kBlock = 1024;
  std::string second_half;
  accord::detail::in_halves(entries.size(), [&](std::size_t begin, std::size_t end) {
    if (begin != 0) {
      append_entries(begin, end, second_half);
      return;
    }
    std::string text;
    for (std::size_t block = 0; block < end; block += kBlock) {
      text.clear();
      append_entries(block, std::min(end, block + kBlock), text);
      out << text;
    }
  });
  out << second_half;
}

}  // namespace

namespace detail {

Value json_key(const std::vector<std::pair<std::string, std::string>>& key) {
  Object object;
  for (const auto& [name, value] : key) object.add(name, text(value));
  return object.done();
}

Value json_parameters(const Report& report) {
  Object parameters;
  for (const rules::Parameter& parameter : report.book.parameters()) {
    parameters.add(parameter.name, text(parameter.text));
  }
  return parameters.done();
}

Value json_summary(const Report& report) {
  const stream::CheckResult& result = report.result;
  Object summary;
  summary.add("events", count(result.events))
      .add("left_out", count(result.left_out))
      .add("rules", count(report.book.size()))
      .add("violations", count(result.violations.size()))
      .add("pending", count(result.pending.size()))
      .add("errors", count(result.input_errors.size() + result.evaluation_errors.size()));
  return summary.done();
}

}  // namespace detail

std::optional<Format> parse_format(std::string_view name) {
  if (name == "text") return Format::Text;
  if (name == "json") return Format::Json;
  if (name == "sarif") return Format::Sarif;
  if (name == "junit") return Format::Junit;
  if (name == "markdown") return Format::Markdown;
  if (name == "html") return Format::Html;
  return std::nullopt;
}

std::size_t count_at_least(const Report& report, rules::Level level) {
  std::size_t n = 0;
  for (const auto& v : report.result.violations) {
    if (report.book.info(v.rule).level >= level) ++n;
  }
  return n;
}

void write_json(std::ostream& out, const Report& report) {
  const stream::CheckResult& result = report.result;

  eval::List rule_sets;
  for (const rules::RuleSetInfo& set : report.book.rule_sets()) {
    rule_sets.push_back(
        Object().add("id", text(set.id)).add("title", text(set.title)).add("file", text(set.file)).done());
  }
  // The head is small; the lists can hold hundreds of thousands of entries,
  // so each entry is built and written on its own, never the whole report.
  Object head;
  head.add("report_version", Value::integer(kReportVersion))
      .add("tool", Object().add("name", text("accord")).add("version", text(report.tool_version)).done())
      .add("as_of", Value::timestamp(result.as_of))
      .add("rule_sets", Value::list(std::move(rule_sets)))
      .add("parameters", detail::json_parameters(report))
      .add("summary", detail::json_summary(report));
  std::string opened = eval::to_json(head.done());
  opened.pop_back();  // the closing brace: the lists follow
  out << opened;

  EntryWriter writer(report);
  out << ",\"violations\":[";
  write_entries(out, result.violations, writer);
  out << "],\"pending\":[";
  write_entries(out, result.pending, writer);
  out << ']';

  out << ",\"errors\":[";
  bool first = true;
  for (const auto& e : result.input_errors) {
    Object error;
    error.add("kind", text("input")).add("file", text(report.input_name(e.origin.input)));
    if (e.origin.line > 0) error.add("line", count(e.origin.line));
    out << (first ? "" : ",") << eval::to_json(error.add("message", text(e.message)).done());
    first = false;
  }
  for (const auto& e : result.evaluation_errors) {
    out << (first ? "" : ",")
        << eval::to_json(Object()
                             .add("kind", text("evaluation"))
                             .add("rule", text(report.book.info(e.rule).id))
                             .add("event", text(e.event))
                             .add("file", text(report.input_name(e.origin.input)))
                             .add("line", count(e.origin.line))
                             .add("message", text(e.message))
                             .done());
    first = false;
  }
  out << "]}\n";
}

}  // namespace accord::report
