// Nothing in a log goes unaccounted: every line that is not blank is either
// judged or listed as an input error with its line, exactly once. Tried on a
// generated JSON Lines log of 30,000 events and a CSV log of 20,000,
// corrupted at random (a fixed seed): lines cut short, invalid UTF-8, fields
// of the wrong type, ids used twice, times out of range or far out of order,
// byte order marks, CRLF line ends, stray bytes, lines too long, two events
// on one line, blank lines, and no final newline.
#include <accord/rules/load.hpp>
#include <accord/stream/check_logs.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <initializer_list>
#include <map>
#include <optional>
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
constexpr std::int64_t kStart = 1735689600;  // 2025-01-01

// Logs are generated with a fixed seed, so the same bytes on every platform:
// mt19937's output is fixed by the standard (its distributions are not, so
// none is used).
class NothingLost : public ::testing::Test {
 protected:
  void SetUp() override {
    auto loaded = rules::load_rule_book({&rules_});
    ASSERT_TRUE(loaded.book) << loaded.format({&rules_});
    book_.emplace(std::move(*loaded.book));
  }

  LogCheck check(const std::string& log, InputFormat format) const {
    LogInput input;
    input.name = "corrupted";
    input.format = format;
    input.open = [&log] { return ByteSource::from_string(log); };
    input.rereadable = true;
    LogCheckOptions options;
    options.limits.max_line_bytes = kMaxLineBytes;
    return check_logs(*book_, {input}, options);
  }

  // Expects each line of `log` from `first` on to be reported exactly once,
  // judged (a violation of `seen`) or as an input error, unless `blank`
  // says it is blank; returns how many are.
  template <class Blank>
  std::size_t expect_each_line_once(const std::string& log, const CheckResult& result,
                                    std::uint32_t first, Blank&& blank) const {
    std::map<std::uint32_t, int> accounts;
    std::uint64_t seen = 0;
    for (const Violation& violation : result.violations) {
      if (book_->info(violation.rule).id != "seen") continue;
      ++accounts[violation.origin.line];
      ++seen;
    }
    for (const InputError& error : result.input_errors) ++accounts[error.origin.line];

    std::vector<std::string_view> lines;
    for (std::size_t at = 0; at < log.size();) {
      std::size_t end = std::min(log.find('\n', at), log.size());
      lines.push_back(std::string_view(log).substr(at, end - at));
      at = end + 1;
    }
    std::size_t blank_lines = 0;
    for (std::uint32_t number = first; number <= lines.size(); ++number) {
      std::string_view line = lines[number - 1];
      if (blank(line)) {
        ++blank_lines;
        EXPECT_EQ(accounts[number], 0) << "blank line " << number;
      } else {
        EXPECT_EQ(accounts[number], 1) << "line " << number << ": " << line.substr(0, 120);
      }
    }
    // Nothing is reported of a line the log does not have.
    EXPECT_GE(accounts.begin()->first, first);
    EXPECT_LE(accounts.rbegin()->first, lines.size());
    EXPECT_EQ(result.events, seen);
    EXPECT_EQ(result.left_out, 0u);
    EXPECT_EQ(seen + result.input_errors.size() + blank_lines, lines.size() + 1 - first);
    return blank_lines;
  }

  static void expect_errors_of_each_kind(const CheckResult& result,
                                         std::initializer_list<std::string> kinds) {
    for (const std::string& kind : kinds) {
      EXPECT_TRUE(std::any_of(
          result.input_errors.begin(), result.input_errors.end(),
          [&](const InputError& error) { return error.message.find(kind) != std::string::npos; }))
          << "no input error of the kind " << kind;
    }
  }

  SourceFile rules_{"lost.yaml", kRules};
  std::optional<rules::RuleBook> book_;
};

// The fields of event `i`, as JSON values, one every two hours; now and then
// one written two months ahead of its place.
struct Fields {
  std::string id, time, type, key;
};

Fields fields_of(std::size_t i, std::mt19937& random) {
  std::int64_t seconds = kStart + static_cast<std::int64_t>(i) * 7200;
  if (random() % 500 == 0) seconds -= 60LL * 86400;
  return {"e" + std::to_string(i), eval::format_timestamp({seconds, 0}),
          i % 3 == 0   ? "request"
          : i % 3 == 1 ? "answer"
                       : "note",
          "c" + std::to_string(i % 97)};
}

// A JSON Lines log of `count` events, corrupted here and there.
std::string corrupted_json_lines(std::size_t count, std::uint32_t seed) {
  std::mt19937 random(seed);
  auto quoted = [](const std::string& text) { return "\"" + text + "\""; };
  std::string log = "\xEF\xBB\xBF";
  for (std::size_t i = 0; i < count; ++i) {
    Fields f = fields_of(i, random);
    std::string id = quoted(f.id), time = quoted(f.time), type = quoted(f.type),
                key = quoted(f.key);
    switch (random() % 40) {
      case 0: id = "true"; break;
      case 1: id = quoted("e" + std::to_string(random() % (i + 1))); break;  // used before
      case 2: time = "20250101"; break;
      case 3: time = quoted("10000-01-01"); break;
      case 4: time = quoted("2025-02-30"); break;
      case 5: type = "[" + type + "]"; break;
      case 6: key = "17"; break;                                    // not text: an evaluation error
      case 7: id = quoted("e\xC3\x28" + std::to_string(i)); break;  // invalid UTF-8
      case 8: key = quoted("\xFF\xFE"); break;
      default: break;
    }
    std::string line = "{\"id\": " + id + ", \"time\": " + time + ", \"type\": " + type +
                       ", \"case\": " + key + "}";
    switch (random() % 40) {
      case 0: line.resize(random() % line.size()); break;  // cut short, perhaps to nothing
      case 1: line = "\xEF\xBB\xBF" + line; break;         // a byte order mark mid-file
      case 2: line.insert(random() % line.size(), 1, '\0'); break;
      case 3:
        line.insert(line.size() - 1, ", \"pad\": \"" + std::string(kMaxLineBytes, 'x') + "\"");
        break;
      case 4: line += " {\"id\": \"x\"}"; break;  // two on one line
      case 5: line += "\r"; break;                // CRLF
      case 6: log += "\n"; break;                 // a blank line before
      case 7: log += " \t\r\n"; break;            // and one of white space
      default: break;
    }
    log += line;
    if (i + 1 < count) log += "\n";  // the last line has no newline
  }
  return log;
}

// A CSV log of `count` events, corrupted here and there (never with a
// quote, which would make a record of several lines).
std::string corrupted_csv(std::size_t count, std::uint32_t seed) {
  std::mt19937 random(seed);
  std::string log = "\xEF\xBB\xBFid,time,type,case\r\n";
  for (std::size_t i = 0; i < count; ++i) {
    Fields f = fields_of(i, random);
    switch (random() % 40) {
      case 0: f.id = ""; break;
      case 1: f.id = "e" + std::to_string(random() % (i + 1)); break;  // used before
      case 2: f.time = "20250101"; break;
      case 3: f.time = "10000-01-01"; break;
      case 4: f.time = "2025-02-30"; break;
      case 5: f.type = ""; break;
      case 6: f.key = "17"; break;        // not text: an evaluation error
      case 7: f.id += "\xC3\x28"; break;  // invalid UTF-8
      case 8: f.key = "\xFF\xFE"; break;
      default: break;
    }
    std::string line = f.id + "," + f.time + "," + f.type + "," + f.key;
    switch (random() % 40) {
      case 0: line.resize(random() % line.size()); break;  // cut short, perhaps to nothing
      case 1: line += ",extra"; break;
      case 2: line.insert(random() % line.size(), 1, '\0'); break;
      case 3: line += std::string(kMaxLineBytes, 'x'); break;  // too long
      case 4: line += "\r"; break;                             // CRLF
      case 5: log += "\n"; break;                              // an empty line before
      case 6: log += "\r\n"; break;
      default: break;
    }
    log += line;
    if (i + 1 < count) log += "\n";  // the last line has no newline
  }
  return log;
}

TEST_F(NothingLost, EveryLineOfJsonLinesIsJudgedOrAnErrorExactlyOnce) {
  const std::string log = corrupted_json_lines(30'000, 20261123);
  LogCheck check = this->check(log, InputFormat::JsonLines);
  std::size_t blank_lines = expect_each_line_once(log, check.result, 1, [](std::string_view line) {
    return line.find_first_not_of(" \t\r\f\v") == std::string_view::npos;
  });
  // The corruption reached every kind of outcome.
  EXPECT_TRUE(check.reread);
  EXPECT_GT(check.result.input_errors.size(), 3000u);
  EXPECT_GT(blank_lines, 500u);
  EXPECT_GT(check.result.evaluation_errors.size(), 300u);
  expect_errors_of_each_kind(check.result, {"malformed JSON", "duplicate id",
                                            "longer than the limit", "'id'", "'time'", "'type'"});
}

TEST_F(NothingLost, EveryRecordOfCsvIsJudgedOrAnErrorExactlyOnce) {
  const std::string log = corrupted_csv(20'000, 20261124);
  LogCheck check = this->check(log, InputFormat::Csv);
  // The header is line 1; an empty line (or a lone CR) is no record.
  std::size_t blank_lines = expect_each_line_once(
      log, check.result, 2, [](std::string_view line) { return line.empty() || line == "\r"; });
  EXPECT_TRUE(check.reread);
  EXPECT_GT(check.result.input_errors.size(), 2000u);
  EXPECT_GT(blank_lines, 500u);
  EXPECT_GT(check.result.evaluation_errors.size(), 200u);
  expect_errors_of_each_kind(check.result, {"cells as in the header row", "duplicate id",
                                            "longer than the limit", "invalid UTF-8", "'time'"});
}

// Text that is not UTF-8 would reach the report altered (each bad byte a
// U+FFFD): an event holding any is an input error, in every format.
TEST_F(NothingLost, InvalidUtf8IsAnInputErrorInEveryFormat) {
  auto check = [&](InputFormat format, const std::string& text) {
    return this->check(text, format).result;
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
