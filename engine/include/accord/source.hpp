// Source text and positions in it.
//
// Every diagnostic accord reports points into a SourceFile: a rule set, an
// event log, or a condition typed on the command line.
//
//   accord::SourceFile file("rules/npa.yaml", text);
//   accord::Location at = file.locate(span.begin);   // 1-based line, column
//   std::string_view line = file.line_text(at.line);
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace accord {

// A half-open range of byte offsets [begin, end) into a source text.
struct Span {
  std::uint32_t begin = 0;
  std::uint32_t end = 0;

  friend bool operator==(const Span&, const Span&) = default;
};

// A 1-based line and column. Columns count Unicode code points, so a caret
// printed under a line lands under the character it means.
struct Location {
  std::uint32_t line = 1;
  std::uint32_t column = 1;

  friend bool operator==(const Location&, const Location&) = default;
};

// A named text with its line starts computed once. Immutable once built, so
// it may be shared between threads.
class SourceFile {
 public:
  SourceFile(std::string name, std::string text);

  const std::string& name() const { return name_; }
  const std::string& text() const { return text_; }

  // The line and column of a byte offset; offsets past the end map to the
  // position just after the last character.
  Location locate(std::uint32_t offset) const;

  // The text of a 1-based line, without its line break.
  std::string_view line_text(std::uint32_t line) const;

  std::uint32_t line_count() const {
    return static_cast<std::uint32_t>(line_starts_.size());
  }

 private:
  std::string name_;
  std::string text_;
  std::vector<std::uint32_t> line_starts_;
};

}  // namespace accord
