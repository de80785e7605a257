#include <accord/rules/load.hpp>

#include <accord/eval/json.hpp>
#include <accord/expr/parse.hpp>
#include <accord/rules/rule_kind.hpp>

#include "rules/condition_shape.hpp"
#include "rules/kind_registry.hpp"
#include "rules/scalar_map.hpp"
#include "yaml_nodes.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <fstream>
#include <limits>
#include <map>
#include <set>
#include <unordered_map>

namespace accord::rules {

bool LoadResult::has_errors() const {
  return std::any_of(diagnostics.begin(), diagnostics.end(), [](const FileDiagnostic& d) {
    return d.diagnostic.severity == Severity::Error;
  });
}

std::string LoadResult::format(const std::vector<const SourceFile*>& files) const {
  std::string out;
  for (const FileDiagnostic& d : diagnostics) {
    if (d.file < files.size()) {
      out += format_diagnostic(d.diagnostic, *files[d.file]);
    } else {
      out += "--param: " + std::string(severity_name(d.diagnostic.severity)) + ": " +
             d.diagnostic.message + " [" + d.diagnostic.code + "]\n";
    }
  }
  return out;
}

std::optional<eval::Value> parameter_value(ParameterType type, std::string_view text,
                                           std::string& problem) {
  switch (type) {
    case ParameterType::Duration: {
      auto period = eval::parse_period(text);
      if (!period) {
        problem = "'" + std::string(text) +
                  "' is not a duration: write 14d, 36h, 90m, 30s, 6mo, 1y or ISO 8601 "
                  "such as P6M or P14D";
        return std::nullopt;
      }
      // Fixed lengths are CEL durations; calendar months stay periods.
      if (period->months == 0) return eval::Value::duration(period->fixed);
      return eval::Value::period(*period);
    }
    case ParameterType::Number: {
      std::int64_t integer = 0;
      auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), integer);
      if (error == std::errc() && end == text.data() + text.size()) {
        return eval::Value::integer(integer);
      }
      double real = 0;
      auto [real_end, real_error] = std::from_chars(text.data(), text.data() + text.size(), real);
      if (real_error == std::errc() && real_end == text.data() + text.size() &&
          std::isfinite(real)) {
        return eval::Value::real(real);
      }
      problem = "'" + std::string(text) + "' is not a number";
      return std::nullopt;
    }
    case ParameterType::String: return eval::Value::string(std::string(text));
    case ParameterType::Boolean:
      if (text == "true") return eval::Value::boolean(true);
      if (text == "false") return eval::Value::boolean(false);
      problem = "'" + std::string(text) + "' is not true or false";
      return std::nullopt;
  }
  return std::nullopt;
}

namespace {

using accord::detail::join;
using accord::detail::node_kind;
using accord::detail::offset_of;
using accord::detail::span_of;

constexpr std::size_t kCommandLine = std::numeric_limits<std::size_t>::max();

const std::set<std::string_view> kTopKeys{"rule_set", "params", "rules"};
const std::set<std::string_view> kRuleSetKeys{"id", "title", "source", "description"};
const std::set<std::string_view> kParamKeys{"type", "default", "doc"};
// `key` is not among them: only the kinds that correlate events list it.
const std::set<std::string_view> kCommonRuleKeys{"id",   "clause",  "quote",      "title",
                                                 "severity", "kind", "message", "description"};

bool is_negative(const eval::Period& period) {
  return period.months < 0 || period.fixed < eval::Duration{};
}

// The byte offset in `text` of a 1-based line and column (columns count
// code points, as Location does).
std::uint32_t offset_at(std::string_view text, Location location) {
  std::size_t at = 0;
  for (std::uint32_t line = 1; line < location.line && at < text.size(); ++at) {
    if (text[at] == '\n') ++line;
  }
  for (std::uint32_t column = 1; at < text.size() && text[at] != '\n'; ++at) {
    bool starts_code_point = (static_cast<unsigned char>(text[at]) & 0xC0U) != 0x80U;
    if (starts_code_point && column++ == location.column) break;
  }
  return static_cast<std::uint32_t>(at);
}

// A run of digits at message[at], as a number; nullopt when there is none
// or it is too long to be a position.
std::optional<std::uint32_t> read_number(const std::string& message, std::size_t& at) {
  std::uint32_t value = 0;
  auto [end, error] = std::from_chars(message.data() + at, message.data() + message.size(), value);
  if (error != std::errc()) return std::nullopt;
  at = static_cast<std::size_t>(end - message.data());
  return value;
}

// Parse errors quote other positions in the condition ("expected ')' to
// close '(' at 1:22"); `to_file` turns such a position into one in the file.
template <class ToFile>
std::string relocate_positions(const std::string& message, ToFile&& to_file) {
  std::string out;
  std::size_t from = 0;
  for (std::size_t at = message.find(" at "); at != std::string::npos;
       at = message.find(" at ", at + 1)) {
    std::size_t begin = at + 4;
    std::size_t end = begin;
    auto line = read_number(message, end);
    if (!line || end >= message.size() || message[end] != ':') continue;
    ++end;
    auto column = read_number(message, end);
    if (!column) continue;
    Location outer = to_file(Location{*line, *column});
    out += message.substr(from, begin - from);
    out += std::to_string(outer.line) + ":" + std::to_string(outer.column);
    from = end;
  }
  return out + message.substr(from);
}

std::optional<ParameterType> parse_parameter_type(std::string_view name) {
  if (name == "duration") return ParameterType::Duration;
  if (name == "number") return ParameterType::Number;
  if (name == "string") return ParameterType::String;
  if (name == "boolean") return ParameterType::Boolean;
  return std::nullopt;
}

// A parameter as a message cites it: lengths of time in words ("6 months"),
// anything else as written.
std::string cited_parameter(const Parameter& parameter) {
  if (parameter.value.kind() == eval::Kind::Period) {
    return eval::describe_period(parameter.value.as_period());
  }
  if (parameter.value.kind() == eval::Kind::Duration) {
    return eval::describe_period({0, parameter.value.as_duration()});
  }
  return parameter.text;
}

struct ParsedFile {
  YAML::Node root;
  bool usable = false;  // false when the file is not YAML or not a mapping
  RuleSetInfo info;
};

// What the loader knows of a parameter beyond the Parameter itself.
struct ParameterState {
  std::size_t file;
  Span span;  // its name
  bool has_value = false;
  bool reported = false;  // a problem with its declaration is already reported
};

class Loader {
 public:
  Loader(const std::vector<const SourceFile*>& files, const LoadOptions& options)
      : files_(files), options_(options), environment_(std::make_unique<eval::Environment>()) {
    event_ = environment_->add_record("event");
    trigger_ = environment_->add_record("trigger");
  }

  stream::TypeCode type_code(const std::string& type) {
    auto [found, added] = type_codes_.try_emplace(type, static_cast<stream::TypeCode>(type_names_.size()));
    if (added) type_names_.push_back(type);
    return found->second;
  }

  LoadResult load() {
    std::vector<ParsedFile> parsed(files_.size());
    for (std::size_t file = 0; file < files_.size(); ++file) {
      file_ = file;
      parsed[file] = parse_file();
      load_parameters(parsed[file]);
    }
    file_ = kCommandLine;
    apply_overrides();
    publish_parameters();
    for (std::size_t file = 0; file < files_.size(); ++file) {
      file_ = file;
      load_rules(parsed[file]);
    }
    if (rules_.empty() && result_.diagnostics.empty()) {
      file_ = files_.empty() ? kCommandLine : 0;
      error("E404", "no rules to check", {});
    }
    // Problems are found phase by phase (parameters first); show them in
    // file order.
    std::stable_sort(result_.diagnostics.begin(), result_.diagnostics.end(),
                     [](const FileDiagnostic& a, const FileDiagnostic& b) {
                       if (a.file != b.file) return a.file < b.file;
                       return a.diagnostic.span.begin < b.diagnostic.span.begin;
                     });
    if (!result_.has_errors()) {
      std::vector<RuleSetInfo> rule_sets;
      for (ParsedFile& file : parsed) rule_sets.push_back(std::move(file.info));
      result_.book.emplace(std::move(rule_sets), std::move(parameters_), std::move(rules_),
                           std::move(environment_), event_, trigger_, std::move(type_names_),
                           std::move(fields_read_));
    }
    return std::move(result_);
  }

 private:
  friend class YamlRuleFields;

  void error(std::string code, std::string message, Span span) {
    result_.diagnostics.push_back({file_, {Severity::Error, std::move(code), std::move(message), span}});
  }

  const SourceFile& source() const { return *files_[file_]; }

  accord::detail::NodeFields fields() {
    return {source(), {"E402", "E403", "E404"},
            [this](const std::string& code, std::string message, Span span) {
              error(code, std::move(message), span);
            }};
  }

  // Checks that a mapping has only the keys in `allowed`, each once.
  void check_keys(const YAML::Node& map, const std::set<std::string_view>& allowed,
                  std::string_view where) {
    fields().check_keys(map, allowed, where);
  }

  // A scalar at `key` of `map`: nullopt (reported when required) if absent
  // or not text.
  std::optional<std::string> text(const YAML::Node& map, std::string_view key, bool required,
                                  std::string_view where) {
    return fields().text(map, key, required, where);
  }

  // A required scalar that must not be empty either (ids, titles).
  std::optional<std::string> name(const YAML::Node& map, std::string_view key,
                                  std::string_view where) {
    return fields().name(map, key, where);
  }

  ParsedFile parse_file() {
    ParsedFile parsed;
    parsed.info.file = source().name();
    if (source().text().size() > options_.max_file_bytes) {
      error("E413", "the rule file is longer than the limit of " +
                        std::to_string(options_.max_file_bytes) + " bytes: nothing in it is loaded",
            {0, 1});
      return parsed;
    }
    YAML::Node root;
    try {
      root = YAML::Load(source().text());
    } catch (const YAML::Exception& failure) {
      auto at = static_cast<std::uint32_t>(std::max(0, failure.mark.pos));
      error("E401", accord::detail::malformed_yaml(failure), {at, at + 1});
      return parsed;
    }
    if (!root.IsMap()) {
      error("E403", "a rule set must be a mapping with rule_set, params and rules",
            span_of(root));
      return parsed;
    }
    parsed.root = root;
    parsed.usable = true;
    const YAML::Node& document = parsed.root;
    check_keys(document, kTopKeys, "the rule set");
    const YAML::Node header = document["rule_set"];
    if (!header || !header.IsMap()) {
      error("E404", "the rule set needs a 'rule_set' mapping with its id and title",
            span_of(header ? header : document));
    } else {
      check_keys(header, kRuleSetKeys, "rule_set");
      parsed.info.id = name(header, "id", "rule_set").value_or("");
      parsed.info.title = name(header, "title", "rule_set").value_or("");
      parsed.info.source = text(header, "source", false, "rule_set").value_or("");
      text(header, "description", false, "rule_set");
    }
    return parsed;
  }

  void load_parameters(const ParsedFile& parsed) {
    if (!parsed.usable) return;
    const YAML::Node params = parsed.root["params"];
    if (!params) return;
    if (!params.IsMap()) {
      error("E403", "'params' must be a mapping of parameter names", span_of(params));
      return;
    }
    for (const auto& entry : params) {
      if (!entry.first.IsScalar() || entry.first.Scalar().empty()) {
        error("E403", "a parameter's name must be text, not " +
                          std::string(entry.first.IsScalar() ? "empty" : node_kind(entry.first)),
              span_of(entry.first));
        continue;
      }
      std::string name = entry.first.Scalar();
      const YAML::Node& spec = entry.second;
      std::string where = "parameter '" + name + "'";
      auto declared = find_parameter(name);
      if (declared != parameters_.end()) {
        const ParameterState& first = parameter_states_[declared - parameters_.begin()];
        error("E407", where + " is declared twice (first in " + files_[first.file]->name() + ":" +
                          std::to_string(files_[first.file]->locate(first.span.begin).line) + ")",
              span_of(entry.first));
        continue;
      }
      Parameter parameter;
      parameter.name = name;
      parameter.rule_set = parsed.info.id;
      ParameterState state{file_, span_of(entry.first)};
      // A parameter whose declaration is wrong is still declared, so that
      // conditions reading it are not reported as well.
      auto declare = [&] {
        parameters_.push_back(std::move(parameter));
        parameter_states_.push_back(state);
      };
      if (!spec.IsMap()) {
        error("E403", where + " must be a mapping with type, default and doc", span_of(spec));
        state.reported = true;
        declare();
        continue;
      }
      check_keys(spec, kParamKeys, where);
      parameter.doc = text(spec, "doc", false, where).value_or("");
      auto type_name = text(spec, "type", true, where);
      std::optional<ParameterType> type;
      if (type_name) type = parse_parameter_type(*type_name);
      if (type_name && !type) {
        error("E407", "unknown parameter type '" + *type_name +
                          "' (expected duration, number, string or boolean)",
              span_of(spec["type"]));
      }
      auto written = text(spec, "default", false, where);
      if (!type || (spec["default"] && !written)) {
        state.reported = true;
        declare();
        continue;
      }
      parameter.type = *type;
      if (written) {
        std::string problem;
        auto value = parameter_value(*type, *written, problem);
        if (value) {
          parameter.value = std::move(*value);
          parameter.text = *written;
          state.has_value = true;
        } else {
          error("E407", where + ": " + problem, span_of(spec["default"]));
          state.reported = true;
        }
      }
      declare();
    }
  }

  std::vector<Parameter>::iterator find_parameter(std::string_view name) {
    return std::find_if(parameters_.begin(), parameters_.end(),
                        [&](const Parameter& p) { return p.name == name; });
  }

  void apply_overrides() {
    for (const auto& [name, written] : options_.parameters) {
      auto found = find_parameter(name);
      if (found == parameters_.end()) {
        error("E407", "no rule set has a parameter '" + name + "'", {});
        continue;
      }
      ParameterState& state = parameter_states_[found - parameters_.begin()];
      std::string problem;
      auto value = parameter_value(found->type, written, problem);
      if (!value) {
        error("E407", "--param " + name + ": " + problem, {});
        continue;
      }
      found->value = std::move(*value);
      found->text = written;
      state.has_value = true;
    }
  }

  // Makes the parameters readable as `params.NAME`; reports those without a value.
  void publish_parameters() {
    std::vector<eval::Map::Entry> entries;
    for (std::size_t i = 0; i < parameters_.size(); ++i) {
      const Parameter& parameter = parameters_[i];
      const ParameterState& state = parameter_states_[i];
      if (!state.has_value) {
        if (!state.reported) {
          file_ = state.file;
          error("E408", "parameter '" + parameter.name +
                            "' has no value: give it a default, or pass --param " +
                            parameter.name + "=VALUE",
                state.span);
        }
        continue;
      }
      entries.emplace_back(eval::Value::string(parameter.name), parameter.value);
    }
    environment_->add_constant("params", eval::Value::map(eval::Map(std::move(entries))));
  }

  // Checks the parameters a condition reads: each must be declared. False
  // when one is unknown (reported, at `to_file` of its span) or has no value
  // (reported with its declaration).
  template <class ToFile>
  bool check_parameter_uses(const expr::Expr& root, ToFile&& to_file) {
    bool usable = true;
    for (const detail::ParameterUse& use : detail::parameter_uses(root)) {
      auto found = find_parameter(use.name);
      if (found == parameters_.end()) {
        std::set<std::string_view> declared;
        for (const Parameter& p : parameters_) declared.insert(p.name);
        error("E407",
              "unknown parameter '" + use.name + "'" +
                  (declared.empty() ? std::string(" (the rule sets declare none)")
                                    : " (declared: " + join(declared) + ")"),
              to_file(use.span));
        usable = false;
      } else if (!parameter_states_[found - parameters_.begin()].has_value) {
        usable = false;
      }
    }
    return usable;
  }

  void load_rules(const ParsedFile& parsed) {
    if (!parsed.usable) return;
    const YAML::Node rules = parsed.root["rules"];
    if (!rules) {
      error("E404", "the rule set has no 'rules'", span_of(parsed.root));
      return;
    }
    if (!rules.IsSequence()) {
      error("E403", "'rules' must be a list of rules, not " + std::string(node_kind(rules)),
            span_of(rules));
      return;
    }
    for (const auto& node : rules) {
      if (rules_.size() >= options_.max_rules) {
        if (!too_many_reported_) {
          error("E412", "more than " + std::to_string(options_.max_rules) +
                            " rules: the rest are not loaded",
                span_of(node));
          too_many_reported_ = true;
        }
        return;
      }
      load_rule(node, parsed.info);
    }
  }

  void load_rule(const YAML::Node& node, const RuleSetInfo& rule_set);

  std::optional<Message> load_message(const YAML::Node& rule, const RuleInfo& info);

  const std::vector<const SourceFile*>& files_;
  const LoadOptions& options_;
  LoadResult result_;
  std::size_t file_ = 0;
  std::unique_ptr<eval::Environment> environment_;
  eval::VariableId event_{};
  eval::VariableId trigger_{};
  std::vector<Parameter> parameters_;
  std::vector<ParameterState> parameter_states_;  // one per parameter
  std::vector<std::unique_ptr<const RuleKind>> rules_;
  std::unordered_map<std::string, std::pair<std::size_t, std::uint32_t>> rule_ids_;
  // The event types conditions name, numbered in order of first mention:
  // the book's TypeCodes.
  std::vector<std::string> type_names_;
  std::unordered_map<std::string, stream::TypeCode> type_codes_;
  // What the programs conditions are judged by read (a field may repeat).
  std::vector<eval::FieldId> fields_read_;
  bool too_many_reported_ = false;
};

// A kind's view of its rule's mapping.
class YamlRuleFields final : public detail::RuleFields {
 public:
  YamlRuleFields(Loader& loader, const YAML::Node& rule, std::string where,
                 std::vector<eval::FieldId> key)
      : loader_(loader), rule_(rule), where_(std::move(where)), key_(std::move(key)) {}

  std::optional<Condition> condition(std::string_view name, bool required) override {
    auto text = loader_.text(rule_, name, required, where_);
    if (!text) {
      if (required || rule_[std::string(name)]) failed_ = true;
      return std::nullopt;
    }
    const YAML::Node node = rule_[std::string(name)];
    Located located(loader_, node, *text);
    expr::ParseResult parsed = expr::parse_condition(*text);
    located.report(parsed.diagnostics, failed_);
    if (!parsed.ast) return std::nullopt;
    Diagnostics uses;
    detail::check_record_uses(*parsed.ast->root, false, uses);
    located.report(uses, failed_);
    if (uses.has_errors()) return std::nullopt;
    if (!loader_.check_parameter_uses(*parsed.ast->root,
                                      [&](Span span) { return located.to_file(span); })) {
      failed_ = true;
      return std::nullopt;
    }
    eval::CompileResult compiled = eval::compile(*parsed.ast, *loader_.environment_);
    located.report(compiled.diagnostics, failed_);
    if (!compiled.program) return std::nullopt;
    auto types = detail::matched_types(*parsed.ast->root);
    auto judged_by = [&](const eval::Program& program) {
      const auto& fields = program.fields_read();
      loader_.fields_read_.insert(loader_.fields_read_.end(), fields.begin(), fields.end());
    };
    if (!types) {
      any_type_ = true;
      judged_by(*compiled.program);
      return Condition(std::move(*compiled.program));
    }
    types_.insert(types->begin(), types->end());
    // Once more for each type, with `event.type` known: what only the type
    // decides is decided here, not per event.
    std::vector<std::optional<eval::Program>> by_type;
    for (const std::string& type : *types) {
      stream::TypeCode code = loader_.type_code(type);
      eval::CompileOptions options;
      options.known_fields.push_back(
          {loader_.event_, loader_.environment_->intern_field("type"), eval::Value::string(type)});
      eval::CompileResult specialised = eval::compile(*parsed.ast, *loader_.environment_, options);
      if (!specialised.program) {
        judged_by(*compiled.program);
        return Condition(std::move(*compiled.program));
      }
      judged_by(*specialised.program);
      if (by_type.size() <= code) by_type.resize(code + 1);
      by_type[code] = std::move(specialised.program);
    }
    return Condition(std::move(*compiled.program), std::move(by_type));
  }

  std::optional<eval::Period> span(std::string_view name, bool required) override {
    auto text = loader_.text(rule_, name, required, where_);
    if (!text) {
      if (required || rule_[std::string(name)]) failed_ = true;
      return std::nullopt;
    }
    std::string problem = "'" + *text +
                          "' is not a length of time: write 14d, 36h, 6mo, 1y, P6M, or a "
                          "parameter such as params.notice_period";
    std::optional<eval::Period> length = eval::parse_period(*text);
    if (!length) {
      // Not written as a length: perhaps an expression with a constant
      // value, such as a parameter.
      const YAML::Node node = rule_[std::string(name)];
      Located located(loader_, node, *text);
      expr::ParseResult parsed = expr::parse_condition(*text);
      if (parsed.ast) {
        if (!loader_.check_parameter_uses(*parsed.ast->root,
                                          [&](Span span) { return located.to_file(span); })) {
          failed_ = true;
          return std::nullopt;
        }
        eval::CompileResult compiled = eval::compile(*parsed.ast, *loader_.environment_);
        if (compiled.program && compiled.program->constant()) {
          const eval::Value& value = *compiled.program->constant();
          if (value.kind() == eval::Kind::Duration) {
            length = eval::Period{0, value.as_duration()};
          } else if (value.kind() == eval::Kind::Period) {
            length = value.as_period();
          } else if (!value.is_error()) {
            problem = "'" + *text + "' has type " + std::string(eval::type_name(value.kind())) +
                      ", not a length of time";
          }
        }
      }
    }
    if (length && is_negative(*length)) {
      problem = "'" + *text + "' is negative: a length of time must be 0 or more";
      length.reset();
    }
    if (!length) report("E409", name, std::move(problem));
    return length;
  }

  bool flag(std::string_view name) override {
    const YAML::Node node = rule_[std::string(name)];
    if (!node) return false;
    if (node.IsScalar() && (node.Scalar() == "true" || node.Scalar() == "false")) {
      return node.Scalar() == "true";
    }
    std::string written = node.IsScalar() ? "'" + node.Scalar() + "'" : std::string(node_kind(node));
    error(name, "'" + std::string(name) + "' must be true or false, not " + written);
    return false;
  }

  std::vector<eval::FieldId> key() override { return key_; }

  std::optional<std::vector<std::string>> event_types() const override {
    if (any_type_) return std::nullopt;
    return std::vector<std::string>(types_.begin(), types_.end());
  }

  void error(std::string_view name, std::string message) override {
    report("E403", name, std::move(message));
  }

  bool failed() const override { return failed_; }

 private:
  // A scalar of the rule, with the way back from its value to the file.
  class Located {
   public:
    Located(Loader& loader, const YAML::Node& node, std::string_view value)
        : loader_(loader), value_(value), map_(loader.source().text(), offset_of(node), value) {}

    Span to_file(Span span) const { return {map_.file_offset(span.begin), map_.file_offset(span.end)}; }

    // Passes on diagnostics about the value, spans and quoted positions
    // moved into the file.
    void report(const Diagnostics& diagnostics, bool& failed) const {
      for (const Diagnostic& d : diagnostics) {
        Diagnostic moved = d;
        moved.span = to_file(d.span);
        // Only the parser's own messages (E1xx) quote positions; others
        // may quote the user's text, which must stay as it is.
        if (d.code.rfind("E1", 0) == 0) {
          moved.message = relocate_positions(d.message, [&](Location inner) {
            return loader_.source().locate(map_.file_offset(offset_at(value_, inner)));
          });
        }
        if (moved.severity == Severity::Error) failed = true;
        loader_.result_.diagnostics.push_back({loader_.file_, std::move(moved)});
      }
    }

   private:
    Loader& loader_;
    std::string_view value_;
    detail::ScalarMap map_;
  };

  void report(std::string code, std::string_view name, std::string message) {
    const YAML::Node node = name.empty() ? rule_ : rule_[std::string(name)];
    loader_.error(std::move(code), std::move(message), span_of(node ? node : rule_));
    failed_ = true;
  }

  Loader& loader_;
  const YAML::Node& rule_;
  std::string where_;
  std::vector<eval::FieldId> key_;
  std::set<std::string> types_;
  bool any_type_ = false;
  bool failed_ = false;
};

void Loader::load_rule(const YAML::Node& node, const RuleSetInfo& rule_set) {
  if (!node.IsMap()) {
    error("E403", "a rule must be a mapping, not " + std::string(node_kind(node)), span_of(node));
    return;
  }
  RuleInfo info;
  auto id = name(node, "id", "a rule");
  std::string where = id ? "rule '" + *id + "'" : "the rule";
  info.id = id.value_or("");
  info.rule_set = rule_set.id;
  info.file = source().name();
  info.line = source().locate(offset_of(id ? node["id"] : node)).line;
  auto title = name(node, "title", where);
  info.title = title.value_or("");
  info.clause = text(node, "clause", false, where).value_or("");
  info.quote = text(node, "quote", false, where).value_or("");
  text(node, "description", false, where);
  bool ok = id && title;

  if (id) {
    auto [previous, inserted] = rule_ids_.emplace(*id, std::pair{file_, info.line});
    if (!inserted) {
      error("E405", "duplicate rule id '" + *id + "' (first at " +
                        files_[previous->second.first]->name() + ":" +
                        std::to_string(previous->second.second) + ")",
            span_of(node["id"]));
      ok = false;
    }
  }
  if (auto severity = text(node, "severity", false, where)) {
    auto level = parse_level(*severity);
    if (!level) {
      error("E403", "severity must be error, warning or info, not '" + *severity + "'",
            span_of(node["severity"]));
      ok = false;
    } else {
      info.level = *level;
    }
  }

  auto kind_name = text(node, "kind", true, where);
  const detail::KindDefinition* kind = kind_name ? detail::find_kind(*kind_name) : nullptr;
  std::set<std::string_view> allowed = kCommonRuleKeys;
  if (kind_name && kind == nullptr) {
    std::string known;
    for (const auto& k : detail::kind_definitions()) {
      known += (known.empty() ? "" : ", ") + std::string(k.name);
    }
    error("E406", "unknown rule kind '" + *kind_name + "' (expected one of: " + known + ")",
          span_of(node["kind"]));
  }
  if (kind != nullptr) {
    info.kind = std::string(kind->name);
    allowed.insert(kind->fields.begin(), kind->fields.end());
    check_keys(node, allowed, "a " + info.kind + " rule");
  } else {
    // Without a kind, report only keys that no kind has.
    for (const auto& k : detail::kind_definitions()) allowed.insert(k.fields.begin(), k.fields.end());
    check_keys(node, allowed, where);
  }

  // The correlation key: field names read from every event the rule relates.
  std::vector<eval::FieldId> key;
  const YAML::Node key_node = node["key"];
  if (key_node && allowed.count("key") != 0) {
    std::vector<YAML::Node> names;
    if (key_node.IsScalar()) {
      names.push_back(key_node);
    } else if (key_node.IsSequence()) {
      for (const auto& field : key_node) names.push_back(field);
    }
    if (names.empty()) {
      error("E403", "'key' must be a field name or a list of field names, not " +
                        std::string(node_kind(key_node)),
            span_of(key_node));
      ok = false;
    }
    for (const YAML::Node& field : names) {
      if (!field.IsScalar() || field.Scalar().empty()) {
        error("E403", "'key' must list field names, not " +
                          std::string(field.IsScalar() ? "empty text" : node_kind(field)),
              span_of(field));
        ok = false;
        continue;
      }
      info.key_fields.push_back(field.Scalar());
      key.push_back(environment_->intern_field(field.Scalar()));
    }
  }

  auto message = load_message(node, info);
  if (!message) {
    ok = false;
  } else {
    info.message = std::move(*message);
  }
  if (kind == nullptr) return;

  YamlRuleFields fields(*this, node, where, std::move(key));
  std::unique_ptr<RuleKind> rule = kind->build(info, fields);
  if (rule && ok) rules_.push_back(std::move(rule));
}

// Parses the message template: text with {placeholders} for the trigger's
// fields ({org}, {trigger.subject}), its {time} and {id}, the {due} date and
// parameters ({params.notice_period}); {{ and }} stand for braces.
std::optional<Message> Loader::load_message(const YAML::Node& rule, const RuleInfo& info) {
  Message message;
  YAML::Node node = rule["message"];
  std::string written;
  if (!node) {
    written = info.title + ": {id} on {time}.";
  } else if (!node.IsScalar()) {
    error("E403", "'message' must be text, not " + std::string(node_kind(node)), span_of(node));
    return std::nullopt;
  } else {
    written = node.Scalar();
  }
  std::optional<detail::ScalarMap> map;
  if (node) map.emplace(source().text(), offset_of(node), written);
  auto at = [&](std::size_t offset, std::size_t length) -> Span {
    if (!map) return span_of(rule);
    return {map->file_offset(static_cast<std::uint32_t>(offset)),
            map->file_offset(static_cast<std::uint32_t>(offset + length))};
  };
  auto add_text = [&](std::string_view text) {
    if (!message.parts.empty() && message.parts.back().source == MessagePart::Source::Text) {
      message.parts.back().text += text;
    } else {
      message.parts.push_back({MessagePart::Source::Text, std::string(text), {}});
    }
  };
  bool ok = true;
  for (std::size_t i = 0; i < written.size(); ++i) {
    char c = written[i];
    if ((c == '{' || c == '}') && i + 1 < written.size() && written[i + 1] == c) {
      add_text(std::string_view(&c, 1));
      ++i;
      continue;
    }
    if (c == '}') {
      error("E410", "'}' without '{' in the message (write }} for a brace)", at(i, 1));
      ok = false;
      continue;
    }
    if (c != '{') {
      add_text(std::string_view(&c, 1));
      continue;
    }
    std::size_t close = written.find('}', i);
    if (close == std::string::npos) {
      error("E410", "'{' without '}' in the message (write {{ for a brace)", at(i, 1));
      ok = false;
      break;
    }
    std::string name = written.substr(i + 1, close - i - 1);
    std::string_view field = name;
    if (field.substr(0, 8) == "trigger.") field.remove_prefix(8);
    if (name.substr(0, 7) == "params.") {
      std::string param = name.substr(7);
      auto found = std::find_if(parameters_.begin(), parameters_.end(),
                                [&](const Parameter& p) { return p.name == param; });
      if (found == parameters_.end()) {
        error("E410", "the message cites unknown parameter '" + param + "'", at(i, name.size() + 2));
        ok = false;
      } else {
        add_text(cited_parameter(*found));
      }
    } else if (field == "time") {
      message.parts.push_back({MessagePart::Source::TriggerTime, {}, {}});
    } else if (field == "id") {
      message.parts.push_back({MessagePart::Source::TriggerId, {}, {}});
    } else if (name == "due") {
      message.parts.push_back({MessagePart::Source::Due, {}, {}});
    } else if (field.empty() || field.find_first_of(" {") != std::string_view::npos) {
      error("E410", "'{" + name + "}' is not a placeholder: cite a field as {org}, the time as "
                    "{time}, the deadline as {due}, a parameter as {params.NAME}",
            at(i, name.size() + 2));
      ok = false;
    } else {
      message.parts.push_back({MessagePart::Source::Field, std::string(field),
                               environment_->intern_field(field)});
    }
    i = close;
  }
  if (!ok) return std::nullopt;
  return message;
}

}  // namespace

std::optional<std::string> read_rule_file(const std::string& path, std::size_t max_file_bytes) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  // A chunk at a time: the text is kept as long as the rule set, and a
  // buffer as big as the limit would keep megabytes that hold nothing.
  std::string text;
  std::array<char, 64 << 10> chunk;
  while (in && text.size() <= max_file_bytes) {
    std::size_t wanted = std::min(chunk.size(), max_file_bytes + 1 - text.size());
    in.read(chunk.data(), static_cast<std::streamsize>(wanted));
    text.append(chunk.data(), static_cast<std::size_t>(in.gcount()));
  }
  if (in.bad()) return std::nullopt;
  return text;
}

LoadResult load_rule_book(const std::vector<const SourceFile*>& files,
                          const LoadOptions& options) {
  return Loader(files, options).load();
}

}  // namespace accord::rules
