// The condition grammar (CEL syntax) in Spirit X3. docs/condition-language.md
// has the same grammar as EBNF; change both together.
//
// Conventions: rule `foo`, definition `foo_def`, ID class `foo_class`. Rule
// names read as what was expected ("expected an expression"). There are no
// semantic actions: the rules fill the parse tree (parse_tree.hpp), and
// lower.cpp gives it meaning. After each operator, keyword and opening
// bracket comes an expectation point, so a mistake is reported where it is
// and the parser never backtracks far.
//
// Included only by grammar.cpp.
#pragma once

#include "expr/parser/config.hpp"
#include "expr/parser/directives.hpp"
#include "expr/parser/grammar.hpp"
#include "expr/parser/parse_tree.hpp"
#include "expr/parser/parse_tree_adapted.hpp"

#include <boost/spirit/home/x3.hpp>
#include <boost/spirit/home/x3/support/utility/annotate_on_success.hpp>

namespace accord::expr::parser {

namespace grammar {

using x3::attr;
using x3::expect;
using x3::lexeme;
using x3::lit;
using x3::matches;
using x3::raw;
using x3::standard::char_;

// ---------------------------------------------------------------- lexis

const auto identifier_start = char_("a-zA-Z_");
const auto identifier_char = char_("a-zA-Z0-9_");
const auto digit = char_("0-9");
const auto hex_digit = char_("0-9a-fA-F");

// A word that is not the start of a longer identifier: `in` but not `index`.
inline auto keyword(const char* word) { return lexeme[lit(word) >> !identifier_char]; }

const auto keyword_literal = keyword("true") | keyword("false") | keyword("null") | keyword("in");

// INT_LIT, UINT_LIT and FLOAT_LIT; only the shape here, the value in lower.cpp.
const auto exponent = char_("eE") >> -char_("+-") >> +digit;
const auto number_shape = (*digit >> '.' >> +digit >> -exponent)  //
                          | (+digit >> exponent)                   //
                          | (lit("0x") >> +hex_digit >> -char_("uU")) | (+digit >> -char_("uU"));

// STRING_LIT and BYTES_LIT. Escapes are decoded (and checked) in lower.cpp;
// here a backslash just keeps the next character from ending the string.
const char* const line_break_note =
    "a quoted string cannot span lines: use ''' or \"\"\" for text over several lines";
constexpr delimiters triple_single_quotes{"'''", "'''", "\"'''\"", "the string", false};
constexpr delimiters triple_double_quotes{"\"\"\"", "\"\"\"", "'\"\"\"'", "the string", false};
const delimiters single_quote{"'", "'", "\"'\"", "the string", false, line_break_note};
const delimiters double_quote{"\"", "\"", "'\"'", "the string", false, line_break_note};

const auto escape_pair = '\\' >> char_;
const auto raw_string_body = enclosed(triple_single_quotes)[*(char_ - "'''")]      //
                             | enclosed(triple_double_quotes)[*(char_ - "\"\"\"")]  //
                             | enclosed(single_quote)[*~char_("'\r\n")]            //
                             | enclosed(double_quote)[*~char_("\"\r\n")];
const auto cooked_string_body =
    enclosed(triple_single_quotes)[*(escape_pair | (char_ - "'''"))]        //
    | enclosed(triple_double_quotes)[*(escape_pair | (char_ - "\"\"\""))]  //
    | enclosed(single_quote)[*(escape_pair | ~char_("'\\\r\n"))]          //
    | enclosed(double_quote)[*(escape_pair | ~char_("\"\\\r\n"))];
const auto raw_marker = char_("rR");
const auto bytes_marker = char_("bB");
const auto raw_prefix = (bytes_marker >> raw_marker) | (raw_marker >> -bytes_marker);
const auto string_shape = (raw_prefix >> raw_string_body) | (-bytes_marker >> cooked_string_body);

// Field names in backquotes: x.`content-type`.
constexpr delimiters backquotes{"`", "`", "'`'", "the quoted field name", false};

// Brackets; each level counts toward the nesting limit.
constexpr delimiters parentheses{"(", ")", "')'", "'('", true};
constexpr delimiters call_parentheses{"(", ")", "')'", "'('", true};
constexpr delimiters list_brackets{"[", "]", "']'", "'['", true};
constexpr delimiters index_brackets{"[", "]", "']'", "'['", true};
constexpr delimiters map_braces{"{", "}", "'}'", "'{'", true};

// ------------------------------------------------------- operator tables

const x3::symbols<BinaryOp> multiplicative_symbols(
    {{"*", BinaryOp::Multiply}, {"/", BinaryOp::Divide}, {"%", BinaryOp::Modulo}},
    "'*', '/' or '%'");
const x3::symbols<BinaryOp> additive_symbols({{"+", BinaryOp::Add}, {"-", BinaryOp::Subtract}},
                                             "'+' or '-'");
const x3::symbols<BinaryOp> relation_symbols({{"<", BinaryOp::Less},
                                              {"<=", BinaryOp::LessEqual},
                                              {">", BinaryOp::Greater},
                                              {">=", BinaryOp::GreaterEqual},
                                              {"==", BinaryOp::Equal},
                                              {"!=", BinaryOp::NotEqual}},
                                             "a comparison");

// ----------------------------------------------------------------- rules

struct expression_class;
struct conditional_branches_class : x3::annotate_on_success {};
struct conditional_colon_class;
struct logical_or_class;
struct logical_and_class;
struct relation_class;
struct additive_class;
struct multiplicative_class;
struct or_operator_class : x3::annotate_on_success {};
struct and_operator_class : x3::annotate_on_success {};
struct relation_operator_class : x3::annotate_on_success {};
struct additive_operator_class : x3::annotate_on_success {};
struct multiplicative_operator_class : x3::annotate_on_success {};
struct unary_class;
struct unary_operators_class;
struct not_operator_class : x3::annotate_on_success {};
struct negate_operator_class : x3::annotate_on_success {};
struct member_class;
struct postfix_class;
struct selection_class : x3::annotate_on_success {};
struct field_name_class;
struct quoted_field_text_class;
struct quoted_field_characters_class;
struct index_access_class : x3::annotate_on_success {};
struct call_arguments_class;
struct primary_class;
struct literal_class : x3::annotate_on_success {};
struct identifier_class : x3::annotate_on_success {};
struct identifier_word_class;
struct parenthesized_class : x3::annotate_on_success {};
struct list_literal_class : x3::annotate_on_success {};
struct map_literal_class : x3::annotate_on_success {};
struct list_elements_class;
struct map_entries_class;
struct map_entry_class;
struct map_colon_class;
struct end_of_condition_class;

const x3::rule<expression_class, tree::conditional> expression = expression_name.data();
const x3::rule<conditional_branches_class, tree::conditional_branches> conditional_branches = "'?'";
const x3::rule<conditional_colon_class> conditional_colon = "':' of '?:'";
const x3::rule<logical_or_class, tree::logical_or> logical_or = expression_name.data();
const x3::rule<logical_and_class, tree::logical_and> logical_and = expression_name.data();
const x3::rule<relation_class, tree::relation> relation = expression_name.data();
const x3::rule<additive_class, tree::additive> additive = expression_name.data();
const x3::rule<multiplicative_class, tree::multiplicative> multiplicative =
    expression_name.data();
const x3::rule<or_operator_class, tree::binary_operator> or_operator = "'||'";
const x3::rule<and_operator_class, tree::binary_operator> and_operator = "'&&'";
const x3::rule<relation_operator_class, tree::binary_operator> relation_operator =
    "a comparison";
const x3::rule<additive_operator_class, tree::binary_operator> additive_operator = "'+' or '-'";
const x3::rule<multiplicative_operator_class, tree::binary_operator> multiplicative_operator =
    "'*', '/' or '%'";
const x3::rule<unary_class, tree::unary> unary = expression_name.data();
const x3::rule<unary_operators_class, std::vector<tree::unary_operator>> unary_operators =
    "'!' or '-'";
const x3::rule<not_operator_class, tree::unary_operator> not_operator = "'!'";
const x3::rule<negate_operator_class, tree::unary_operator> negate_operator = "'-'";
const x3::rule<member_class, tree::member> member = expression_name.data();
const x3::rule<postfix_class, tree::postfix> postfix = "'.' or '['";
const x3::rule<selection_class, tree::selection> selection = "'.'";
const x3::rule<field_name_class, tree::field_name> field_name = field_name_name.data();
const x3::rule<quoted_field_text_class, std::string> quoted_field_text = "'`'";
const x3::rule<quoted_field_characters_class, std::string> quoted_field_characters =
    "a field name (letters, digits, '_', '.', '-', '/' or spaces)";
const x3::rule<index_access_class, tree::index_access> index_access = "'['";
const x3::rule<call_arguments_class, std::vector<tree::expression>> call_arguments = "'('";
const x3::rule<primary_class, tree::primary> primary = expression_name.data();
const x3::rule<literal_class, tree::literal> literal = "a literal";
const x3::rule<identifier_class, tree::identifier> identifier = "a name";
const x3::rule<identifier_word_class, std::string> identifier_word = "a name";
const x3::rule<parenthesized_class, tree::parenthesized> parenthesized = "'('";
const x3::rule<list_literal_class, tree::list_literal> list_literal = "'['";
const x3::rule<map_literal_class, tree::map_literal> map_literal = "'{'";
const x3::rule<list_elements_class, std::vector<tree::expression>> list_elements =
    expression_name.data();
const x3::rule<map_entries_class, std::vector<tree::map_entry>> map_entries = "a map entry";
const x3::rule<map_entry_class, tree::map_entry> map_entry = "a map entry";
const x3::rule<map_colon_class> map_colon = "':' after the map key";
const x3::rule<end_of_condition_class> end_of_condition = end_of_condition_name.data();

// Expr = ConditionalOr ["?" ConditionalOr ":" Expr], read as a flat run
// `a ? b : c ? d : e` and folded to the right by lower.cpp.
const auto expression_def = logical_or >> nesting_kleene[conditional_branches];
const auto conditional_branches_def = lit('?') > logical_or > conditional_colon > logical_or;
const auto conditional_colon_def = lit(':');

// The binary levels, lowest precedence first; each is left-associative.
const auto logical_or_def = logical_and >> nesting_kleene[or_operator > logical_and];
const auto logical_and_def = relation >> nesting_kleene[and_operator > relation];
const auto relation_def = additive >> nesting_kleene[relation_operator > additive];
const auto additive_def = multiplicative >> nesting_kleene[additive_operator > multiplicative];
const auto multiplicative_def = unary >> nesting_kleene[multiplicative_operator > unary];

const auto or_operator_def = lit("||") >> attr(BinaryOp::Or);
const auto and_operator_def = lit("&&") >> attr(BinaryOp::And);
const auto relation_operator_def = relation_symbols | (keyword("in") >> attr(BinaryOp::In));
const auto additive_operator_def = additive_symbols;
const auto multiplicative_operator_def = multiplicative_symbols;

// Unary = Member | "!" {"!"} Member | "-" {"-"} Member
const auto unary_def = (unary_operators > member) |
                       (attr(std::vector<tree::unary_operator>()) >> member);
const auto unary_operators_def = nesting_plus[not_operator] | nesting_plus[negate_operator];
const auto not_operator_def = char_('!');
const auto negate_operator_def = char_('-');

// Member = Primary {"." FIELD ["(" [ExprList] ")"] | "[" Expr "]"}
const auto member_def = primary >> nesting_kleene[postfix] >> no_message_construction;
const auto postfix_def = selection | index_access;
const auto selection_def = (lit('.') > field_name) >> -call_arguments;
const auto field_name_def = (attr(false) >> (identifier_word - keyword_literal)) |
                            (attr(true) >> quoted_field_text);
const auto quoted_field_text_def = lexeme[enclosed(backquotes)[expect[quoted_field_characters]]];
const auto quoted_field_characters_def = +(char_("a-zA-Z0-9_./ ") | char_('-'));
const auto index_access_def = enclosed(index_brackets)[expect[expression]];
const auto call_arguments_def =
    enclosed(call_parentheses)[-(expression > *(lit(',') > expression))];

// Primary = LITERAL | ["."] IDENT ["(" [ExprList] ")"] | "(" Expr ")"
//         | "[" [ExprList] [","] "]" | "{" [MapInits] [","] "}"
const auto primary_def = literal | identifier | parenthesized | list_literal | map_literal;
const auto literal_def = (attr(tree::literal_kind::null_value) >> raw[keyword("null")])     //
                         | (attr(tree::literal_kind::true_value) >> raw[keyword("true")])    //
                         | (attr(tree::literal_kind::false_value) >> raw[keyword("false")])  //
                         | (attr(tree::literal_kind::number) >> raw[lexeme[number_shape]])   //
                         | (attr(tree::literal_kind::string) >> raw[lexeme[string_shape]]);
const auto identifier_def =
    no_reserved_word >> matches[lit('.')] >> identifier_word >> -call_arguments;
const auto identifier_word_def = lexeme[identifier_start >> *identifier_char];
const auto parenthesized_def = enclosed(parentheses)[expect[expression]];
const auto list_literal_def = enclosed(list_brackets)[list_elements];
const auto list_elements_def =
    -(expression >> *((lit(',') >> !lit(']')) > expression) >> -lit(','));
const auto map_literal_def = enclosed(map_braces)[map_entries];
const auto map_entries_def = -(map_entry >> *((lit(',') >> !lit('}')) > map_entry) >> -lit(','));
const auto map_entry_def = expression > map_colon > expression;
const auto map_colon_def = lit(':');

const auto end_of_condition_def = x3::eoi;

// Condition = Expr EOF
const condition_type condition = "a condition";
const auto condition_def = expect[expression] > end_of_condition;

BOOST_SPIRIT_DEFINE(expression, conditional_branches, conditional_colon, logical_or, logical_and,
                    relation, additive, multiplicative, or_operator, and_operator,
                    relation_operator, additive_operator, multiplicative_operator, unary,
                    unary_operators, not_operator, negate_operator, member, postfix, selection,
                    field_name, quoted_field_text, quoted_field_characters, index_access,
                    call_arguments, primary, literal, identifier, identifier_word, parenthesized,
                    list_literal, list_elements, map_literal, map_entries, map_entry, map_colon,
                    end_of_condition, condition)

}  // namespace grammar

const grammar::condition_type& condition() { return grammar::condition; }

}  // namespace accord::expr::parser
