#include <accord/session.hpp>

#include "engine/stream/decision_rules.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace accord {
namespace {

using stream::kDecisionRules;

eval::Timestamp at(const char* text) {
  auto time = stream::parse_event_time(text);
  EXPECT_TRUE(time) << text;
  return time.value_or(eval::Timestamp{});
}

std::string event(const std::string& id, const std::string& time, const std::string& type,
                  const std::string& subject) {
  return R"({"id":")" + id + R"(","time":")" + time + R"(","type":")" + type +
         R"(","subject":")" + subject + R"("})";
}

class SessionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    RuleSetLoad loaded = RuleSet::load_string(kDecisionRules, "rules.yaml");
    ASSERT_TRUE(loaded.rule_set) << loaded.message;
    rule_set_.emplace(*loaded.rule_set);
  }

  // "rule:trigger" of each violation.
  std::vector<std::string> named(const std::vector<stream::Violation>& violations) const {
    std::vector<std::string> out;
    for (const auto& v : violations) out.push_back(rule_set_->rule(v.rule).id + ":" + v.trigger);
    return out;
  }

  // Options that collect each violation reported into `seen`.
  static SessionOptions collecting(std::vector<stream::Violation>& seen) {
    SessionOptions options;
    options.on_violation = [&seen](const stream::Violation& v) { seen.push_back(v); };
    return options;
  }

  std::optional<RuleSet> rule_set_;
};

TEST_F(SessionTest, LoadsRuleSetsFromText) {
  ASSERT_EQ(rule_set_->size(), 2u);
  EXPECT_EQ(rule_set_->rule(0).id, "explained");
  EXPECT_EQ(rule_set_->rule(1).id, "informed");
  EXPECT_EQ(rule_set_->rule(0).file, "rules.yaml");
  // The text stays with the rule set, for what points into it.
  std::vector<const SourceFile*> sources = rule_set_->sources();
  ASSERT_EQ(sources.size(), 1u);
  EXPECT_EQ(sources[0]->name(), "rules.yaml");
  EXPECT_EQ(sources[0]->text(), kDecisionRules);
}

TEST(RuleSetLoad, LoadsRuleSetsFromFiles) {
  auto path = std::filesystem::temp_directory_path() /
              ("accord_session_test_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + ".yaml");
  {
    std::ofstream out(path);
    out << kDecisionRules;
  }
  RuleSetLoad loaded = RuleSet::load_file(path.string());
  std::filesystem::remove(path);
  ASSERT_TRUE(loaded.rule_set) << loaded.message;
  EXPECT_EQ(loaded.rule_set->size(), 2u);
  EXPECT_TRUE(loaded.problems.empty());
  EXPECT_EQ(loaded.message, "");
}

TEST(RuleSetLoad, AFileThatCannotBeReadIsAProblemAndNothingLoads) {
  RuleSetLoad loaded = RuleSet::load_files({"/nonexistent/rules.yaml"});
  EXPECT_FALSE(loaded.rule_set);
  ASSERT_EQ(loaded.problems.size(), 1u);
  EXPECT_EQ(loaded.problems[0].file, "/nonexistent/rules.yaml");
  EXPECT_EQ(loaded.problems[0].line, 0u);
  EXPECT_EQ(loaded.message, "/nonexistent/rules.yaml: error: cannot read the rule file\n");
}

TEST(RuleSetLoad, ErrorsInARuleSetComeWithFileLineAndColumn) {
  std::string text = kDecisionRules;
  // Line 7: '    when: event.type == "decision"'; the condition ends in column 23.
  text.replace(text.find(R"(event.type == "decision")"), 24, "event.type ==");
  RuleSetLoad loaded = RuleSet::load_string(text, "broken.yaml");
  EXPECT_FALSE(loaded.rule_set);
  ASSERT_FALSE(loaded.problems.empty());
  const Problem& problem = loaded.problems[0];
  EXPECT_EQ(problem.severity, Severity::Error);
  EXPECT_EQ(problem.file, "broken.yaml");
  EXPECT_EQ(problem.line, 7u);
  EXPECT_EQ(problem.column, 24u);
  EXPECT_FALSE(problem.code.empty());
  EXPECT_NE(loaded.message.find("broken.yaml:7:24: error: "), std::string::npos) << loaded.message;
}

TEST(RuleSetLoad, ParametersOverrideDefaults) {
  constexpr const char* kWithParameter = R"(rule_set: {id: p, title: P}
params:
  window: {type: duration, default: 10d}
rules:
  - id: explained
    title: A decision is explained
    kind: response
    when: event.type == "decision"
    expect: event.type == "explanation"
    within: params.window
)";
  RuleSetLoad loaded = RuleSet::load_string(kWithParameter, "p.yaml", {{{"window", "2d"}}});
  ASSERT_TRUE(loaded.rule_set) << loaded.message;
  Session session(*loaded.rule_set);
  EXPECT_FALSE(session.add_json(event("d1", "2025-01-01", "decision", "s")));
  auto open = session.pending();
  ASSERT_EQ(open.size(), 1u);
  EXPECT_EQ(open[0].due, at("2025-01-03"));

  RuleSetLoad wrong = RuleSet::load_string(kWithParameter, "p.yaml", {{{"window", "soon"}}});
  EXPECT_FALSE(wrong.rule_set);
  EXPECT_FALSE(wrong.message.empty());
}

TEST_F(SessionTest, AViolationArrivesThroughTheCallbackAsSoonAsItIsCertain) {
  std::vector<stream::Violation> seen;
  Session session(*rule_set_, collecting(seen));

  EXPECT_FALSE(session.add_json(event("d1", "2025-01-01", "decision", "ann")));
  // More events may come at the same time (the information, say): not certain yet.
  EXPECT_TRUE(seen.empty());
  EXPECT_FALSE(session.add_json(event("x1", "2025-01-02", "explanation", "ann")));
  EXPECT_EQ(named(seen), std::vector<std::string>{"informed:d1"});
  EXPECT_EQ(seen[0].origin.line, 1u);

  // A deadline passes when a later event shows that time has come.
  EXPECT_FALSE(session.add_json(event("d2", "2025-01-03", "decision", "bob")));
  EXPECT_FALSE(session.add_json(event("n1", "2025-01-20", "information", "bob")));
  EXPECT_EQ(named(seen), (std::vector<std::string>{"informed:d1", "informed:d2", "explained:d2"}));
  EXPECT_EQ(seen[2].message, "Rejected input is explained: d2 on 2025-01-03.");
  EXPECT_EQ(seen[2].due, at("2025-01-13"));

  stream::CheckResult result = session.finish();
  EXPECT_EQ(named(result.violations), named(seen));
  EXPECT_EQ(result.events, 4u);
}

TEST_F(SessionTest, AdvancingTheClockReportsAMissedDeadlineWithoutAnEvent) {
  std::vector<stream::Violation> seen;
  Session session(*rule_set_, collecting(seen));
  EXPECT_FALSE(session.add_json(event("n1", "2025-01-01", "information", "ann")));
  EXPECT_FALSE(session.add_json(event("d1", "2025-01-02", "decision", "ann")));
  EXPECT_FALSE(session.advance_to(at("2025-01-12")));
  EXPECT_TRUE(seen.empty());  // due at the 12th's first moment, not missed yet
  EXPECT_FALSE(session.advance_to(at("2025-01-12T00:00:01Z")));
  EXPECT_EQ(named(seen), std::vector<std::string>{"explained:d1"});
  EXPECT_TRUE(session.pending().empty());

  // The clock said it is later than this event: it is late.
  auto late = session.add_json(event("x1", "2025-01-05", "explanation", "ann"));
  ASSERT_TRUE(late);
  EXPECT_EQ(late->origin.line, 3u);
  stream::CheckResult result = session.finish();
  EXPECT_EQ(result.as_of, at("2025-01-12T00:00:01Z"));
  EXPECT_EQ(named(result.violations), std::vector<std::string>{"explained:d1"});
  ASSERT_EQ(result.input_errors.size(), 1u);
  EXPECT_EQ(result.input_errors[0].origin.line, 3u);
}

TEST_F(SessionTest, PendingListsTheObligationsOpenNow) {
  Session session(*rule_set_);
  EXPECT_TRUE(session.pending().empty());
  EXPECT_FALSE(session.add_json(event("n1", "2025-01-01", "information", "ann")));
  EXPECT_FALSE(session.add_json(event("d1", "2025-01-02", "decision", "ann")));
  EXPECT_FALSE(session.add_json(event("d2", "2025-01-02T12:00:00Z", "decision", "bob")));

  // Asked at once: the decision just recorded is among them.
  auto open = session.pending();
  ASSERT_EQ(open.size(), 2u);
  EXPECT_EQ(rule_set_->rule(open[0].rule).id, "explained");
  EXPECT_EQ(open[0].trigger, "d1");
  EXPECT_EQ(open[0].due, at("2025-01-12"));
  EXPECT_EQ(open[0].key, (std::vector<std::pair<std::string, std::string>>{{"subject", "ann"}}));
  EXPECT_EQ(open[1].trigger, "d2");

  // Asking changes nothing: an explanation at the same time still counts.
  EXPECT_FALSE(session.add_json(event("x2", "2025-01-02T12:00:00Z", "explanation", "bob")));
  open = session.pending();
  ASSERT_EQ(open.size(), 1u);
  EXPECT_EQ(open[0].trigger, "d1");

  stream::CheckResult result = session.finish(at("2025-01-05"));
  EXPECT_EQ(result.as_of, at("2025-01-05"));
  EXPECT_EQ(named(result.violations), std::vector<std::string>{"informed:d2"});
  ASSERT_EQ(result.pending.size(), 1u);
  EXPECT_EQ(result.pending[0].trigger, "d1");
}

TEST_F(SessionTest, FinishesAtAsOf) {
  Session late(*rule_set_);
  EXPECT_FALSE(late.add_json(event("d1", "2025-01-01", "decision", "ann")));
  stream::CheckResult result = late.finish(at("2025-02-01"));
  EXPECT_EQ(named(result.violations), (std::vector<std::string>{"informed:d1", "explained:d1"}));
  EXPECT_TRUE(result.pending.empty());

  // An as_of earlier than an event added is that event's time: judged events stay judged.
  Session early(*rule_set_);
  EXPECT_FALSE(early.add_json(event("d1", "2025-01-01", "decision", "ann")));
  result = early.finish(at("2024-12-01"));
  EXPECT_EQ(result.as_of, at("2025-01-01"));
  EXPECT_EQ(result.pending.size(), 1u);
}

TEST_F(SessionTest, TakesEventsAsFieldValues) {
  std::vector<stream::Violation> seen;
  Session session(*rule_set_, collecting(seen));

  // The session keeps its own copy of borrowed text: the caller's buffer is
  // reused before the event is judged.
  std::string subject = "ann";
  std::string id = "d1";
  auto fields = [&] {
    std::vector<eval::Map::Entry> entries;
    entries.emplace_back(eval::Value::string("id"), eval::Value::string_view(id));
    entries.emplace_back(eval::Value::string("time"), eval::Value::string("2025-01-01"));
    entries.emplace_back(eval::Value::string("type"), eval::Value::string("decision"));
    entries.emplace_back(eval::Value::string("subject"), eval::Value::string_view(subject));
    return eval::Value::map(eval::Map(std::move(entries)));
  };
  EXPECT_FALSE(session.add(fields()));
  subject = "bob";
  id = "d2";
  EXPECT_FALSE(session.add(fields()));
  subject.assign(3, 'x');
  id.assign(2, 'x');
  EXPECT_FALSE(session.add_json(event("x1", "2025-01-02", "explanation", "ann")));

  EXPECT_EQ(named(seen), (std::vector<std::string>{"informed:d1", "informed:d2"}));
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_EQ(seen[1].key, (std::vector<std::pair<std::string, std::string>>{{"subject", "bob"}}));
  auto open = session.pending();
  ASSERT_EQ(open.size(), 1u);
  EXPECT_EQ(open[0].trigger, "d2");

  auto not_a_map = session.add(eval::Value::string("d3"));
  ASSERT_TRUE(not_a_map);
  EXPECT_EQ(not_a_map->message, "expected a JSON object");
}

TEST_F(SessionTest, TakesEventsBuiltWithTheEventBuilder) {
  Session session(*rule_set_);
  stream::EventBuilder builder(rule_set_->book().fields());
  builder.start({0, 7}, 64);
  builder.set_id("d1");
  builder.set_type("decision");
  builder.set_time(at("2025-01-01"));
  auto subject = builder.find("subject");
  ASSERT_TRUE(subject);
  builder.set_field(*subject, eval::Value::string_view(builder.keep("ann")));
  auto built = builder.finish();
  ASSERT_TRUE(std::holds_alternative<stream::Event>(built));
  EXPECT_FALSE(session.add(std::move(std::get<stream::Event>(built))));
  stream::CheckResult result = session.finish();
  EXPECT_EQ(named(result.violations), std::vector<std::string>{"informed:d1"});
  EXPECT_EQ(result.violations[0].origin.line, 7u);
}

TEST_F(SessionTest, ABadEventIsALocatedErrorAndTheSessionGoesOn) {
  Session session(*rule_set_);
  EXPECT_FALSE(session.add_json(event("n1", "2025-01-01", "information", "ann")));

  auto malformed = session.add_json(R"({"id": "d1", "time": )");
  ASSERT_TRUE(malformed);
  EXPECT_EQ(malformed->origin.line, 2u);
  EXPECT_EQ(malformed->message.rfind("malformed JSON: byte ", 0), 0u) << malformed->message;

  auto missing = session.add_json(R"({"id": "d2", "type": "decision"})");
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->origin.line, 3u);
  EXPECT_NE(missing->message.find("time"), std::string::npos) << missing->message;

  auto array = session.add_json("[1, 2]");
  ASSERT_TRUE(array);
  EXPECT_EQ(array->message, "expected a JSON object");

  auto bad_time = session.add_json(event("d3", "yesterday", "decision", "ann"));
  ASSERT_TRUE(bad_time);
  EXPECT_NE(bad_time->message.find("'time'"), std::string::npos) << bad_time->message;

  std::string deep = R"({"id":"d4","time":"2025-01-01","type":"decision","subject":)" +
                     std::string(70, '[') + std::string(70, ']') + "}";
  EXPECT_TRUE(session.add_json(deep));

  EXPECT_FALSE(session.add_json(event("d5", "2025-01-02", "decision", "ann")));
  stream::CheckResult result = session.finish();
  EXPECT_EQ(result.events, 2u);
  ASSERT_EQ(result.input_errors.size(), 5u);
  EXPECT_EQ(result.input_errors[0].origin.line, 2u);
  EXPECT_TRUE(result.violations.empty());
  EXPECT_EQ(result.pending.size(), 1u);
}

TEST_F(SessionTest, AnEventEarlierThanOnesJudgedIsAnInputError) {
  Session session(*rule_set_);
  EXPECT_FALSE(session.add_json(event("n1", "2025-01-05", "information", "ann")));
  EXPECT_FALSE(session.add_json(event("n2", "2025-01-06", "information", "ann")));
  auto late = session.add_json(event("d1", "2025-01-01", "decision", "ann"));
  ASSERT_TRUE(late);
  EXPECT_EQ(late->origin.line, 3u);
  EXPECT_NE(late->message.find("earlier than events judged already"), std::string::npos);
  stream::CheckResult result = session.finish();
  ASSERT_EQ(result.input_errors.size(), 1u);
  EXPECT_EQ(result.input_errors[0].origin.line, 3u);
}

TEST_F(SessionTest, AnIdGivenBeforeIsAnInputError) {
  Session session(*rule_set_);
  EXPECT_FALSE(session.add_json(event("n1", "2025-01-05", "information", "ann")));
  auto again = session.add_json(event("n1", "2025-01-06", "information", "bob"));
  ASSERT_TRUE(again);
  EXPECT_EQ(again->origin.line, 2u);
  EXPECT_NE(again->message.find("'n1'"), std::string::npos) << again->message;
  stream::CheckResult result = session.finish();
  EXPECT_EQ(result.events, 1u);
  ASSERT_EQ(result.input_errors.size(), 1u);
}

TEST_F(SessionTest, StopsAtTheLimitOfOpenObligations) {
  SessionOptions options;
  options.max_open_obligations = 1;
  Session session(*rule_set_, options);
  EXPECT_FALSE(session.add_json(event("d1", "2025-01-01", "decision", "ann")));
  EXPECT_FALSE(session.add_json(event("d2", "2025-01-01", "decision", "bob")));
  // Judging the two decisions opens one obligation too many.
  auto stopped = session.add_json(event("n1", "2025-01-02", "information", "ann"));
  ASSERT_TRUE(stopped);
  EXPECT_EQ(stopped->origin.line, 2u);
  EXPECT_NE(stopped->message.find("limit"), std::string::npos) << stopped->message;
  auto after = session.add_json(event("n2", "2025-01-03", "information", "ann"));
  ASSERT_TRUE(after);
  EXPECT_EQ(after->message, stopped->message);
  EXPECT_TRUE(session.pending().empty());
  stream::CheckResult result = session.finish();
  ASSERT_EQ(result.input_errors.size(), 1u);
  EXPECT_EQ(result.input_errors[0].message, stopped->message);
}

TEST_F(SessionTest, WritesReportsInEveryFormat) {
  Session session(*rule_set_);
  EXPECT_FALSE(session.add_json(event("d1", "2025-01-01", "decision", "ann")));
  stream::CheckResult result = session.finish(at("2025-02-01"));
  ReportOptions options;
  options.inputs = {"<session>"};
  for (auto format : {report::Format::Text, report::Format::Json, report::Format::Sarif,
                      report::Format::Junit, report::Format::Markdown, report::Format::Html}) {
    options.format = format;
    std::string text = report_text(*rule_set_, result, options);
    EXPECT_NE(text.find("explained"), std::string::npos) << static_cast<int>(format);
  }
  // The trigger's place: the session's name and the event's number.
  options.format = report::Format::Junit;
  options.inputs = {"hr"};
  std::string junit = report_text(*rule_set_, result, options);
  EXPECT_NE(junit.find("(hr:1)"), std::string::npos) << junit;
}

}  // namespace
}  // namespace accord
