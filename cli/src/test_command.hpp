// `accord test`: runs rule tests (docs/rule-tests.md) and reports each as
// passed or failed, with what differs.
#pragma once

#include "context.hpp"
#include "run.hpp"

#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace accord::cli {

struct TestOptions {
  std::vector<std::string> rules;
  std::vector<std::string> tests;  // test files or folders; none: each rule set's tests/ folder
};

CLI::App& add_test_command(CLI::App& app, TestOptions& options);

ExitCode run_tests(const TestOptions& options, const Context& ctx);

}  // namespace accord::cli
