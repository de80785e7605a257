// Helpers shared by the condition parser tests.
#pragma once

#include <accord/diagnostic.hpp>
#include <accord/expr/ast.hpp>
#include <accord/expr/parse.hpp>
#include <accord/source.hpp>

#include <gtest/gtest.h>

#include <string>
#include <string_view>

namespace accord::expr::testing {

// The fully parenthesised form of a condition that must parse, or a
// description of why it did not.
inline std::string parenthesised(std::string_view text, const ParseOptions& options = {}) {
  ParseResult result = parse_condition(text, options);
  if (!result.ast) {
    return "<failed> " + format_diagnostics(result.diagnostics,
                                            SourceFile("<condition>", std::string(text)));
  }
  return to_string(*result.ast->root);
}

// The formatted diagnostics of a condition that must fail, or a
// description of the tree it parsed to.
inline std::string failure(std::string_view text, const ParseOptions& options = {}) {
  ParseResult result = parse_condition(text, options);
  if (result.ast) return "<parsed> " + to_string(*result.ast->root);
  return format_diagnostics(result.diagnostics, SourceFile("<condition>", std::string(text)));
}

// The code of the one diagnostic of a condition that must fail ("" if it parsed).
inline std::string error_code(std::string_view text, const ParseOptions& options = {}) {
  ParseResult result = parse_condition(text, options);
  if (result.ast || result.diagnostics.empty()) return "";
  return result.diagnostics.items().front().code;
}

// The value of a condition that must be a single literal.
inline Constant literal_value(std::string_view text) {
  ParseResult result = parse_condition(text);
  if (!result.ast) {
    ADD_FAILURE() << text << " did not parse:\n"
                  << format_diagnostics(result.diagnostics,
                                        SourceFile("<condition>", std::string(text)));
    return nullptr;
  }
  const auto* literal = std::get_if<Literal>(&result.ast->root->kind);
  if (literal == nullptr) {
    ADD_FAILURE() << text << " is not a literal: " << to_string(*result.ast->root);
    return nullptr;
  }
  return literal->value;
}

}  // namespace accord::expr::testing
