// The accord command. Everything happens in accord::cli::run, so that tests
// can drive the whole command with string streams.
#include "run.hpp"

#include <cstdlib>
#include <iostream>

#include <unistd.h>

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  const char* no_color = std::getenv("NO_COLOR");
  accord::cli::Context ctx{std::cout, std::cerr, isatty(STDOUT_FILENO) == 1,
                           isatty(STDERR_FILENO) == 1, no_color != nullptr && *no_color != '\0'};
  ctx.process_ends_after = true;
  return accord::cli::run(argc, argv, ctx);
}
