// CSV as RFC 4180 has it: a header row names the fields; fields may be
// quoted, with embedded commas, doubled quotes and line breaks. Cells read
// `true`/`false` as booleans and plain integers or decimals as numbers; an
// empty cell means the field is absent.
#include "stream/readers.hpp"

#include "stream/fields.hpp"
#include "utf8.hpp"

#include <charconv>
#include <cstring>
#include <memory>

namespace accord::stream::detail {

namespace {

// The bytes of a ByteSource, one at a time, with a line count.
class CharStream {
 public:
  // Not zeroed: only bytes read are looked at, so a short log costs the
  // pages it fills, not the whole buffer.
  explicit CharStream(ByteSource& source)
      : source_(source), buffer_(std::make_unique_for_overwrite<char[]>(kChunk)) {}

  // The next byte, or -1 at the end (or on a read error: see error()).
  int get() {
    if (position_ == size_ && !refill()) return -1;
    return static_cast<unsigned char>(buffer_[position_++]);
  }
  int peek() {
    if (position_ == size_ && !refill()) return -1;
    return static_cast<unsigned char>(buffer_[position_]);
  }
  const std::string& error() const { return error_; }

 private:
  static constexpr std::size_t kChunk = 1 << 20;

  bool refill() {
    if (done_) return false;
    size_ = source_.read(buffer_.get(), kChunk, error_);
    position_ = 0;
    done_ = size_ == 0;
    return !done_;
  }

  ByteSource& source_;
  std::unique_ptr<char[]> buffer_;
  std::size_t position_ = 0;
  std::size_t size_ = 0;
  bool done_ = false;
  std::string error_;
};

struct Record {
  std::vector<std::string> cells;
  std::uint32_t first_line = 0;
  std::size_t bytes = 0;
  std::string problem;  // the record is malformed
};

bool is_plain_integer(std::string_view text) {
  std::size_t start = !text.empty() && (text[0] == '-' || text[0] == '+') ? 1 : 0;
  if (start == text.size()) return false;
  for (std::size_t i = start; i < text.size(); ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
  }
  return true;
}

bool is_plain_decimal(std::string_view text) {
  std::size_t start = !text.empty() && (text[0] == '-' || text[0] == '+') ? 1 : 0;
  std::size_t dot = text.find('.', start);
  if (dot == std::string_view::npos) return false;
  return is_plain_integer(text.substr(start, dot - start)) &&
         dot + 1 < text.size() && is_plain_integer(text.substr(dot + 1)) &&
         text[dot + 1] != '-' && text[dot + 1] != '+';
}

class CsvReader final : public EventReader {
 public:
  CsvReader(std::unique_ptr<ByteSource> source, std::uint32_t input, const FieldIndex& index,
            const ReaderLimits& limits, EventArena* arena)
      : source_(std::move(source)), chars_(*source_), input_(input), limits_(limits),
        builder_(index, arena) {}

  bool next(ReadItem& item) override {
    if (!header_read_) {
      header_read_ = true;
      Record header;
      if (!read_record(header)) return report_source_error(item);
      if (!header.problem.empty()) {
        item = InputError{{input_, header.first_line}, "header row: " + header.problem};
        header_failed_ = true;
        return true;
      }
      header_ = std::move(header.cells);
      if (!header_.empty() && header_[0].rfind("\xEF\xBB\xBF", 0) == 0) header_[0].erase(0, 3);
    }
    if (header_failed_) return false;
    Record record;
    while (read_record(record)) {
      Origin origin{input_, record.first_line};
      if (!record.problem.empty()) {
        item = InputError{origin, record.problem};
        return true;
      }
      if (record.cells.size() == 1 && record.cells[0].empty()) continue;  // blank line
      if (record.cells.size() != header_.size()) {
        item = InputError{origin, "expected " + std::to_string(header_.size()) +
                                      " cells as in the header row, found " +
                                      std::to_string(record.cells.size())};
        return true;
      }
      std::string problem = build(record, origin);
      finish_item(builder_, origin, std::move(problem), item);
      return true;
    }
    return report_source_error(item);
  }

 private:
  bool report_source_error(ReadItem& item) {
    if (chars_.error().empty() || reported_source_error_) return false;
    reported_source_error_ = true;
    item = InputError{{input_, 0}, chars_.error()};
    return true;
  }

  std::string build(const Record& record, Origin origin) {
    builder_.start(origin, record.bytes);
    for (std::size_t i = 0; i < header_.size(); ++i) {
      const std::string& cell = record.cells[i];
      if (cell.empty()) continue;
      const std::string& name = header_[i];
      // As a JSON Lines line is, every cell is checked, read or not.
      if (!accord::detail::is_valid_utf8(cell)) return "cell '" + name + "': invalid UTF-8";
      bool required = name == "id" || name == "time" || name == "type";
      if (!required && !builder_.find(name)) continue;
      if (auto wrong = apply_field(builder_, name, cell_value(cell, required))) return *wrong;
    }
    return {};
  }

  eval::Value cell_value(const std::string& cell, bool required) {
    if (cell == "true") return eval::Value::boolean(true);
    if (cell == "false") return eval::Value::boolean(false);
    if (is_plain_integer(cell)) {
      std::int64_t number = 0;
      const char* begin = cell.data() + (cell[0] == '+' ? 1 : 0);
      auto [end, error] = std::from_chars(begin, cell.data() + cell.size(), number);
      if (error == std::errc() && end == cell.data() + cell.size()) {
        return eval::Value::integer(number);
      }
    }
    if (is_plain_integer(cell) || is_plain_decimal(cell)) {
      double number = 0;
      const char* begin = cell.data() + (cell[0] == '+' ? 1 : 0);
      auto [end, error] = std::from_chars(begin, cell.data() + cell.size(), number);
      if (error == std::errc() && end == cell.data() + cell.size()) {
        return eval::Value::real(number);
      }
    }
    return eval::Value::string_view(required ? std::string_view(cell) : builder_.keep(cell));
  }

  // Reads one record; false at the end of the input.
  bool read_record(Record& record) {
    record = Record();
    int c = chars_.peek();
    if (c < 0) return false;
    record.first_line = line_;
    record.cells.emplace_back();
    bool quoted = false;        // inside a quoted field
    bool after_quote = false;   // a quoted field has closed
    for (;;) {
      c = chars_.get();
      // The limit is on the record without the line break that ends it.
      bool ends = !quoted && (c == '\n' || (c == '\r' && chars_.peek() == '\n'));
      if (c >= 0 && !ends) ++record.bytes;
      if (record.bytes > limits_.max_line_bytes && record.problem.empty()) {
        record.problem = "record is longer than the limit of " +
                         std::to_string(limits_.max_line_bytes) + " bytes";
      }
      if (c < 0) {
        if (quoted && record.problem.empty()) {
          record.problem = "a quoted field is not closed before the end of the input";
        }
        return true;
      }
      if (c == '\n') ++line_;
      std::string& cell = record.cells.back();
      if (quoted) {
        if (c == '"') {
          if (chars_.peek() == '"') {
            chars_.get();
            ++record.bytes;
            cell += '"';
          } else {
            quoted = false;
            after_quote = true;
          }
        } else if (record.problem.empty()) {
          cell += static_cast<char>(c);
        }
        continue;
      }
      if (c == ',') {
        if (record.cells.size() >= limits_.max_fields && record.problem.empty()) {
          record.problem = "more than " + std::to_string(limits_.max_fields) + " cells";
        }
        if (record.problem.empty()) record.cells.emplace_back();
        after_quote = false;
      } else if (c == '\n') {
        return true;
      } else if (c == '\r' && (chars_.peek() == '\n')) {
        continue;  // CRLF: the LF ends the record
      } else if (c == '"' && cell.empty() && !after_quote) {
        quoted = true;
      } else if (after_quote || c == '"') {
        if (record.problem.empty()) {
          record.problem = "unexpected '" + std::string(1, static_cast<char>(c)) +
                           "' in a field (a field with quotes must be quoted as a whole, "
                           "with quotes doubled)";
        }
      } else if (record.problem.empty()) {
        cell += static_cast<char>(c);
      }
    }
  }

  std::unique_ptr<ByteSource> source_;
  CharStream chars_;
  std::uint32_t input_;
  ReaderLimits limits_;
  EventBuilder builder_;
  std::vector<std::string> header_;
  bool header_read_ = false;
  bool header_failed_ = false;
  bool reported_source_error_ = false;
  std::uint32_t line_ = 1;
};

}  // namespace

std::unique_ptr<EventReader> open_csv_reader(std::unique_ptr<ByteSource> source,
                                             std::uint32_t input, const FieldIndex& index,
                                             const ReaderLimits& limits, EventArena* arena) {
  return std::make_unique<CsvReader>(std::move(source), input, index, limits, arena);
}

}  // namespace accord::stream::detail
