// Each rule kind on its own, with small rule sets written for the test:
// what fires, what is pending, and where the boundaries are.
#include "support/check_harness.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>

namespace accord::testing {
namespace {

using Ids = std::vector<std::string>;

// A rule set with one rule: `fields` are the rule's YAML lines after its
// id, title and kind, indented by four spaces.
std::string one_rule(const std::string& kind, const std::string& fields) {
  return "rule_set: {id: t, title: T}\n"
         "rules:\n"
         "  - id: r\n"
         "    title: R\n"
         "    kind: " +
         kind + "\n" + fields;
}

Outcome check(const std::string& rules, const std::string& events,
              std::optional<std::string> as_of = {}) {
  Outcome outcome = run_check({rules, events, std::move(as_of), {}});
  EXPECT_EQ(outcome.load_errors, "");
  return outcome;
}

Ids triggers(const std::vector<std::pair<std::string, std::string>>& pairs) {
  Ids ids;
  for (const auto& [rule, trigger] : pairs) ids.push_back(trigger);
  return ids;
}
Ids fired(const Outcome& o) { return triggers(o.violations); }
Ids pending(const Outcome& o) { return triggers(o.pending); }

eval::Timestamp at(const std::string& text) {
  auto time = stream::parse_event_time(text);
  if (!time) throw std::runtime_error("bad time in test: " + text);
  return *time;
}

// forbidden -------------------------------------------------------------------

const std::string kForbidden = one_rule("forbidden", R"yaml(    when: event.type == "leak" && event.external
    message: "{org} leaked on {time} ({id})"
)yaml");

TEST(Forbidden, EveryMatchingEventIsABreach) {
  Outcome o = check(kForbidden, R"(
- {id: a, time: 2025-01-01, type: leak, external: true, org: DWP}
- {id: b, time: 2025-01-02, type: leak, external: false, org: DWP}
- {id: c, time: 2025-01-03, type: other, external: true}
- {id: d, time: 2025-01-04T10:00:00Z, type: leak, external: true, org: HMRC})");
  EXPECT_EQ(fired(o), (Ids{"a", "d"}));
  ASSERT_EQ(o.result.violations.size(), 2u);
  const stream::Violation& second = o.result.violations[1];
  EXPECT_EQ(second.time, at("2025-01-04T10:00:00Z"));
  EXPECT_EQ(second.due, std::nullopt);
  EXPECT_EQ(second.evidence, Ids{"d"});
  EXPECT_EQ(second.message, "HMRC leaked on 2025-01-04T10:00:00Z (d)");
  EXPECT_EQ(o.result.violations[0].message, "DWP leaked on 2025-01-01 (a)");
  EXPECT_EQ(pending(o), Ids{});
}

// precedence ------------------------------------------------------------------

const std::string kPrecedence = one_rule("precedence", R"(    when: event.type == "end"
    requires: event.type == "notice"
    key: party
)");

TEST(Precedence, NeedsAnEarlierEventWithTheSameKey) {
  Outcome o = check(kPrecedence, R"(
- {id: n1, time: 2025-01-01, type: notice, party: A}
- {id: e1, time: 2025-02-01, type: end, party: A}
- {id: e2, time: 2025-02-01, type: end, party: B}
- {id: n3, time: 2025-03-01, type: notice, party: C}
- {id: e3, time: 2025-02-15, type: end, party: C})");
  EXPECT_EQ(fired(o), (Ids{"e2", "e3"}));
  ASSERT_EQ(o.result.violations.size(), 2u);
  EXPECT_EQ(o.result.violations[0].key,
            (std::vector<std::pair<std::string, std::string>>{{"party", "B"}}));
}

TEST(Precedence, AnEarlierEventAtTheSameTimeCountsInEitherLineOrder) {
  Outcome o = check(kPrecedence, R"(
- {id: e1, time: 2025-02-01, type: end, party: A}
- {id: n1, time: 2025-02-01, type: notice, party: A})");
  EXPECT_EQ(fired(o), Ids{});
}

const std::string kAtLeast = one_rule("precedence", R"(    when: event.type == "end"
    requires: event.type == "notice"
    at_least: 6mo
)");

TEST(Precedence, AtLeastIsInclusiveAndClampsToTheMonthEnd) {
  // 31 August + 6 months is 28 February.
  Outcome kept = check(kAtLeast, R"(
- {id: n, time: 2025-08-31, type: notice}
- {id: e, time: 2026-02-28, type: end})");
  EXPECT_EQ(fired(kept), Ids{});
  Outcome early = check(kAtLeast, R"(
- {id: n, time: 2025-08-31, type: notice}
- {id: e, time: 2026-02-27T23:59:59Z, type: end})");
  EXPECT_EQ(fired(early), Ids{"e"});
  ASSERT_EQ(early.result.violations.size(), 1u);
  EXPECT_EQ(early.result.violations[0].evidence, (Ids{"e", "n"}));  // the notice that was too late
}

TEST(Precedence, AtLeastCountsTheEarliestEvent) {
  Outcome o = check(kAtLeast, R"(
- {id: n1, time: 2025-01-01, type: notice}
- {id: n2, time: 2025-06-01, type: notice}
- {id: e, time: 2025-07-01, type: end})");
  EXPECT_EQ(fired(o), Ids{});
}

const std::string kAtMost = one_rule("precedence", R"(    when: event.type == "decision"
    requires: event.type == "information"
    at_most: 7d
)");

TEST(Precedence, AtMostIsInclusiveAndCountsTheLatestEvent) {
  Outcome kept = check(kAtMost, R"(
- {id: i1, time: 2025-01-01, type: information}
- {id: i2, time: 2025-01-10, type: information}
- {id: d, time: 2025-01-17, type: decision})");
  EXPECT_EQ(fired(kept), Ids{});
  Outcome stale = check(kAtMost, R"(
- {id: i1, time: 2025-01-01, type: information}
- {id: i2, time: 2025-01-10, type: information}
- {id: d, time: 2025-01-17T00:00:01Z, type: decision})");
  EXPECT_EQ(fired(stale), Ids{"d"});
  ASSERT_EQ(stale.result.violations.size(), 1u);
  EXPECT_EQ(stale.result.violations[0].evidence, (Ids{"d", "i2"}));
}

const std::string kWindow = one_rule("precedence", R"(    when: event.type == "decision"
    requires: event.type == "consultation"
    at_least: 2d
    at_most: 5d
)");

TEST(Precedence, BothBoundsNeedOneEventInsideTheWindow) {
  // Day 0 is too long before day 10, day 9 too recent; day 6 fits.
  const std::string outside = R"(
- {id: c0, time: 2025-01-01, type: consultation}
- {id: c9, time: 2025-01-10, type: consultation}
- {id: d, time: 2025-01-11, type: decision})";
  EXPECT_EQ(fired(check(kWindow, outside)), Ids{"d"});
  EXPECT_EQ(fired(check(kWindow, outside + R"(
- {id: c6, time: 2025-01-07, type: consultation})")),
            Ids{});
  // The window's edges, 5 and 2 days before, are inside it.
  EXPECT_EQ(fired(check(kWindow, R"(
- {id: c, time: 2025-01-06, type: consultation}
- {id: d, time: 2025-01-11, type: decision})")),
            Ids{});
  EXPECT_EQ(fired(check(kWindow, R"(
- {id: c, time: 2025-01-09, type: consultation}
- {id: d, time: 2025-01-11, type: decision})")),
            Ids{});
}

// Each key keeps its earlier event's id, in place or (longer than 11 bytes)
// on the heap, through the table's growth and whatever bound is in force.
TEST(Precedence, EarlierEventsOfManyKeysKeepTheirIdsAtAnyLength) {
  const std::string keyed_at_least = one_rule("precedence", R"(    when: event.type == "end"
    requires: event.type == "notice"
    key: [party]
    at_least: 6mo
)");
  const std::string keyed_at_most = one_rule("precedence", R"(    when: event.type == "end"
    requires: event.type == "notice"
    key: [party]
    at_most: 7d
)");
  const std::string keyed_window = one_rule("precedence", R"(    when: event.type == "end"
    requires: event.type == "notice"
    key: [party]
    at_least: 5d
    at_most: 7d
)");
  // 300 parties, a notice each on 1 January and an end on 5 January: too
  // soon for 6 months and for 5 to 7 days, in time for 7 days. The
  // notices' ids are 1 to 300 bytes long.
  std::string events;
  Ids notices;
  for (int party = 1; party <= 300; ++party) {
    std::string notice = "n" + std::string(static_cast<std::size_t>(party - 1), 'x');
    notices.push_back(notice);
    events += "- {id: " + notice + ", time: 2025-01-01, type: notice, party: p" +
              std::to_string(party) + "}\n";
  }
  for (int party = 1; party <= 300; ++party) {
    events += "- {id: e" + std::to_string(party) + ", time: 2025-01-05, type: end, party: p" +
              std::to_string(party) + "}\n";
  }
  EXPECT_EQ(fired(check(keyed_at_most, events)), Ids{});
  for (const std::string* rules : {&keyed_at_least, &keyed_window}) {
    Outcome o = check(*rules, events);
    EXPECT_EQ(o.errors, std::vector<std::string>{});
    ASSERT_EQ(o.result.violations.size(), 300u);
    std::map<std::string, Ids> evidence;
    for (const stream::Violation& violation : o.result.violations) {
      evidence[violation.trigger] = violation.evidence;
    }
    for (int party = 1; party <= 300; ++party) {
      // The notice that was too late.
      const std::string end = "e" + std::to_string(party);
      ASSERT_EQ(evidence[end], (Ids{end, notices[static_cast<std::size_t>(party - 1)]})) << end;
    }
  }
}

// response --------------------------------------------------------------------

const std::string kResponse = one_rule("response", R"yaml(    when: event.type == "decision"
    expect: event.type == "explanation"
    key: [org]
    within: 14d
    message: "{org}: no explanation of {id} ({time}) by {due}"
)yaml");

TEST(Response, AnsweredWithinTheDeadlineInclusive) {
  Outcome o = check(kResponse, R"(
- {id: d1, time: 2025-01-01, type: decision, org: A}
- {id: d2, time: 2025-01-01, type: decision, org: B}
- {id: x1, time: 2025-01-15, type: explanation, org: A}
- {id: x2, time: 2025-01-15T00:00:01Z, type: explanation, org: B})");
  EXPECT_EQ(fired(o), Ids{"d2"});
  ASSERT_EQ(o.result.violations.size(), 1u);
  const stream::Violation& late = o.result.violations[0];
  EXPECT_EQ(late.time, at("2025-01-15"));  // a breach when the deadline passes
  EXPECT_EQ(late.due, at("2025-01-15"));
  EXPECT_EQ(late.message, "B: no explanation of d2 (2025-01-01) by 2025-01-15");
}

TEST(Response, DeadlinesClampedToAMonthEndFallDueInTheirOwnOrder) {
  // Within a month: 30 Jan 12:00 is due 28 Feb 12:00, but the later
  // 31 Jan 00:00 is due earlier, 28 Feb 00:00: deadlines out of the order
  // of their triggers, each reported when it passes.
  std::string monthly = one_rule("response", R"yaml(    when: event.type == "decision"
    expect: event.type == "explanation"
    key: [org]
    within: 1mo
)yaml");
  Outcome o = check(monthly, R"(
- {id: d1, time: "2025-01-30T12:00:00Z", type: decision, org: A}
- {id: d2, time: "2025-01-31T00:00:00Z", type: decision, org: B}
- {id: x2, time: "2025-02-27T06:00:00Z", type: explanation, org: B}
- {id: z, time: 2025-03-10, type: other})");
  EXPECT_EQ(fired(o), Ids{"d1"});
  ASSERT_EQ(o.result.violations.size(), 1u);
  EXPECT_EQ(o.result.violations[0].due, at("2025-02-28T12:00:00Z"));

  Outcome both = check(monthly, R"(
- {id: d1, time: "2025-01-30T12:00:00Z", type: decision, org: A}
- {id: d2, time: "2025-01-31T00:00:00Z", type: decision, org: B}
- {id: z, time: 2025-03-10, type: other})");
  EXPECT_EQ(fired(both), (Ids{"d2", "d1"}));  // by the time each deadline passed
}

TEST(Response, AnEarlierAnswerDoesNotCountUnlessEarlierCounts) {
  const std::string events = R"(
- {id: x, time: 2025-01-01, type: explanation, org: A}
- {id: d, time: 2025-01-02, type: decision, org: A}
- {id: z, time: 2025-03-01, type: other})";
  EXPECT_EQ(fired(check(kResponse, events)), Ids{"d"});
  std::string earlier_counts = kResponse + "    earlier_counts: true\n";
  EXPECT_EQ(fired(check(earlier_counts, events)), Ids{});
}

TEST(Response, AnAnswerAtTheSameTimeCountsInEitherLineOrder) {
  EXPECT_EQ(fired(check(kResponse, R"(
- {id: x, time: 2025-01-01, type: explanation, org: A}
- {id: d, time: 2025-01-01, type: decision, org: A}
- {id: z, time: 2025-03-01, type: other})")),
            Ids{});
  EXPECT_EQ(fired(check(kResponse, R"(
- {id: d, time: 2025-01-01, type: decision, org: A}
- {id: x, time: 2025-01-01, type: explanation, org: A}
- {id: z, time: 2025-03-01, type: other})")),
            Ids{});
}

TEST(Response, OneAnswerClosesEveryOpenTriggerOfItsKey) {
  Outcome o = check(kResponse, R"(
- {id: d1, time: 2025-01-01, type: decision, org: A}
- {id: d2, time: 2025-01-05, type: decision, org: A}
- {id: d3, time: 2025-01-05, type: decision, org: B}
- {id: x, time: 2025-01-10, type: explanation, org: A}
- {id: z, time: 2025-03-01, type: other})");
  EXPECT_EQ(fired(o), Ids{"d3"});
}

TEST(Response, PendingUntilAsOfPassesTheDeadline) {
  const std::string events = "- {id: d, time: 2025-01-01, type: decision, org: A}";
  Outcome before = check(kResponse, events, "2025-01-10");
  EXPECT_EQ(pending(before), Ids{"d"});
  ASSERT_EQ(before.result.pending.size(), 1u);
  EXPECT_EQ(before.result.pending[0].due, at("2025-01-15"));
  Outcome on_the_day = check(kResponse, events, "2025-01-15");
  EXPECT_EQ(pending(on_the_day), Ids{"d"});
  EXPECT_EQ(fired(on_the_day), Ids{});
  Outcome after = check(kResponse, events, "2025-01-15T00:00:01Z");
  EXPECT_EQ(pending(after), Ids{});
  EXPECT_EQ(fired(after), Ids{"d"});
}

TEST(Response, DefaultAsOfIsTheLastEvent) {
  Outcome o = check(kResponse, R"(
- {id: d, time: 2025-01-01, type: decision, org: A}
- {id: z, time: 2025-01-20, type: other})");
  EXPECT_EQ(fired(o), Ids{"d"});
  EXPECT_EQ(o.result.as_of, at("2025-01-20"));
}

// recurrence ------------------------------------------------------------------

const std::string kEveryMonth = one_rule("recurrence", R"(    occurrence: event.type == "meeting"
    every: 1mo
)");

TEST(Recurrence, WithoutStartsTheFirstOccurrenceStartsTheClock) {
  Outcome o = check(kEveryMonth, R"(
- {id: m1, time: 2025-01-15, type: meeting}
- {id: m2, time: 2025-02-15, type: meeting}
- {id: m3, time: 2025-03-15, type: meeting})",
                    "2025-03-20");
  EXPECT_EQ(fired(o), Ids{});
  EXPECT_EQ(pending(o), Ids{"m3"});
  ASSERT_EQ(o.result.pending.size(), 1u);
  EXPECT_EQ(o.result.pending[0].due, at("2025-04-15"));
}

TEST(Recurrence, AGapIsOneBreachAndALateOccurrenceRestartsTheClock) {
  Outcome o = check(kEveryMonth, R"(
- {id: m1, time: 2025-01-15, type: meeting}
- {id: m2, time: 2025-02-15T00:00:01Z, type: meeting}
- {id: m3, time: 2025-03-15, type: meeting}
- {id: m4, time: 2025-09-01, type: meeting})");
  EXPECT_EQ(fired(o), (Ids{"m1", "m3"}));
  ASSERT_EQ(o.result.violations.size(), 2u);
  EXPECT_EQ(o.result.violations[0].time, at("2025-02-15"));
  EXPECT_EQ(o.result.violations[1].due, at("2025-04-15"));
  EXPECT_EQ(pending(o), Ids{"m4"});
}

TEST(Recurrence, MonthsClampToTheMonthEnd) {
  Outcome o = check(kEveryMonth, R"(
- {id: m1, time: 2025-01-31, type: meeting}
- {id: m2, time: 2025-02-28T00:00:01Z, type: meeting})");
  EXPECT_EQ(fired(o), Ids{"m1"});
  ASSERT_EQ(o.result.violations.size(), 1u);
  EXPECT_EQ(o.result.violations[0].due, at("2025-02-28"));
}

TEST(Recurrence, AtTheEndAnOverdueClockIsABreach) {
  Outcome o = check(kEveryMonth, "- {id: m1, time: 2025-01-15, type: meeting}", "2025-03-01");
  EXPECT_EQ(fired(o), Ids{"m1"});
  EXPECT_EQ(pending(o), Ids{});
}

const std::string kStartStop = one_rule("recurrence", R"(    occurrence: event.type == "training"
    every: 12mo
    starts: event.type == "joined"
    stops: event.type == "left"
    key: employee
)");

TEST(Recurrence, StartsAndStopsPerKey) {
  Outcome o = check(kStartStop, R"(
- {id: t0, time: 2024-01-01, type: training, employee: A}
- {id: ja, time: 2024-06-01, type: joined, employee: A}
- {id: jb, time: 2024-06-01, type: joined, employee: B}
- {id: tb, time: 2025-05-01, type: training, employee: B}
- {id: jc, time: 2024-06-01, type: joined, employee: C}
- {id: lc, time: 2025-01-01, type: left, employee: C}
- {id: tc, time: 2025-02-01, type: training, employee: C}
- {id: z, time: 2025-07-01, type: other, employee: Z})");
  // A's clock started on joining and ran out; B was trained in time; C left.
  EXPECT_EQ(fired(o), Ids{"ja"});
  EXPECT_EQ(pending(o), Ids{"tb"});
}

TEST(Recurrence, WithStartsNothingRunsBeforeAStart) {
  Outcome o = check(kStartStop, R"(
- {id: t, time: 2020-01-01, type: training, employee: A}
- {id: z, time: 2025-01-01, type: other, employee: Z})");
  EXPECT_EQ(fired(o), Ids{});
  EXPECT_EQ(pending(o), Ids{});
}

const std::string kProvisional = one_rule("recurrence", R"(    occurrence: event.type == "meeting"
    every: 3mo
    starts: event.type == "signed"
    stops: event.type == "ended"
    start_on_first_occurrence: true
)");

TEST(Recurrence, StartOnFirstOccurrenceWhenTheLogHasNoStart) {
  Outcome o = check(kProvisional, R"(
- {id: m1, time: 2025-01-01, type: meeting}
- {id: m2, time: 2025-06-01, type: meeting})");
  EXPECT_EQ(fired(o), Ids{"m1"});
  EXPECT_EQ(pending(o), Ids{"m2"});
}

TEST(Recurrence, AStartLaterInTheLogUndoesWhatTheFirstOccurrenceStarted) {
  Outcome o = check(kProvisional, R"(
- {id: m1, time: 2025-01-01, type: meeting}
- {id: m2, time: 2025-06-01, type: meeting}
- {id: s, time: 2025-07-01, type: signed}
- {id: m3, time: 2025-09-01, type: meeting})");
  EXPECT_EQ(fired(o), Ids{});
  EXPECT_EQ(pending(o), Ids{"m3"});
}

TEST(Recurrence, StartOnFirstOccurrenceWithoutStartsIsRefused) {
  Outcome o = run_check({one_rule("recurrence", R"(    occurrence: event.type == "meeting"
    every: 3mo
    start_on_first_occurrence: true
)"),
                         "[]",
                         {},
                         {}});
  EXPECT_EQ(o.load_errors,
            "rules.yaml:8:32: error: start_on_first_occurrence needs `starts`: without it the "
            "first occurrence always starts the clock [E403]\n"
            " 8 |     start_on_first_occurrence: true\n"
            "   |                                ^~~~\n");
}

TEST(Recurrence, AnEventPlaysOnePartAndAStartWhileRunningChangesNothing) {
  // `signed` matches both `starts` and `occurrence`: it is a start only.
  std::string rules = one_rule("recurrence", R"(    occurrence: event.type in ["meeting", "signed"]
    every: 1mo
    starts: event.type == "signed"
)");
  Outcome o = check(rules, R"(
- {id: s1, time: 2025-01-01, type: signed}
- {id: s2, time: 2025-01-20, type: signed}
- {id: z, time: 2025-02-10, type: other})");
  EXPECT_EQ(fired(o), Ids{"s1"});  // s2 neither restarted the clock nor counted
}

TEST(Recurrence, WithoutStartsAnOccurrenceAfterAStopStartsAgain) {
  std::string rules = one_rule("recurrence", R"(    occurrence: event.type == "meeting"
    every: 1mo
    stops: event.type == "ended"
)");
  Outcome o = check(rules, R"(
- {id: m1, time: 2025-01-01, type: meeting}
- {id: e, time: 2025-01-20, type: ended}
- {id: m2, time: 2025-05-01, type: meeting})");
  EXPECT_EQ(fired(o), Ids{});
  EXPECT_EQ(pending(o), Ids{"m2"});
}

// messages and parameters ---------------------------------------------------------

TEST(Messages, PlaceholdersAreFilledFromTheTrigger) {
  std::string rules = R"yaml(rule_set: {id: t, title: T}
params:
  gap: {type: duration, default: 14d}
rules:
  - id: r
    title: R
    kind: forbidden
    when: event.type == "x"
    message: "{org}/{trigger.org} {missing} {n} at {time} ({id}) due {due}; {params.gap} {{ok}}"
  - id: plain
    title: The title
    kind: forbidden
    when: event.type == "y"
)yaml";
  Outcome o = run_check({rules, R"(
- {id: a, time: 2025-01-01T09:30:00Z, type: x, org: DWP}
- {id: b, time: 2025-01-02, type: y})",
                         {},
                         {{"gap", "3w"}}});
  // 3w is not a duration accord knows: the override is refused.
  EXPECT_NE(o.load_errors.find("--param gap: '3w' is not a duration"), std::string::npos);

  o = run_check({rules, R"(
- {id: a, time: 2025-01-01T09:30:00Z, type: x, org: DWP, n: 7}
- {id: b, time: 2025-01-02, type: y})",
                 {},
                 {{"gap", "P3W"}}});
  ASSERT_EQ(o.load_errors, "");
  ASSERT_EQ(o.result.violations.size(), 2u);
  EXPECT_EQ(o.result.violations[0].message,
            "DWP/DWP (no missing) 7 at 2025-01-01T09:30:00Z (a) due (no deadline); 21 days {ok}");
  EXPECT_EQ(o.result.violations[1].message, "The title: b on 2025-01-02.");
}

TEST(Messages, KeyFieldsAreCitedAsTheTriggerHadThem) {
  // `tuple` cites only its key fields (three, a numbered key, cited in
  // another order), `mixed` a field outside its key too.
  std::string rules = R"yaml(rule_set: {id: t, title: T}
rules:
  - id: tuple
    title: T
    kind: response
    when: event.type == "decision"
    expect: event.type == "explanation"
    key: [org, subject, employee]
    within: 1d
    message: "{employee} of {org} on {subject} ({id}) by {due}"
  - id: mixed
    title: M
    kind: response
    when: event.type == "decision"
    expect: event.type == "explanation"
    key: [org]
    within: 1d
    message: "{org} {grade}"
)yaml";
  Outcome o = run_check({rules, R"(
- {id: d1, time: 2025-01-01, type: decision, org: DWP, subject: pay, employee: e1, grade: HEO}
- {id: d2, time: 2025-01-01, type: decision, org: HMT, subject: estate, employee: e2}
- {id: later, time: 2025-01-05, type: other})",
                         {},
                         {}});
  ASSERT_EQ(o.load_errors, "");
  std::vector<std::string> messages;
  for (const auto& v : o.result.violations) messages.push_back(v.message);
  std::sort(messages.begin(), messages.end());
  EXPECT_EQ(messages, (std::vector<std::string>{"DWP HEO", "HMT (no grade)",
                                                "e1 of DWP on pay (d1) by 2025-01-02",
                                                "e2 of HMT on estate (d2) by 2025-01-02"}));
}

TEST(Parameters, DurationsAndPeriodsAddToTimes) {
  // 14d is a fixed duration, 1mo a calendar period; both add to event.time.
  std::string rules = R"yaml(rule_set: {id: t, title: T}
params:
  fixed: {type: duration, default: 14d}
  calendar: {type: duration, default: 1mo}
rules:
  - id: fixed
    title: F
    kind: forbidden
    when: event.type == "x" && timestamp(event.due) > event.time + params.fixed
  - id: calendar
    title: C
    kind: forbidden
    when: event.type == "x" && timestamp(event.due) > event.time + params.calendar
)yaml";
  Outcome o = check(rules, R"(
- {id: a, time: 2025-01-31, type: x, due: "2025-02-14T00:00:00Z"}
- {id: b, time: 2025-01-31, type: x, due: "2025-02-15T00:00:00Z"}
- {id: c, time: 2025-01-31, type: x, due: "2025-02-28T00:00:00Z"}
- {id: d, time: 2025-01-31, type: x, due: "2025-03-01T00:00:00Z"})");
  Ids fixed;
  Ids calendar;
  for (const auto& [rule, trigger] : o.violations) (rule == "fixed" ? fixed : calendar).push_back(trigger);
  EXPECT_EQ(fixed, (Ids{"b", "c", "d"}));
  EXPECT_EQ(calendar, Ids{"d"});  // 31 January + 1 month is 28 February
}

// The worked example of docs/rule-sets.md, on rules/npa.yaml.
TEST(DocsExample, NpaEighteenExplanation) {
  const std::string events = R"(
- {id: c1, time: 2025-01-02, type: consultation.opened, org: HMRC, subject: estates}
- {id: c2, time: 2025-01-02, type: consultation.opened, org: HMRC, subject: hubs}
- {id: i1, time: 2025-02-03, type: information.provided, org: HMRC, subject: estates}
- {id: i2, time: 2025-02-03, type: information.provided, org: HMRC, subject: hubs}
- {id: d1, time: 2025-02-10, type: decision.made, org: HMRC, subject: estates, union_input_accepted: false}
- {id: d2, time: 2025-02-10, type: decision.made, org: HMRC, subject: hubs, union_input_accepted: false}
- {id: x1, time: 2025-02-24, type: explanation.provided, org: HMRC, subject: estates})";
  Outcome o = check(read_source_file("rules/npa.yaml"), events, "2025-03-01");
  EXPECT_EQ(o.violations,
            (std::vector<std::pair<std::string, std::string>>{{"npa-18-explanation", "d2"}}));
  ASSERT_EQ(o.result.violations.size(), 1u);
  EXPECT_EQ(o.result.violations[0].message,
            "The decision on hubs (HMRC) of 2025-02-10 rejected the unions' input, and no "
            "explanation followed by 2025-02-24.");
  EXPECT_EQ(o.result.violations[0].time, at("2025-02-24"));
  EXPECT_EQ(o.errors, Ids{});

  Outcome earlier = check(read_source_file("rules/npa.yaml"), events, "2025-02-20");
  EXPECT_EQ(earlier.violations, (std::vector<std::pair<std::string, std::string>>{}));
  EXPECT_EQ(earlier.pending, (std::vector<std::pair<std::string, std::string>>{
                                 {"npa-18-explanation", "d1"}, {"npa-18-explanation", "d2"}}));
}

// dispatch and errors -----------------------------------------------------------

TEST(Dispatch, ARuleThatCannotBeNarrowedToTypesSeesEveryEvent) {
  std::string rules = one_rule("forbidden", "    when: event.amount > 100 || event.type == \"x\"\n");
  Outcome o = check(rules, R"(
- {id: a, time: 2025-01-01, type: payment, amount: 500}
- {id: b, time: 2025-01-02, type: refund, amount: 200}
- {id: c, time: 2025-01-03, type: x, amount: 1}
- {id: d, time: 2025-01-04, type: payment, amount: 5})");
  EXPECT_EQ(fired(o), (Ids{"a", "b", "c"}));
}

TEST(Dispatch, ANarrowedRuleNeverLooksAtOtherTypes) {
  // Events of other types lack `amount`: were the rule offered them, each
  // would be an evaluation error.
  std::string rules = one_rule("forbidden", "    when: event.type == \"payment\" && event.amount > 100\n");
  Outcome o = check(rules, R"(
- {id: a, time: 2025-01-01, type: payment, amount: 500}
- {id: b, time: 2025-01-02, type: refund}
- {id: c, time: 2025-01-03, type: payment})");
  EXPECT_EQ(fired(o), Ids{"a"});
  EXPECT_EQ(o.errors, Ids{"r c: no such key 'amount'"});
}

TEST(EvaluationErrors, AreReportedPerRuleAndEventAndNeverReadAsFalse) {
  std::string rules = R"(rule_set: {id: t, title: T}
rules:
  - id: needs-notice
    title: N
    kind: precedence
    when: event.type == "end" && event.final
    requires: event.type == "notice"
  - id: no-leak
    title: L
    kind: forbidden
    when: event.type == "end" && event.final && event.leaked
)";
  Outcome o = check(rules, R"(
- {id: e1, time: 2025-01-01, type: end}
- {id: e2, time: 2025-01-02, type: end, final: true, leaked: "no"}
- {id: e3, time: 2025-01-03, type: end, final: false})");
  // e1 lacks `final`: not a breach of either rule, and not a pass either.
  EXPECT_EQ(o.errors,
            (Ids{"needs-notice e1: no such key 'final'", "no-leak e1: no such key 'final'",
                 "no-leak e2: no matching overload for '_&&_' applied to (bool, string)"}));
  EXPECT_EQ(triggers(o.violations), Ids{"e2"});
  EXPECT_EQ(o.violations[0].first, "needs-notice");
}

TEST(EvaluationErrors, AConditionGivingANonBooleanIsAnError) {
  std::string rules = one_rule("forbidden", "    when: 'event.type == \"x\" ? event.n : false'\n");
  Outcome o = check(rules, R"(
- {id: a, time: 2025-01-01, type: x, n: 3}
- {id: b, time: 2025-01-02, type: y, n: 3})");
  EXPECT_EQ(fired(o), Ids{});
  EXPECT_EQ(o.errors, Ids{"r a: the condition gave int, not true or false"});
}

TEST(EvaluationErrors, AMissingKeyFieldIsAnError) {
  Outcome o = check(kResponse, R"(
- {id: d, time: 2025-01-01, type: decision}
- {id: z, time: 2025-03-01, type: other})");
  EXPECT_EQ(fired(o), Ids{});
  EXPECT_EQ(o.errors, Ids{"r d: no key field 'org'"});
}

TEST(EvaluationErrors, AKeyFieldMustBeAString) {
  Outcome o = check(kResponse, R"(
- {id: d, time: 2025-01-01, type: decision, org: 7}
- {id: z, time: 2025-03-01, type: other})");
  EXPECT_EQ(fired(o), Ids{});
  EXPECT_EQ(o.errors, Ids{"r d: key field 'org' must be a string, not int"});
}

TEST(Reordering, EventsALittleOutOfOrderAreJudgedInTimeOrder) {
  // The notice comes after the end in the log, but 10 days before it in time.
  Outcome o = check(kPrecedence, R"(
- {id: e, time: 2025-02-01, type: end, party: A}
- {id: n, time: 2025-01-22, type: notice, party: A}
- {id: z, time: 2025-02-02, type: other})");
  EXPECT_EQ(fired(o), Ids{});
  EXPECT_EQ(o.errors, Ids{});
}

TEST(Reordering, AnEventOlderThanTheWindowIsAnInputError) {
  // The default window is 30 days: by the time the notice arrives, events up
  // to 2025-04-01 minus 30 days have been judged.
  Outcome o = check(kPrecedence, R"(
- {id: e, time: 2025-02-01, type: end, party: A}
- {id: z, time: 2025-04-01, type: other}
- {id: n, time: 2025-01-22, type: notice, party: A})");
  EXPECT_EQ(fired(o), Ids{"e"});
  ASSERT_EQ(o.errors.size(), 1u);
  EXPECT_NE(o.errors[0].find("out of order by more than the reorder window"), std::string::npos)
      << o.errors[0];
}

}  // namespace
}  // namespace accord::testing
