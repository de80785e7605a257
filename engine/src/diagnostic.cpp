#include <accord/diagnostic.hpp>

#include <algorithm>
#include <string>

namespace accord {

std::string_view severity_name(Severity severity) {
  switch (severity) {
    case Severity::Error: return "error";
    case Severity::Warning: return "warning";
    case Severity::Note: return "note";
  }
  return "error";
}

void Diagnostics::append(const Diagnostics& other, std::uint32_t offset) {
  for (Diagnostic diagnostic : other.items_) {
    diagnostic.span.begin += offset;
    diagnostic.span.end += offset;
    items_.push_back(std::move(diagnostic));
  }
}

bool Diagnostics::has_errors() const {
  return std::any_of(items_.begin(), items_.end(), [](const Diagnostic& d) {
    return d.severity == Severity::Error;
  });
}

namespace {

// Replaces control characters (tabs included) by spaces so that the caret
// line stays aligned with the source line above it.
std::string printable(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (static_cast<unsigned char>(c) < 0x20U || c == 0x7F) c = ' ';
  }
  return out;
}

}  // namespace

std::string format_diagnostic(const Diagnostic& diagnostic,
                              const SourceFile& source) {
  Location at = source.locate(diagnostic.span.begin);
  std::string out = source.name() + ":" + std::to_string(at.line) + ":" +
                    std::to_string(at.column) + ": " +
                    std::string(severity_name(diagnostic.severity)) + ": " +
                    diagnostic.message;
  if (!diagnostic.code.empty()) out += " [" + diagnostic.code + "]";
  out += '\n';

  std::string_view line = source.line_text(at.line);
  std::string number = std::to_string(at.line);
  std::string gutter(number.size(), ' ');
  out += " " + number + " | " + printable(line) + "\n";

  // Underline the span up to the end of its first line. The end is located
  // itself (not its last byte, which may sit inside a multi-byte character).
  Location end = source.locate(diagnostic.span.end);
  std::uint32_t width =
      end.line == at.line && end.column > at.column + 1 ? end.column - at.column : 1;
  out += " " + gutter + " | " + std::string(at.column - 1, ' ') + "^" +
         std::string(width - 1, '~') + "\n";
  return out;
}

std::string format_diagnostics(const Diagnostics& diagnostics,
                               const SourceFile& source) {
  std::string out;
  for (const Diagnostic& diagnostic : diagnostics) {
    out += format_diagnostic(diagnostic, source);
  }
  return out;
}

}  // namespace accord
