// Loading and validating rule sets written in YAML.
//
// Every problem in a rule file is a diagnostic with its position in the file
// (conditions' syntax errors included), and loading goes on past it so that
// one run shows them all. No RuleBook comes back while any error remains.
//
//   accord::SourceFile file("rules/npa.yaml", text);
//   auto loaded = accord::rules::load_rule_book({&file}, {});
//   if (!loaded.book) for (auto& d : loaded.diagnostics) ... // d.file is the index
#pragma once

#include <accord/diagnostic.hpp>
#include <accord/rules/rule_book.hpp>
#include <accord/source.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace accord::rules {

struct LoadOptions {
  // Parameter overrides, NAME=VALUE as on the command line (`--param`).
  std::vector<std::pair<std::string, std::string>> parameters;
  // Rules in one book, across all its files (a limit that keeps a runaway
  // generated rule file from exhausting memory).
  std::size_t max_rules = 10'000;
  // Bytes in one rule file: nothing in a longer one is loaded (E413). A
  // program that reads rule files needs to read no more than this and one
  // byte.
  std::size_t max_file_bytes = 8 << 20;
};

// A diagnostic in one of the loaded files.
struct FileDiagnostic {
  std::size_t file;  // index into the files given to load_rule_book
  Diagnostic diagnostic;
};

struct LoadResult {
  std::optional<RuleBook> book;  // empty when there are errors
  std::vector<FileDiagnostic> diagnostics;

  bool has_errors() const;
  // Every diagnostic formatted with its file, line, column and caret.
  std::string format(const std::vector<const SourceFile*>& files) const;
};

// A parameter's value from its text, as a default or `--param` writes it
// ("45d", "12", "true"); nullopt, with why in `problem`, when the text is
// not of `type`.
std::optional<eval::Value> parameter_value(ParameterType type, std::string_view text,
                                           std::string& problem);

// The text of a rule file, no more of it than `max_file_bytes` and a byte
// (enough for load_rule_book to refuse it); nullopt when it cannot be read.
std::optional<std::string> read_rule_file(
    const std::string& path, std::size_t max_file_bytes = LoadOptions{}.max_file_bytes);

// Loads the rule sets in `files` into one book. The files must outlive the
// call only.
LoadResult load_rule_book(const std::vector<const SourceFile*>& files,
                          const LoadOptions& options = {});

}  // namespace accord::rules
