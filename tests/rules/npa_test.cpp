// Every rule of rules/npa.yaml, firing and not firing at its boundaries, as
// ../shared/spec/npa-obligations.md defines them.
#include "support/check_harness.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace accord::testing {
namespace {

using Pairs = std::vector<std::pair<std::string, std::string>>;

class Npa : public ::testing::Test {
 protected:
  Outcome check(const std::string& events, std::optional<std::string> as_of = {},
                std::vector<std::pair<std::string, std::string>> params = {}) {
    Outcome outcome = run_check({read_source_file("rules/npa.yaml"), events, as_of, params});
    EXPECT_EQ(outcome.load_errors, "");
    return outcome;
  }

  // The triggers of one rule's violations.
  static std::vector<std::string> fired(const Outcome& outcome, const std::string& rule) {
    return of_rule(outcome.violations, rule);
  }
  static std::vector<std::string> pending(const Outcome& outcome, const std::string& rule) {
    return of_rule(outcome.pending, rule);
  }
  static std::vector<std::string> of_rule(const Pairs& pairs, const std::string& rule) {
    std::vector<std::string> triggers;
    for (const auto& [id, trigger] : pairs) {
      if (id == rule) triggers.push_back(trigger);
    }
    return triggers;
  }
  static bool has_error(const Outcome& outcome, const std::string& prefix) {
    return std::any_of(outcome.errors.begin(), outcome.errors.end(),
                       [&](const std::string& e) { return e.rfind(prefix, 0) == 0; });
  }
};

using Ids = std::vector<std::string>;

TEST_F(Npa, LoadsAllFifteenRules) {
  Outcome outcome = check("[]");
  ASSERT_TRUE(outcome.book);
  EXPECT_EQ(outcome.book->size(), 15u);
}

// npa-22-notice-before-end --------------------------------------------------

TEST_F(Npa, EndAfterSixMonthsNoticeIsKept) {
  Outcome o = check(R"(
- {id: n, time: 2025-01-10, type: agreement.notice_given, party: cabinet_office}
- {id: end, time: 2025-07-10, type: agreement.ended})");
  EXPECT_EQ(fired(o, "npa-22-notice-before-end"), Ids{});
}

TEST_F(Npa, EndOneDayShortOfSixMonthsBreaches) {
  Outcome o = check(R"(
- {id: n, time: 2025-01-10, type: agreement.notice_given, party: unions}
- {id: end, time: 2025-07-09, type: agreement.ended})");
  EXPECT_EQ(fired(o, "npa-22-notice-before-end"), Ids{"end"});
  EXPECT_EQ(o.result.violations[0].evidence, (Ids{"end", "n"}));
}

TEST_F(Npa, EndWithoutNoticeBreaches) {
  Outcome o = check("- {id: end, time: 2025-07-09, type: agreement.ended}");
  EXPECT_EQ(fired(o, "npa-22-notice-before-end"), Ids{"end"});
}

TEST_F(Npa, NoticeMonthsClampToTheMonthEnd) {
  // 31 August + 6 months = 28 February.
  Outcome kept = check(R"(
- {id: n, time: 2025-08-31, type: agreement.notice_given}
- {id: end, time: 2026-02-28, type: agreement.ended})");
  EXPECT_EQ(fired(kept, "npa-22-notice-before-end"), Ids{});
  Outcome early = check(R"(
- {id: n, time: 2025-08-31, type: agreement.notice_given}
- {id: end, time: 2026-02-27T23:59:59Z, type: agreement.ended})");
  EXPECT_EQ(fired(early, "npa-22-notice-before-end"), Ids{"end"});
}

TEST_F(Npa, NoticePeriodCanBeOverridden) {
  Outcome o = check(R"(
- {id: n, time: 2025-01-10, type: agreement.notice_given}
- {id: end, time: 2025-04-10, type: agreement.ended})",
                    {}, {{"notice_period", "3mo"}});
  EXPECT_EQ(fired(o, "npa-22-notice-before-end"), Ids{});
}

// npa-22-withdrawal-notice --------------------------------------------------

TEST_F(Npa, WithdrawalNeedsNoticeFromTheSameParty) {
  Outcome o = check(R"(
- {id: n1, time: 2025-01-01, type: agreement.notice_given, party: PCS}
- {id: w1, time: 2025-07-01, type: agreement.withdrawn, party: PCS}
- {id: w2, time: 2025-07-01, type: agreement.withdrawn, party: FDA}
- {id: w3, time: 2025-06-30, type: agreement.withdrawn, party: PCS})");
  EXPECT_EQ(fired(o, "npa-22-withdrawal-notice"), (Ids{"w3", "w2"}));
}

TEST_F(Npa, WithdrawalWithoutPartyIsAnEvaluationError) {
  Outcome o = check("- {id: w, time: 2025-07-01, type: agreement.withdrawn}");
  EXPECT_EQ(fired(o, "npa-22-withdrawal-notice"), Ids{});
  EXPECT_TRUE(has_error(o, "npa-22-withdrawal-notice w: no key field 'party'"));
}

// npa-16-redeployment-first -------------------------------------------------

TEST_F(Npa, RedeploymentAtTheSameTimeCountsWhateverTheLineOrder) {
  Outcome o = check(R"(
- {id: d, time: 2025-03-01, type: redundancy.dismissal, org: DWP, subject: s, employee: E1, compulsory: true}
- {id: r, time: 2025-03-01, type: redeployment.search, org: HMRC, employee: E1})");
  EXPECT_EQ(fired(o, "npa-16-redeployment-first"), Ids{});
}

TEST_F(Npa, RedeploymentForAnotherEmployeeOrLaterBreaches) {
  Outcome o = check(R"(
- {id: r2, time: 2025-01-01, type: redeployment.search, employee: E2}
- {id: d1, time: 2025-03-01, type: redundancy.dismissal, org: DWP, subject: s, employee: E1, compulsory: true}
- {id: r1, time: 2025-03-02, type: redeployment.search, employee: E1})");
  EXPECT_EQ(fired(o, "npa-16-redeployment-first"), Ids{"d1"});
}

TEST_F(Npa, VoluntaryDismissalNeedsNoRedeployment) {
  Outcome o = check(
      "- {id: d, time: 2025-03-01, type: redundancy.dismissal, org: DWP, subject: s, employee: E1, "
      "compulsory: false}");
  EXPECT_EQ(fired(o, "npa-16-redeployment-first"), Ids{});
  EXPECT_EQ(fired(o, "npa-10-voluntary-first"), Ids{});
}

TEST_F(Npa, DismissalWithoutCompulsoryFlagIsAnErrorNotAPass) {
  Outcome o = check(
      "- {id: d, time: 2025-03-01, type: redundancy.dismissal, org: DWP, subject: s, employee: E1}");
  EXPECT_EQ(fired(o, "npa-16-redeployment-first"), Ids{});
  EXPECT_TRUE(has_error(o, "npa-16-redeployment-first d:"));
  EXPECT_TRUE(has_error(o, "npa-10-voluntary-first d:"));
}

// npa-10-voluntary-first ----------------------------------------------------

TEST_F(Npa, VoluntaryExitsOnTheSameMatterFirst) {
  Outcome o = check(R"(
- {id: v, time: 2025-02-01, type: voluntary_exit.offered, org: DWP, subject: estate}
- {id: d1, time: 2025-03-01, type: redundancy.dismissal, org: DWP, subject: estate, employee: E1, compulsory: true}
- {id: d2, time: 2025-03-01, type: redundancy.dismissal, org: DWP, subject: hubs, employee: E2, compulsory: true}
- {id: d3, time: 2025-03-01, type: redundancy.dismissal, org: HMRC, subject: estate, employee: E3, compulsory: true})");
  EXPECT_EQ(fired(o, "npa-10-voluntary-first"), (Ids{"d2", "d3"}));
}

// npa-6-consulted-before-change ---------------------------------------------

TEST_F(Npa, ImplementationAndDismissalNeedConsultationOnTheMatter) {
  Outcome o = check(R"(
- {id: c, time: 2025-02-01, type: consultation.opened, org: DWP, subject: estate}
- {id: i1, time: 2025-02-01, type: change.implemented, org: DWP, subject: estate}
- {id: i2, time: 2025-03-01, type: change.implemented, org: DWP, subject: hubs}
- {id: d, time: 2025-03-01, type: redundancy.dismissal, org: DWP, subject: hubs, employee: E, compulsory: false})");
  EXPECT_EQ(fired(o, "npa-6-consulted-before-change"), (Ids{"d", "i2"}));
}

// npa-9-earliest-stage ------------------------------------------------------

TEST_F(Npa, ConsultationWithinFourteenDaysOfAProposal) {
  Outcome o = check(R"(
- {id: p1, time: 2025-01-01, type: change.proposed, org: DWP, subject: a}
- {id: c1, time: 2025-01-15, type: consultation.opened, org: DWP, subject: a}
- {id: p2, time: 2025-01-01, type: change.proposed, org: DWP, subject: b}
- {id: c2, time: 2025-01-16, type: consultation.opened, org: DWP, subject: b}
- {id: c3, time: 2024-12-01, type: consultation.opened, org: DWP, subject: c}
- {id: p3, time: 2025-01-01, type: change.proposed, org: DWP, subject: c}
- {id: z, time: 2025-06-01, type: audit.logged})");
  EXPECT_EQ(fired(o, "npa-9-earliest-stage"), Ids{"p2"});
  EXPECT_EQ(o.result.violations[0].due, stream::parse_event_time("2025-01-15"));
}

TEST_F(Npa, ProposalIsPendingUntilItsDeadlinePassesAsOf) {
  const std::string events = "- {id: p, time: 2025-01-01, type: change.proposed, org: DWP, subject: a}";
  Outcome at_deadline = check(events, "2025-01-15");
  EXPECT_EQ(fired(at_deadline, "npa-9-earliest-stage"), Ids{});
  EXPECT_EQ(pending(at_deadline, "npa-9-earliest-stage"), Ids{"p"});
  Outcome after = check(events, "2025-01-15T00:00:01Z");
  EXPECT_EQ(fired(after, "npa-9-earliest-stage"), Ids{"p"});
  EXPECT_EQ(pending(after, "npa-9-earliest-stage"), Ids{});
}

// npa-18-information ---------------------------------------------------------

TEST_F(Npa, DecisionNeedsInformationFirst) {
  Outcome o = check(R"(
- {id: d1, time: 2025-03-01, type: decision.made, org: DWP, subject: a, union_input_accepted: true}
- {id: i1, time: 2025-03-01, type: information.provided, org: DWP, subject: a}
- {id: d2, time: 2025-03-01, type: decision.made, org: DWP, subject: b, union_input_accepted: true})");
  EXPECT_EQ(fired(o, "npa-18-information"), Ids{"d2"});
}

// npa-18-time-to-influence ---------------------------------------------------

TEST_F(Npa, DecisionAtLeastThirtyDaysAfterConsultationOpened) {
  Outcome o = check(R"(
- {id: c1, time: 2025-01-01, type: consultation.opened, org: DWP, subject: a}
- {id: c2, time: 2025-01-01, type: consultation.opened, org: DWP, subject: b}
- {id: d1, time: 2025-01-31, type: decision.made, org: DWP, subject: a, union_input_accepted: true}
- {id: d2, time: 2025-01-30T23:59:59Z, type: decision.made, org: DWP, subject: b, union_input_accepted: true}
- {id: d3, time: 2025-03-01, type: decision.made, org: DWP, subject: none, union_input_accepted: true})");
  EXPECT_EQ(fired(o, "npa-18-time-to-influence"), (Ids{"d2", "d3"}));
}

// npa-18-explanation ----------------------------------------------------------

TEST_F(Npa, RejectedInputIsExplainedWithinFourteenDaysInclusive) {
  Outcome o = check(R"(
- {id: x0, time: 2024-12-31, type: explanation.provided, org: DWP, subject: early}
- {id: d1, time: 2025-01-01, type: decision.made, org: DWP, subject: a, union_input_accepted: false}
- {id: d2, time: 2025-01-01, type: decision.made, org: DWP, subject: b, union_input_accepted: false}
- {id: d3, time: 2025-01-01, type: decision.made, org: DWP, subject: early, union_input_accepted: false}
- {id: d4, time: 2025-01-01, type: decision.made, org: DWP, subject: ok, union_input_accepted: true}
- {id: x1, time: 2025-01-15, type: explanation.provided, org: DWP, subject: a}
- {id: x2, time: 2025-01-15T00:00:01Z, type: explanation.provided, org: DWP, subject: b}
- {id: z, time: 2025-02-01, type: audit.logged})");
  EXPECT_EQ(fired(o, "npa-18-explanation"), (Ids{"d2", "d3"}));
  for (const auto& v : o.result.violations) {
    if (o.book->info(v.rule).id != "npa-18-explanation") continue;
    EXPECT_EQ(v.time, *stream::parse_event_time("2025-01-15"));
    EXPECT_EQ(v.key, (std::vector<std::pair<std::string, std::string>>{
                         {"org", "DWP"}, {"subject", v.trigger == "d2" ? "b" : "early"}}));
  }
}

TEST_F(Npa, ExplanationAtTheDecisionsOwnTimeCounts) {
  Outcome o = check(R"(
- {id: x, time: 2025-01-01, type: explanation.provided, org: DWP, subject: a}
- {id: d, time: 2025-01-01, type: decision.made, org: DWP, subject: a, union_input_accepted: false}
- {id: z, time: 2025-03-01, type: audit.logged})");
  EXPECT_EQ(fired(o, "npa-18-explanation"), Ids{});
}

TEST_F(Npa, ExplanationMessageCitesMatterAndDates) {
  Outcome o = check(R"(
- {id: d, time: 2025-01-10, type: decision.made, org: DWP, subject: estate-review, union_input_accepted: false}
- {id: z, time: 2025-03-01, type: audit.logged})");
  auto found = std::find_if(o.result.violations.begin(), o.result.violations.end(),
                            [&](const auto& v) { return o.book->info(v.rule).id == "npa-18-explanation"; });
  ASSERT_NE(found, o.result.violations.end());
  EXPECT_EQ(found->message,
            "The decision on estate-review (DWP) of 2025-01-10 rejected the unions' input, and "
            "no explanation followed by 2025-01-24.");
}

// npa-17-regular-meetings -----------------------------------------------------

TEST_F(Npa, NationalMeetingsEveryThreeMonthsInclusive) {
  Outcome o = check(R"(
- {id: s, time: 2025-01-01, type: agreement.signed}
- {id: m1, time: 2025-04-01, type: meeting.held, level: national}
- {id: m2, time: 2025-07-02, type: meeting.held, level: national}
- {id: dep, time: 2025-09-01, type: meeting.held, level: departmental}
- {id: m3, time: 2025-10-02, type: meeting.held, level: national})");
  EXPECT_EQ(fired(o, "npa-17-regular-meetings"), Ids{"m1"});
  EXPECT_EQ(pending(o, "npa-17-regular-meetings"), Ids{"m3"});
}

TEST_F(Npa, AGapIsReportedOnceHoweverLong) {
  Outcome o = check(R"(
- {id: s, time: 2025-01-01, type: agreement.signed}
- {id: z, time: 2027-01-01, type: audit.logged})");
  EXPECT_EQ(fired(o, "npa-17-regular-meetings"), Ids{"s"});
  EXPECT_EQ(fired(o, "npa-22-joint-review"), Ids{"s"});
}

TEST_F(Npa, TheAgreementsEndStopsTheClock) {
  Outcome o = check(R"(
- {id: s, time: 2025-01-01, type: agreement.signed}
- {id: n, time: 2024-07-01, type: agreement.notice_given}
- {id: m1, time: 2025-03-01, type: meeting.held, level: national}
- {id: end, time: 2025-06-01, type: agreement.ended}
- {id: z, time: 2026-06-01, type: audit.logged})");
  EXPECT_EQ(fired(o, "npa-17-regular-meetings"), Ids{});
  EXPECT_EQ(pending(o, "npa-17-regular-meetings"), Ids{});
}

TEST_F(Npa, WithoutSigningTheFirstMeetingStartsTheClock) {
  Outcome o = check(R"(
- {id: m1, time: 2025-01-01, type: meeting.held, level: national}
- {id: m2, time: 2025-05-01, type: meeting.held, level: national})");
  EXPECT_EQ(fired(o, "npa-17-regular-meetings"), Ids{"m1"});
}

TEST_F(Npa, MeetingsBeforeALaterSigningDoNotCount) {
  Outcome o = check(R"(
- {id: m1, time: 2025-01-01, type: meeting.held, level: national}
- {id: m2, time: 2025-06-01, type: meeting.held, level: national}
- {id: s, time: 2025-07-01, type: agreement.signed}
- {id: m3, time: 2025-09-01, type: meeting.held, level: national})");
  EXPECT_EQ(fired(o, "npa-17-regular-meetings"), Ids{});
  EXPECT_EQ(pending(o, "npa-17-regular-meetings"), Ids{"m3"});
}

// npa-22-joint-review ---------------------------------------------------------

TEST_F(Npa, JointReviewEveryTwelveMonths) {
  Outcome o = check(R"(
- {id: s, time: 2024-02-29, type: agreement.signed}
- {id: r1, time: 2025-02-28, type: joint_review.held}
- {id: r2, time: 2026-03-01, type: joint_review.held})");
  EXPECT_EQ(fired(o, "npa-22-joint-review"), Ids{"r1"});
}

// npa-14-training -------------------------------------------------------------

TEST_F(Npa, TrainingEveryTwelveMonthsPerEmployee) {
  Outcome o = check(R"(
- {id: j1, time: 2024-01-01, type: employee.joined, org: DWP, employee: E1}
- {id: j2, time: 2024-01-01, type: employee.joined, org: DWP, employee: E2}
- {id: t1, time: 2025-01-01, type: training.offered, employee: E1}
- {id: t2, time: 2025-01-02, type: training.offered, employee: E2}
- {id: z, time: 2025-06-01, type: audit.logged})");
  EXPECT_EQ(fired(o, "npa-14-training"), Ids{"j2"});
  EXPECT_EQ(pending(o, "npa-14-training"), (Ids{"t1", "t2"}));
}

TEST_F(Npa, LeavingStopsTheTrainingClockAndRejoiningStartsIt) {
  Outcome o = check(R"(
- {id: j, time: 2024-01-01, type: employee.joined, org: DWP, employee: E1}
- {id: l, time: 2024-12-31, type: employee.left, org: DWP, employee: E1}
- {id: t, time: 2025-03-01, type: training.offered, employee: E1}
- {id: j2, time: 2025-06-01, type: employee.joined, org: HMRC, employee: E1}
- {id: z, time: 2026-06-02, type: audit.logged})");
  EXPECT_EQ(fired(o, "npa-14-training"), Ids{"j2"});
}

TEST_F(Npa, LeavingAfterTheDeadlineStillBreaches) {
  Outcome o = check(R"(
- {id: j, time: 2024-01-01, type: employee.joined, org: DWP, employee: E1}
- {id: l, time: 2025-01-02, type: employee.left, org: DWP, employee: E1})");
  EXPECT_EQ(fired(o, "npa-14-training"), Ids{"j"});
}

// npa-20-joint-communication ----------------------------------------------------

TEST_F(Npa, CorporateCommunicationsAreJoint) {
  Outcome o = check(R"(
- {id: c1, time: 2025-01-01, type: communication.issued, corporate: true, joint: true}
- {id: c2, time: 2025-01-01, type: communication.issued, corporate: true, joint: false}
- {id: c3, time: 2025-01-01, type: communication.issued, corporate: true}
- {id: c4, time: 2025-01-01, type: communication.issued, corporate: true, joint: null}
- {id: c5, time: 2025-01-01, type: communication.issued, corporate: false}
- {id: c6, time: 2025-01-01, type: communication.issued, corporate: true, joint: 'yes'}
- {id: c7, time: 2025-01-01, type: communication.issued})");
  EXPECT_EQ(fired(o, "npa-20-joint-communication"), (Ids{"c2", "c3", "c4"}));
  EXPECT_TRUE(has_error(o, "npa-20-joint-communication c6:"));
  EXPECT_TRUE(has_error(o, "npa-20-joint-communication c7:"));
}

// npa-21-confidentiality ------------------------------------------------------

TEST_F(Npa, ConfidencesAreRespected) {
  Outcome o = check(R"(
- {id: i1, time: 2025-01-01, type: information.disclosed, confidential: true, external: true}
- {id: i2, time: 2025-01-01, type: information.disclosed, confidential: true, external: false}
- {id: i3, time: 2025-01-01, type: information.disclosed, confidential: false, external: true})");
  EXPECT_EQ(fired(o, "npa-21-confidentiality"), Ids{"i1"});
}

// npa-4-pay-negotiated --------------------------------------------------------

TEST_F(Npa, PayChangesFollowAPayNegotiationInTheSameOrganisation) {
  Outcome o = check(R"(
- {id: n1, time: 2025-01-01, type: negotiation.concluded, org: DWP, topic: pay}
- {id: n2, time: 2025-01-01, type: negotiation.concluded, org: HMRC, topic: conditions}
- {id: p1, time: 2025-02-01, type: pay.changed, org: DWP}
- {id: p2, time: 2025-02-01, type: pay.changed, org: HMRC}
- {id: p3, time: 2025-02-01, type: pay.changed, org: MOJ})");
  EXPECT_EQ(fired(o, "npa-4-pay-negotiated"), (Ids{"p2", "p3"}));
}

// The log as a whole ------------------------------------------------------------

TEST_F(Npa, EventsAfterAsOfAreLeftOut) {
  Outcome o = check(R"(
- {id: a, time: 2025-01-01, type: information.disclosed, confidential: true, external: true}
- {id: b, time: 2025-03-01, type: information.disclosed, confidential: true, external: true})",
                    "2025-02-01");
  EXPECT_EQ(fired(o, "npa-21-confidentiality"), Ids{"a"});
  EXPECT_EQ(o.result.left_out, 1u);
  EXPECT_EQ(o.result.events, 1u);
}

TEST_F(Npa, DuplicateIdsAreInputErrors) {
  Outcome o = check(R"(
- {id: a, time: 2025-01-01, type: audit.logged}
- {id: a, time: 2025-01-02, type: audit.logged})");
  ASSERT_EQ(o.result.input_errors.size(), 1u);
  EXPECT_EQ(o.result.input_errors[0].origin.line, 3u);
  EXPECT_EQ(o.result.events, 1u);
}

}  // namespace
}  // namespace accord::testing
