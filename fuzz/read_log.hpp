// What the reader targets share: read a whole log from the fuzzer's bytes,
// twice, and stop the run when the two readings disagree.
//
// The first reading gets the bytes in one piece; the second a few bytes at a
// time, as from a pipe, so that a line split across reads is read as it is
// whole. Limits are small, so that inputs of a few kilobytes reach them.
#pragma once

#include <accord/eval/json.hpp>
#include <accord/stream/reader.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <type_traits>
#include <variant>
#include <vector>

namespace accord::fuzz {

// Hands out its text in pieces of `piece` bytes.
class PieceByPiece final : public stream::ByteSource {
 public:
  PieceByPiece(std::string text, std::size_t piece) : text_(std::move(text)), piece_(piece) {}

  std::size_t read(char* buffer, std::size_t size, std::string&) override {
    std::size_t n = std::min({size, piece_, text_.size() - offset_});
    std::memcpy(buffer, text_.data() + offset_, n);
    offset_ += n;
    return n;
  }

 private:
  std::string text_;
  std::size_t piece_;
  std::size_t offset_ = 0;
};

// The fields the readers keep: some a rule set would read, and the three
// every event has.
inline const std::vector<std::string>& kept_fields() {
  static const std::vector<std::string> names{"id",    "time", "type",   "org",    "count",
                                              "ratio", "tags", "detail", "subject"};
  return names;
}

// One line of what a reader yielded: the event's line, id, type, time and
// kept fields, or the input error's line and message.
inline std::string describe(const stream::ReadItem& item, const stream::FieldIndex& index) {
  if (const auto* error = std::get_if<stream::InputError>(&item)) {
    return std::to_string(error->origin.line) + " error " + error->message;
  }
  const auto& event = std::get<stream::Event>(item);
  std::string out = std::to_string(event.origin().line) + " event " + std::string(event.id()) +
                    " " + std::string(event.type()) + " " +
                    std::to_string(event.time().seconds) + "." +
                    std::to_string(event.time().nanos);
  for (const std::string& name : kept_fields()) {
    if (const eval::Value* value = event.field(*index.find(name))) {
      out += " " + name + "=" + eval::to_typed_json(*value);
    }
  }
  return out;
}

inline std::vector<std::string> read_all(stream::InputFormat format,
                                         std::unique_ptr<stream::ByteSource> source,
                                         const stream::FieldIndex& index) {
  stream::ReaderLimits limits;
  limits.max_line_bytes = 4096;
  limits.max_nesting_depth = 8;
  limits.max_fields = 16;
  auto reader = stream::open_reader(format, std::move(source), 0, index, limits);
  std::vector<std::string> items;
  std::uint32_t last_line = 0;
  stream::ReadItem item;
  while (reader->next(item)) {
    const stream::Origin& origin = std::visit(
        [](const auto& read) -> const stream::Origin& {
          if constexpr (std::is_same_v<std::decay_t<decltype(read)>, stream::Event>) {
            return read.origin();
          } else {
            return read.origin;
          }
        },
        item);
    // Items come in input order, each from input 0.
    if (origin.input != 0 || origin.line < last_line) std::abort();
    last_line = origin.line;
    items.push_back(describe(item, index));
  }
  return items;
}

// The fuzzer's entry for one format.
inline int read_both_ways(stream::InputFormat format, const std::uint8_t* data, std::size_t size) {
  static const stream::FieldIndex index(kept_fields(), {"decision", "explanation"});
  std::string text(reinterpret_cast<const char*>(data), size);
  auto whole = read_all(format, stream::ByteSource::from_string(text), index);
  // Pieces of 1 to 7 bytes, chosen by the input's length.
  auto pieces = read_all(format, std::make_unique<PieceByPiece>(text, 1 + size % 7), index);
  if (whole != pieces) std::abort();
  return 0;
}

}  // namespace accord::fuzz
