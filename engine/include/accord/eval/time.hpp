// Instants, durations and calendar periods, with CEL's ranges.
//
//   auto t = accord::eval::parse_timestamp("2025-08-31T00:00:00Z");
//   auto due = accord::eval::add(*t, accord::eval::Period{.months = 6});  // 2026-02-28
//   std::string text = accord::eval::format_timestamp(*due);
//
// Every function here is pure and thread-safe. Nothing throws on bad input:
// parsing and arithmetic return std::nullopt instead.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace accord::eval {

// An instant in UTC: seconds since 1970-01-01T00:00:00Z plus nanoseconds in
// [0, 1e9). CEL's range is 0001-01-01T00:00:00Z to 9999-12-31T23:59:59.999999999Z.
struct Timestamp {
  std::int64_t seconds = 0;
  std::int32_t nanos = 0;

  friend auto operator<=>(const Timestamp&, const Timestamp&) = default;
};

// A fixed length of time, normalised like Timestamp (nanos in [0, 1e9), so
// -1.5s is {-2, 500000000}). CEL limits durations to one int64 count of
// nanoseconds (langdef "Overflow"; about ±292 years): the conformance tests
// require 9999-12-31 minus 0001-01-01 to be a range error.
struct Duration {
  std::int64_t seconds = 0;
  std::int32_t nanos = 0;

  friend auto operator<=>(const Duration&, const Duration&) = default;
};

// A calendar span, as agreements speak: first `months` calendar months
// (day of month kept, clamped to the month's end), then the fixed part.
// `6mo`, `P6M` and months(6) are Period{6, {}}; `P1M14D` is Period{1, 14 days}.
// The two parts may have different signs (`1mo-14d`).
struct Period {
  std::int64_t months = 0;
  Duration fixed;

  friend bool operator==(const Period&, const Period&) = default;
};

inline constexpr std::int64_t kMinTimestampSeconds = -62135596800;  // 0001-01-01
inline constexpr std::int64_t kMaxTimestampSeconds = 253402300799;  // 9999-12-31T23:59:59
// The duration range is [-2^63, 2^63 - 1] nanoseconds:
// -9223372036.854775808s to 9223372036.854775807s.
inline constexpr Duration kMinDuration{-9223372037, 145224192};
inline constexpr Duration kMaxDuration{9223372036, 854775807};
inline constexpr std::int64_t kMaxDurationSeconds = kMaxDuration.seconds;

bool in_range(Timestamp t);
bool in_range(Duration d);  // also checks that nanos is in [0, 1e9)

// Arithmetic; std::nullopt when an operand or the result leaves the range.
std::optional<Timestamp> add(Timestamp t, Duration d);
std::optional<Timestamp> subtract(Timestamp t, Duration d);
std::optional<Timestamp> add(Timestamp t, Period p);       // months first, clamped
// add(t, negate(p)): months back (clamped), then the fixed part back, the
// order java.time and ECMAScript Temporal use.
std::optional<Timestamp> subtract(Timestamp t, Period p);
std::optional<Duration> difference(Timestamp later, Timestamp earlier);
std::optional<Duration> add(Duration a, Duration b);
std::optional<Duration> subtract(Duration a, Duration b);
std::optional<Duration> negate(Duration d);
// Periods add part by part: months with months, fixed with fixed.
std::optional<Period> add(const Period& a, const Period& b);
std::optional<Period> negate(const Period& p);

// add(t, period) for many times t, the calendar's month step worked out
// once per day: the events of a log of dates share a few days. It keeps the
// last day in itself, even when const: one adder per thread.
class PeriodAdder {
 public:
  explicit PeriodAdder(Period period) : period_(period) {}

  std::optional<Timestamp> operator()(Timestamp t) const;

 private:
  Period period_;
  // A cache: add(t, period) all the same.
  mutable bool moved_any_ = false;
  mutable std::int64_t day_ = 0;    // the last day moved
  mutable std::int64_t moved_ = 0;  // where it moved to, in days
};

// Whole nanoseconds; every int64 is a valid duration.
Duration duration_from_nanos(std::int64_t nanos);
// std::nullopt unless in_range(d).
std::optional<std::int64_t> to_nanos(Duration d);

// RFC 3339 as CEL's timestamp() takes it: "2025-01-10T09:30:00Z",
// "2025-01-10T09:30:00.5+01:00": a four-digit year, 1 to 9 fraction digits,
// "Z" or an offset ±hh:mm; 't' and 'z' may be lower case (RFC 3339 5.6).
// std::nullopt on anything else, including invalid dates (Feb 30), hour 24,
// second 60 and instants outside CEL's range after applying the offset.
std::optional<Timestamp> parse_timestamp(std::string_view text);

// RFC 3339 in UTC with "Z", and 0, 3, 6 or 9 fraction digits as needed.
// Requires in_range(t).
std::string format_timestamp(Timestamp t);
// The same, appended to `out` (reports write hundreds of thousands).
void append_timestamp(std::string& out, Timestamp t);

// CEL's duration() strings, as Go's time.ParseDuration reads them: an
// optional sign, then "0" or one or more decimal numbers with units h, m,
// s, ms, us (or µs), ns ("1h30m", "-1.5s", ".5s", "2562047h"). Exact:
// fractions are computed digit by digit and truncated to whole nanoseconds.
// std::nullopt on garbage or when the total leaves the duration range.
std::optional<Duration> parse_duration(std::string_view text);

// The protobuf JSON form: seconds with 0, 3, 6 or 9 fraction digits and a
// trailing "s" ("90s", "-1.500s"). Reads back with parse_duration.
std::string format_duration(Duration d);

// A rule-set parameter or option. Two forms:
//   short:    one or more <number><unit>, units y (12 months), mo, d (24 h),
//             h, m, s: "14d", "36h", "90m", "30s", "6mo", "1y", "1y6mo";
//   ISO 8601: "P6M", "P14D", "P2W", "P1Y2M3DT4H5M6S", "PT36H" (upper case).
// Numbers are whole, except that seconds may have up to 9 fraction digits
// ("1.5s", "PT0.5S"). A leading '-' negates the whole period ("-6mo",
// "-P6M"), and a '-' before a component's number negates that component
// ("1mo-14d", "P1M-14D", as java.time reads "P-1M"): format_period must be
// able to write every Period, including those months(-3) produces. Rule
// loaders that want only lengths reject negative results themselves.
// Rejects "", "P", "PT", "14", "d", "1.5mo", unknown units, a unit twice,
// units out of order, and values beyond the Period's range.
std::optional<Period> parse_period(std::string_view text);

// The shortest of the short forms that reads back as p ("6mo", "1y",
// "36h", "90m", "1mo-14d", "-1.5s", "0s"); the ISO form is never shorter.
std::string format_period(const Period& p);

// The shortest ISO 8601 form without weeks that reads back as p ("P6M",
// "P1Y", "PT36H", "P1M14D", "P1M-14D", "-P6M", "PT1.5S", "P0D").
std::string format_period_iso(const Period& p);

// The period in words, for messages a person reads: "6 months", "14 days",
// "12 months", "1 month and 14 days", "36 hours", "90 minutes".
std::string describe_period(const Period& p);

// An instant's wall-clock fields in a time zone.
struct CivilTime {
  std::int32_t year = 0;          // may be 0 or 10000 at the range's edges
  std::int32_t month = 0;         // 1 = January .. 12
  std::int32_t day = 0;           // 1 .. 31
  std::int32_t hour = 0;          // 0 .. 23
  std::int32_t minute = 0;        // 0 .. 59
  std::int32_t second = 0;        // 0 .. 59
  std::int32_t millisecond = 0;   // 0 .. 999
  std::int32_t nanosecond = 0;    // 0 .. 999'999'999, the whole fraction
  std::int32_t day_of_week = 0;   // 0 = Sunday .. 6 = Saturday
  std::int32_t day_of_year = 0;   // 1 = 1 January .. 366
  std::int32_t utc_offset_seconds = 0;  // local minus UTC at that instant
};

// The civil fields of t in `zone`: an IANA name from the system time zone
// database ("Europe/London", "America/St_Johns", "US/Central", "UTC"),
// "Z", or a fixed offset "+11:00", "-02:30", "02:00" (sign optional, as
// cel-go reads it; hh 00-23, mm 00-59). std::nullopt for an unknown zone,
// a malformed offset, or t out of range. Safe to call from many threads.
std::optional<CivilTime> civil_time(Timestamp t, std::string_view zone);

}  // namespace accord::eval
