#include "rules_files.hpp"

namespace accord::cli {

std::optional<std::pair<std::string, std::string>> split_assignment(const std::string& text) {
  auto equals = text.find('=');
  if (equals == 0 || equals == std::string::npos) return std::nullopt;
  return std::pair{text.substr(0, equals), text.substr(equals + 1)};
}

std::optional<RuleSet> load_rules(const std::vector<std::string>& paths,
                                  const std::vector<std::string>& parameters,
                                  const Context& ctx) {
  RuleSetOptions options;
  for (const std::string& parameter : parameters) {
    auto assignment = split_assignment(parameter);
    if (!assignment) {
      ctx.err << "accord: --param expects NAME=VALUE, got '" << parameter << "'\n";
      return std::nullopt;
    }
    options.parameters.push_back(std::move(*assignment));
  }
  RuleSetLoad loaded = RuleSet::load_files(paths, options);
  ctx.err << loaded.message;
  return std::move(loaded.rule_set);
}

}  // namespace accord::cli
