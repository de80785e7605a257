// `accord validate` and `accord rules`: checking rule files, and listing
// what they hold.
#pragma once

#include "context.hpp"
#include "run.hpp"

#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace accord::cli {

struct RulesOptions {
  std::vector<std::string> files;
  std::vector<std::string> parameters;
};

CLI::App& add_validate_command(CLI::App& app, RulesOptions& options);
CLI::App& add_rules_command(CLI::App& app, RulesOptions& options);

ExitCode run_validate(const RulesOptions& options, const Context& ctx);
ExitCode run_rules(const RulesOptions& options, const Context& ctx);

}  // namespace accord::cli
