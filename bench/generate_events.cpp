// accord_generate_events: writes a deterministic NPA event log (JSON Lines)
// of any size, for benchmarks and scale tests.
//
//   accord_generate_events --events 1000000 --seed 1 -o events.jsonl
//   accord_generate_events --events 5000000 --population fixed -o fixed.jsonl
//   accord_generate_events --events 20000 --unsorted -o shuffled.jsonl
#include "npa_log.hpp"

#include <CLI/CLI.hpp>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <iostream>

namespace {

void print_summary(const accord::bench::LogSummary& summary, std::ostream& out) {
  out << "types:\n";
  for (const auto& [type, count] : summary.by_type) {
    out << "  " << type << ' ' << count << '\n';
  }
  out << "planted breaches (approximate):\n";
  for (const auto& [rule, count] : summary.planted) {
    out << "  " << rule << ' ' << count << '\n';
  }
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Writes a deterministic event log of the National Partnership Agreement "
               "(JSON Lines): the same options give the same bytes."};
  accord::bench::LogOptions options;
  std::string population = "growing";
  std::string output = "-";
  double violation_rate = 0.01;
  bool unsorted = false;
  bool stats = false;
  app.add_option("-n,--events", options.events, "Number of events (lines)")->required();
  app.add_option("--seed", options.seed, "Seed (default 1)");
  app.add_option("--population", population,
                 "growing: employees and matters grow with the log over --years; fixed: a "
                 "constant population, the log lasting as long as its events take")
      ->check(CLI::IsMember({"growing", "fixed"}));
  auto* years = app.add_option("--years", options.years, "Span of a growing log (default 6)");
  auto* employees = app.add_option("--employees", options.employees,
                                   "Employees of a fixed population (default 40000)");
  auto* matters = app.add_option("--matters", options.matters,
                                 "Change programmes of a fixed population (default 10000)");
  app.add_option("--start", options.start, "Day the agreement is signed (default 2016-03-01)");
  app.add_option("--violation-rate", violation_rate,
                 "Share of triggers planted as breaches (default 0.01; 0 plants none)")
      ->check(CLI::Range(0.0, 1.0));
  app.add_flag("--unsorted", unsorted,
               "Write the lines in a random order (holds the whole log in memory)");
  app.add_flag("--stats", stats, "Also print the events by type and the planted breaches");
  app.add_option("-o,--out", output, "Output file (default: standard output)");
  CLI11_PARSE(app, argc, argv);

  options.population = population == "fixed" ? accord::bench::Population::Fixed
                                             : accord::bench::Population::Growing;
  if (options.population == accord::bench::Population::Fixed && years->count() > 0) {
    std::cerr << "accord_generate_events: --years is for a growing population; a fixed one's "
                 "log spans as many years as its events take\n";
    return 2;
  }
  if (options.population == accord::bench::Population::Growing &&
      (employees->count() > 0 || matters->count() > 0)) {
    std::cerr << "accord_generate_events: --employees and --matters are for --population fixed\n";
    return 2;
  }
  options.violation_ppm = static_cast<std::uint32_t>(std::llround(violation_rate * 1e6));

  std::FILE* file = output == "-" ? stdout : std::fopen(output.c_str(), "wb");
  if (file == nullptr) {
    std::cerr << "accord_generate_events: cannot write " << output << '\n';
    return 1;
  }
  auto started = std::chrono::steady_clock::now();
  accord::bench::FileSink file_sink(file);
  accord::bench::ShuffleSink shuffled(file_sink, options.seed);
  accord::bench::LineSink& sink =
      unsorted ? static_cast<accord::bench::LineSink&>(shuffled) : file_sink;
  auto made = accord::bench::generate_npa_log(options, sink);
  bool closed = output == "-" || std::fclose(file) == 0;
  if (auto* error = std::get_if<std::string>(&made)) {
    std::cerr << "accord_generate_events: " << *error << '\n';
    return 2;
  }
  if (!file_sink.ok() || !closed) {
    std::cerr << "accord_generate_events: could not write " << output << '\n';
    return 1;
  }
  const auto& summary = std::get<accord::bench::LogSummary>(made);
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::cerr << "wrote " << summary.events << " events (" << summary.first_day << " to "
            << summary.last_day << ", " << summary.employees << " employees, "
            << summary.matters << " change programmes, " << summary.displaced
            << " lines displaced) to " << (output == "-" ? "standard output" : output) << " in "
            << seconds << " s\n";
  if (stats) print_summary(summary, std::cerr);
  return 0;
}
