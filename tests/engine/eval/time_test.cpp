#include <accord/eval/time.hpp>

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <random>
#include <string>
#include <vector>

namespace accord::eval {
namespace {

Timestamp at(std::string_view text) {
  auto t = parse_timestamp(text);
  EXPECT_TRUE(t.has_value()) << text;
  return t.value_or(Timestamp{});
}

Duration dur(std::string_view text) {
  auto d = parse_duration(text);
  EXPECT_TRUE(d.has_value()) << text;
  return d.value_or(Duration{});
}

std::string plus_months(std::string_view start, std::int64_t months) {
  auto t = add(at(start), Period{months, {}});
  return t ? format_timestamp(*t) : "nullopt";
}

// ---- timestamps -------------------------------------------------------------

TEST(TimeTimestamps, ParsesRfc3339) {
  EXPECT_EQ(at("2009-02-13T23:31:30Z"), (Timestamp{1234567890, 0}));
  EXPECT_EQ(at("1970-01-01T00:00:00Z"), (Timestamp{0, 0}));
  EXPECT_EQ(at("1969-12-31T23:59:59.5Z"), (Timestamp{-1, 500000000}));
  EXPECT_EQ(at("2009-02-13T23:31:20.123456789Z"), (Timestamp{1234567880, 123456789}));
  EXPECT_EQ(at("0001-01-01T00:00:00Z"), (Timestamp{kMinTimestampSeconds, 0}));
  EXPECT_EQ(at("9999-12-31T23:59:59.999999999Z"), (Timestamp{kMaxTimestampSeconds, 999999999}));
  EXPECT_EQ(at("2024-02-29T12:00:00z"), at("2024-02-29t12:00:00Z"));  // RFC 3339 5.6
}

TEST(TimeTimestamps, AppliesOffsets) {
  EXPECT_EQ(at("2009-02-14T05:01:30+05:30"), at("2009-02-13T23:31:30Z"));
  EXPECT_EQ(at("2009-02-13T20:31:30-03:00"), at("2009-02-13T23:31:30Z"));
  EXPECT_EQ(at("2009-02-13T23:31:30-00:00"), at("2009-02-13T23:31:30Z"));
  EXPECT_EQ(at("2009-02-13T23:31:30+00:00"), at("2009-02-13T23:31:30Z"));
  EXPECT_EQ(at("2025-01-10T09:30:00.5+01:00"), (Timestamp{at("2025-01-10T08:30:00Z").seconds, 500000000}));
  // The offset may carry an instant across the range's edge.
  EXPECT_EQ(at("0001-01-01T01:00:00+01:00"), (Timestamp{kMinTimestampSeconds, 0}));
  EXPECT_FALSE(parse_timestamp("0001-01-01T00:30:00+01:00"));
  EXPECT_FALSE(parse_timestamp("9999-12-31T23:59:59-00:01"));
}

TEST(TimeTimestamps, RejectsMalformedOrOutOfRange) {
  for (std::string_view bad : {
           "", "2009-02-13", "2009-02-13T23:31:30", "2009-02-13 23:31:30Z", "2009-13-01T00:00:00Z",
           "2009-00-01T00:00:00Z", "2009-02-30T00:00:00Z", "2023-02-29T00:00:00Z",
           "2009-02-00T00:00:00Z", "2009-02-13T24:00:00Z", "2009-02-13T23:60:00Z",
           "2009-02-13T23:31:60Z", "2009-02-13T23:31:30.Z", "2009-02-13T23:31:30.1234567890Z",
           "2009-02-13T23:31:30+0100", "2009-02-13T23:31:30+24:00", "2009-02-13T23:31:30+01:60",
           "2009-02-13T23:31:30+1:00", "2009-02-13T23:31:30ZZ", "2009-02-13T23:31:30Z ",
           " 2009-02-13T23:31:30Z", "209-02-13T23:31:30Z", "2009-2-13T23:31:30Z",
           "2009-02-13T23:31Z", "+2009-02-13T23:31:30Z", "0000-01-01T00:00:00Z",
           "10000-01-01T00:00:00Z", "2009-02-13T23:31:30UTC", "2009-02-13T23:31:3aZ",
           "2009-02-13T23:31:30.12a3Z"}) {
    EXPECT_FALSE(parse_timestamp(bad)) << bad;
  }
}

TEST(TimeTimestamps, FormatsWithThreeSixOrNineDigits) {
  EXPECT_EQ(format_timestamp(Timestamp{1234567890, 0}), "2009-02-13T23:31:30Z");
  EXPECT_EQ(format_timestamp(Timestamp{0, 500000000}), "1970-01-01T00:00:00.500Z");
  EXPECT_EQ(format_timestamp(Timestamp{0, 120000}), "1970-01-01T00:00:00.000120Z");
  EXPECT_EQ(format_timestamp(Timestamp{0, 1}), "1970-01-01T00:00:00.000000001Z");
  EXPECT_EQ(format_timestamp(Timestamp{-1, 0}), "1969-12-31T23:59:59Z");
  EXPECT_EQ(format_timestamp(Timestamp{kMinTimestampSeconds, 0}), "0001-01-01T00:00:00Z");
  EXPECT_EQ(format_timestamp(Timestamp{kMaxTimestampSeconds, 999999999}),
            "9999-12-31T23:59:59.999999999Z");
  EXPECT_EQ(format_timestamp(Timestamp{kMaxTimestampSeconds + 1, 0}), "invalid timestamp");
  // Appended after what is there, as a report writes it.
  std::string line = "due ";
  append_timestamp(line, Timestamp{1234567890, 250000000});
  EXPECT_EQ(line, "due 2009-02-13T23:31:30.250Z");
}

TEST(TimeTimestamps, FormatReadsBack) {
  std::mt19937_64 random(20250110);
  std::uniform_int_distribution<std::int64_t> seconds(kMinTimestampSeconds, kMaxTimestampSeconds);
  std::uniform_int_distribution<std::int32_t> nanos(0, 999999999);
  for (int i = 0; i < 2000; ++i) {
    Timestamp t{seconds(random), i % 4 == 0 ? 0 : nanos(random)};
    if (i % 4 == 1) t.nanos -= t.nanos % 1000000;
    auto back = parse_timestamp(format_timestamp(t));
    ASSERT_TRUE(back) << format_timestamp(t);
    EXPECT_EQ(*back, t);
  }
}

TEST(TimeTimestamps, RangeChecks) {
  EXPECT_TRUE(in_range(Timestamp{kMinTimestampSeconds, 0}));
  EXPECT_FALSE(in_range(Timestamp{kMinTimestampSeconds - 1, 999999999}));
  EXPECT_TRUE(in_range(Timestamp{kMaxTimestampSeconds, 999999999}));
  EXPECT_FALSE(in_range(Timestamp{kMaxTimestampSeconds + 1, 0}));
  EXPECT_FALSE(in_range(Timestamp{0, -1}));
  EXPECT_FALSE(in_range(Timestamp{0, 1000000000}));
}

// ---- timestamp and duration arithmetic -------------------------------------

TEST(TimeArithmetic, AddsAndSubtractsDurations) {
  EXPECT_EQ(add(at("2009-02-13T23:00:00Z"), dur("240s")), at("2009-02-13T23:04:00Z"));
  EXPECT_EQ(subtract(at("2009-02-13T23:10:00Z"), dur("600s")), at("2009-02-13T23:00:00Z"));
  EXPECT_EQ(add(at("0001-01-01T00:00:01.000000001Z"), dur("-999999999ns")),
            at("0001-01-01T00:00:00.000000002Z"));
  EXPECT_EQ(add(at("0001-01-01T00:00:01.999999999Z"), dur("999999999ns")),
            at("0001-01-01T00:00:02.999999998Z"));
  EXPECT_EQ(difference(at("2009-02-13T23:31:00Z"), at("2009-02-13T23:29:00Z")), dur("120s"));
  EXPECT_EQ(difference(at("2009-02-13T23:29:00Z"), at("2009-02-13T23:31:00.25Z")), dur("-120.25s"));
  EXPECT_EQ(add(dur("600s"), dur("50s")), dur("650s"));
  EXPECT_EQ(subtract(dur("900s"), dur("42s")), dur("858s"));
  EXPECT_EQ(negate(dur("1.5s")), (Duration{-2, 500000000}));
}

TEST(TimeArithmetic, FailsOutsideTheRanges) {
  EXPECT_FALSE(add(at("0001-01-01T00:00:00Z"), dur("-1ns")));
  EXPECT_FALSE(add(at("9999-12-31T23:59:59.999999999Z"), dur("1ns")));
  EXPECT_FALSE(add(at("9999-12-31T23:59:59Z"), dur("1s")));
  EXPECT_FALSE(subtract(at("0001-01-01T00:00:00Z"), dur("1s")));
  // The conformance data's timestamp_range tests: the span of CEL's
  // timestamps does not fit a duration.
  EXPECT_FALSE(difference(at("9999-12-31T23:59:59Z"), at("0001-01-01T00:00:00Z")));
  EXPECT_FALSE(difference(at("0001-01-01T00:00:00Z"), at("9999-12-31T23:59:59Z")));
  EXPECT_EQ(difference(at("2262-04-11T23:47:16.854775807Z"), at("1970-01-01T00:00:00Z")), kMaxDuration);
  EXPECT_FALSE(difference(at("2262-04-11T23:47:16.854775808Z"), at("1970-01-01T00:00:00Z")));
  EXPECT_FALSE(add(kMaxDuration, dur("1ns")));
  EXPECT_FALSE(subtract(kMinDuration, dur("1ns")));
  EXPECT_FALSE(negate(kMinDuration));
  EXPECT_EQ(negate(kMaxDuration), add(kMinDuration, dur("1ns")));
  // Operands out of range are refused rather than wrapped.
  EXPECT_FALSE(add(Timestamp{std::numeric_limits<std::int64_t>::max(), 0}, Duration{1, 0}));
  EXPECT_FALSE(add(Timestamp{0, 0}, Duration{std::numeric_limits<std::int64_t>::max(), 0}));
  EXPECT_FALSE(add(Duration{0, 2000000000}, Duration{}));
  EXPECT_FALSE(to_nanos(Duration{kMaxDuration.seconds, 854775808}));
}

TEST(TimeArithmetic, NanosecondConversions) {
  EXPECT_EQ(to_nanos(kMinDuration), std::numeric_limits<std::int64_t>::min());
  EXPECT_EQ(to_nanos(kMaxDuration), std::numeric_limits<std::int64_t>::max());
  EXPECT_EQ(duration_from_nanos(std::numeric_limits<std::int64_t>::min()), kMinDuration);
  EXPECT_EQ(duration_from_nanos(-1), (Duration{-1, 999999999}));
  EXPECT_EQ(to_nanos(Duration{-1, 999999999}), -1);
}

// ---- calendar periods -------------------------------------------------------

TEST(TimeCalendar, ClampsTheDayToTheTargetMonth) {
  EXPECT_EQ(plus_months("2025-08-31T00:00:00Z", 6), "2026-02-28T00:00:00Z");
  EXPECT_EQ(plus_months("2023-08-31T09:15:00Z", 6), "2024-02-29T09:15:00Z");  // leap year
  EXPECT_EQ(plus_months("2024-02-29T12:00:00Z", 12), "2025-02-28T12:00:00Z");
  EXPECT_EQ(plus_months("2024-02-29T12:00:00Z", 48), "2028-02-29T12:00:00Z");
  EXPECT_EQ(plus_months("2025-01-31T00:00:00Z", 1), "2025-02-28T00:00:00Z");
  EXPECT_EQ(plus_months("2024-01-31T00:00:00Z", 1), "2024-02-29T00:00:00Z");
  EXPECT_EQ(plus_months("2025-01-31T23:59:59.5Z", 3), "2025-04-30T23:59:59.500Z");
  EXPECT_EQ(plus_months("2025-01-30T00:00:00Z", 1), "2025-02-28T00:00:00Z");
  EXPECT_EQ(plus_months("2025-02-28T00:00:00Z", 1), "2025-03-28T00:00:00Z");  // no end-of-month snapping
  EXPECT_EQ(plus_months("2025-01-15T00:00:00Z", 0), "2025-01-15T00:00:00Z");
}

TEST(TimeCalendar, WalksBackwards) {
  EXPECT_EQ(plus_months("2025-03-31T00:00:00Z", -1), "2025-02-28T00:00:00Z");
  EXPECT_EQ(plus_months("2024-03-31T00:00:00Z", -1), "2024-02-29T00:00:00Z");
  EXPECT_EQ(plus_months("2026-02-28T00:00:00Z", -6), "2025-08-28T00:00:00Z");
  EXPECT_EQ(plus_months("2025-01-15T08:00:00Z", -13), "2023-12-15T08:00:00Z");
  EXPECT_EQ(plus_months("2025-05-31T00:00:00Z", -3), "2025-02-28T00:00:00Z");
  auto back = subtract(at("2025-03-31T00:00:00Z"), Period{1, dur("24h")});
  ASSERT_TRUE(back);
  EXPECT_EQ(format_timestamp(*back), "2025-02-27T00:00:00Z");  // months back, then the day
}

TEST(TimeCalendar, AddsMonthsThenTheFixedPart) {
  auto due = add(at("2025-01-31T10:00:00Z"), Period{1, dur("336h")});  // P1M14D
  ASSERT_TRUE(due);
  EXPECT_EQ(format_timestamp(*due), "2025-03-14T10:00:00Z");
  auto day_first_would_differ = add(at("2025-01-20T00:00:00Z"), Period{1, dur("264h")});
  ASSERT_TRUE(day_first_would_differ);
  EXPECT_EQ(format_timestamp(*day_first_would_differ), "2025-03-03T00:00:00Z");
}

TEST(TimeCalendar, StaysInRange) {
  EXPECT_EQ(plus_months("9999-11-30T23:59:59Z", 1), "9999-12-30T23:59:59Z");
  EXPECT_EQ(plus_months("9999-12-01T00:00:00Z", 1), "nullopt");
  EXPECT_EQ(plus_months("0001-02-28T00:00:00Z", -1), "0001-01-28T00:00:00Z");
  EXPECT_EQ(plus_months("0001-01-31T00:00:00Z", -1), "nullopt");
  EXPECT_EQ(plus_months("2025-01-01T00:00:00Z", std::numeric_limits<std::int64_t>::max()), "nullopt");
  EXPECT_EQ(plus_months("2025-01-01T00:00:00Z", std::numeric_limits<std::int64_t>::min()), "nullopt");
  EXPECT_EQ(plus_months("2025-01-01T00:00:00Z", 12 * 8000), "nullopt");
  EXPECT_FALSE(subtract(at("2025-01-01T00:00:00Z"), Period{std::numeric_limits<std::int64_t>::min(), {}}));
  // The civil date may pass the range's edge if the fixed part brings it back.
  // (10000 is a leap year: 9999-06-01 to 10000-06-01 is 366 days.)
  auto back_in = add(at("9999-06-01T00:00:00Z"), Period{12, dur("-8760h")});
  ASSERT_TRUE(back_in);
  EXPECT_EQ(format_timestamp(*back_in), "9999-06-02T00:00:00Z");
}

TEST(TimeCalendar, PeriodAdderAddsAsAddDoes) {
  // Times on a few days, in and out of order, near month ends, before the
  // epoch and at the range's edges, each given to adders of many periods:
  // the day they remember must never change an answer.
  std::vector<Timestamp> times = {at("2025-01-31T10:00:00Z"), at("2025-01-31T23:59:59.5Z"),
                                  at("2025-01-31T00:00:00Z"), at("2025-02-28T12:00:00Z"),
                                  at("2024-02-29T00:00:01Z"), at("2025-01-31T05:00:00Z"),
                                  at("1969-12-31T23:59:59.25Z"), at("1969-12-31T00:00:00Z"),
                                  at("0001-01-31T00:00:00Z"), at("9999-12-31T23:59:59Z"),
                                  at("9999-11-30T08:00:00Z"), at("9999-11-30T09:00:00Z")};
  std::mt19937_64 random(7);
  for (int i = 0; i < 200; ++i) {
    std::int64_t day = static_cast<std::int64_t>(random() % 20000) - 10000;
    times.push_back(Timestamp{day * 86400 + static_cast<std::int64_t>(random() % 86400),
                              static_cast<std::int32_t>(random() % 1'000'000'000)});
    times.push_back(Timestamp{day * 86400 + 3600, 0});  // the same day again
  }
  for (Period period : {Period{0, dur("720h")}, Period{1, {}}, Period{12, {}}, Period{-1, {}},
                        Period{1, dur("336h")}, Period{12, dur("-8760h")},
                        Period{3, dur("-0.5s")}, Period{12 * 8000, {}}}) {
    PeriodAdder adder(period);
    for (Timestamp t : times) {
      EXPECT_EQ(adder(t), add(t, period))
          << format_timestamp(t) << " + " << period.months << " months";
    }
  }
}

TEST(TimeCalendar, PeriodArithmetic) {
  EXPECT_EQ(add(Period{1, dur("1h")}, Period{2, dur("-2h")}), (Period{3, dur("-1h")}));
  EXPECT_EQ(negate(Period{1, dur("1.5s")}), (Period{-1, dur("-1.5s")}));
  EXPECT_FALSE(negate(Period{std::numeric_limits<std::int64_t>::min(), {}}));
  EXPECT_FALSE(add(Period{std::numeric_limits<std::int64_t>::max(), {}}, Period{1, {}}));
  EXPECT_FALSE(add(Period{0, kMaxDuration}, Period{0, dur("1ns")}));
}

// ---- durations ------------------------------------------------------------

TEST(TimeDurations, ParsesCelDurationStrings) {
  EXPECT_EQ(dur("0"), (Duration{0, 0}));
  EXPECT_EQ(dur("0s"), (Duration{0, 0}));
  EXPECT_EQ(dur("-0"), (Duration{0, 0}));
  EXPECT_EQ(dur("1h30m"), (Duration{5400, 0}));
  EXPECT_EQ(dur("-1.5s"), (Duration{-2, 500000000}));
  EXPECT_EQ(dur("+1.5s"), (Duration{1, 500000000}));
  EXPECT_EQ(dur("100ms"), (Duration{0, 100000000}));
  EXPECT_EQ(dur("1us"), (Duration{0, 1000}));
  EXPECT_EQ(dur("1\xC2\xB5s"), (Duration{0, 1000}));
  EXPECT_EQ(dur("7ns"), (Duration{0, 7}));
  EXPECT_EQ(dur("1h1m1s1ms1us1ns"), (Duration{3661, 1001001}));
  EXPECT_EQ(dur("1s1s"), (Duration{2, 0}));  // Go's parser allows repeats
  EXPECT_EQ(dur(".5s"), (Duration{0, 500000000}));
  EXPECT_EQ(dur("1.s"), (Duration{1, 0}));
  EXPECT_EQ(dur("123.321456789s"), (Duration{123, 321456789}));
  EXPECT_EQ(dur("1000000s"), (Duration{1000000, 0}));
  EXPECT_EQ(dur("2562047h"), (Duration{9223369200, 0}));
  EXPECT_EQ(dur("-2562047h"), (Duration{-9223369200, 0}));
}

TEST(TimeDurations, FractionsAreExact) {
  EXPECT_EQ(dur("1.1h"), (Duration{3960, 0}));
  EXPECT_EQ(dur("0.000000001s"), (Duration{0, 1}));
  EXPECT_EQ(dur("0.0000000019s"), (Duration{0, 1}));  // truncated, not rounded
  EXPECT_EQ(dur("0.333333333333333333333333h"), (Duration{1199, 999999999}));
  EXPECT_EQ(dur("0.1m"), (Duration{6, 0}));
  EXPECT_EQ(dur("1.0000000000000000000000001ns"), (Duration{0, 1}));
  EXPECT_EQ(dur("2.5us"), (Duration{0, 2500}));
  // 2^63 ns is one past the top, -2^63 ns is the bottom.
  EXPECT_EQ(dur("9223372036.854775807s"), kMaxDuration);
  EXPECT_EQ(dur("-9223372036.854775808s"), kMinDuration);
  EXPECT_FALSE(parse_duration("9223372036.854775808s"));
}

TEST(TimeDurations, RejectsGarbageAndOutOfRange) {
  for (std::string_view bad : {"", "-", "+", "s", "1", "1.5", ".s", "1x", "1hh", "1H", "1 s",
                               " 1s", "1s ", "1.2.3s", "--1s", "1s-1s", "1d", "1mo",
                               "320000000000s", "-320000000000s", "200000000000s", "2562048h",
                               "99999999999999999999ns", "00", "0x10s"}) {
    EXPECT_FALSE(parse_duration(bad)) << bad;
  }
}

TEST(TimeDurations, FormatsAsProtobufJson) {
  EXPECT_EQ(format_duration(dur("1000000s")), "1000000s");
  EXPECT_EQ(format_duration(dur("1.5s")), "1.500s");
  EXPECT_EQ(format_duration(dur("-0.5s")), "-0.500s");
  EXPECT_EQ(format_duration(dur("-1.5s")), "-1.500s");
  EXPECT_EQ(format_duration(dur("-90s")), "-90s");
  EXPECT_EQ(format_duration(dur("1us")), "0.000001s");
  EXPECT_EQ(format_duration(dur("123.321456789s")), "123.321456789s");
  EXPECT_EQ(format_duration(Duration{}), "0s");
  EXPECT_EQ(format_duration(kMinDuration), "-9223372036.854775808s");
  EXPECT_EQ(format_duration(kMaxDuration), "9223372036.854775807s");
  EXPECT_EQ(format_duration(Duration{0, -5}), "invalid duration");
}

TEST(TimeDurations, FormatReadsBack) {
  std::mt19937_64 random(7);
  std::uniform_int_distribution<std::int64_t> nanos(std::numeric_limits<std::int64_t>::min(),
                                                    std::numeric_limits<std::int64_t>::max());
  for (int i = 0; i < 2000; ++i) {
    std::int64_t n = nanos(random);
    if (i % 3 == 0) n -= n % 1000000000;
    Duration d = duration_from_nanos(n);
    auto back = parse_duration(format_duration(d));
    ASSERT_TRUE(back) << format_duration(d);
    EXPECT_EQ(*back, d);
  }
}

// ---- period text ------------------------------------------------------------

Period days(std::int64_t n) { return Period{0, Duration{n * 86400, 0}}; }

TEST(TimePeriods, ParsesShortForms) {
  EXPECT_EQ(parse_period("14d"), days(14));
  EXPECT_EQ(parse_period("36h"), (Period{0, dur("36h")}));
  EXPECT_EQ(parse_period("90m"), (Period{0, dur("90m")}));
  EXPECT_EQ(parse_period("30s"), (Period{0, dur("30s")}));
  EXPECT_EQ(parse_period("1.5s"), (Period{0, dur("1.5s")}));
  EXPECT_EQ(parse_period("6mo"), (Period{6, {}}));
  EXPECT_EQ(parse_period("1y"), (Period{12, {}}));
  EXPECT_EQ(parse_period("1y6mo"), (Period{18, {}}));
  EXPECT_EQ(parse_period("1mo14d"), (Period{1, dur("336h")}));
  EXPECT_EQ(parse_period("0s"), (Period{}));
  EXPECT_EQ(parse_period("-6mo"), (Period{-6, {}}));
  EXPECT_EQ(parse_period("-1y6mo"), (Period{-18, {}}));
  EXPECT_EQ(parse_period("1mo-14d"), (Period{1, dur("-336h")}));
  EXPECT_EQ(parse_period("-1mo-14d"), (Period{-1, dur("336h")}));
}

TEST(TimePeriods, ParsesIso8601) {
  EXPECT_EQ(parse_period("P6M"), (Period{6, {}}));
  EXPECT_EQ(parse_period("P14D"), days(14));
  EXPECT_EQ(parse_period("P2W"), days(14));
  EXPECT_EQ(parse_period("PT36H"), (Period{0, dur("36h")}));
  EXPECT_EQ(parse_period("P1Y2M3DT4H5M6S"), (Period{14, dur("76h5m6s")}));
  EXPECT_EQ(parse_period("PT0.5S"), (Period{0, dur("0.5s")}));
  EXPECT_EQ(parse_period("P1M"), (Period{1, {}}));
  EXPECT_EQ(parse_period("PT1M"), (Period{0, dur("1m")}));
  EXPECT_EQ(parse_period("P0D"), (Period{}));
  EXPECT_EQ(parse_period("-P6M"), (Period{-6, {}}));
  EXPECT_EQ(parse_period("P-1M14D"), (Period{-1, dur("336h")}));
  EXPECT_EQ(parse_period("-P-1M14D"), (Period{1, dur("-336h")}));
}

TEST(TimePeriods, RejectsGarbage) {
  for (std::string_view bad :
       {"", "-", "P", "PT", "P1DT", "T1H", "14", "d", "mo", "1.5mo", "1.5d", "1.5h", "1.s",
        "1.1234567890s", "6 mo", " 6mo", "6mo ", "6MO", "p6m", "6M", "P6m", "P6", "P1H", "PT1D",
        "P1D2M", "30m1h", "1d1d", "P1M1M", "+6mo", "6mo+", "1w", "1ms", "P1.5M", "P1.5D",
        "PT1.5M", "P1Y2M3DT4H5M6", "--", "1mo--14d", "P-", "99999999999999999999d",
        "1000000000000000000y", "106752d", "-106752d", "P9223372036854775807Y"}) {
    EXPECT_FALSE(parse_period(bad)) << bad;
  }
}

TEST(TimePeriods, FormatsShortest) {
  EXPECT_EQ(format_period(Period{6, {}}), "6mo");
  EXPECT_EQ(format_period(Period{12, {}}), "1y");
  EXPECT_EQ(format_period(Period{18, {}}), "18mo");
  EXPECT_EQ(format_period(Period{25, {}}), "25mo");
  EXPECT_EQ(format_period(Period{1212, {}}), "101y");
  EXPECT_EQ(format_period(days(14)), "14d");
  EXPECT_EQ(format_period(Period{0, dur("36h")}), "36h");
  EXPECT_EQ(format_period(Period{0, dur("90m")}), "90m");
  EXPECT_EQ(format_period(Period{0, dur("30s")}), "30s");
  EXPECT_EQ(format_period(Period{0, dur("25h1s")}), "25h1s");
  EXPECT_EQ(format_period(Period{0, dur("24h1s")}), "1d1s");
  EXPECT_EQ(format_period(Period{0, dur("1.5s")}), "1.5s");
  EXPECT_EQ(format_period(Period{0, dur("90.25s")}), "90.25s");
  EXPECT_EQ(format_period(Period{1, dur("336h")}), "1mo14d");
  EXPECT_EQ(format_period(Period{}), "0s");
  EXPECT_EQ(format_period(Period{-6, {}}), "-6mo");
  EXPECT_EQ(format_period(Period{-1, dur("-336h")}), "-1mo14d");
  EXPECT_EQ(format_period(Period{1, dur("-336h")}), "1mo-14d");
  EXPECT_EQ(format_period(Period{-1, dur("336h")}), "P-1M14D");  // shorter than -1mo-14d
}

TEST(TimePeriods, FormatsIso) {
  EXPECT_EQ(format_period_iso(Period{6, {}}), "P6M");
  EXPECT_EQ(format_period_iso(Period{12, {}}), "P1Y");
  EXPECT_EQ(format_period_iso(days(14)), "P14D");
  EXPECT_EQ(format_period_iso(Period{0, dur("36h")}), "PT36H");
  EXPECT_EQ(format_period_iso(Period{14, dur("76h5m6s")}), "P14MT76H5M6S");
  EXPECT_EQ(format_period_iso(Period{0, dur("1.5s")}), "PT1.5S");
  EXPECT_EQ(format_period_iso(Period{}), "P0D");
  EXPECT_EQ(format_period_iso(Period{-6, {}}), "-P6M");
  EXPECT_EQ(format_period_iso(Period{1, dur("-336h")}), "P1M-14D");
}

TEST(TimePeriods, FormatReadsBack) {
  std::mt19937_64 random(42);
  std::uniform_int_distribution<std::int64_t> months(-2000, 2000);
  std::uniform_int_distribution<std::int64_t> seconds(-400LL * 86400, 400LL * 86400);
  std::uniform_int_distribution<std::int64_t> any_nanos(std::numeric_limits<std::int64_t>::min(),
                                                        std::numeric_limits<std::int64_t>::max());
  for (int i = 0; i < 3000; ++i) {
    Period p;
    p.months = i % 5 == 0 ? 0 : months(random);
    std::int64_t s = seconds(random);
    switch (i % 4) {
      case 0: p.fixed = Duration{s - s % 86400, 0}; break;
      case 1: p.fixed = Duration{s - s % 60, 0}; break;
      case 2: p.fixed = Duration{s, 0}; break;
      default: p.fixed = duration_from_nanos(any_nanos(random)); break;
    }
    for (const std::string& text : {format_period(p), format_period_iso(p)}) {
      auto back = parse_period(text);
      ASSERT_TRUE(back) << text;
      EXPECT_EQ(*back, p) << text;
    }
  }
  for (Period edge : {Period{std::numeric_limits<std::int64_t>::max(), kMaxDuration},
                      Period{std::numeric_limits<std::int64_t>::min() + 1, kMinDuration},
                      Period{std::numeric_limits<std::int64_t>::max(), kMinDuration}}) {
    for (const std::string& text : {format_period(edge), format_period_iso(edge)}) {
      EXPECT_EQ(parse_period(text), edge) << text;
    }
  }
}

// ---- time zones -----------------------------------------------------------

CivilTime civil(std::string_view instant, std::string_view zone) {
  auto c = civil_time(at(instant), zone);
  EXPECT_TRUE(c.has_value()) << zone;
  return c.value_or(CivilTime{});
}

TEST(TimeZones, CivilFieldsInUtc) {
  CivilTime c = civil("2009-02-13T23:31:20.123456789Z", "UTC");
  EXPECT_EQ(c.year, 2009);
  EXPECT_EQ(c.month, 2);
  EXPECT_EQ(c.day, 13);
  EXPECT_EQ(c.hour, 23);
  EXPECT_EQ(c.minute, 31);
  EXPECT_EQ(c.second, 20);
  EXPECT_EQ(c.millisecond, 123);
  EXPECT_EQ(c.nanosecond, 123456789);
  EXPECT_EQ(c.day_of_week, 5);  // Friday
  EXPECT_EQ(c.day_of_year, 44);
  EXPECT_EQ(c.utc_offset_seconds, 0);
  EXPECT_EQ(civil("2024-12-31T00:00:00Z", "Z").day_of_year, 366);
  EXPECT_EQ(civil("2023-01-01T00:00:00Z", "Z").day_of_week, 0);  // Sunday
}

TEST(TimeZones, FixedOffsets) {
  EXPECT_EQ(civil("2009-02-13T23:31:30Z", "+11:00").day, 14);
  EXPECT_EQ(civil("2009-02-13T02:00:00Z", "-02:30").day, 12);
  EXPECT_EQ(civil("2009-02-13T02:00:00Z", "-02:30").hour, 23);
  EXPECT_EQ(civil("2009-02-13T02:00:00Z", "-02:30").minute, 30);
  EXPECT_EQ(civil("2009-02-13T23:31:30Z", "02:00").hour, 1);
  EXPECT_EQ(civil("2009-02-13T23:31:30Z", "-00:00").second, 30);
  EXPECT_EQ(civil("2009-02-13T23:31:30Z", "+05:30").utc_offset_seconds, 19800);
  EXPECT_EQ(civil("2009-02-13T23:31:30Z", "-09:30").year, 2009);
  EXPECT_EQ(civil("0001-01-01T00:00:00Z", "-01:00").year, 0);
  EXPECT_EQ(civil("9999-12-31T23:00:00Z", "+01:00").year, 10000);
}

TEST(TimeZones, IanaNames) {
  EXPECT_EQ(civil("2009-02-13T23:31:30Z", "Australia/Sydney").day, 14);
  EXPECT_EQ(civil("2009-02-13T23:31:30Z", "US/Central").day, 13);
  EXPECT_EQ(civil("2009-02-13T23:31:30Z", "US/Central").day_of_year, 44);
  EXPECT_EQ(civil("2009-02-13T02:00:00Z", "America/St_Johns").day, 12);
  EXPECT_EQ(civil("2009-02-13T23:31:30Z", "Asia/Kathmandu").minute, 16);
}

TEST(TimeZones, FollowsDaylightSaving) {
  // New York leaves EST (-5) for EDT (-4) at 2024-03-10T07:00:00Z.
  CivilTime before = civil("2024-03-10T06:59:59Z", "America/New_York");
  EXPECT_EQ(before.hour, 1);
  EXPECT_EQ(before.utc_offset_seconds, -5 * 3600);
  CivilTime after = civil("2024-03-10T07:00:00Z", "America/New_York");
  EXPECT_EQ(after.hour, 3);
  EXPECT_EQ(after.utc_offset_seconds, -4 * 3600);
  // London in summer and winter.
  EXPECT_EQ(civil("2024-07-01T12:00:00Z", "Europe/London").hour, 13);
  EXPECT_EQ(civil("2024-12-01T12:00:00Z", "Europe/London").hour, 12);
  // The range's edges resolve too.
  EXPECT_EQ(civil("0001-01-01T00:00:00Z", "Europe/London").year, 0);
  EXPECT_EQ(civil("9999-12-31T23:59:59Z", "Asia/Tokyo").year, 10000);
}

TEST(TimeZones, RejectsUnknownZones) {
  for (std::string_view bad : {"", "Mars/Olympus_Mons", "utc", "+1:00", "+01:0", "+24:00",
                               "+01:60", "01", "+0100", "+01:00 ", "../../etc/passwd",
                               "Europe/London/", "+-01:00"}) {
    EXPECT_FALSE(civil_time(Timestamp{}, bad)) << bad;
  }
  EXPECT_FALSE(civil_time(Timestamp{kMaxTimestampSeconds + 1, 0}, "UTC"));
}

}  // namespace
}  // namespace accord::eval

namespace accord::eval {
namespace {

TEST(DescribePeriod, SaysLengthsInWords) {
  EXPECT_EQ(describe_period(*parse_period("6mo")), "6 months");
  EXPECT_EQ(describe_period(*parse_period("12mo")), "12 months");
  EXPECT_EQ(describe_period(*parse_period("1y")), "12 months");
  EXPECT_EQ(describe_period(*parse_period("1mo")), "1 month");
  EXPECT_EQ(describe_period(*parse_period("14d")), "14 days");
  EXPECT_EQ(describe_period(*parse_period("1d")), "1 day");
  EXPECT_EQ(describe_period(*parse_period("36h")), "36 hours");
  EXPECT_EQ(describe_period(*parse_period("90m")), "90 minutes");
  EXPECT_EQ(describe_period(*parse_period("P1M14D")), "1 month and 14 days");
  EXPECT_EQ(describe_period(Period{}), "no time");
}

}  // namespace
}  // namespace accord::eval
