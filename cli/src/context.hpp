// What a command may know about where it runs, decided once in main() so
// that tests can run every command with string streams.
#pragma once

#include <ostream>

namespace accord::cli {

struct Context {
  std::ostream& out;
  std::ostream& err;
  bool out_is_terminal = false;
  bool err_is_terminal = false;
  bool no_color = false;  // NO_COLOR is set
};

}  // namespace accord::cli
