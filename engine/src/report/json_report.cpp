// The JSON report: each part built as a Value (maps keep their insertion
// order) and written by the one JSON writer the engine has, so that the
// same inputs give the same bytes.
#include <accord/report/report.hpp>

#include "report/json_parts.hpp"

#include <accord/eval/json.hpp>

#include <array>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <thread>

namespace accord::report {

namespace {

using eval::Value;
using Object = detail::JsonObject;

Value text(std::string_view s) { return detail::json_text(s); }
Value count(std::uint64_t n) { return detail::json_count(n); }

Value violation_value(const Report& report, const stream::Violation& v) {
  const rules::RuleInfo& rule = report.book.info(v.rule);
  eval::List evidence;
  for (const std::string& id : v.evidence) evidence.push_back(text(id));
  Object object;
  object.add("rule", text(rule.id))
      .add("clause", text(rule.clause))
      .add("severity", text(rules::level_name(rule.level)))
      .add("title", text(rule.title))
      .add("message", text(v.message))
      .add("trigger", text(v.trigger))
      .add("evidence", Value::list(std::move(evidence)))
      .add("time", Value::timestamp(v.time));
  if (v.due) object.add("due", Value::timestamp(*v.due));
  if (!v.key.empty()) object.add("key", detail::json_key(v.key));
  return object.done();
}

Value pending_value(const Report& report, const stream::Pending& p) {
  const rules::RuleInfo& rule = report.book.info(p.rule);
  Object object;
  object.add("rule", text(rule.id))
      .add("clause", text(rule.clause))
      .add("trigger", text(p.trigger))
      .add("due", Value::timestamp(p.due));
  if (!p.key.empty()) object.add("key", detail::json_key(p.key));
  return object.done();
}

// Writes the JSON of every entry, comma-separated. A long list (a national
// log leaves hundreds of thousands of obligations pending) is formatted in
// blocks, every other one by a second thread; blocks are written in order,
// so the bytes are those one thread would write.
template <class Entry, class ValueOf>
void write_entries(std::ostream& out, const std::vector<Entry>& entries, ValueOf&& value_of) {
  constexpr std::size_t kBlock = 1024;
  const std::size_t blocks = (entries.size() + kBlock - 1) / kBlock;
  auto format_block = [&](std::size_t block, std::string& text) {
    text.clear();
    std::size_t end = std::min(entries.size(), (block + 1) * kBlock);
    for (std::size_t i = block * kBlock; i < end; ++i) {
      if (i != 0) text += ',';
      text += eval::to_json(value_of(entries[i]));
    }
  };
  std::string mine;
  if (blocks < 4) {
    for (std::size_t block = 0; block < blocks; ++block) {
      format_block(block, mine);
      out << mine;
    }
    return;
  }

  // The helper formats the odd blocks, each into the next of two slots.
  struct Slot {
    std::string text;
    bool full = false;
  };
  std::array<Slot, 2> slots;
  std::mutex mutex;
  std::condition_variable changed;
  bool stop = false;
  std::exception_ptr failed;
  std::thread helper([&] {
    try {
      std::string text;
      for (std::size_t block = 1, turn = 0; block < blocks; block += 2, ++turn) {
        format_block(block, text);
        Slot& slot = slots[turn % 2];
        std::unique_lock lock(mutex);
        changed.wait(lock, [&] { return stop || !slot.full; });
        if (stop) return;
        std::swap(slot.text, text);
        slot.full = true;
        changed.notify_all();
      }
    } catch (...) {
      std::lock_guard lock(mutex);
      failed = std::current_exception();
      changed.notify_all();
    }
  });
  auto stop_helper = [&] {
    {
      std::lock_guard lock(mutex);
      stop = true;
      changed.notify_all();
    }
    helper.join();
  };
  try {
    for (std::size_t block = 0, turn = 0; block < blocks; ++block) {
      if (block % 2 == 0) {
        format_block(block, mine);
        out << mine;
        continue;
      }
      Slot& slot = slots[turn++ % 2];
      std::unique_lock lock(mutex);
      changed.wait(lock, [&] { return slot.full || failed; });
      if (!slot.full) std::rethrow_exception(failed);
      lock.unlock();
      out << slot.text;  // the helper fills the other slot meanwhile
      lock.lock();
      slot.full = false;
      changed.notify_all();
    }
  } catch (...) {
    stop_helper();
    throw;
  }
  stop_helper();
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

  auto write_list = [&](std::string_view name, const auto& entries, auto&& value_of) {
    out << ",\"" << name << "\":[";
    write_entries(out, entries, value_of);
    out << ']';
  };
  write_list("violations", result.violations,
             [&](const stream::Violation& v) { return violation_value(report, v); });
  write_list("pending", result.pending,
             [&](const stream::Pending& p) { return pending_value(report, p); });

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
