#include "expr/parser/lower.hpp"

#include "expr/literals.hpp"

#include <boost/variant/get.hpp>

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

namespace accord::expr::parser {

namespace {

// Thrown after the diagnostic that ends lowering has been recorded.
struct lowering_failed {};

struct Lowered {
  ExprPtr node;
  Span extent;              // the node's text plus any parentheses around it
  std::uint32_t depth = 0;  // edges on the longest path down from the node
};

class Lowerer {
 public:
  Lowerer(std::size_t max_depth, Diagnostics& diagnostics)
      : max_depth_(max_depth), diagnostics_(diagnostics) {}

  Lowered expression(const tree::conditional& node) {
    if (node.branches.empty()) return chain(node.test);
    // test ? t1 : f1 ? t2 : f2 ... is test ? t1 : (f1 ? t2 : f2): fold from
    // the right, where each branch's if_false is the next branch's test.
    std::vector<Lowered> tests;
    std::vector<Lowered> if_trues;
    tests.push_back(chain(node.test));
    for (const tree::conditional_branches& branch : node.branches) {
      if_trues.push_back(chain(branch.if_true));
      tests.push_back(chain(branch.if_false));
    }
    Lowered result = std::move(tests.back());
    for (std::size_t i = node.branches.size(); i-- > 0;) {
      const tree::conditional_branches& branch = node.branches[i];
      Lowered& test = tests[i];
      Lowered& if_true = if_trues[i];
      Span span{test.extent.begin, result.extent.end};
      std::uint32_t depth = std::max({test.depth, if_true.depth, result.depth}) + 1;
      result = finish(Conditional{std::move(test.node), std::move(if_true.node),
                                  std::move(result.node)},
                      span, depth, {branch.begin, branch.begin + 1});
    }
    return result;
  }

 private:
  template <typename Operand>
  Lowered chain(const tree::chain<Operand>& node) {
    Lowered result = chain(node.first);
    for (const tree::chain_link<Operand>& link : node.rest) {
      Lowered rhs = chain(link.operand);
      Span span{result.extent.begin, rhs.extent.end};
      std::uint32_t depth = std::max(result.depth, rhs.depth) + 1;
      result = finish(Binary{link.op.op, std::move(result.node), std::move(rhs.node)}, span, depth,
                      {link.op.begin, link.op.end});
    }
    return result;
  }

  // The bottom of the precedence ladder.
  Lowered chain(const tree::unary& node) {
    std::size_t remaining = node.operators.size();
    Lowered result;
    if (remaining > 0 && node.operators.back().symbol == '-' && is_plain_int(node.operand)) {
      // `-9223372036854775808`: the minus belongs to the literal.
      const auto& token = boost::get<tree::literal>(node.operand.head.get());
      result = number(token, true, {node.operators.back().begin, token.end});
      --remaining;
    } else {
      result = member(node.operand);
    }
    while (remaining > 0) {
      const tree::unary_operator& op = node.operators[--remaining];
      Span span{op.begin, result.extent.end};
      UnaryOp kind = op.symbol == '!' ? UnaryOp::Not : UnaryOp::Negate;
      result = finish(Unary{kind, std::move(result.node)}, span, result.depth + 1,
                      {op.begin, op.end});
    }
    return result;
  }

  static bool is_plain_int(const tree::member& node) {
    if (!node.tail.empty()) return false;
    const auto* token = boost::get<tree::literal>(&node.head.get());
    return token != nullptr && token->kind == tree::literal_kind::number &&
           detail::is_int_literal(token->text);
  }

  Lowered member(const tree::member& node) {
    Lowered result = primary(node.head);
    for (const tree::postfix& step : node.tail) {
      if (const auto* selection = boost::get<tree::selection>(&step.get())) {
        result = select(std::move(result), *selection);
      } else {
        const auto& access = boost::get<tree::index_access>(step.get());
        Lowered index = expression(access.index.get());
        Span span{result.extent.begin, access.end};
        std::uint32_t depth = std::max(result.depth, index.depth) + 1;
        result = finish(Index{std::move(result.node), std::move(index.node)}, span, depth,
                        {access.begin, access.end});
      }
    }
    return result;
  }

  Lowered select(Lowered operand, const tree::selection& selection) {
    Span span{operand.extent.begin, selection.end};
    Span blame{selection.begin, selection.end};
    if (!selection.arguments) {
      return finish(Select{std::move(operand.node), selection.field.text}, span, operand.depth + 1,
                    blame);
    }
    if (selection.field.quoted) {
      fail("E102", "a function name cannot be written in backquotes", blame);
    }
    std::uint32_t depth = operand.depth;
    std::vector<ExprPtr> args = arguments(*selection.arguments, depth);
    return finish(Call{std::move(operand.node), selection.field.text, std::move(args), false}, span,
                  depth + 1, blame);
  }

  std::vector<ExprPtr> arguments(const std::vector<tree::expression>& nodes,
                                 std::uint32_t& max_child_depth) {
    std::vector<ExprPtr> out;
    out.reserve(nodes.size());
    for (const tree::expression& node : nodes) {
      Lowered argument = expression(node);
      max_child_depth = std::max(max_child_depth, argument.depth);
      out.push_back(std::move(argument.node));
    }
    return out;
  }

  Lowered primary(const tree::primary& node) {
    const auto& alternative = node.get();
    if (const auto* token = boost::get<tree::literal>(&alternative)) {
      return literal(*token);
    }
    if (const auto* name = boost::get<tree::identifier>(&alternative)) {
      Span span{name->begin, name->end};
      if (!name->arguments) return finish(Ident{name->name, name->absolute}, span, 0, span);
      std::uint32_t depth = 0;
      std::vector<ExprPtr> args = arguments(*name->arguments, depth);
      std::uint32_t node_depth = name->arguments->empty() ? 0 : depth + 1;
      return finish(Call{nullptr, name->name, std::move(args), name->absolute}, span, node_depth,
                    span);
    }
    if (const auto* group = boost::get<tree::parenthesized>(&alternative)) {
      Lowered inner = expression(group->inner.get());
      inner.extent = {group->begin, group->end};
      return inner;
    }
    if (const auto* list = boost::get<tree::list_literal>(&alternative)) {
      std::uint32_t depth = 0;
      std::vector<ExprPtr> elements = arguments(list->elements, depth);
      Span span{list->begin, list->end};
      std::uint32_t node_depth = elements.empty() ? 0 : depth + 1;
      return finish(ListLiteral{std::move(elements)}, span, node_depth, span);
    }
    const auto& map = boost::get<tree::map_literal>(alternative);
    std::vector<MapEntry> entries;
    entries.reserve(map.entries.size());
    std::uint32_t depth = 0;
    for (const tree::map_entry& entry : map.entries) {
      Lowered key = expression(entry.key.get());
      Lowered value = expression(entry.value.get());
      depth = std::max({depth, key.depth, value.depth});
      entries.push_back({std::move(key.node), std::move(value.node)});
    }
    Span span{map.begin, map.end};
    std::uint32_t node_depth = entries.empty() ? 0 : depth + 1;
    return finish(MapLiteral{std::move(entries)}, span, node_depth, span);
  }

  Lowered literal(const tree::literal& token) {
    Span span{token.begin, token.end};
    switch (token.kind) {
      case tree::literal_kind::null_value:
        return finish(Literal{nullptr}, span, 0, span);
      case tree::literal_kind::true_value:
        return finish(Literal{true}, span, 0, span);
      case tree::literal_kind::false_value:
        return finish(Literal{false}, span, 0, span);
      case tree::literal_kind::number:
        return number(token, false, span);
      case tree::literal_kind::string:
        return decoded(detail::decode_string(token.text), token, span);
    }
    return finish(Literal{nullptr}, span, 0, span);
  }

  Lowered number(const tree::literal& token, bool negated, Span span) {
    return decoded(detail::decode_number(token.text, negated), token, span);
  }

  Lowered decoded(detail::DecodedLiteral value, const tree::literal& token, Span span) {
    if (auto* error = std::get_if<detail::LiteralError>(&value)) {
      fail("E104", std::move(error->message),
           {token.begin + error->begin, token.begin + error->end});
    }
    return finish(Literal{std::move(std::get<Constant>(value))}, span, 0, span);
  }

  Lowered finish(ExprKind kind, Span span, std::uint32_t depth, Span blame) {
    if (depth > max_depth_) {
      fail("E103",
           "the condition is nested too deeply (the limit is " + std::to_string(max_depth_) +
               " levels)",
           blame);
    }
    auto node = std::make_unique<Expr>();
    node->span = span;
    node->kind = std::move(kind);
    return {std::move(node), span, depth};
  }

  [[noreturn]] void fail(std::string code, std::string message, Span span) {
    diagnostics_.error(std::move(code), std::move(message), span);
    throw lowering_failed{};
  }

  std::size_t max_depth_;
  Diagnostics& diagnostics_;
};

// Children in source order.
void push_children(Expr& node, std::vector<Expr*>& out) {
  std::visit(
      [&out](auto& kind) {
        using Kind = std::decay_t<decltype(kind)>;
        if constexpr (std::is_same_v<Kind, Select>) {
          out.push_back(kind.operand.get());
        } else if constexpr (std::is_same_v<Kind, Index>) {
          out.push_back(kind.operand.get());
          out.push_back(kind.index.get());
        } else if constexpr (std::is_same_v<Kind, Call>) {
          if (kind.target) out.push_back(kind.target.get());
          for (ExprPtr& arg : kind.args) out.push_back(arg.get());
        } else if constexpr (std::is_same_v<Kind, Unary>) {
          out.push_back(kind.operand.get());
        } else if constexpr (std::is_same_v<Kind, Binary>) {
          out.push_back(kind.lhs.get());
          out.push_back(kind.rhs.get());
        } else if constexpr (std::is_same_v<Kind, Conditional>) {
          out.push_back(kind.condition.get());
          out.push_back(kind.if_true.get());
          out.push_back(kind.if_false.get());
        } else if constexpr (std::is_same_v<Kind, ListLiteral>) {
          for (ExprPtr& element : kind.elements) out.push_back(element.get());
        } else if constexpr (std::is_same_v<Kind, MapLiteral>) {
          for (MapEntry& entry : kind.entries) {
            out.push_back(entry.key.get());
            out.push_back(entry.value.get());
          }
        }
      },
      node.kind);
}

// Numbers nodes in pre-order (a node before its children, children left to
// right), which is the order in which they start in the source. Returns the
// number of nodes.
std::uint32_t number_nodes(Expr& root) {
  std::uint32_t next_id = 1;
  std::vector<Expr*> pending{&root};
  std::vector<Expr*> children;
  while (!pending.empty()) {
    Expr* node = pending.back();
    pending.pop_back();
    node->id = next_id++;
    children.clear();
    push_children(*node, children);
    pending.insert(pending.end(), children.rbegin(), children.rend());
  }
  return next_id - 1;
}

}  // namespace

std::optional<Ast> lower(const tree::expression& tree, std::size_t max_nesting_depth,
                         Diagnostics& diagnostics) {
  Lowerer lowerer(max_nesting_depth, diagnostics);
  Lowered root;
  try {
    root = lowerer.expression(tree);
  } catch (const lowering_failed&) {
    return std::nullopt;
  }
  Ast ast;
  ast.node_count = number_nodes(*root.node);
  ast.root = std::move(root.node);
  return ast;
}

}  // namespace accord::expr::parser
