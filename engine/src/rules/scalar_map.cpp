#include "rules/scalar_map.hpp"

#include <algorithm>

namespace accord::rules::detail {

namespace {

bool is_layout(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

}  // namespace

// The value is matched character by character against the file text from
// the node's start. What the value lacks is layout: the quote or block
// indicator, indentation, line breaks folded into spaces, and the backslash
// of an escape. A character not found nearby leaves the position where it
// was, which at worst points a little early.
ScalarMap::ScalarMap(std::string_view file_text, std::uint32_t node_offset,
                     std::string_view value) {
  std::size_t at = std::min<std::size_t>(node_offset, file_text.size());
  if (at < file_text.size() && (file_text[at] == '|' || file_text[at] == '>')) {
    std::size_t line_end = file_text.find('\n', at);
    at = line_end == std::string_view::npos ? file_text.size() : line_end + 1;
  } else if (at < file_text.size() && (file_text[at] == '"' || file_text[at] == '\'')) {
    ++at;
  }
  offsets_.reserve(value.size() + 1);
  constexpr std::size_t kLookahead = 4;
  for (char c : value) {
    std::size_t probe = at;
    // Layout may run long (indentation); other skipped text is short.
    std::size_t skipped_other = 0;
    while (probe < file_text.size() && file_text[probe] != c) {
      bool folded_break = c == ' ' && file_text[probe] == '\n';
      if (folded_break) break;
      if (!is_layout(file_text[probe]) && ++skipped_other > kLookahead) break;
      ++probe;
    }
    if (probe < file_text.size() && (file_text[probe] == c || c == ' ')) {
      at = probe;
      offsets_.push_back(static_cast<std::uint32_t>(at));
      ++at;
    } else {
      offsets_.push_back(static_cast<std::uint32_t>(std::min(at, file_text.size())));
    }
  }
  offsets_.push_back(static_cast<std::uint32_t>(std::min(at, file_text.size())));
}

std::uint32_t ScalarMap::file_offset(std::uint32_t value_offset) const {
  return offsets_[std::min<std::size_t>(value_offset, offsets_.size() - 1)];
}

}  // namespace accord::rules::detail
