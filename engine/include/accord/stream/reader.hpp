// Reading event logs: JSON Lines, CSV and YAML, event by event.
//
// A reader never stops at a bad line: it yields an InputError naming the line
// and goes on with the next one, so that nothing in a log goes unaccounted.
//
//   auto reader = accord::stream::open_reader(InputFormat::JsonLines,
//                                             ByteSource::from_file(path), 0, index);
//   ReadItem item;
//   while (reader->next(item)) { ... }
#pragma once

#include <accord/stream/event.hpp>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace accord::stream {

enum class InputFormat { JsonLines, Csv, Yaml };

// "jsonl", "csv", "yaml" (also "ndjson", "yml").
std::optional<InputFormat> parse_input_format(std::string_view name);
// By extension: .jsonl/.ndjson, .csv, .yaml/.yml.
std::optional<InputFormat> format_for_path(std::string_view path);
std::string_view format_name(InputFormat format);

// A line or row that is not a valid event, or an input that cannot be read
// (then `line` is 0).
struct InputError {
  Origin origin;
  std::string message;
};

using ReadItem = std::variant<Event, InputError>;

// What one event may hold; past a limit the line (or row, or item) is an
// input error and reading goes on with the next. A field's value is at
// level 1 of nesting, what an array or object holds one level deeper.
struct ReaderLimits {
  std::size_t max_line_bytes = 1 << 20;  // without the line break; CSV: a record
  std::size_t max_nesting_depth = 64;    // of arrays and objects in an event
  std::size_t max_fields = 1000;         // top-level fields of one event
  // A YAML log is parsed whole: a longer one is an error of the input, with
  // nothing in it judged (long logs belong in JSON Lines).
  std::size_t max_yaml_bytes = 64 << 20;
};

// Where a reader's bytes come from: a file, standard input, or memory.
class ByteSource {
 public:
  virtual ~ByteSource() = default;
  // Fills up to `size` bytes; returns how many (0 at the end). Sets
  // `error` and returns 0 when the source cannot be read.
  virtual std::size_t read(char* buffer, std::size_t size, std::string& error) = 0;

  // A file ("-" is standard input). Opening errors surface on first read.
  static std::unique_ptr<ByteSource> from_file(const std::string& path);
  static std::unique_ptr<ByteSource> from_string(std::string text);
};

class EventReader {
 public:
  virtual ~EventReader() = default;
  // The next event or input error; false at the end of the input.
  virtual bool next(ReadItem& item) = 0;
};

// `input` is the index reported in each Origin. The FieldIndex must outlive
// the reader, and the arena (where events are built, if given) the events.
std::unique_ptr<EventReader> open_reader(InputFormat format, std::unique_ptr<ByteSource> source,
                                         std::uint32_t input, const FieldIndex& index,
                                         const ReaderLimits& limits = {},
                                         EventArena* arena = nullptr);

}  // namespace accord::stream
