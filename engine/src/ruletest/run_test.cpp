// Running one rule test: its check, then what it expects against what the
// check found, entry by entry.
#include <accord/ruletest/rule_test.hpp>

#include <accord/rules/load.hpp>
#include <accord/stream/check_logs.hpp>

#include "stream/judge.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>

namespace accord::ruletest {

namespace {

// A violation, pending obligation or error, expected or found, as the
// fields a test writes: the first two (rule, then trigger or event) name
// it; an expectation has only the fields it gives.
struct Entry {
  Difference::Entry kind;
  std::vector<std::pair<std::string, std::string>> fields;
  std::size_t shown = 0;  // how many fields a difference shows (the first ones)
  std::optional<Span> span;

  const std::string* find(std::string_view name) const {
    for (const auto& [field, value] : fields) {
      if (field == name) return &value;
    }
    return nullptr;
  }
};

// Text as a YAML flow collection holds it: plain where it can be, else
// quoted with escapes (control characters included).
std::string flow_scalar(const std::string& text) {
  YAML::Emitter out;
  out << YAML::Flow << YAML::BeginSeq << text << YAML::EndSeq;
  std::string_view written = out.c_str();
  return std::string(written.substr(1, written.size() - 2));  // without "[" and "]"
}

std::string when(eval::Timestamp time) {
  return flow_scalar(stream::detail::format_message_time(time));
}

std::string list_text(const std::vector<std::string>& ids) {
  std::string text = "[";
  for (const std::string& id : ids) text += (text.size() > 1 ? ", " : "") + flow_scalar(id);
  return text + "]";
}

// Key fields in name order, as expectations hold them.
std::string key_text(Key key) {
  std::sort(key.begin(), key.end());
  std::string text = "{";
  for (const auto& [field, value] : key) {
    text += (text.size() > 1 ? ", " : "") + flow_scalar(field) + ": " + flow_scalar(value);
  }
  return text + "}";
}

std::string entry_text(const Entry& entry) {
  std::string text = "{";
  std::size_t count = std::min(entry.shown, entry.fields.size());
  for (std::size_t i = 0; i < count; ++i) {
    text += (i == 0 ? "" : ", ") + entry.fields[i].first + ": " + entry.fields[i].second;
  }
  return text + "}";
}

void add_if(Entry& entry, const char* name, const std::optional<eval::Timestamp>& time) {
  if (time) entry.fields.emplace_back(name, when(*time));
}

Entry expected_entry(const ExpectedViolation& v) {
  Entry entry{Difference::Entry::Violation, {}, 0, v.span};
  entry.fields = {{"rule", flow_scalar(v.rule)}, {"trigger", flow_scalar(v.trigger)}};
  add_if(entry, "time", v.time);
  add_if(entry, "due", v.due);
  if (v.message) entry.fields.emplace_back("message", flow_scalar(*v.message));
  if (v.evidence) entry.fields.emplace_back("evidence", list_text(*v.evidence));
  if (v.key) entry.fields.emplace_back("key", key_text(*v.key));
  entry.shown = entry.fields.size();
  return entry;
}

Entry expected_entry(const ExpectedPending& p) {
  Entry entry{Difference::Entry::Pending, {}, 0, p.span};
  entry.fields = {{"rule", flow_scalar(p.rule)}, {"trigger", flow_scalar(p.trigger)}};
  add_if(entry, "due", p.due);
  if (p.key) entry.fields.emplace_back("key", key_text(*p.key));
  entry.shown = entry.fields.size();
  return entry;
}

Entry expected_entry(const ExpectedError& e) {
  Entry entry{Difference::Entry::Error, {}, 0, e.span};
  entry.fields = {{"rule", flow_scalar(e.rule)}, {"event", flow_scalar(e.event)}};
  if (e.message) entry.fields.emplace_back("message", flow_scalar(*e.message));
  entry.shown = entry.fields.size();
  return entry;
}

// What was found, every field; a difference shows the name and the times.
Entry found_entry(const rules::RuleBook& book, const stream::Violation& v) {
  Entry entry{Difference::Entry::Violation, {}, 0, std::nullopt};
  entry.fields = {{"rule", flow_scalar(book.info(v.rule).id)},
                  {"trigger", flow_scalar(v.trigger)},
                  {"time", when(v.time)}};
  add_if(entry, "due", v.due);
  entry.shown = entry.fields.size();
  entry.fields.emplace_back("message", flow_scalar(v.message));
  entry.fields.emplace_back("evidence", list_text(v.evidence));
  entry.fields.emplace_back("key", key_text(v.key));
  return entry;
}

Entry found_entry(const rules::RuleBook& book, const stream::Pending& p) {
  Entry entry{Difference::Entry::Pending, {}, 0, std::nullopt};
  entry.fields = {{"rule", flow_scalar(book.info(p.rule).id)},
                  {"trigger", flow_scalar(p.trigger)},
                  {"due", when(p.due)}};
  entry.shown = entry.fields.size();
  entry.fields.emplace_back("key", key_text(p.key));
  return entry;
}

Entry found_entry(const rules::RuleBook& book, const stream::EvaluationError& e) {
  Entry entry{Difference::Entry::Error, {}, 0, std::nullopt};
  entry.fields = {{"rule", flow_scalar(book.info(e.rule).id)},
                  {"event", flow_scalar(e.event)},
                  {"message", flow_scalar(e.message)}};
  entry.shown = entry.fields.size();
  return entry;
}

bool same_subject(const Entry& expected, const Entry& found) {
  return expected.fields[0] == found.fields[0] && expected.fields[1] == found.fields[1];
}

bool agrees(const Entry& expected, const Entry& found) {
  return std::all_of(expected.fields.begin(), expected.fields.end(), [&](const auto& field) {
    const std::string* value = found.find(field.first);
    return value != nullptr && *value == field.second;
  });
}

// Pairs each expectation with a finding: first one that agrees in every
// field given, then one about the same rule and trigger (a difference in
// the other fields); what is left is missing or unexpected.
void compare(const std::vector<Entry>& expected, const std::vector<Entry>& found,
             std::vector<Difference>& differences) {
  std::vector<bool> used(found.size(), false);
  std::vector<bool> matched(expected.size(), false);
  auto pair_up = [&](auto&& accepts, auto&& on_pair) {
    for (std::size_t e = 0; e < expected.size(); ++e) {
      if (matched[e]) continue;
      for (std::size_t f = 0; f < found.size(); ++f) {
        if (used[f] || !accepts(expected[e], found[f])) continue;
        matched[e] = used[f] = true;
        on_pair(expected[e], found[f]);
        break;
      }
    }
  };
  pair_up(agrees, [](const Entry&, const Entry&) {});
  pair_up(same_subject, [&](const Entry& e, const Entry& f) {
    Difference changed{Difference::Kind::Changed, e.kind, entry_text(e), e.span, {}};
    for (const auto& [name, value] : e.fields) {
      const std::string* actual = f.find(name);
      if (actual == nullptr || *actual != value) {
        changed.fields.push_back({name, value, actual ? *actual : std::string("(none)")});
      }
    }
    differences.push_back(std::move(changed));
  });
  for (std::size_t e = 0; e < expected.size(); ++e) {
    if (matched[e]) continue;
    const Entry& entry = expected[e];
    differences.push_back(
        {Difference::Kind::Missing, entry.kind, entry_text(entry), entry.span, {}});
  }
  for (std::size_t f = 0; f < found.size(); ++f) {
    if (used[f]) continue;
    differences.push_back(
        {Difference::Kind::Unexpected, found[f].kind, entry_text(found[f]), std::nullopt, {}});
  }
}

stream::LogInput log_input(const TestFile& file, const RuleTest& test) {
  if (test.log.path) return stream::LogInput::file(*test.log.path);
  stream::LogInput input;
  input.name = file.source->name();
  input.format = stream::InputFormat::Yaml;
  const std::string& yaml = test.log.yaml;
  input.open = [&yaml] { return stream::ByteSource::from_string(yaml); };
  input.rereadable = true;
  return input;
}

// Input errors as diagnostics in the test file: at the event for its own
// events, at `log` for a log that cannot be read, else as "log.jsonl:3: ...".
std::string describe_input_errors(const TestFile& file, const RuleTest& test,
                                  const std::vector<stream::InputError>& errors) {
  const SourceFile& source = *file.source;
  std::string text;
  for (const stream::InputError& error : errors) {
    std::string message = "the test's log holds an invalid event: " + error.message;
    if (test.log.path && error.origin.line == 0) {
      message = "cannot read the log " + *test.log.path + ": " + error.message;
      text += format_diagnostic({Severity::Error, "E508", std::move(message), test.log.path_span},
                                source);
    } else if (test.log.path) {
      text += *test.log.path + ":" + std::to_string(error.origin.line) + ": error: " + message +
              " [E508]\n";
    } else {
      std::uint32_t at = 0;
      for (std::uint32_t offset : test.log.event_offsets) {
        if (source.locate(offset).line == error.origin.line) {
          at = offset;
          break;
        }
      }
      text += format_diagnostic({Severity::Error, "E508", std::move(message), {at, at + 1}},
                                source);
    }
  }
  return text;
}

}  // namespace

TestOutcome run_test(const TestFile& file, const RuleTest& test, const RuleSource& rules) {
  TestOutcome outcome;
  std::optional<rules::RuleBook> with_parameters;
  const rules::RuleBook* book = rules.book;
  if (!test.parameters.empty()) {
    rules::LoadOptions options;
    options.parameters = test.parameters;
    rules::LoadResult loaded = rules::load_rule_book(rules.files, options);
    if (!loaded.book) {
      outcome.status = TestOutcome::Status::Broken;
      outcome.problems = loaded.format(rules.files);
      return outcome;
    }
    with_parameters = std::move(loaded.book);
    book = &*with_parameters;
  }

  stream::LogCheckOptions options;
  options.check.as_of = test.as_of;
  options.check.reorder_window = std::nullopt;  // a test's events may come in any order
  options.parallel = false;
  stream::CheckResult result =
      stream::check_logs(*book, {log_input(file, test)}, std::move(options)).result;
  if (!result.input_errors.empty()) {
    outcome.status = TestOutcome::Status::Broken;
    outcome.problems = describe_input_errors(file, test, result.input_errors);
    return outcome;
  }

  auto compared = [&](std::size_t rule) {
    const std::string& id = book->info(rule).id;
    return file.rules.empty() ||
           std::find(file.rules.begin(), file.rules.end(), id) != file.rules.end();
  };
  auto expected = [](const auto& list) {
    std::vector<Entry> entries;
    for (const auto& item : list) entries.push_back(expected_entry(item));
    return entries;
  };
  auto found = [&](const auto& list) {
    std::vector<Entry> entries;
    for (const auto& item : list) {
      if (compared(item.rule)) entries.push_back(found_entry(*book, item));
    }
    return entries;
  };
  compare(expected(test.violations), found(result.violations), outcome.differences);
  compare(expected(test.pending), found(result.pending), outcome.differences);
  compare(expected(test.errors), found(result.evaluation_errors), outcome.differences);
  if (!outcome.differences.empty()) outcome.status = TestOutcome::Status::Failed;
  return outcome;
}

}  // namespace accord::ruletest
