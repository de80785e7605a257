#include "npa_log.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <chrono>
#include <cmath>
#include <deque>
#include <limits>
#include <optional>
#include <queue>

namespace accord::bench {

namespace {

constexpr std::int64_t kDayMs = 86'400'000;
constexpr std::int64_t kNever = std::numeric_limits<std::int64_t>::max();
constexpr std::uint64_t kMillion = 1'000'000;

// ---- Randomness -----------------------------------------------------------
// xoshiro256** seeded through splitmix64, and only integer arithmetic on top:
// the same seed gives the same log with any compiler on any machine (the
// standard library's distributions promise no such thing).

std::uint64_t splitmix64(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

class Random {
 public:
  // `stream` separates the independent sequences drawn from one seed.
  Random(std::uint64_t seed, std::uint64_t stream) {
    std::uint64_t state = seed ^ (stream * 0xd1b54a32d192ed03ULL);
    for (auto& word : s_) word = splitmix64(state);
  }

  std::uint64_t next() {
    const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
    const std::uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
  }

  // Uniform in [0, n); n > 0. Rejects the few values that would bias it.
  std::uint64_t below(std::uint64_t n) {
    const std::uint64_t threshold = (0 - n) % n;
    for (;;) {
      std::uint64_t r = next();
      if (r >= threshold) return r % n;
    }
  }

  // Uniform in [low, high); high > low.
  std::int64_t range(std::int64_t low, std::int64_t high) {
    return low + static_cast<std::int64_t>(below(static_cast<std::uint64_t>(high - low)));
  }

  bool chance_ppm(std::uint64_t ppm) { return below(kMillion) < ppm; }
  bool percent(std::uint64_t p) { return below(100) < p; }

  template <class Table>
  auto pick(const Table& table) -> decltype(table[0]) {
    return table[below(table.size())];
  }

 private:
  static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  std::array<std::uint64_t, 4> s_{};
};

// ---- Vocabulary -------------------------------------------------------------

constexpr std::array<std::string_view, 40> kOrgs = {
    "HMRC", "DWP", "MOJ", "MOD", "HO", "DFE", "DHSC", "DFT", "DEFRA", "DCMS",
    "FCDO", "CO", "HMT", "DLUHC", "DESNZ", "DSIT", "DBT", "ONS", "HMPPS", "DVLA",
    "DVSA", "UKHSA", "CPS", "FSA", "HMLR", "IPO", "MET-OFFICE", "NCA", "OFSTED", "OFGEM",
    "ORR", "COMPANIES-HOUSE", "INSOLVENCY-SERVICE", "VOA", "RPA", "APHA", "EA", "NE",
    "HSE", "UKSA"};
// Organisations that never conclude a pay negotiation: their pay changes are breaches.
constexpr std::array<std::uint8_t, 2> kNoPayOrgs = {35, 39};  // APHA, UKSA
constexpr std::array<std::string_view, 12> kProgrammes = {
    "estate-review", "digital-transformation", "shared-services", "office-closure",
    "restructure", "pension-admin", "contact-centre", "it-outsourcing", "hr-systems",
    "workforce-plan", "hub-relocation", "casework-modernisation"};
constexpr std::array<std::string_view, 4> kUnions = {"PCS", "IPMS", "FDA", "Prospect"};
struct UtcOffset {
  std::string_view text;
  std::int64_t minutes;
};
constexpr std::array<UtcOffset, 9> kOffsets = {{{"Z", 0},
                                                {"+00:00", 0},
                                                {"+01:00", 60},
                                                {"+02:00", 120},
                                                {"-05:00", -300},
                                                {"+05:30", 330},
                                                {"-08:00", -480},
                                                {"-03:30", -210},
                                                {"+09:00", 540}}};
constexpr std::array<std::string_view, 12> kNoiseTypes = {
    "leave.requested", "leave.approved",      "grievance.raised",  "ticket.updated",
    "audit.logged",    "payroll.run",         "survey.completed",  "access.granted",
    "timesheet.submitted", "expense.claimed", "recruitment.opened", "appraisal.completed"};
constexpr std::array<std::string_view, 5> kChannels = {"email", "intranet", "letter", "meeting",
                                                       "portal"};
constexpr std::array<std::string_view, 7> kGrades = {"AA", "AO", "EO", "HEO", "SEO", "G7", "G6"};
constexpr std::array<std::string_view, 6> kCourses = {"induction", "leadership", "digital",
                                                      "data", "health-safety", "language"};
constexpr std::array<std::string_view, 4> kLeaveReasons = {"resigned", "retired", "transferred",
                                                           "end-of-contract"};
constexpr std::array<std::string_view, 3> kAudiences = {"all-staff", "managers", "members"};
constexpr std::array<std::string_view, 5> kRecipients = {"unions", "ministers", "press",
                                                         "auditor", "staff"};
constexpr std::array<std::string_view, 3> kOtherTopics = {"conditions", "hours", "leave"};
constexpr std::array<std::string_view, 2> kSearchScopes = {"department", "civil-service"};
constexpr std::array<std::string_view, 3> kLeaveKinds = {"annual", "sick", "study"};
constexpr std::array<std::string_view, 3> kTagAreas = {"hr", "it", "estates"};
constexpr std::array<std::string_view, 3> kTagPriorities = {"p1", "p2", "p3"};

enum class Type : std::uint8_t {
  AgreementSigned, AgreementNoticeGiven, AgreementEnded, AgreementWithdrawn,
  ChangeProposed, ConsultationOpened, InformationProvided, DecisionMade, ExplanationProvided,
  ChangeImplemented, VoluntaryExitOffered, RedeploymentSearch, RedundancyDismissal,
  MeetingHeld, JointReviewHeld, CommunicationIssued, InformationDisclosed,
  EmployeeJoined, EmployeeLeft, TrainingOffered, NegotiationConcluded, PayChanged,
  Count
};
constexpr std::array<std::string_view, static_cast<std::size_t>(Type::Count)> kTypeNames = {
    "agreement.signed", "agreement.notice_given", "agreement.ended", "agreement.withdrawn",
    "change.proposed", "consultation.opened", "information.provided", "decision.made",
    "explanation.provided", "change.implemented", "voluntary_exit.offered",
    "redeployment.search", "redundancy.dismissal", "meeting.held", "joint_review.held",
    "communication.issued", "information.disclosed", "employee.joined", "employee.left",
    "training.offered", "negotiation.concluded", "pay.changed"};

// The NPA rules a log plants breaches of.
enum class Rule : std::uint8_t {
  NoticeBeforeEnd, WithdrawalNotice, RedeploymentFirst, VoluntaryFirst, ConsultedBeforeChange,
  EarliestStage, Information, TimeToInfluence, Explanation, RegularMeetings, JointReview,
  Training, JointCommunication, Confidentiality, PayNegotiated, Count
};
constexpr std::array<std::string_view, static_cast<std::size_t>(Rule::Count)> kRuleIds = {
    "npa-22-notice-before-end", "npa-22-withdrawal-notice", "npa-16-redeployment-first",
    "npa-10-voluntary-first", "npa-6-consulted-before-change", "npa-9-earliest-stage",
    "npa-18-information", "npa-18-time-to-influence", "npa-18-explanation",
    "npa-17-regular-meetings", "npa-22-joint-review", "npa-14-training",
    "npa-20-joint-communication", "npa-21-confidentiality", "npa-4-pay-negotiated"};

// ---- Calendar (days since 1970-01-01, proleptic Gregorian) ----------------

std::chrono::year_month_day civil(std::int64_t day) {
  return std::chrono::year_month_day{std::chrono::sys_days{std::chrono::days{day}}};
}

std::int64_t day_number(const std::chrono::year_month_day& date) {
  return std::chrono::sys_days{date}.time_since_epoch().count();
}

// Calendar months later (or earlier), the day clamped to the month's last.
std::int64_t add_months(std::int64_t day, int months) {
  using namespace std::chrono;
  year_month_day date = civil(day);
  year_month target = year_month{date.year(), date.month()} + std::chrono::months{months};
  auto last = year_month_day_last{target.year(), month_day_last{target.month()}}.day();
  return day_number(year_month_day{target.year(), target.month(), std::min(date.day(), last)});
}

std::optional<std::int64_t> parse_date(std::string_view text) {
  auto number = [&](std::size_t from, std::size_t length) -> std::optional<int> {
    int value = 0;
    auto [end, error] = std::from_chars(text.data() + from, text.data() + from + length, value);
    if (error != std::errc{} || end != text.data() + from + length) return std::nullopt;
    return value;
  };
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  auto y = number(0, 4), m = number(5, 2), d = number(8, 2);
  if (!y || !m || !d) return std::nullopt;
  std::chrono::year_month_day date{std::chrono::year{*y}, std::chrono::month{unsigned(*m)},
                                   std::chrono::day{unsigned(*d)}};
  if (!date.ok()) return std::nullopt;
  return day_number(date);
}

const std::int64_t kLastDay = day_number(std::chrono::year{9999} / 12 / 31);

// ---- Writing JSON text ---------------------------------------------------------

void append_digits(std::string& out, std::uint64_t value, int width = 0) {
  char digits[24];
  auto [end, error] = std::to_chars(digits, digits + sizeof digits, value);
  (void)error;
  for (auto length = end - digits; length < width; ++length) out += '0';
  out.append(digits, end);
}

void append_date(std::string& out, std::int64_t day) {
  auto date = civil(day);
  append_digits(out, static_cast<std::uint64_t>(static_cast<int>(date.year())), 4);
  out += '-';
  append_digits(out, static_cast<unsigned>(date.month()), 2);
  out += '-';
  append_digits(out, static_cast<unsigned>(date.day()), 2);
}

std::string date_text(std::int64_t day) {
  std::string out;
  append_date(out, day);
  return out;
}

// The fields of one event, after "id", "time" and "type".
class Fields {
 public:
  explicit Fields(std::string& out) : out_(out) {}
  Fields& text(std::string_view key, std::string_view value) {
    name(key);
    out_ += '"';
    out_ += value;
    out_ += '"';
    return *this;
  }
  Fields& number(std::string_view key, std::uint64_t value) {
    name(key);
    append_digits(out_, value);
    return *this;
  }
  // value / 10^decimals, as a JSON number with that many decimals.
  Fields& fixed_point(std::string_view key, std::uint64_t value, int decimals) {
    std::uint64_t scale = decimals == 1 ? 10 : 100;
    name(key);
    append_digits(out_, value / scale);
    out_ += '.';
    append_digits(out_, value % scale, decimals);
    return *this;
  }
  Fields& boolean(std::string_view key, bool value) {
    name(key);
    out_ += value ? "true" : "false";
    return *this;
  }
  Fields& employee(std::uint64_t number) {
    name("employee");
    out_ += "\"emp-";
    append_digits(out_, number, 7);
    out_ += '"';
    return *this;
  }
  Fields& subject(std::size_t programme, std::uint64_t number, std::string_view suffix = {}) {
    name("subject");
    out_ += '"';
    out_ += kProgrammes[programme];
    out_ += '-';
    append_digits(out_, number, 6);
    out_ += suffix;
    out_ += '"';
    return *this;
  }
  // Already-written JSON: `,"name":value...`.
  Fields& raw(std::string_view json) {
    out_ += json;
    return *this;
  }

 private:
  void name(std::string_view key) {
    out_ += ",\"";
    out_ += key;
    out_ += "\":";
  }
  std::string& out_;
};

// ---- The simulation -----------------------------------------------------------

struct Employee {
  std::int64_t leave = kNever;
  std::int64_t training = kNever;
  std::uint32_t generation = 0;  // steps of older generations are stale
  std::uint32_t staff_slot = 0;  // index in its organisation's staff while employed
  std::uint8_t org = 0;
  bool employed = false;
  bool dismissed = false;
};

enum class Explanation : std::uint8_t { None, InTime, OnTheDeadline, Late };

struct Matter {
  std::int64_t consulted = 0;  // this round's consultation
  std::int64_t decided = 0;    // and decision
  std::uint32_t number = 0;    // in the subject's name
  std::uint8_t org = 0;
  std::uint8_t programme = 0;
  bool boundary = false;       // the round meets its deadlines exactly
  bool consulted_on_deadline = false;
  bool accepted = false;
  bool restructuring = false;
  bool no_voluntary_exit = false;
  Explanation explanation = Explanation::None;
};

struct Dismissal {
  std::uint32_t employee = 0;
  std::uint32_t matter = 0;
  std::uint8_t search_org = 0;
  std::uint8_t steps_left = 0;  // the record is reused once both steps ran
  bool compulsory = false;
  bool unconsulted_subject = false;  // a "-b" matter never consulted on
  bool late_search = false;          // searched after the dismissal
};

enum class Actor : std::uint8_t {
  Script, NationalMeeting, JointReview, PayYear, Negotiation, Employee, Matter, Search, Dismiss
};

enum class Stage : std::uint8_t {
  Propose, Consult, Inform, Decide, Explain, VoluntaryExit, Implement, ImplementElsewhere,
  Unannounced, NextRound
};

struct Step {
  Actor actor;
  std::uint8_t stage;
  std::uint32_t who;
  std::uint32_t generation;
};

struct Scripted {
  std::int64_t day;
  Type type;
  std::string_view fields;
};

// One rendered line of the current day, before it is put in time order.
struct DayLine {
  std::int64_t time_ms;
  std::uint32_t begin;
  std::uint32_t end;
};

// A line waiting to be written, at its position in the output.
struct Queued {
  std::int64_t position_ms;
  std::uint64_t order;
  std::uint64_t begin;  // in the queue's text (FIFO) or the line's own text
  std::uint32_t length;
};

struct Displaced {
  std::int64_t position_ms;
  std::uint64_t order;
  std::string text;
  friend bool operator>(const Displaced& a, const Displaced& b) {
    return a.position_ms != b.position_ms ? a.position_ms > b.position_ms : a.order > b.order;
  }
};

// Expected events (joined, trainings, left) of one employee of a growing log
// spanning `span` days, used to size the staff to about 31% of the log.
double expected_employee_events(double span) {
  auto events = [](double employed, bool leaves) {
    double trainings = employed > 110 ? 1 + (employed - 110) / 307 : 0;
    return 1 + (leaves ? 1 : 0) + trainings;
  };
  constexpr int kSteps = 64;
  double total = 0;
  for (int i = 0; i < kSteps; ++i) {
    double fraction = (i + 0.5) / kSteps;
    // 45% join in the first 60 days, the rest at any time.
    const std::pair<double, double> cohorts[] = {{60 * fraction, 0.45}, {span * fraction, 0.55}};
    for (auto [joined, share] : cohorts) {
      double in_log = span - joined;
      double leavers = 0;
      for (int j = 0; j < kSteps; ++j) {
        double tenure = 180 + 1645 * (j + 0.5) / kSteps;
        leavers += tenure < in_log ? events(tenure, true) : events(in_log, false);
      }
      total += share / kSteps * (0.6 * events(in_log, false) + 0.4 * leavers / kSteps);
    }
  }
  // The model leaves out dismissals, rejoining and stray breaches; this
  // factor, measured on generated logs of 1 to 12 years, corrects it.
  return total * 0.85;
}

// The scripted events that need the end of the log (the agreement's notice
// and end): none while the end is unknown, or when the log is too short.
std::uint64_t closing_events(std::int64_t start, std::int64_t end) {
  if (end == kNever) return 0;
  return add_months(end - 30, -8) > start ? 2 : 0;
}

class Generator {
 public:
  // `end` is kNever while a fixed log's end is still to be found (a counting
  // pass). With a sink, events are rendered and written, and `noise` events of
  // types no rule reads are added over [start, end].
  Generator(const LogOptions& options, std::int64_t start, std::int64_t end, LineSink* sink,
            std::uint64_t noise)
      : options_(options),
        start_(start),
        end_(end),
        base_(start - 250),  // room for the predecessor agreement's notice
        sink_(sink),
        noise_left_(noise),
        sim_(options.seed, 1),
        look_(options.seed, 2),
        noisy_(options.seed, 3),
        out_(options.seed, 4),
        now_(base_) {
    staff_.resize(kOrgs.size());
    plan_population();
    plan_agreement();
    schedule(start_ + sim_.range(20, 60), {Actor::NationalMeeting, 0, 0, 0});
    schedule(start_ + sim_.range(150, 300), {Actor::JointReview, 0, 0, 0});
    auto first_year = static_cast<int>(civil(start_).year());
    schedule(day_number(std::chrono::year{first_year} / 1 / 1),
             {Actor::PayYear, 0, static_cast<std::uint32_t>(first_year), 0});
  }

  // Runs to the end, or, for a counting pass of a fixed log, to the end of
  // the day on which `stop_after` events are reached. Returns an error text
  // when the log would run past year 9999.
  std::optional<std::string> run(std::uint64_t stop_after = std::numeric_limits<std::uint64_t>::max()) {
    for (std::size_t cursor = 0;; ++cursor) {
      now_ = base_ + static_cast<std::int64_t>(cursor);
      if (now_ > end_) break;
      if (now_ > kLastDay) return "the log would run past the year 9999";
      if (now_ >= start_) daily();
      if (cursor < buckets_.size()) {
        // Steps may add steps for today: index, do not iterate.
        // (a copy: performing a step may grow today's bucket)
        for (std::size_t i = 0; i < buckets_[cursor].size(); ++i) {
          Step step = buckets_[cursor][i];
          perform(step);
        }
        std::vector<Step>().swap(buckets_[cursor]);
      }
      if (sink_ != nullptr) finish_day();
      last_day_ = now_;
      if (counted_ >= stop_after) break;
    }
    if (sink_ != nullptr) {
      flush(kNever);
      sink_->finish();
    }
    return std::nullopt;
  }

  std::uint64_t counted() const { return counted_; }
  std::int64_t last_day() const { return last_day_; }

  LogSummary summary() const {
    LogSummary summary;
    summary.events = written_;
    summary.first_day = date_text(start_);
    summary.last_day = date_text(last_day_);
    summary.employees = employees_.size();
    summary.matters = matters_.size();
    summary.displaced = displaced_count_;
    for (std::size_t type = 0; type < kTypeNames.size(); ++type) {
      if (by_type_[type] > 0) summary.by_type[std::string(kTypeNames[type])] = by_type_[type];
    }
    for (std::size_t type = 0; type < kNoiseTypes.size(); ++type) {
      if (noise_by_type_[type] > 0) {
        summary.by_type[std::string(kNoiseTypes[type])] = noise_by_type_[type];
      }
    }
    for (std::size_t rule = 0; rule < kRuleIds.size(); ++rule) {
      summary.planted[std::string(kRuleIds[rule])] = planted_[rule];
    }
    return summary;
  }

 private:
  bool rendering() const { return sink_ != nullptr; }
  bool fixed() const { return options_.population == Population::Fixed; }

  // A planted breach, chosen at `percent_of_rate` percent of the violation rate.
  bool breach(std::uint64_t percent_of_rate) {
    return sim_.chance_ppm(std::min<std::uint64_t>(kMillion, options_.violation_ppm * percent_of_rate / 100));
  }
  void plant(Rule rule, bool counts = true) {
    if (rendering() && counts && options_.violation_ppm > 0) {
      ++planted_[static_cast<std::size_t>(rule)];
    }
  }

  // How many of an average of `ppm` / 10^6 events happen today.
  std::uint64_t draw(std::uint64_t ppm) {
    return ppm / kMillion + (sim_.below(kMillion) < ppm % kMillion ? 1 : 0);
  }

  // ---- Planning ----

  void plan_population() {
    auto events = options_.events;
    if (fixed()) {
      // About 1/3 of a log's events concern employees; one employee has
      // about 0.0037 a day (training yearly, a spell of some years).
      activity_ppm_ = std::uint64_t{options_.employees} * 11'840;
      employees_.resize(options_.employees);
      for (std::uint32_t i = 0; i < options_.employees; ++i) {
        employees_[i].org = static_cast<std::uint8_t>(sim_.below(kOrgs.size()));
        schedule(start_ + sim_.range(0, 60), {Actor::Employee, 0, i, 0});
      }
      matters_.resize(options_.matters);
      for (std::uint32_t i = 0; i < options_.matters; ++i) {
        matters_[i].number = i;
        matters_[i].org = static_cast<std::uint8_t>(sim_.below(kOrgs.size()));
        matters_[i].programme = static_cast<std::uint8_t>(sim_.below(kProgrammes.size()));
        schedule(start_ + sim_.range(0, 365),
                 {Actor::Matter, static_cast<std::uint8_t>(Stage::NextRound), i, 0});
      }
      return;
    }
    auto span = static_cast<std::uint64_t>(end_ - start_ + 1);
    activity_ppm_ = events * kMillion / span;
    double staff = 0.31 * static_cast<double>(events) / expected_employee_events(double(span));
    auto hires = static_cast<std::uint64_t>(std::llround(staff));
    initial_hires_ppm_ = hires * 45 * kMillion / 100 / 60;
    hires_ppm_ = hires * 55 * kMillion / 100 / span;
    // A round of a change programme has about 5.8 events.
    auto programmes = static_cast<std::uint64_t>(std::llround(0.38 * double(events) / 5.8));
    programmes_ppm_ = programmes * kMillion / span;
  }

  // The agreement's own events. They plant three breaches (one notice too
  // short, two withdrawals without notice) unless the violation rate is 0.
  void plan_agreement() {
    const bool breaches = options_.violation_ppm > 0;
    auto s = start_;
    // The predecessor agreement ended only four months after its notice.
    script(breaches ? s - 123 : add_months(s - 2, -7), Type::AgreementNoticeGiven,
           R"(,"party":"cabinet_office")");
    script(s - 2, Type::AgreementEnded, R"(,"note":"predecessor agreement")");
    plant(Rule::NoticeBeforeEnd);
    script(s, Type::AgreementSigned,
           R"(,"party":"cabinet_office","signatories":["cabinet_office","PCS","IPMS","FDA","CCSU"])");
    int year = static_cast<int>(civil(s).year()) + 1;
    // FDA withdraws exactly six calendar months after its notice (clamped): in time.
    auto fda = day_number(std::chrono::year{year} / 8 / 31);
    script(fda, Type::AgreementNoticeGiven, R"(,"party":"FDA")");
    script(add_months(fda, 6), Type::AgreementWithdrawn, R"(,"party":"FDA")");
    // IPMS withdraws a day short of six months; Prospect never gave notice.
    auto ipms = day_number(std::chrono::year{year + 1} / 3 / 15);
    script(ipms, Type::AgreementNoticeGiven, R"(,"party":"IPMS")");
    if (!breaches) script(ipms, Type::AgreementNoticeGiven, R"(,"party":"Prospect")");
    script(add_months(ipms, 6) - (breaches ? 1 : 0), Type::AgreementWithdrawn,
           R"(,"party":"IPMS")");
    plant(Rule::WithdrawalNotice, add_months(ipms, 6) - 1 <= end_);
    script(add_months(ipms, 9), Type::AgreementWithdrawn, R"(,"party":"Prospect")");
    plant(Rule::WithdrawalNotice, add_months(ipms, 9) <= end_);
    if (closing_events(start_, end_) == 0) return;
    // The end: notice eight months before the agreement ends, 30 days before the log does.
    auto ended = end_ - 30;
    script(add_months(ended, -8), Type::AgreementNoticeGiven, R"(,"party":"PCS")");
    script(ended, Type::AgreementEnded, R"(,"party":"cabinet_office")");
  }

  void script(std::int64_t day, Type type, std::string_view fields) {
    schedule(day, {Actor::Script, 0, static_cast<std::uint32_t>(scripted_.size()), 0});
    scripted_.push_back({day, type, fields});
  }

  void schedule(std::int64_t day, Step step) {
    day = std::max(day, now_);
    if (day > end_) return;
    auto index = static_cast<std::size_t>(day - base_);
    if (index >= buckets_.size()) buckets_.resize(index + 1);
    buckets_[index].push_back(step);
  }

  // ---- Each day ----

  void daily() {
    if (!fixed()) {
      auto hires = draw(hires_ppm_ + (now_ < start_ + 60 ? initial_hires_ppm_ : 0));
      for (std::uint64_t i = 0; i < hires; ++i) {
        auto index = static_cast<std::uint32_t>(employees_.size());
        employees_.emplace_back().org = static_cast<std::uint8_t>(sim_.below(kOrgs.size()));
        join(index);
      }
      auto programmes = draw(programmes_ppm_);
      for (std::uint64_t i = 0; i < programmes; ++i) {
        auto index = static_cast<std::uint32_t>(matters_.size());
        Matter& matter = matters_.emplace_back();
        matter.number = index;
        matter.org = static_cast<std::uint8_t>(sim_.below(kOrgs.size()));
        matter.programme = static_cast<std::uint8_t>(sim_.below(kProgrammes.size()));
        start_round(index);
      }
    }
    for (auto n = draw(activity_ppm_ * 8 / 1000); n > 0; --n) departmental_meeting();
    for (auto n = draw(activity_ppm_ * 10 / 100); n > 0; --n) communication();
    for (auto n = draw(activity_ppm_ * 6 / 100); n > 0; --n) disclosure();
    for (auto n = draw(activity_ppm_ * 3 / 100); n > 0; --n) pay_change();
  }

  void departmental_meeting() {
    if (std::string* out = begin(Type::MeetingHeld)) {
      Fields(*out).text("level", "departmental").text("org", look_.pick(kOrgs));
    }
  }

  void communication() {
    std::string* out = begin(Type::CommunicationIssued);
    if (out == nullptr) return;
    Fields fields(*out);
    fields.text("org", look_.pick(kOrgs));
    if (look_.percent(30)) {
      fields.boolean("corporate", true);
      if (look_.chance_ppm(options_.violation_ppm)) {
        if (look_.percent(50)) fields.boolean("joint", false);
        plant(Rule::JointCommunication);
      } else {
        fields.boolean("joint", true);
      }
    } else {
      fields.boolean("corporate", false);
      auto r = look_.below(10);
      if (r >= 7) fields.boolean("joint", r == 9);
    }
    fields.text("audience", look_.pick(kAudiences)).raw(R"(,"title":"Update )");
    append_digits(*out, look_.range(1, 1'000'000));
    *out += '"';
  }

  void disclosure() {
    std::string* out = begin(Type::InformationDisclosed);
    if (out == nullptr) return;
    bool confidential = look_.percent(40);
    bool external = confidential
                        ? look_.chance_ppm(std::min<std::uint64_t>(kMillion, options_.violation_ppm * 5 / 2))
                        : look_.percent(40);
    if (confidential && external) plant(Rule::Confidentiality);
    Fields(*out)
        .text("org", look_.pick(kOrgs))
        .boolean("confidential", confidential)
        .boolean("external", external)
        .text("recipient", look_.pick(kRecipients));
  }

  void pay_change() {
    std::uint8_t org;
    if (breach(100)) {
      org = kNoPayOrgs[sim_.below(kNoPayOrgs.size())];
      plant(Rule::PayNegotiated);
    } else {
      if (negotiated_.empty()) return;  // no organisation may change pay yet
      org = negotiated_[sim_.below(negotiated_.size())];
    }
    if (std::string* out = begin(Type::PayChanged)) {
      Fields(*out)
          .text("org", kOrgs[org])
          .text("grade", look_.pick(kGrades))
          .fixed_point("pct", look_.range(50, 500), 2);
    }
  }

  // ---- Steps ----

  void perform(const Step& step) {
    switch (step.actor) {
      case Actor::Script: return scripted(scripted_[step.who]);
      case Actor::NationalMeeting: return national_meeting();
      case Actor::JointReview: return joint_review();
      case Actor::PayYear: return pay_year(static_cast<int>(step.who));
      case Actor::Negotiation: return negotiation(step.who, step.stage == 1);
      case Actor::Employee:
        if (employees_[step.who].generation == step.generation) employee_step(step.who);
        return;
      case Actor::Matter: return matter_step(step.who, static_cast<Stage>(step.stage));
      case Actor::Search: return search(step.who);
      case Actor::Dismiss: return dismiss(step.who);
    }
  }

  void scripted(const Scripted& event) {
    if (std::string* out = begin(event.type, true)) Fields(*out).raw(event.fields);
  }

  void national_meeting() {
    if (std::string* out = begin(Type::MeetingHeld)) {
      Fields(*out)
          .text("level", "national")
          .text("party", "cabinet_office")
          .number("attendees", look_.range(8, 40));
    }
    std::int64_t gap = sim_.range(55, 88);
    if (breach(800)) {
      gap = sim_.range(94, 130);
      plant(Rule::RegularMeetings, now_ + gap < end_ - 30);
    }
    schedule(now_ + gap, {Actor::NationalMeeting, 0, 0, 0});
  }

  void joint_review() {
    if (std::string* out = begin(Type::JointReviewHeld)) {
      Fields(*out).text("party", "CCSU").text("scope", "operation of the agreement");
    }
    std::int64_t gap = sim_.range(320, 361);
    if (breach(1500)) {
      gap = sim_.range(380, 420);
      plant(Rule::JointReview, now_ + gap < end_ - 30);
    }
    schedule(now_ + gap, {Actor::JointReview, 0, 0, 0});
  }

  // Each organisation's pay round (not APHA's and UKSA's) and one other
  // negotiation, in the first months of the year.
  void pay_year(int year) {
    auto january = day_number(std::chrono::year{year} / 1 / 1);
    for (std::uint8_t org = 0; org < kOrgs.size(); ++org) {
      auto day = january + sim_.range(0, 90);
      auto other = day + sim_.range(10, 200);
      if (day < start_) continue;
      bool pays = std::find(kNoPayOrgs.begin(), kNoPayOrgs.end(), org) == kNoPayOrgs.end();
      if (pays) schedule(day, {Actor::Negotiation, 1, org, 0});
      schedule(other, {Actor::Negotiation, 0, org, 0});
    }
    schedule(day_number(std::chrono::year{year + 1} / 1 / 1),
             {Actor::PayYear, 0, static_cast<std::uint32_t>(year + 1), 0});
  }

  void negotiation(std::uint32_t org, bool pay) {
    if (pay && !negotiated_flag_[org]) {
      negotiated_flag_[org] = true;
      negotiated_.push_back(static_cast<std::uint8_t>(org));
    }
    if (std::string* out = begin(Type::NegotiationConcluded, pay)) {
      Fields fields(*out);
      fields.text("org", kOrgs[org]).text("topic", pay ? "pay" : look_.pick(kOtherTopics));
      fields.text("party", "unions");
      if (pay) fields.fixed_point("award_pct", look_.range(5, 45), 1);
    }
  }

  // ---- Employees ----

  void schedule_employee(std::uint32_t index) {
    const Employee& e = employees_[index];
    auto next = std::min(e.training, e.leave);
    if (next != kNever) schedule(next, {Actor::Employee, 0, index, e.generation});
  }

  void employee_step(std::uint32_t index) {
    Employee& e = employees_[index];
    if (!e.employed) return join(index);
    if (now_ >= e.leave) return leave(index);
    if (now_ >= e.training) return train(index);
  }

  void join(std::uint32_t index) {
    Employee& e = employees_[index];
    e.employed = true;
    e.dismissed = false;
    e.staff_slot = static_cast<std::uint32_t>(staff_[e.org].size());
    staff_[e.org].push_back(index);
    if (std::string* out = begin(Type::EmployeeJoined, true)) {
      Fields(*out).text("org", kOrgs[e.org]).employee(index + 1).text("grade", look_.pick(kGrades));
    }
    e.leave = kNever;
    if (sim_.percent(40)) {
      e.leave = now_ + sim_.range(180, 5 * 365);
    } else if (fixed()) {
      e.leave = now_ + sim_.range(5 * 365, 20 * 365);
    }
    if (breach(40)) {
      e.training = kNever;  // never offered training
      plant(Rule::Training, add_months(now_, 12) + 1 < std::min(e.leave, end_));
    } else {
      e.training = now_ + sim_.range(20, 200);
    }
    schedule_employee(index);
  }

  void train(std::uint32_t index) {
    Employee& e = employees_[index];
    if (std::string* out = begin(Type::TrainingOffered)) {
      Fields(*out).text("org", kOrgs[e.org]).employee(index + 1).text("course", look_.pick(kCourses));
    }
    std::int64_t gap = sim_.range(250, 361);
    if (breach(55)) {
      gap = sim_.range(370, 440);
      plant(Rule::Training, add_months(now_, 12) + 1 < std::min(e.leave, end_));
    }
    e.training = now_ + gap;
    schedule_employee(index);
  }

  void leave(std::uint32_t index) {
    Employee& e = employees_[index];
    if (std::string* out = begin(Type::EmployeeLeft, true)) {
      Fields(*out)
          .text("org", kOrgs[e.org])
          .employee(index + 1)
          .text("reason", look_.pick(kLeaveReasons));
    }
    auto& staff = staff_[e.org];
    std::uint32_t moved = staff.back();
    staff[e.staff_slot] = moved;
    employees_[moved].staff_slot = e.staff_slot;
    staff.pop_back();
    e.employed = false;
    e.training = e.leave = kNever;
    ++e.generation;
    // A fixed population's people come back (under the same id); in a
    // growing one, some do.
    if (fixed() || sim_.percent(8)) {
      if (sim_.percent(50)) e.org = static_cast<std::uint8_t>(sim_.below(kOrgs.size()));
      schedule(now_ + sim_.range(30, 400), {Actor::Employee, 0, index, e.generation});
    }
  }

  // ---- Change programmes ----

  // A round: proposal, consultation, information, decision, explanation of a
  // rejection, implementation; sometimes a restructuring with dismissals.
  void start_round(std::uint32_t index) {
    Matter& m = matters_[index];
    auto round = now_;
    std::int64_t proposed = round, consulted = round;
    m.consulted_on_deadline = false;
    auto r = sim_.below(100);
    if (breach(100)) {
      consulted = round + sim_.range(16, 45);
      plant(Rule::EarliestStage, proposed + 14 < end_ - 1);
    } else if (r < 3) {
      proposed = round + sim_.range(1, 30);  // an earlier consultation counts
    } else if (r < 4) {
      consulted = round + 14;  // on the deadline
      m.consulted_on_deadline = true;
    } else {
      consulted = round + sim_.range(0, 13);
    }
    m.boundary = sim_.percent(1);
    std::int64_t decided;
    if (breach(100)) {
      decided = consulted + sim_.range(5, 29);
      plant(Rule::TimeToInfluence, decided <= end_);
    } else if (m.boundary) {
      decided = consulted + 30;
    } else {
      decided = std::max(consulted, proposed) + sim_.range(32, 100);
    }
    std::int64_t informed = kNever;
    if (breach(100)) {
      if (sim_.percent(50)) informed = decided + sim_.range(1, 10);
      plant(Rule::Information, decided <= end_);
    } else {
      informed = std::min(decided - 1, consulted + sim_.range(1, std::max<std::int64_t>(2, decided - consulted - 1)));
    }
    m.accepted = sim_.percent(65);
    m.explanation = Explanation::None;
    std::int64_t explained = kNever;
    if (!m.accepted) {
      if (breach(150)) {
        if (sim_.percent(50)) {
          explained = decided + sim_.range(16, 40);
          m.explanation = Explanation::Late;
        }
        plant(Rule::Explanation, decided + 14 < end_ - 1);
      } else if (m.boundary) {
        explained = decided + 14;
        m.explanation = Explanation::OnTheDeadline;
      } else {
        explained = decided + sim_.range(1, 13);
        m.explanation = Explanation::InTime;
      }
    }
    m.restructuring = sim_.percent(7);
    m.no_voluntary_exit = m.restructuring && breach(150);
    m.consulted = consulted;
    m.decided = decided;

    auto at = [&](std::int64_t day, Stage stage) {
      if (day != kNever) schedule(day, {Actor::Matter, static_cast<std::uint8_t>(stage), index, 0});
    };
    at(proposed, Stage::Propose);
    at(consulted, Stage::Consult);
    at(informed, Stage::Inform);
    at(decided, Stage::Decide);
    at(explained, Stage::Explain);
    if (m.restructuring && !m.no_voluntary_exit) {
      at(std::min(consulted + sim_.range(5, 25), decided), Stage::VoluntaryExit);
    }
    if (sim_.percent(90)) at(decided + sim_.range(20, 150), Stage::Implement);
    // The same subject implemented by another organisation that never
    // consulted on it, and a change never proposed nor consulted on.
    if (breach(40)) at(round + sim_.range(0, 365), Stage::ImplementElsewhere);
    if (breach(40)) at(round + sim_.range(0, 365), Stage::Unannounced);
    if (fixed()) at(decided + sim_.range(150, 390), Stage::NextRound);
  }

  Fields matter_event(const Matter& m, std::string& out) {
    Fields fields(out);
    fields.text("org", kOrgs[m.org]).subject(m.programme, m.number);
    return fields;
  }

  void matter_step(std::uint32_t index, Stage stage) {
    const Matter& m = matters_[index];
    std::string* out = nullptr;
    switch (stage) {
      case Stage::NextRound: return start_round(index);
      case Stage::Decide:
        if ((out = begin(Type::DecisionMade, m.boundary))) {
          matter_event(m, *out)
              .boolean("union_input_accepted", m.accepted)
              .text("party", "cabinet_office");
        }
        if (m.restructuring) restructure(index);
        return;
      case Stage::Propose:
        if ((out = begin(Type::ChangeProposed))) {
          matter_event(m, *out).text("party", "cabinet_office");
          *out += R"(,"summary":"proposal for )";
          *out += kProgrammes[m.programme];
          *out += '-';
          append_digits(*out, m.number, 6);
          *out += '"';
        }
        return;
      case Stage::Consult:
        if ((out = begin(Type::ConsultationOpened, m.boundary || m.consulted_on_deadline))) {
          matter_event(m, *out)
              .text("party", look_.pick(kUnions))
              .text("channel", look_.pick(kChannels));
        }
        return;
      case Stage::Inform:
        if ((out = begin(Type::InformationProvided))) {
          matter_event(m, *out).number("documents", look_.range(1, 9));
        }
        return;
      case Stage::Explain:
        if ((out = begin(Type::ExplanationProvided,
                         m.explanation == Explanation::OnTheDeadline))) {
          auto fields = matter_event(m, *out);
          if (m.explanation == Explanation::InTime) fields.number("pages", look_.range(1, 30));
        }
        return;
      case Stage::VoluntaryExit:
        if ((out = begin(Type::VoluntaryExitOffered))) {
          matter_event(m, *out)
              .text("scheme", "civil-service-compensation");
        }
        return;
      case Stage::Implement:
        if ((out = begin(Type::ChangeImplemented))) matter_event(m, *out);
        return;
      case Stage::ImplementElsewhere:
        plant(Rule::ConsultedBeforeChange);
        if ((out = begin(Type::ChangeImplemented))) {
          auto other = (m.org + 1 + look_.below(kOrgs.size() - 1)) % kOrgs.size();
          Fields(*out).text("org", kOrgs[other]).subject(m.programme, m.number);
        }
        return;
      case Stage::Unannounced:
        plant(Rule::ConsultedBeforeChange);
        if ((out = begin(Type::ChangeImplemented))) {
          Fields(*out).text("org", kOrgs[m.org]).raw(R"(,"subject":"unannounced-)");
          append_digits(*out, m.number, 6);
          *out += '"';
        }
        return;
    }
  }

  // Dismissals of staff of the matter's organisation, each after (or, as a
  // breach, without) a search for redeployment.
  void restructure(std::uint32_t index) {
    const Matter& m = matters_[index];
    auto& staff = staff_[m.org];
    for (auto n = sim_.range(1, 6); n > 0; --n) {
      auto dismissed_on = now_ + sim_.range(10, 90);
      if (staff.empty()) break;
      // Someone who would still be there: try a few.
      std::optional<std::uint32_t> chosen;
      for (int attempt = 0; attempt < 3 && !chosen; ++attempt) {
        std::uint32_t candidate = staff[sim_.below(staff.size())];
        const Employee& e = employees_[candidate];
        if (!e.dismissed && (e.leave == kNever || e.leave > dismissed_on + 30)) chosen = candidate;
      }
      if (!chosen) continue;
      Employee& e = employees_[*chosen];
      e.dismissed = true;
      e.leave = dismissed_on + sim_.range(0, 30);
      ++e.generation;
      schedule_employee(*chosen);

      std::uint32_t record = new_dismissal();
      Dismissal& d = dismissals_[record];
      d.employee = *chosen;
      d.matter = index;
      d.compulsory = sim_.percent(15);
      d.search_org = m.org;
      d.late_search = false;
      d.steps_left = 1;
      if (d.compulsory && breach(150)) {
        plant(Rule::RedeploymentFirst);
        if (sim_.percent(50)) {
          d.late_search = true;
          ++d.steps_left;
          schedule(dismissed_on + sim_.range(1, 20), {Actor::Search, 0, record, 0});
        }
      } else {
        if (!sim_.percent(80)) d.search_org = static_cast<std::uint8_t>(sim_.below(kOrgs.size()));
        ++d.steps_left;
        schedule(dismissed_on - sim_.range(5, 60), {Actor::Search, 0, record, 0});
      }
      if (d.compulsory && m.no_voluntary_exit) plant(Rule::VoluntaryFirst);
      d.unconsulted_subject = !d.compulsory && breach(50);
      if (d.unconsulted_subject) plant(Rule::ConsultedBeforeChange);
      schedule(dismissed_on, {Actor::Dismiss, 0, record, 0});
    }
  }

  std::uint32_t new_dismissal() {
    if (!free_dismissals_.empty()) {
      auto record = free_dismissals_.back();
      free_dismissals_.pop_back();
      return record;
    }
    dismissals_.emplace_back();
    return static_cast<std::uint32_t>(dismissals_.size() - 1);
  }

  void done_with(std::uint32_t record) {
    if (--dismissals_[record].steps_left == 0) free_dismissals_.push_back(record);
  }

  void search(std::uint32_t record) {
    const Dismissal& d = dismissals_[record];
    if (std::string* out = begin(Type::RedeploymentSearch)) {
      Fields fields(*out);
      fields.text("org", kOrgs[d.search_org]).employee(d.employee + 1);
      if (!d.late_search) fields.text("scope", look_.pick(kSearchScopes));
    }
    done_with(record);
  }

  void dismiss(std::uint32_t record) {
    const Dismissal& d = dismissals_[record];
    const Matter& m = matters_[d.matter];
    if (std::string* out = begin(Type::RedundancyDismissal)) {
      Fields(*out)
          .text("org", kOrgs[m.org])
          .subject(m.programme, m.number, d.unconsulted_subject ? "-b" : "")
          .employee(d.employee + 1)
          .boolean("compulsory", d.compulsory);
    }
    done_with(record);
  }

  // ---- Rendering and writing ----

  // Counts an event of today and, when rendering, starts its line; the
  // caller appends the other fields. nullptr when only counting.
  std::string* begin(Type type, bool date_only = false) {
    ++counted_;
    if (!rendering()) return nullptr;
    ++by_type_[static_cast<std::size_t>(type)];
    return start_line(kTypeNames[static_cast<std::size_t>(type)], date_only);
  }

  std::string* start_line(std::string_view type, bool date_only) {
    close_line();
    day_lines_.push_back({0, static_cast<std::uint32_t>(day_text_.size()), 0});
    day_text_ += R"("time":")";
    day_lines_.back().time_ms = append_time(date_only);
    day_text_ += R"(","type":")";
    day_text_ += type;
    day_text_ += '"';
    line_open_ = true;
    return &day_text_;
  }

  void close_line() {
    if (!line_open_) return;
    day_text_ += '}';
    day_lines_.back().end = static_cast<std::uint32_t>(day_text_.size());
    line_open_ = false;
  }

  // Today's date, or (15%) a date-time with an offset whose UTC instant is
  // today. Returns the instant in milliseconds.
  std::int64_t append_time(bool date_only) {
    std::int64_t midnight = now_ * kDayMs;
    if (date_only || look_.below(100) >= 15) {
      if (date_cache_day_ != now_) {
        date_cache_.clear();
        append_date(date_cache_, now_);
        date_cache_day_ = now_;
      }
      day_text_ += date_cache_;
      return midnight;
    }
    auto form = look_.below(10);
    std::int64_t in_day;
    if (form == 0) {
      in_day = look_.range(0, 1440) * 60'000;  // hh:mm
    } else if (form == 1) {
      in_day = look_.range(0, kDayMs);  // with milliseconds
    } else {
      in_day = look_.range(6 * 3600, 20 * 3600) * 1000;
    }
    const UtcOffset& offset = look_.pick(kOffsets);
    std::int64_t local = midnight + in_day + offset.minutes * 60'000;
    std::int64_t local_day = local >= 0 ? local / kDayMs : (local - kDayMs + 1) / kDayMs;
    std::int64_t ms = local - local_day * kDayMs;
    append_date(day_text_, local_day);
    day_text_ += 'T';
    append_digits(day_text_, static_cast<std::uint64_t>(ms / 3'600'000), 2);
    day_text_ += ':';
    append_digits(day_text_, static_cast<std::uint64_t>(ms / 60'000 % 60), 2);
    if (form != 0) {
      day_text_ += ':';
      append_digits(day_text_, static_cast<std::uint64_t>(ms / 1000 % 60), 2);
      if (form == 1) {
        day_text_ += '.';
        append_digits(day_text_, static_cast<std::uint64_t>(ms % 1000), 3);
      }
    }
    day_text_ += offset.text;
    return midnight + in_day;
  }

  // Events of types that no rule reads, some with nested objects and arrays.
  void noise(std::uint64_t count) {
    for (; count > 0; --count) {
      auto type = noisy_.below(kNoiseTypes.size());
      ++noise_by_type_[type];
      std::string& out = *start_line(kNoiseTypes[type], false);
      Fields fields(out);
      fields.text("org", noisy_.pick(kOrgs));
      auto shape = noisy_.below(10);
      if (shape < 4) {
        std::uint64_t people = std::max<std::uint64_t>(1, employees_.size());
        fields.employee(noisy_.below(people) + 1).raw(R"(,"details":{"days":)");
        append_digits(out, noisy_.range(1, 15));
        out += R"(,"reason":")";
        out += noisy_.pick(kLeaveKinds);
        out += R"(","approved_by":null})";
      } else if (shape < 7) {
        out += R"(,"tags":[")";
        out += noisy_.pick(kTagAreas);
        out += R"(",")";
        out += noisy_.pick(kTagPriorities);
        out += R"("],"ref":)";
        append_digits(out, noisy_.below(1'000'000));
      } else {
        out += R"(,"source":"hr-system","text":"record \")";
        append_digits(out, noisy_.below(100'000));
        out += R"(\" updated\nok")";
      }
    }
  }

  // Today's lines in time order (input order within one instant); about 1%
  // of them put one to four days away from their place.
  void finish_day() {
    if (now_ >= start_ && now_ <= end_ && noise_left_ > 0) {
      auto days_left = static_cast<std::uint64_t>(end_ - now_ + 1);
      auto today = noise_left_ / days_left + (noisy_.below(days_left) < noise_left_ % days_left ? 1 : 0);
      noise(today);
      noise_left_ -= today;
    }
    close_line();
    std::stable_sort(day_lines_.begin(), day_lines_.end(),
                     [](const DayLine& a, const DayLine& b) { return a.time_ms < b.time_ms; });
    for (const DayLine& line : day_lines_) {
      std::string_view text(day_text_.data() + line.begin, line.end - line.begin);
      std::uint64_t order = next_order_++;
      if (out_.below(100) == 0) {
        std::int64_t shift = out_.range(kDayMs, 4 * kDayMs);
        if (out_.below(2) == 0) shift = -shift;
        displaced_.push({line.time_ms + shift, order, std::string(text)});
        ++displaced_count_;
      } else {
        queue_.push_back({line.time_ms, order, queue_base_ + queue_text_.size(),
                          static_cast<std::uint32_t>(text.size())});
        queue_text_ += text;
      }
    }
    day_text_.clear();
    day_lines_.clear();
    // Every later line is at least 4 days before tomorrow.
    flush((now_ + 1) * kDayMs - 4 * kDayMs);
  }

  // Writes, in position order, the lines placed before `horizon_ms`.
  void flush(std::int64_t horizon_ms) {
    for (;;) {
      bool from_queue;
      if (queue_.empty() && displaced_.empty()) break;
      if (queue_.empty()) {
        from_queue = false;
      } else if (displaced_.empty()) {
        from_queue = true;
      } else {
        const Queued& q = queue_.front();
        const Displaced& d = displaced_.top();
        from_queue = q.position_ms != d.position_ms ? q.position_ms < d.position_ms
                                                    : q.order < d.order;
      }
      std::int64_t position = from_queue ? queue_.front().position_ms : displaced_.top().position_ms;
      if (position >= horizon_ms) break;
      if (from_queue) {
        const Queued& q = queue_.front();
        write({queue_text_.data() + (q.begin - queue_base_), q.length});
        queue_.pop_front();
      } else {
        write(displaced_.top().text);
        displaced_.pop();
      }
    }
    // Drop the written part of the queue's text now and then.
    std::uint64_t unread = queue_.empty() ? queue_base_ + queue_text_.size() : queue_.front().begin;
    std::uint64_t consumed = unread - queue_base_;
    if (consumed > (1u << 20) && consumed * 2 > queue_text_.size()) {
      queue_text_.erase(0, consumed);
      queue_base_ += consumed;
    }
  }

  // Ids in the order of the lines; about 0.1% are JSON integers.
  void write(std::string_view body) {
    line_.clear();
    line_ += R"({"id":)";
    if (out_.below(1000) == 0) {
      append_digits(line_, 1'000'000'000 + written_);
    } else {
      line_ += "\"e";
      append_digits(line_, written_ + 1, 8);
      line_ += '"';
    }
    line_ += ',';
    line_ += body;
    line_ += '\n';
    sink_->line(line_);
    ++written_;
  }

  const LogOptions& options_;
  std::int64_t start_;
  std::int64_t end_;
  std::int64_t base_;  // the first day of the simulation (before the signing)
  LineSink* sink_;
  std::uint64_t noise_left_;
  Random sim_;    // everything that decides which events happen when
  Random look_;   // what events look like (never decides whether they happen)
  Random noisy_;  // events no rule reads
  Random out_;    // line order and ids

  std::int64_t now_;  // the day being simulated
  std::int64_t last_day_ = 0;
  std::vector<std::vector<Step>> buckets_;  // steps by day, from base_
  std::vector<Scripted> scripted_;

  std::uint64_t activity_ppm_ = 0;  // about how many events a day, times 10^6
  std::uint64_t initial_hires_ppm_ = 0;
  std::uint64_t hires_ppm_ = 0;
  std::uint64_t programmes_ppm_ = 0;

  std::vector<Employee> employees_;
  std::vector<std::vector<std::uint32_t>> staff_;  // employed, by organisation
  std::vector<Matter> matters_;
  std::vector<Dismissal> dismissals_;
  std::vector<std::uint32_t> free_dismissals_;
  std::vector<std::uint8_t> negotiated_;  // organisations past their first pay round
  std::array<bool, kOrgs.size()> negotiated_flag_{};

  std::uint64_t counted_ = 0;  // events of rule-read types (noise apart)
  std::array<std::uint64_t, kTypeNames.size()> by_type_{};
  std::array<std::uint64_t, kNoiseTypes.size()> noise_by_type_{};
  std::array<std::uint64_t, kRuleIds.size()> planted_{};

  std::string day_text_;
  std::vector<DayLine> day_lines_;
  bool line_open_ = false;
  std::string date_cache_;
  std::int64_t date_cache_day_ = std::numeric_limits<std::int64_t>::min();

  std::string queue_text_;
  std::uint64_t queue_base_ = 0;
  std::deque<Queued> queue_;
  std::priority_queue<Displaced, std::vector<Displaced>, std::greater<>> displaced_;
  std::uint64_t next_order_ = 0;
  std::uint64_t displaced_count_ = 0;
  std::string line_;
  std::uint64_t written_ = 0;
};

}  // namespace

// ---- Sinks ----------------------------------------------------------------------

FileSink::FileSink(std::FILE* file) : file_(file) { buffer_.reserve(1 << 20); }

void FileSink::line(std::string_view text) {
  buffer_ += text;
  if (buffer_.size() >= (1 << 20)) flush();
}

void FileSink::flush() {
  if (ok_ && !buffer_.empty() &&
      std::fwrite(buffer_.data(), 1, buffer_.size(), file_) != buffer_.size()) {
    ok_ = false;
  }
  buffer_.clear();
}

void FileSink::finish() {
  flush();
  if (std::fflush(file_) != 0) ok_ = false;
}

void ShuffleSink::line(std::string_view text) {
  starts_.push_back(text_.size());
  text_ += text;
}

void ShuffleSink::finish() {
  Random random(seed_, 5);
  std::vector<std::uint64_t> order(starts_.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  for (std::size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[random.below(i)]);
  for (auto line : order) {
    auto begin = starts_[line];
    auto end = line + 1 < starts_.size() ? starts_[line + 1] : text_.size();
    next_.line(std::string_view(text_).substr(begin, end - begin));
  }
  next_.finish();
}

std::string_view population_name(Population population) {
  return population == Population::Fixed ? "fixed" : "growing";
}

std::variant<LogSummary, std::string> generate_npa_log(const LogOptions& options,
                                                       LineSink& sink) {
  if (options.events == 0) return std::string("the number of events must be at least 1");
  auto start = parse_date(options.start);
  if (!start) return "the start '" + options.start + "' is not a date (YYYY-MM-DD)";
  if (*start < day_number(std::chrono::year{1001} / 1 / 1)) {
    // The predecessor agreement's events come months earlier; years keep four digits.
    return std::string("the start must be in the year 1001 or later");
  }
  if (options.violation_ppm > kMillion) {
    return std::string("the violation rate must be at most 1 (1,000,000 per million)");
  }
  const bool fixed = options.population == Population::Fixed;
  if (fixed && (options.employees == 0 || options.matters == 0)) {
    return std::string("a fixed population needs at least one employee and one matter");
  }
  if (!fixed && (options.years == 0 || options.years > 1000)) {
    return std::string("the years must be between 1 and 1000");
  }

  std::int64_t end;
  std::uint64_t counted;
  if (fixed) {
    // The log lasts until its population has made about 90% of the events;
    // a first pass, counting only, finds that day.
    Generator counting(options, *start, kNever, nullptr, 0);
    if (auto error = counting.run(options.events - options.events / 10)) return *error;
    end = counting.last_day();
    counted = counting.counted();
  } else {
    end = add_months(*start, 12 * static_cast<int>(options.years));
    if (end > kLastDay) return std::string("the log would run past the year 9999");
    Generator counting(options, *start, end, nullptr, 0);
    if (auto error = counting.run()) return *error;
    counted = counting.counted();
  }
  // A fixed log's counting pass left out what needs the end.
  std::uint64_t closing = fixed ? closing_events(*start, end) : 0;
  if (counted + closing > options.events) {
    if (fixed) {
      return "a fixed population of " + std::to_string(options.employees) + " employees and " +
             std::to_string(options.matters) + " matters makes " +
             std::to_string(counted + closing) + " events in its first day(s) alone; ask for " +
             "more events or fewer employees and matters";
    }
    return std::to_string(options.events) + " events are too few for " +
           std::to_string(options.years) + " years: the agreement, the meetings, the yearly " +
           "pay rounds and the smallest population make " + std::to_string(counted + closing) +
           "; ask for more events or fewer years";
  }
  Generator writing(options, *start, end, &sink, options.events - counted - closing);
  if (auto error = writing.run()) return *error;
  LogSummary summary = writing.summary();
  if (summary.events != options.events) {
    // A bug: the writing pass made other events than the counting pass.
    return "internal error: wrote " + std::to_string(summary.events) + " events, not " +
           std::to_string(options.events);
  }
  return summary;
}

}  // namespace accord::bench
