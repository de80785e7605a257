// The rule loader's diagnostics, exactly as `accord validate` prints them.
//
// Each tests/data/rules/NAME.yaml is loaded alone and its diagnostics must
// equal NAME.expected (empty for a valid file). To rewrite the .expected
// files after a deliberate change, run the tests with ACCORD_UPDATE_GOLDENS=1
// and review the difference before committing it.
#include <accord/rules/load.hpp>
#include <accord/rules/rule_kind.hpp>

#include "run.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace accord::rules {
namespace {

const std::filesystem::path kDataDir = std::filesystem::path(ACCORD_TEST_DATA_DIR) / "rules";

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Loads one rule file and formats its diagnostics.
std::string diagnose(const std::string& name, const std::string& yaml,
                     const LoadOptions& options = {}) {
  SourceFile file(name, yaml);
  return load_rule_book({&file}, options).format({&file});
}

std::vector<std::string> golden_names() {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(kDataDir)) {
    if (entry.path().extension() == ".yaml") names.push_back(entry.path().stem().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

class Golden : public ::testing::TestWithParam<std::string> {};

TEST_P(Golden, DiagnosticsMatchTheExpectedFile) {
  const std::string name = GetParam();
  std::string actual = diagnose(name + ".yaml", read_file(kDataDir / (name + ".yaml")));
  std::filesystem::path expected_path = kDataDir / (name + ".expected");
  if (std::getenv("ACCORD_UPDATE_GOLDENS") != nullptr) {
    std::ofstream(expected_path, std::ios::binary) << actual;
    return;
  }
  ASSERT_TRUE(std::filesystem::exists(expected_path)) << expected_path;
  EXPECT_EQ(actual, read_file(expected_path));
}

INSTANTIATE_TEST_SUITE_P(RuleFiles, Golden, ::testing::ValuesIn(golden_names()),
                         [](const auto& info) {
                           std::string name = info.param;
                           std::replace(name.begin(), name.end(), '-', '_');
                           return name;
                         });

TEST(Golden, EveryProblemKindHasAFile) {
  // A guard against the directory being empty or unreadable, which would
  // silently instantiate no golden tests.
  EXPECT_GE(golden_names().size(), 18u);
}

TEST(Load, ValidFileLoadsEveryRuleAndParameter) {
  SourceFile file("valid.yaml", read_file(kDataDir / "valid.yaml"));
  LoadResult loaded = load_rule_book({&file});
  EXPECT_EQ(loaded.format({&file}), "");
  ASSERT_TRUE(loaded.book);
  const RuleBook& book = *loaded.book;
  ASSERT_EQ(book.size(), 4u);
  EXPECT_EQ(book.info(0).id, "a");
  EXPECT_EQ(book.info(0).kind, "response");
  EXPECT_EQ(book.info(0).level, Level::Warning);
  EXPECT_EQ(book.info(0).clause, "1");
  EXPECT_EQ(book.info(0).line, 24u);
  EXPECT_EQ(book.info(0).key_fields, std::vector<std::string>{"org"});
  EXPECT_EQ(book.info(1).key_fields, (std::vector<std::string>{"org", "team"}));
  EXPECT_EQ(book.info(2).level, Level::Info);
  EXPECT_EQ(book.info(3).level, Level::Error);  // the default
  ASSERT_EQ(book.parameters().size(), 5u);
  EXPECT_EQ(book.parameters()[0].text, "14d");
  EXPECT_EQ(book.parameters()[2].name, "team");
  EXPECT_EQ(book.parameters()[2].value.as_string(), "");  // an empty default is a value
  ASSERT_EQ(book.rule_sets().size(), 1u);
  EXPECT_EQ(book.rule_sets()[0].source, "agreement.txt");
}

TEST(Load, InvalidFileGivesNoBook) {
  SourceFile file("r.yaml", read_file(kDataDir / "duplicate_ids.yaml"));
  LoadResult loaded = load_rule_book({&file});
  EXPECT_FALSE(loaded.book);
  EXPECT_TRUE(loaded.has_errors());
  ASSERT_EQ(loaded.diagnostics.size(), 1u);
  EXPECT_EQ(loaded.diagnostics[0].file, 0u);
  EXPECT_EQ(loaded.diagnostics[0].diagnostic.code, "E405");
}

const char* const kOneRule = R"(rule_set: {id: one, title: One}
params:
  notice:
    type: duration
  meeting:
    type: duration
    default: 3mo
rules:
  - id: a
    title: A
    kind: precedence
    when: event.type == "x"
    requires: event.type == "y"
    at_least: params.notice
)";

TEST(Load, ParameterWithoutValueIsReportedOnce) {
  EXPECT_EQ(diagnose("r.yaml", kOneRule),
            "r.yaml:3:3: error: parameter 'notice' has no value: give it a default, or pass "
            "--param notice=VALUE [E408]\n"
            " 3 |   notice:\n"
            "   |   ^~~~~~\n");
}

TEST(Load, ParamOnTheCommandLineGivesTheValue) {
  SourceFile file("r.yaml", kOneRule);
  LoadOptions options;
  options.parameters = {{"notice", "6mo"}, {"meeting", "P2M"}};
  LoadResult loaded = load_rule_book({&file}, options);
  EXPECT_EQ(loaded.format({&file}), "");
  ASSERT_TRUE(loaded.book);
  EXPECT_EQ(loaded.book->parameters()[0].text, "6mo");
  EXPECT_EQ(loaded.book->parameters()[1].text, "P2M");
}

TEST(Load, ParamForAnUnknownParameterOrWithABadValue) {
  LoadOptions options;
  options.parameters = {{"notice", "six months"}, {"noticee", "6mo"}, {"meeting", "-"}};
  EXPECT_EQ(diagnose("r.yaml", kOneRule, options),
            "r.yaml:3:3: error: parameter 'notice' has no value: give it a default, or pass "
            "--param notice=VALUE [E408]\n"
            " 3 |   notice:\n"
            "   |   ^~~~~~\n"
            "--param: error: --param notice: 'six months' is not a duration: write 14d, 36h, "
            "90m, 30s, 6mo, 1y or ISO 8601 such as P6M or P14D [E407]\n"
            "--param: error: no rule set has a parameter 'noticee' [E407]\n"
            "--param: error: --param meeting: '-' is not a duration: write 14d, 36h, 90m, 30s, "
            "6mo, 1y or ISO 8601 such as P6M or P14D [E407]\n");
}

TEST(Load, ParamOfEachType) {
  const char* yaml = R"(rule_set: {id: t, title: T}
params:
  count: {type: number, default: 1}
  ratio: {type: number, default: 1}
  name: {type: string, default: a}
  on: {type: boolean, default: "false"}
rules:
  - {id: a, title: A, kind: forbidden, when: 'event.type == "x"'}
)";
  SourceFile file("r.yaml", yaml);
  LoadOptions options;
  options.parameters = {{"count", "-7"}, {"ratio", "1e3"}, {"name", "b c"}, {"on", "true"}};
  LoadResult loaded = load_rule_book({&file}, options);
  ASSERT_TRUE(loaded.book) << loaded.format({&file});
  const auto& parameters = loaded.book->parameters();
  EXPECT_EQ(parameters[0].value.as_int(), -7);
  EXPECT_EQ(parameters[1].value.as_double(), 1000.0);
  EXPECT_EQ(parameters[2].value.as_string(), "b c");
  EXPECT_TRUE(parameters[3].value.as_bool());

  options.parameters = {{"count", "1.5.2"}, {"on", "yes"}, {"ratio", "inf"}};
  EXPECT_EQ(diagnose("r.yaml", yaml, options),
            "--param: error: --param count: '1.5.2' is not a number [E407]\n"
            "--param: error: --param on: 'yes' is not true or false [E407]\n"
            "--param: error: --param ratio: 'inf' is not a number [E407]\n");
}

const char* const kSecondFile = R"(rule_set: {id: two, title: Two}
params:
  meeting:
    type: duration
    default: 1mo
rules:
  - id: b
    title: B
    kind: forbidden
    when: event.type == "b"
  - id: a
    title: A here too
    kind: forbidden
    when: event.type == "a"
)";

TEST(Load, DuplicatesAcrossFilesNameTheFirstFile) {
  SourceFile first("one.yaml", kOneRule);
  SourceFile second("two.yaml", kSecondFile);
  LoadOptions options;
  options.parameters = {{"notice", "6mo"}};
  LoadResult loaded = load_rule_book({&first, &second}, options);
  EXPECT_FALSE(loaded.book);
  EXPECT_EQ(loaded.format({&first, &second}),
            "two.yaml:3:3: error: parameter 'meeting' is declared twice (first in one.yaml:5) "
            "[E407]\n"
            " 3 |   meeting:\n"
            "   |   ^~~~~~~\n"
            "two.yaml:11:9: error: duplicate rule id 'a' (first at one.yaml:9) [E405]\n"
            " 11 |   - id: a\n"
            "    |         ^\n");
  ASSERT_EQ(loaded.diagnostics.size(), 2u);
  EXPECT_EQ(loaded.diagnostics[0].file, 1u);
}

TEST(Load, TwoFilesMakeOneBook) {
  SourceFile first("one.yaml", kOneRule);
  std::string second_text = kSecondFile;
  second_text.replace(second_text.find("id: a"), 5, "id: c");
  second_text.replace(second_text.find("meeting"), 7, "other");
  SourceFile second("two.yaml", second_text);
  LoadOptions options;
  options.parameters = {{"notice", "6mo"}};
  LoadResult loaded = load_rule_book({&first, &second}, options);
  ASSERT_TRUE(loaded.book) << loaded.format({&first, &second});
  ASSERT_EQ(loaded.book->size(), 3u);
  EXPECT_EQ(loaded.book->info(1).rule_set, "two");
  EXPECT_EQ(loaded.book->info(1).file, "two.yaml");
  EXPECT_EQ(loaded.book->rule_sets().size(), 2u);
}

std::string many_rules(std::size_t count) {
  std::string yaml = "rule_set: {id: t, title: T}\nrules:\n";
  for (std::size_t i = 0; i < count; ++i) {
    yaml += "  - {id: r" + std::to_string(i) +
            ", title: R, kind: forbidden, when: 'event.type == \"x\"'}\n";
  }
  return yaml;
}

TEST(Load, MaxRulesIsReportedOnceAcrossFiles) {
  LoadOptions options;
  options.max_rules = 3;
  SourceFile at_limit("a.yaml", many_rules(3));
  EXPECT_TRUE(load_rule_book({&at_limit}, options).book);

  SourceFile first("a.yaml", many_rules(4));
  std::string more = many_rules(2);
  more.replace(more.find("id: t"), 5, "id: u");
  more.replace(more.find("id: r0"), 6, "id: s0");
  more.replace(more.find("id: r1"), 6, "id: s1");
  SourceFile second("b.yaml", more);
  EXPECT_EQ(load_rule_book({&first, &second}, options).format({&first, &second}),
            "a.yaml:6:5: error: more than 3 rules: the rest are not loaded [E412]\n"
            " 6 |   - {id: r3, title: R, kind: forbidden, when: 'event.type == \"x\"'}\n"
            "   |     ^\n");
}

TEST(Load, NoFilesOrNoRules) {
  EXPECT_EQ(load_rule_book({}).format({}), "--param: error: no rules to check [E404]\n");
  EXPECT_EQ(diagnose("r.yaml", "rule_set: {id: t, title: T}\nrules: []\n"),
            "r.yaml:1:1: error: no rules to check [E404]\n"
            " 1 | rule_set: {id: t, title: T}\n"
            "   | ^\n");
}

TEST(Load, ConditionsAreDispatchedByTheTypesTheyCanMatch) {
  const char* yaml = R"(rule_set: {id: t, title: T}
rules:
  - id: one-type
    title: One type
    kind: forbidden
    when: event.type == "a" && event.n > 1
  - id: listed-types
    title: Listed types
    kind: forbidden
    when: event.type in ["b", "c"] || event.type == "d"
  - id: both-conditions
    title: The types of both conditions
    kind: precedence
    when: event.type == "e"
    requires: event.type == "f"
  - id: any-type
    title: Any type
    kind: forbidden
    when: event.n > 1 || event.type == "g"
  - id: no-type
    title: No type can match
    kind: forbidden
    when: event.type == "a" && event.type == "b"
)";
  SourceFile file("r.yaml", yaml);
  LoadResult loaded = load_rule_book({&file});
  ASSERT_TRUE(loaded.book) << loaded.format({&file});
  using Types = std::optional<std::vector<std::string>>;
  const auto& rules = loaded.book->rules();
  EXPECT_EQ(rules[0]->event_types(), Types(std::vector<std::string>{"a"}));
  EXPECT_EQ(rules[1]->event_types(), Types(std::vector<std::string>{"b", "c", "d"}));
  EXPECT_EQ(rules[2]->event_types(), Types(std::vector<std::string>{"e", "f"}));
  EXPECT_EQ(rules[3]->event_types(), Types());
  EXPECT_EQ(rules[4]->event_types(), Types(std::vector<std::string>{}));
}

// Readers keep the fields judging reads: what the conditions' programs
// read for the types they can match, the keys and the messages' fields.
// Conditions compiled for their types read no `type`.
TEST(Load, ReadersKeepOnlyTheFieldsJudgingReads) {
  const char* typed = R"(rule_set: {id: t, title: T}
rules:
  - id: typed
    title: Typed
    kind: precedence
    when: event.type == "end" && event.final
    requires: event.type == "notice"
    key: [party]
    message: "{party} {reason}: {id}"
  - id: unused
    title: A field only where the condition folds away
    kind: forbidden
    when: event.type == "a" && (event.type == "b" && event.never)
)";
  SourceFile file("r.yaml", typed);
  LoadResult loaded = load_rule_book({&file});
  ASSERT_TRUE(loaded.book) << loaded.format({&file});
  const stream::FieldIndex& fields = loaded.book->fields();
  EXPECT_TRUE(fields.find("final"));
  EXPECT_TRUE(fields.find("party"));   // the key
  EXPECT_TRUE(fields.find("reason"));  // the message
  EXPECT_FALSE(fields.find("type"));
  EXPECT_FALSE(fields.find("never"));
  EXPECT_FALSE(fields.find("other"));

  const char* any_type = R"(rule_set: {id: t, title: T}
rules:
  - id: any
    title: Any type
    kind: forbidden
    when: event.type.startsWith("agreement.") && event.final
)";
  SourceFile any_file("r.yaml", any_type);
  LoadResult any_loaded = load_rule_book({&any_file});
  ASSERT_TRUE(any_loaded.book) << any_loaded.format({&any_file});
  EXPECT_TRUE(any_loaded.book->fields().find("type"));
  EXPECT_TRUE(any_loaded.book->fields().find("final"));
}

TEST(Load, MessageParts) {
  SourceFile file("valid.yaml", read_file(kDataDir / "valid.yaml"));
  LoadResult loaded = load_rule_book({&file});
  ASSERT_TRUE(loaded.book);
  using Source = MessagePart::Source;
  const Message& message = loaded.book->info(0).message;
  std::vector<Source> sources;
  std::string text;
  for (const MessagePart& part : message.parts) {
    sources.push_back(part.source);
    text += part.source == Source::Text ? part.text : "|" + part.text + "|";
  }
  EXPECT_EQ(sources, (std::vector<Source>{Source::Field, Source::Text, Source::TriggerTime,
                                           Source::Text, Source::TriggerId, Source::Text,
                                           Source::Due, Source::Text}));
  EXPECT_EQ(text, "|org|: {braces} || || due || after 14 days");
  EXPECT_EQ(message.cited_fields(), 1u);
  // Without a message, the title, the trigger's id and its time.
  const Message& fallback = loaded.book->info(3).message;
  ASSERT_EQ(fallback.parts.size(), 5u);
  EXPECT_EQ(fallback.parts[0].text, "D: ");
  EXPECT_EQ(fallback.parts[1].source, Source::TriggerId);
  EXPECT_EQ(fallback.parts[3].source, Source::TriggerTime);
}

// The same loader behind the commands: `validate` and `rules` print what it
// reports, and `check` refuses a rule set with errors.
struct Command {
  int status;
  std::string out;
  std::string err;
};

Command run_accord(std::vector<std::string> args) {
  std::vector<const char*> argv{"accord"};
  for (const std::string& arg : args) argv.push_back(arg.c_str());
  std::ostringstream out;
  std::ostringstream err;
  int status = cli::run(static_cast<int>(argv.size()), argv.data(), cli::Context{out, err});
  return {status, out.str(), err.str()};
}

TEST(Commands, ValidateAcceptsAValidFile) {
  std::string path = (kDataDir / "valid.yaml").string();
  Command c = run_accord({"validate", path});
  EXPECT_EQ(c.status, 0) << c.err;
  EXPECT_EQ(c.out, path + ": t, 4 rules, valid\n");
  EXPECT_EQ(c.err, "");
}

TEST(Commands, ValidateReportsEveryProblemOnStandardError) {
  std::string path = (kDataDir / "many_problems.yaml").string();
  Command c = run_accord({"validate", path});
  EXPECT_EQ(c.status, 2);
  EXPECT_EQ(c.out, "");
  std::string expected = read_file(kDataDir / "many_problems.expected");
  // The diagnostics name the file as it was given.
  for (std::size_t at = expected.find("many_problems.yaml"); at != std::string::npos;
       at = expected.find("many_problems.yaml", at + path.size())) {
    expected.replace(at, std::string("many_problems.yaml").size(), path);
  }
  EXPECT_EQ(c.err, expected);
}

TEST(Commands, ValidateTakesParams) {
  std::string path = (kDataDir / "many_problems.yaml").string();
  Command c = run_accord({"validate", "--param", "gap=14d", path});
  EXPECT_EQ(c.err.find("[E408]"), std::string::npos) << c.err;
  EXPECT_NE(c.err.find("[E405]"), std::string::npos) << c.err;
}

TEST(Commands, CheckRefusesARuleSetThatDoesNotValidate) {
  Command c = run_accord({"check", "--rules", (kDataDir / "duplicate_ids.yaml").string(),
                          std::string(ACCORD_TEST_DATA_DIR) + "/../../examples/npa/events.jsonl"});
  EXPECT_EQ(c.status, 2);
  EXPECT_EQ(c.out, "");  // no report
  EXPECT_NE(c.err.find("duplicate rule id 'a'"), std::string::npos) << c.err;
  EXPECT_EQ(run_accord({"rules", (kDataDir / "duplicate_ids.yaml").string()}).status, 2);
}

TEST(Commands, RulesListsTheRulesAndParameters) {
  Command c = run_accord({"rules", (kDataDir / "valid.yaml").string()});
  EXPECT_EQ(c.status, 0) << c.err;
  EXPECT_EQ(c.out.substr(0, c.out.find("\nparameters\n")),
            "id  clause  severity  kind        title\n"
            "a   1       warning   response    A\n"
            "b           error     recurrence  B\n"
            "c           info      precedence  C\n"
            "d           error     forbidden   D\n");
  EXPECT_NE(c.out.find("\n  gap = 14d (duration): How long to wait.\n"), std::string::npos)
      << c.out;
  EXPECT_NE(c.out.find("\n  limit = 2.5 (number)\n"), std::string::npos) << c.out;
  EXPECT_NE(c.out.find("\n  team = \"\" (string)\n"), std::string::npos) << c.out;
}

}  // namespace
}  // namespace accord::rules
