#include "rules_files.hpp"

namespace accord::cli {

std::optional<std::pair<std::string, std::string>> split_assignment(const std::string& text) {
  auto equals = text.find('=');
  if (equals == 0 || equals == std::string::npos) return std::nullopt;
  return std::pair{text.substr(0, equals), text.substr(equals + 1)};
}

LoadedRules load_rules(const std::vector<std::string>& paths,
                       const std::vector<std::string>& parameters, const Context& ctx) {
  LoadedRules loaded;
  rules::LoadOptions options;
  bool readable = true;
  for (const std::string& path : paths) {
    auto text = rules::read_rule_file(path, options.max_file_bytes);
    if (!text) {
      ctx.err << path << ": error: cannot read the rule file\n";
      readable = false;
      continue;
    }
    loaded.files.push_back(std::make_unique<SourceFile>(path, std::move(*text)));
  }
  for (const std::string& parameter : parameters) {
    auto assignment = split_assignment(parameter);
    if (!assignment) {
      ctx.err << "accord: --param expects NAME=VALUE, got '" << parameter << "'\n";
      readable = false;
      continue;
    }
    options.parameters.push_back(std::move(*assignment));
  }
  if (!readable) return loaded;

  std::vector<const SourceFile*> files;
  for (const auto& file : loaded.files) files.push_back(file.get());
  rules::LoadResult result = rules::load_rule_book(files, options);
  ctx.err << result.format(files);
  loaded.book = std::move(result.book);
  return loaded;
}

}  // namespace accord::cli
