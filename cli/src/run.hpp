// The accord command line: parses arguments, calls the engine, maps the
// outcome to an exit status (../../shared/spec/report.md).
//
//   std::ostringstream out, err;
//   const char* argv[] = {"accord", "eval", "1 + 2"};
//   int status = accord::cli::run(3, argv, {out, err});  // out: "3\n", status 0
#pragma once

#include "context.hpp"

namespace accord::cli {

enum class ExitCode : int {
  Clean = 0,       // nothing at or above the --fail-on severity
  Violations = 1,  // at least one violation at or above it
  Failure = 2,     // bad usage, bad rules or input, an error the user did not tolerate
};

// Runs one command. Writes results to ctx.out and diagnostics to ctx.err;
// never throws. Returns the process exit status.
int run(int argc, const char* const* argv, const Context& ctx);

}  // namespace accord::cli
