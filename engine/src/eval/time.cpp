#include <accord/eval/time.hpp>

#include <date/date.h>
#include <date/tz.h>

#include <array>
#include <charconv>
#include <exception>
#include <limits>
#include <vector>

namespace accord::eval {

namespace {

constexpr std::int64_t kNanosPerSecond = 1'000'000'000;
constexpr std::int64_t kSecondsPerDay = 86'400;

// The intermediate civil date of a calendar addition may leave CEL's range
// as long as the fixed part brings it back (at most ~292 years); beyond
// these years nothing can, and date::year stops at ±32767.
constexpr std::int64_t kMinCivilYear = -30'000;
constexpr std::int64_t kMaxCivilYear = 30'000;

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  std::int64_t q = a / b;
  return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

bool checked_add(std::int64_t a, std::int64_t b, std::int64_t& out) {
  return !__builtin_add_overflow(a, b, &out);
}

bool checked_sub(std::int64_t a, std::int64_t b, std::int64_t& out) {
  return !__builtin_sub_overflow(a, b, &out);
}

bool checked_mul(std::int64_t a, std::int64_t b, std::int64_t& out) {
  return !__builtin_mul_overflow(a, b, &out);
}

// seconds + nanos with nanos in (-2e9, 2e9), carried so nanos is in [0, 1e9).
std::optional<Timestamp> make_timestamp(std::int64_t seconds, std::int64_t nanos) {
  while (nanos >= kNanosPerSecond) {
    nanos -= kNanosPerSecond;
    if (!checked_add(seconds, 1, seconds)) return std::nullopt;
  }
  while (nanos < 0) {
    nanos += kNanosPerSecond;
    if (!checked_sub(seconds, 1, seconds)) return std::nullopt;
  }
  Timestamp t{seconds, static_cast<std::int32_t>(nanos)};
  if (!in_range(t)) return std::nullopt;
  return t;
}

date::sys_days to_sys_days(std::int64_t days_since_epoch) {
  return date::sys_days{date::days{static_cast<date::days::rep>(days_since_epoch)}};
}

// ---- text helpers -------------------------------------------------------

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Exactly `width` digits at text[pos]; advances pos.
bool read_fixed_digits(std::string_view text, std::size_t& pos, int width, int& out) {
  if (pos + static_cast<std::size_t>(width) > text.size()) return false;
  int value = 0;
  for (int i = 0; i < width; ++i) {
    char c = text[pos + static_cast<std::size_t>(i)];
    if (!is_digit(c)) return false;
    value = value * 10 + (c - '0');
  }
  pos += static_cast<std::size_t>(width);
  out = value;
  return true;
}

// A run of decimal digits (possibly empty) starting at pos; advances pos.
std::string_view read_digit_run(std::string_view text, std::size_t& pos) {
  std::size_t start = pos;
  while (pos < text.size() && is_digit(text[pos])) ++pos;
  return text.substr(start, pos - start);
}

// Decimal digits to an unsigned value; false on overflow or no digits.
bool digits_to_u64(std::string_view digits, std::uint64_t& out) {
  if (digits.empty()) return false;
  std::uint64_t value = 0;
  for (char c : digits) {
    if (__builtin_mul_overflow(value, std::uint64_t{10}, &value) ||
        __builtin_add_overflow(value, static_cast<std::uint64_t>(c - '0'), &value)) {
      return false;
    }
  }
  out = value;
  return true;
}

bool digits_to_i64(std::string_view digits, std::int64_t& out) {
  std::uint64_t value = 0;
  if (!digits_to_u64(digits, value) ||
      value > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
    return false;
  }
  out = static_cast<std::int64_t>(value);
  return true;
}

void append_padded(std::string& out, std::int64_t value, int width) {
  std::array<char, 24> buffer{};
  auto [end, ec] = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
  (void)ec;  // 24 bytes hold any int64
  auto length = static_cast<int>(end - buffer.data());
  for (int i = length; i < width; ++i) out.push_back('0');
  out.append(buffer.data(), end);
}

// ".5", ".123", ".000001": a fraction of nanos with 3, 6 or 9 digits, or
// none when nanos is 0 (RFC 3339 and protobuf JSON output).
void append_fraction_369(std::string& out, std::int32_t nanos) {
  if (nanos == 0) return;
  out.push_back('.');
  if (nanos % 1'000'000 == 0) {
    append_padded(out, nanos / 1'000'000, 3);
  } else if (nanos % 1'000 == 0) {
    append_padded(out, nanos / 1'000, 6);
  } else {
    append_padded(out, nanos, 9);
  }
}

// ".5", ".25", ".000000001": the shortest fraction (period output).
void append_fraction_trimmed(std::string& out, std::int64_t nanos) {
  if (nanos == 0) return;
  std::string digits;
  append_padded(digits, nanos, 9);
  while (!digits.empty() && digits.back() == '0') digits.pop_back();
  out.push_back('.');
  out += digits;
}

// Fraction digits (at most 9) as nanoseconds: "5" -> 500000000.
bool fraction_to_nanos(std::string_view digits, std::int64_t& out) {
  if (digits.empty() || digits.size() > 9) return false;
  std::int64_t value = 0;
  for (std::size_t i = 0; i < 9; ++i) {
    value = value * 10 + (i < digits.size() ? digits[i] - '0' : 0);
  }
  out = value;
  return true;
}

// ---- durations ------------------------------------------------------------

// A duration unit as c * 10^e nanoseconds, so fractions can be scaled
// exactly with decimal digit arithmetic.
struct DurationUnit {
  std::string_view name;
  std::uint64_t factor;    // c
  int exponent;            // e
  std::uint64_t nanos;     // c * 10^e
};

constexpr std::array<DurationUnit, 8> kDurationUnits{{
    {"ns", 1, 0, 1ULL},
    {"us", 1, 3, 1'000ULL},
    {"\xC2\xB5s", 1, 3, 1'000ULL},  // U+00B5 micro sign
    {"\xCE\xBCs", 1, 3, 1'000ULL},  // U+03BC Greek mu
    {"ms", 1, 6, 1'000'000ULL},
    {"s", 1, 9, 1'000'000'000ULL},
    {"m", 6, 10, 60'000'000'000ULL},
    {"h", 36, 11, 3'600'000'000'000ULL},
}};

// floor(0.<digits> * unit) in nanoseconds, exactly. The first `exponent`
// digits shift into the integer part; the rest are multiplied by the small
// factor right to left, and the carry out of the top is the floor.
std::uint64_t fraction_of_unit(std::string_view digits, const DurationUnit& unit) {
  std::uint64_t shifted = 0;
  for (int i = 0; i < unit.exponent; ++i) {
    std::size_t index = static_cast<std::size_t>(i);
    shifted = shifted * 10 + (index < digits.size() ? static_cast<std::uint64_t>(digits[index] - '0') : 0);
  }
  std::uint64_t carry = 0;
  for (std::size_t i = digits.size(); i > static_cast<std::size_t>(unit.exponent); --i) {
    std::uint64_t product = static_cast<std::uint64_t>(digits[i - 1] - '0') * unit.factor + carry;
    carry = product / 10;
  }
  return shifted * unit.factor + carry;
}

// ---- periods --------------------------------------------------------------

struct PeriodUnit {
  std::string_view name;
  bool months;           // counts months (else nanoseconds)
  std::int64_t amount;   // months or nanoseconds per unit
  bool fraction;         // may carry up to 9 fraction digits
};

constexpr std::int64_t kNanosPerDay = kSecondsPerDay * kNanosPerSecond;

// In the order the components must appear.
constexpr std::array<PeriodUnit, 6> kShortPeriodUnits{{
    {"y", true, 12, false},
    {"mo", true, 1, false},
    {"d", false, kNanosPerDay, false},
    {"h", false, 3600 * kNanosPerSecond, false},
    {"m", false, 60 * kNanosPerSecond, false},
    {"s", false, kNanosPerSecond, true},
}};

constexpr std::array<PeriodUnit, 4> kIsoDateUnits{{
    {"Y", true, 12, false},
    {"M", true, 1, false},
    {"W", false, 7 * kNanosPerDay, false},
    {"D", false, kNanosPerDay, false},
}};

constexpr std::array<PeriodUnit, 3> kIsoTimeUnits{{
    {"H", false, 3600 * kNanosPerSecond, false},
    {"M", false, 60 * kNanosPerSecond, false},
    {"S", false, kNanosPerSecond, true},
}};

struct PeriodAccumulator {
  std::int64_t months = 0;
  std::int64_t nanos = 0;
};

// One component at text[pos]: ['-'] digits ['.' digits] unit, where the
// unit must be one of units[next..] (so units come in order, each once).
// `unit_chars` tells which characters make up unit names.
// `whole_negative` says the period had a leading '-'. Signed amounts are
// summed directly (not negated at the end) so -2^63 ns stays reachable.
template <std::size_t N>
bool read_period_component(std::string_view text, std::size_t& pos,
                           const std::array<PeriodUnit, N>& units, std::size_t& next,
                           bool (*unit_char)(char), bool whole_negative,
                           PeriodAccumulator& acc) {
  bool negative = whole_negative;
  if (pos < text.size() && text[pos] == '-') {
    negative = !negative;
    ++pos;
  }
  std::string_view whole = read_digit_run(text, pos);
  if (whole.empty()) return false;
  std::string_view fraction;
  bool has_point = false;
  if (pos < text.size() && text[pos] == '.') {
    has_point = true;
    ++pos;
    fraction = read_digit_run(text, pos);
  }
  std::size_t unit_start = pos;
  while (pos < text.size() && unit_char(text[pos])) ++pos;
  std::string_view unit_name = text.substr(unit_start, pos - unit_start);

  std::size_t index = next;
  while (index < N && units[index].name != unit_name) ++index;
  if (index == N) return false;  // unknown, repeated or out of order
  const PeriodUnit& unit = units[index];
  next = index + 1;

  std::int64_t count = 0;
  if (!digits_to_i64(whole, count)) return false;
  std::int64_t amount = 0;
  if (!checked_mul(count, unit.amount, amount)) return false;
  if (negative) amount = -amount;
  if (has_point) {
    std::int64_t nanos = 0;
    if (!unit.fraction || !fraction_to_nanos(fraction, nanos)) return false;
    if (negative ? !checked_sub(amount, nanos, amount) : !checked_add(amount, nanos, amount)) {
      return false;
    }
  }
  std::int64_t& target = unit.months ? acc.months : acc.nanos;
  return checked_add(target, amount, target);
}

bool is_lower_letter(char c) { return c >= 'a' && c <= 'z'; }
bool is_upper_letter(char c) { return c >= 'A' && c <= 'Z'; }
bool is_iso_date_unit(char c) { return c == 'Y' || c == 'M' || c == 'W' || c == 'D'; }

// The parts of a written period: one component's text without its sign.
struct Component {
  std::string text;
  bool time = false;  // an ISO time component (after 'T')
};
using Components = std::vector<Component>;

struct UnitSpec {
  std::string_view name;
  std::int64_t seconds;  // per unit; 0 for months-based units
  bool time;
};

std::string component_text(std::uint64_t count, std::string_view unit, std::int64_t fraction_nanos = 0) {
  std::string text = std::to_string(count);
  append_fraction_trimmed(text, fraction_nanos);
  text += unit;
  return text;
}

// The ways of writing `months` (> 0) with year and month units.
std::vector<Components> month_writings(std::uint64_t months, std::string_view year_unit,
                                       std::string_view month_unit) {
  std::vector<Components> writings;
  if (months % 12 == 0) writings.push_back({{component_text(months / 12, year_unit)}});
  writings.push_back({{component_text(months, month_unit)}});
  if (months > 12 && months % 12 != 0) {
    writings.push_back({{component_text(months / 12, year_unit)},
                        {component_text(months % 12, month_unit)}});
  }
  return writings;
}

// The ways of writing `nanos` (> 0) with the given fixed units (largest
// first, seconds last): for every subset of units, the greedy split, when
// it is exact and uses every unit of the subset. Subsets with larger units
// come first, so that among equally short writings "76h5m6s" wins over
// "273906s".
std::vector<Components> fixed_writings(std::uint64_t nanos, const std::vector<UnitSpec>& units) {
  std::uint64_t seconds = nanos / static_cast<std::uint64_t>(kNanosPerSecond);
  std::int64_t fraction = static_cast<std::int64_t>(nanos % static_cast<std::uint64_t>(kNanosPerSecond));
  std::vector<Components> writings;
  std::size_t subsets = std::size_t{1} << units.size();
  for (std::size_t mask = subsets - 1; mask > 0; --mask) {
    std::uint64_t rest = seconds;
    Components parts;
    bool usable = true;
    bool used_seconds = false;
    for (std::size_t i = 0; i < units.size() && usable; ++i) {
      // The largest unit is the mask's highest bit.
      if ((mask & (std::size_t{1} << (units.size() - 1 - i))) == 0) continue;
      auto per_unit = static_cast<std::uint64_t>(units[i].seconds);
      std::uint64_t count = rest / per_unit;
      rest -= count * per_unit;
      bool is_seconds = per_unit == 1;
      used_seconds = used_seconds || is_seconds;
      if (count == 0 && !(is_seconds && fraction != 0)) {
        usable = false;
      } else {
        parts.push_back({component_text(count, units[i].name, is_seconds ? fraction : 0), units[i].time});
      }
    }
    if (usable && rest == 0 && (fraction == 0 || used_seconds)) writings.push_back(std::move(parts));
  }
  return writings;
}

// Writes a period in the short or the ISO form: of all combinations of
// writings of the two parts and of a leading whole-period sign, the
// shortest. Ties go to the first found: a leading sign that matches the
// first part's sign ("-P6M", not "P-6M"), then larger units.
std::string write_period(const Period& p, bool iso) {
  std::int64_t fixed_nanos = 0;
  if (!in_range(p.fixed)) return "invalid period";
  fixed_nanos = *to_nanos(p.fixed);

  auto magnitude = [](std::int64_t v) {
    return v < 0 ? static_cast<std::uint64_t>(-(v + 1)) + 1 : static_cast<std::uint64_t>(v);
  };
  std::vector<Components> month_options{Components{}};
  if (p.months != 0) {
    month_options = iso ? month_writings(magnitude(p.months), "Y", "M")
                        : month_writings(magnitude(p.months), "y", "mo");
  }
  std::vector<Components> fixed_options{Components{}};
  if (fixed_nanos != 0) {
    static const std::vector<UnitSpec> kShortUnits{
        {"d", kSecondsPerDay, false}, {"h", 3600, false}, {"m", 60, false}, {"s", 1, false}};
    static const std::vector<UnitSpec> kIsoUnits{
        {"D", kSecondsPerDay, false}, {"H", 3600, true}, {"M", 60, true}, {"S", 1, true}};
    fixed_options = fixed_writings(magnitude(fixed_nanos), iso ? kIsoUnits : kShortUnits);
  }

  std::string best;
  bool found = false;
  bool leading_negative = p.months != 0 ? p.months < 0 : fixed_nanos < 0;
  for (bool whole_negative : {leading_negative, !leading_negative}) {
    // A part is written with '-' on each component when its sign differs
    // from the whole period's.
    bool months_negative = (p.months < 0) != whole_negative && p.months != 0;
    bool fixed_negative = (fixed_nanos < 0) != whole_negative && fixed_nanos != 0;
    for (const Components& months : month_options) {
      for (const Components& fixed : fixed_options) {
        std::string text = whole_negative ? "-" : "";
        if (iso) text += 'P';
        bool first = true;
        bool ambiguous = false;
        bool in_time = false;
        auto emit = [&](const Component& c, bool negative) {
          if (iso && c.time && !in_time) {
            text += 'T';
            in_time = true;
          }
          // In the short form a '-' at the very start negates the whole
          // period, so the first component cannot carry its own sign there.
          if (negative && first && !iso && !whole_negative) ambiguous = true;
          if (negative) text += '-';
          text += c.text;
          first = false;
        };
        for (const Component& c : months) emit(c, months_negative);
        for (const Component& c : fixed) emit(c, fixed_negative);
        if (first) text += iso ? "0D" : "0s";
        if (ambiguous) continue;
        if (!found || text.size() < best.size()) {
          best = std::move(text);
          found = true;
        }
      }
    }
  }
  return best;
}

// A fixed offset "+hh:mm", "-hh:mm" or "hh:mm" in seconds.
std::optional<std::int32_t> parse_fixed_offset(std::string_view zone) {
  std::size_t pos = 0;
  int sign = 1;
  if (!zone.empty() && (zone[0] == '+' || zone[0] == '-')) {
    sign = zone[0] == '-' ? -1 : 1;
    pos = 1;
  }
  int hours = 0;
  int minutes = 0;
  if (!read_fixed_digits(zone, pos, 2, hours) || pos >= zone.size() || zone[pos++] != ':' ||
      !read_fixed_digits(zone, pos, 2, minutes) || pos != zone.size() || hours > 23 ||
      minutes > 59) {
    return std::nullopt;
  }
  return sign * (hours * 3600 + minutes * 60);
}

}  // namespace

bool in_range(Timestamp t) {
  return t.nanos >= 0 && t.nanos < kNanosPerSecond && t.seconds >= kMinTimestampSeconds &&
         t.seconds <= kMaxTimestampSeconds;
}

bool in_range(Duration d) {
  return d.nanos >= 0 && d.nanos < kNanosPerSecond && d >= kMinDuration && d <= kMaxDuration;
}

Duration duration_from_nanos(std::int64_t nanos) {
  std::int64_t seconds = nanos / kNanosPerSecond;
  std::int64_t rest = nanos % kNanosPerSecond;
  if (rest < 0) {
    rest += kNanosPerSecond;
    seconds -= 1;
  }
  return Duration{seconds, static_cast<std::int32_t>(rest)};
}

std::optional<std::int64_t> to_nanos(Duration d) {
  if (!in_range(d)) return std::nullopt;
  // (seconds + 1) * 1e9 - (1e9 - nanos) keeps -2^63 itself representable.
  if (d.seconds < 0 && d.nanos > 0) {
    return (d.seconds + 1) * kNanosPerSecond - (kNanosPerSecond - d.nanos);
  }
  return d.seconds * kNanosPerSecond + d.nanos;
}

std::optional<Timestamp> add(Timestamp t, Duration d) {
  if (!in_range(t) || !in_range(d)) return std::nullopt;
  std::int64_t seconds = 0;
  if (!checked_add(t.seconds, d.seconds, seconds)) return std::nullopt;
  return make_timestamp(seconds, std::int64_t{t.nanos} + d.nanos);
}

std::optional<Timestamp> subtract(Timestamp t, Duration d) {
  if (!in_range(t) || !in_range(d)) return std::nullopt;
  std::int64_t seconds = 0;
  if (!checked_sub(t.seconds, d.seconds, seconds)) return std::nullopt;
  return make_timestamp(seconds, std::int64_t{t.nanos} - d.nanos);
}

namespace {

// The day `months` after `days` (both counted from the epoch), on the same
// day of the month or the month's last; std::nullopt outside the civil range.
std::optional<std::int64_t> move_by_months(std::int64_t days, std::int64_t months) {
  date::year_month_day date{to_sys_days(days)};
  std::int64_t month_index = std::int64_t{static_cast<int>(date.year())} * 12 +
                             static_cast<unsigned>(date.month()) - 1;
  if (!checked_add(month_index, months, month_index)) return std::nullopt;
  std::int64_t year = floor_div(month_index, 12);
  if (year < kMinCivilYear || year > kMaxCivilYear) return std::nullopt;
  auto month = static_cast<unsigned>(month_index - year * 12 + 1);

  date::year_month target{date::year{static_cast<int>(year)}, date::month{month}};
  date::day last_day = (target / date::last).day();
  date::day day = date.day() < last_day ? date.day() : last_day;
  return date::sys_days{target / day}.time_since_epoch().count();
}

// add(t, p) once the day t falls on has moved to `moved`.
std::optional<Timestamp> add_moved(Timestamp t, const Period& p, std::int64_t days,
                                   std::int64_t moved) {
  std::int64_t second_of_day = t.seconds - days * kSecondsPerDay;
  std::int64_t seconds = moved * kSecondsPerDay + second_of_day;
  if (!checked_add(seconds, p.fixed.seconds, seconds)) return std::nullopt;
  return make_timestamp(seconds, std::int64_t{t.nanos} + p.fixed.nanos);
}

}  // namespace

std::optional<Timestamp> add(Timestamp t, Period p) {
  if (!in_range(t) || !in_range(p.fixed)) return std::nullopt;
  if (p.months == 0) return add(t, p.fixed);
  std::int64_t days = floor_div(t.seconds, kSecondsPerDay);
  std::optional<std::int64_t> moved = move_by_months(days, p.months);
  if (!moved) return std::nullopt;
  return add_moved(t, p, days, *moved);
}

std::optional<Timestamp> PeriodAdder::operator()(Timestamp t) const {
  if (!in_range(t) || !in_range(period_.fixed)) return std::nullopt;
  if (period_.months == 0) return add(t, period_.fixed);
  std::int64_t days = floor_div(t.seconds, kSecondsPerDay);
  if (!moved_any_ || days != day_) {
    std::optional<std::int64_t> moved = move_by_months(days, period_.months);
    if (!moved) return std::nullopt;
    moved_any_ = true;
    day_ = days;
    moved_ = *moved;
  }
  return add_moved(t, period_, days, moved_);
}

std::optional<Timestamp> subtract(Timestamp t, Period p) {
  std::optional<Period> back = negate(p);
  if (!back) return std::nullopt;
  return add(t, *back);
}

std::optional<Duration> difference(Timestamp later, Timestamp earlier) {
  if (!in_range(later) || !in_range(earlier)) return std::nullopt;
  std::int64_t seconds = 0;
  if (!checked_sub(later.seconds, earlier.seconds, seconds)) return std::nullopt;
  std::int64_t nanos = std::int64_t{later.nanos} - earlier.nanos;
  if (nanos < 0) {
    nanos += kNanosPerSecond;
    seconds -= 1;  // |seconds| < 2^39 here
  }
  Duration d{seconds, static_cast<std::int32_t>(nanos)};
  if (!in_range(d)) return std::nullopt;
  return d;
}

std::optional<Duration> add(Duration a, Duration b) {
  auto x = to_nanos(a);
  auto y = to_nanos(b);
  std::int64_t sum = 0;
  if (!x || !y || !checked_add(*x, *y, sum)) return std::nullopt;
  return duration_from_nanos(sum);
}

std::optional<Duration> subtract(Duration a, Duration b) {
  auto x = to_nanos(a);
  auto y = to_nanos(b);
  std::int64_t result = 0;
  if (!x || !y || !checked_sub(*x, *y, result)) return std::nullopt;
  return duration_from_nanos(result);
}

std::optional<Duration> negate(Duration d) {
  auto x = to_nanos(d);
  std::int64_t result = 0;
  if (!x || !checked_sub(0, *x, result)) return std::nullopt;
  return duration_from_nanos(result);
}

std::optional<Period> add(const Period& a, const Period& b) {
  std::int64_t months = 0;
  if (!checked_add(a.months, b.months, months)) return std::nullopt;
  auto fixed = add(a.fixed, b.fixed);
  if (!fixed) return std::nullopt;
  return Period{months, *fixed};
}

std::optional<Period> negate(const Period& p) {
  std::int64_t months = 0;
  if (!checked_sub(0, p.months, months)) return std::nullopt;
  auto fixed = negate(p.fixed);
  if (!fixed) return std::nullopt;
  return Period{months, *fixed};
}

std::optional<Timestamp> parse_timestamp(std::string_view text) {
  std::size_t pos = 0;
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  auto expect = [&](char c) { return pos < text.size() && text[pos++] == c; };
  if (!read_fixed_digits(text, pos, 4, year) || !expect('-') ||
      !read_fixed_digits(text, pos, 2, month) || !expect('-') ||
      !read_fixed_digits(text, pos, 2, day)) {
    return std::nullopt;
  }
  if (pos >= text.size() || (text[pos] != 'T' && text[pos] != 't')) return std::nullopt;
  ++pos;
  if (!read_fixed_digits(text, pos, 2, hour) || !expect(':') ||
      !read_fixed_digits(text, pos, 2, minute) || !expect(':') ||
      !read_fixed_digits(text, pos, 2, second)) {
    return std::nullopt;
  }
  std::int64_t nanos = 0;
  if (pos < text.size() && text[pos] == '.') {
    ++pos;
    if (!fraction_to_nanos(read_digit_run(text, pos), nanos)) return std::nullopt;
  }
  if (pos >= text.size()) return std::nullopt;
  std::int64_t offset = 0;
  char zone = text[pos++];
  if (zone == 'Z' || zone == 'z') {
    if (pos != text.size()) return std::nullopt;
  } else if (zone == '+' || zone == '-') {
    auto fixed = parse_fixed_offset(text.substr(pos - 1));
    if (!fixed) return std::nullopt;
    offset = *fixed;
  } else {
    return std::nullopt;
  }

  date::year_month_day date{date::year{year}, date::month{static_cast<unsigned>(month)},
                            date::day{static_cast<unsigned>(day)}};
  if (!date.ok() || hour > 23 || minute > 59 || second > 59) return std::nullopt;
  std::int64_t seconds = std::int64_t{date::sys_days{date}.time_since_epoch().count()} * kSecondsPerDay +
                         hour * 3600 + minute * 60 + second - offset;
  Timestamp t{seconds, static_cast<std::int32_t>(nanos)};
  if (!in_range(t)) return std::nullopt;
  return t;
}

std::string format_timestamp(Timestamp t) {
  std::string out;
  append_timestamp(out, t);
  return out;
}

void append_timestamp(std::string& out, Timestamp t) {
  if (!in_range(t)) {
    out += "invalid timestamp";
    return;
  }
  std::int64_t days = floor_div(t.seconds, kSecondsPerDay);
  auto second_of_day = static_cast<unsigned>(t.seconds - days * kSecondsPerDay);
  date::year_month_day date{to_sys_days(days)};
  // In range, every part has a fixed width: "yyyy-mm-ddThh:mm:ss".
  char text[19];
  auto put = [&text](std::size_t at, unsigned value, std::size_t width) {
    for (std::size_t i = width; i-- > 0; value /= 10) {
      text[at + i] = static_cast<char>('0' + value % 10);
    }
  };
  put(0, static_cast<unsigned>(static_cast<int>(date.year())), 4);
  text[4] = '-';
  put(5, static_cast<unsigned>(date.month()), 2);
  text[7] = '-';
  put(8, static_cast<unsigned>(date.day()), 2);
  text[10] = 'T';
  put(11, second_of_day / 3600, 2);
  text[13] = ':';
  put(14, second_of_day / 60 % 60, 2);
  text[16] = ':';
  put(17, second_of_day % 60, 2);
  out.append(text, sizeof text);
  append_fraction_369(out, t.nanos);
  out.push_back('Z');
}

std::optional<Duration> parse_duration(std::string_view text) {
  std::size_t pos = 0;
  bool negative = false;
  if (pos < text.size() && (text[pos] == '-' || text[pos] == '+')) {
    negative = text[pos] == '-';
    ++pos;
  }
  if (text.substr(pos) == "0") return Duration{};
  if (pos == text.size()) return std::nullopt;

  std::uint64_t total = 0;  // magnitude in nanoseconds
  while (pos < text.size()) {
    std::string_view whole = read_digit_run(text, pos);
    std::string_view fraction;
    if (pos < text.size() && text[pos] == '.') {
      ++pos;
      fraction = read_digit_run(text, pos);
    }
    if (whole.empty() && fraction.empty()) return std::nullopt;
    std::size_t unit_start = pos;
    while (pos < text.size() && text[pos] != '.' && !is_digit(text[pos])) ++pos;
    std::string_view unit_name = text.substr(unit_start, pos - unit_start);
    const DurationUnit* unit = nullptr;
    for (const DurationUnit& candidate : kDurationUnits) {
      if (candidate.name == unit_name) unit = &candidate;
    }
    if (unit == nullptr) return std::nullopt;

    std::uint64_t count = 0;
    if (!whole.empty() && !digits_to_u64(whole, count)) return std::nullopt;
    std::uint64_t nanos = 0;
    if (__builtin_mul_overflow(count, unit->nanos, &nanos) ||
        __builtin_add_overflow(nanos, fraction_of_unit(fraction, *unit), &nanos) ||
        __builtin_add_overflow(total, nanos, &total)) {
      return std::nullopt;
    }
  }
  constexpr auto kMaxMagnitude = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
  if (negative) {
    if (total > kMaxMagnitude + 1) return std::nullopt;
    // -total without overflowing at 2^63.
    return duration_from_nanos(total == kMaxMagnitude + 1 ? std::numeric_limits<std::int64_t>::min()
                                                          : -static_cast<std::int64_t>(total));
  }
  if (total > kMaxMagnitude) return std::nullopt;
  return duration_from_nanos(static_cast<std::int64_t>(total));
}

std::string format_duration(Duration d) {
  if (!in_range(d)) return "invalid duration";
  std::string out;
  std::int64_t seconds = d.seconds;
  std::int32_t nanos = d.nanos;
  if (seconds < 0) {
    out.push_back('-');
    if (nanos > 0) {
      seconds = -(seconds + 1);
      nanos = static_cast<std::int32_t>(kNanosPerSecond - nanos);
    } else {
      seconds = -seconds;
    }
  }
  out += std::to_string(seconds);
  append_fraction_369(out, nanos);
  out.push_back('s');
  return out;
}

std::optional<Period> parse_period(std::string_view text) {
  std::size_t pos = 0;
  bool negative = false;
  if (pos < text.size() && text[pos] == '-') {
    negative = true;
    ++pos;
  }
  if (pos == text.size()) return std::nullopt;
  PeriodAccumulator acc;
  if (text[pos] == 'P') {
    ++pos;
    std::size_t next = 0;
    std::size_t count = 0;
    while (pos < text.size() && text[pos] != 'T') {
      if (!read_period_component(text, pos, kIsoDateUnits, next, is_iso_date_unit, negative, acc)) {
        return std::nullopt;
      }
      ++count;
    }
    if (pos < text.size()) {  // 'T' and at least one time component
      ++pos;
      if (pos == text.size()) return std::nullopt;
      next = 0;
      while (pos < text.size()) {
        if (!read_period_component(text, pos, kIsoTimeUnits, next, is_upper_letter, negative, acc)) {
          return std::nullopt;
        }
        ++count;
      }
    }
    if (count == 0) return std::nullopt;
  } else {
    std::size_t next = 0;
    while (pos < text.size()) {
      if (!read_period_component(text, pos, kShortPeriodUnits, next, is_lower_letter, negative, acc)) {
        return std::nullopt;
      }
    }
  }
  return Period{acc.months, duration_from_nanos(acc.nanos)};
}

std::string format_period(const Period& p) {
  std::string short_form = write_period(p, false);
  std::string iso_form = write_period(p, true);
  return iso_form.size() < short_form.size() ? iso_form : short_form;
}

std::string format_period_iso(const Period& p) { return write_period(p, true); }

std::optional<CivilTime> civil_time(Timestamp t, std::string_view zone) {
  if (!in_range(t)) return std::nullopt;
  std::int64_t offset = 0;
  if (zone == "Z") {
    offset = 0;
  } else if (auto fixed = parse_fixed_offset(zone)) {
    offset = *fixed;
  } else {
    // Only names of the installed database resolve: locate_zone looks the
    // name up in the list read at start-up and opens no path built from it.
    try {
      const date::time_zone* tz = date::locate_zone(zone);
      date::sys_info info = tz->get_info(date::sys_seconds{std::chrono::seconds{t.seconds}});
      offset = info.offset.count();
    } catch (const std::exception&) {
      return std::nullopt;
    }
  }
  std::int64_t local = t.seconds + offset;
  std::int64_t days = floor_div(local, kSecondsPerDay);
  std::int64_t second_of_day = local - days * kSecondsPerDay;
  date::sys_days day_point = to_sys_days(days);
  date::year_month_day date{day_point};
  date::sys_days new_year{date.year() / date::January / 1};

  CivilTime civil;
  civil.year = static_cast<int>(date.year());
  civil.month = static_cast<std::int32_t>(static_cast<unsigned>(date.month()));
  civil.day = static_cast<std::int32_t>(static_cast<unsigned>(date.day()));
  civil.hour = static_cast<std::int32_t>(second_of_day / 3600);
  civil.minute = static_cast<std::int32_t>(second_of_day / 60 % 60);
  civil.second = static_cast<std::int32_t>(second_of_day % 60);
  civil.millisecond = t.nanos / 1'000'000;
  civil.nanosecond = t.nanos;
  civil.day_of_week = static_cast<std::int32_t>(date::weekday{day_point}.c_encoding());
  civil.day_of_year = static_cast<std::int32_t>((day_point - new_year).count()) + 1;
  civil.utc_offset_seconds = static_cast<std::int32_t>(offset);
  return civil;
}

std::string describe_period(const Period& p) {
  std::vector<std::string> parts;
  auto count = [&](std::int64_t n, const char* one, const char* many) {
    if (n != 0) parts.push_back(std::to_string(n) + " " + (n == 1 || n == -1 ? one : many));
  };
  // Months stay months ("in the 12 months after" reads better than years).
  count(p.months, "month", "months");
  std::int64_t seconds = p.fixed.seconds;
  // Whole days read as days; anything finer falls back to hours, minutes
  // and seconds, with a fraction of a second as a plain duration.
  if (p.fixed.nanos != 0) {
    parts.push_back(format_duration(p.fixed));
  } else if (seconds % 86400 == 0) {
    count(seconds / 86400, "day", "days");
  } else if (seconds % 3600 == 0) {
    count(seconds / 3600, "hour", "hours");
  } else if (seconds % 60 == 0) {
    count(seconds / 60, "minute", "minutes");
  } else {
    count(seconds, "second", "seconds");
  }
  if (parts.empty()) return "no time";
  std::string text = parts[0];
  for (std::size_t i = 1; i < parts.size(); ++i) text += " and " + parts[i];
  return text;
}

}  // namespace accord::eval
