// Every limit accord sets on its inputs, at its default, tried exactly at the
// boundary (accepted) and one past it (an error that says where, while the
// rest of the input is still judged). docs/robustness.md lists them.
#include <accord/eval/program.hpp>
#include <accord/expr/parse.hpp>
#include <accord/rules/load.hpp>
#include <accord/stream/check_logs.hpp>

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace accord {
namespace {

// Whether `text` holds `part`, for messages quoted in part.
::testing::AssertionResult contains(const std::string& text, const std::string& part) {
  if (text.find(part) != std::string::npos) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "'" << part << "' is not in:\n" << text;
}

// Judges events of type "flag" as violations, so the test sees which events
// were judged; reads `payload` (so readers convert it) and matches `text`
// against `pattern`.
const std::string kRules = R"(rule_set: {id: limits, title: Limits}
rules:
  - id: flagged
    title: Every flag is reported
    kind: forbidden
    when: event.type == "flag" && (!has(event.payload) || size(event.payload) >= 0)
  - id: matched
    title: Texts that match their pattern are reported
    kind: forbidden
    when: event.type == "match" && event.text.matches(event.pattern)
  - id: paired
    title: Lists whose elements are all alike are reported
    kind: forbidden
    when: event.type == "pairs" && event.xs.all(x, event.xs.all(y, x == y))
  - id: answered
    title: A request is answered within ten days
    kind: response
    when: event.type == "request"
    expect: event.type == "answer"
    key: [case]
    within: 10d
  - id: heartbeat
    title: A beat every day per case
    kind: recurrence
    occurrence: event.type == "beat"
    key: [case]
    every: 1d
)";

class LimitsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto loaded = rules::load_rule_book({&rules_});
    ASSERT_TRUE(loaded.book) << loaded.format({&rules_});
    book_.emplace(std::move(*loaded.book));
  }

  stream::CheckResult check(const std::string& log, stream::InputFormat format,
                            stream::LogCheckOptions options = {}) const {
    stream::LogInput input;
    input.name = "log";
    input.format = format;
    input.open = [log] { return stream::ByteSource::from_string(log); };
    return stream::check_logs(*book_, {input}, std::move(options)).result;
  }

  stream::CheckResult check_jsonl(const std::string& log,
                                  stream::LogCheckOptions options = {}) const {
    return check(log, stream::InputFormat::JsonLines, std::move(options));
  }

  // The triggers of the violations of the rule `rule` (events of one time
  // are reported in the order of their ids).
  std::set<std::string> violations_of(const stream::CheckResult& result,
                                      const std::string& rule) const {
    std::set<std::string> ids;
    for (const auto& violation : result.violations) {
      if (book_->info(violation.rule).id == rule) ids.insert(violation.trigger);
    }
    return ids;
  }

  SourceFile rules_{"limits.yaml", kRules};
  std::optional<rules::RuleBook> book_;
};

// A JSON Lines event of type "flag" whose line is exactly `bytes` long.
std::string flag_line(const std::string& id, std::size_t bytes) {
  std::string line = R"({"id": ")" + id + R"(", "time": "2025-01-10", "type": "flag", "pad": "")";
  line += "}";
  if (bytes > line.size()) line.insert(line.size() - 2, bytes - line.size(), 'x');
  return line;
}

std::string flag_line(const std::string& id) { return flag_line(id, 0); }

void expect_one_error(const stream::CheckResult& result, std::uint32_t line,
                      const std::string& message) {
  ASSERT_EQ(result.input_errors.size(), 1u);
  EXPECT_EQ(result.input_errors[0].origin.line, line);
  EXPECT_TRUE(contains(result.input_errors[0].message, message));
}

// ---- event logs ------------------------------------------------------------

TEST_F(LimitsTest, EventLineLengthIsOneMebibyteWithoutTheLineBreak) {
  const std::size_t limit = stream::ReaderLimits{}.max_line_bytes;
  ASSERT_EQ(limit, 1u << 20);
  std::string log = flag_line("a") + "\n" + flag_line("at", limit) + "\n" +
                    flag_line("crlf", limit) + "\r\n" + flag_line("over", limit + 1) + "\n" +
                    flag_line("after") + "\n";
  stream::CheckResult result = check_jsonl(log);
  EXPECT_EQ(violations_of(result, "flagged"), (std::set<std::string>{"a", "at", "crlf", "after"}));
  expect_one_error(result, 4, "line is longer than the limit of 1048576 bytes");
}

TEST_F(LimitsTest, EventLineLengthCanBeChanged) {
  stream::LogCheckOptions options;
  options.limits.max_line_bytes = 100;
  stream::CheckResult result = check_jsonl(
      flag_line("at", 100) + "\n" + flag_line("over", 101) + "\n" + flag_line("after"), options);
  EXPECT_EQ(violations_of(result, "flagged"), (std::set<std::string>{"at", "after"}));
  expect_one_error(result, 2, "line is longer than the limit of 100 bytes");
}

TEST_F(LimitsTest, CsvRowLengthIsLimitedToo) {
  stream::LogCheckOptions options;
  options.limits.max_line_bytes = 100;
  std::string header = "id,time,type,pad\n";
  auto row = [](const std::string& id, std::size_t bytes) {
    std::string text = id + ",2025-01-10,flag,";
    return text + std::string(bytes - text.size(), 'x') + "\n";
  };
  stream::CheckResult result = check(header + row("at", 100) + row("over", 101) + row("after", 30),
                                     stream::InputFormat::Csv, options);
  EXPECT_EQ(violations_of(result, "flagged"), (std::set<std::string>{"at", "after"}));
  expect_one_error(result, 3, "longer than the limit of 100 bytes");
}

// An event with `count` top-level fields: id, time, type and fN padding.
std::string wide_line(const std::string& id, std::size_t count) {
  std::string line = R"({"id": ")" + id + R"(", "time": "2025-01-10", "type": "flag")";
  for (std::size_t i = 3; i < count; ++i) line += ", \"f" + std::to_string(i) + "\": 1";
  return line + "}\n";
}

TEST_F(LimitsTest, AnEventHasAtMostAThousandFields) {
  const std::size_t limit = stream::ReaderLimits{}.max_fields;
  ASSERT_EQ(limit, 1000u);
  stream::CheckResult result =
      check_jsonl(wide_line("at", limit) + wide_line("over", limit + 1) + wide_line("after", 3));
  EXPECT_EQ(violations_of(result, "flagged"), (std::set<std::string>{"at", "after"}));
  expect_one_error(result, 2, "more than 1000 fields");
}

TEST_F(LimitsTest, ACsvRowHasAtMostAThousandCells) {
  const std::size_t limit = stream::ReaderLimits{}.max_fields;
  auto row = [](const std::string& id, std::size_t cells) {
    std::string text = id + ",2025-01-10,flag";
    for (std::size_t i = 3; i < cells; ++i) text += ",1";
    return text + "\n";
  };
  std::string header = "id,time,type";
  for (std::size_t i = 3; i < limit; ++i) header += ",f" + std::to_string(i);
  stream::CheckResult result =
      check(header + "\n" + row("at", limit) + row("over", limit + 1) + row("after", limit),
            stream::InputFormat::Csv);
  EXPECT_EQ(violations_of(result, "flagged"), (std::set<std::string>{"at", "after"}));
  expect_one_error(result, 3, "more than 1000 cells");
}

// A field's value is at level 1; what an array holds is one level deeper.
// `levels` arrays around a number put the number at level levels + 1.
std::string nested(std::size_t levels) {
  return std::string(levels, '[') + "1" + std::string(levels, ']');
}

TEST_F(LimitsTest, AValueIsNestedAtMostSixtyFourLevels) {
  const std::size_t limit = stream::ReaderLimits{}.max_nesting_depth;
  ASSERT_EQ(limit, 64u);
  auto line = [](const std::string& id, std::size_t levels) {
    return R"({"id": ")" + id + R"(", "time": "2025-01-10", "type": "flag", "payload": )" +
           nested(levels) + "}\n";
  };
  stream::CheckResult result =
      check_jsonl(line("at", limit - 1) + line("over", limit) + line("after", 1));
  EXPECT_EQ(violations_of(result, "flagged"), (std::set<std::string>{"at", "after"}));
  expect_one_error(result, 2, "field 'payload': nested deeper than 64 levels");

  auto item = [](const std::string& id, std::size_t levels) {
    return "- {id: " + id + ", time: 2025-01-10, type: flag, payload: " + nested(levels) + "}\n";
  };
  result = check(item("at", limit - 1) + item("over", limit) + item("after", 1),
                 stream::InputFormat::Yaml);
  EXPECT_EQ(violations_of(result, "flagged"), (std::set<std::string>{"at", "after"}));
  expect_one_error(result, 2, "nested deeper than 64 levels");
}

TEST_F(LimitsTest, AYamlEventHasAtMostAHundredThousandValues) {
  // The mapping, its three required fields (a key and a value each), and
  // `payload`'s key and list: nine values besides the list's elements.
  auto item = [](const std::string& id, std::size_t elements) {
    std::string list = "[1";
    for (std::size_t i = 1; i < elements; ++i) list += ",1";
    return "- {id: " + id + ", time: 2025-01-10, type: flag, payload: " + list + "]}\n";
  };
  stream::CheckResult result =
      check(item("at", 100'000 - 9) + item("over", 100'000 - 8) + item("after", 1),
            stream::InputFormat::Yaml);
  EXPECT_EQ(violations_of(result, "flagged"), (std::set<std::string>{"at", "after"}));
  expect_one_error(result, 2, "more than 100000 values (counting what aliases repeat)");
}

TEST_F(LimitsTest, AYamlLogIsReadWholeUpToSixtyFourMebibytes) {
  ASSERT_EQ(stream::ReaderLimits{}.max_yaml_bytes, 64u << 20);
  stream::LogCheckOptions options;
  options.limits.max_yaml_bytes = 100;
  // Exactly `bytes` long: one event and a comment.
  auto log = [](const std::string& id, std::size_t bytes) {
    std::string yaml = "- {id: " + id + ", time: 2025-01-10, type: flag}\n# ";
    return yaml + std::string(bytes - yaml.size() - 1, '.') + "\n";
  };
  auto input = [](std::string name, stream::InputFormat format, std::string text) {
    stream::LogInput in;
    in.name = std::move(name);
    in.format = format;
    in.open = [text] { return stream::ByteSource::from_string(text); };
    return in;
  };
  std::vector<stream::LogInput> inputs{
      input("at.yaml", stream::InputFormat::Yaml, log("at", 100)),
      input("over.yaml", stream::InputFormat::Yaml, log("over", 101)),
      input("after.jsonl", stream::InputFormat::JsonLines, flag_line("after"))};
  stream::CheckResult result = stream::check_logs(*book_, inputs, options).result;
  EXPECT_EQ(violations_of(result, "flagged"), (std::set<std::string>{"at", "after"}));
  ASSERT_EQ(result.input_errors.size(), 1u);
  EXPECT_EQ(result.input_errors[0].origin.input, 1u);
  EXPECT_EQ(result.input_errors[0].origin.line, 0u);
  EXPECT_EQ(result.input_errors[0].message,
            "a YAML log is longer than the limit of 100 bytes: write a long log as JSON Lines");
}

// ---- regular expressions -----------------------------------------------------

std::string match_line(const std::string& id, const std::string& pattern) {
  return R"({"id": ")" + id +
         R"(", "time": "2025-01-10", "type": "match", "text": "abc", )"
         R"("pattern": ")" +
         pattern + "\"}\n";
}

TEST_F(LimitsTest, ARegularExpressionFromAnEventOverRe2sBudgetIsAnEvaluationError) {
  // \pL (any letter) is a large class: a hundred fit in RE2's 8 MiB, a
  // thousand do not.
  stream::CheckResult result =
      check_jsonl(match_line("fits", "^\\\\pL{3}$") + match_line("large", "\\\\pL{100}|abc") +
                  match_line("too-large", "\\\\pL{1000}") + match_line("after", "b"));
  EXPECT_EQ(violations_of(result, "matched"), (std::set<std::string>{"fits", "large", "after"}));
  ASSERT_EQ(result.evaluation_errors.size(), 1u);
  EXPECT_EQ(result.evaluation_errors[0].event, "too-large");
  EXPECT_EQ(result.evaluation_errors[0].origin.line, 3u);
  EXPECT_TRUE(contains(result.evaluation_errors[0].message,
                       "invalid regular expression: pattern too large"));
  EXPECT_TRUE(result.input_errors.empty());
}

// ---- work per evaluation -------------------------------------------------------

TEST_F(LimitsTest, AnEvaluationTakesAtMostAMillionComprehensionSteps) {
  ASSERT_EQ(eval::CompileOptions{}.max_iterations, 1'000'000u);
  // `paired` takes n + n * n steps on a list of n: 999,000 for 999 elements,
  // 1,001,000 for 1000.
  auto line = [](const std::string& id, std::size_t elements) {
    std::string xs = "[1";
    for (std::size_t i = 1; i < elements; ++i) xs += ",1";
    return R"({"id": ")" + id + R"(", "time": "2025-01-10", "type": "pairs", "xs": )" + xs + "]}\n";
  };
  stream::CheckResult result =
      check_jsonl(line("under", 999) + line("over", 1000) + line("after", 2));
  EXPECT_EQ(violations_of(result, "paired"), (std::set<std::string>{"under", "after"}));
  ASSERT_EQ(result.evaluation_errors.size(), 1u);
  EXPECT_EQ(result.evaluation_errors[0].event, "over");
  EXPECT_EQ(result.evaluation_errors[0].origin.line, 2u);
  EXPECT_TRUE(contains(result.evaluation_errors[0].message,
                       "the condition needs more than 1000000 comprehension iterations"));
}

// Loads `yaml` as limits.yaml; the diagnostics, formatted, when it fails.
std::string load_errors(const std::string& yaml, rules::LoadOptions options = {}) {
  SourceFile file("limits.yaml", yaml);
  rules::LoadResult loaded = rules::load_rule_book({&file}, options);
  return loaded.book ? "" : loaded.format({&file});
}

std::string rule_with_condition(const std::string& when) {
  return "rule_set: {id: r, title: R}\nrules:\n  - id: one\n    title: One\n"
         "    kind: forbidden\n    when: '" +
         when + "'\n";
}

TEST_F(LimitsTest, AConstantRegularExpressionOverRe2sBudgetIsALocatedRuleError) {
  EXPECT_EQ(load_errors(rule_with_condition(R"(event.text.matches("\\pL{100}"))")), "");
  EXPECT_TRUE(contains(load_errors(rule_with_condition(R"(event.text.matches("\\pL{1000}"))")),
                       "limits.yaml:6:31: error: invalid regular expression: pattern too large"));
}

// ---- conditions --------------------------------------------------------------

TEST_F(LimitsTest, AConditionIsAtMostOneHundredThousandBytes) {
  const std::size_t limit = expr::ParseOptions{}.max_expression_bytes;
  ASSERT_EQ(limit, 100'000u);
  // event.type == "xx...x", exactly `bytes` long.
  auto condition = [](std::size_t bytes) {
    std::string text = R"(event.type == "")";
    return text.insert(text.size() - 1, bytes - text.size(), 'x');
  };
  EXPECT_EQ(load_errors(rule_with_condition(condition(limit))), "");
  EXPECT_TRUE(contains(load_errors(rule_with_condition(condition(limit + 1))),
                       "error: the condition is too long: 100001 bytes (the limit is 100000)"));
  EXPECT_TRUE(contains(load_errors(rule_with_condition(condition(limit + 1))), "[E101]"));
  EXPECT_TRUE(contains(load_errors(rule_with_condition(condition(limit + 1))), "limits.yaml:6:"));
}

TEST_F(LimitsTest, AConditionIsNestedAtMostTwoHundredAndFiftyLevels) {
  const std::size_t limit = expr::ParseOptions{}.max_nesting_depth;
  ASSERT_EQ(limit, 250u);
  auto condition = [](std::size_t levels) {
    return std::string(levels, '(') + "event.type == \"x\"" + std::string(levels, ')');
  };
  EXPECT_EQ(load_errors(rule_with_condition(condition(limit))), "");
  std::string over = load_errors(rule_with_condition(condition(limit + 1)));
  EXPECT_TRUE(contains(over, "limits.yaml:6:"));
  EXPECT_TRUE(contains(over, "the condition is nested too deeply (the limit is 250 levels)"));
  EXPECT_TRUE(contains(over, "[E103]"));
}

// ---- rule sets ---------------------------------------------------------------

TEST_F(LimitsTest, ARuleFileIsAtMostEightMebibytes) {
  const std::size_t limit = rules::LoadOptions{}.max_file_bytes;
  ASSERT_EQ(limit, 8u << 20);
  // A valid rule set padded with a comment to exactly `bytes`.
  auto file = [](std::size_t bytes) {
    std::string yaml = rule_with_condition("event.type == \"x\"") + "# ";
    return yaml + std::string(bytes - yaml.size() - 1, '.') + "\n";
  };
  EXPECT_EQ(file(limit).size(), limit);
  EXPECT_EQ(load_errors(file(limit)), "");
  EXPECT_TRUE(contains(load_errors(file(limit + 1)),
                       "limits.yaml:1:1: error: the rule file is longer than the limit of "
                       "8388608 bytes: nothing in it is loaded [E413]"));
}

TEST_F(LimitsTest, ARuleFileIsReadNoFurtherThanTheLimitAndAByte) {
  std::string path = ::testing::TempDir() + "limits_rule_file.yaml";
  std::ofstream(path, std::ios::binary) << std::string(100, 'x');
  EXPECT_EQ(rules::read_rule_file(path, 100), std::string(100, 'x'));
  EXPECT_EQ(rules::read_rule_file(path, 10), std::string(11, 'x'));
  // The text lives as long as its rule set: it holds no room for the limit.
  EXPECT_LT(rules::read_rule_file(path)->capacity(), std::size_t{1} << 20);
  std::remove(path.c_str());
  EXPECT_EQ(rules::read_rule_file(path), std::nullopt);
  EXPECT_EQ(rules::read_rule_file(::testing::TempDir()), std::nullopt);  // a directory
}

TEST_F(LimitsTest, ARuleBookHasAtMostTenThousandRules) {
  const std::size_t limit = rules::LoadOptions{}.max_rules;
  ASSERT_EQ(limit, 10'000u);
  auto rule_set = [](std::size_t count) {
    std::string yaml = "rule_set: {id: r, title: R}\nrules:\n";
    for (std::size_t i = 0; i < count; ++i) {
      yaml += "  - {id: r" + std::to_string(i) + ", title: R, kind: forbidden, when: 'event.x'}\n";
    }
    return yaml;
  };
  EXPECT_EQ(load_errors(rule_set(limit)), "");
  EXPECT_TRUE(contains(load_errors(rule_set(limit + 1)),
                       "limits.yaml:10003:5: error: more than 10000 rules: the rest are not "
                       "loaded [E412]"));
}

// ---- open obligations --------------------------------------------------------

std::string event_line(const std::string& id, const std::string& day, const std::string& type,
                       const std::string& key) {
  return R"({"id": ")" + id + R"(", "time": "2025-01-)" + day + R"(", "type": ")" + type +
         R"(", "case": ")" + key + "\"}\n";
}

TEST_F(LimitsTest, OpenObligationsAreCountedAcrossRulesAndAnsweredOnesFreeTheirPlace) {
  stream::LogCheckOptions options;
  options.check.max_open_obligations = 3;
  // Two requests and a clock open three; an answer closes both requests of
  // case a, so two more fit.
  std::string log = event_line("r1", "10", "request", "a") +
                    event_line("r2", "10", "request", "a") + event_line("b1", "10", "beat", "a") +
                    event_line("s1", "11", "answer", "a") + event_line("r3", "11", "request", "b") +
                    event_line("r4", "11", "request", "c");
  stream::CheckResult result = check_jsonl(log, options);
  EXPECT_EQ(result.events, 6u);
  EXPECT_EQ(result.pending.size(), 3u);

  // One more open at once stops the check at the event that opened it.
  log += event_line("r5", "11", "request", "d") + event_line("r6", "12", "request", "e");
  for (bool parallel : {false, true}) {
    options.parallel = parallel;
    try {
      check_jsonl(log, options);
      ADD_FAILURE() << "a fourth open obligation did not stop the check";
    } catch (const stream::LimitExceeded& stop) {
      EXPECT_EQ(stop.origin().line, 7u);
      EXPECT_STREQ(stop.what(),
                   "event 'r5' opens one obligation more than the limit of 3 open at once (rule "
                   "'answered'): the check stops here; --max-open-obligations raises the limit "
                   "if memory allows");
    }
  }
}

TEST_F(LimitsTest, OpenObligationsAreLimitedToTwoMillionByDefault) {
  EXPECT_EQ(stream::CheckOptions{}.max_open_obligations, 2'000'000u);
}

TEST_F(LimitsTest, ObligationsPastTheirDeadlineAreNoLongerOpen) {
  stream::LogCheckOptions options;
  options.check.max_open_obligations = 2;
  // r1 and r2 fall due on the 20th; by the 25th they are violations, not open.
  std::string log = event_line("r1", "10", "request", "a") +
                    event_line("r2", "10", "request", "b") +
                    event_line("r3", "25", "request", "c") + event_line("r4", "25", "request", "d");
  stream::CheckResult result = check_jsonl(log, options);
  EXPECT_EQ(violations_of(result, "answered"), (std::set<std::string>{"r1", "r2"}));
  EXPECT_EQ(result.pending.size(), 2u);
}

}  // namespace
}  // namespace accord
