#include <accord/expr/parse.hpp>

#include "expr/literals.hpp"
#include "expr/parser/config.hpp"
#include "expr/parser/error_sink.hpp"
#include "expr/parser/grammar.hpp"
#include "expr/parser/lower.hpp"

#include <cstdint>
#include <functional>
#include <limits>
#include <string>

namespace accord::expr {

namespace {

namespace x3 = boost::spirit::x3;

// Spans are 32-bit offsets, whatever the options say.
constexpr std::size_t largest_text = std::numeric_limits<std::uint32_t>::max() - 1;

}  // namespace

ParseResult parse_condition(std::string_view text, const ParseOptions& options) {
  ParseResult result;
  std::size_t limit = std::min(options.max_expression_bytes, largest_text);
  if (text.size() > limit) {
    auto at = static_cast<std::uint32_t>(limit);
    result.diagnostics.error("E101",
                             "the condition is too long: " + std::to_string(text.size()) +
                                 " bytes (the limit is " + std::to_string(limit) + ")",
                             {at, at});
    return result;
  }
  if (auto bad = detail::find_invalid_utf8(text)) {
    auto at = static_cast<std::uint32_t>(*bad);
    result.diagnostics.error("E104", "the condition is not valid UTF-8", {at, at + 1});
    return result;
  }

  parser::error_sink sink(text, options.origin, options.max_nesting_depth);
  parser::tree::expression tree;
  const char* first = text.data();
  const char* const last = text.data() + text.size();
  try {
    auto const grammar = x3::with<x3::error_handler_tag>(std::ref(sink))[parser::condition()];
    if (!x3::phrase_parse(first, last, grammar, parser::skipper, tree)) {
      // The grammar expects a whole condition, so it fails by throwing; this
      // is a guard, not a path taken.
      sink.expected(first, parser::expression_name);
    }
  } catch (const x3::expectation_failure<parser::iterator_type>& failure) {
    sink.expected(failure.where(), failure.which());
  } catch (const parser::parse_abandoned&) {
    // The sink has the diagnostic.
  }
  if (!sink.diagnostics().empty()) {
    result.diagnostics = sink.diagnostics();
    return result;
  }
  result.ast = parser::lower(tree, options.max_nesting_depth, result.diagnostics);
  return result;
}

}  // namespace accord::expr
