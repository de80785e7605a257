// Lowering: parse tree (parse_tree.hpp) to the public AST (accord/expr/ast.hpp).
//
// Decodes literals, folds operator chains by CEL's associativity, gives
// every node its span and an id in source order, and refuses trees nested
// deeper than the limit. Iterative along chains, so long inputs cannot
// exhaust the stack.
#pragma once

#include "expr/parser/parse_tree.hpp"

#include <accord/diagnostic.hpp>
#include <accord/expr/ast.hpp>

#include <cstddef>
#include <optional>

namespace accord::expr::parser {

// Returns the AST, or nothing with the reason in `diagnostics` (E103 nesting
// too deep, E104 invalid literal, E102 for a quoted function name).
std::optional<Ast> lower(const tree::expression& tree, std::size_t max_nesting_depth,
                         Diagnostics& diagnostics);

}  // namespace accord::expr::parser
