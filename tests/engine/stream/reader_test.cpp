#include <accord/stream/reader.hpp>

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <variant>
#include <vector>

namespace accord::stream {
namespace {

// What a reader yielded, in a form easy to compare.
struct Read {
  std::vector<Event> events;
  std::vector<InputError> errors;
  std::vector<std::uint32_t> lines;  // of events and errors, in order
};

Read read_all(InputFormat format, std::string text, const FieldIndex& index,
              ReaderLimits limits = {}) {
  auto reader = open_reader(format, ByteSource::from_string(std::move(text)), 3, index, limits);
  Read read;
  ReadItem item;
  while (reader->next(item)) {
    if (auto* event = std::get_if<Event>(&item)) {
      EXPECT_EQ(event->origin().input, 3u);
      read.lines.push_back(event->origin().line);
      read.events.push_back(std::move(*event));
    } else {
      auto& error = std::get<InputError>(item);
      read.lines.push_back(error.origin.line);
      read.errors.push_back(error);
    }
  }
  return read;
}

class ReaderTest : public ::testing::Test {
 protected:
  FieldIndex index_{{"org", "compulsory", "count", "ratio", "tags", "detail", "time", "big"}};

  const eval::Value* field(const Event& event, std::string_view name) {
    return event.field(*index_.find(name));
  }
};

TEST(InputFormats, ByNameAndExtension) {
  EXPECT_EQ(parse_input_format("jsonl"), InputFormat::JsonLines);
  EXPECT_EQ(parse_input_format("ndjson"), InputFormat::JsonLines);
  EXPECT_EQ(parse_input_format("csv"), InputFormat::Csv);
  EXPECT_EQ(parse_input_format("yml"), InputFormat::Yaml);
  EXPECT_EQ(parse_input_format("xml"), std::nullopt);
  EXPECT_EQ(format_for_path("logs/2025.events.jsonl"), InputFormat::JsonLines);
  EXPECT_EQ(format_for_path("a.yaml"), InputFormat::Yaml);
  EXPECT_EQ(format_for_path("a.d/events"), std::nullopt);
  EXPECT_EQ(format_for_path("-"), std::nullopt);
}

TEST_F(ReaderTest, JsonLinesReadsEventsAndKeptFields) {
  Read read = read_all(InputFormat::JsonLines,
                       R"({"id": "e1", "time": "2025-01-10", "type": "decision.made", "org": "DWP", "compulsory": true, "unread": [1, {"x": 2}]})"
                       "\n"
                       R"({"id": 17, "time": "2025-01-10T09:00:00+01:00", "type": "x", "count": -3, "ratio": 0.5, "big": 18446744073709551615, "tags": ["a", "b"], "detail": {"k": null}})"
                       "\n",
                       index_);
  ASSERT_EQ(read.errors.size(), 0u) << read.errors[0].message;
  ASSERT_EQ(read.events.size(), 2u);
  const Event& first = read.events[0];
  EXPECT_EQ(first.id(), "e1");
  EXPECT_EQ(first.type(), "decision.made");
  EXPECT_EQ(first.time(), (eval::Timestamp{1736467200, 0}));
  EXPECT_EQ(field(first, "org")->as_string(), "DWP");
  EXPECT_TRUE(field(first, "compulsory")->as_bool());
  EXPECT_EQ(field(first, "count"), nullptr);
  const Event& second = read.events[1];
  EXPECT_EQ(second.id(), "17");
  EXPECT_EQ(second.time(), (eval::Timestamp{1736467200 + 8 * 3600, 0}));
  EXPECT_EQ(field(second, "count")->as_int(), -3);
  EXPECT_EQ(field(second, "ratio")->as_double(), 0.5);
  EXPECT_EQ(field(second, "big")->as_uint(), 18446744073709551615u);
  ASSERT_EQ(field(second, "tags")->as_list().size(), 2u);
  EXPECT_EQ(field(second, "tags")->as_list()[1].as_string(), "b");
  const eval::Value* k = field(second, "detail")->as_map().find("k");
  ASSERT_NE(k, nullptr);
  EXPECT_EQ(k->kind(), eval::Kind::Null);
  EXPECT_EQ(read.lines, (std::vector<std::uint32_t>{1, 2}));
}

TEST_F(ReaderTest, JsonLinesNullCountsAsAbsent) {
  Read read = read_all(InputFormat::JsonLines,
                       R"({"id": "e1", "time": "2025-01-10", "type": "t", "org": null})", index_);
  ASSERT_EQ(read.events.size(), 1u);
  EXPECT_EQ(field(read.events[0], "org"), nullptr);
}

// A kept field's value that starts like null but is not (fuzz_jsonl found
// `nul` ending the reading with an uncaught simdjson exception).
TEST_F(ReaderTest, JsonLinesNearlyNullIsAnInputError) {
  Read read = read_all(InputFormat::JsonLines,
                       "{\"id\": \"e1\", \"time\": \"2025-01-10\", \"type\": \"t\", \"org\": nul}\n"
                       "{\"id\": \"e2\", \"time\": \"2025-01-10\", \"type\": \"t\", \"tags\": [nulx]}\n"
                       "{\"id\": \"e3\", \"time\": \"2025-01-10\", \"type\": \"t\", \"org\": null}\n",
                       index_);
  ASSERT_EQ(read.errors.size(), 2u);
  EXPECT_NE(read.errors[0].message.find("malformed JSON"), std::string::npos);
  EXPECT_NE(read.errors[1].message.find("malformed JSON"), std::string::npos);
  ASSERT_EQ(read.events.size(), 1u);
  EXPECT_EQ(read.events[0].id(), "e3");
  EXPECT_EQ(read.lines, (std::vector<std::uint32_t>{1, 2, 3}));
}

// Gives its text a byte at a time, as a slow pipe may: the line buffer then
// moves what it holds and keeps stale bytes past the end of the data.
class ByteAtATime final : public ByteSource {
 public:
  explicit ByteAtATime(std::string text) : text_(std::move(text)) {}
  std::size_t read(char* buffer, std::size_t size, std::string&) override {
    if (at_ == text_.size() || size == 0) return 0;
    buffer[0] = text_[at_++];
    return 1;
  }

 private:
  std::string text_;
  std::size_t at_ = 0;
};

// A fuzz finding: the JSON parser reads the byte after a line, and after a
// last line without a line break that byte was whatever an earlier line left
// there (here '}'), which changed what the line was read as.
TEST_F(ReaderTest, JsonLinesLastLineWithoutBreakDoesNotSeeStaleBytes) {
  const std::string last = "{\"id\":{}";  // with a '}' after it, a whole object
  const std::string text = std::string(200, '}') + "\n" + last;
  auto reader = open_reader(InputFormat::JsonLines, std::make_unique<ByteAtATime>(text), 3,
                            index_, ReaderLimits{});
  std::vector<std::string> piecewise;
  ReadItem item;
  while (reader->next(item)) {
    ASSERT_TRUE(std::holds_alternative<InputError>(item));
    piecewise.push_back(std::get<InputError>(item).message);
  }
  Read whole = read_all(InputFormat::JsonLines, text, index_);
  Read alone = read_all(InputFormat::JsonLines, last + "\n", index_);
  ASSERT_EQ(piecewise.size(), 2u);
  ASSERT_EQ(whole.errors.size(), 2u);
  ASSERT_EQ(alone.errors.size(), 1u);
  EXPECT_EQ(piecewise[1], alone.errors[0].message);
  EXPECT_EQ(whole.errors[1].message, alone.errors[0].message);
}

TEST_F(ReaderTest, JsonLinesEveryBadLineIsAnErrorWithItsLine) {
  Read read = read_all(InputFormat::JsonLines,
                       "{\"id\": \"e1\", \"time\": \"2025-01-10\", \"type\": \"t\"}\n"
                       "{\"id\": \"e2\", \"time\": \"2025-01-10\", \"type\": \n"   // 2 truncated
                       "\n"                                                        // 3 blank
                       "[1, 2]\n"                                                  // 4 not an object
                       "{\"time\": \"2025-01-10\", \"type\": \"t\"}\n"             // 5 no id
                       "{\"id\": true, \"time\": \"2025-01-10\", \"type\": \"t\"}\n"  // 6 bad id
                       "{\"id\": \"e7\", \"time\": \"2025-01-10T10:00\", \"type\": \"t\"}\n"  // 7
                       "{\"id\": \"e8\", \"time\": \"2025-01-10\", \"type\": 3}\n"   // 8 bad type
                       "{\"id\": \"e9\", \"time\": \"2025-01-10\", \"type\": \"t\"} x\n"  // 9
                       "{\"id\": \"e10\", \"time\": \"2025-01-10\", \"type\": \"t\"}",  // 10 no LF
                       index_);
  ASSERT_EQ(read.events.size(), 2u);
  EXPECT_EQ(read.events[1].id(), "e10");
  EXPECT_EQ(read.lines, (std::vector<std::uint32_t>{1, 2, 4, 5, 6, 7, 8, 9, 10}));
  ASSERT_EQ(read.errors.size(), 7u);
  EXPECT_NE(read.errors[0].message.find("malformed JSON"), std::string::npos);
  EXPECT_EQ(read.errors[1].message, "expected a JSON object");
  EXPECT_EQ(read.errors[2].message, "missing 'id'");
  EXPECT_EQ(read.errors[3].message, "'id' must be a string or an integer, not bool");
  EXPECT_NE(read.errors[4].message.find("'time' '2025-01-10T10:00' is not a date"),
            std::string::npos);
  EXPECT_EQ(read.errors[5].message, "'type' must be a string, not int");
  EXPECT_EQ(read.errors[6].message,
            "malformed JSON: byte 48: unexpected content after the JSON value");
}

// Names and strings without escapes are read in place, the others through
// simdjson's unescaping: both must give the same text.
TEST_F(ReaderTest, JsonLinesEscapedNamesAndStringsReadAsPlainOnes) {
  Read read = read_all(InputFormat::JsonLines,
                       R"({"i\u0064": "e\u0031", "tim\u0065": "2025-01-10", "ty\u0070e": "t\"q", "org": "a\\b"})"
                       "\n"
                       R"({"id": "e2", "time": "2025-01-10", "type": "t", "org": "plain"})"
                       "\n"
                       R"({"id": "e3", "time": "2025-01-10", "type": ""})"
                       "\n"
                       R"({"id": "e4", "time": "2025-01-1\u0030", "type": "t"})"
                       "\n",
                       index_);
  ASSERT_EQ(read.events.size(), 3u);
  EXPECT_EQ(read.events[0].id(), "e1");
  EXPECT_EQ(read.events[0].type(), "t\"q");
  EXPECT_EQ(read.events[0].time(), (eval::Timestamp{1736467200, 0}));
  EXPECT_EQ(field(read.events[0], "org")->as_string(), "a\\b");
  EXPECT_EQ(field(read.events[1], "org")->as_string(), "plain");
  EXPECT_EQ(read.events[2].id(), "e4");
  EXPECT_EQ(read.events[2].time(), (eval::Timestamp{1736467200, 0}));
  ASSERT_EQ(read.errors.size(), 1u);
  EXPECT_EQ(read.errors[0].message, "'type' is empty");
  EXPECT_EQ(read.lines, (std::vector<std::uint32_t>{1, 2, 3, 4}));
}

// Strings are read in place up to their closing quote, whatever spaces
// follow it; a raw control character in a name or a string makes the line
// malformed (simdjson refuses it before any string is read). A time written
// as the line before wrote it is that line's time, and only then.
TEST_F(ReaderTest, JsonLinesSpacesAfterStringsControlCharactersInThemAndRepeatedTimes) {
  Read read = read_all(InputFormat::JsonLines,
                       "{\"id\": \"e1\", \"time\": \"2025-01-10\", \"type\": \"t\", \"org\": \"a\tb\"}\n"
                       "{\"id\" : \"e2\" ,\t\"time\" : \"2025-01-10\"  , \"type\":\"t\"\t, \"org\" : \"x y\"   }\n"
                       "{\"id\": \"e3\", \"time\": \"2025-01-10\", \"type\": \"t\", \"o\x01rg\": \"z\"}\n"
                       "{\"id\": \"e4\", \"time\": \"2025-01-11\", \"type\": \"t\"}\n"
                       "{\"id\": \"e5\", \"time\": \"2025-01-11\", \"type\": \"t\"}\n"
                       "{\"id\": \"e6\", \"time\": \"2025-01-10\", \"type\": \"t\"}\n"
                       "{\"id\": \"e7\", \"time\": \"2025-01-1\", \"type\": \"t\"}\n"
                       "{\"id\": \"e8\", \"time\": \"2025-01-1\", \"type\": \"t\"}\n",
                       index_);
  ASSERT_EQ(read.events.size(), 4u);
  EXPECT_EQ(read.events[0].id(), "e2");
  EXPECT_EQ(read.events[0].type(), "t");
  EXPECT_EQ(read.events[0].time(), (eval::Timestamp{1736467200, 0}));
  EXPECT_EQ(field(read.events[0], "org")->as_string(), "x y");
  EXPECT_EQ(read.events[1].time(), (eval::Timestamp{1736467200 + 86400, 0}));
  EXPECT_EQ(read.events[2].time(), (eval::Timestamp{1736467200 + 86400, 0}));
  EXPECT_EQ(read.events[3].id(), "e6");
  EXPECT_EQ(read.events[3].time(), (eval::Timestamp{1736467200, 0}));
  ASSERT_EQ(read.errors.size(), 4u);
  EXPECT_NE(read.errors[0].message.find("malformed JSON"), std::string::npos);
  EXPECT_NE(read.errors[1].message.find("malformed JSON"), std::string::npos);
  EXPECT_NE(read.errors[2].message.find("is not a date"), std::string::npos);
  EXPECT_NE(read.errors[3].message.find("is not a date"), std::string::npos);
  EXPECT_EQ(read.lines, (std::vector<std::uint32_t>{1, 2, 3, 4, 5, 6, 7, 8}));
}

// The reader remembers the names and types it met: lines that change the
// order of their names and their types, names that share a prefix or differ
// only in length or in the middle, escaped names, must each read as if alone.
TEST(JsonLinesNames, RememberedNamesAndTypesReadAsIfMetFirst) {
  const std::string long_kept = "abcdefgh_1_ijklmnop";    // longer than 16 bytes,
  const std::string long_unread = "abcdefgh_2_ijklmnop";  // the same ends
  FieldIndex index({"org", "grade", "or", long_kept},
                   {"a.b", "a.c", "consultation.opened", "abcdefgh_1_ijklmnop"});
  Read read = read_all(
      InputFormat::JsonLines,
      R"({"id": "e1", "time": "2025-01-10", "type": "a.b", "org": "X", "grade": "G1"})"
      "\n"
      R"({"type": "a.c", "grade": "G2", "id": "e2", "org": "Y", "time": "2025-01-10"})"
      "\n"
      R"({"id": "e3", "time": "2025-01-10", "type": "zz", "orgs": "no", "or": "W", "o": "no"})"
      "\n"
      R"({"id": "e4", "time": "2025-01-10", "type": "consultation.closed", "org": "V", "grade": "G4"})"
      "\n"
      R"({"id": "e5", "time": "2025-01-10", "type": "a\u002eb", "o\u0072g": "U", "gr\u0061de": "G5"})"
      "\n"
      R"({"id": "e6", "time": "2025-01-10", "type": "consultation.opened", ")" +
          long_unread + R"(": "no", ")" + long_kept + R"(": "L"})"
          "\n"
          R"({"id": "e7", "time": "2025-01-10", "type": "abcdefgh_2_ijklmnop", ")" +
          long_kept + R"(": "L7", "org": "T", "or": "S"})"
          "\n",
      index);
  ASSERT_EQ(read.errors.size(), 0u) << read.errors[0].message;
  ASSERT_EQ(read.events.size(), 7u);
  auto text = [&](const Event& event, const std::string& name) -> std::string {
    const eval::Value* value = event.field(*index.find(name));
    return value == nullptr ? "absent" : std::string(value->as_string());
  };
  const std::vector<Event>& events = read.events;
  EXPECT_EQ(events[0].type_code(), 0u);
  EXPECT_EQ(text(events[0], "org"), "X");
  EXPECT_EQ(text(events[0], "grade"), "G1");
  EXPECT_EQ(events[1].id(), "e2");
  EXPECT_EQ(events[1].type_code(), 1u);
  EXPECT_EQ(text(events[1], "org"), "Y");
  EXPECT_EQ(text(events[1], "grade"), "G2");
  EXPECT_EQ(events[2].type_code(), kUnnamedType);
  EXPECT_EQ(text(events[2], "org"), "absent");
  EXPECT_EQ(text(events[2], "or"), "W");
  EXPECT_EQ(events[3].type_code(), kUnnamedType);
  EXPECT_EQ(text(events[3], "org"), "V");
  EXPECT_EQ(text(events[3], "or"), "absent");
  EXPECT_EQ(events[4].type(), "a.b");
  EXPECT_EQ(events[4].type_code(), 0u);
  EXPECT_EQ(text(events[4], "org"), "U");
  EXPECT_EQ(text(events[4], "grade"), "G5");
  EXPECT_EQ(events[5].type_code(), 2u);
  EXPECT_EQ(text(events[5], long_kept), "L");
  EXPECT_EQ(events[6].type_code(), kUnnamedType);
  EXPECT_EQ(text(events[6], long_kept), "L7");
  EXPECT_EQ(text(events[6], "org"), "T");
  EXPECT_EQ(text(events[6], "or"), "S");
}

// Names that are data (a new one on every line) fill the reader's table of
// names; past it, names are still read right, a kept one met only then too.
TEST(JsonLinesNames, MoreNamesThanTheReaderRemembers) {
  FieldIndex index({"org", "grade"});
  std::string log;
  constexpr int kLines = 3000;
  for (int i = 0; i < kLines; ++i) {
    log += R"({"id": "e)" + std::to_string(i) + R"(", "time": "2025-01-10", "type": "t", "n)" +
           std::to_string(i) + R"(": 1, "org": "o)" + std::to_string(i) + "\"" +
           (i == kLines - 1 ? R"(, "grade": "last")" : "") + "}\n";
  }
  Read read = read_all(InputFormat::JsonLines, log, index);
  ASSERT_EQ(read.errors.size(), 0u) << read.errors[0].message;
  ASSERT_EQ(read.events.size(), static_cast<std::size_t>(kLines));
  for (int i = 0; i < kLines; ++i) {
    EXPECT_EQ(read.events[i].field(*index.find("org"))->as_string(), "o" + std::to_string(i));
  }
  EXPECT_EQ(read.events.back().field(*index.find("grade"))->as_string(), "last");
  EXPECT_EQ(read.events.front().field(*index.find("grade")), nullptr);
}

TEST_F(ReaderTest, JsonLinesHandlesCrlfAndByteOrderMark) {
  Read read = read_all(InputFormat::JsonLines,
                       "\xEF\xBB\xBF{\"id\": \"a\", \"time\": \"2025-01-10\", \"type\": \"t\"}\r\n"
                       "{\"id\": \"b\", \"time\": \"2025-01-10\", \"type\": \"t\"}\r\n",
                       index_);
  ASSERT_EQ(read.errors.size(), 0u) << read.errors[0].message;
  ASSERT_EQ(read.events.size(), 2u);
}

TEST_F(ReaderTest, JsonLinesLineLengthLimit) {
  ReaderLimits limits;
  limits.max_line_bytes = 100;
  std::string ok = R"({"id": "a", "time": "2025-01-10", "type": "t"})";
  std::string long_line = R"({"id": "b", "time": "2025-01-10", "type": "t", "pad": ")" +
                          std::string(5000, 'x') + "\"}";
  Read read = read_all(InputFormat::JsonLines, ok + "\n" + long_line + "\n" + ok + "x\n" + ok,
                       index_, limits);
  EXPECT_EQ(read.lines, (std::vector<std::uint32_t>{1, 2, 3, 4}));
  ASSERT_EQ(read.errors.size(), 2u);
  EXPECT_EQ(read.errors[0].message, "line is longer than the limit of 100 bytes");
  EXPECT_EQ(read.events.size(), 2u);
}

TEST_F(ReaderTest, JsonLinesLongLineAcrossBufferRefills) {
  // Lines around the reader's 4 MiB chunk boundary are read whole.
  std::string line = R"({"id": "X", "time": "2025-01-10", "type": "t", "pad": ")" +
                     std::string(700'000, 'y') + "\"}\n";
  std::string text;
  for (int i = 0; i < 12; ++i) {
    std::string copy = line;
    copy[8] = static_cast<char>('a' + i);
    text += copy;
  }
  Read read = read_all(InputFormat::JsonLines, text, index_);
  ASSERT_EQ(read.errors.size(), 0u) << read.errors[0].message;
  ASSERT_EQ(read.events.size(), 12u);
  EXPECT_EQ(read.events[11].id(), "l");
}

TEST(JsonLinesTypes, TheFieldsOfATypeNoRuleNamesAreKeptOnlyIfSomeRuleTakesEveryType) {
  const std::string log =
      R"({"id": "e1", "time": "2025-01-10", "type": "a.b", "org": "X"})"
      "\n"
      R"({"id": "e2", "time": "2025-01-10", "type": "payroll.run", "org": "Y", "grade": [[[1]]]})"
      "\n"
      R"({"id": "e3", "org": "Z", "time": "2025-01-10", "type": "payroll.run", "grade": "G"})"
      "\n";
  ReaderLimits limits;
  limits.max_nesting_depth = 2;
  FieldIndex named_only({"org", "grade"}, {"a.b"}, false);
  Read read = read_all(InputFormat::JsonLines, log, named_only, limits);
  ASSERT_EQ(read.errors.size(), 0u) << read.errors[0].message;
  ASSERT_EQ(read.events.size(), 3u);
  auto org = [](const FieldIndex& index, const Event& event) {
    const eval::Value* value = event.field(*index.find("org"));
    return value == nullptr ? std::string("absent") : std::string(value->as_string());
  };
  EXPECT_EQ(org(named_only, read.events[0]), "X");
  // Not kept, nor looked at: what no rule reads cannot be wrong.
  EXPECT_EQ(org(named_only, read.events[1]), "absent");
  EXPECT_EQ(read.events[1].type(), "payroll.run");
  EXPECT_EQ(read.events[1].id(), "e2");
  // A field before the type is kept: the reader does not know the type yet.
  EXPECT_EQ(org(named_only, read.events[2]), "Z");
  EXPECT_EQ(read.events[2].field(*named_only.find("grade")), nullptr);

  FieldIndex every_type({"org", "grade"}, {"a.b"}, true);
  read = read_all(InputFormat::JsonLines, log, every_type, limits);
  ASSERT_EQ(read.errors.size(), 1u);
  EXPECT_EQ(read.errors[0].message, "field 'grade': nested deeper than 2 levels");
  ASSERT_EQ(read.events.size(), 2u);
  EXPECT_EQ(org(every_type, read.events[0]), "X");
  EXPECT_EQ(org(every_type, read.events[1]), "Z");
  EXPECT_EQ(read.events[1].field(*every_type.find("grade"))->as_string(), "G");
}

TEST_F(ReaderTest, JsonLinesNestingLimit) {
  ReaderLimits limits;
  limits.max_nesting_depth = 3;
  Read read = read_all(InputFormat::JsonLines,
                       R"({"id": "a", "time": "2025-01-10", "type": "t", "tags": [[[1]]]})"
                       "\n"
                       R"({"id": "b", "time": "2025-01-10", "type": "t", "tags": [[1]]})",
                       index_, limits);
  ASSERT_EQ(read.errors.size(), 1u);
  EXPECT_EQ(read.errors[0].message, "field 'tags': nested deeper than 3 levels");
  EXPECT_EQ(read.events.size(), 1u);
}

TEST_F(ReaderTest, CsvReadsTypedCells) {
  Read read = read_all(InputFormat::Csv,
                       "id,time,type,org,compulsory,count,ratio\r\n"
                       "e1,2025-01-10,decision.made,DWP,true,12,1.5\r\n"
                       "17,2025-01-11,x,\"Dept, of \"\"Work\"\"\nand Pensions\",false,-4,\r\n"
                       "e3,2025-01-12,x,,,,\n",
                       index_);
  ASSERT_EQ(read.errors.size(), 0u) << read.errors[0].message;
  ASSERT_EQ(read.events.size(), 3u);
  EXPECT_EQ(read.lines, (std::vector<std::uint32_t>{2, 3, 5}));
  EXPECT_EQ(field(read.events[0], "org")->as_string(), "DWP");
  EXPECT_TRUE(field(read.events[0], "compulsory")->as_bool());
  EXPECT_EQ(field(read.events[0], "count")->as_int(), 12);
  EXPECT_EQ(field(read.events[0], "ratio")->as_double(), 1.5);
  EXPECT_EQ(read.events[1].id(), "17");
  EXPECT_EQ(field(read.events[1], "org")->as_string(), "Dept, of \"Work\"\nand Pensions");
  EXPECT_FALSE(field(read.events[1], "compulsory")->as_bool());
  EXPECT_EQ(field(read.events[1], "ratio"), nullptr);
  EXPECT_EQ(field(read.events[2], "org"), nullptr);
}

TEST_F(ReaderTest, CsvBadRowsAreErrorsWithTheirLine) {
  Read read = read_all(InputFormat::Csv,
                       "id,time,type\n"
                       "e1,2025-01-10,t\n"
                       "e2,2025-01-10\n"             // 3 too few cells
                       "e3,2025-01-10,t,extra\n"     // 4 too many
                       "e4,2025-01-10,a\"b\n"        // 5 stray quote
                       "e5,,t\n"                     // 6 empty time
                       "e6,2025-01-10,t\n"
                       "e7,2025-01-10,\"unclosed\n",  // 8
                       index_);
  EXPECT_EQ(read.lines, (std::vector<std::uint32_t>{2, 3, 4, 5, 6, 7, 8}));
  ASSERT_EQ(read.errors.size(), 5u);
  EXPECT_EQ(read.errors[0].message, "expected 3 cells as in the header row, found 2");
  EXPECT_EQ(read.errors[1].message, "expected 3 cells as in the header row, found 4");
  EXPECT_NE(read.errors[2].message.find("unexpected '\"'"), std::string::npos);
  EXPECT_EQ(read.errors[3].message, "missing 'time'");
  EXPECT_NE(read.errors[4].message.find("not closed"), std::string::npos);
}

TEST_F(ReaderTest, YamlReadsSequenceOfMappings) {
  Read read = read_all(InputFormat::Yaml,
                       "# a small log\n"
                       "- id: e1\n"
                       "  time: 2025-01-10\n"
                       "  type: decision.made\n"
                       "  org: DWP\n"
                       "  compulsory: true\n"
                       "  count: 12\n"
                       "  tags: [a, b]\n"
                       "- {id: 17, time: '2025-01-11T09:00:00Z', type: x, org: 'true', ratio: 2.5}\n"
                       "- id: e3\n"
                       "  type: x\n",
                       index_);
  EXPECT_EQ(read.lines, (std::vector<std::uint32_t>{2, 9, 10}));
  ASSERT_EQ(read.events.size(), 2u);
  EXPECT_EQ(field(read.events[0], "org")->as_string(), "DWP");
  EXPECT_TRUE(field(read.events[0], "compulsory")->as_bool());
  EXPECT_EQ(field(read.events[0], "count")->as_int(), 12);
  EXPECT_EQ(field(read.events[0], "tags")->as_list().size(), 2u);
  EXPECT_EQ(read.events[1].id(), "17");
  EXPECT_EQ(field(read.events[1], "org")->as_string(), "true");  // quoted stays text
  EXPECT_EQ(field(read.events[1], "ratio")->as_double(), 2.5);
  ASSERT_EQ(read.errors.size(), 1u);
  EXPECT_EQ(read.errors[0].message, "missing 'time'");
}

TEST_F(ReaderTest, YamlAliasesThatRepeatWithoutEndAreInputErrorsNotCrashes) {
  // An alias inside what it names is an endless tree; aliases of aliases
  // double at each step. Both are refused by their size, and the next
  // event is read.
  std::string bomb = "- {id: b, time: 2025-01-02, type: x, a0: &a0 [x, x]";
  for (int i = 1; i < 40; ++i) {
    bomb += ", a" + std::to_string(i) + ": &a" + std::to_string(i) + " [*a" +
            std::to_string(i - 1) + ", *a" + std::to_string(i - 1) + "]";
  }
  bomb += "}\n";
  Read read = read_all(InputFormat::Yaml,
                       "- &x {id: a, time: 2025-01-01, type: x, tags: [*x]}\n" + bomb +
                           "- {id: c, time: 2025-01-03, type: x}\n",
                       index_);
  ASSERT_EQ(read.errors.size(), 2u);
  EXPECT_NE(read.errors[0].message.find("counting what aliases repeat"), std::string::npos);
  EXPECT_EQ(read.lines, (std::vector<std::uint32_t>{1, 2, 3}));
  ASSERT_EQ(read.events.size(), 1u);
  EXPECT_EQ(read.events[0].id(), "c");
}

TEST_F(ReaderTest, YamlMalformedDocumentIsOneErrorWithItsLine) {
  Read read = read_all(InputFormat::Yaml, "- id: e1\n  time: [unclosed\n", index_);
  ASSERT_EQ(read.errors.size(), 1u);
  EXPECT_NE(read.errors[0].message.find("malformed YAML"), std::string::npos);
  EXPECT_GE(read.errors[0].origin.line, 2u);
  Read not_a_list = read_all(InputFormat::Yaml, "id: e1\n", index_);
  ASSERT_EQ(not_a_list.errors.size(), 1u);
  EXPECT_EQ(not_a_list.errors[0].message, "expected a sequence of events");
}

TEST(ByteSourceTest, MissingFileIsAnInputError) {
  FieldIndex index({});
  auto reader = open_reader(InputFormat::JsonLines,
                            ByteSource::from_file("/nonexistent/events.jsonl"), 0, index);
  ReadItem item;
  ASSERT_TRUE(reader->next(item));
  ASSERT_TRUE(std::holds_alternative<InputError>(item));
  EXPECT_NE(std::get<InputError>(item).message.find("cannot open"), std::string::npos);
  EXPECT_FALSE(reader->next(item));
}

}  // namespace
}  // namespace accord::stream
