#include "eval_command.hpp"

#include <accord/diagnostic.hpp>
#include <accord/eval/json.hpp>
#include <accord/eval/program.hpp>
#include <accord/expr/parse.hpp>

#include <CLI/CLI.hpp>

#include <utility>

namespace accord::cli {

namespace {

constexpr const char* kExpressionName = "<expression>";

// Variables bound from the command line: whole values by VariableId, and
// the fields of JSON-object records by FieldId.
class CommandLineActivation final : public eval::Activation {
 public:
  void bind(eval::VariableId id, eval::Value value) {
    auto index = static_cast<std::size_t>(id);
    if (values_.size() <= index) values_.resize(index + 1);
    values_[index] = std::move(value);
  }

  const eval::Value* variable(eval::VariableId id) const override {
    auto index = static_cast<std::size_t>(id);
    return index < values_.size() && values_[index] ? &*values_[index] : nullptr;
  }

  const eval::Value* field(eval::VariableId record, eval::FieldId field) const override {
    const eval::Value* value = variable(record);
    if (value == nullptr || value->kind() != eval::Kind::Map) return nullptr;
    // The command line evaluates once, so a lookup by name costs nothing here.
    return value->as_map().find(field_names_->at(static_cast<std::size_t>(field)));
  }

  void set_field_names(const std::vector<std::string>& names) { field_names_ = &names; }

 private:
  std::vector<std::optional<eval::Value>> values_;
  const std::vector<std::string>* field_names_ = nullptr;
};

struct Binding {
  std::string name;
  eval::Value value;
  bool record;
};

// Parses "NAME=JSON" (or a record's JSON) into a value; reports to `err`.
std::optional<eval::Value> parse_value(std::string_view what, std::string_view json,
                                       bool typed, std::ostream& err) {
  eval::JsonResult parsed = typed ? eval::parse_typed_json(json) : eval::parse_json(json);
  if (!parsed.value) {
    err << "accord eval: " << what << ": " << parsed.error << '\n';
    return std::nullopt;
  }
  return std::move(parsed.value);
}

std::optional<eval::Value> parse_record(std::string_view name, std::string_view json,
                                        std::ostream& err) {
  auto value = parse_value("--" + std::string(name), json, false, err);
  if (value && value->kind() != eval::Kind::Map) {
    err << "accord eval: --" << name << " must be a JSON object\n";
    return std::nullopt;
  }
  return value;
}

std::optional<std::vector<Binding>> parse_bindings(const EvalOptions& options,
                                                   std::ostream& err) {
  std::vector<Binding> bindings;
  for (const std::string& assignment : options.variables) {
    auto equals = assignment.find('=');
    if (equals == 0 || equals == std::string::npos) {
      err << "accord eval: --var expects NAME=JSON, got '" << assignment << "'\n";
      return std::nullopt;
    }
    std::string name = assignment.substr(0, equals);
    auto value = parse_value("--var " + name, std::string_view(assignment).substr(equals + 1),
                             options.typed, err);
    if (!value) return std::nullopt;
    bindings.push_back({std::move(name), std::move(*value), false});
  }
  for (auto [name, json] : {std::pair{"event", &options.event},
                            std::pair{"trigger", &options.trigger}}) {
    if (!*json) continue;
    auto value = parse_record(name, **json, err);
    if (!value) return std::nullopt;
    bindings.push_back({name, std::move(*value), true});
  }
  for (std::size_t i = 0; i < bindings.size(); ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      if (bindings[i].name == bindings[j].name) {
        err << "accord eval: '" << bindings[i].name << "' is bound twice\n";
        return std::nullopt;
      }
    }
  }
  return bindings;
}

}  // namespace

CLI::App& add_eval_command(CLI::App& app, EvalOptions& options) {
  CLI::App& command = *app.add_subcommand(
      "eval", "Evaluate one condition and print its value as JSON");
  command.add_option("expression", options.expression,
                     "The condition, in CEL syntax (put -- before one that starts with -)")
      ->required();
  command.add_option("--var", options.variables,
                     "Bind a variable: NAME=JSON (repeatable)");
  command.add_option("--event", options.event, "Bind `event` to a JSON object");
  command.add_option("--trigger", options.trigger, "Bind `trigger` to a JSON object");
  command.add_flag("--typed", options.typed,
                   "Read --var values and print the result in the tagged JSON form "
                   "({\"int64\": \"1\"}, {\"timestamp\": \"...\"}, ...)");
  return command;
}

ExitCode run_eval(const EvalOptions& options, std::ostream& out, std::ostream& err) {
  auto bindings = parse_bindings(options, err);
  if (!bindings) return ExitCode::Failure;

  SourceFile source(kExpressionName, options.expression);
  expr::ParseResult parsed = expr::parse_condition(options.expression);
  if (!parsed.ast) {
    err << format_diagnostics(parsed.diagnostics, source);
    return ExitCode::Failure;
  }

  eval::Environment environment;
  std::vector<eval::VariableId> ids;
  for (const Binding& binding : *bindings) {
    ids.push_back(binding.record ? environment.add_record(binding.name)
                                 : environment.add_variable(binding.name));
  }
  eval::CompileResult compiled = eval::compile(*parsed.ast, environment);
  err << format_diagnostics(compiled.diagnostics, source);
  if (!compiled.program) return ExitCode::Failure;

  CommandLineActivation activation;
  activation.set_field_names(environment.field_names());
  for (std::size_t i = 0; i < bindings->size(); ++i) {
    activation.bind(ids[i], (*bindings)[i].value);
  }

  eval::Value result = compiled.program->evaluate(activation);
  if (result.is_error()) {
    const eval::ErrorInfo& error = result.as_error();
    err << format_diagnostic({Severity::Error, "E300", error.message, error.span}, source);
    return ExitCode::Failure;
  }
  out << (options.typed ? eval::to_typed_json(result) : eval::to_json(result)) << '\n';
  return ExitCode::Clean;
}

}  // namespace accord::cli
