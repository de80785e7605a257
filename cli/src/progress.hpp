// The progress line of a long `accord check` on a terminal's standard error:
//   accord: 1,234,567 events, 1.9 M events/s, 45%, 3 s left
// rewritten in place and cleared when the check ends.
#pragma once

#include <accord/stream/check_logs.hpp>

#include <ostream>
#include <string>

namespace accord::cli {

// The line for `progress`, without the carriage return. `pass_seconds` is
// the time spent on this pass (the rate and the time left are of the pass).
std::string format_progress(const stream::Progress& progress, double pass_seconds);

// Shows progress on `out` once a check has run `delay` seconds, so short
// checks stay silent.
class ProgressLine {
 public:
  ProgressLine(std::ostream& out, double delay) : out_(out), delay_(delay) {}
  ProgressLine(const ProgressLine&) = delete;
  ProgressLine& operator=(const ProgressLine&) = delete;
  // Clears the line, so the report and messages start on a clean one.
  ~ProgressLine() { clear(); }

  void show(const stream::Progress& progress);
  void clear();

 private:
  std::ostream& out_;
  double delay_;
  int pass_ = 1;
  double pass_started_ = 0;  // seconds into the check when this pass began
  double last_seen_ = 0;
  bool shown_ = false;
};

}  // namespace accord::cli
