// `accord eval`: evaluates one condition, for trying conditions out.
#pragma once

#include "run.hpp"

#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace accord::cli {

struct EvalOptions {
  std::string expression;
  std::vector<std::string> variables;  // NAME=JSON
  std::optional<std::string> event;    // JSON object, bound as `event`
  std::optional<std::string> trigger;  // JSON object, bound as `trigger`
  bool typed = false;                  // values in the conformance data's tagged form
};

// Registers the subcommand and its options on `app`, filling `options`.
CLI::App& add_eval_command(CLI::App& app, EvalOptions& options);

ExitCode run_eval(const EvalOptions& options, std::ostream& out, std::ostream& err);

}  // namespace accord::cli
