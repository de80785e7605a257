// Where the characters of a YAML scalar stand in its file, so that an error
// inside a condition points at the right line and column of the rule file,
// whether the condition is plain, quoted, or a `|` / `>` block.
//
//   ScalarMap map(file.text(), node_mark_offset, node.Scalar());
//   Span in_file{map.file_offset(span.begin), map.file_offset(span.end)};
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace accord::rules::detail {

class ScalarMap {
 public:
  // `node_offset` is the byte offset where the scalar's node starts (its
  // yaml-cpp mark: the first character, the opening quote, the block
  // indicator, or an anchor or tag before them); `value` is the scalar as
  // yaml-cpp decoded it.
  ScalarMap(std::string_view file_text, std::uint32_t node_offset, std::string_view value);

  // The file offset of a byte offset into the value. The end of the value
  // maps to just after its last character that is not a blank or a line
  // break, so an error at the end of a block scalar stays on its last line.
  std::uint32_t file_offset(std::uint32_t value_offset) const;

 private:
  std::vector<std::uint32_t> offsets_;  // value.size() + 1 entries
};

}  // namespace accord::rules::detail
