#include <accord/session.hpp>

#include <accord/rules/load.hpp>

#include "stream/fields.hpp"
#include "stream/json_event.hpp"

#include <sstream>

namespace accord {

namespace {

Problem unreadable(const std::string& path) {
  return {Severity::Error, path, 0, 0, {}, "cannot read the rule file"};
}

std::string format_unreadable(const Problem& problem) {
  return problem.file + ": error: " + problem.message + "\n";
}

}  // namespace

RuleSetLoad RuleSet::load_file(const std::string& path, const RuleSetOptions& options) {
  return load_files({path}, options);
}

RuleSetLoad RuleSet::load_files(const std::vector<std::string>& paths,
                                const RuleSetOptions& options) {
  std::vector<std::unique_ptr<SourceFile>> files;
  std::vector<Problem> problems;
  for (const std::string& path : paths) {
    if (auto text = rules::read_rule_file(path)) {
      files.push_back(std::make_unique<SourceFile>(path, std::move(*text)));
    } else {
      problems.push_back(unreadable(path));
    }
  }
  return load(std::move(files), std::move(problems), options);
}

RuleSetLoad RuleSet::load_string(std::string text, std::string name,
                                 const RuleSetOptions& options) {
  std::vector<std::unique_ptr<SourceFile>> files;
  files.push_back(std::make_unique<SourceFile>(std::move(name), std::move(text)));
  return load(std::move(files), {}, options);
}

RuleSetLoad RuleSet::load(std::vector<std::unique_ptr<SourceFile>> files,
                          std::vector<Problem> problems, const RuleSetOptions& options) {
  RuleSetLoad loaded;
  // A rule set missing a file would judge without its rules: load none.
  if (!problems.empty()) {
    for (const Problem& problem : problems) loaded.message += format_unreadable(problem);
    loaded.problems = std::move(problems);
    return loaded;
  }
  std::vector<const SourceFile*> sources;
  for (const auto& file : files) sources.push_back(file.get());
  rules::LoadOptions load_options;
  load_options.parameters = options.parameters;
  rules::LoadResult result = rules::load_rule_book(sources, load_options);
  for (const rules::FileDiagnostic& found : result.diagnostics) {
    // A parameter override that no rule set has, or of the wrong type,
    // belongs to no file.
    if (found.file >= sources.size()) {
      loaded.problems.push_back({found.diagnostic.severity, "", 0, 0, found.diagnostic.code,
                                 found.diagnostic.message});
      continue;
    }
    const SourceFile& file = *sources[found.file];
    Location at = file.locate(found.diagnostic.span.begin);
    loaded.problems.push_back({found.diagnostic.severity, file.name(), at.line, at.column,
                               found.diagnostic.code, found.diagnostic.message});
  }
  loaded.message = result.format(sources);
  if (result.book) {
    loaded.rule_set = RuleSet(
        std::make_shared<const Compiled>(Compiled{std::move(files), std::move(*result.book)}));
  }
  return loaded;
}

std::vector<const SourceFile*> RuleSet::sources() const {
  std::vector<const SourceFile*> sources;
  for (const auto& file : compiled_->sources) sources.push_back(file.get());
  return sources;
}

class Session::Impl {
 public:
  Impl(const rules::RuleBook& book, SessionOptions options)
      : input_name_(options.input_name),
        in_time_order_(options.reorder_window == eval::Duration{0, 0}),
        limits_(options.limits),
        builder_(book.fields()),
        json_parser_(book.fields(), limits_),
        checker_(book, check_options(std::move(options))) {}

  std::optional<stream::InputError> add_json(std::string_view json) {
    stream::Origin origin = next_origin();
    if (json.size() > limits_.max_line_bytes) {
      return reject({origin, "event is longer than the limit of " +
                                 std::to_string(limits_.max_line_bytes) + " bytes"});
    }
    // The reader's parser, on a copy with the padding it reads past.
    padded_.assign(json);
    padded_.append(stream::detail::JsonEventParser::kPadding, ' ');
    std::string problem =
        json_parser_.read(std::string_view(padded_.data(), json.size()), origin, builder_);
    stream::ReadItem item;
    stream::detail::finish_item(builder_, origin, std::move(problem), item);
    if (auto* error = std::get_if<stream::InputError>(&item)) return reject(std::move(*error));
    return judge(std::move(std::get<stream::Event>(item)));
  }

  std::optional<stream::InputError> add(const eval::Value& fields) {
    return add_fields(fields, next_origin());
  }

  const std::string& input_name() const { return input_name_; }
  bool stopped() const { return stopped_.has_value(); }

  std::optional<stream::InputError> add(stream::Event event) {
    ++count_;
    return judge(std::move(event));
  }

  std::optional<stream::InputError> advance_to(eval::Timestamp now) {
    if (stopped_) return stopped_;
    try {
      checker_.advance_to(now);
    } catch (const stream::LimitExceeded& stop) {
      stopped_ = stream::InputError{stop.origin(), stop.what()};
    }
    return stopped_;
  }

  std::vector<stream::Pending> pending() {
    if (stopped_) return {};
    try {
      return checker_.pending();
    } catch (const stream::LimitExceeded& stop) {
      stopped_ = stream::InputError{stop.origin(), stop.what()};
      return {};
    }
  }

  stream::CheckResult finish(std::optional<eval::Timestamp> as_of) {
    if (!stopped_) {
      try {
        return checker_.finish(as_of);
      } catch (const stream::LimitExceeded& stop) {
        stopped_ = stream::InputError{stop.origin(), stop.what()};
      }
    }
    stream::CheckResult stopped;
    stopped.as_of = as_of.value_or(eval::Timestamp{0, 0});
    stopped.input_errors.push_back(*stopped_);
    return stopped;
  }

 private:
  static stream::CheckOptions check_options(SessionOptions options) {
    stream::CheckOptions check;
    check.reorder_window = options.reorder_window;
    check.input_names = {std::move(options.input_name)};
    check.on_violation = std::move(options.on_violation);
    check.max_open_obligations = options.max_open_obligations;
    return check;
  }

  // Gives the checker an event, unless the session has stopped at its limit
  // (the checker's state is then incomplete, so it takes nothing more).
  std::optional<stream::InputError> judge(stream::Event event) {
    if (stopped_) return stopped_;
    eval::Timestamp time = event.time();
    try {
      if (const stream::InputError* refused = checker_.add(std::move(event))) return *refused;
      // In time order, nothing earlier is still to come.
      if (in_time_order_) checker_.advance_to(time);
    } catch (const stream::LimitExceeded& stop) {
      stopped_ = stream::InputError{stop.origin(), stop.what()};
      return stopped_;
    }
    return std::nullopt;
  }

  stream::Origin next_origin() { return {0, ++count_}; }

  std::optional<stream::InputError> reject(stream::InputError error) {
    if (stopped_) return stopped_;
    checker_.add(error);
    return error;
  }

  std::optional<stream::InputError> add_fields(const eval::Value& fields, stream::Origin origin) {
    if (fields.kind() != eval::Kind::Map) return reject({origin, "expected a JSON object"});
    const eval::Map& map = fields.as_map();
    if (map.size() > limits_.max_fields) {
      return reject({origin, "more than " + std::to_string(limits_.max_fields) + " fields"});
    }
    // The event keeps its own copy of every string (the caller's may be
    // borrowed); id and type are copied once more.
    std::size_t text_bound = 0;
    for (const auto& [name, value] : map) text_bound += 2 * text_size(value) + 24;
    builder_.start(origin, text_bound);
    std::string problem;
    for (const auto& [name, value] : map) {
      if (name.kind() != eval::Kind::String) {
        problem = "a field name must be a string, not " + std::string(eval::type_name(name.kind()));
        break;
      }
      std::string_view field = name.as_string();
      bool read = field == "id" || field == "time" || field == "type" || builder_.find(field);
      if (!read) continue;  // no rule reads it
      if (depth(value) > limits_.max_nesting_depth) {
        problem = "field '" + std::string(field) + "': nested deeper than " +
                  std::to_string(limits_.max_nesting_depth) + " levels";
        break;
      }
      if (auto wrong = stream::detail::apply_field(builder_, field, kept(value))) {
        problem = std::move(*wrong);
        break;
      }
    }
    stream::ReadItem item;
    stream::detail::finish_item(builder_, origin, std::move(problem), item);
    if (auto* error = std::get_if<stream::InputError>(&item)) return reject(std::move(*error));
    return judge(std::move(std::get<stream::Event>(item)));
  }

  // The bytes of text a value holds, nested values and map keys included.
  static std::size_t text_size(const eval::Value& value) {
    switch (value.kind()) {
      case eval::Kind::String: return value.as_string().size();
      case eval::Kind::Bytes: return value.as_bytes().size();
      case eval::Kind::List: {
        std::size_t size = 0;
        for (const eval::Value& element : value.as_list()) size += text_size(element);
        return size;
      }
      case eval::Kind::Map: {
        std::size_t size = 0;
        for (const auto& [key, element] : value.as_map()) size += text_size(key) + text_size(element);
        return size;
      }
      default: return 0;
    }
  }

  // How deeply a value nests lists and maps (1 for a scalar), as readers count it.
  static std::size_t depth(const eval::Value& value) {
    std::size_t deepest = 0;
    if (value.kind() == eval::Kind::List) {
      for (const eval::Value& element : value.as_list()) deepest = std::max(deepest, depth(element));
    } else if (value.kind() == eval::Kind::Map) {
      for (const auto& [key, element] : value.as_map()) deepest = std::max(deepest, depth(element));
    } else {
      return 1;
    }
    return deepest + 1;
  }

  // The value with its text in the event being built.
  eval::Value kept(const eval::Value& value) {
    switch (value.kind()) {
      case eval::Kind::String: return eval::Value::string_view(builder_.keep(value.as_string()));
      case eval::Kind::Bytes: return eval::Value::bytes_view(builder_.keep(value.as_bytes()));
      case eval::Kind::List: {
        eval::List elements;
        elements.reserve(value.as_list().size());
        for (const eval::Value& element : value.as_list()) elements.push_back(kept(element));
        return eval::Value::list(std::move(elements));
      }
      case eval::Kind::Map: {
        std::vector<eval::Map::Entry> entries;
        entries.reserve(value.as_map().size());
        for (const auto& [key, element] : value.as_map()) {
          entries.emplace_back(kept(key), kept(element));
        }
        return eval::Value::map(eval::Map(std::move(entries)));
      }
      default: return value;
    }
  }

  std::string input_name_;
  bool in_time_order_;  // no reorder window
  stream::ReaderLimits limits_;
  stream::EventBuilder builder_;
  stream::detail::JsonEventParser json_parser_;
  std::string padded_;  // the JSON of the event being added, padded
  stream::Checker checker_;
  std::uint32_t count_ = 0;  // events given so far, valid or not
  std::optional<stream::InputError> stopped_;  // why the session stopped, once it has
};

Session::Session(RuleSet rule_set, SessionOptions options)
    : rule_set_(std::move(rule_set)),
      impl_(std::make_unique<Impl>(rule_set_.book(), std::move(options))) {}

Session::~Session() = default;
Session::Session(Session&&) noexcept = default;
Session& Session::operator=(Session&&) noexcept = default;

const std::string& Session::input_name() const { return impl_->input_name(); }
bool Session::stopped() const { return impl_->stopped(); }

std::optional<stream::InputError> Session::add_json(std::string_view json) {
  return impl_->add_json(json);
}

std::optional<stream::InputError> Session::add(const eval::Value& fields) {
  return impl_->add(fields);
}

std::optional<stream::InputError> Session::add(stream::Event event) {
  return impl_->add(std::move(event));
}

std::optional<stream::InputError> Session::advance_to(eval::Timestamp now) {
  return impl_->advance_to(now);
}

std::vector<stream::Pending> Session::pending() { return impl_->pending(); }

stream::CheckResult Session::finish(std::optional<eval::Timestamp> as_of) {
  return impl_->finish(as_of);
}

void write_report(std::ostream& out, const RuleSet& rule_set, const stream::CheckResult& result,
                  const ReportOptions& options) {
  report::Report report{rule_set.book(), result, options.inputs, options.tool_version};
  switch (options.format) {
    case report::Format::Json: report::write_json(out, report); break;
    case report::Format::Sarif: report::write_sarif(out, report); break;
    case report::Format::Junit: report::write_junit(out, report); break;
    case report::Format::Markdown: report::write_markdown(out, report); break;
    case report::Format::Html:
      report::write_html(out, report, options.events ? *options.events : report::NamedEvents{});
      break;
    case report::Format::Text: report::write_text(out, report, {options.color}); break;
  }
}

std::string report_text(const RuleSet& rule_set, const stream::CheckResult& result,
                        const ReportOptions& options) {
  std::ostringstream out;
  write_report(out, rule_set, result, options);
  return std::move(out).str();
}

}  // namespace accord
