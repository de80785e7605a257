#include "stream/line_buffer.hpp"

#include <algorithm>
#include <cstring>

namespace accord::stream::detail {

namespace {

constexpr std::size_t kChunk = 4 << 20;
// Read a little at a time: what the kernel copies is still in the cache
// when the lines are parsed.
constexpr std::size_t kReadBytes = 256 << 10;
constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";

}  // namespace

LineBuffer::LineBuffer(ByteSource& source, std::size_t max_line_bytes, std::size_t padding)
    : source_(source),
      max_line_bytes_(max_line_bytes),
      capacity_(std::max(kChunk, 2 * max_line_bytes + 2)),
      padding_(padding),
      // Not zeroed: only bytes read are looked at, so a short log costs
      // the pages it fills, not the whole buffer.
      buffer_(std::make_unique_for_overwrite<char[]>(capacity_ + padding)) {
  std::memset(buffer_.get() + capacity_, ' ', padding);
}

bool LineBuffer::fill() {
  if (at_eof_) return false;
  if (begin_ > 0) {
    std::memmove(buffer_.get(), buffer_.get() + begin_, end_ - begin_);
    end_ -= begin_;
    scanned_ -= begin_;
    begin_ = 0;
  }
  std::size_t got =
      source_.read(buffer_.get() + end_, std::min(capacity_ - end_, kReadBytes), error_);
  if (got == 0) at_eof_ = true;
  end_ += got;
  return got > 0;
}

bool LineBuffer::next(Line& line) {
  for (;;) {
    const char* data = buffer_.get();
    const void* found = std::memchr(data + scanned_, '\n', end_ - scanned_);
    std::size_t line_end;
    if (found != nullptr) {
      line_end = static_cast<std::size_t>(static_cast<const char*>(found) - data);
    } else if (end_ - begin_ > max_line_bytes_ + 1) {
      // Too long: drop what we have and skip to the next line break.
      skipping_ = true;
      begin_ = scanned_ = end_ = 0;
      if (!fill()) {
        if (!error_.empty()) return false;
        line = {{}, ++number_, true};
        skipping_ = false;
        return true;
      }
      continue;
    } else if (!at_eof_) {
      scanned_ = end_;
      fill();
      if (!error_.empty()) return false;
      continue;
    } else if (begin_ < end_ || skipping_) {
      line_end = end_;  // the last line has no line break
      // Past the data are stale bytes of earlier lines, or none written at
      // all; a parser reading past the line's end must find blanks there,
      // as after any other line, or what it reads would depend on them.
      std::memset(buffer_.get() + end_, ' ', padding_);
    } else {
      return false;
    }

    std::string_view text(data + begin_, line_end - begin_);
    begin_ = scanned_ = std::min(line_end + 1, end_);
    line.number = ++number_;
    // The limit is on the line without its line break, LF or CRLF alike.
    if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
    line.too_long = skipping_ || text.size() > max_line_bytes_;
    skipping_ = false;
    if (line.number == 1 && text.substr(0, 3) == kByteOrderMark) text.remove_prefix(3);
    line.text = line.too_long ? std::string_view() : text;
    return true;
  }
}

}  // namespace accord::stream::detail
