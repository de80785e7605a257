#include "rules_commands.hpp"

#include "rules_files.hpp"

#include <accord/rules/rule_kind.hpp>

#include <CLI/CLI.hpp>

#include <algorithm>
#include <iomanip>

namespace accord::cli {

namespace {

CLI::App& add_files(CLI::App& command, RulesOptions& options) {
  command.add_option("rules", options.files, "Rule sets (YAML)")->required();
  // One value per --param, so that rule files after it stay rule files.
  command
      .add_option("--param", options.parameters, "Override a parameter: NAME=VALUE; repeatable")
      ->allow_extra_args(false);
  return command;
}

}  // namespace

CLI::App& add_validate_command(CLI::App& app, RulesOptions& options) {
  return add_files(*app.add_subcommand(
                       "validate", "Check rule sets and report every problem with its position"),
                   options);
}

CLI::App& add_rules_command(CLI::App& app, RulesOptions& options) {
  return add_files(*app.add_subcommand("rules", "List the rules and parameters of rule sets"),
                   options);
}

ExitCode run_validate(const RulesOptions& options, const Context& ctx) {
  std::optional<RuleSet> loaded = load_rules(options.files, options.parameters, ctx);
  if (!loaded) return ExitCode::Failure;
  const rules::RuleBook& book = loaded->book();
  for (const rules::RuleSetInfo& set : book.rule_sets()) {
    std::size_t count = static_cast<std::size_t>(
        std::count_if(book.rules().begin(), book.rules().end(),
                      [&](const auto& rule) { return rule->info().rule_set == set.id; }));
    ctx.out << set.file << ": " << set.id << ", " << count << (count == 1 ? " rule" : " rules")
            << ", valid\n";
  }
  return ExitCode::Clean;
}

ExitCode run_rules(const RulesOptions& options, const Context& ctx) {
  std::optional<RuleSet> loaded = load_rules(options.files, options.parameters, ctx);
  if (!loaded) return ExitCode::Failure;
  const rules::RuleBook& book = loaded->book();
  std::size_t id_width = 2;
  for (const auto& rule : book.rules()) id_width = std::max(id_width, rule->info().id.size());
  ctx.out << std::left << std::setw(static_cast<int>(id_width)) << "id" << "  clause  "
          << std::setw(8) << "severity" << "  " << std::setw(10) << "kind" << "  title\n";
  for (const auto& rule : book.rules()) {
    const rules::RuleInfo& info = rule->info();
    ctx.out << std::setw(static_cast<int>(id_width)) << info.id << "  " << std::setw(6)
            << info.clause << "  " << std::setw(8) << rules::level_name(info.level) << "  "
            << std::setw(10) << info.kind << "  " << info.title << '\n';
  }
  if (!book.parameters().empty()) {
    ctx.out << "\nparameters\n";
    for (const rules::Parameter& parameter : book.parameters()) {
      // An empty text is shown as "" so that it reads as a value.
      ctx.out << "  " << parameter.name << " = "
              << (parameter.text.empty() ? std::string("\"\"") : parameter.text) << " ("
              << rules::parameter_type_name(parameter.type) << ")";
      if (!parameter.doc.empty()) ctx.out << ": " << parameter.doc;
      ctx.out << '\n';
    }
  }
  return ExitCode::Clean;
}

}  // namespace accord::cli
