// Compiling a parsed condition once, and evaluating it many times.
//
//   accord::eval::Environment env;
//   auto event = env.add_record("event");
//   auto compiled = accord::eval::compile(*parsed.ast, env);
//   accord::eval::Value v = compiled.program->evaluate(activation);
//
// Compiling resolves every name (variables, record fields, functions, type
// names), expands the macros, checks arity, precompiles constant regular
// expressions and folds constant sub-expressions. A Program is immutable:
// many threads may evaluate one Program at once, each with its own
// Activation.
#pragma once

#include <accord/diagnostic.hpp>
#include <accord/eval/activation.hpp>
#include <accord/eval/value.hpp>
#include <accord/expr/ast.hpp>

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace accord::eval {

// The names a condition may use. Build one per rule set (it is shared by the
// rule set's conditions, so that a field name has one FieldId throughout).
class Environment {
 public:
  // A variable whose whole value comes from Activation::variable. The name
  // may be qualified ("a.b.c"): CEL resolves `a.b.c` to the longest
  // declared prefix.
  VariableId add_variable(std::string name);

  // A variable whose fields are read one by one through Activation::field
  // (`event`, `trigger`): `event.org` compiles to a lookup by FieldId.
  VariableId add_record(std::string name);

  // A name with a value known when conditions are compiled (a rule set's
  // `params`): uses of it are folded into constants.
  void add_constant(std::string name, Value value);

  // The FieldId of a field name, created on first use.
  FieldId intern_field(std::string_view name);
  // The field names interned so far, indexed by FieldId.
  const std::vector<std::string>& field_names() const { return field_names_; }
  std::optional<FieldId> find_field(std::string_view name) const;

  struct Variable {
    std::string name;
    VariableId id;
    bool record;
  };
  const Variable* find_variable(std::string_view name) const;
  const Value* find_constant(std::string_view name) const;
  const std::vector<Variable>& variables() const { return variables_; }
  const std::vector<std::pair<std::string, Value>>& constants() const { return constants_; }

 private:
  std::vector<Variable> variables_;
  std::vector<std::pair<std::string, Value>> constants_;
  std::vector<std::string> field_names_;
  std::unordered_map<std::string, FieldId> field_ids_;
};

struct CompileOptions {
  // Work limit per evaluation: comprehension iterations in total. Past it
  // the evaluation is an error, so no condition can hang the checker.
  std::uint64_t max_iterations = 1'000'000;
  // RE2 memory budget for each regular expression, in bytes.
  std::int64_t max_regex_memory = 8 << 20;
  // Unknown variables and functions are compile errors (E201, E202). When
  // false, they compile to error values with a warning (W202) instead, as
  // CEL evaluates unchecked expressions: `x || true` is then true. Rule
  // sets keep the default; `accord eval` and the conformance runner may not.
  bool reject_unknown_names = true;
  // Record fields whose value is known when compiling: reads of them are
  // constants, and what they decide folds away. A rule compiles its
  // conditions once per event type this way (`event.type == "x"` is then
  // true or false before any event is read).
  struct KnownField {
    VariableId record;
    FieldId field;
    Value value;
  };
  std::vector<KnownField> known_fields;
};

class Program {
 public:
  class Impl;
  explicit Program(std::shared_ptr<const Impl> impl);

  // Evaluates against the activation. Never throws on user data: failures
  // (a missing field, a type mismatch, overflow, a bad timestamp) are error
  // values carrying the span of the sub-expression that failed.
  Value evaluate(const Activation& activation) const;

  // The value, when the whole condition folded to a constant.
  const Value* constant() const;

  // The record fields an evaluation may read (`event.org`, `has(event.x)`),
  // each once: a reader keeps only the fields some program reads. A field
  // read only where the condition folded away may be listed too.
  const std::vector<FieldId>& fields_read() const;

 private:
  std::shared_ptr<const Impl> impl_;
};

struct CompileResult {
  std::optional<Program> program;  // empty when diagnostics has errors
  Diagnostics diagnostics;         // spans into the condition's text
};

// Compiles a parsed condition. Never throws on bad input; the diagnostics
// say what is wrong, with the span of the offending node:
//   E201 unknown variable          E204 invalid constant regular expression
//   E202 unknown function          E205 macro used the wrong way (has, all, ...)
//   E203 wrong number of arguments E206 the whole condition always fails
//   W201 (warning) a constant part always fails, e.g. `false && 1/0 > 2`
//   W202 (warning) unknown name, when reject_unknown_names is false
// docs/condition-functions.md lists every function and these codes.
CompileResult compile(const expr::Ast& ast, Environment& environment,
                      const CompileOptions& options = {});

}  // namespace accord::eval
