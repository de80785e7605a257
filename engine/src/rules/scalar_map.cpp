#include "rules/scalar_map.hpp"

#include <algorithm>
#include <cstddef>

namespace accord::rules::detail {

namespace {

enum class Style { Plain, SingleQuoted, DoubleQuoted, Block };

bool is_blank(char c) { return c == ' ' || c == '\t'; }
bool is_line_break(char c) { return c == '\n' || c == '\r'; }
bool is_layout(char c) { return is_blank(c) || is_line_break(c); }

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::size_t utf8_length(std::uint32_t code_point) {
  if (code_point < 0x80) return 1;
  if (code_point < 0x800) return 2;
  if (code_point < 0x10000) return 3;
  return 4;
}

// A double-quoted scalar's escape: how many characters it takes in the file
// and how many bytes it stands for in the value (0 for an escaped line break).
struct Escape {
  std::size_t written;
  std::size_t decoded;
};

Escape escape_at(std::string_view text, std::size_t at) {
  if (at + 1 >= text.size()) return {1, 0};
  auto code_point = [&](std::size_t digits) -> Escape {
    std::uint32_t value = 0;
    std::size_t read = 0;
    while (read < digits && at + 2 + read < text.size()) {
      int digit = hex_digit(text[at + 2 + read]);
      if (digit < 0) break;
      value = value * 16 + static_cast<std::uint32_t>(digit);
      ++read;
    }
    return {2 + read, utf8_length(value)};
  };
  switch (text[at + 1]) {
    case 'x': return code_point(2);
    case 'u': return code_point(4);
    case 'U': return code_point(8);
    case 'N':  // U+0085
    case '_':  // U+00A0
      return {2, 2};
    case 'L':  // U+2028
    case 'P':  // U+2029
      return {2, 3};
    case '\n': return {2, 0};
    case '\r': return {at + 2 < text.size() && text[at + 2] == '\n' ? 3u : 2u, 0};
    default: return {2, 1};
  }
}

// Skips the node's properties (`&anchor`, `!tag`) and the blanks after them.
std::size_t skip_properties(std::string_view text, std::size_t at) {
  while (at < text.size() && (text[at] == '&' || text[at] == '!')) {
    while (at < text.size() && !is_layout(text[at])) ++at;
    while (at < text.size() && is_blank(text[at])) ++at;
  }
  return at;
}

}  // namespace

// The value is matched character by character against the file text from
// the node's start, knowing what each scalar style leaves out of the value:
// the quotes and the block header, indentation, line breaks folded into
// spaces, the second quote of '' and the escapes of double quotes. A value
// character that still cannot be found (a quirk of the YAML reader) is
// looked for a few characters further on, else left where the last one was:
// at worst a caret then points a little early.
ScalarMap::ScalarMap(std::string_view file_text, std::uint32_t node_offset,
                     std::string_view value) {
  std::size_t at = skip_properties(file_text, std::min<std::size_t>(node_offset, file_text.size()));
  Style style = Style::Plain;
  if (at < file_text.size()) {
    switch (file_text[at]) {
      case '|':
      case '>': {
        style = Style::Block;
        std::size_t line_end = file_text.find('\n', at);
        at = line_end == std::string_view::npos ? file_text.size() : line_end + 1;
        break;
      }
      case '"':
        style = Style::DoubleQuoted;
        ++at;
        break;
      case '\'':
        style = Style::SingleQuoted;
        ++at;
        break;
      default: break;
    }
  }

  offsets_.reserve(value.size() + 1);
  std::size_t end_of_content = at;  // just after the last non-layout character
  constexpr std::size_t kLookahead = 4;
  std::size_t i = 0;
  while (i < value.size()) {
    char c = value[i];
    std::size_t probe = at;
    std::size_t unexplained = 0;
    bool matched = false;
    while (probe < file_text.size()) {
      char f = file_text[probe];
      if (style == Style::DoubleQuoted && f == '\\') {
        Escape escape = escape_at(file_text, probe);
        if (escape.decoded == 0) {
          probe += escape.written;
          continue;
        }
        // Every byte the escape stands for points at its backslash.
        std::size_t bytes = std::min(escape.decoded, value.size() - i);
        offsets_.insert(offsets_.end(), bytes, static_cast<std::uint32_t>(probe));
        i += bytes;
        at = probe + escape.written;
        end_of_content = at;
        matched = true;
        break;
      }
      // A line break folded into a space stands where the break was.
      if (f == c || (c == ' ' && is_line_break(f))) {
        offsets_.push_back(static_cast<std::uint32_t>(probe));
        ++i;
        at = probe + 1;
        if (style == Style::SingleQuoted && c == '\'' && at < file_text.size() &&
            file_text[at] == '\'') {
          ++at;
        }
        if (!is_layout(c)) end_of_content = at;
        matched = true;
        break;
      }
      if (!is_layout(f) && ++unexplained > kLookahead) break;
      ++probe;
    }
    if (!matched) {
      offsets_.push_back(static_cast<std::uint32_t>(std::min(at, file_text.size())));
      ++i;
    }
  }
  offsets_.push_back(static_cast<std::uint32_t>(std::min(end_of_content, file_text.size())));
}

std::uint32_t ScalarMap::file_offset(std::uint32_t value_offset) const {
  return offsets_[std::min<std::size_t>(value_offset, offsets_.size() - 1)];
}

}  // namespace accord::rules::detail
