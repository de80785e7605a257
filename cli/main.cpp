// The accord command. Everything happens in accord::cli::run, so that tests
// can drive the whole command with string streams.
#include "run.hpp"

#include <iostream>

int main(int argc, char** argv) {
  return accord::cli::run(argc, argv, std::cout, std::cerr);
}
