// The condition grammar's entry point. Only grammar.cpp instantiates the
// grammar (grammar_def.hpp); everyone else sees this declaration.
#pragma once

#include "expr/parser/parse_tree.hpp"

#include <boost/spirit/home/x3/core.hpp>
#include <boost/spirit/home/x3/nonterminal.hpp>

#include <string_view>

namespace accord::expr::parser {

namespace x3 = boost::spirit::x3;

namespace grammar {
struct condition_class;
using condition_type = x3::rule<condition_class, tree::expression>;
BOOST_SPIRIT_DECLARE(condition_type)
}  // namespace grammar

// A whole condition: one expression, then nothing but blanks and comments.
const grammar::condition_type& condition();

// Rule names that the error sink recognises, to add hints to messages.
inline constexpr std::string_view expression_name = "an expression";
inline constexpr std::string_view end_of_condition_name = "an operator or the end of the condition";
inline constexpr std::string_view field_name_name = "a field or function name after '.'";

}  // namespace accord::expr::parser
