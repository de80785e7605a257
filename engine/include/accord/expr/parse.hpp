// Parsing conditions (CEL syntax) into an expression tree.
//
//   auto parsed = accord::expr::parse_condition("event.type == 'decision.made'");
//   if (!parsed.ast) std::cerr << accord::format_diagnostics(parsed.diagnostics,
//                                     accord::SourceFile("<condition>", text));
#pragma once

#include <accord/diagnostic.hpp>
#include <accord/expr/ast.hpp>

#include <cstddef>
#include <optional>
#include <string_view>

namespace accord::expr {

struct ParseOptions {
  // Longer conditions are refused before parsing (E101).
  std::size_t max_expression_bytes = 100'000;
  // Deeper nesting of brackets, calls, unary operators, selections, `?:` or
  // chains of binary operators is refused (E103), so that no input can
  // exhaust the stack of the parser, the compiler or the evaluator. Each
  // level of brackets takes about 4 KB of the parser's stack (optimised
  // build; about twice that without optimisation): raise this only with a
  // stack to match.
  std::size_t max_nesting_depth = 250;
  // Where the text starts in its file, for positions quoted inside messages
  // ("expected ')' to close '(' at 14:9"). Spans stay offsets into `text`.
  Location origin;
};

struct ParseResult {
  std::optional<Ast> ast;   // empty when diagnostics has errors
  Diagnostics diagnostics;  // spans are byte offsets into the parsed text
};

// Parses one condition. Never throws on bad input: every problem is a
// diagnostic that names what was expected at the position where it went
// wrong (one error at most; codes in docs/condition-language.md):
//   E101 longer than max_expression_bytes   E102 syntax error
//   E103 nested deeper than max_nesting_depth
//   E104 invalid literal or invalid UTF-8    E105 reserved word used as a name
// Thread-safe: it shares no state between calls.
ParseResult parse_condition(std::string_view text, const ParseOptions& options = {});

}  // namespace accord::expr
