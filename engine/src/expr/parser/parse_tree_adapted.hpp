// Boost.Fusion adaptation of the parse tree, so that X3 can fill it.
#pragma once

#include "expr/parser/parse_tree.hpp"

#include <boost/fusion/include/adapt_struct.hpp>

BOOST_FUSION_ADAPT_STRUCT(accord::expr::parser::tree::literal, kind, text)
BOOST_FUSION_ADAPT_STRUCT(accord::expr::parser::tree::identifier, absolute, name, arguments)
BOOST_FUSION_ADAPT_STRUCT(accord::expr::parser::tree::parenthesized, inner)
BOOST_FUSION_ADAPT_STRUCT(accord::expr::parser::tree::list_literal, elements)
BOOST_FUSION_ADAPT_STRUCT(accord::expr::parser::tree::map_entry, key, value)
BOOST_FUSION_ADAPT_STRUCT(accord::expr::parser::tree::map_literal, entries)
BOOST_FUSION_ADAPT_STRUCT(accord::expr::parser::tree::field_name, quoted, text)
BOOST_FUSION_ADAPT_STRUCT(accord::expr::parser::tree::selection, field, arguments)
BOOST_FUSION_ADAPT_STRUCT(accord::expr::parser::tree::index_access, index)
BOOST_FUSION_ADAPT_STRUCT(accord::expr::parser::tree::member, head, tail)
BOOST_FUSION_ADAPT_STRUCT(accord::expr::parser::tree::unary_operator, symbol)
BOOST_FUSION_ADAPT_STRUCT(accord::expr::parser::tree::unary, operators, operand)
BOOST_FUSION_ADAPT_STRUCT(accord::expr::parser::tree::binary_operator, op)
BOOST_FUSION_ADAPT_TPL_STRUCT((Operand), (accord::expr::parser::tree::chain_link)(Operand),
                              op, operand)
BOOST_FUSION_ADAPT_TPL_STRUCT((Operand), (accord::expr::parser::tree::chain)(Operand),
                              first, rest)
BOOST_FUSION_ADAPT_STRUCT(accord::expr::parser::tree::conditional_branches, if_true, if_false)
BOOST_FUSION_ADAPT_STRUCT(accord::expr::parser::tree::conditional, test, branches)
