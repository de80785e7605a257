#include "run.hpp"

#include "check_command.hpp"
#include "eval_command.hpp"
#include "rules_commands.hpp"
#include "test_command.hpp"
#include "version.hpp"

#include <CLI/CLI.hpp>

#include <exception>

namespace accord::cli {

int run(int argc, const char* const* argv, const Context& ctx) {
  CLI::App app("accord: checks event logs against partnership agreements' obligations",
               "accord");
  app.set_version_flag("--version", kVersion);
  app.require_subcommand(1);

  CheckOptions check_options;
  CLI::App& check = add_check_command(app, check_options);
  RulesOptions validate_options;
  CLI::App& validate = add_validate_command(app, validate_options);
  RulesOptions rules_options;
  CLI::App& rules = add_rules_command(app, rules_options);
  TestOptions test_options;
  CLI::App& test = add_test_command(app, test_options);
  EvalOptions eval_options;
  CLI::App& eval = add_eval_command(app, eval_options);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    // --help and --version are "errors" that succeed.
    int status = app.exit(error, ctx.out, ctx.err);
    return status == 0 ? static_cast<int>(ExitCode::Clean)
                       : static_cast<int>(ExitCode::Failure);
  }

  try {
    ExitCode code = ExitCode::Failure;
    if (check.parsed()) code = run_check(check_options, ctx);
    if (validate.parsed()) code = run_validate(validate_options, ctx);
    if (rules.parsed()) code = run_rules(rules_options, ctx);
    if (test.parsed()) code = run_tests(test_options, ctx);
    if (eval.parsed()) code = run_eval(eval_options, ctx.out, ctx.err);
    return static_cast<int>(code);
  } catch (const std::exception& failure) {
    // Bad input never gets here (the engine reports it as diagnostics); this
    // is a bug or the host failing, and it must still not look like success.
    ctx.err << "accord: internal error: " << failure.what() << '\n';
  }
  return static_cast<int>(ExitCode::Failure);
}

}  // namespace accord::cli
