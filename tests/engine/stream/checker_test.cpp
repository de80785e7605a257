// The checker's own duties: ordering, the reorder window, duplicate ids,
// as_of, and reporting violations as soon as they are certain.
#include <accord/rules/load.hpp>
#include <accord/stream/checker.hpp>
#include <accord/stream/reader.hpp>

#include "engine/stream/decision_rules.hpp"
#include "support/check_harness.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <span>

namespace accord::stream {
namespace {

class CheckerTest : public DecisionRulesTest {
 protected:
  // Feeds a JSON Lines log, in its line order, to a checker.
  CheckResult check(const std::string& log, CheckOptions options = {},
                    std::uint64_t* late = nullptr) {
    Checker checker(*book_, std::move(options));
    auto reader = open_reader(InputFormat::JsonLines, ByteSource::from_string(log), 0,
                              book_->fields());
    ReadItem item;
    while (reader->next(item)) checker.add(std::move(item));
    if (late != nullptr) *late = checker.late_events();
    return checker.finish();
  }

  // A JSON Lines log's items, for a checker to take together.
  std::vector<ReadItem> read_all(const std::string& log) const {
    auto reader = open_reader(InputFormat::JsonLines, ByteSource::from_string(log), 0,
                              book_->fields());
    std::vector<ReadItem> items;
    ReadItem item;
    while (reader->next(item)) items.push_back(std::move(item));
    return items;
  }

  // With a reorder window of a day, expecting one event, at `line`, to be late.
  CheckResult check_with_one_late_event(const std::string& log, std::uint32_t line) {
    CheckOptions options;
    options.reorder_window = eval::Duration{86400, 0};
    std::uint64_t late = 0;
    CheckResult result = check(log, options, &late);
    EXPECT_EQ(late, 1u);
    EXPECT_EQ(result.input_errors.size(), 1u);
    if (!result.input_errors.empty()) {
      EXPECT_EQ(result.input_errors[0].origin.line, line);
    }
    return result;
  }
};

std::string line(const std::string& id, const std::string& time, const std::string& type,
                 const std::string& subject = "s") {
  return R"({"id": ")" + id + R"(", "time": ")" + time + R"(", "type": ")" + type +
         R"(", "subject": ")" + subject + "\"}\n";
}

TEST_F(CheckerTest, EventsWithinTheWindowAreJudgedInTimeOrder) {
  // The information arrives after the decision in the log, but is earlier.
  std::string log = line("d", "2025-01-10", "decision") + line("i", "2025-01-09", "information") +
                    line("x", "2025-01-12", "explanation");
  CheckResult result = check(log);
  EXPECT_TRUE(result.violations.empty());
  EXPECT_TRUE(result.input_errors.empty());
  EXPECT_EQ(result.events, 3u);
}

TEST_F(CheckerTest, EventsLaterThanTheWindowAreInputErrorsAndCounted) {
  std::string log = line("d", "2025-01-10", "decision") + line("z", "2025-01-21", "noise") +
                    line("i", "2025-01-09", "information");
  CheckResult result = check_with_one_late_event(log, 3);
  ASSERT_EQ(result.input_errors.size(), 1u);
  EXPECT_NE(result.input_errors[0].message.find("out of order"), std::string::npos);
  EXPECT_EQ(triggers(result), (std::vector<std::string>{"informed:d", "explained:d"}));
}

TEST_F(CheckerTest, EventsNoRuleJudgesStillTakeTheirTurnInTime) {
  // "noise" is a type no rule names: nothing judges it, but its time
  // passes like any other's, and an event earlier than it is late.
  std::string log = line("z1", "2025-01-10", "noise") + line("z2", "2025-01-12", "noise") +
                    line("d", "2025-01-09T12:00:00Z", "decision") +
                    line("d2", "2025-01-12", "decision");
  CheckResult result = check_with_one_late_event(log, 3);
  EXPECT_EQ(result.events, 3u);
  EXPECT_EQ(triggers(result), (std::vector<std::string>{"informed:d2"}));
}

TEST_F(CheckerTest, AnUnboundedWindowTakesAnyOrder) {
  CheckOptions options;
  options.reorder_window.reset();
  std::string log = line("d", "2025-01-10", "decision") + line("z", "2025-06-20", "noise") +
                    line("i", "2025-01-09", "information") + line("x", "2025-01-20", "explanation");
  std::uint64_t late = 0;
  CheckResult result = check(log, options, &late);
  EXPECT_EQ(late, 0u);
  EXPECT_TRUE(result.violations.empty());
  EXPECT_TRUE(result.input_errors.empty());
}

// Decisions every day; information only on even days; explanations on
// days divisible by three, at the decision's time. In time order.
std::vector<std::string> daily_lines(int days) {
  std::vector<std::string> lines;
  for (int day = 0; day < days; ++day) {
    std::string date = eval::format_timestamp({1735689600 + day * 86400LL, 0}).substr(0, 10);
    std::string subject = "s" + std::to_string(day);
    if (day % 2 == 0) lines.push_back(line("i" + subject, date, "information", subject));
    lines.push_back(line("d" + subject, date, "decision", subject));
    if (day % 3 == 0) lines.push_back(line("x" + subject, date, "explanation", subject));
  }
  return lines;
}

std::string joined(const std::vector<std::string>& lines) {
  std::string text;
  for (const auto& l : lines) text += l;
  return text;
}

TEST_F(CheckerTest, AReversedLogGivesTheSameResultAsASortedOne) {
  std::vector<std::string> lines = daily_lines(400);
  std::string sorted;
  for (const auto& l : lines) sorted += l;
  std::string reversed;
  for (auto it = lines.rbegin(); it != lines.rend(); ++it) reversed += *it;
  CheckOptions unbounded;
  unbounded.reorder_window.reset();
  CheckResult from_sorted = check(sorted);
  CheckResult from_reversed = check(reversed, unbounded);
  EXPECT_EQ(triggers(from_reversed), triggers(from_sorted));
  EXPECT_EQ(from_reversed.pending.size(), from_sorted.pending.size());
  EXPECT_FALSE(from_sorted.violations.empty());
}

TEST_F(CheckerTest, EventsReleasedTogetherAreJudgedAsOneByOne) {
  // Times to the minute: a group per event. With the default window a
  // day's events leave the window together, and are fetched ahead of
  // their turn; with none, each leaves as the next arrives.
  std::string log;
  for (int i = 0; i < 3000; ++i) {
    std::int64_t seconds = 1735689600 + i * 1200LL;
    std::string time = eval::format_timestamp({seconds, 0});
    std::string subject = "s" + std::to_string(i / 3);
    const char* type = i % 3 == 0 ? "decision" : i % 3 == 1 ? "information" : "explanation";
    if (i % 7 == 0) type = "noise";  // some decisions go uninformed and unexplained
    log += line("e" + std::to_string(i), time, type, subject);
  }
  CheckOptions no_window;
  no_window.reorder_window = eval::Duration{0, 0};
  CheckOptions unbounded;
  unbounded.reorder_window.reset();
  CheckResult windowed = check(log);
  EXPECT_FALSE(windowed.violations.empty());
  EXPECT_EQ(triggers(windowed), triggers(check(log, no_window)));
  EXPECT_EQ(triggers(windowed), triggers(check(log, unbounded)));
  EXPECT_EQ(windowed.events, 3000u);
}

TEST_F(CheckerTest, DeadlinesPassBetweenGroupsReleasedTogether) {
  // Times to the second: the groups after the decisions hold an event each
  // and leave the window together, yet the explanation one second after its
  // due time comes after the deadline passed; the one at it is in time.
  std::string log = line("d", "2025-01-01T00:00:00Z", "decision", "a") +
                    line("i", "2025-01-01T00:00:00Z", "information", "a") +
                    line("d2", "2025-01-01T00:00:01Z", "decision", "b") +
                    line("i2", "2025-01-01T00:00:01Z", "information", "b");
  for (int second = 50; second < 60; ++second) {
    log += line("z" + std::to_string(second), "2025-01-10T23:59:" + std::to_string(second) + "Z",
                "noise");
  }
  log += line("x2", "2025-01-11T00:00:00Z", "explanation", "b") +
         line("x", "2025-01-11T00:00:01Z", "explanation", "a");
  CheckOptions unbounded;  // everything leaves the window at the end, together
  unbounded.reorder_window.reset();
  CheckOptions no_window;  // each event leaves as the next arrives
  no_window.reorder_window = eval::Duration{0, 0};
  CheckResult together = check(log, unbounded);
  EXPECT_EQ(triggers(together), (std::vector<std::string>{"explained:d"}));
  EXPECT_EQ(triggers(together), triggers(check(log, no_window)));
  EXPECT_EQ(together.events, 16u);
}

TEST_F(CheckerTest, SameTimeEventsKeepInputOrderAndSeeEachOther) {
  // A decision and its information at one instant: the decision sees it.
  std::string log = line("d", "2025-01-10T09:00:00Z", "decision") +
                    line("i", "2025-01-10T10:00:00+01:00", "information") +
                    line("x", "2025-01-10T09:00:00Z", "explanation");
  CheckResult result = check(log);
  EXPECT_TRUE(result.violations.empty());
}

TEST_F(CheckerTest, LargeSameTimeGroupsAreJudgedAsSmallOnes) {
  // Groups of hundreds of events are judged a few at a time, their keys
  // looked up together: the result must not show it. Day 1: information on
  // subjects 0 to 199, and decisions on 100 to 299 (the first hundred
  // informed at their own time). Day 2: decisions on 0 to 299 again, and
  // explanations of 0 to 149. Among them decisions with no subject or a
  // number for one: evaluation errors, not keys.
  std::string log;
  std::vector<std::string> expected;
  auto subject = [](int i) { return "matter-" + std::to_string(i); };
  for (int i = 0; i < 200; ++i) {
    log += line("i1-" + std::to_string(i), "2025-01-01", "information", subject(i));
  }
  for (int i = 100; i < 300; ++i) {
    log += line("d1-" + std::to_string(i), "2025-01-01", "decision", subject(i));
  }
  log += R"({"id": "no-subject", "time": "2025-01-01", "type": "decision"})" "\n";
  log += R"({"id": "number", "time": "2025-01-02", "type": "decision", "subject": 7})" "\n";
  for (int i = 0; i < 300; ++i) {
    log += line("d2-" + std::to_string(i), "2025-01-02", "decision", subject(i));
  }
  for (int i = 0; i < 150; ++i) {
    log += line("x2-" + std::to_string(i), "2025-01-02", "explanation", subject(i));
  }
  log += line("z", "2025-02-01", "noise");
  CheckResult result = check(log);
  std::vector<std::string> found = triggers(result);
  std::sort(found.begin(), found.end());
  for (int i = 200; i < 300; ++i) {
    expected.push_back("informed:d1-" + std::to_string(i));
    expected.push_back("informed:d2-" + std::to_string(i));
  }
  // Decisions on 150 to 299, of either day, are never explained.
  for (int i = 150; i < 300; ++i) {
    expected.push_back("explained:d1-" + std::to_string(i));
    expected.push_back("explained:d2-" + std::to_string(i));
  }
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(found, expected);
  std::vector<std::string> errors;
  for (const EvaluationError& error : result.evaluation_errors) {
    errors.push_back(book_->info(error.rule).id + ":" + error.event);
  }
  EXPECT_EQ(errors, (std::vector<std::string>{"explained:no-subject", "informed:no-subject",
                                              "explained:number", "informed:number"}));
  EXPECT_EQ(result.events, 853u);
}

// Everything a result says, one line each.
std::vector<std::string> everything(const CheckResult& result, const rules::RuleBook& book) {
  return testing::result_lines(result, [&](std::size_t rule) { return book.info(rule).id; });
}

TEST_F(CheckerTest, ItemsAddedTogetherAreJudgedAsOneByOne) {
  // Groups of one event and of hundreds, events with nothing to judge,
  // late ones, duplicates, events after as_of, missing keys: added in
  // spans of any size, judged as when added one at a time.
  std::mt19937 random(11);
  std::string log;
  for (int i = 0; i < 2500; ++i) {
    std::int64_t day = 1735689600 + (i / 300) * 86400LL;
    // A third to the second (a group each), the rest at midnight together.
    std::int64_t seconds = i % 3 == 0 ? day + 3600 + i : day;
    if (i % 97 == 0) seconds -= 3 * 86400;  // late for a window of a day
    const char* types[] = {"decision", "information", "explanation", "noise"};
    std::string subject = "s" + std::to_string(random() % 400);
    std::string id = i % 211 == 0 ? "dup" : "e" + std::to_string(i);
    if (i % 151 == 0) {
      log += R"({"id": ")" + id + R"(", "time": ")" + eval::format_timestamp({seconds, 0}) +
             R"(", "type": "decision"})" "\n";
      continue;
    }
    log += line(id, eval::format_timestamp({seconds, 0}), types[random() % 4], subject);
  }
  CheckOptions options;
  options.reorder_window = eval::Duration{86400, 0};
  options.as_of = eval::Timestamp{1735689600 + 8 * 86400LL, 0};
  CheckResult one_by_one = check(log, options);
  ASSERT_FALSE(one_by_one.violations.empty());
  ASSERT_FALSE(one_by_one.pending.empty());
  ASSERT_FALSE(one_by_one.input_errors.empty());
  ASSERT_FALSE(one_by_one.evaluation_errors.empty());
  ASSERT_GT(one_by_one.left_out, 0u);

  for (std::size_t span : {1, 2, 7, 512, 100000}) {
    SCOPED_TRACE("spans of " + std::to_string(span));
    Checker checker(*book_, options);
    std::vector<ReadItem> items = read_all(log);
    for (std::size_t begin = 0; begin < items.size(); begin += span) {
      checker.add(std::span<ReadItem>(items).subspan(begin, std::min(span, items.size() - begin)));
    }
    EXPECT_EQ(everything(checker.finish(), *book_), everything(one_by_one, *book_));
  }
}

TEST_F(CheckerTest, ItemsAddedTogetherReportTheirViolationsByTheEndOfTheCall) {
  std::vector<std::string> seen;
  CheckOptions options;
  options.reorder_window = eval::Duration{0, 0};
  options.on_violation = [&](const Violation& v) { seen.push_back(v.trigger); };
  Checker checker(*book_, options);
  std::string log = line("i", "2025-01-01", "information") + line("d", "2025-01-10", "decision") +
                    line("z", "2025-01-21", "noise") + line("z2", "2025-01-22", "noise");
  std::vector<ReadItem> items = read_all(log);
  checker.add(std::span<ReadItem>(items));
  EXPECT_EQ(seen, (std::vector<std::string>{"d"}));
}

TEST_F(CheckerTest, ViolationsAreReportedAsSoonAsCertain) {
  std::vector<std::string> seen_before_finish;
  CheckOptions options;
  options.reorder_window = eval::Duration{0, 0};
  options.on_violation = [&](const Violation& v) { seen_before_finish.push_back(v.trigger); };
  Checker checker(*book_, options);
  auto feed = [&](const std::string& text) {
    auto reader = open_reader(InputFormat::JsonLines, ByteSource::from_string(text), 0,
                              book_->fields());
    ReadItem item;
    while (reader->next(item)) checker.add(std::move(item));
  };
  feed(line("i", "2025-01-01", "information") + line("d", "2025-01-10", "decision"));
  EXPECT_TRUE(seen_before_finish.empty());  // the explanation is not due yet
  feed(line("z", "2025-01-21", "noise"));   // the deadline, 20 January, has passed
  feed(line("z2", "2025-01-22", "noise"));  // ... and the 21st is settled
  EXPECT_EQ(seen_before_finish, (std::vector<std::string>{"d"}));
  CheckResult result = checker.finish();
  EXPECT_EQ(result.violations.size(), 1u);
}

TEST_F(CheckerTest, DuplicateIdsAreInputErrorsNamingTheFirst) {
  std::string log = line("a", "2025-01-01", "noise") + line("a", "2025-01-02", "noise");
  CheckResult result = check(log);
  ASSERT_EQ(result.input_errors.size(), 1u);
  EXPECT_EQ(result.input_errors[0].message,
            "duplicate id 'a' (first used at input 1, line 1)");
  EXPECT_EQ(result.events, 1u);
}

TEST_F(CheckerTest, AsOfDefaultsToTheLastEventAndLeavesLaterOnesOut) {
  std::string log = line("d", "2025-01-10", "decision") + line("i", "2025-01-01", "information");
  CheckResult by_default = check(log);
  EXPECT_EQ(by_default.as_of, *parse_event_time("2025-01-10"));
  EXPECT_EQ(by_default.pending.size(), 1u);

  CheckOptions options;
  options.as_of = parse_event_time("2025-01-05");
  CheckResult earlier = check(log, options);
  EXPECT_EQ(earlier.left_out, 1u);
  EXPECT_EQ(earlier.events, 1u);
  EXPECT_TRUE(earlier.pending.empty());
}

TEST_F(CheckerTest, EventsWrittenAheadOfTheirNeighboursAreMergedBackInOrder) {
  // As exports often are: in order, but every seventh line written some
  // days early (a batch exported late), so most lines are behind the latest.
  std::vector<std::string> lines = daily_lines(300);
  std::vector<bool> done(lines.size(), false);
  std::vector<std::string> written;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (i % 7 == 0 && i + 12 < lines.size() && !done[i + 12]) {
      written.push_back(lines[i + 12]);
      done[i + 12] = true;
    }
    if (!done[i]) written.push_back(lines[i]);
    done[i] = true;
  }
  CheckResult expected = check(joined(daily_lines(300)));
  CheckResult result = check(joined(written));
  EXPECT_TRUE(result.input_errors.empty());
  EXPECT_EQ(result.events, expected.events);
  EXPECT_EQ(triggers(result), triggers(expected));
  EXPECT_EQ(result.pending.size(), expected.pending.size());
}

TEST_F(CheckerTest, ALogShuffledWithinTheWindowNeedsMoreRunsThanKeptAndStillComesOutInOrder) {
  // Shuffling blocks of 40 lines (under two weeks) makes more interleaved
  // runs than the buffer keeps, so some events go through its heap.
  std::vector<std::string> lines = daily_lines(300);
  std::mt19937 random(7);
  for (std::size_t block = 0; block < lines.size(); block += 40) {
    auto end = lines.begin() + static_cast<std::ptrdiff_t>(std::min(block + 40, lines.size()));
    std::shuffle(lines.begin() + static_cast<std::ptrdiff_t>(block), end, random);
  }
  CheckResult expected = check(joined(daily_lines(300)));
  CheckResult result = check(joined(lines));
  EXPECT_TRUE(result.input_errors.empty());
  EXPECT_EQ(triggers(result), triggers(expected));
  EXPECT_EQ(result.pending.size(), expected.pending.size());
  EXPECT_FALSE(expected.violations.empty());
}

TEST_F(CheckerTest, EventsFromAnArenaCarryNothingOfTheirLastUse) {
  // Judged events free their room in the arena, and later ones are built
  // there: a field of an earlier event must not reappear in a later one
  // that lacks it.
  EventArena arena;
  CheckOptions options;
  options.reorder_window = eval::Duration{0, 0};
  Checker checker(*book_, std::move(options));
  std::string log;
  for (int day = 1; day <= 20; ++day) {
    std::string date = "2025-01-" + std::string(day < 10 ? "0" : "") + std::to_string(day);
    // Odd days: information with a subject; even days: a decision without one.
    log += day % 2 == 1 ? line("i" + std::to_string(day), date, "information")
                        : R"({"id": "d)" + std::to_string(day) + R"(", "time": ")" + date +
                              R"(", "type": "decision"})" + "\n";
  }
  auto reader = open_reader(InputFormat::JsonLines, ByteSource::from_string(log), 0,
                            book_->fields(), {}, &arena);
  ReadItem item;
  while (reader->next(item)) checker.add(std::move(item));
  CheckResult result = checker.finish();
  // Every decision lacks its key field: an evaluation error each, never a
  // subject left over from a recycled information event.
  EXPECT_EQ(result.evaluation_errors.size(), 10u * 2);
  EXPECT_TRUE(result.violations.empty());
}

// The rules' ids sort the other way round from their order in the file.
constexpr const char* kZetaThenAlpha = R"(
rule_set: {id: t, title: Test}
rules:
  - id: zeta
    title: Nothing bad happens
    kind: forbidden
    when: event.type == "bad"
  - id: alpha
    title: Whatever is bad is fixed within a day
    kind: response
    when: event.type == "bad"
    expect: event.type == "fixed"
    key: [subject]
    within: 1d
)";

class CheckerResults : public CheckerTest {
 protected:
  CheckerResults() { rules_ = SourceFile("rules.yaml", kZetaThenAlpha); }

  // "rule:trigger" of each pending obligation, in the result's order.
  std::vector<std::string> pending(const CheckResult& result) const {
    std::vector<std::string> out;
    for (const auto& p : result.pending) out.push_back(book_->info(p.rule).id + ":" + p.trigger);
    return out;
  }
};

TEST_F(CheckerResults, AreInTimeThenRuleIdThenTriggerIdOrder) {
  CheckResult result =
      check(line("b3", "2025-01-01", "bad", "x") + line("b1", "2025-01-01", "bad", "y") +
            line("b2", "2025-01-01", "bad", "z") + line("c0", "2025-01-02", "bad", "w") +
            line("d2", "2025-01-05", "bad", "v") + line("d1", "2025-01-05", "bad", "u"));
  // On the 2nd, alpha's three missed deadlines come before zeta's breach.
  EXPECT_EQ(triggers(result),
            (std::vector<std::string>{"zeta:b1", "zeta:b2", "zeta:b3", "alpha:b1", "alpha:b2",
                                      "alpha:b3", "zeta:c0", "alpha:c0", "zeta:d1", "zeta:d2"}));
  EXPECT_EQ(pending(result), (std::vector<std::string>{"alpha:d1", "alpha:d2"}));
}

TEST_F(CheckerResults, LongTriggerIdsThatBeginAlikeAreOrderedWhole) {
  // The first sixteen bytes of these ids are the same ("order-0000000001"),
  // or all there is.
  CheckResult result = check(line("order-0000000001-b", "2025-01-01", "bad", "x") +
                             line("order-0000000001", "2025-01-01", "bad", "y") +
                             line("order-0000000001-a", "2025-01-01", "bad", "z") +
                             line("order-000000000", "2025-01-01", "bad", "w") +
                             line("order-0000000001-a-2", "2025-01-01", "bad", "v"));
  EXPECT_EQ(pending(result),
            (std::vector<std::string>{"alpha:order-000000000", "alpha:order-0000000001",
                                      "alpha:order-0000000001-a", "alpha:order-0000000001-a-2",
                                      "alpha:order-0000000001-b"}));
  ASSERT_EQ(result.violations.size(), 5u);
  EXPECT_EQ(result.violations[0].trigger, "order-000000000");
  EXPECT_EQ(result.violations[4].trigger, "order-0000000001-b");
}

TEST_F(CheckerResults, LongListsAreSortedAndDecodedByHalvesAsWhole) {
  // Past 16,384 entries the lists are sorted, gathered and their keys
  // decoded in two halves on two threads: the result must be one sort's.
  // Ids in a scrambled order on two days; each subject names its event.
  constexpr int kEvents = 40001;
  std::string log;
  std::vector<std::string> ids;
  for (int i = 0; i < kEvents; ++i) {
    int number = static_cast<int>((static_cast<long long>(i) * 7919) % kEvents);
    std::string id = "b" + std::string(6 - std::to_string(number).size(), '0') +
                     std::to_string(number);
    log += line(id, i < kEvents / 3 ? "2025-01-01" : "2025-01-03", "bad", "s-" + id);
    ids.push_back(id);
  }
  CheckResult result = check(log);
  // Every event breaks zeta; alpha's obligations of the first day are
  // missed, the second day's still open.
  ASSERT_EQ(result.violations.size(), static_cast<std::size_t>(kEvents + kEvents / 3));
  ASSERT_EQ(result.pending.size(), static_cast<std::size_t>(kEvents - kEvents / 3));
  std::vector<std::string> first_day(ids.begin(), ids.begin() + kEvents / 3);
  std::vector<std::string> second_day(ids.begin() + kEvents / 3, ids.end());
  std::sort(first_day.begin(), first_day.end());
  std::sort(second_day.begin(), second_day.end());
  std::vector<std::string> expected_violations;
  for (const auto& id : first_day) expected_violations.push_back("zeta:" + id);
  for (const auto& id : first_day) expected_violations.push_back("alpha:" + id);
  for (const auto& id : second_day) expected_violations.push_back("zeta:" + id);
  EXPECT_EQ(triggers(result), expected_violations);
  for (std::size_t i = 0; i < result.pending.size(); ++i) {
    const Pending& open = result.pending[i];
    ASSERT_EQ(open.trigger, second_day[i]);
    ASSERT_EQ(open.key, (std::vector<std::pair<std::string, std::string>>{
                            {"subject", "s-" + open.trigger}}));
  }
}

}  // namespace
}  // namespace accord::stream
