// The expression tree of a condition, as written.
//
// The parser produces it; the compiler (accord/eval/program.hpp) turns it
// into something that evaluates. Nodes are plain data: walk them with
// std::visit over Expr::kind.
//
//   accord::expr::ParseResult parsed = accord::expr::parse_condition("a + 1");
//   const accord::expr::Expr& root = *parsed.ast->root;
//   bool is_binary = std::holds_alternative<accord::expr::Binary>(root.kind);
#pragma once

#include <accord/source.hpp>

#include <cstdint>
#include <memory>
#include <string>
#include <variant>
#include <vector>

namespace accord::expr {

struct Expr;
using ExprPtr = std::unique_ptr<Expr>;

// Bytes as written in a b'...' literal, kept apart from text.
struct Bytes {
  std::string data;
  friend bool operator==(const Bytes&, const Bytes&) = default;
};

// A literal's value: null, bool, int, uint, double, string (UTF-8), bytes.
using Constant = std::variant<std::nullptr_t, bool, std::int64_t, std::uint64_t,
                              double, std::string, Bytes>;

struct Literal {
  Constant value;
};

// A name: a variable, or the first part of a qualified name (`a.b.c` is
// parsed as selections from Ident "a"; the compiler resolves it).
// `absolute` is set for a leading dot (`.a`), which names the root scope.
struct Ident {
  std::string name;
  bool absolute = false;
};

// operand.field (field may have been written in backquotes).
struct Select {
  ExprPtr operand;
  std::string field;
};

// operand[index]
struct Index {
  ExprPtr operand;
  ExprPtr index;
};

// function(args...) or target.function(args...). Macros (has, all, exists,
// exists_one, map, filter) are calls here; the compiler expands them.
// `absolute` is set for a global call written with a leading dot (`.f(x)`).
struct Call {
  ExprPtr target;  // null for a global call
  std::string function;
  std::vector<ExprPtr> args;
  bool absolute = false;
};

enum class UnaryOp { Not, Negate };

struct Unary {
  UnaryOp op;
  ExprPtr operand;
};

enum class BinaryOp {
  Multiply, Divide, Modulo,
  Add, Subtract,
  Less, LessEqual, Greater, GreaterEqual, Equal, NotEqual, In,
  And, Or,
};

struct Binary {
  BinaryOp op;
  ExprPtr lhs;
  ExprPtr rhs;
};

// condition ? if_true : if_false
struct Conditional {
  ExprPtr condition;
  ExprPtr if_true;
  ExprPtr if_false;
};

struct ListLiteral {
  std::vector<ExprPtr> elements;
};

struct MapEntry {
  ExprPtr key;
  ExprPtr value;
};

struct MapLiteral {
  std::vector<MapEntry> entries;
};

using ExprKind = std::variant<Literal, Ident, Select, Index, Call, Unary,
                              Binary, Conditional, ListLiteral, MapLiteral>;

// One node. `id` is unique within its tree: the parser numbers nodes from 1
// in source order (a node before its operands). `span` covers the node's
// text in the parsed condition, without parentheses around it.
struct Expr {
  std::uint32_t id = 0;
  Span span;
  ExprKind kind;
};

// A parsed condition: the tree and the number of nodes in it.
struct Ast {
  ExprPtr root;
  std::uint32_t node_count = 0;
};

// Spelling of operators as written in conditions ("&&", "in", "-", ...).
const char* spelling(UnaryOp op);
const char* spelling(BinaryOp op);

// The expression in CEL syntax with every operator application in
// parentheses, e.g. "((a + (b * c)) == -1)": for messages, logs and tests.
// Literals are written so that they read back as the same value; parsing
// the result gives the same tree. Recurses once per level of the tree.
std::string to_string(const Expr& expr);

}  // namespace accord::expr
