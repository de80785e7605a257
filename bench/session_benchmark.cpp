// accord_session_benchmark: what an embedding program pays per event, with
// Google Benchmark. A generated NPA log (in memory) is fed, event by event,
// to an accord::Session on the project's NPA rule set:
//   Session/Json     each line as JSON text (add_json), as an HR platform
//                    that has the event as text would
//   Session/Fields   each event as a map of values (add), parsed beforehand:
//                    the session's own cost without the JSON parsing
//   CApi/Json        each line through the C API (accord_session_add_json)
// Each reports the time per event (per_event) besides the time per log.
//
//   accord_session_benchmark --benchmark_filter=Session
#include "npa_log.hpp"

#include <accord/accord.h>
#include <accord/eval/json.hpp>
#include <accord/session.hpp>

#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

namespace {

[[noreturn]] void fail(const std::string& message) {
  std::cerr << "accord_session_benchmark: " << message << '\n';
  std::exit(1);
}

constexpr const char* kRules = ACCORD_SOURCE_DIR "/rules/npa.yaml";

const accord::RuleSet& npa_rules() {
  static const accord::RuleSet rule_set = [] {
    accord::RuleSetLoad loaded = accord::RuleSet::load_file(kRules);
    if (!loaded.rule_set) fail("the NPA rule set does not load:\n" + loaded.message);
    return *loaded.rule_set;
  }();
  return rule_set;
}

// The lines of a generated NPA log of `events` events.
const std::vector<std::string>& npa_lines(std::uint64_t events) {
  static std::vector<std::string> lines;
  if (lines.size() == events) return lines;
  accord::bench::LogOptions options;
  options.events = events;
  accord::bench::StringSink sink;
  auto made = accord::bench::generate_npa_log(options, sink);
  if (auto* why = std::get_if<std::string>(&made)) fail(*why);
  lines.clear();
  std::string_view text = sink.text();
  while (!text.empty()) {
    std::size_t end = text.find('\n');
    lines.emplace_back(text.substr(0, end));
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
  }
  return lines;
}

// The log is a little unsorted (a few events days out of place): the
// session waits as long as `accord check` does.
accord::SessionOptions session_options(std::uint64_t& violations) {
  accord::SessionOptions options;
  options.reorder_window = accord::eval::Duration{30 * 86400, 0};
  options.on_violation = [&violations](const accord::stream::Violation&) { ++violations; };
  return options;
}

// Time per event (seconds, shown with a unit prefix: "1.2u" is 1.2 µs).
void report(benchmark::State& state, std::size_t events, std::uint64_t violations) {
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * events));
  state.counters["per_event"] =
      benchmark::Counter(static_cast<double>(events),
                         benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
  state.counters["violations"] = static_cast<double>(violations);
}

void SessionJson(benchmark::State& state) {
  const auto& lines = npa_lines(static_cast<std::uint64_t>(state.range(0)));
  const accord::RuleSet& rules = npa_rules();
  std::uint64_t violations = 0;
  for (auto _ : state) {
    violations = 0;
    accord::Session session(rules, session_options(violations));
    for (const std::string& line : lines) session.add_json(line);
    benchmark::DoNotOptimize(session.finish());
  }
  report(state, lines.size(), violations);
}

void SessionFields(benchmark::State& state) {
  const auto& lines = npa_lines(static_cast<std::uint64_t>(state.range(0)));
  std::vector<accord::eval::Value> events;
  events.reserve(lines.size());
  for (const std::string& line : lines) events.push_back(*accord::eval::parse_json(line).value);
  const accord::RuleSet& rules = npa_rules();
  std::uint64_t violations = 0;
  for (auto _ : state) {
    violations = 0;
    accord::Session session(rules, session_options(violations));
    for (const accord::eval::Value& event : events) session.add(event);
    benchmark::DoNotOptimize(session.finish());
  }
  report(state, lines.size(), violations);
}

void CApiJson(benchmark::State& state) {
  const auto& lines = npa_lines(static_cast<std::uint64_t>(state.range(0)));
  accord_rule_set* rules = nullptr;
  if (accord_rule_set_load_file(kRules, nullptr, 0, &rules, nullptr) != ACCORD_OK) {
    fail("the NPA rule set does not load through the C API");
  }
  std::uint64_t violations = 0;
  accord_session_options options;
  accord_session_options_init(&options);
  options.reorder_window_seconds = 30 * 86400;
  options.on_violation = [](const accord_violation*, void* count) {
    ++*static_cast<std::uint64_t*>(count);
  };
  options.user_data = &violations;
  for (auto _ : state) {
    violations = 0;
    accord_session* session = nullptr;
    accord_session_create(rules, &options, &session, nullptr);
    for (const std::string& line : lines) {
      accord_session_add_json(session, line.data(), line.size(), nullptr);
    }
    accord_result* result = nullptr;
    accord_session_finish(session, nullptr, &result, nullptr);
    accord_result_destroy(result);
    accord_session_destroy(session);
  }
  accord_rule_set_destroy(rules);
  report(state, lines.size(), violations);
}

}  // namespace

BENCHMARK(SessionJson)->Name("Session/Json")->Arg(100'000)->Unit(benchmark::kMillisecond);
BENCHMARK(SessionFields)->Name("Session/Fields")->Arg(100'000)->Unit(benchmark::kMillisecond);
BENCHMARK(CApiJson)->Name("CApi/Json")->Arg(100'000)->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
