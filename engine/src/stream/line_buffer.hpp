// Splits a ByteSource into lines without copying them, with a bound on line
// length, and readable padding after every line (simdjson reads past the
// end of what it parses).
#pragma once

#include <accord/stream/reader.hpp>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace accord::stream::detail {

class LineBuffer {
 public:
  struct Line {
    std::string_view text;  // without the line break, a trailing CR, or a leading BOM
    std::uint32_t number = 0;
    bool too_long = false;  // longer than the limit: `text` is empty
  };

  LineBuffer(ByteSource& source, std::size_t max_line_bytes, std::size_t padding);

  // The next line; false at the end of the input or when the source failed
  // (then error() says why). A line stays valid until the next call.
  bool next(Line& line);

  const std::string& error() const { return error_; }

 private:
  bool fill();

  ByteSource& source_;
  std::size_t max_line_bytes_;
  std::size_t capacity_;  // usable bytes; padding_ more are allocated
  std::size_t padding_;
  std::unique_ptr<char[]> buffer_;
  std::size_t begin_ = 0;
  std::size_t scanned_ = 0;
  std::size_t end_ = 0;
  std::uint32_t number_ = 0;
  bool at_eof_ = false;
  bool skipping_ = false;  // inside a line longer than the limit
  std::string error_;
};

}  // namespace accord::stream::detail
