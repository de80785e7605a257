// `accord check`: judges event logs against rule sets and writes a report.
#pragma once

#include "context.hpp"
#include "run.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace accord::cli {

struct CheckOptions {
  std::vector<std::string> rules;
  std::vector<std::string> events;
  std::optional<std::string> format;
  std::optional<std::string> output;
  std::vector<std::string> parameters;
  std::optional<std::string> as_of;
  std::string fail_on = "error";
  std::optional<std::string> input_format;
  bool keep_going = false;
  bool quiet = false;
  // The engine's defaults unless given.
  std::optional<std::size_t> max_line_bytes;
  std::optional<std::uint64_t> max_open_obligations;
};

CLI::App& add_check_command(CLI::App& app, CheckOptions& options);

ExitCode run_check(const CheckOptions& options, const Context& ctx);

}  // namespace accord::cli
