// Reading rule files and loading them into a RuleBook, with every problem
// printed as file:line:column — shared by check, validate and rules.
#pragma once

#include "context.hpp"

#include <accord/rules/load.hpp>
#include <accord/source.hpp>

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace accord::cli {

struct LoadedRules {
  std::vector<std::unique_ptr<SourceFile>> files;
  std::optional<rules::RuleBook> book;
};

// Reads and loads the files. Prints problems to ctx.err; the book is empty
// when any file is unreadable or any rule set has an error.
LoadedRules load_rules(const std::vector<std::string>& paths,
                       const std::vector<std::string>& parameters, const Context& ctx);

// "NAME=VALUE" split at the first '='; nullopt when there is none.
std::optional<std::pair<std::string, std::string>> split_assignment(const std::string& text);

}  // namespace accord::cli
