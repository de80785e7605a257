// The parse tree: what the Spirit X3 grammar builds, one struct per rule.
//
// It mirrors the grammar (docs/condition-language.md), not the public AST:
// chains of binary operators are flat lists, literals are kept as the text
// that was written, and parentheses are nodes of their own. lower.cpp turns
// it into accord::expr::Ast. Structs deriving from `tagged` get the byte
// offsets of their text from error_sink::tag (annotate_on_success).
#pragma once

#include <accord/expr/ast.hpp>

#include <boost/spirit/home/x3/support/ast/variant.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace accord::expr::parser::tree {

namespace x3 = boost::spirit::x3;

// Byte offsets [begin, end) of a node's text in the condition.
struct tagged {
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
};

struct conditional;
// A whole expression is a conditional (the lowest-precedence rule).
using expression = conditional;

enum class literal_kind : std::uint8_t { null_value, true_value, false_value, number, string };

// A literal as written: `text` is the whole token (quotes and prefix of a
// string, suffix of a number); lower.cpp decodes it.
struct literal : tagged {
  literal_kind kind = literal_kind::null_value;
  std::string text;
};

// `name`, `.name`, `name(args)` or `.name(args)`.
struct identifier : tagged {
  bool absolute = false;
  std::string name;
  std::optional<std::vector<expression>> arguments;
};

// `( expression )`: kept so that enclosing nodes' spans include the brackets.
struct parenthesized : tagged {
  x3::forward_ast<expression> inner;
};

struct list_literal : tagged {
  std::vector<expression> elements;
};

struct map_entry {
  x3::forward_ast<expression> key;
  x3::forward_ast<expression> value;
};

struct map_literal : tagged {
  std::vector<map_entry> entries;
};

struct primary
    : x3::variant<literal, identifier, parenthesized, list_literal, map_literal> {
  using base_type::base_type;
  using base_type::operator=;
};

// A field name after '.', plain or in backquotes.
struct field_name {
  bool quoted = false;
  std::string text;
};

// `.field` or `.function(args)`; the span covers the text from '.' on.
struct selection : tagged {
  field_name field;
  std::optional<std::vector<expression>> arguments;
};

// `[ expression ]`
struct index_access : tagged {
  x3::forward_ast<expression> index;
};

struct postfix : x3::variant<selection, index_access> {
  using base_type::base_type;
  using base_type::operator=;
};

// A primary followed by selections, calls and indexing, left to right.
struct member {
  primary head;
  std::vector<postfix> tail;
};

// One '!' or '-' in a run of prefix operators.
struct unary_operator : tagged {
  char symbol = '!';
};

// CEL allows a run of one operator only: `!!x` or `--x`, never `!-x`.
struct unary {
  std::vector<unary_operator> operators;
  member operand;
};

struct binary_operator : tagged {
  BinaryOp op = BinaryOp::Add;
};

template <typename Operand>
struct chain_link {
  binary_operator op;
  Operand operand;
};

// first op operand op operand ...: one precedence level, left-associative.
template <typename Operand>
struct chain {
  Operand first;
  std::vector<chain_link<Operand>> rest;
};

using multiplicative = chain<unary>;
using additive = chain<multiplicative>;
using relation = chain<additive>;
using logical_and = chain<relation>;
using logical_or = chain<logical_and>;

// `? if_true : if_false`; the span starts at '?'.
struct conditional_branches : tagged {
  logical_or if_true;
  logical_or if_false;
};

// test ? a : b ? c : d ... (right-associative; folded by lower.cpp).
struct conditional {
  logical_or test;
  std::vector<conditional_branches> branches;
};

}  // namespace accord::expr::parser::tree
