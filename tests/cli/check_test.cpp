// End-to-end tests of `accord check`, driven through accord::cli::run with
// string streams: exit status, the JSON report's content, the options, and
// the text report's colours. Logs and rule files: tests/data/cli/.
#include "run.hpp"

#include <accord/eval/json.hpp>

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <initializer_list>
#include <sstream>
#include <string>
#include <vector>

namespace accord::cli {
namespace {

const std::string kSourceDir = ACCORD_SOURCE_DIR;
const std::string kNpa = kSourceDir + "/rules/npa.yaml";
const std::string kHouse = kSourceDir + "/tests/data/cli/house.yaml";

std::string data(const std::string& name) { return kSourceDir + "/tests/data/cli/" + name; }

struct Terminal {
  bool out_is_terminal = false;
  bool no_color = false;
};

struct Outcome {
  int status;
  std::string out;
  std::string err;
};

Outcome run_accord(const std::vector<std::string>& args, Terminal terminal = {}) {
  std::vector<const char*> argv{"accord"};
  for (const std::string& arg : args) argv.push_back(arg.c_str());
  std::ostringstream out;
  std::ostringstream err;
  Context ctx{out, err, terminal.out_is_terminal, false, terminal.no_color};
  int status = run(static_cast<int>(argv.size()), argv.data(), ctx);
  return {status, out.str(), err.str()};
}

// `accord check --rules npa.yaml ARGS...`
Outcome check(std::initializer_list<std::string> args, Terminal terminal = {}) {
  std::vector<std::string> all{"check", "--rules", kNpa};
  all.insert(all.end(), args);
  return run_accord(all, terminal);
}

// The parsed JSON report; fails the test when it is not one JSON object.
eval::Value report_of(const Outcome& outcome) {
  EXPECT_FALSE(outcome.out.empty()) << outcome.err;
  EXPECT_EQ(outcome.out.back(), '\n');
  auto parsed = eval::parse_json(outcome.out);
  EXPECT_TRUE(parsed.value) << parsed.error << "\n" << outcome.out;
  if (!parsed.value || parsed.value->kind() != eval::Kind::Map) return eval::Value::null();
  return *parsed.value;
}

const eval::Value& field(const eval::Value& object, std::string_view name) {
  static const eval::Value missing = eval::Value::error("missing");
  if (object.kind() != eval::Kind::Map) return missing;
  const eval::Value* found = object.as_map().find(name);
  return found ? *found : missing;
}

std::uint64_t summary(const eval::Value& report, std::string_view name) {
  const eval::Value& count = field(field(report, "summary"), name);
  if (count.kind() == eval::Kind::Int) return static_cast<std::uint64_t>(count.as_int());
  ADD_FAILURE() << "summary." << name << " is not a count";
  return 0;
}

std::string text(const eval::Value& value) {
  return value.kind() == eval::Kind::String ? std::string(value.as_string()) : "<not text>";
}

// "rule trigger" for each violation, in report order.
std::vector<std::string> violations(const eval::Value& report) {
  std::vector<std::string> found;
  const eval::Value& list = field(report, "violations");
  if (list.kind() != eval::Kind::List) return {"<no violations list>"};
  for (const eval::Value& v : list.as_list()) {
    found.push_back(text(field(v, "rule")) + " " + text(field(v, "trigger")));
  }
  return found;
}

std::vector<std::string> error_messages(const eval::Value& report) {
  std::vector<std::string> found;
  const eval::Value& list = field(report, "errors");
  if (list.kind() != eval::Kind::List) return {"<no errors list>"};
  for (const eval::Value& e : list.as_list()) {
    found.push_back(text(field(e, "kind")) + ": " + text(field(e, "message")));
  }
  return found;
}

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

using Strings = std::vector<std::string>;

// --- Exit status 0 and 1 ------------------------------------------------

TEST(CliCheck, CleanLogExitsZero) {
  Outcome o = check({data("clean.jsonl")});
  EXPECT_EQ(o.status, 0) << o.err;
  EXPECT_EQ(o.err, "");
  eval::Value report = report_of(o);
  EXPECT_EQ(summary(report, "events"), 6u);
  EXPECT_EQ(summary(report, "violations"), 0u);
  EXPECT_EQ(summary(report, "errors"), 0u);
}

TEST(CliCheck, EmptyLogExitsZero) {
  Outcome o = check({data("empty.jsonl")});
  EXPECT_EQ(o.status, 0) << o.err;
  eval::Value report = report_of(o);
  EXPECT_EQ(summary(report, "events"), 0u);
  EXPECT_EQ(violations(report), Strings{});
}

TEST(CliCheck, AProcessEndingAfterTheCheckGetsTheSameReport) {
  // main() lets the system reclaim the result; the report, the status and
  // the messages are those of a check that frees it, whichever way it ends.
  for (const std::string& log : {data("graded.jsonl"), data("mixed.jsonl")}) {
    std::vector<const char*> argv{"accord", "check", "--rules", kNpa.c_str(), "--rules",
                                  kHouse.c_str(), log.c_str()};
    Outcome freeing = check({"--rules", kHouse, log});
    for (int run_number = 0; run_number < 2; ++run_number) {
      std::ostringstream out;
      std::ostringstream err;
      Context ctx{out, err};
      ctx.process_ends_after = true;
      int status = run(static_cast<int>(argv.size()), argv.data(), ctx);
      EXPECT_EQ(status, freeing.status) << log;
      EXPECT_EQ(out.str(), freeing.out) << log;
      EXPECT_EQ(err.str(), freeing.err) << log;
    }
  }
}

// graded.jsonl breaks an info rule (house.yaml) on 5 January, a warning rule
// on 24 January (no consultation 14 days after the proposal of the 10th) and
// an error rule on 3 February.
TEST(CliCheck, ViolationAtErrorExitsOne) {
  Outcome o = check({"--rules", kHouse, data("graded.jsonl")});
  EXPECT_EQ(o.status, 1) << o.err;
  EXPECT_EQ(o.err, "");
  EXPECT_EQ(violations(report_of(o)),
            (Strings{"house-1-board-note g3", "npa-9-earliest-stage g4", "npa-4-pay-negotiated g5"}));
}

TEST(CliCheck, FailOnChoosesTheSeverity) {
  auto status = [](const std::string& as_of, const std::string& fail_on) {
    return check({"--rules", kHouse, "--as-of", as_of, "--fail-on", fail_on, data("graded.jsonl")})
        .status;
  };
  // Only the info violation by 20 January.
  EXPECT_EQ(status("2025-01-20", "error"), 0);
  EXPECT_EQ(status("2025-01-20", "warning"), 0);
  EXPECT_EQ(status("2025-01-20", "info"), 1);
  EXPECT_EQ(status("2025-01-20", "never"), 0);
  // Info and warning by 2 February.
  EXPECT_EQ(status("2025-02-02", "error"), 0);
  EXPECT_EQ(status("2025-02-02", "warning"), 1);
  EXPECT_EQ(status("2025-02-02", "info"), 1);
  // All three by 3 February.
  EXPECT_EQ(status("2025-02-03", "error"), 1);
  EXPECT_EQ(status("2025-02-03", "never"), 0);
  // The default is error.
  EXPECT_EQ(check({"--rules", kHouse, "--as-of", "2025-02-02", data("graded.jsonl")}).status, 0);
}

// --- Exit status 2 ------------------------------------------------------

TEST(CliCheck, BadRuleFileExitsTwo) {
  Outcome o = run_accord({"check", "--rules", data("broken-rules.yaml"), data("clean.jsonl")});
  EXPECT_EQ(o.status, 2);
  EXPECT_EQ(o.out, "");
  EXPECT_TRUE(contains(o.err, "broken-rules.yaml:10:")) << o.err;
  EXPECT_TRUE(contains(o.err, "[E102]")) << o.err;
}

TEST(CliCheck, MissingRuleFileExitsTwo) {
  Outcome o = run_accord({"check", "--rules", data("no-such-rules.yaml"), data("clean.jsonl")});
  EXPECT_EQ(o.status, 2);
  EXPECT_EQ(o.out, "");
  EXPECT_TRUE(contains(o.err, "no-such-rules.yaml: error: cannot read")) << o.err;
}

TEST(CliCheck, UnreadableEventFileExitsTwoEvenWithKeepGoing) {
  for (bool keep_going : {false, true}) {
    Outcome o = keep_going ? check({"--keep-going", data("no-such-log.jsonl")})
                           : check({data("no-such-log.jsonl")});
    EXPECT_EQ(o.status, 2) << "keep going: " << keep_going;
    EXPECT_TRUE(contains(o.err, "no-such-log.jsonl: cannot open")) << o.err;
    eval::Value report = report_of(o);
    EXPECT_EQ(error_messages(report), Strings{"input: cannot open: No such file or directory"});
    EXPECT_EQ(field(field(report, "errors").as_list().at(0), "line").kind(), eval::Kind::Error)
        << "an unreadable file has no line";
  }
}

TEST(CliCheck, UnknownChoicesAreUsageErrors) {
  for (const auto& [option, value] : std::vector<std::pair<std::string, std::string>>{
           {"--format", "xml"}, {"--input-format", "tsv"}, {"--fail-on", "fatal"}}) {
    Outcome o = check({option, value, data("clean.jsonl")});
    EXPECT_EQ(o.status, 2) << option;
    EXPECT_EQ(o.out, "") << option;
    EXPECT_TRUE(contains(o.err, value)) << o.err;
  }
}

TEST(CliCheck, BadAsOfIsUsageError) {
  for (const char* as_of : {"yesterday", "2025-02-30", "2025-01-02T10:00:00"}) {
    Outcome o = check({"--as-of", as_of, data("clean.jsonl")});
    EXPECT_EQ(o.status, 2) << as_of;
    EXPECT_EQ(o.out, "");
    EXPECT_TRUE(contains(o.err, "--as-of")) << o.err;
  }
}

TEST(CliCheck, BadParamIsUsageError) {
  EXPECT_EQ(check({"--param", "min_consultation", data("clean.jsonl")}).status, 2);
  EXPECT_EQ(check({"--param", "no_such_param=3d", data("clean.jsonl")}).status, 2);
  Outcome o = check({"--param", "min_consultation=soon", data("clean.jsonl")});
  EXPECT_EQ(o.status, 2);
  EXPECT_TRUE(contains(o.err, "min_consultation")) << o.err;
}

TEST(CliCheck, InputErrorsExitTwo) {
  Outcome o = check({data("input-error.jsonl")});
  EXPECT_EQ(o.status, 2);
  EXPECT_TRUE(contains(o.err, "1 input and 0 evaluation errors")) << o.err;
  eval::Value report = report_of(o);
  ASSERT_EQ(summary(report, "errors"), 1u);
  const eval::Value& error = field(report, "errors").as_list().at(0);
  EXPECT_EQ(text(field(error, "kind")), "input");
  EXPECT_EQ(text(field(error, "file")), data("input-error.jsonl"));
  EXPECT_EQ(field(error, "line").as_int(), 2);
}

TEST(CliCheck, EvaluationErrorsExitTwo) {
  Outcome o = check({data("evaluation-error.jsonl")});
  EXPECT_EQ(o.status, 2);
  eval::Value report = report_of(o);
  ASSERT_EQ(summary(report, "errors"), 1u);
  const eval::Value& error = field(report, "errors").as_list().at(0);
  EXPECT_EQ(text(field(error, "kind")), "evaluation");
  EXPECT_EQ(text(field(error, "rule")), "npa-20-joint-communication");
  EXPECT_EQ(text(field(error, "event")), "v2");
}

TEST(CliCheck, KeepGoingLeavesTheStatusToViolations) {
  // Errors alone: 0.
  EXPECT_EQ(check({"--keep-going", data("input-error.jsonl")}).status, 0);
  EXPECT_EQ(check({"--keep-going", data("evaluation-error.jsonl")}).status, 0);
  // Errors and a violation at error level (npa-4 on e10): 1, and the
  // errors are still in the report.
  Outcome o = check({"--keep-going", data("mixed.jsonl")});
  EXPECT_EQ(o.status, 1) << o.err;
  EXPECT_EQ(o.err, "");
  eval::Value report = report_of(o);
  EXPECT_EQ(summary(report, "errors"), 3u);
  EXPECT_EQ(violations(report), Strings{"npa-4-pay-negotiated e10"});
  // Without it the same log exits 2.
  EXPECT_EQ(check({data("mixed.jsonl")}).status, 2);
}

// --- Options --------------------------------------------------------------

TEST(CliCheck, AsOfLeavesLaterEventsOut) {
  Outcome o = check({"--as-of", "2025-01-20", data("graded.jsonl")});
  EXPECT_EQ(o.status, 0) << o.err;
  eval::Value report = report_of(o);
  EXPECT_EQ(text(field(report, "as_of")), "2025-01-20T00:00:00Z");
  EXPECT_EQ(summary(report, "events"), 4u);
  EXPECT_EQ(summary(report, "left_out"), 1u);  // g5 on 3 February
  // The proposal of 10 January is not yet due on the 20th: pending.
  EXPECT_EQ(violations(report), Strings{});
  EXPECT_GE(summary(report, "pending"), 1u);

  Outcome later = check({"--as-of", "2025-02-03T00:00:00+01:00", data("graded.jsonl")});
  report = report_of(later);
  EXPECT_EQ(text(field(report, "as_of")), "2025-02-02T23:00:00Z");
  EXPECT_EQ(summary(report, "left_out"), 1u);
}

TEST(CliCheck, ParamChangesTheResult) {
  // The decision of 20 February came 38 days after consultation opened.
  Outcome by_default = check({data("clean.jsonl")});
  EXPECT_EQ(by_default.status, 0) << by_default.err;
  EXPECT_EQ(text(field(field(report_of(by_default), "parameters"), "min_consultation")), "30d");

  Outcome longer = check({"--param", "min_consultation=45d", data("clean.jsonl")});
  EXPECT_EQ(longer.status, 1) << longer.err;
  eval::Value report = report_of(longer);
  EXPECT_EQ(text(field(field(report, "parameters"), "min_consultation")), "45d");
  EXPECT_EQ(violations(report), Strings{"npa-18-time-to-influence c6"});
}

TEST(CliCheck, InputFormatNamesTheFormatOfAFileWithoutExtension) {
  Outcome unknown = check({data("clean-export")});
  EXPECT_EQ(unknown.status, 2);
  EXPECT_TRUE(contains(unknown.err, "--input-format")) << unknown.err;

  Outcome csv = check({"--input-format", "csv", data("clean-export")});
  EXPECT_EQ(csv.status, 0) << csv.err;
  EXPECT_EQ(summary(report_of(csv), "events"), 5u);

  // A known extension wins over it.
  Outcome both = check({"--input-format", "csv", data("graded.jsonl"), data("clean-export")});
  EXPECT_EQ(both.status, 1) << both.err;
  EXPECT_EQ(summary(report_of(both), "events"), 10u);
  EXPECT_EQ(summary(report_of(both), "errors"), 0u);
}

TEST(CliCheck, SeveralFilesFormOneLog) {
  // A proposal and consultation in JSON Lines, the decision in CSV, its
  // explanation in YAML: no npa-18-explanation violation or pending.
  Outcome o = check({"--keep-going", data("part-1.jsonl"), data("part-2.csv"), data("part-3.yaml")});
  EXPECT_EQ(o.status, 0) << o.err;
  eval::Value report = report_of(o);
  EXPECT_EQ(summary(report, "events"), 7u);
  EXPECT_EQ(violations(report), Strings{});
  for (const eval::Value& pending : field(report, "pending").as_list()) {
    EXPECT_NE(text(field(pending, "rule")), "npa-18-explanation");
  }
  // part-3.yaml reuses part-1.jsonl's id p2: an input error there.
  ASSERT_EQ(summary(report, "errors"), 1u);
  const eval::Value& error = field(report, "errors").as_list().at(0);
  EXPECT_EQ(text(field(error, "file")), data("part-3.yaml"));
  EXPECT_EQ(field(error, "line").as_int(), 8);
  EXPECT_TRUE(contains(text(field(error, "message")), "duplicate id 'p2'"));

  // One rule set and three logs: the logs are not taken for rule files.
  const eval::Value& rule_sets = field(report, "rule_sets");
  ASSERT_EQ(rule_sets.as_list().size(), 1u);
  EXPECT_EQ(text(field(rule_sets.as_list().at(0), "file")), kNpa);
}

TEST(CliCheck, RepeatableOptionsTakeOneValueEach) {
  // Event files right after --rules or --param stay event files.
  Outcome o = run_accord({"check", "--rules", kNpa, data("graded.jsonl"), data("part-1.jsonl")});
  EXPECT_EQ(o.status, 1) << o.err;
  eval::Value report = report_of(o);
  EXPECT_EQ(field(report, "rule_sets").as_list().size(), 1u);
  EXPECT_EQ(summary(report, "events"), 9u);

  o = check({"--param", "min_consultation=45d", data("clean.jsonl"), data("empty.jsonl")});
  EXPECT_EQ(o.status, 1) << o.err;
  EXPECT_EQ(violations(report_of(o)), Strings{"npa-18-time-to-influence c6"});
}

TEST(CliCheck, FarOutOfOrderFileIsReadAgain) {
  // l4 comes after an event four months later: the file is read a second
  // time with every event held, and the negotiation of 15 January counts
  // for the pay change of 1 February.
  Outcome o = check({"--fail-on", "never", data("late.jsonl")});
  EXPECT_EQ(o.status, 0) << o.err;
  eval::Value report = report_of(o);
  EXPECT_EQ(summary(report, "events"), 4u);
  EXPECT_EQ(summary(report, "errors"), 0u);
  EXPECT_EQ(violations(report), Strings{"npa-17-regular-meetings l1"});
}

TEST(CliCheck, SameTimeEventsKeepFileOrder) {
  // Two national meetings on 6 January, one per file, then none for five
  // months: the violation cites the last meeting before the gap, which is
  // the one in the file given last.
  auto trigger = [](const std::string& first, const std::string& second) {
    Outcome o = check({"--as-of", "2025-06-01", data(first), data(second)});
    EXPECT_EQ(o.status, 1) << o.err;
    return violations(report_of(o));
  };
  // meetings-b.csv has no agreement.signed; the clock starts at the first meeting.
  EXPECT_EQ(trigger("meetings-a.jsonl", "meetings-b.csv"),
            Strings{"npa-17-regular-meetings m-b"});
  EXPECT_EQ(trigger("meetings-b.csv", "meetings-a.jsonl"),
            Strings{"npa-17-regular-meetings m-a"});
}

TEST(CliCheck, YamlLog) {
  Outcome o = check({data("part-3.yaml")});
  EXPECT_EQ(o.status, 0) << o.err;
  eval::Value report = report_of(o);
  EXPECT_EQ(summary(report, "events"), 2u);
  EXPECT_EQ(text(field(report, "as_of")), "2025-02-26T00:00:00Z");
}

TEST(CliCheck, OutputWritesTheReportToAFile) {
  std::string path = ::testing::TempDir() + "accord-check-output.json";
  std::remove(path.c_str());
  Outcome o = check({"--output", path, "--rules", kHouse, data("graded.jsonl")});
  EXPECT_EQ(o.status, 1) << o.err;
  EXPECT_EQ(o.out, "");
  std::ifstream in(path, std::ios::binary);
  ASSERT_TRUE(in) << path;
  std::ostringstream written;
  written << in.rdbuf();
  Outcome to_stdout = check({"--rules", kHouse, data("graded.jsonl")});
  EXPECT_EQ(written.str(), to_stdout.out);
  std::remove(path.c_str());

  Outcome nowhere = check({"-o", kSourceDir + "/no-such-dir/report.json", data("clean.jsonl")});
  EXPECT_EQ(nowhere.status, 2);
  EXPECT_TRUE(contains(nowhere.err, "cannot write")) << nowhere.err;
}

TEST(CliCheck, SameInputsGiveTheSameBytes) {
  Outcome first = check({"--rules", kHouse, data("mixed.jsonl")});
  Outcome second = check({"--rules", kHouse, data("mixed.jsonl")});
  EXPECT_EQ(first.status, 2);
  EXPECT_EQ(first.out, second.out);
  EXPECT_EQ(first.err, second.err);
  Outcome text_first = check({"--format", "text", "--rules", kHouse, data("mixed.jsonl")});
  Outcome text_second = check({"--format", "text", "--rules", kHouse, data("mixed.jsonl")});
  EXPECT_EQ(text_first.out, text_second.out);
}

TEST(CliCheck, ReportCarriesEveryPart) {
  Outcome o = check({"--rules", kHouse, data("mixed.jsonl")});
  eval::Value report = report_of(o);
  EXPECT_EQ(field(report, "report_version").as_int(), 1);
  EXPECT_EQ(text(field(field(report, "tool"), "name")), "accord");
  EXPECT_EQ(text(field(report, "as_of")), "2025-03-01T12:00:00.250Z");
  EXPECT_EQ(field(report, "rule_sets").as_list().size(), 2u);
  EXPECT_EQ(text(field(field(report, "parameters"), "max_headcount_cut")), "10");
  EXPECT_EQ(summary(report, "rules"), 16u);
  EXPECT_EQ(summary(report, "events"), 10u);
  EXPECT_EQ(violations(report),
            (Strings{"npa-4-pay-negotiated e10", "house-1-board-note e11"}));
  EXPECT_EQ(summary(report, "pending"), 4u);
  EXPECT_EQ(error_messages(report),
            (Strings{"input: malformed JSON: byte 21: unexpected end of input: expected a value",
                     "input: missing 'time'", "evaluation: no such key 'corporate'"}));
  const eval::Value& first = field(report, "violations").as_list().at(0);
  EXPECT_EQ(text(field(first, "severity")), "error");
  EXPECT_EQ(text(field(first, "time")), "2025-02-24T00:00:00Z");
  EXPECT_EQ(text(field(field(first, "key"), "org")), "HMRC");
  const eval::Value& pending = field(report, "pending").as_list().at(0);
  EXPECT_EQ(text(field(pending, "rule")), "npa-18-explanation");
  EXPECT_EQ(text(field(pending, "due")), "2025-03-06T10:00:00Z");
}

// --- Formats and colour ------------------------------------------------------

const std::string kEscape = "\x1b[";

TEST(CliCheck, JsonIsTheDefaultOffATerminalAndTextOnOne) {
  Outcome piped = check({data("graded.jsonl")});
  EXPECT_EQ(piped.out.front(), '{');
  Outcome terminal = check({data("graded.jsonl")}, {.out_is_terminal = true});
  EXPECT_NE(terminal.out.front(), '{');
  EXPECT_TRUE(contains(terminal.out, "Pay changed in HMRC on 2025-02-03")) << terminal.out;
  EXPECT_EQ(terminal.status, piped.status);
  // A report written to a file is JSON even from a terminal.
  std::string path = ::testing::TempDir() + "accord-check-default.json";
  check({"-o", path, data("graded.jsonl")}, {.out_is_terminal = true});
  std::ifstream in(path, std::ios::binary);
  EXPECT_EQ(in.get(), '{');
  std::remove(path.c_str());
}

TEST(CliCheck, TextHasNoColourOffATerminal) {
  Outcome o = check({"--format", "text", data("mixed.jsonl")});
  EXPECT_EQ(o.status, 2);
  EXPECT_FALSE(contains(o.out, kEscape)) << o.out;
  EXPECT_TRUE(contains(o.out, "error npa-4-pay-negotiated (clause 4) 2025-02-24\n")) << o.out;
  EXPECT_TRUE(contains(o.out, "Not judged\n")) << o.out;
  EXPECT_TRUE(contains(o.out, "1 violation (1 error, 0 warning, 0 info), 4 pending, 3 errors: "
                              "10 events judged against 15 rules as of "
                              "2025-03-01T12:00:00.250Z.\n"))
      << o.out;
}

TEST(CliCheck, TextHasColourOnATerminal) {
  Outcome o = check({"--format", "text", data("graded.jsonl")}, {.out_is_terminal = true});
  EXPECT_TRUE(contains(o.out, "\x1b[31m\x1b[1merror\x1b[0m")) << o.out;
  EXPECT_TRUE(contains(o.out, "\x1b[33m\x1b[1mwarning\x1b[0m")) << o.out;
}

TEST(CliCheck, TextHasNoColourWithNoColor) {
  Outcome o = check({"--format", "text", data("graded.jsonl")},
                    {.out_is_terminal = true, .no_color = true});
  EXPECT_FALSE(contains(o.out, kEscape)) << o.out;
  EXPECT_TRUE(contains(o.out, "error npa-4-pay-negotiated")) << o.out;
  // Nor in a file, whatever standard output is.
  std::string path = ::testing::TempDir() + "accord-check-text.txt";
  check({"--format", "text", "-o", path, data("graded.jsonl")}, {.out_is_terminal = true});
  std::ifstream in(path, std::ios::binary);
  std::ostringstream written;
  written << in.rdbuf();
  EXPECT_TRUE(contains(written.str(), "error npa-4-pay-negotiated")) << written.str();
  EXPECT_FALSE(contains(written.str(), kEscape));
  std::remove(path.c_str());
}

TEST(CliCheck, TextShowsControlCharactersFromTheLogEscaped) {
  // An event log could otherwise retitle the terminal or fake colours.
  Outcome o = check({"--format", "text", data("control-characters.jsonl")},
                    {.out_is_terminal = true, .no_color = true});
  EXPECT_EQ(o.status, 1) << o.err;
  EXPECT_FALSE(contains(o.out, "\x1b")) << o.out;
  EXPECT_FALSE(contains(o.out, "\a")) << o.out;
  EXPECT_FALSE(contains(o.out, "\xc2\x9b")) << o.out;
  EXPECT_TRUE(contains(o.out, "evidence: x\\x1b[31m1; org HM\\x1b]0;title\\x07RC\\nnext \\u009b2J\n"))
      << o.out;
  // JSON keeps the text as it was, escaped the JSON way.
  Outcome json = check({data("control-characters.jsonl")});
  EXPECT_TRUE(contains(json.out, R"("trigger":"x\u001b[31m1")")) << json.out;
}

// --- Progress on standard error -------------------------------------------

// A check whose progress would show at once: no delay, a report per batch.
Outcome check_with_progress(bool err_is_terminal, std::initializer_list<std::string> args) {
  std::vector<std::string> all{"accord", "check", "--rules", kNpa};
  all.insert(all.end(), args);
  std::vector<const char*> argv;
  for (const std::string& arg : all) argv.push_back(arg.c_str());
  std::ostringstream out;
  std::ostringstream err;
  Context ctx{out, err, false, err_is_terminal, false};
  ctx.progress_delay = 0;
  ctx.progress_interval = 0;
  int status = run(static_cast<int>(argv.size()), argv.data(), ctx);
  return {status, out.str(), err.str()};
}

TEST(CliCheck, ProgressShowsOnATerminalAndIsCleared) {
  Outcome o = check_with_progress(true, {kSourceDir + "/examples/npa/events.jsonl"});
  EXPECT_EQ(o.status, 1);
  EXPECT_TRUE(contains(o.err, "\r\033[Kaccord: 332 events, ")) << o.err;
  EXPECT_TRUE(contains(o.err, ", 100%, 0 s left")) << o.err;
  // Cleared at the end, so what follows starts on a clean line.
  EXPECT_EQ(o.err.substr(o.err.size() - 4), "\r\033[K");
}

TEST(CliCheck, NoProgressOffATerminal) {
  Outcome o = check_with_progress(false, {kSourceDir + "/examples/npa/events.jsonl"});
  EXPECT_EQ(o.status, 1);
  EXPECT_EQ(o.err, "");
}

TEST(CliCheck, NoProgressWithQuiet) {
  Outcome o = check_with_progress(true, {"--quiet", kSourceDir + "/examples/npa/events.jsonl"});
  EXPECT_EQ(o.status, 1);
  EXPECT_EQ(o.err, "");
}

// --- Limits (docs/robustness.md) ------------------------------------------------

TEST(CliCheck, MaxLineBytesMakesLongerLinesInputErrors) {
  // clean.jsonl's lines are 62, 103, 107, 108, 79 and 131 bytes long.
  Outcome o = check({"--fail-on", "never", "--keep-going", "--max-line-bytes", "107",
                     data("clean.jsonl")});
  EXPECT_EQ(o.status, 0) << o.err;
  eval::Value report = report_of(o);
  EXPECT_EQ(summary(report, "events"), 4u);
  ASSERT_EQ(summary(report, "errors"), 2u);
  const eval::List& errors = field(report, "errors").as_list();
  EXPECT_EQ(field(errors.at(0), "line").as_int(), 4);
  EXPECT_EQ(text(field(errors.at(0), "message")), "line is longer than the limit of 107 bytes");
  EXPECT_EQ(field(errors.at(1), "line").as_int(), 6);
}

TEST(CliCheck, MaxOpenObligationsStopsTheCheckWhereItIsPassed) {
  std::string events = kSourceDir + "/examples/npa/events.jsonl";
  Outcome o = check({"--max-open-obligations", "2", events});
  EXPECT_EQ(o.status, 2);
  EXPECT_EQ(o.out, "");
  EXPECT_EQ(o.err, "accord check: " + events + ":3: event 'e0003' opens one obligation more than "
                   "the limit of 2 open at once (rule 'npa-14-training'): the check stops here; "
                   "--max-open-obligations raises the limit if memory allows\n");
  EXPECT_EQ(check({"--max-open-obligations", "1000", events}).status, 1);
}

TEST(CliCheck, LimitsMustBePositive) {
  EXPECT_EQ(check({"--max-line-bytes", "0", data("clean.jsonl")}).status, 2);
  EXPECT_EQ(check({"--max-open-obligations", "-1", data("clean.jsonl")}).status, 2);
}

}  // namespace
}  // namespace accord::cli
