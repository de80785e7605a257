#include "test_command.hpp"

#include "rules_files.hpp"

#include <accord/ruletest/rule_test.hpp>

#include <CLI/CLI.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace accord::cli {

namespace {

namespace fs = std::filesystem;

bool is_test_file(const fs::path& path) {
  std::string name = path.filename().string();
  auto ends_with = [&](std::string_view suffix) {
    return name.size() > suffix.size() && name.compare(name.size() - suffix.size(), suffix.size(),
                                                       suffix) == 0;
  };
  return ends_with(".test.yaml") || ends_with(".test.yml");
}

// The test files under each path (a test file itself, or a folder searched
// recursively), each folder's in name order; nullopt after reporting a path
// that does not exist.
std::optional<std::vector<std::string>> find_test_files(const std::vector<std::string>& roots,
                                                        const Context& ctx) {
  std::vector<std::string> files;
  for (const std::string& root : roots) {
    std::error_code error;
    if (fs::is_regular_file(root, error)) {
      files.push_back(root);
      continue;
    }
    if (!fs::is_directory(root, error)) {
      ctx.err << "accord test: " << root << ": no such test file or folder\n";
      return std::nullopt;
    }
    std::vector<std::string> found;
    for (fs::recursive_directory_iterator it(root, error), end; !error && it != end;
         it.increment(error)) {
      if (it->is_regular_file(error) && is_test_file(it->path())) {
        found.push_back(it->path().lexically_normal().generic_string());
      }
    }
    if (error) {
      ctx.err << "accord test: " << root << ": " << error.message() << '\n';
      return std::nullopt;
    }
    std::sort(found.begin(), found.end());
    files.insert(files.end(), found.begin(), found.end());
  }
  return files;
}

// Where a rule set's tests live when --tests is not given: rules/npa.yaml's
// in rules/tests/npa/.
std::string conventional_folder(const std::string& rule_file) {
  fs::path path(rule_file);
  return (path.parent_path() / "tests" / path.stem()).lexically_normal().generic_string();
}

std::optional<std::string> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return std::nullopt;
  return text.str();
}

}  // namespace

CLI::App& add_test_command(CLI::App& app, TestOptions& options) {
  CLI::App& command = *app.add_subcommand(
      "test", "Run rule tests: small event logs with the violations they must give");
  command.add_option("rules", options.rules, "Rule sets under test (YAML)")->required();
  command
      .add_option("--tests", options.tests,
                  "A test file or a folder of *.test.yaml files; repeatable (default: "
                  "tests/NAME/ beside each rule set NAME.yaml)")
      ->allow_extra_args(false);
  return command;
}

ExitCode run_tests(const TestOptions& options, const Context& ctx) {
  for (const std::string& path : options.rules) {
    std::error_code error;
    if (fs::is_directory(path, error)) {
      ctx.err << "accord test: " << path
              << " is a folder: name the rule sets to test, and their tests with --tests\n";
      return ExitCode::Failure;
    }
  }
  std::optional<RuleSet> loaded = load_rules(options.rules, {}, ctx);
  if (!loaded) return ExitCode::Failure;
  ruletest::RuleSource rules;
  rules.files = loaded->sources();
  rules.book = &loaded->book();

  std::vector<std::string> roots = options.tests;
  if (roots.empty()) {
    for (const std::string& path : options.rules) {
      std::string folder = conventional_folder(path);
      std::error_code error;
      if (!fs::is_directory(folder, error)) {
        ctx.err << "accord test: no tests for " << path << ": " << folder
                << " is not a folder (give the tests with --tests)\n";
        return ExitCode::Failure;
      }
      roots.push_back(folder);
    }
  }
  auto test_files = find_test_files(roots, ctx);
  if (!test_files) return ExitCode::Failure;
  if (test_files->empty()) {
    ctx.err << "accord test: no test files (*.test.yaml) found\n";
    return ExitCode::Failure;
  }

  ruletest::OutputStyle style{ctx.out_is_terminal && !ctx.no_color};
  ruletest::Summary summary;
  for (const std::string& path : *test_files) {
    ++summary.files;
    auto text = read_file(path);
    if (!text) {
      ctx.err << path << ": error: cannot read the test file\n";
      ++summary.unloadable_files;
      continue;
    }
    SourceFile source(path, std::move(*text));
    ruletest::ParsedTestFile parsed = ruletest::parse_test_file(source, rules);
    ctx.err << format_diagnostics(parsed.diagnostics, source);
    if (!parsed.file) {
      ++summary.unloadable_files;
      continue;
    }
    for (const ruletest::RuleTest& test : parsed.file->tests) {
      ruletest::TestOutcome outcome = ruletest::run_test(*parsed.file, test, rules);
      ruletest::write_outcome(ctx.out, *parsed.file, test, outcome, style);
      switch (outcome.status) {
        case ruletest::TestOutcome::Status::Passed: ++summary.passed; break;
        case ruletest::TestOutcome::Status::Failed: ++summary.failed; break;
        case ruletest::TestOutcome::Status::Broken:
          ctx.err << outcome.problems;
          ++summary.broken;
          break;
      }
    }
  }
  ruletest::write_summary(ctx.out, summary, style);
  if (summary.unloadable_files > 0 || summary.broken > 0) return ExitCode::Failure;
  // A failed test: the rules do not give what it expects.
  if (summary.failed > 0) return ExitCode::Violations;
  return ExitCode::Clean;
}

}  // namespace accord::cli
