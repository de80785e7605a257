// The checker's judge: correlation keys of events whose key values were
// looked up ahead (prepare_keys), and of events that were not.
#include "stream/judge.hpp"

#include <accord/stream/reader.hpp>

#include "engine/stream/decision_rules.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace accord::stream::detail {
namespace {

class JudgeTest : public DecisionRulesTest {
 protected:
  void SetUp() override {
    DecisionRulesTest::SetUp();
    subject_ = {*book_->fields().find("subject")};
    judge_.emplace(*book_, result_, no_callback_, 1000);
    judge_->set_rule(0);
    // Every type's events are looked up by subject, as the checker would
    // for rules keyed by it.
    judge_->set_key_fields({}, subject_);
  }

  // One event per line of a JSON Lines log.
  std::vector<Event> read(const std::string& log) {
    auto reader =
        open_reader(InputFormat::JsonLines, ByteSource::from_string(log), 0, book_->fields());
    std::vector<Event> events;
    ReadItem item;
    while (reader->next(item)) {
      if (auto* event = std::get_if<Event>(&item)) events.push_back(std::move(*event));
    }
    return events;
  }

  void prepare(const std::vector<Event>& events) {
    prepared_.clear();
    for (const Event& event : events) prepared_.push_back(&event);
    judge_->prepare_keys(prepared_);
  }

  std::vector<eval::FieldId> subject_;
  CheckResult result_;
  std::function<void(const Violation&)> no_callback_;
  std::optional<CheckerJudge> judge_;
  std::vector<const Event*> prepared_;
};

std::string event(const std::string& id, const std::string& subject_json) {
  return R"({"id": ")" + id + R"(", "time": "2025-01-10", "type": "decision", "subject": )" +
         subject_json + "}\n";
}

TEST_F(JudgeTest, PreparedAndUnpreparedEventsGetTheSameKeys) {
  auto events = read(event("a", R"("pay")") + event("b", R"("estate")") + event("c", R"("pay")"));
  ASSERT_EQ(events.size(), 3u);
  std::vector<std::optional<rules::KeyId>> unprepared;
  for (const Event& e : events) {
    judge_->begin_event();
    unprepared.push_back(judge_->key(subject_, e));
  }
  ASSERT_TRUE(unprepared[0] && unprepared[1]);
  EXPECT_NE(unprepared[0], unprepared[1]);
  EXPECT_EQ(unprepared[0], unprepared[2]);

  // Known now: prepared, the same values find the same keys, before any
  // key() call, and key() agrees.
  prepare(events);
  for (std::size_t i = 0; i < events.size(); ++i) {
    judge_->begin_event(i);
    EXPECT_EQ(judge_->known_key(subject_, events[i]), unprepared[i]) << i;
    EXPECT_EQ(judge_->key(subject_, events[i]), unprepared[i]) << i;
  }
  EXPECT_TRUE(result_.evaluation_errors.empty());
}

TEST_F(JudgeTest, AValueNewToThePreparedGroupIsAddedOnce) {
  auto events = read(event("a", R"("pay")") + event("b", R"("pay")"));
  prepare(events);
  judge_->begin_event(0);
  EXPECT_EQ(judge_->known_key(subject_, events[0]), std::nullopt);  // not in the table yet
  auto first = judge_->key(subject_, events[0]);
  ASSERT_TRUE(first);
  // The key() call added it for the event: later rules of the event know it.
  EXPECT_EQ(judge_->known_key(subject_, events[0]), first);
  judge_->begin_event(1);
  EXPECT_EQ(judge_->key(subject_, events[1]), first);
  // The event before, asked again, still reads its own values.
  judge_->begin_event(0);
  EXPECT_EQ(judge_->key(subject_, events[0]), first);
}

TEST_F(JudgeTest, AMissingOrNonStringKeyIsAnEvaluationError) {
  auto events = read(R"({"id": "a", "time": "2025-01-10", "type": "decision"})"
                     "\n" +
                     event("b", "7") + event("c", R"("pay")"));
  ASSERT_EQ(events.size(), 3u);
  for (bool prepared : {false, true}) {
    result_.evaluation_errors.clear();
    if (prepared) prepare(events);
    for (std::size_t i = 0; i < events.size(); ++i) {
      if (prepared) {
        judge_->begin_event(i);
      } else {
        judge_->begin_event();
      }
      EXPECT_EQ(judge_->key(subject_, events[i]).has_value(), i == 2) << i;
    }
    ASSERT_EQ(result_.evaluation_errors.size(), 2u) << prepared;
    EXPECT_EQ(result_.evaluation_errors[0].message, "no key field 'subject'");
    EXPECT_EQ(result_.evaluation_errors[1].message,
              "key field 'subject' must be a string, not int");
  }
}

}  // namespace
}  // namespace accord::stream::detail
