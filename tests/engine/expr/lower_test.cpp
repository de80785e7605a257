// From parse tree to AST: node spans, ids in source order, negative int
// literals, and the printed form of trees.
#include "parse_test_support.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <string>
#include <type_traits>
#include <vector>

namespace accord::expr {
namespace {

using testing::parenthesised;

const char* kind_name(const Expr& node) {
  return std::visit(
      [](const auto& kind) -> const char* {
        using Kind = std::decay_t<decltype(kind)>;
        if constexpr (std::is_same_v<Kind, Literal>) return "Literal";
        if constexpr (std::is_same_v<Kind, Ident>) return "Ident";
        if constexpr (std::is_same_v<Kind, Select>) return "Select";
        if constexpr (std::is_same_v<Kind, Index>) return "Index";
        if constexpr (std::is_same_v<Kind, Call>) return "Call";
        if constexpr (std::is_same_v<Kind, Unary>) return "Unary";
        if constexpr (std::is_same_v<Kind, Binary>) return "Binary";
        if constexpr (std::is_same_v<Kind, Conditional>) return "Conditional";
        if constexpr (std::is_same_v<Kind, ListLiteral>) return "List";
        return "Map";
      },
      node.kind);
}

std::vector<const Expr*> children(const Expr& node) {
  std::vector<const Expr*> out;
  std::visit(
      [&out](const auto& kind) {
        using Kind = std::decay_t<decltype(kind)>;
        if constexpr (std::is_same_v<Kind, Select>) {
          out = {kind.operand.get()};
        } else if constexpr (std::is_same_v<Kind, Index>) {
          out = {kind.operand.get(), kind.index.get()};
        } else if constexpr (std::is_same_v<Kind, Call>) {
          if (kind.target) out.push_back(kind.target.get());
          for (const ExprPtr& arg : kind.args) out.push_back(arg.get());
        } else if constexpr (std::is_same_v<Kind, Unary>) {
          out = {kind.operand.get()};
        } else if constexpr (std::is_same_v<Kind, Binary>) {
          out = {kind.lhs.get(), kind.rhs.get()};
        } else if constexpr (std::is_same_v<Kind, Conditional>) {
          out = {kind.condition.get(), kind.if_true.get(), kind.if_false.get()};
        } else if constexpr (std::is_same_v<Kind, ListLiteral>) {
          for (const ExprPtr& element : kind.elements) out.push_back(element.get());
        } else if constexpr (std::is_same_v<Kind, MapLiteral>) {
          for (const MapEntry& entry : kind.entries) {
            out.push_back(entry.key.get());
            out.push_back(entry.value.get());
          }
        }
      },
      node.kind);
  return out;
}

// "id Kind `text of the span`" for every node, in pre-order.
void describe(const Expr& node, std::string_view text, std::vector<std::string>& out) {
  out.push_back(std::to_string(node.id) + " " + kind_name(node) + " `" +
                std::string(text.substr(node.span.begin, node.span.end - node.span.begin)) + "`");
  for (const Expr* child : children(node)) describe(*child, text, out);
}

std::vector<std::string> nodes_of(std::string_view text) {
  ParseResult result = parse_condition(text);
  std::vector<std::string> out;
  if (!result.ast) {
    out.push_back("<failed> " + format_diagnostics(result.diagnostics,
                                                   SourceFile("<condition>", std::string(text))));
    return out;
  }
  describe(*result.ast->root, text, out);
  if (result.ast->node_count != out.size()) out.push_back("<node_count differs>");
  return out;
}

using Nodes = std::vector<std::string>;

TEST(LowerSpans, OperatorsCoverTheirOperandsAndParentheses) {
  EXPECT_EQ(nodes_of("(a + b) * -c.d[0]"),
            (Nodes{"1 Binary `(a + b) * -c.d[0]`", "2 Binary `a + b`", "3 Ident `a`",
                   "4 Ident `b`", "5 Unary `-c.d[0]`", "6 Index `c.d[0]`", "7 Select `c.d`",
                   "8 Ident `c`", "9 Literal `0`"}));
  EXPECT_EQ(nodes_of("!(a || b) && c"),
            (Nodes{"1 Binary `!(a || b) && c`", "2 Unary `!(a || b)`", "3 Binary `a || b`",
                   "4 Ident `a`", "5 Ident `b`", "6 Ident `c`"}));
  EXPECT_EQ(nodes_of("  ((x))  "), (Nodes{"1 Ident `x`"}));
  EXPECT_EQ(nodes_of("a ? b : c ? d : e"),
            (Nodes{"1 Conditional `a ? b : c ? d : e`", "2 Ident `a`", "3 Ident `b`",
                   "4 Conditional `c ? d : e`", "5 Ident `c`", "6 Ident `d`", "7 Ident `e`"}));
  EXPECT_EQ(nodes_of("1 < 2 == (3 in x)"),
            (Nodes{"1 Binary `1 < 2 == (3 in x)`", "2 Binary `1 < 2`", "3 Literal `1`",
                   "4 Literal `2`", "5 Binary `3 in x`", "6 Literal `3`", "7 Ident `x`"}));
}

TEST(LowerSpans, MembersCallsAndLiterals) {
  EXPECT_EQ(nodes_of("f(x, 'y').g(1)"),
            (Nodes{"1 Call `f(x, 'y').g(1)`", "2 Call `f(x, 'y')`", "3 Ident `x`",
                   "4 Literal `'y'`", "5 Literal `1`"}));
  EXPECT_EQ(nodes_of(".a.b"), (Nodes{"1 Select `.a.b`", "2 Ident `.a`"}));
  EXPECT_EQ(nodes_of("x.`content-type`"), (Nodes{"1 Select `x.`content-type``", "2 Ident `x`"}));
  EXPECT_EQ(nodes_of("(a).b"), (Nodes{"1 Select `(a).b`", "2 Ident `a`"}));
  EXPECT_EQ(nodes_of("[1, {2: 3},]"),
            (Nodes{"1 List `[1, {2: 3},]`", "2 Literal `1`", "3 Map `{2: 3}`", "4 Literal `2`",
                   "5 Literal `3`"}));
  EXPECT_EQ(nodes_of("b'\\x00' + r\"\\d\" + '''a\nb'''"),
            (Nodes{"1 Binary `b'\\x00' + r\"\\d\" + '''a\nb'''`", "2 Binary `b'\\x00' + r\"\\d\"`",
                   "3 Literal `b'\\x00'`", "4 Literal `r\"\\d\"`", "5 Literal `'''a\nb'''`"}));
  EXPECT_EQ(nodes_of("x // a comment\n  .y"), (Nodes{"1 Select `x // a comment\n  .y`",
                                                      "2 Ident `x`"}));
}

TEST(LowerSpans, MinusJoinsTheIntLiteralItStandsBefore) {
  EXPECT_EQ(nodes_of("-5"), (Nodes{"1 Literal `-5`"}));
  EXPECT_EQ(nodes_of("- 5"), (Nodes{"1 Literal `- 5`"}));
  EXPECT_EQ(nodes_of("--5"), (Nodes{"1 Unary `--5`", "2 Literal `-5`"}));
  EXPECT_EQ(nodes_of("-(5)"), (Nodes{"1 Unary `-(5)`", "2 Literal `5`"}));
  EXPECT_EQ(nodes_of("-5.5"), (Nodes{"1 Unary `-5.5`", "2 Literal `5.5`"}));
  EXPECT_EQ(nodes_of("-5u"), (Nodes{"1 Unary `-5u`", "2 Literal `5u`"}));
  EXPECT_EQ(nodes_of("-5[0]"), (Nodes{"1 Unary `-5[0]`", "2 Index `5[0]`", "3 Literal `5`",
                                      "4 Literal `0`"}));
  EXPECT_EQ(nodes_of("1 - -5"),
            (Nodes{"1 Binary `1 - -5`", "2 Literal `1`", "3 Literal `-5`"}));
  EXPECT_EQ(nodes_of("1-5"), (Nodes{"1 Binary `1-5`", "2 Literal `1`", "3 Literal `5`"}));
}

TEST(LowerTree, NodesHoldWhatWasWritten) {
  ParseResult result = parse_condition("a.b(c, 1)[d] != -x");
  ASSERT_TRUE(result.ast);
  EXPECT_TRUE(result.diagnostics.empty());
  const auto& not_equal = std::get<Binary>(result.ast->root->kind);
  EXPECT_EQ(not_equal.op, BinaryOp::NotEqual);
  const auto& index = std::get<Index>(not_equal.lhs->kind);
  EXPECT_EQ(std::get<Ident>(index.index->kind).name, "d");
  const auto& call = std::get<Call>(index.operand->kind);
  EXPECT_EQ(call.function, "b");
  ASSERT_EQ(call.args.size(), 2U);
  EXPECT_EQ(std::get<Ident>(call.target->kind).name, "a");
  EXPECT_EQ(std::get<Literal>(call.args[1]->kind).value, Constant(std::int64_t{1}));
  const auto& negation = std::get<Unary>(not_equal.rhs->kind);
  EXPECT_EQ(negation.op, UnaryOp::Negate);
  EXPECT_EQ(std::get<Ident>(negation.operand->kind).name, "x");
}

TEST(LowerTree, IdsAreUniqueAndCountedInSourceOrder) {
  const std::string text = "[a, b].exists(x, x > 1 && y[x] in {1: 2})";
  ParseResult result = parse_condition(text);
  ASSERT_TRUE(result.ast);
  std::vector<std::string> nodes;
  describe(*result.ast->root, text, nodes);
  ASSERT_EQ(nodes.size(), result.ast->node_count);
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    EXPECT_TRUE(nodes[i].starts_with(std::to_string(i + 1) + " ")) << nodes[i];
  }
  // exists, the list and its 2 elements, x, and 11 nodes in the body
  EXPECT_EQ(result.ast->node_count, 16U);
}

TEST(LowerTree, FailuresCarryExactlyOneDiagnosticAndNoTree) {
  for (const char* text : {"1 +", "'\\q'", "if", "((((1))))"}) {
    ParseOptions options;
    options.max_nesting_depth = 3;
    ParseResult result = parse_condition(text, options);
    EXPECT_FALSE(result.ast) << text;
    EXPECT_EQ(result.diagnostics.size(), 1U) << text;
    EXPECT_TRUE(result.diagnostics.has_errors()) << text;
  }
}

TEST(LowerPrinting, LiteralsReadBackAsTheSameValue) {
  const std::pair<const char*, const char*> cases[] = {
      {"1.0", "1.0"},
      {"2.5e10", "2.5e+10"},
      {"25.0", "25.0"},
      {"1e100", "1e+100"},
      {"0.1", "0.1"},
      {"7u", "7u"},
      {"-9223372036854775808", "-9223372036854775808"},
      {"'a\"b\\\\c\\n\\x01'", "\"a\\\"b\\\\c\\n\\x01\""},
      {"b'\\xff\\x00a'", "b\"\\xFF\\x00a\""},
      {"r'\\d'", "\"\\\\d\""},
      {"x.`a-b`", "x.`a-b`"},
      {"x.`null`", "x.`null`"},
      {"(-5).f()", "(-5).f()"},
      {"-(5)", "(-(5))"},
      {"!(-5)", "(!(-5))"},
      {"--5", "(--5)"},
  };
  for (const auto& [text, expected] : cases) {
    std::string printed = parenthesised(text);
    EXPECT_EQ(printed, expected) << text;
    EXPECT_EQ(parenthesised(printed), printed) << text;
  }
}

TEST(LowerPrinting, SpellsEveryOperator) {
  EXPECT_STREQ(spelling(UnaryOp::Not), "!");
  EXPECT_STREQ(spelling(UnaryOp::Negate), "-");
  EXPECT_STREQ(spelling(BinaryOp::In), "in");
  EXPECT_STREQ(spelling(BinaryOp::LessEqual), "<=");
  EXPECT_STREQ(spelling(BinaryOp::Or), "||");
  EXPECT_STREQ(spelling(BinaryOp::Modulo), "%");
}

}  // namespace
}  // namespace accord::expr
