// Instants, durations and calendar periods, with CEL's ranges.
//
//   auto t = accord::eval::parse_timestamp("2025-08-31T00:00:00Z");
//   auto due = accord::eval::add(*t, accord::eval::Period{.months = 6});  // 2026-02-28
//   std::string text = accord::eval::format_timestamp(*due);
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
// -1.5s is {-2, 500000000}). CEL's range is ±315,576,000,000.999999999 s.
struct Duration {
  std::int64_t seconds = 0;
  std::int32_t nanos = 0;

  friend auto operator<=>(const Duration&, const Duration&) = default;
};

// A calendar span, as agreements speak: first `months` calendar months
// (day of month kept, clamped to the month's end), then the fixed part.
// `6mo`, `P6M` and months(6) are Period{6, {}}; `P1M14D` is Period{1, 14 days}.
struct Period {
  std::int64_t months = 0;
  Duration fixed;

  friend bool operator==(const Period&, const Period&) = default;
};

inline constexpr std::int64_t kMinTimestampSeconds = -62135596800;  // 0001-01-01
inline constexpr std::int64_t kMaxTimestampSeconds = 253402300799;  // 9999-12-31T23:59:59
inline constexpr std::int64_t kMaxDurationSeconds = 315576000000;

bool in_range(Timestamp t);
bool in_range(Duration d);

// Arithmetic; std::nullopt when the result leaves the range.
std::optional<Timestamp> add(Timestamp t, Duration d);
std::optional<Timestamp> subtract(Timestamp t, Duration d);
std::optional<Timestamp> add(Timestamp t, Period p);       // months first, clamped
std::optional<Timestamp> subtract(Timestamp t, Period p);  // the inverse walk: months back, clamped
std::optional<Duration> difference(Timestamp later, Timestamp earlier);
std::optional<Duration> add(Duration a, Duration b);
std::optional<Duration> subtract(Duration a, Duration b);
std::optional<Duration> negate(Duration d);

// RFC 3339 as CEL's timestamp() takes it: "2025-01-10T09:30:00Z",
// "2025-01-10T09:30:00.5+01:00". std::nullopt on anything else.
std::optional<Timestamp> parse_timestamp(std::string_view text);

// RFC 3339 in UTC with "Z", and 0, 3, 6 or 9 fraction digits as needed.
std::string format_timestamp(Timestamp t);

// CEL's duration() strings: a sign, then decimal numbers with units
// h, m, s, ms, us, ns ("1h30m", "-1.5s", "0").
std::optional<Duration> parse_duration(std::string_view text);

// The protobuf JSON form: seconds with 0, 3, 6 or 9 fraction digits and a
// trailing "s" ("90s", "-1.500s").
std::string format_duration(Duration d);

// A rule-set parameter or option: "14d", "36h", "90m", "30s", "6mo", "1y",
// or ISO 8601 "P6M", "P14D", "P1Y2M3DT4H5M6S", "PT36H". Days are 24 hours.
std::optional<Period> parse_period(std::string_view text);

// The shortest of the forms parse_period takes that reads back as p.
std::string format_period(const Period& p);

}  // namespace accord::eval
