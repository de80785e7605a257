// JSON Lines: the main format, and the fast path. Each line is read in
// place, in the line buffer, by a JsonEventParser.
#include "stream/readers.hpp"

#include "stream/fields.hpp"
#include "stream/json_event.hpp"
#include "stream/line_buffer.hpp"

namespace accord::stream::detail {

namespace {

class JsonLinesReader final : public EventReader {
 public:
  JsonLinesReader(std::unique_ptr<ByteSource> source, std::uint32_t input,
                  const FieldIndex& index, const ReaderLimits& limits, EventArena* arena)
      : source_(std::move(source)),
        lines_(*source_, limits.max_line_bytes, JsonEventParser::kPadding),
        input_(input),
        limits_(limits),
        builder_(index, arena),
        parser_(index, limits) {}

  bool next(ReadItem& item) override {
    LineBuffer::Line line;
    while (lines_.next(line)) {
      Origin origin{input_, line.number};
      if (line.too_long) {
        item = InputError{origin, "line is longer than the limit of " +
                                      std::to_string(limits_.max_line_bytes) + " bytes"};
        return true;
      }
      if (is_blank(line.text)) continue;
      std::string problem = parser_.read(line.text, origin, builder_);
      finish_item(builder_, origin, std::move(problem), item);
      return true;
    }
    if (!lines_.error().empty() && !reported_source_error_) {
      reported_source_error_ = true;
      item = InputError{{input_, 0}, lines_.error()};
      return true;
    }
    return false;
  }

 private:
  static bool is_blank(std::string_view text) {
    return text.find_first_not_of(" \t\r\f\v") == std::string_view::npos;
  }

  std::unique_ptr<ByteSource> source_;
  LineBuffer lines_;
  std::uint32_t input_;
  ReaderLimits limits_;
  EventBuilder builder_;
  JsonEventParser parser_;
  bool reported_source_error_ = false;
};

}  // namespace

std::unique_ptr<EventReader> open_json_lines_reader(std::unique_ptr<ByteSource> source,
                                                    std::uint32_t input,
                                                    const FieldIndex& index,
                                                    const ReaderLimits& limits, EventArena* arena) {
  return std::make_unique<JsonLinesReader>(std::move(source), input, index, limits, arena);
}

}  // namespace accord::stream::detail
