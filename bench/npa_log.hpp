// Deterministic, realistic event logs of the National Partnership Agreement
// (JSON Lines, the vocabulary of npa-obligations.md) of any size, for
// accord's benchmarks and scale tests.
//
//   accord::bench::LogOptions options;
//   options.events = 1'000'000;
//   accord::bench::FileSink sink(stdout);
//   auto made = accord::bench::generate_npa_log(options, sink);  // LogSummary or error text
//
// The same options give byte-identical output: all randomness comes from the
// seed through integer arithmetic. The log streams out in time order (but for
// about 1% of lines, displaced by one to four days), keeping only a few days
// of it in memory; memory grows with the population, not with the events.
#pragma once

#include <cstdint>
#include <cstdio>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace accord::bench {

// How the people and matters of a log scale with its size.
enum class Population {
  // Like a bigger employer: over a fixed span of years, employees and change
  // programmes grow in proportion to the number of events.
  Growing,
  // The same employer for longer: a constant number of employees (who leave
  // and rejoin under the same id) and of change programmes (which run round
  // after round under the same subject); the log spans as many years as its
  // events take. Keys stay bounded however long the log.
  Fixed,
};

struct LogOptions {
  std::uint64_t events = 0;
  std::uint64_t seed = 1;
  Population population = Population::Growing;
  std::uint32_t years = 6;             // the span of a growing log
  std::uint32_t employees = 40'000;    // a fixed log's staff (ids emp-0000001 on)
  std::uint32_t matters = 10'000;      // a fixed log's change programmes
  std::string start = "2016-03-01";    // the agreement is signed on this day
  // Planted breaches, per million chances: about 1% of the triggers of most
  // rules by default (some rules plant at a multiple of this rate).
  std::uint32_t violation_ppm = 10'000;
};

struct LogSummary {
  std::uint64_t events = 0;
  std::string first_day;  // the agreement's signing ("start")
  std::string last_day;   // the last day the log covers
  std::uint64_t employees = 0;  // distinct employee ids
  std::uint64_t matters = 0;    // distinct change programmes (org, subject)
  std::uint64_t displaced = 0;  // lines written one to four days out of place
  std::map<std::string, std::uint64_t> by_type;
  // Breaches planted on purpose, by rule id. Approximate: a breach the
  // generator meant may be masked by another event of the same key, or fall
  // pending at the end of the log; checkers find a few more or fewer.
  std::map<std::string, std::uint64_t> planted;
};

// Where the lines go. Each call is one line, with its '\n'.
class LineSink {
 public:
  virtual ~LineSink() = default;
  virtual void line(std::string_view text) = 0;
  // Called once after the last line.
  virtual void finish() {}
};

// Buffered writing to a stdio stream (not closed here).
class FileSink final : public LineSink {
 public:
  explicit FileSink(std::FILE* file);
  void line(std::string_view text) override;
  void finish() override;
  // False once a write failed (a full disk, a closed pipe).
  bool ok() const { return ok_; }

 private:
  void flush();

  std::FILE* file_;
  std::string buffer_;
  bool ok_ = true;
};

// Everything in memory, for tests and micro-benchmarks.
class StringSink final : public LineSink {
 public:
  void line(std::string_view text) override { text_.append(text); }
  const std::string& text() const { return text_; }
  std::string take() { return std::move(text_); }

 private:
  std::string text_;
};

// Holds every line, then writes them to `next` in a random order fixed by
// the seed: a log as unsorted as a log can be. Needs the whole log in memory.
class ShuffleSink final : public LineSink {
 public:
  ShuffleSink(LineSink& next, std::uint64_t seed) : next_(next), seed_(seed) {}
  void line(std::string_view text) override;
  void finish() override;

 private:
  LineSink& next_;
  std::uint64_t seed_;
  std::string text_;
  std::vector<std::uint64_t> starts_;
};

// Writes a log of exactly options.events lines to `sink`, then calls
// sink.finish(). Returns what it wrote, or why it cannot make such a log (no
// events, a bad start date, too few events for the agreement's own events
// over the years asked for).
std::variant<LogSummary, std::string> generate_npa_log(const LogOptions& options,
                                                       LineSink& sink);

std::string_view population_name(Population population);

}  // namespace accord::bench
