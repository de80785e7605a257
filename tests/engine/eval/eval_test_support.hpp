// Helpers for the evaluator's tests: expression trees built by hand, an
// Activation over plain maps that counts what it is asked, and one-call
// compile-and-evaluate.
#pragma once

#include <accord/eval/program.hpp>
#include <accord/expr/ast.hpp>
#include <accord/expr/parse.hpp>

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace accord::eval::testing {

// Builds expression trees node by node. Every node gets a distinct span
// (its id, one byte wide) unless `at` sets one, so tests can tell which
// node an error or a diagnostic points at.
class TreeBuilder {
 public:
  expr::ExprPtr literal(expr::Constant value) { return node(expr::Literal{std::move(value)}); }
  expr::ExprPtr integer(std::int64_t i) { return literal(i); }
  expr::ExprPtr text(std::string s) { return literal(std::move(s)); }
  expr::ExprPtr boolean(bool b) { return literal(b); }
  expr::ExprPtr ident(std::string name, bool absolute = false) {
    return node(expr::Ident{std::move(name), absolute});
  }
  expr::ExprPtr select(expr::ExprPtr operand, std::string field) {
    return node(expr::Select{std::move(operand), std::move(field)});
  }
  // "a.b.c" as selections from the identifier a.
  expr::ExprPtr path(const std::string& dotted) {
    std::size_t dot = dotted.find('.');
    expr::ExprPtr e = ident(dotted.substr(0, dot));
    while (dot != std::string::npos) {
      std::size_t next = dotted.find('.', dot + 1);
      e = select(std::move(e), dotted.substr(dot + 1, next == std::string::npos ? std::string::npos : next - dot - 1));
      dot = next;
    }
    return e;
  }
  expr::ExprPtr index(expr::ExprPtr operand, expr::ExprPtr key) {
    return node(expr::Index{std::move(operand), std::move(key)});
  }
  template <class... Args>
  expr::ExprPtr call(std::string function, Args... args) {
    return node(expr::Call{nullptr, std::move(function), list_of(std::move(args)...)});
  }
  template <class... Args>
  expr::ExprPtr method(expr::ExprPtr target, std::string function, Args... args) {
    return node(expr::Call{std::move(target), std::move(function), list_of(std::move(args)...)});
  }
  expr::ExprPtr unary(expr::UnaryOp op, expr::ExprPtr operand) {
    return node(expr::Unary{op, std::move(operand)});
  }
  expr::ExprPtr binary(expr::BinaryOp op, expr::ExprPtr lhs, expr::ExprPtr rhs) {
    return node(expr::Binary{op, std::move(lhs), std::move(rhs)});
  }
  expr::ExprPtr conditional(expr::ExprPtr c, expr::ExprPtr t, expr::ExprPtr f) {
    return node(expr::Conditional{std::move(c), std::move(t), std::move(f)});
  }
  template <class... Args>
  expr::ExprPtr list(Args... elements) {
    return node(expr::ListLiteral{list_of(std::move(elements)...)});
  }
  expr::ExprPtr map(std::vector<std::pair<expr::ExprPtr, expr::ExprPtr>> entries) {
    expr::MapLiteral literal;
    for (auto& [key, value] : entries) literal.entries.push_back({std::move(key), std::move(value)});
    return node(std::move(literal));
  }
  // Sets a node's span.
  expr::ExprPtr at(Span span, expr::ExprPtr e) {
    e->span = span;
    return e;
  }
  expr::Ast tree(expr::ExprPtr root) {
    expr::Ast ast;
    ast.root = std::move(root);
    ast.node_count = next_id_ - 1;
    return ast;
  }

 private:
  template <class... Args>
  static std::vector<expr::ExprPtr> list_of(Args... args) {
    std::vector<expr::ExprPtr> items;
    (items.push_back(std::move(args)), ...);
    return items;
  }
  expr::ExprPtr node(expr::ExprKind kind) {
    auto e = std::make_unique<expr::Expr>();
    e->id = next_id_++;
    e->span = {e->id, e->id + 1};
    e->kind = std::move(kind);
    return e;
  }
  std::uint32_t next_id_ = 1;
};

// Variables and records from maps; counts every lookup.
class MapActivation : public Activation {
 public:
  void bind(VariableId id, Value value) { variables_[id] = std::move(value); }
  void set_field(VariableId record, FieldId field, Value value) {
    fields_[{record, field}] = std::move(value);
  }
  const Value* variable(VariableId id) const override {
    ++variable_calls;
    auto found = variables_.find(id);
    return found == variables_.end() ? nullptr : &found->second;
  }
  const Value* field(VariableId record, FieldId field) const override {
    ++field_calls;
    auto found = fields_.find({record, field});
    return found == fields_.end() ? nullptr : &found->second;
  }
  mutable int variable_calls = 0;
  mutable int field_calls = 0;

 private:
  std::map<VariableId, Value> variables_;
  std::map<std::pair<VariableId, FieldId>, Value> fields_;
};

class EmptyActivation : public Activation {
 public:
  const Value* variable(VariableId) const override { return nullptr; }
  const Value* field(VariableId, FieldId) const override { return nullptr; }
};

// Compiles `ast` in `env`, expecting success, and evaluates it.
inline Value run(const expr::Ast& ast, Environment& env, const Activation& activation,
                 const CompileOptions& options = {}) {
  CompileResult compiled = compile(ast, env, options);
  if (!compiled.program) {
    std::string messages;
    for (const Diagnostic& d : compiled.diagnostics) messages += d.code + " " + d.message + "\n";
    ADD_FAILURE() << "did not compile:\n" << messages;
    return Value::error("did not compile");
  }
  return compiled.program->evaluate(activation);
}

inline Value run(const expr::Ast& ast) {
  Environment env;
  EmptyActivation nothing;
  return run(ast, env, nothing);
}

// The diagnostics of compiling `ast`, expecting no program.
inline Diagnostics compile_errors(const expr::Ast& ast, Environment& env,
                                  const CompileOptions& options = {}) {
  CompileResult compiled = compile(ast, env, options);
  EXPECT_FALSE(compiled.program.has_value());
  return compiled.diagnostics;
}

// Parses and compiles `text`; fails the test when it does not parse.
inline CompileResult compile_text(std::string_view text, Environment& env,
                                  const CompileOptions& options = {}) {
  expr::ParseResult parsed = expr::parse_condition(text);
  if (!parsed.ast) {
    ADD_FAILURE() << "did not parse: " << text << ": "
                  << (parsed.diagnostics.empty() ? "" : parsed.diagnostics.items()[0].message);
    return {};
  }
  return compile(*parsed.ast, env, options);
}

// Parses, compiles and evaluates `text`.
inline Value eval_text(std::string_view text, Environment& env, const Activation& activation,
                       const CompileOptions& options = {}) {
  CompileResult compiled = compile_text(text, env, options);
  if (!compiled.program) {
    std::string messages;
    for (const Diagnostic& d : compiled.diagnostics) messages += d.code + " " + d.message + "\n";
    ADD_FAILURE() << "did not compile: " << text << "\n" << messages;
    return Value::error("did not compile");
  }
  return compiled.program->evaluate(activation);
}

inline Value eval_text(std::string_view text) {
  Environment env;
  EmptyActivation nothing;
  return eval_text(text, env, nothing);
}

// The error message of a value, or "(no error)".
inline std::string error_of(const Value& value) {
  return value.is_error() ? value.as_error().message : "(no error)";
}

// The substring of `text` a span covers.
inline std::string_view spanned(std::string_view text, Span span) {
  return text.substr(span.begin, span.end - span.begin);
}

}  // namespace accord::eval::testing
