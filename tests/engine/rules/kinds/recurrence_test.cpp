// The recurrence kind's monitor driven directly, with a judge whose keys
// are numbered densely (as the checker's key table numbers them) or
// sparsely: a stale deadline is recognised either way.
#include <accord/rules/load.hpp>
#include <accord/rules/rule_kind.hpp>
#include <accord/stream/reader.hpp>

#include <gtest/gtest.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace accord::rules {
namespace {

constexpr const char* kTraining = R"(
rule_set: {id: t, title: T}
rules:
  - id: training
    title: Training every year
    kind: recurrence
    occurrence: event.type == "training"
    every: 12mo
    starts: event.type == "joined"
    stops: event.type == "left"
    key: [employee]
)";

// Numbers each employee `first + n * step`, and notes the triggers of the
// violations it is told of.
class NumberingJudge final : public Judge {
 public:
  NumberingJudge(const RuleBook& book, KeyId first, KeyId step)
      : activation_(book.event_variable(), book.trigger_variable()), first_(first), step_(step) {}

  std::optional<bool> evaluate(const Condition& condition, const stream::Event& event,
                               const stream::Event*) override {
    const eval::Program* program = condition.for_type(event.type_code());
    if (program == nullptr) return false;
    activation_.set_event(&event);
    eval::Value verdict = program->evaluate(activation_);
    if (verdict.kind() != eval::Kind::Bool) return std::nullopt;
    return verdict.as_bool();
  }

  std::optional<KeyId> key(const std::vector<eval::FieldId>& fields,
                           const stream::Event& event) override {
    const eval::Value* value = event.field(fields.at(0));
    if (value == nullptr || value->kind() != eval::Kind::String) return std::nullopt;
    auto [found, added] = numbers_.try_emplace(std::string(value->as_string()),
                                               first_ + numbers_.size() * step_);
    return found->second;
  }

  std::optional<KeyId> known_key(const std::vector<eval::FieldId>& fields,
                                 const stream::Event& event) override {
    return key(fields, event);
  }

  void remember(const stream::Event& event, KeyId key, Trigger& trigger) override {
    trigger.id.assign(event.id());
    trigger.time = event.time();
    trigger.key = key;
  }

  void violation(const Trigger& trigger, eval::Timestamp, std::optional<eval::Timestamp>,
                 std::vector<std::string>) override {
    violations.push_back(trigger.id);
  }
  void pending(const Trigger& trigger, eval::Timestamp) override { pending_ids.push_back(trigger.id); }
  void error(const stream::Event&, std::string message) override { ADD_FAILURE() << message; }
  void opened(const stream::Event&) override {}
  void closed(std::size_t) override {}

  std::vector<std::string> violations;
  std::vector<std::string> pending_ids;

 private:
  stream::EventActivation activation_;
  KeyId first_;
  KeyId step_;
  std::map<std::string, KeyId> numbers_;
};

class RecurrenceMonitor : public ::testing::Test {
 protected:
  void SetUp() override {
    auto loaded = load_rule_book({&rules_});
    ASSERT_TRUE(loaded.book) << loaded.format({&rules_});
    book_.emplace(std::move(*loaded.book));
  }

  // Each event at its own time, as the checker would hand them over;
  // then the end of the log at `as_of`.
  NumberingJudge run(const std::string& log, KeyId first, KeyId step, const std::string& as_of) {
    NumberingJudge judge(*book_, first, step);
    auto reader = stream::open_reader(stream::InputFormat::JsonLines,
                                      stream::ByteSource::from_string(log), 0, book_->fields());
    auto monitor = book_->rules()[0]->start();
    stream::ReadItem item;
    while (reader->next(item)) {
      const auto& event = std::get<stream::Event>(item);
      monitor->advance(event.time(), judge);
      monitor->prefetch(event, judge);
      monitor->observe(event, judge);
      monitor->judge(event, judge);
    }
    monitor->finish(*stream::parse_event_time(as_of), judge);
    return judge;
  }

  SourceFile rules_{"rules.yaml", kTraining};
  std::optional<RuleBook> book_;
};

std::string line(const std::string& id, const std::string& time, const std::string& type,
                 const std::string& employee) {
  return R"({"id": ")" + id + R"(", "time": ")" + time + R"(", "type": ")" + type +
         R"(", "employee": ")" + employee + "\"}\n";
}

TEST_F(RecurrenceMonitor, StaleDeadlinesAreSkippedWhateverTheKeysNumbers) {
  // A is trained twice in time (each training leaves a stale deadline
  // behind), then not again; B never is; C leaves before its deadline.
  std::string log = line("ja", "2024-01-01", "joined", "A") +
                    line("jb", "2024-01-02", "joined", "B") +
                    line("jc", "2024-01-03", "joined", "C") +
                    line("ta1", "2024-06-01", "training", "A") +
                    line("lc", "2024-09-01", "left", "C") +
                    line("ta2", "2025-05-01", "training", "A") +
                    line("x", "2026-07-01", "other", "Z");
  // Dense numbers (the checker's), sparse ones from the start, and dense
  // ones that turn sparse after the first key.
  for (auto [first, step] : {std::pair<KeyId, KeyId>{0, 1}, {KeyId{1} << 40, KeyId{1} << 30},
                             {0, KeyId{1} << 20}}) {
    NumberingJudge judge = run(log, first, step, "2026-07-01");
    EXPECT_EQ(judge.violations, (std::vector<std::string>{"jb", "ta2"})) << first << " " << step;
    EXPECT_TRUE(judge.pending_ids.empty());
  }
}

}  // namespace
}  // namespace accord::rules
