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
  // The process ends when the command returns (main): what it built for
  // its report may be left for the system to reclaim instead of freed.
  bool process_ends_after = false;
  // When `check` shows progress on a terminal: from `progress_delay`
  // seconds into the check, every `progress_interval`. Tests shorten them.
  double progress_delay = 1.0;
  double progress_interval = 0.25;
};

}  // namespace accord::cli
