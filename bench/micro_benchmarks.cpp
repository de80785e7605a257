// accord_micro_benchmarks: Google Benchmark micro-benchmarks of the hot paths
// of `accord check`, each on the project's NPA rule set:
//   Parse/...       the JSON Lines reader turning lines (in memory) into events
//   Evaluate/...    a typical trigger condition through eval::Program
//   Event/...       the fields of a reorder window's events, read in shuffled
//                   order
//   Checker/...     events offered to the rules that can read them (a whole
//                   Checker, fed parsed events of types no rule reads, of a type
//                   three rules read, or a generated log)
//   Precedence/..., Response/...  one rule's per-key state, driven as the
//                   checker drives it
//   KeyTable/...    key values of a national log (a million distinct) found
//                   one at a time, or a time group's at once
//   IdRegistry/...  5 million event ids recorded for finding duplicates, with
//                   the registry's memory (bytes_per_id, from malloc's own count)
// Each reports the time per event (or per obligation) besides the time per
// batch, and items per second.
//
//   accord_micro_benchmarks
//   accord_micro_benchmarks --benchmark_filter=Parse --benchmark_repetitions=5
#include "npa_log.hpp"
#include "stream/id_registry.hpp"
#include "stream/judge.hpp"  // the checker's Judge: drives a rule's Monitor as the checker does
#include "stream/key_table.hpp"

#include <accord/eval/program.hpp>
#include <accord/expr/parse.hpp>
#include <accord/rules/load.hpp>
#include <accord/rules/rule_kind.hpp>
#include <accord/stream/checker.hpp>
#include <accord/stream/reader.hpp>

#include <benchmark/benchmark.h>
#include <malloc.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <iostream>
#include <limits>
#include <random>
#include <sstream>

namespace {

using accord::stream::Event;

// The benchmarks drive one rule's state for as long as they run: no limit
// on the obligations it holds open.
constexpr std::uint64_t kNoObligationLimit = std::numeric_limits<std::uint64_t>::max();

[[noreturn]] void fail(const std::string& message) {
  std::cerr << "accord_micro_benchmarks: " << message << '\n';
  std::exit(1);
}

// The project's NPA rule set, loaded once.
const accord::rules::RuleBook& npa_book() {
  static const accord::rules::RuleBook book = [] {
    const std::string path = ACCORD_SOURCE_DIR "/rules/npa.yaml";
    std::ifstream in(path, std::ios::binary);
    if (!in) fail("cannot read " + path);
    std::ostringstream text;
    text << in.rdbuf();
    accord::SourceFile file(path, text.str());
    auto loaded = accord::rules::load_rule_book({&file});
    if (!loaded.book) fail("the NPA rule set does not load:\n" + loaded.format({&file}));
    return std::move(*loaded.book);
  }();
  return book;
}

std::size_t rule_index(std::string_view id) {
  const auto& book = npa_book();
  for (std::size_t rule = 0; rule < book.size(); ++rule) {
    if (book.info(rule).id == id) return rule;
  }
  fail("rules/npa.yaml has no rule " + std::string(id));
}

// "YYYY-MM-DDThh:mm:ssZ" for seconds since 1970.
std::string rfc3339(std::int64_t seconds) {
  using namespace std::chrono;
  sys_seconds time{std::chrono::seconds{seconds}};
  auto day = floor<days>(time);
  year_month_day date{day};
  hh_mm_ss clock{time - day};
  char text[64];
  std::snprintf(text, sizeof text, "%04d-%02u-%02uT%02ld:%02ld:%02ldZ", int(date.year()),
                unsigned(date.month()), unsigned(date.day()), long(clock.hours().count()),
                long(clock.minutes().count()), long(clock.seconds().count()));
  return text;
}

constexpr std::int64_t kStart = 1'456'790'400;  // 2016-03-01T00:00:00Z
constexpr std::int64_t kHour = 3600;
constexpr std::int64_t kDay = 24 * kHour;

// `count` JSON Lines, `step` seconds apart, with ids b0, b1, ...; `fields`
// gives the rest of line i after its time (from ,"type" on).
std::string make_lines(std::size_t count, std::int64_t step,
                       const std::function<std::string(std::size_t)>& fields) {
  std::string text;
  for (std::size_t i = 0; i < count; ++i) {
    text += R"({"id":"b)" + std::to_string(i) + R"(","time":")" +
            rfc3339(kStart + static_cast<std::int64_t>(i) * step) + '"' + fields(i) + "}\n";
  }
  return text;
}

std::string matter(std::size_t i, std::size_t matters) {
  static const char* kOrgs[] = {"HMRC", "DWP", "MOJ", "MOD", "HO", "DFE", "DHSC", "DFT"};
  return std::string(R"(,"org":")") + kOrgs[i % 8] + R"(","subject":"estate-review-)" +
         std::to_string(i % matters) + '"';
}

std::string rejected_decision(std::size_t i, std::size_t matters) {
  return R"(,"type":"decision.made")" + matter(i, matters) +
         R"(,"union_input_accepted":false,"party":"cabinet_office")";
}

std::string consultation(std::size_t i, std::size_t matters) {
  return R"(,"type":"consultation.opened")" + matter(i, matters) +
         R"(,"party":"PCS","channel":"email")";
}

// Events of types no rule of the NPA set reads, with nested objects and arrays.
std::string unread(std::size_t i) {
  static const char* kTypes[] = {"leave.requested", "ticket.updated", "audit.logged",
                                 "payroll.run"};
  return std::string(R"(,"type":")") + kTypes[i % 4] +
         R"(","org":"HMRC","employee":"emp-0001234","details":{"days":3,"reason":"annual","approved_by":null},"tags":["hr","p1"])";
}

// A generated NPA log of `events` lines (seed 1, growing population).
std::string generated_log(std::uint64_t events) {
  accord::bench::LogOptions options;
  options.events = events;
  accord::bench::StringSink sink;
  auto made = accord::bench::generate_npa_log(options, sink);
  if (auto* error = std::get_if<std::string>(&made)) fail(*error);
  return sink.take();
}

std::vector<Event> read_events(const std::string& text,
                               const accord::stream::FieldIndex& index) {
  auto reader = accord::stream::open_reader(accord::stream::InputFormat::JsonLines,
                                            accord::stream::ByteSource::from_string(text), 0,
                                            index);
  std::vector<Event> events;
  accord::stream::ReadItem item;
  while (reader->next(item)) {
    if (auto* error = std::get_if<accord::stream::InputError>(&item)) {
      fail("a benchmark's own line " + std::to_string(error->origin.line) +
           " is not an event: " + error->message);
    }
    events.push_back(std::move(std::get<Event>(item)));
  }
  return events;
}

std::size_t count_lines(const std::string& text) {
  return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
}

// Items per second, and the time per item as a counter named `name`
// (shown as seconds with an SI prefix: "640ns").
void per_item(benchmark::State& state, std::size_t items_per_iteration, const char* name) {
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * items_per_iteration));
  state.counters[name] =
      benchmark::Counter(static_cast<double>(items_per_iteration),
                         benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}

// ---- Parsing one event line ----------------------------------------------------

// With an arena, events are built one after another in it and freed in
// batches of 512, as `accord check` reads and judges them (there on two
// threads); without, each on the heap.
void parse_lines(benchmark::State& state, const std::string& text,
                 accord::stream::EventArena* arena = nullptr) {
  const auto& index = npa_book().fields();
  const std::size_t lines = count_lines(text);
  std::vector<Event> spent;
  for (auto _ : state) {
    state.PauseTiming();
    auto source = accord::stream::ByteSource::from_string(text);
    state.ResumeTiming();
    auto reader = accord::stream::open_reader(accord::stream::InputFormat::JsonLines,
                                              std::move(source), 0, index, {}, arena);
    accord::stream::ReadItem item;
    std::size_t read = 0;
    while (reader->next(item)) {
      if (item.index() != 0) {
        state.SkipWithError("a line is not an event");
        return;
      }
      benchmark::DoNotOptimize(item);
      ++read;
      spent.push_back(std::move(std::get<Event>(item)));
      if (spent.size() == 512) spent.clear();
    }
    if (read != lines) {
      state.SkipWithError("lines went missing");
      return;
    }
  }
  per_item(state, lines, "per_event");
}

void BM_Parse_Decision(benchmark::State& state) {
  static const std::string text =
      make_lines(10'000, kHour, [](std::size_t i) { return rejected_decision(i, 1000); });
  parse_lines(state, text);
}
BENCHMARK(BM_Parse_Decision)->Name("Parse/decision_made");

void BM_Parse_Unread(benchmark::State& state) {
  static const std::string text = make_lines(10'000, kHour, unread);
  parse_lines(state, text);
}
BENCHMARK(BM_Parse_Unread)->Name("Parse/unread_type_nested");

void BM_Parse_Generated(benchmark::State& state) {
  static const std::string text = generated_log(100'000);
  parse_lines(state, text);
}
BENCHMARK(BM_Parse_Generated)->Name("Parse/generated_log");

void BM_Parse_GeneratedInArena(benchmark::State& state) {
  static const std::string text = generated_log(100'000);
  accord::stream::EventArena arena;
  parse_lines(state, text, &arena);
}
BENCHMARK(BM_Parse_GeneratedInArena)->Name("Parse/generated_log_arena");

// ---- Reading events long after they were read -----------------------------------

// Every field the rules read, of each event of a reorder window's worth
// (~70,000 events, far more than the caches hold) in shuffled order: what
// judging an event costs in cache misses for its own memory.
void BM_Event_WindowFields(benchmark::State& state) {
  static const std::string text = generated_log(70'000);
  const auto& index = npa_book().fields();
  auto events = read_events(text, index);
  std::vector<const Event*> order;
  for (const Event& event : events) order.push_back(&event);
  std::shuffle(order.begin(), order.end(), std::mt19937(7));
  for (auto _ : state) {
    std::size_t present = 0;
    for (const Event* event : order) {
      for (std::size_t field = 0; field < index.size(); ++field) {
        present += event->field(static_cast<accord::eval::FieldId>(field)) != nullptr;
      }
    }
    benchmark::DoNotOptimize(present);
  }
  per_item(state, order.size(), "per_event");
}
BENCHMARK(BM_Event_WindowFields)->Name("Event/fields_of_a_window_shuffled");

// ---- Evaluating a trigger condition -------------------------------------------

// npa-18-explanation's trigger, compiled on its own, evaluated on one event.
// With `for_its_type`, compiled as the loader does for events of type
// decision.made, where `event.type` is known: what the checker evaluates.
void evaluate(benchmark::State& state, const std::string& fields, bool expected,
              bool for_its_type = false) {
  accord::eval::Environment environment;
  auto event_variable = environment.add_record("event");
  auto trigger_variable = environment.add_record("trigger");
  auto parsed = accord::expr::parse_condition(
      R"(event.type == "decision.made" && !event.union_input_accepted)");
  if (!parsed.ast) fail("the condition does not parse");
  accord::eval::CompileOptions options;
  if (for_its_type) {
    options.known_fields.push_back({event_variable, environment.intern_field("type"),
                                    accord::eval::Value::string("decision.made")});
  }
  auto compiled = accord::eval::compile(*parsed.ast, environment, options);
  if (!compiled.program) fail("the condition does not compile");
  accord::stream::FieldIndex index(environment.field_names());
  auto events = read_events(make_lines(1, kHour, [&](std::size_t) { return fields; }), index);
  accord::stream::EventActivation activation(event_variable, trigger_variable);
  activation.set_event(&events.front());
  accord::eval::Value verdict = compiled.program->evaluate(activation);
  if (verdict.kind() != accord::eval::Kind::Bool || verdict.as_bool() != expected) {
    state.SkipWithError("the condition does not give the expected verdict");
    return;
  }
  for (auto _ : state) {
    accord::eval::Value value = compiled.program->evaluate(activation);
    benchmark::DoNotOptimize(value);
  }
  per_item(state, 1, "per_event");
}

void BM_Evaluate_Match(benchmark::State& state) {
  evaluate(state, rejected_decision(0, 1), true);
}
BENCHMARK(BM_Evaluate_Match)->Name("Evaluate/trigger_true");

void BM_Evaluate_Accepted(benchmark::State& state) {
  evaluate(state,
           R"(,"type":"decision.made","org":"HMRC","subject":"x","union_input_accepted":true)",
           false);
}
BENCHMARK(BM_Evaluate_Accepted)->Name("Evaluate/trigger_false");

void BM_Evaluate_ForItsType(benchmark::State& state) {
  evaluate(state, rejected_decision(0, 1), true, true);
}
BENCHMARK(BM_Evaluate_ForItsType)->Name("Evaluate/trigger_true_compiled_for_its_type");

void BM_Evaluate_OtherType(benchmark::State& state) {
  evaluate(state, consultation(0, 1), false);
}
BENCHMARK(BM_Evaluate_OtherType)->Name("Evaluate/other_type");

// ---- Dispatching events to the rules that can read them ------------------------

// A whole Checker fed parsed events; parsing and finish() are not timed.
// Events are spaced so that nearly all leave the reorder window while timed.
void dispatch(benchmark::State& state, const std::string& text) {
  const auto& book = npa_book();
  std::size_t events_per_batch = 0;
  std::uint64_t judged = 0;
  for (auto _ : state) {
    state.PauseTiming();
    auto events = read_events(text, book.fields());
    events_per_batch = events.size();
    auto checker = std::make_unique<accord::stream::Checker>(book);
    state.ResumeTiming();
    for (Event& event : events) checker->add(std::move(event));
    state.PauseTiming();
    auto result = checker->finish();
    judged = result.events;
    checker.reset();
    events.clear();
    state.ResumeTiming();
  }
  if (judged != events_per_batch) state.SkipWithError("events were not judged");
  per_item(state, events_per_batch, "per_event");
}

void BM_Checker_Unread(benchmark::State& state) {
  static const std::string text = make_lines(20'000, kDay, unread);
  dispatch(state, text);
}
BENCHMARK(BM_Checker_Unread)->Name("Checker/types_no_rule_reads");

void BM_Checker_ReadByThree(benchmark::State& state) {
  // consultation.opened: npa-6 and npa-18-time-to-influence (as what they
  // require) and npa-9 (as what it expects) record it for its matter.
  static const std::string text =
      make_lines(20'000, kDay, [](std::size_t i) { return consultation(i, 1000); });
  dispatch(state, text);
}
BENCHMARK(BM_Checker_ReadByThree)->Name("Checker/type_three_rules_read");

void BM_Checker_Generated(benchmark::State& state) {
  static const std::string text = generated_log(100'000);
  dispatch(state, text);
}
BENCHMARK(BM_Checker_Generated)->Name("Checker/generated_log");

// ---- State updates of one rule ---------------------------------------------------

// npa-18-time-to-influence records the first consultation of each matter.
// `matters` distinct keys; with `fresh_state`, every batch starts empty (every
// key new), else the keys are known after the first batch.
void precedence_observe(benchmark::State& state, std::size_t matters, bool fresh_state) {
  const auto& book = npa_book();
  const std::size_t rule = rule_index("npa-18-time-to-influence");
  auto events = read_events(
      make_lines(10'000, kHour, [&](std::size_t i) { return consultation(i, matters); }),
      book.fields());
  accord::stream::CheckResult result;
  std::function<void(const accord::stream::Violation&)> no_callback;
  accord::stream::detail::CheckerJudge judge(book, result, no_callback, kNoObligationLimit);
  judge.set_rule(rule);
  auto monitor = book.rules()[rule]->start();
  for (auto _ : state) {
    if (fresh_state) {
      state.PauseTiming();
      monitor = book.rules()[rule]->start();
      state.ResumeTiming();
    }
    for (const Event& event : events) {
      judge.begin_event();  // as the checker does: the event's key symbols are new
      monitor->observe(event, judge);
    }
  }
  if (!result.evaluation_errors.empty()) state.SkipWithError(result.evaluation_errors[0].message.c_str());
  per_item(state, events.size(), "per_event");
}

void BM_Precedence_KnownKeys(benchmark::State& state) { precedence_observe(state, 1000, false); }
BENCHMARK(BM_Precedence_KnownKeys)->Name("Precedence/observe_enabler_known_key");

void BM_Precedence_NewKeys(benchmark::State& state) { precedence_observe(state, 10'000, true); }
BENCHMARK(BM_Precedence_NewKeys)->Name("Precedence/observe_enabler_new_key");

// npa-18-explanation: a rejected decision opens an obligation (trigger), an
// explanation the next day meets it (satisfy); the calls the checker makes
// for each event's time group (advance, observe, judge).
void BM_Response_TriggerAndSatisfy(benchmark::State& state) {
  const auto& book = npa_book();
  const std::size_t rule = rule_index("npa-18-explanation");
  constexpr std::size_t kPairs = 5000;
  auto events = read_events(make_lines(2 * kPairs, kDay,
                                       [](std::size_t i) {
                                         if (i % 2 == 0) return rejected_decision(i / 2, 1000);
                                         return R"(,"type":"explanation.provided")" +
                                                matter(i / 2, 1000);
                                       }),
                            book.fields());
  accord::stream::CheckResult result;
  std::function<void(const accord::stream::Violation&)> no_callback;
  accord::stream::detail::CheckerJudge judge(book, result, no_callback, kNoObligationLimit);
  judge.set_rule(rule);
  for (auto _ : state) {
    state.PauseTiming();
    auto monitor = book.rules()[rule]->start();
    state.ResumeTiming();
    for (const Event& event : events) {
      judge.begin_event();
      monitor->advance(event.time(), judge);
      monitor->observe(event, judge);
      monitor->judge(event, judge);
    }
    state.PauseTiming();
    monitor.reset();
    state.ResumeTiming();
  }
  if (!result.violations.empty() || !result.evaluation_errors.empty()) {
    state.SkipWithError("obligations were not met as the benchmark meant");
  }
  per_item(state, kPairs, "per_obligation");
}
BENCHMARK(BM_Response_TriggerAndSatisfy)->Name("Response/trigger_and_satisfy");

// ---- Interning correlation keys ---------------------------------------------------

// A million distinct employee ids in a KeyTable, and 100 days of 2,000 of
// them each, drawn at random: what the checker looks up per time group. The
// days together touch more of the table than the caches hold.
struct KnownKeys {
  static constexpr std::size_t kDays = 100, kPerDay = 2000;
  accord::stream::detail::KeyTable table;
  std::vector<std::vector<std::string>> days;
  KnownKeys() {
    constexpr std::size_t kDistinct = 1'000'000;
    char text[32];
    for (std::size_t i = 0; i < kDistinct; ++i) {
      std::snprintf(text, sizeof text, "emp-%07zu", i);
      table.symbol(text);
    }
    std::mt19937_64 random(7);
    days.resize(kDays);
    for (auto& day : days) {
      for (std::size_t i = 0; i < kPerDay; ++i) {
        std::snprintf(text, sizeof text, "emp-%07zu",
                      static_cast<std::size_t>(random() % kDistinct));
        day.emplace_back(text);
      }
    }
  }
};

KnownKeys& known_keys() {
  static KnownKeys keys;
  return keys;
}

void BM_KeyTable_OneAtATime(benchmark::State& state) {
  auto& keys = known_keys();
  for (auto _ : state) {
    for (const auto& day : keys.days) {
      for (const std::string& text : day) benchmark::DoNotOptimize(keys.table.symbol(text));
    }
  }
  per_item(state, KnownKeys::kDays * KnownKeys::kPerDay, "per_key");
}
BENCHMARK(BM_KeyTable_OneAtATime)->Name("KeyTable/known_key_one_at_a_time");

void BM_KeyTable_Group(benchmark::State& state) {
  auto& keys = known_keys();
  std::vector<std::vector<accord::stream::detail::KeyTable::Lookup>> lookups(keys.days.size());
  for (std::size_t d = 0; d < keys.days.size(); ++d) {
    for (const std::string& text : keys.days[d]) lookups[d].push_back({text});
  }
  for (auto _ : state) {
    for (auto& day : lookups) {
      keys.table.find(day);
      benchmark::DoNotOptimize(day.data());
    }
  }
  per_item(state, KnownKeys::kDays * KnownKeys::kPerDay, "per_key");
}
BENCHMARK(BM_KeyTable_Group)->Name("KeyTable/known_key_group_at_once");

// ---- Recording event ids ---------------------------------------------------------

// Ids, one after another in one buffer: id i is text[ends[i-1], ends[i]).
struct IdList {
  std::string text;
  std::vector<std::size_t> ends;

  void add(std::string_view id) {
    text += id;
    ends.push_back(text.size());
  }
  std::string_view at(std::size_t i) const {
    std::size_t begin = i == 0 ? 0 : ends[i - 1];
    return std::string_view(text).substr(begin, ends[i] - begin);
  }
};

constexpr std::size_t kIds = 5'000'000;

// As the generator writes them: "e00000001" on line 1 and so on, about one in
// a thousand a JSON integer (1000000000 + the line's index).
std::vector<std::uint64_t> generator_numbers() {
  std::mt19937_64 random(1);
  std::vector<std::uint64_t> numbers(kIds);
  for (std::size_t i = 0; i < kIds; ++i) {
    numbers[i] = random() % 1000 == 0 ? 1'000'000'000 + i : i + 1;
  }
  return numbers;
}

IdList as_ids(const std::vector<std::uint64_t>& numbers) {
  IdList ids;
  char text[32];
  for (std::uint64_t number : numbers) {
    if (number >= 1'000'000'000) {
      std::snprintf(text, sizeof text, "%llu", static_cast<unsigned long long>(number));
    } else {
      std::snprintf(text, sizeof text, "e%08llu", static_cast<unsigned long long>(number));
    }
    ids.add(text);
  }
  return ids;
}

// Memory in use by malloc (small blocks and mapped ones).
std::size_t heap_in_use() {
  struct mallinfo2 info = mallinfo2();
  return info.uordblks + info.hblkhd;
}

void record_ids(benchmark::State& state, const IdList& ids) {
  const std::size_t count = ids.ends.size();
  std::size_t bytes = 0;
  std::size_t kept_whole = 0;
  for (auto _ : state) {
    std::size_t before = heap_in_use();
    auto registry = std::make_unique<accord::stream::detail::IdRegistry>();
    for (std::size_t i = 0; i < count; ++i) {
      accord::stream::Origin origin{0, static_cast<std::uint32_t>(i + 1)};
      if (registry->insert(ids.at(i), origin)) {
        state.SkipWithError("an id was taken for a duplicate");
        return;
      }
    }
    state.PauseTiming();
    bytes = heap_in_use() - before;
    kept_whole = registry->kept_whole();
    if (registry->size() != count) state.SkipWithError("ids went missing");
    registry.reset();
    state.ResumeTiming();
  }
  per_item(state, count, "per_id");
  state.counters["bytes_per_id"] = static_cast<double>(bytes) / static_cast<double>(count);
  state.counters["kept_whole"] = static_cast<double>(kept_whole);
}

void BM_IdRegistry_Generator(benchmark::State& state) {
  record_ids(state, as_ids(generator_numbers()));
}
BENCHMARK(BM_IdRegistry_Generator)->Name("IdRegistry/generator_ids")->Iterations(1)->Unit(benchmark::kMillisecond);

// Nearly in order: one id in a hundred moved up to 50,000 lines away, as an
// export sorted by time leaves the ids of late records.
void BM_IdRegistry_Displaced(benchmark::State& state) {
  std::vector<std::uint64_t> numbers = generator_numbers();
  std::mt19937_64 random(2);
  for (std::size_t i = 0; i < kIds; ++i) {
    if (random() % 100 != 0) continue;
    std::size_t to = (i + random() % 100'001 + kIds - 50'000) % kIds;
    std::swap(numbers[i], numbers[to]);
  }
  record_ids(state, as_ids(numbers));
}
BENCHMARK(BM_IdRegistry_Displaced)->Name("IdRegistry/displaced_ids")->Iterations(1)->Unit(benchmark::kMillisecond);

// Random ids of 16 letters and digits (kept whole).
void BM_IdRegistry_Random(benchmark::State& state) {
  static constexpr char kAlphabet[] = "0123456789abcdefghijklmnopqrstuvwxyz";
  std::mt19937_64 random(3);
  IdList ids;
  std::string id(16, ' ');
  for (std::size_t i = 0; i < kIds; ++i) {
    for (char& c : id) c = kAlphabet[random() % (sizeof kAlphabet - 1)];
    ids.add(id);
  }
  record_ids(state, ids);
}
BENCHMARK(BM_IdRegistry_Random)->Name("IdRegistry/random_16_char_ids")->Iterations(1)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
