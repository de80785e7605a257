#include "run.hpp"

#include "eval_command.hpp"

#include <CLI/CLI.hpp>

#include <exception>

namespace accord::cli {

namespace {

constexpr const char* kVersion = "0.1.0";

}  // namespace

int run(int argc, const char* const* argv, std::ostream& out, std::ostream& err) {
  CLI::App app("accord: checks event logs against partnership agreements' obligations",
               "accord");
  app.set_version_flag("--version", kVersion);
  app.require_subcommand(1);

  EvalOptions eval_options;
  CLI::App& eval = add_eval_command(app, eval_options);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    // --help and --version are "errors" that succeed.
    int status = app.exit(error, out, err);
    return status == 0 ? static_cast<int>(ExitCode::Clean)
                       : static_cast<int>(ExitCode::Failure);
  }

  try {
    if (eval.parsed()) return static_cast<int>(run_eval(eval_options, out, err));
  } catch (const std::exception& failure) {
    // Bad input never gets here (the engine reports it as diagnostics); this
    // is a bug or the host failing, and it must still not look like success.
    err << "accord: internal error: " << failure.what() << '\n';
  }
  return static_cast<int>(ExitCode::Failure);
}

}  // namespace accord::cli
