// Turns a parsed condition into a tree of nodes: resolves names, expands
// macros, checks arities, precompiles constant regular expressions and
// folds every sub-expression that reads nothing from the activation.
#pragma once

#include <accord/diagnostic.hpp>
#include <accord/eval/program.hpp>
#include <accord/expr/ast.hpp>

#include "eval/node.hpp"

#include <cstddef>
#include <limits>
#include <optional>
#include <string>
#include <vector>

namespace accord::eval::detail {

inline constexpr std::size_t kNoSlot = std::numeric_limits<std::size_t>::max();

// One compiled sub-expression and what the compiler knows about it.
struct Compiled {
  NodePtr node;
  const Value* constant = nullptr;       // the value, when node is a constant
  bool reads_activation = false;         // reads a variable or a record field
  std::size_t lowest_free_slot = kNoSlot;  // a comprehension variable bound outside it
  bool failed = false;                   // holds a compile error: never folded
  std::optional<VariableId> record;      // node is this record variable, whole
};

class Compiler {
 public:
  Compiler(Environment& environment, const CompileOptions& options, Diagnostics& diagnostics);

  // Compiles the whole condition; afterwards slots() is the number of
  // comprehension slots an evaluation needs.
  Compiled compile_root(const expr::Expr& root);
  std::size_t slots() const { return max_slots_; }
  // The record fields the compiled nodes read (each once); a node folded
  // away afterwards may leave its field here.
  std::vector<FieldId> take_fields_read() { return std::move(fields_read_); }

 private:
  struct Flags {
    bool reads_activation = false;
    std::size_t lowest_free_slot = kNoSlot;
    bool failed = false;
    bool error_operand = false;  // a direct operand is a constant error
    // The error the node gives whatever it reads: the first constant error
    // among the operands of a strict node (one that evaluates every
    // operand and propagates their errors). Callers building a non-strict
    // node (&&, ||, ?:, a comprehension's body) clear or narrow it. Points
    // into an operand's constant node, which the new node owns.
    const Value* always_fails = nullptr;
  };

  Compiled compile(const expr::Expr& e);
  Compiled compile_literal(const expr::Expr& e, const expr::Literal& literal);
  Compiled compile_path(const expr::Expr& e);
  Compiled resolve_path(const std::vector<const expr::Expr*>& chain);
  Compiled select_from(Compiled base, const std::vector<const expr::Expr*>& chain, std::size_t from);
  Compiled select(Compiled operand, std::string_view field, Span span);
  Compiled compile_index(const expr::Expr& e, const expr::Index& index);
  Compiled compile_call(const expr::Expr& e, const expr::Call& call);
  Compiled compile_has(const expr::Expr& e, const expr::Call& call);
  Compiled compile_comprehension(const expr::Expr& e, const expr::Call& call);
  Compiled compile_unary(const expr::Expr& e, const expr::Unary& unary);
  Compiled compile_binary(const expr::Expr& e, const expr::Binary& binary);
  Compiled compile_logic(const expr::Expr& e, const expr::Binary& binary);
  Compiled compile_conditional(const expr::Expr& e, const expr::Conditional& conditional);
  Compiled compile_list(const expr::Expr& e, const expr::ListLiteral& list);
  Compiled compile_map(const expr::Expr& e, const expr::MapLiteral& map);

  // A node built from operands with `flags`: folded into a constant when it
  // reads nothing from outside, with a warning when that constant is an
  // error its operands did not already hold; replaced by the error it is
  // bound to give when flags.always_fails is set.
  Compiled finish(NodePtr node, Flags flags);
  static void add_operand(Flags& flags, const Compiled& operand);
  Compiled make_constant(Value value, Span span);
  // The value of record.field when the options say it is known.
  const Value* known_field(VariableId record, FieldId field) const;
  // What stands in for a sub-expression after a compile error.
  Compiled failure(Span span);
  // An unknown name: an error, or in CEL's unchecked mode an error value.
  Compiled unknown_name(std::string code, std::string message, Span span);
  Value evaluate_now(const Node& node);

  void note_field_read(FieldId field);
  std::optional<std::size_t> find_local(std::string_view name) const;
  std::string suggest_variable(std::string_view name) const;

  Environment& environment_;
  const CompileOptions& options_;
  Diagnostics& diagnostics_;
  std::vector<Diagnostic> fold_warnings_;  // held back: the root may turn one into an error
  std::vector<std::pair<std::string, std::size_t>> scopes_;  // comprehension variables, innermost last
  std::size_t max_slots_ = 0;
  std::vector<FieldId> fields_read_;
};

// Levenshtein distance, for "did you mean" suggestions.
std::size_t edit_distance(std::string_view a, std::string_view b);

// The closest of `candidates` to `name`, when it is close enough to be a
// plausible typo; else empty.
std::string closest_name(std::string_view name, const std::vector<std::string>& candidates);

// The type a type name denotes: int, uint, double, bool, string, bytes,
// list, map, null_type, type, google.protobuf.Timestamp,
// google.protobuf.Duration, accord.Period.
std::optional<Kind> type_named(std::string_view name);

}  // namespace accord::eval::detail
