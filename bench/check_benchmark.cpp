// accord_bench_check: the end-to-end benchmark. Runs what `accord check
// --format json` does (load the rule book, read the log, judge it, write the
// JSON report) on generated NPA logs and prints events per second, wall time
// and peak memory.
//
//   accord_bench_check                                 # 1M and 5M, growing and fixed
//   accord_bench_check --events 1000000 --population fixed --runs 5
//   accord_bench_check --log events.jsonl              # a log of your own
//
// Each run is a child process of its own, so that its peak resident set
// (getrusage) is the check's alone; the figures are medians over the runs.
// Logs are generated afresh into --logs (default /tmp/accord-bench-logs) on
// every run of the benchmark (seconds), so they always match the generator.
#include "npa_log.hpp"

#include <accord/report/report.hpp>
#include <accord/rules/load.hpp>
#include <accord/stream/check_logs.hpp>

#include <CLI/CLI.hpp>

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <sstream>
#include <streambuf>

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// Counts what is written and keeps none of it.
class CountingBuffer final : public std::streambuf {
 public:
  std::uint64_t bytes() const { return bytes_; }

 protected:
  int_type overflow(int_type c) override {
    if (!traits_type::eq_int_type(c, traits_type::eof())) ++bytes_;
    return traits_type::not_eof(c);
  }
  std::streamsize xsputn(const char*, std::streamsize n) override {
    bytes_ += static_cast<std::uint64_t>(n);
    return n;
  }

 private:
  std::uint64_t bytes_ = 0;
};

// What one run measured inside its process; sent to the parent through a pipe.
struct RunFigures {
  double load_s = 0;    // reading and compiling the rule set
  double check_s = 0;   // reading and judging the log, finish() included
  double report_s = 0;  // writing the JSON report
  std::uint64_t events = 0;
  std::uint64_t left_out = 0;
  std::uint64_t violations = 0;
  std::uint64_t pending = 0;
  std::uint64_t input_errors = 0;
  std::uint64_t evaluation_errors = 0;
  std::uint64_t report_bytes = 0;
  bool reread = false;  // too unsorted for the reorder window: read twice, as `accord check` does
  bool ok = false;
  char error[256] = {};
};

struct Measured {
  RunFigures figures;
  double wall_s = 0;       // the whole child process, as the parent saw it
  double peak_rss_mib = 0;
};

// The body of one run, in the child process.
RunFigures run_check(const std::string& rules_path, const std::string& log) {
  RunFigures figures;
  auto fail = [&](const std::string& message) {
    std::snprintf(figures.error, sizeof figures.error, "%s", message.c_str());
    return figures;
  };
  auto started = Clock::now();
  std::ifstream in(rules_path, std::ios::binary);
  if (!in) return fail("cannot read the rule file " + rules_path);
  std::ostringstream text;
  text << in.rdbuf();
  accord::SourceFile rules_file(rules_path, text.str());
  auto loaded = accord::rules::load_rule_book({&rules_file});
  if (!loaded.book) return fail("the rule set does not load:\n" + loaded.format({&rules_file}));
  figures.load_s = seconds_since(started);

  started = Clock::now();
  // As `accord check` does: reading on a second thread, and reading again,
  // holding every event, when the log is too unsorted for the window.
  accord::stream::LogCheck check =
      accord::stream::check_logs(*loaded.book, {accord::stream::LogInput::file(log)});
  accord::stream::CheckResult& result = check.result;
  figures.reread = check.reread;
  figures.check_s = seconds_since(started);
  for (const auto& error : result.input_errors) {
    if (error.origin.line == 0) return fail(log + ": " + error.message);
  }

  started = Clock::now();
  CountingBuffer counting;
  std::ostream out(&counting);
  accord::report::Report report{*loaded.book, result, {log}, "bench"};
  accord::report::write_json(out, report);
  figures.report_s = seconds_since(started);

  figures.events = result.events;
  figures.left_out = result.left_out;
  figures.violations = result.violations.size();
  figures.pending = result.pending.size();
  figures.input_errors = result.input_errors.size();
  figures.evaluation_errors = result.evaluation_errors.size();
  figures.report_bytes = counting.bytes();
  figures.ok = true;
  return figures;
}

// Runs `body` in a child process; returns its result, wall time and peak RSS.
template <class Result, class Body>
std::optional<std::pair<Result, Measured>> in_child(Body&& body) {
  int channel[2];
  if (pipe(channel) != 0) return std::nullopt;
  std::cout.flush();
  auto started = Clock::now();
  pid_t child = fork();
  if (child < 0) return std::nullopt;
  if (child == 0) {
    close(channel[0]);
    Result result = body();
    const char* bytes = reinterpret_cast<const char*>(&result);
    std::size_t left = sizeof result;
    while (left > 0) {
      ssize_t written = write(channel[1], bytes, left);
      if (written <= 0) _exit(3);
      bytes += written;
      left -= static_cast<std::size_t>(written);
    }
    _exit(0);
  }
  close(channel[1]);
  Result result{};
  char* bytes = reinterpret_cast<char*>(&result);
  std::size_t got = 0;
  while (got < sizeof result) {
    ssize_t n = read(channel[0], bytes + got, sizeof result - got);
    if (n <= 0) break;
    got += static_cast<std::size_t>(n);
  }
  close(channel[0]);
  int status = 0;
  rusage usage{};
  if (wait4(child, &status, 0, &usage) != child) return std::nullopt;
  Measured measured;
  measured.wall_s = seconds_since(started);
  measured.peak_rss_mib = static_cast<double>(usage.ru_maxrss) / 1024.0;  // KiB on Linux
  if (got != sizeof result || !WIFEXITED(status) || WEXITSTATUS(status) != 0) return std::nullopt;
  return std::pair{result, measured};
}

struct Generated {
  std::uint64_t events = 0;
  bool ok = false;
  char error[256] = {};
};

// Generates a log into `path` (through a temporary file), in a child process.
bool generate(const accord::bench::LogOptions& options, const std::string& path) {
  std::string partial = path + ".partial";
  auto made = in_child<Generated>([&] {
    Generated generated;
    std::FILE* file = std::fopen(partial.c_str(), "wb");
    if (file == nullptr) {
      std::snprintf(generated.error, sizeof generated.error, "cannot write %s", partial.c_str());
      return generated;
    }
    accord::bench::FileSink sink(file);
    auto result = accord::bench::generate_npa_log(options, sink);
    bool closed = std::fclose(file) == 0;
    if (auto* error = std::get_if<std::string>(&result)) {
      std::snprintf(generated.error, sizeof generated.error, "%s", error->c_str());
    } else if (!sink.ok() || !closed) {
      std::snprintf(generated.error, sizeof generated.error, "could not write %s",
                    partial.c_str());
    } else {
      generated.events = std::get<accord::bench::LogSummary>(result).events;
      generated.ok = true;
    }
    return generated;
  });
  if (!made || !made->first.ok) {
    std::cerr << "accord_bench_check: generating " << path << " failed"
              << (made ? ": " + std::string(made->first.error) : std::string()) << '\n';
    std::filesystem::remove(partial);
    return false;
  }
  std::filesystem::rename(partial, path);
  std::cout << "generated " << path << ": " << made->first.events << " events in " << std::fixed
            << std::setprecision(2) << made->second.wall_s << " s ("
            << std::setprecision(2) << made->first.events / made->second.wall_s / 1e6
            << " M events/s)\n";
  return true;
}

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  auto n = values.size();
  return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

std::string load_average() {
  std::ifstream in("/proc/loadavg");
  std::string one, five, fifteen;
  in >> one >> five >> fifteen;
  return in ? one + " " + five + " " + fifteen : "unknown";
}

struct Benchmark {
  std::string label;
  std::string path;
};

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"End-to-end benchmark of accord check (JSON report) on NPA event logs"};
  std::vector<std::uint64_t> sizes = {1'000'000, 5'000'000};
  std::vector<std::string> populations = {"growing", "fixed"};
  std::vector<std::string> logs;
  std::uint64_t seed = 1;
  int runs = 3;
  std::string data_dir = "/tmp/accord-bench-logs";
  std::string rules_path = ACCORD_SOURCE_DIR "/rules/npa.yaml";
  app.add_option("--events", sizes, "Log sizes to generate (default 1000000 5000000)")
      ->delimiter(',');
  app.add_option("--population", populations, "growing, fixed, or both (default both)")
      ->delimiter(',')
      ->check(CLI::IsMember({"growing", "fixed"}));
  app.add_option("--seed", seed, "Seed of the generated logs (default 1)");
  app.add_option("--log", logs, "Benchmark this JSON Lines log instead; repeatable");
  app.add_option("--runs", runs, "Runs per log; medians are shown (default 3)")
      ->check(CLI::Range(1, 100));
  app.add_option("--logs", data_dir,
                 "Where generated logs are written (default /tmp/accord-bench-logs)");
  app.add_option("--rules", rules_path, "Rule set (default the project's rules/npa.yaml)");
  CLI11_PARSE(app, argc, argv);

  std::vector<Benchmark> benchmarks;
  if (!logs.empty()) {
    for (const auto& log : logs) {
      benchmarks.push_back({std::filesystem::path(log).filename().string(), log});
    }
  } else {
    std::error_code error;
    std::filesystem::create_directories(data_dir, error);
    if (error) {
      std::cerr << "accord_bench_check: cannot create " << data_dir << ": " << error.message()
                << '\n';
      return 1;
    }
    for (const auto& population : populations) {
      for (auto events : sizes) {
        accord::bench::LogOptions options;
        options.events = events;
        options.seed = seed;
        options.population = population == "fixed" ? accord::bench::Population::Fixed
                                                    : accord::bench::Population::Growing;
        std::string path = data_dir + "/npa-" + population + "-" + std::to_string(events) +
                           "-seed" + std::to_string(seed) + ".jsonl";
        if (!generate(options, path)) return 1;
        benchmarks.push_back({population + " " + std::to_string(events), path});
      }
    }
  }

  std::cout << "rules: " << rules_path << "; " << runs << " run(s) per log, medians; load average "
            << load_average() << '\n';
  int label_width = 18;
  for (const auto& benchmark : benchmarks) {
    label_width = std::max(label_width, static_cast<int>(benchmark.label.size()) + 2);
  }
  std::cout << std::left << std::setw(label_width) << "log" << std::right << std::setw(10) << "events"
            << std::setw(9) << "load s" << std::setw(9) << "check s" << std::setw(10)
            << "report s" << std::setw(9) << "wall s" << std::setw(13) << "events/s"
            << std::setw(13) << "check ev/s" << std::setw(11) << "peak MiB" << std::setw(12)
            << "violations" << std::setw(9) << "pending" << std::setw(8) << "errors" << '\n';
  for (const auto& benchmark : benchmarks) {
    std::vector<double> load, check, report, wall, rss;
    RunFigures last;
    for (int run = 0; run < runs; ++run) {
      auto measured = in_child<RunFigures>([&] { return run_check(rules_path, benchmark.path); });
      if (!measured || !measured->first.ok) {
        std::cerr << "accord_bench_check: the check of " << benchmark.path << " failed"
                  << (measured ? ": " + std::string(measured->first.error) : std::string())
                  << '\n';
        return 1;
      }
      last = measured->first;
      load.push_back(last.load_s);
      check.push_back(last.check_s);
      report.push_back(last.report_s);
      wall.push_back(measured->second.wall_s);
      rss.push_back(measured->second.peak_rss_mib);
    }
    // Lines read: events judged, left out, and input errors.
    auto lines = last.events + last.left_out + last.input_errors;
    std::cout << std::left << std::setw(label_width) << benchmark.label << std::right << std::setw(10)
              << lines << std::fixed << std::setprecision(3) << std::setw(9) << median(load)
              << std::setw(9) << median(check) << std::setw(10) << median(report) << std::setw(9)
              << median(wall) << std::setprecision(0) << std::setw(13)
              << lines / median(wall) << std::setw(13) << lines / median(check)
              << std::setprecision(1) << std::setw(11) << median(rss) << std::setw(12)
              << last.violations << std::setw(9) << last.pending << std::setw(8)
              << last.input_errors + last.evaluation_errors
              << (last.reread ? "  (read twice: out of order beyond the reorder window)" : "")
              << '\n';
  }
  std::cout << "load average after: " << load_average() << '\n';
  return 0;
}
