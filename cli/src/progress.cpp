#include "progress.hpp"

#include <cmath>
#include <cstdint>
#include <cstdio>

namespace accord::cli {

namespace {

// 1234567 -> "1,234,567"
std::string with_separators(std::uint64_t number) {
  std::string digits = std::to_string(number);
  std::string grouped;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) grouped += ',';
    grouped += digits[i];
  }
  return grouped;
}

// 1'900'000 -> "1.9 M", 85'000 -> "85 k", 950 -> "950"
std::string rate_text(double per_second) {
  char text[32];
  if (per_second >= 1e6) {
    std::snprintf(text, sizeof text, "%.1f M", per_second / 1e6);
  } else if (per_second >= 1e3) {
    std::snprintf(text, sizeof text, "%.0f k", per_second / 1e3);
  } else {
    std::snprintf(text, sizeof text, "%.0f", per_second);
  }
  return text;
}

// 3 -> "3 s", 125 -> "2 min 5 s", 3720 -> "1 h 2 min"
std::string duration_text(double seconds) {
  auto whole = static_cast<std::uint64_t>(std::ceil(seconds));
  if (whole < 60) return std::to_string(whole) + " s";
  if (whole < 3600) {
    return std::to_string(whole / 60) + " min " + std::to_string(whole % 60) + " s";
  }
  return std::to_string(whole / 3600) + " h " + std::to_string(whole % 3600 / 60) + " min";
}

}  // namespace

std::string format_progress(const stream::Progress& progress, double pass_seconds) {
  std::string line = "accord: ";
  if (progress.pass > 1) line += "second pass, ";
  line += with_separators(progress.events) + " events";
  if (pass_seconds > 0) {
    line += ", " + rate_text(static_cast<double>(progress.events) / pass_seconds) + " events/s";
  }
  if (progress.bytes_total && *progress.bytes_total > 0) {
    double done = static_cast<double>(progress.bytes_read) /
                  static_cast<double>(*progress.bytes_total);
    if (done > 1) done = 1;
    line += ", " + std::to_string(static_cast<int>(done * 100)) + "%";
    // The time left assumes the rest reads as fast as what came before.
    if (done > 0 && pass_seconds > 0) {
      line += ", " + duration_text(pass_seconds * (1 - done) / done) + " left";
    }
  }
  return line;
}

void ProgressLine::show(const stream::Progress& progress) {
  if (progress.pass != pass_) {
    // The second pass starts where the first one's last report left off,
    // to within one progress interval.
    pass_ = progress.pass;
    pass_started_ = last_seen_;
  }
  last_seen_ = progress.seconds;
  if (progress.seconds < delay_) return;
  // Back to the start of the line and erase it: the new line may be shorter.
  out_ << "\r\033[K" << format_progress(progress, progress.seconds - pass_started_);
  out_.flush();
  shown_ = true;
}

void ProgressLine::clear() {
  if (!shown_) return;
  out_ << "\r\033[K";
  out_.flush();
  shown_ = false;
}

}  // namespace accord::cli
