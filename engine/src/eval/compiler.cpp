#include "eval/compiler.hpp"

#include "eval/access.hpp"
#include "eval/arithmetic.hpp"
#include "eval/comprehension.hpp"
#include "eval/functions.hpp"
#include "eval/logic.hpp"
#include "eval/operator_nodes.hpp"
#include "eval/program_impl.hpp"
#include "eval/strings.hpp"

#include <algorithm>
#include <array>
#include <utility>

namespace accord::eval::detail {

namespace {

// Answers nothing: constant sub-expressions are evaluated against it.
class NoActivation final : public Activation {
 public:
  const Value* variable(VariableId) const override { return nullptr; }
  const Value* field(VariableId, FieldId) const override { return nullptr; }
};

template <class... Ts>
struct Overloaded : Ts... {
  using Ts::operator()...;
};
template <class... Ts>
Overloaded(Ts...) -> Overloaded<Ts...>;

bool is_macro(std::string_view name) {
  return name == "all" || name == "exists" || name == "exists_one" || name == "map" ||
         name == "filter";
}

std::string quoted(std::string_view name) {
  std::string text = "'";
  text += name;
  text += '\'';
  return text;
}

}  // namespace

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

std::string closest_name(std::string_view name, const std::vector<std::string>& candidates) {
  // A typo is a few edits, and fewer than the name has letters.
  const std::size_t limit = std::min<std::size_t>(2, (name.size() + 1) / 3);
  std::string best;
  std::size_t best_distance = limit + 1;
  for (const std::string& candidate : candidates) {
    std::size_t distance = edit_distance(name, candidate);
    if (distance < best_distance && candidate != name) {
      best = candidate;
      best_distance = distance;
    }
  }
  return best;
}

std::optional<Kind> type_named(std::string_view name) {
  static constexpr std::array<std::pair<std::string_view, Kind>, 13> kTypes = {{
      {"bool", Kind::Bool},
      {"bytes", Kind::Bytes},
      {"double", Kind::Double},
      {"int", Kind::Int},
      {"list", Kind::List},
      {"map", Kind::Map},
      {"null_type", Kind::Null},
      {"string", Kind::String},
      {"type", Kind::Type},
      {"uint", Kind::Uint},
      {"google.protobuf.Timestamp", Kind::Timestamp},
      {"google.protobuf.Duration", Kind::Duration},
      {"accord.Period", Kind::Period},
  }};
  for (const auto& [type_name, kind] : kTypes) {
    if (type_name == name) return kind;
  }
  return std::nullopt;
}

Compiler::Compiler(Environment& environment, const CompileOptions& options,
                   Diagnostics& diagnostics)
    : environment_(environment), options_(options), diagnostics_(diagnostics) {}

Compiled Compiler::compile_root(const expr::Expr& root) {
  Compiled compiled = compile(root);
  if (!compiled.failed && compiled.constant != nullptr && compiled.constant->is_error()) {
    // The condition can never give a verdict: refuse it, and drop the
    // warning that said the same about the same span.
    const ErrorInfo& error = compiled.constant->as_error();
    std::erase_if(fold_warnings_, [&](const Diagnostic& warning) { return warning.span == error.span; });
    diagnostics_.error("E206", "the condition always fails: " + error.message, error.span);
  }
  for (Diagnostic& warning : fold_warnings_) diagnostics_.add(std::move(warning));
  fold_warnings_.clear();
  return compiled;
}

Compiled Compiler::compile(const expr::Expr& e) {
  return std::visit(
      Overloaded{
          [&](const expr::Literal& literal) { return compile_literal(e, literal); },
          [&](const expr::Ident&) { return compile_path(e); },
          [&](const expr::Select&) { return compile_path(e); },
          [&](const expr::Index& index) { return compile_index(e, index); },
          [&](const expr::Call& call) { return compile_call(e, call); },
          [&](const expr::Unary& unary) { return compile_unary(e, unary); },
          [&](const expr::Binary& binary) { return compile_binary(e, binary); },
          [&](const expr::Conditional& conditional) { return compile_conditional(e, conditional); },
          [&](const expr::ListLiteral& list) { return compile_list(e, list); },
          [&](const expr::MapLiteral& map) { return compile_map(e, map); },
      },
      e.kind);
}

Compiled Compiler::compile_literal(const expr::Expr& e, const expr::Literal& literal) {
  Value value = std::visit(
      Overloaded{
          [](std::nullptr_t) { return Value::null(); },
          [](bool b) { return Value::boolean(b); },
          [](std::int64_t i) { return Value::integer(i); },
          [](std::uint64_t u) { return Value::unsigned_integer(u); },
          [](double d) { return Value::real(d); },
          [](const std::string& s) { return Value::string(s); },
          [](const expr::Bytes& b) { return Value::bytes(b.data); },
      },
      literal.value);
  return make_constant(std::move(value), e.span);
}

// `a.b.c` is a chain of selections from an identifier; the identifier and
// its selections together may name one declared variable (CEL resolves the
// longest declared prefix), so the chain is resolved as a whole.
Compiled Compiler::compile_path(const expr::Expr& e) {
  std::vector<const expr::Expr*> chain;
  const expr::Expr* link = &e;
  while (const auto* select = std::get_if<expr::Select>(&link->kind)) {
    chain.push_back(link);
    link = select->operand.get();
  }
  chain.push_back(link);
  std::reverse(chain.begin(), chain.end());
  if (std::holds_alternative<expr::Ident>(link->kind)) return resolve_path(chain);
  // Selections from something else: a literal, a call, an index...
  return select_from(compile(*link), chain, 1);
}

Compiled Compiler::resolve_path(const std::vector<const expr::Expr*>& chain) {
  const auto& ident = std::get<expr::Ident>(chain[0]->kind);
  auto part = [&](std::size_t i) -> const std::string& {
    return i == 0 ? ident.name : std::get<expr::Select>(chain[i]->kind).field;
  };

  // Comprehension variables come first (a leading dot skips them).
  if (!ident.absolute) {
    if (auto slot = find_local(ident.name)) {
      Compiled local;
      local.node = std::make_unique<LocalNode>(*slot, chain[0]->span);
      local.lowest_free_slot = *slot;
      return select_from(std::move(local), chain, 1);
    }
  }

  std::string name;
  std::vector<std::string> prefixes;  // "a", "a.b", "a.b.c"
  for (std::size_t i = 0; i < chain.size(); ++i) {
    if (i > 0) name += '.';
    name += part(i);
    prefixes.push_back(name);
  }
  for (std::size_t n = chain.size(); n >= 1; --n) {
    const std::string& candidate = prefixes[n - 1];
    const Span span = chain[n - 1]->span;
    if (const auto* variable = environment_.find_variable(candidate)) {
      if (variable->record && n < chain.size()) {
        // record.field: read through Activation::field.
        const std::string& field = part(n);
        FieldId field_id = environment_.intern_field(field);
        if (const Value* known = known_field(variable->id, field_id)) {
          return select_from(make_constant(*known, chain[n]->span), chain, n + 1);
        }
        Compiled read;
        note_field_read(field_id);
        read.node = std::make_unique<FieldNode>(variable->id, field_id, field, chain[n]->span);
        read.reads_activation = true;
        return select_from(std::move(read), chain, n + 1);
      }
      Compiled whole;
      whole.node = std::make_unique<VariableNode>(variable->id, candidate, span);
      whole.reads_activation = true;
      if (variable->record) whole.record = variable->id;
      return select_from(std::move(whole), chain, n);
    }
    if (const Value* constant = environment_.find_constant(candidate)) {
      return select_from(make_constant(*constant, span), chain, n);
    }
    if (auto kind = type_named(candidate)) {
      return select_from(make_constant(Value::type(*kind), span), chain, n);
    }
  }

  std::string message = "unknown variable " + quoted(ident.name);
  if (std::string guess = suggest_variable(ident.name); !guess.empty()) {
    message += "; did you mean " + quoted(guess) + "?";
  }
  return unknown_name("E201", std::move(message), chain[0]->span);
}

void Compiler::note_field_read(FieldId field) {
  if (std::find(fields_read_.begin(), fields_read_.end(), field) == fields_read_.end()) {
    fields_read_.push_back(field);
  }
}

const Value* Compiler::known_field(VariableId record, FieldId field) const {
  for (const CompileOptions::KnownField& known : options_.known_fields) {
    if (known.record == record && known.field == field) return &known.value;
  }
  return nullptr;
}

Compiled Compiler::select_from(Compiled base, const std::vector<const expr::Expr*>& chain,
                               std::size_t from) {
  for (std::size_t i = from; i < chain.size(); ++i) {
    base = select(std::move(base), std::get<expr::Select>(chain[i]->kind).field, chain[i]->span);
  }
  return base;
}

Compiled Compiler::select(Compiled operand, std::string_view field, Span span) {
  Flags flags;
  add_operand(flags, operand);
  return finish(std::make_unique<SelectNode>(std::move(operand.node), std::string(field), span), flags);
}

Compiled Compiler::compile_index(const expr::Expr& e, const expr::Index& index) {
  Compiled operand = compile(*index.operand);
  Compiled key = compile(*index.index);
  Flags flags;
  add_operand(flags, operand);
  add_operand(flags, key);
  return finish(std::make_unique<IndexNode>(std::move(operand.node), std::move(key.node), e.span),
                flags);
}

Compiled Compiler::compile_call(const expr::Expr& e, const expr::Call& call) {
  if (call.function == "has" && !call.target) return compile_has(e, call);
  if (is_macro(call.function)) return compile_comprehension(e, call);
  // dyn() only tells a type checker to look away: at run time it is the
  // identity.
  if (call.function == "dyn" && !call.target && call.args.size() == 1) return compile(*call.args[0]);

  const FunctionSpec* function = find_function(call.function);
  const std::size_t count = call.args.size() + (call.target ? 1 : 0);
  if (function == nullptr || count > kMaxArguments ||
      ((call.target ? function->receiver_arities : function->global_arities) & (1u << count)) == 0) {
    // Compile the arguments anyway, to report what is wrong inside them.
    Flags flags;
    if (call.target) add_operand(flags, compile(*call.target));
    for (const expr::ExprPtr& arg : call.args) add_operand(flags, compile(*arg));
    if (function == nullptr) {
      std::string message = "unknown function " + quoted(call.function);
      std::vector<std::string> names;
      for (const FunctionSpec& spec : all_functions()) names.emplace_back(spec.name);
      for (const char* macro : {"has", "all", "exists", "exists_one", "map", "filter", "dyn"}) {
        names.emplace_back(macro);
      }
      if (std::string guess = closest_name(call.function, names); !guess.empty()) {
        message += "; did you mean " + quoted(guess) + "?";
      }
      Compiled unknown = unknown_name("E202", std::move(message), e.span);
      unknown.failed = unknown.failed || flags.failed;
      return unknown;
    }
    diagnostics_.error("E203",
                       "wrong number of arguments for " + quoted(call.function) + ": expected " +
                           std::string(function->usage),
                       e.span);
    return failure(e.span);
  }

  std::vector<Compiled> operands;
  if (call.target) operands.push_back(compile(*call.target));
  for (const expr::ExprPtr& arg : call.args) operands.push_back(compile(*arg));
  Flags flags;
  for (const Compiled& operand : operands) add_operand(flags, operand);

  // A constant pattern is compiled once, here; a bad one is a compile error.
  if (call.function == "matches" && !flags.failed && operands[1].constant != nullptr &&
      operands[1].constant->kind() == Kind::String) {
    std::string problem;
    auto pattern = compile_pattern(operands[1].constant->as_string(), options_.max_regex_memory, problem);
    if (!pattern) {
      diagnostics_.error("E204", "invalid regular expression: " + problem, operands[1].node->span());
      return failure(e.span);
    }
    return finish(std::make_unique<MatchesNode>(std::move(operands[0].node), std::move(pattern), e.span),
                  flags);
  }

  std::vector<NodePtr> args;
  for (Compiled& operand : operands) args.push_back(std::move(operand.node));
  return finish(std::make_unique<CallNode>(*function, std::move(args), options_.max_regex_memory, e.span),
                flags);
}

Compiled Compiler::compile_has(const expr::Expr& e, const expr::Call& call) {
  const expr::Select* select =
      call.args.size() == 1 ? std::get_if<expr::Select>(&call.args[0]->kind) : nullptr;
  if (select == nullptr) {
    diagnostics_.error("E205", "has() takes one field selection, like has(event.field)", e.span);
    for (const expr::ExprPtr& arg : call.args) compile(*arg);
    return failure(e.span);
  }
  Compiled operand = compile(*select->operand);
  if (operand.record) {
    FieldId field_id = environment_.intern_field(select->field);
    if (known_field(*operand.record, field_id) != nullptr) return make_constant(Value::boolean(true), e.span);
    Compiled present;
    note_field_read(field_id);
    present.node = std::make_unique<RecordHasNode>(*operand.record, field_id, e.span);
    present.reads_activation = true;
    return present;
  }
  Flags flags;
  add_operand(flags, operand);
  return finish(std::make_unique<HasNode>(std::move(operand.node), select->field, e.span), flags);
}

Compiled Compiler::compile_comprehension(const expr::Expr& e, const expr::Call& call) {
  const std::string& name = call.function;
  const bool is_map = name == "map";
  const std::string usage = is_map ? "items.map(x, transform) or items.map(x, predicate, transform)"
                                   : "items." + name + "(x, predicate)";
  auto reject = [&](std::string code, std::string message) {
    diagnostics_.error(std::move(code), std::move(message), e.span);
    if (call.target) compile(*call.target);
    return failure(e.span);
  };
  if (!call.target) {
    return reject("E205", quoted(name) + " is called on a list or a map: " + usage);
  }
  if (call.args.size() != 2 && !(is_map && call.args.size() == 3)) {
    return reject("E203", "wrong number of arguments for " + quoted(name) + ": expected " + usage);
  }
  const auto* variable = std::get_if<expr::Ident>(&call.args[0]->kind);
  if (variable == nullptr || variable->absolute) {
    return reject("E205", "the first argument of " + quoted(name) +
                              " must be a variable name, as in " + usage);
  }

  Compiled range = compile(*call.target);
  const std::size_t slot = scopes_.size();
  scopes_.emplace_back(variable->name, slot);
  max_slots_ = std::max(max_slots_, slot + 1);
  Compiled first = compile(*call.args[1]);
  std::optional<Compiled> second;
  if (call.args.size() == 3) second = compile(*call.args[2]);
  scopes_.pop_back();

  Flags flags;
  add_operand(flags, range);
  // Only the range is always evaluated: an empty one never runs the body.
  const Value* range_fails = flags.always_fails;
  // The loop variable is bound here: the body's reads of it are not free.
  for (Compiled* body : {&first, second ? &*second : nullptr}) {
    if (body == nullptr) continue;
    if (body->lowest_free_slot == slot) body->lowest_free_slot = kNoSlot;
    add_operand(flags, *body);
  }

  flags.always_fails = range_fails;

  ComprehensionKind kind = ComprehensionKind::All;
  NodePtr predicate;
  NodePtr transform;
  if (name == "all") {
    predicate = std::move(first.node);
  } else if (name == "exists") {
    kind = ComprehensionKind::Exists;
    predicate = std::move(first.node);
  } else if (name == "exists_one") {
    kind = ComprehensionKind::ExistsOne;
    predicate = std::move(first.node);
  } else if (name == "filter") {
    kind = ComprehensionKind::Filter;
    predicate = std::move(first.node);
  } else {
    kind = ComprehensionKind::Map;
    if (second) {
      predicate = std::move(first.node);
      transform = std::move(second->node);
    } else {
      transform = std::move(first.node);
    }
  }
  return finish(std::make_unique<ComprehensionNode>(kind, slot, std::move(range.node),
                                                    std::move(predicate), std::move(transform), e.span),
                flags);
}

Compiled Compiler::compile_unary(const expr::Expr& e, const expr::Unary& unary) {
  Compiled operand = compile(*unary.operand);
  Flags flags;
  add_operand(flags, operand);
  if (unary.op == expr::UnaryOp::Not) {
    return finish(std::make_unique<NotNode>(std::move(operand.node), e.span), flags);
  }
  return finish(std::make_unique<NegateNode>(std::move(operand.node), e.span), flags);
}

Compiled Compiler::compile_binary(const expr::Expr& e, const expr::Binary& binary) {
  using expr::BinaryOp;
  if (binary.op == BinaryOp::And || binary.op == BinaryOp::Or) return compile_logic(e, binary);
  Compiled lhs = compile(*binary.lhs);
  Compiled rhs = compile(*binary.rhs);
  Flags flags;
  add_operand(flags, lhs);
  add_operand(flags, rhs);
  NodePtr node;
  switch (binary.op) {
    case BinaryOp::Add:
      node = std::make_unique<ArithmeticNode>(add_values, std::move(lhs.node), std::move(rhs.node), e.span);
      break;
    case BinaryOp::Subtract:
      node = std::make_unique<ArithmeticNode>(subtract_values, std::move(lhs.node), std::move(rhs.node), e.span);
      break;
    case BinaryOp::Multiply:
      node = std::make_unique<ArithmeticNode>(multiply_values, std::move(lhs.node), std::move(rhs.node), e.span);
      break;
    case BinaryOp::Divide:
      node = std::make_unique<ArithmeticNode>(divide_values, std::move(lhs.node), std::move(rhs.node), e.span);
      break;
    case BinaryOp::Modulo:
      node = std::make_unique<ArithmeticNode>(modulo_values, std::move(lhs.node), std::move(rhs.node), e.span);
      break;
    case BinaryOp::In:
      node = std::make_unique<InNode>(std::move(lhs.node), std::move(rhs.node), e.span);
      break;
    default:
      node = std::make_unique<ComparisonNode>(binary.op, std::move(lhs.node), std::move(rhs.node), e.span);
      break;
  }
  return finish(std::move(node), flags);
}

// && and || fold as soon as one side is the deciding constant (false for
// &&, true for ||), whatever the other side reads: CEL's logic is
// commutative, so `event.x && false` is false even when event.x fails.
Compiled Compiler::compile_logic(const expr::Expr& e, const expr::Binary& binary) {
  const bool is_and = binary.op == expr::BinaryOp::And;
  Compiled lhs = compile(*binary.lhs);
  Compiled rhs = compile(*binary.rhs);
  Flags flags;
  add_operand(flags, lhs);
  add_operand(flags, rhs);
  for (const Compiled* side : {&lhs, &rhs}) {
    if (!flags.failed && side->constant != nullptr && side->constant->kind() == Kind::Bool &&
        side->constant->as_bool() == !is_and) {
      return make_constant(*side->constant, e.span);
    }
  }
  flags.always_fails = nullptr;  // the other side may decide
  return finish(std::make_unique<LogicNode>(is_and, std::move(lhs.node), std::move(rhs.node), e.span),
                flags);
}

Compiled Compiler::compile_conditional(const expr::Expr& e, const expr::Conditional& conditional) {
  Compiled condition = compile(*conditional.condition);
  Compiled if_true = compile(*conditional.if_true);
  Compiled if_false = compile(*conditional.if_false);
  Flags flags;
  add_operand(flags, condition);
  add_operand(flags, if_true);
  add_operand(flags, if_false);
  if (!flags.failed && condition.constant != nullptr && condition.constant->kind() == Kind::Bool) {
    return condition.constant->as_bool() ? std::move(if_true) : std::move(if_false);
  }
  // Only the condition is always evaluated.
  if (!(condition.constant != nullptr && condition.constant->is_error())) flags.always_fails = nullptr;
  return finish(std::make_unique<ConditionalNode>(std::move(condition.node), std::move(if_true.node),
                                                  std::move(if_false.node), e.span),
                flags);
}

Compiled Compiler::compile_list(const expr::Expr& e, const expr::ListLiteral& list) {
  Flags flags;
  std::vector<NodePtr> elements;
  elements.reserve(list.elements.size());
  for (const expr::ExprPtr& element : list.elements) {
    Compiled compiled = compile(*element);
    add_operand(flags, compiled);
    elements.push_back(std::move(compiled.node));
  }
  return finish(std::make_unique<ListNode>(std::move(elements), e.span), flags);
}

Compiled Compiler::compile_map(const expr::Expr& e, const expr::MapLiteral& map) {
  Flags flags;
  std::vector<MapNode::Entry> entries;
  entries.reserve(map.entries.size());
  for (const expr::MapEntry& entry : map.entries) {
    Compiled key = compile(*entry.key);
    Compiled value = compile(*entry.value);
    add_operand(flags, key);
    add_operand(flags, value);
    entries.push_back({std::move(key.node), std::move(value.node)});
  }
  return finish(std::make_unique<MapNode>(std::move(entries), e.span), flags);
}

void Compiler::add_operand(Flags& flags, const Compiled& operand) {
  flags.reads_activation = flags.reads_activation || operand.reads_activation;
  flags.lowest_free_slot = std::min(flags.lowest_free_slot, operand.lowest_free_slot);
  flags.failed = flags.failed || operand.failed;
  if (operand.constant != nullptr && operand.constant->is_error()) {
    flags.error_operand = true;
    if (flags.always_fails == nullptr) flags.always_fails = operand.constant;
  }
}

Compiled Compiler::finish(NodePtr node, Flags flags) {
  if (flags.failed) return failure(node->span());
  if (!flags.reads_activation && flags.lowest_free_slot == kNoSlot) {
    Value value = evaluate_now(*node);
    if (value.is_error() && !flags.error_operand) {
      fold_warnings_.push_back({Severity::Warning, "W201",
                                "this part of the condition always fails: " + value.as_error().message,
                                value.as_error().span});
    }
    return make_constant(std::move(value), node->span());
  }
  if (flags.always_fails != nullptr) return make_constant(*flags.always_fails, node->span());
  Compiled compiled;
  compiled.node = std::move(node);
  compiled.reads_activation = flags.reads_activation;
  compiled.lowest_free_slot = flags.lowest_free_slot;
  return compiled;
}

Compiled Compiler::make_constant(Value value, Span span) {
  auto node = std::make_unique<ConstantNode>(std::move(value), span);
  Compiled compiled;
  compiled.constant = &node->value();
  compiled.node = std::move(node);
  return compiled;
}

Compiled Compiler::failure(Span span) {
  Compiled compiled = make_constant(Value::error("the condition did not compile", span), span);
  compiled.failed = true;
  return compiled;
}

Compiled Compiler::unknown_name(std::string code, std::string message, Span span) {
  if (options_.reject_unknown_names) {
    diagnostics_.error(std::move(code), std::move(message), span);
    return failure(span);
  }
  fold_warnings_.push_back({Severity::Warning, "W202", message, span});
  return make_constant(Value::error(std::move(message), span), span);
}

Value Compiler::evaluate_now(const Node& node) {
  NoActivation nothing;
  std::vector<const Value*> locals(std::max<std::size_t>(max_slots_, 1));
  Frame frame{nothing, locals.data(), 0, options_.max_iterations};
  return node.evaluate(frame).release();
}

std::optional<std::size_t> Compiler::find_local(std::string_view name) const {
  for (auto scope = scopes_.rbegin(); scope != scopes_.rend(); ++scope) {
    if (scope->first == name) return scope->second;
  }
  return std::nullopt;
}

std::string Compiler::suggest_variable(std::string_view name) const {
  std::vector<std::string> names;
  for (const auto& scope : scopes_) names.push_back(scope.first);
  for (const auto& variable : environment_.variables()) {
    names.push_back(variable.name.substr(0, variable.name.find('.')));
  }
  for (const auto& constant : environment_.constants()) {
    names.push_back(constant.first.substr(0, constant.first.find('.')));
  }
  return closest_name(name, names);
}

}  // namespace accord::eval::detail

namespace accord::eval {

CompileResult compile(const expr::Ast& ast, Environment& environment, const CompileOptions& options) {
  CompileResult result;
  if (!ast.root) {
    result.diagnostics.error("E206", "the condition is empty", {});
    return result;
  }
  detail::Compiler compiler(environment, options, result.diagnostics);
  detail::Compiled root = compiler.compile_root(*ast.root);
  if (result.diagnostics.has_errors()) return result;
  auto impl = std::make_shared<Program::Impl>();
  if (root.constant != nullptr) impl->constant = *root.constant;
  impl->root = std::move(root.node);
  impl->local_slots = compiler.slots();
  impl->fields_read = compiler.take_fields_read();
  impl->max_iterations = options.max_iterations;
  result.program = Program(std::move(impl));
  return result;
}

}  // namespace accord::eval
