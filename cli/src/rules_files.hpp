// Loading rule files for a command, with every problem printed as
// file:line:column — shared by check, validate, rules and test, through the
// embedding API's RuleSet.
#pragma once

#include "context.hpp"

#include <accord/session.hpp>

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace accord::cli {

// Loads the files with the `--param NAME=VALUE` overrides. Prints problems to
// ctx.err; nullopt when a parameter is not NAME=VALUE, a file is unreadable
// or a rule set has an error.
std::optional<RuleSet> load_rules(const std::vector<std::string>& paths,
                                  const std::vector<std::string>& parameters,
                                  const Context& ctx);

// "NAME=VALUE" split at the first '='; nullopt when there is none.
std::optional<std::pair<std::string, std::string>> split_assignment(const std::string& text);

}  // namespace accord::cli
