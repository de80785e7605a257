// Diagnostics: the one way accord reports a problem in user input.
//
// Loaders and parsers never throw on bad input: they return their result
// together with Diagnostics, which the caller prints or inspects.
//
//   accord::Diagnostics diags;
//   diags.error("E102", "expected ')' to close '('", span);
//   std::cerr << accord::format_diagnostics(diags, source);
#pragma once

#include <accord/source.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace accord {

enum class Severity { Error, Warning, Note };

std::string_view severity_name(Severity severity);

struct Diagnostic {
  Severity severity = Severity::Error;
  std::string code;     // stable, e.g. "E102"; documented in docs/
  std::string message;  // one sentence, lower-case start, no final period
  Span span;            // into the SourceFile the diagnostic is about
};

class Diagnostics {
 public:
  void add(Diagnostic diagnostic) { items_.push_back(std::move(diagnostic)); }
  void error(std::string code, std::string message, Span span) {
    add({Severity::Error, std::move(code), std::move(message), span});
  }
  void warning(std::string code, std::string message, Span span) {
    add({Severity::Warning, std::move(code), std::move(message), span});
  }

  // Appends other's diagnostics with their spans moved by `offset` bytes:
  // how a condition's diagnostics are placed inside the file it came from.
  void append(const Diagnostics& other, std::uint32_t offset = 0);

  bool has_errors() const;
  bool empty() const { return items_.empty(); }
  std::size_t size() const { return items_.size(); }
  const std::vector<Diagnostic>& items() const { return items_; }
  auto begin() const { return items_.begin(); }
  auto end() const { return items_.end(); }

 private:
  std::vector<Diagnostic> items_;
};

// Formats one diagnostic as
//
//   rules/npa.yaml:14:22: error: expected ')' to close '(' at 14:9 [E102]
//      14 |     when: size(event.x > 2
//         |                      ^
//
// with a caret under the span's first character (and tildes under the rest
// of the span, when it lies on the same line).
std::string format_diagnostic(const Diagnostic& diagnostic,
                              const SourceFile& source);

// All diagnostics, in order, each formatted as above.
std::string format_diagnostics(const Diagnostics& diagnostics,
                               const SourceFile& source);

}  // namespace accord
