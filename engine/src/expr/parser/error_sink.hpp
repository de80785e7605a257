// The object under X3's error-handler tag while a condition is parsed.
//
// It records the one diagnostic that ends a failed parse, gives
// annotate_on_success the tag() hook that stores byte offsets in parse-tree
// nodes, and counts how deeply brackets are nested. It never prints.
#pragma once

#include "expr/parser/parse_tree.hpp"

#include <accord/diagnostic.hpp>
#include <accord/source.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>

namespace accord::expr::parser {

// Thrown once the sink has recorded the diagnostic that ends the parse;
// parse_condition catches it. Carries nothing: the sink has the details.
struct parse_abandoned {};

class error_sink {
 public:
  // `origin` is where the text starts in its file (for positions quoted in
  // messages, such as "to close '(' at 14:9").
  error_sink(std::string_view text, Location origin, std::size_t max_nesting_depth);

  // annotate_on_success calls this on every successfully parsed node whose
  // rule ID derives from x3::annotate_on_success.
  template <typename Node>
  void tag(Node& node, const char* first, const char* last) const {
    static_assert(std::is_base_of_v<tree::tagged, Node>,
                  "annotate_on_success is for rules whose attribute derives from tree::tagged");
    node.begin = offset(first);
    node.end = offset(last);
  }

  std::uint32_t offset(const char* at) const {
    return static_cast<std::uint32_t>(at - text_.data());
  }

  // The span of the character (code point) at `at`; empty at the end.
  Span character_at(const char* at) const;

  // Records an error and abandons the parse by throwing parse_abandoned.
  [[noreturn]] void fail(std::string_view code, std::string message, Span span);

  // E102 from an X3 expectation failure at `where`: "expected <what>".
  void expected(const char* where, std::string_view what);

  // E102: a bracket or quote opened at `opened` is not closed at `at`.
  [[noreturn]] void unclosed(const char* opened, const char* at, std::string_view closer,
                             std::string_view opener, std::string_view note);

  // Counts one more level of open brackets; E103 past the limit.
  void enter_nesting(const char* opened);
  void leave_nesting() { --depth_; }

  std::size_t max_nesting_depth() const { return max_nesting_depth_; }
  // E103 at `at`, where the nesting limit was crossed.
  [[noreturn]] void nested_too_deeply(const char* at);

  // First position at or after `at` that is not whitespace or a comment.
  const char* skip_blanks(const char* at) const;

  // "line:column" of `at` in the file the condition comes from.
  std::string position_text(const char* at) const;

  const Diagnostics& diagnostics() const { return diagnostics_; }

 private:
  std::string_view text_;
  Location origin_;
  std::size_t max_nesting_depth_;
  std::size_t depth_ = 0;
  Diagnostics diagnostics_;
};

// Keeps one nesting level open for the lifetime of the scope.
class nesting_scope {
 public:
  nesting_scope(error_sink& sink, const char* opened) : sink_(sink) {
    sink_.enter_nesting(opened);
  }
  ~nesting_scope() { sink_.leave_nesting(); }
  nesting_scope(const nesting_scope&) = delete;
  nesting_scope& operator=(const nesting_scope&) = delete;

 private:
  error_sink& sink_;
};

}  // namespace accord::expr::parser
