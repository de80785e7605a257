// Reading rule test files (docs/rule-tests.md): every problem is a
// diagnostic at its node, and reading goes on past it.
#include <accord/ruletest/rule_test.hpp>

#include <accord/rules/load.hpp>
#include <accord/stream/event.hpp>
#include <accord/stream/reader.hpp>

#include "eval/compiler.hpp"
#include "yaml_nodes.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

namespace accord::ruletest {

namespace {

using detail::offset_of;
using detail::span_of;

const std::set<std::string_view> kFileKeys{"rules", "params", "tests"};
const std::set<std::string_view> kTestKeys{"name",       "params",  "as_of",  "events", "log",
                                           "violations", "pending", "errors"};
const std::set<std::string_view> kViolationKeys{"rule",    "trigger",  "time", "due",
                                                "message", "evidence", "key"};
const std::set<std::string_view> kPendingKeys{"rule", "trigger", "due", "key"};
const std::set<std::string_view> kErrorKeys{"rule", "event", "message"};

// Writes an event back as YAML, as the YAML log reader will read it: quoted
// text stays quoted, so that '12' or 'true' remain text. False, having
// written part of it, when it is nested deeper than a log may be (an alias
// that holds itself is nested without end).
bool emit_event(YAML::Emitter& out, const YAML::Node& node, std::size_t depth = 0) {
  if (depth > stream::ReaderLimits{}.max_nesting_depth) return false;
  switch (node.Type()) {
    case YAML::NodeType::Scalar:
      if (node.Tag() == "!") out << YAML::DoubleQuoted;
      out << node.Scalar();
      return true;
    case YAML::NodeType::Sequence:
      out << YAML::BeginSeq;
      for (const auto& element : node) {
        if (!emit_event(out, element, depth + 1)) return false;
      }
      out << YAML::EndSeq;
      return true;
    case YAML::NodeType::Map:
      out << YAML::BeginMap;
      for (const auto& entry : node) {
        out << YAML::Key;
        if (!emit_event(out, entry.first, depth + 1)) return false;
        out << YAML::Value;
        if (!emit_event(out, entry.second, depth + 1)) return false;
      }
      out << YAML::EndMap;
      return true;
    default: out << YAML::Null; return true;
  }
}

bool has_control_characters(std::string_view text) {
  return std::any_of(text.begin(), text.end(), [](char c) {
    return static_cast<unsigned char>(c) < 0x20U || c == 0x7F;
  });
}

class Parser {
 public:
  Parser(const SourceFile& source, const RuleSource& rules)
      : source_(source),
        book_(*rules.book),
        fields_(source, {"E502", "E503", "E504"},
                [this](const std::string& code, std::string message, Span span) {
                  error(code, std::move(message), span);
                }) {
    for (std::size_t rule = 0; rule < book_.size(); ++rule) {
      rule_ids_.push_back(book_.info(rule).id);
    }
  }

  ParsedTestFile parse() {
    YAML::Node root;
    try {
      root = YAML::Load(source_.text());
    } catch (const YAML::Exception& failure) {
      auto at = static_cast<std::uint32_t>(std::max(0, failure.mark.pos));
      error("E501", detail::malformed_yaml(failure), {at, at + 1});
      return std::move(result_);
    }
    if (!root.IsMap()) {
      error("E503", "a rule test file must be a mapping with rules, params and tests",
            span_of(root));
      return std::move(result_);
    }
    fields_.check_keys(root, kFileKeys, "the test file");
    TestFile file;
    file.source = &source_;
    file.rules = focus(root["rules"]);
    focus_ = &file.rules;
    auto shared_parameters = parameters(root["params"]);

    const YAML::Node tests = root["tests"];
    if (!tests) {
      error("E504", "the test file has no 'tests'", span_of(root));
    } else if (!tests.IsSequence() || tests.size() == 0) {
      error(tests.IsSequence() ? "E504" : "E503",
            "'tests' must be a list of one or more tests, not " +
                std::string(tests.IsSequence() ? "an empty list" : detail::node_kind(tests)),
            span_of(tests));
    } else {
      std::map<std::string, std::uint32_t> names;
      for (const auto& node : tests) {
        auto test = read_test(node, shared_parameters);
        if (!test) continue;
        auto [first, added] = names.emplace(test->name, test->span.begin);
        if (!added) {
          error("E506",
                "a test named '" + test->name + "' comes earlier in the file (at line " +
                    std::to_string(source_.locate(first->second).line) + ")",
                span_of(node["name"]));
        }
        file.tests.push_back(std::move(*test));
      }
    }
    if (!result_.diagnostics.has_errors()) result_.file = std::move(file);
    return std::move(result_);
  }

 private:
  void error(const std::string& code, std::string message, Span span) {
    result_.diagnostics.error(code, std::move(message), span);
  }

  bool known_rule(const YAML::Node& node) {
    const std::string& id = node.Scalar();
    if (std::find(rule_ids_.begin(), rule_ids_.end(), id) != rule_ids_.end()) return true;
    std::string message = "no rule '" + id + "' in the rule sets under test";
    std::string closest = eval::detail::closest_name(id, rule_ids_);
    if (!closest.empty()) message += "; did you mean '" + closest + "'?";
    error("E505", std::move(message), span_of(node));
    return false;
  }

  // `rules`: one rule id or a list of them.
  std::vector<std::string> focus(const YAML::Node& node) {
    std::vector<std::string> ids;
    if (!node) return ids;
    if (node.IsScalar()) {
      if (known_rule(node)) ids.push_back(node.Scalar());
      return ids;
    }
    if (!node.IsSequence() || node.size() == 0) {
      error("E503", "'rules' must be a rule id or a list of them", span_of(node));
      return ids;
    }
    for (const auto& element : node) {
      if (!element.IsScalar()) {
        error("E503", "a rule id must be text, not " + std::string(detail::node_kind(element)),
              span_of(element));
      } else if (known_rule(element)) {
        ids.push_back(element.Scalar());
      }
    }
    return ids;
  }

  // `params`: NAME: VALUE, each checked against the parameter's type.
  std::vector<std::pair<std::string, std::string>> parameters(const YAML::Node& node) {
    std::vector<std::pair<std::string, std::string>> overrides;
    if (!node) return overrides;
    if (!node.IsMap()) {
      error("E503", "'params' must be a mapping of parameter names to values, not " +
                        std::string(detail::node_kind(node)),
            span_of(node));
      return overrides;
    }
    for (const auto& entry : node) {
      if (!entry.first.IsScalar()) {
        error("E503", "a parameter's name must be text, not " +
                          std::string(detail::node_kind(entry.first)),
              span_of(entry.first));
        continue;
      }
      const std::string& name = entry.first.Scalar();
      const auto& declared = book_.parameters();
      auto found = std::find_if(declared.begin(), declared.end(),
                                [&](const rules::Parameter& p) { return p.name == name; });
      if (found == declared.end()) {
        std::vector<std::string> names;
        for (const rules::Parameter& parameter : declared) names.push_back(parameter.name);
        std::string message = "no rule set under test has a parameter '" + name + "'";
        std::string closest = eval::detail::closest_name(name, names);
        if (!closest.empty()) message += "; did you mean '" + closest + "'?";
        error("E505", std::move(message), span_of(entry.first));
        continue;
      }
      if (!entry.second.IsScalar()) {
        error("E503", "parameter '" + name + "' must be given as text, not " +
                          std::string(detail::node_kind(entry.second)),
              span_of(entry.second));
        continue;
      }
      std::string problem;
      if (!rules::parameter_value(found->type, entry.second.Scalar(), problem)) {
        error("E507", "parameter '" + name + "': " + problem, span_of(entry.second));
        continue;
      }
      overrides.emplace_back(name, entry.second.Scalar());
    }
    return overrides;
  }

  std::optional<eval::Timestamp> time(const YAML::Node& map, std::string_view key,
                                      std::string_view where) {
    auto text = fields_.text(map, key, false, where);
    if (!text) return std::nullopt;
    auto parsed = stream::parse_event_time(*text);
    if (!parsed) {
      error("E503", "'" + std::string(key) + "' must be a date (YYYY-MM-DD) or an RFC 3339 "
                    "time with an offset, not '" + *text + "'",
            span_of(map[std::string(key)]));
    }
    return parsed;
  }

  std::optional<TestLog> log(const YAML::Node& test, std::string_view where) {
    const YAML::Node events = test["events"];
    const YAML::Node path = test["log"];
    if (events && path) {
      error("E502", std::string(where) + " has both 'events' and 'log': give one", span_of(path));
      return std::nullopt;
    }
    if (path) {
      auto text = fields_.text(test, "log", true, where);
      if (!text) return std::nullopt;
      std::filesystem::path relative(*text);
      std::string resolved =
          relative.is_absolute()
              ? *text
              : (std::filesystem::path(source_.name()).parent_path() / relative).string();
      if (!stream::format_for_path(resolved)) {
        error("E503", "cannot tell the log's format from its name '" + *text +
                          "': name it .jsonl, .ndjson, .csv, .yaml or .yml",
              span_of(path));
        return std::nullopt;
      }
      return TestLog{resolved, span_of(path), {}, {}};
    }
    if (!events) {
      error("E504", std::string(where) + " has no 'events' (or 'log')", span_of(test));
      return std::nullopt;
    }
    if (!events.IsSequence()) {
      error("E503", "'events' must be a list of events, not " +
                        std::string(detail::node_kind(events)),
            span_of(events));
      return std::nullopt;
    }
    // One flow list whose events stand on their own lines of the test file.
    TestLog inline_log;
    inline_log.yaml = "[";
    std::uint32_t line = 1;
    for (const auto& event : events) {
      auto event_line = static_cast<std::uint32_t>(event.Mark().line + 1);
      for (; line < event_line; ++line) inline_log.yaml += '\n';
      if (!inline_log.event_offsets.empty()) inline_log.yaml += ", ";
      YAML::Emitter out;
      out << YAML::Flow;
      if (!emit_event(out, event)) {
        error("E503", "an event nested deeper than " +
                          std::to_string(stream::ReaderLimits{}.max_nesting_depth) +
                          " levels (or an alias that holds itself)",
              span_of(event));
        return std::nullopt;
      }
      std::string_view written = out.c_str();
      line += static_cast<std::uint32_t>(std::count(written.begin(), written.end(), '\n'));
      inline_log.yaml += written;
      inline_log.event_offsets.push_back(offset_of(event));
    }
    inline_log.yaml += "]\n";
    return inline_log;
  }

  // The rule an expectation names; `rule` may be left out when the file
  // tests exactly one.
  std::optional<std::string> rule_of(const YAML::Node& entry, std::string_view where) {
    const YAML::Node node = entry["rule"];
    if (!node && focus_->size() == 1) return focus_->front();
    auto id = fields_.name(entry, "rule", where);
    if (!id || !known_rule(node)) return std::nullopt;
    if (!focus_->empty() &&
        std::find(focus_->begin(), focus_->end(), *id) == focus_->end()) {
      error("E505", "rule '" + *id + "' is not among the rules this file tests (its 'rules')",
            span_of(node));
      return std::nullopt;
    }
    return id;
  }

  struct Subject {
    std::string rule;
    std::string id;  // the trigger, or the event of an error
  };

  // Checks an expectation's keys, and reads the rule and event it is about.
  std::optional<Subject> subject(const YAML::Node& entry, const std::set<std::string_view>& keys,
                                 const char* id_key, std::string_view where) {
    fields_.check_keys(entry, keys, where);
    auto rule = rule_of(entry, where);
    auto id = fields_.name(entry, id_key, where);
    if (!rule || !id) return std::nullopt;
    return Subject{std::move(*rule), std::move(*id)};
  }

  std::optional<std::vector<std::string>> evidence(const YAML::Node& entry) {
    const YAML::Node node = entry["evidence"];
    if (!node) return std::nullopt;
    std::vector<std::string> ids;
    if (!node.IsSequence()) {
      error("E503", "'evidence' must be a list of event ids, not " +
                        std::string(detail::node_kind(node)),
            span_of(node));
      return ids;
    }
    for (const auto& id : node) {
      if (!id.IsScalar()) {
        error("E503", "an event id must be text, not " + std::string(detail::node_kind(id)),
              span_of(id));
        continue;
      }
      ids.push_back(id.Scalar());
    }
    return ids;
  }

  std::optional<Key> key(const YAML::Node& entry) {
    const YAML::Node node = entry["key"];
    if (!node) return std::nullopt;
    Key pairs;
    if (!node.IsMap()) {
      error("E503", "'key' must be a mapping of key fields to values, not " +
                        std::string(detail::node_kind(node)),
            span_of(node));
      return pairs;
    }
    for (const auto& field : node) {
      if (!field.first.IsScalar() || !field.second.IsScalar()) {
        error("E503", "a key field and its value must be text", span_of(field.first));
        continue;
      }
      pairs.emplace_back(field.first.Scalar(), field.second.Scalar());
    }
    // Compared whatever the order written.
    std::sort(pairs.begin(), pairs.end());
    return pairs;
  }

  // Each element of the list at `key`, through `read`, when it is a
  // mapping; `what` names one ("a violation").
  template <class Read>
  void each_entry(const YAML::Node& test, const char* key, std::string_view what, Read&& read) {
    const YAML::Node list = test[key];
    if (!list) return;
    if (!list.IsSequence()) {
      error("E503", "'" + std::string(key) + "' must be a list, not " +
                        std::string(detail::node_kind(list)),
            span_of(list));
      return;
    }
    for (const auto& entry : list) {
      if (!entry.IsMap()) {
        error("E503", std::string(what) + " must be a mapping, not " +
                          std::string(detail::node_kind(entry)),
              span_of(entry));
        continue;
      }
      read(entry);
    }
  }

  std::optional<RuleTest> read_test(
      const YAML::Node& node, const std::vector<std::pair<std::string, std::string>>& shared) {
    if (!node.IsMap()) {
      error("E503", "a test must be a mapping with a name, events and what they must give, not " +
                        std::string(detail::node_kind(node)),
            span_of(node));
      return std::nullopt;
    }
    fields_.check_keys(node, kTestKeys, "a test");
    RuleTest test;
    test.span = span_of(node);
    auto name = fields_.name(node, "name", "a test");
    if (name && has_control_characters(*name)) {
      error("E503", "a test's name must be one line of printable text", span_of(node["name"]));
    }
    std::string where = name ? "test '" + *name + "'" : "a test";
    test.name = name.value_or("");
    test.parameters = shared;
    auto own = parameters(node["params"]);
    test.parameters.insert(test.parameters.end(), own.begin(), own.end());
    test.as_of = time(node, "as_of", where);
    if (auto read = log(node, where)) test.log = std::move(*read);

    each_entry(node, "violations", "a violation", [&](const YAML::Node& entry) {
      auto about = subject(entry, kViolationKeys, "trigger", "a violation");
      ExpectedViolation expected;
      expected.time = time(entry, "time", "a violation");
      expected.due = time(entry, "due", "a violation");
      expected.message = fields_.text(entry, "message", false, "a violation");
      expected.evidence = evidence(entry);
      expected.key = key(entry);
      expected.span = span_of(entry);
      if (!about) return;
      expected.rule = std::move(about->rule);
      expected.trigger = std::move(about->id);
      test.violations.push_back(std::move(expected));
    });
    each_entry(node, "pending", "a pending obligation", [&](const YAML::Node& entry) {
      auto about = subject(entry, kPendingKeys, "trigger", "a pending obligation");
      ExpectedPending expected;
      expected.due = time(entry, "due", "a pending obligation");
      expected.key = key(entry);
      expected.span = span_of(entry);
      if (!about) return;
      expected.rule = std::move(about->rule);
      expected.trigger = std::move(about->id);
      test.pending.push_back(std::move(expected));
    });
    each_entry(node, "errors", "an error", [&](const YAML::Node& entry) {
      auto about = subject(entry, kErrorKeys, "event", "an error");
      ExpectedError expected;
      expected.message = fields_.text(entry, "message", false, "an error");
      expected.span = span_of(entry);
      if (!about) return;
      expected.rule = std::move(about->rule);
      expected.event = std::move(about->id);
      test.errors.push_back(std::move(expected));
    });
    if (!name) return std::nullopt;
    return test;
  }

  const SourceFile& source_;
  const rules::RuleBook& book_;
  detail::NodeFields fields_;
  std::vector<std::string> rule_ids_;
  const std::vector<std::string>* focus_ = nullptr;
  ParsedTestFile result_;
};

}  // namespace

ParsedTestFile parse_test_file(const SourceFile& source, const RuleSource& rules) {
  return Parser(source, rules).parse();
}

}  // namespace accord::ruletest
