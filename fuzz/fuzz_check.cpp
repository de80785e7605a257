// `accord check` end to end on a JSON Lines log from arbitrary bytes: a
// small fixed rule set with a rule of each kind, judged on the calling
// thread, then every report format written.
#include <accord/report/report.hpp>
#include <accord/rules/load.hpp>
#include <accord/source.hpp>
#include <accord/stream/check_logs.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace {

const accord::rules::RuleBook& rule_book() {
  static const accord::SourceFile rules("rules.yaml", R"(
rule_set: {id: fuzz, title: A rule of each kind}
params:
  reply_within: {type: duration, default: 10d, doc: How soon a decision is explained.}
  max_cut: {type: number, default: "10", doc: Largest cut without a board note.}
rules:
  - id: explained
    title: A decision is explained
    kind: response
    when: event.type == "decision.made" && event.compulsory
    expect: event.type == "explanation.provided" && size(event.subject) > 0
    key: [org, subject]
    within: params.reply_within
    message: The decision on {subject} ({org}) of {time} had no explanation by {due}.
  - id: informed
    title: Information comes first
    kind: precedence
    when: event.type == "decision.made"
    requires: event.type == "information.provided" && has(event.org)
    key: subject
    at_least: 1d
    at_most: 90d
  - id: meetings
    title: National meetings are regular
    kind: recurrence
    occurrence: event.type == "meeting.held" && event.level == "national"
    every: 30d
    starts: event.type == "agreement.signed"
    stops: event.type == "agreement.ended"
    start_on_first_occurrence: true
    message: No national meeting in 30 days after {time}; due by {due}.
  - id: cuts
    title: Large cuts are noted
    severity: warning
    kind: forbidden
    when: >-
      event.type == "headcount.cut" && (event.count > params.max_cut
      || event.tags.exists(t, t.matches("^urgent")) || event.time.getDayOfWeek() in [0, 6])
    message: A cut of {count} posts on {time} ({org}).
)");
  static const accord::rules::LoadResult loaded = accord::rules::load_rule_book({&rules});
  if (!loaded.book) {
    std::fputs(loaded.format({&rules}).c_str(), stderr);
    std::abort();
  }
  return *loaded.book;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace accord;
  const rules::RuleBook& book = rule_book();
  std::string log(reinterpret_cast<const char*>(data), size);
  stream::LogInput input;
  input.name = "events.jsonl";
  input.open = [&log] { return stream::ByteSource::from_string(log); };
  input.rereadable = true;
  std::vector<stream::LogInput> inputs{input};
  stream::LogCheckOptions options;
  options.parallel = false;
  options.limits.max_line_bytes = 4096;
  stream::LogCheck check = stream::check_logs(book, inputs, options);

  report::Report report{book, check.result, {"events.jsonl"}, "fuzz"};
  std::ostringstream out;
  report::write_json(out, report);
  report::write_text(out, report);
  report::write_sarif(out, report);
  report::write_junit(out, report);
  report::write_markdown(out, report);
  report::write_html(out, report, report::find_named_events(report, inputs));
  return 0;
}
