// Nothing in a log goes unaccounted: every line that is not blank is either
// judged or listed as an input error with its line, exactly once. Tried on a
// generated log of 30,000 events corrupted at random (a fixed seed): lines
// cut short, invalid UTF-8, fields of the wrong type, ids used twice, times
// out of range or far out of order, byte order marks, CRLF line ends, stray
// bytes, lines too long, two events on one line, and no final newline.
#include <gtest/gtest.h>

#include <accord/rules/load.hpp>
#include <accord/stream/check_logs.hpp>
#include <algorithm>
#include <cstdint>
#include <map>
#include <random>
#include <string>
#include <vector>

namespace accord::stream {
namespace {

// `seen` reports every event it judges, so its violations are the judged
// events; `answered` gives the check obligations to keep as it goes.
const std::string kRules = R"(rule_set: {id: lost, title: Nothing lost}
rules:
  - id: seen
    title: Every event is reported
    kind: forbidden
    when: event.type != ""
  - id: answered
    title: A request is answered within ten days
    kind: response
    when: event.type == "request"
    expect: event.type == "answer"
    key: [case]
    within: 10d
)";

constexpr std::size_t kMaxLineBytes = 4096;

// A log of `count` events, one every two hours, corrupted here and there. The same
// seed gives the same bytes on every platform (mt19937's output is fixed by
// the standard; its distributions are not, so none is used).
std::string corrupted_log(std::size_t count, std::uint32_t seed) {
  std::mt19937 random(seed);
  auto chance = [&](std::uint32_t in) { return random() % in == 0; };
  const std::int64_t start = 1735689600;  // 2025-01-01
  std::string log = "\xEF\xBB\xBF";
  for (std::size_t i = 0; i < count; ++i) {
    std::int64_t seconds = start + static_cast<std::int64_t>(i) * 7200;
    // Now and then an event written two months ahead of its place.
    if (chance(500)) seconds -= 60LL * 86400;
    std::string id = "\"e" + std::to_string(i) + "\"";
    std::string time = "\"" + eval::format_timestamp({seconds, 0}) + "\"";
    std::string type = i % 3 == 0 ? "\"request\"" : i % 3 == 1 ? "\"answer\"" : "\"note\"";
    std::string key = "\"c" + std::to_string(i % 97) + "\"";
    switch (random() % 40) {
      case 0:
        id = "true";
        break;
      case 1:
        id = "\"e" + std::to_string(random() % (i + 1)) + "\"";
        break;  // used before
      case 2:
        time = "20250101";
        break;
      case 3:
        time = "\"10000-01-01\"";
        break;
      case 4:
        time = "\"2025-02-30\"";
        break;
      case 5:
        type = "[\"request\"]";
        break;
      case 6:
        key = "17";
        break;  // a key that is not text: an evaluation error
      case 7:
        id = "\"e\xC3\x28" + std::to_string(i) + "\"";
        break;  // invalid UTF-8
      case 8:
        key = "\"\xFF\xFE\"";
        break;
      default:
        break;
    }
    std::string line = "{\"id\": " + id + ", \"time\": " + time + ", \"type\": " + type +
                       ", \"case\": " + key + "}";
    switch (random() % 40) {
      case 0:
        line.resize(random() % line.size());
        break;  // cut short (perhaps to nothing)
      case 1:
        line = "\xEF\xBB\xBF" + line;
        break;  // a byte order mark mid-file
      case 2:
        line.insert(random() % line.size(), 1, '\0');
        break;
      case 3:  // too long
        line.insert(line.size() - 1, ", \"pad\": \"" + std::string(kMaxLineBytes, 'x') + "\"");
        break;
      case 4:
        line += " {\"id\": \"x\"}";
        break;  // two on one line
      case 5:
        line += "\r";
        break;  // CRLF
      case 6:
        log += "\n";
        break;  // a blank line before
      case 7:
        log += " \t\r\n";
        break;  // and one of white space
      default:
        break;
    }
    log += line;
    // The last line has no newline.
    if (i + 1 < count) log += "\n";
  }
  return log;
}

bool blank(std::string_view line) {
  return line.find_first_not_of(" \t\r\f\v") == std::string_view::npos;
}

TEST(NothingLost, EveryLineIsJudgedOrAnErrorExactlyOnce) {
  SourceFile rules_file("lost.yaml", kRules);
  auto loaded = rules::load_rule_book({&rules_file});
  ASSERT_TRUE(loaded.book) << loaded.format({&rules_file});
  const rules::RuleBook& book = *loaded.book;

  const std::string log = corrupted_log(30'000, 20261123);
  ASSERT_NE(log.back(), '\n');
  LogInput input;
  input.name = "corrupted.jsonl";
  input.open = [&log] { return ByteSource::from_string(log); };
  input.rereadable = true;
  LogCheckOptions options;
  options.limits.max_line_bytes = kMaxLineBytes;
  LogCheck check = check_logs(book, {input}, options);
  const CheckResult& result = check.result;

  // Each line's accounts: events judged (violations of `seen`) and errors.
  std::map<std::uint32_t, int> judged;
  std::map<std::uint32_t, int> errors;
  std::uint64_t seen = 0;
  for (const Violation& violation : result.violations) {
    if (book.info(violation.rule).id != "seen") continue;
    ++judged[violation.origin.line];
    ++seen;
  }
  for (const InputError& error : result.input_errors) ++errors[error.origin.line];

  std::vector<std::string_view> lines;
  for (std::size_t at = 0; at < log.size();) {
    std::size_t end = log.find('\n', at);
    if (end == std::string::npos) end = log.size();
    lines.push_back(std::string_view(log).substr(at, end - at));
    at = end + 1;
  }
  std::size_t blank_lines = 0;
  for (std::uint32_t number = 1; number <= lines.size(); ++number) {
    int accounts = judged[number] + errors[number];
    if (blank(lines[number - 1])) {
      ++blank_lines;
      EXPECT_EQ(accounts, 0) << "blank line " << number;
    } else {
      EXPECT_EQ(accounts, 1) << "line " << number << ": " << lines[number - 1].substr(0, 120);
    }
  }
  // Nothing is reported of a line the log does not have.
  EXPECT_LE(judged.rbegin()->first, lines.size());
  EXPECT_EQ(errors.count(0), 0u);
  EXPECT_LE(errors.rbegin()->first, lines.size());
  EXPECT_EQ(result.events, seen);
  EXPECT_EQ(result.left_out, 0u);
  EXPECT_EQ(seen + result.input_errors.size() + blank_lines, lines.size());

  // The corruption reached every kind of outcome.
  EXPECT_TRUE(check.reread);
  EXPECT_GT(result.input_errors.size(), 3000u);
  EXPECT_GT(blank_lines, 500u);
  EXPECT_GT(result.evaluation_errors.size(), 300u);
  for (std::string kind :
       {"malformed JSON", "duplicate id", "longer than the limit", "'id'", "'time'", "'type'"}) {
    EXPECT_TRUE(std::any_of(
        result.input_errors.begin(), result.input_errors.end(),
        [&](const InputError& error) { return error.message.find(kind) != std::string::npos; }))
        << "no input error of the kind " << kind;
  }
}

// Text that is not UTF-8 would reach the report altered (each bad byte a
// U+FFFD): an event holding any is an input error, in every format.
TEST(NothingLost, InvalidUtf8IsAnInputErrorInEveryFormat) {
  SourceFile rules_file("lost.yaml", kRules);
  auto loaded = rules::load_rule_book({&rules_file});
  ASSERT_TRUE(loaded.book) << loaded.format({&rules_file});
  auto check = [&](InputFormat format, std::string text) {
    LogInput input;
    input.name = "log";
    input.format = format;
    input.open = [text] { return ByteSource::from_string(text); };
    return check_logs(*loaded.book, {input}).result;
  };
  auto expect_error_on_line_2 = [](const CheckResult& result, const std::string& message) {
    EXPECT_EQ(result.events, 2u);
    ASSERT_EQ(result.input_errors.size(), 1u);
    EXPECT_EQ(result.input_errors[0].origin.line, 2u);
    EXPECT_EQ(result.input_errors[0].message, message);
  };
  expect_error_on_line_2(
      check(InputFormat::JsonLines,
            "{\"id\": \"a\", \"time\": \"2025-01-10\", \"type\": \"t\"}\n"
            "{\"id\": \"b\xC3\x28\", \"time\": \"2025-01-10\", \"type\": \"t\"}\n"
            "{\"id\": \"c\", \"time\": \"2025-01-10\", \"type\": \"t\"}\n"),
      "malformed JSON: byte 9: invalid UTF-8");
  expect_error_on_line_2(check(InputFormat::Csv,
                               "id,time,type,note\n"
                               "b,2025-01-10,t,\xFF\n"
                               "a,2025-01-10,t,\n"
                               "c,2025-01-10,t,\n"),
                         "cell 'note': invalid UTF-8");
  expect_error_on_line_2(check(InputFormat::Yaml,
                               "- {id: a, time: 2025-01-10, type: t}\n"
                               "- {id: b, time: 2025-01-10, type: t, note: [\"\xC3\x28\"]}\n"
                               "- {id: c, time: 2025-01-10, type: t}\n"),
                         "invalid UTF-8");
}

}  // namespace
}  // namespace accord::stream
