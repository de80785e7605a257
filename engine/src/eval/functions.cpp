#include "eval/functions.hpp"

#include "eval/conversions.hpp"
#include "eval/strings.hpp"
#include "eval/time_functions.hpp"

#include <array>

namespace accord::eval::detail {

namespace {

constexpr std::uint8_t arities(std::initializer_list<int> counts) {
  std::uint8_t bits = 0;
  for (int n : counts) bits = static_cast<std::uint8_t>(bits | (1u << n));
  return bits;
}

constexpr std::uint8_t kNone = 0;
constexpr std::uint8_t kOne = arities({1});
constexpr std::uint8_t kTwo = arities({2});
constexpr std::uint8_t kOneOrTwo = arities({1, 2});

using enum TimeField;

// Sorted by name for the documentation's sake; lookups are linear (there
// are few, and they happen only while compiling).
constexpr std::array kFunctions = {
    FunctionSpec{"bool", kOne, kNone, "bool(value)", bool_function},
    FunctionSpec{"bytes", kOne, kNone, "bytes(value)", bytes_function},
    FunctionSpec{"contains", kNone, kTwo, "text.contains(part)", contains_function},
    FunctionSpec{"days", kOne, kNone, "days(n)", days_function},
    FunctionSpec{"double", kOne, kNone, "double(value)", double_function},
    FunctionSpec{"duration", kOne, kNone, "duration(text)", duration_function},
    FunctionSpec{"endsWith", kNone, kTwo, "text.endsWith(suffix)", ends_with_function},
    FunctionSpec{"getDate", kNone, kOneOrTwo, "time.getDate() or time.getDate(zone)",
                 time_accessor<Date>},
    FunctionSpec{"getDayOfMonth", kNone, kOneOrTwo,
                 "time.getDayOfMonth() or time.getDayOfMonth(zone)", time_accessor<DayOfMonth>},
    FunctionSpec{"getDayOfWeek", kNone, kOneOrTwo,
                 "time.getDayOfWeek() or time.getDayOfWeek(zone)", time_accessor<DayOfWeek>},
    FunctionSpec{"getDayOfYear", kNone, kOneOrTwo,
                 "time.getDayOfYear() or time.getDayOfYear(zone)", time_accessor<DayOfYear>},
    FunctionSpec{"getFullYear", kNone, kOneOrTwo,
                 "time.getFullYear() or time.getFullYear(zone)", time_accessor<FullYear>},
    FunctionSpec{"getHours", kNone, kOneOrTwo, "time.getHours() or time.getHours(zone)",
                 time_accessor<Hours>},
    FunctionSpec{"getMilliseconds", kNone, kOneOrTwo,
                 "time.getMilliseconds() or time.getMilliseconds(zone)",
                 time_accessor<Milliseconds>},
    FunctionSpec{"getMinutes", kNone, kOneOrTwo, "time.getMinutes() or time.getMinutes(zone)",
                 time_accessor<Minutes>},
    FunctionSpec{"getMonth", kNone, kOneOrTwo, "time.getMonth() or time.getMonth(zone)",
                 time_accessor<Month>},
    FunctionSpec{"getSeconds", kNone, kOneOrTwo, "time.getSeconds() or time.getSeconds(zone)",
                 time_accessor<Seconds>},
    FunctionSpec{"int", kOne, kNone, "int(value)", int_function},
    FunctionSpec{"matches", kTwo, kTwo, "text.matches(pattern) or matches(text, pattern)",
                 matches_function},
    FunctionSpec{"months", kOne, kNone, "months(n)", months_function},
    FunctionSpec{"size", kOne, kOne, "size(value) or value.size()", size_function},
    FunctionSpec{"startsWith", kNone, kTwo, "text.startsWith(prefix)", starts_with_function},
    FunctionSpec{"string", kOne, kNone, "string(value)", string_function},
    FunctionSpec{"timestamp", kOne, kNone, "timestamp(text) or timestamp(seconds)",
                 timestamp_function},
    FunctionSpec{"type", kOne, kNone, "type(value)", type_function},
    FunctionSpec{"uint", kOne, kNone, "uint(value)", uint_function},
    FunctionSpec{"years", kOne, kNone, "years(n)", years_function},
};

}  // namespace

const FunctionSpec* find_function(std::string_view name) {
  for (const FunctionSpec& spec : kFunctions) {
    if (spec.name == name) return &spec;
  }
  return nullptr;
}

std::span<const FunctionSpec> all_functions() { return kFunctions; }

Result CallNode::evaluate(Frame& frame) const {
  std::array<Result, kMaxArguments> results;
  std::array<const Value*, kMaxArguments> values{};
  const std::size_t count = args_.size();
  for (std::size_t i = 0; i < count; ++i) {
    results[i] = args_[i]->evaluate(frame);
    if (results[i]->is_error()) return std::move(results[i]);
    values[i] = &results[i].get();
  }
  return function_.impl(std::span<const Value* const>(values.data(), count),
                        CallContext{span(), max_regex_memory_});
}

}  // namespace accord::eval::detail
