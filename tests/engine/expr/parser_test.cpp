// The condition grammar: precedence and associativity, every literal form,
// syntax errors with their positions, reserved words, limits, and the CEL
// conformance expressions.
#include "parse_test_support.hpp"

#include <accord/eval/json.hpp>

#include "support/conformance_data.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <limits>
#include <string>
#include <vector>

namespace accord::expr {
namespace {

using testing::error_code;
using testing::failure;
using testing::literal_value;
using testing::parenthesised;

struct Case {
  const char* text;
  const char* expected;
};

// ---- precedence and associativity ------------------------------------------

TEST(ParserPrecedence, FollowsCelsTable) {
  const Case cases[] = {
      {"1 + 2 * 3", "(1 + (2 * 3))"},
      {"1 * 2 + 3", "((1 * 2) + 3)"},
      {"1 + 2 < 3 * 4", "((1 + 2) < (3 * 4))"},
      {"a < b && c > d", "((a < b) && (c > d))"},
      {"a && b || c && d", "((a && b) || (c && d))"},
      {"a || b && c", "(a || (b && c))"},
      {"a || b ? c && d : e", "((a || b) ? (c && d) : e)"},
      {"!a && b", "((!a) && b)"},
      {"-a * b", "((-a) * b)"},
      {"-a.b", "(-a.b)"},
      {"!a.b(c)[0]", "(!a.b(c)[0])"},
      {"(1 + 2) * 3", "((1 + 2) * 3)"},
      {"a * (b + c)", "(a * (b + c))"},
      {"x in [1, 2] && y", "((x in [1, 2]) && y)"},
      {"1 + 2 in xs", "((1 + 2) in xs)"},
      {"a == b && c != d || e", "(((a == b) && (c != d)) || e)"},
      {"a ? b + 1 : c * 2", "(a ? (b + 1) : (c * 2))"},
  };
  for (const Case& c : cases) EXPECT_EQ(parenthesised(c.text), c.expected) << c.text;
}

TEST(ParserPrecedence, BinaryOperatorsAreLeftAssociative) {
  const Case cases[] = {
      {"1 - 2 - 3", "((1 - 2) - 3)"},
      {"1 + 2 - 3 + 4", "(((1 + 2) - 3) + 4)"},
      {"8 / 4 / 2", "((8 / 4) / 2)"},
      {"7 % 4 * 2 / 3", "(((7 % 4) * 2) / 3)"},
      // Relations chain, as in CEL's grammar (Relation = Relation Relop Addition).
      {"a < b == c", "((a < b) == c)"},
      {"a == b != c", "((a == b) != c)"},
      {"1 <= 2 >= 3 > 4", "(((1 <= 2) >= 3) > 4)"},
      {"a in b in c", "((a in b) in c)"},
      {"a && b && c", "((a && b) && c)"},
      {"a || b || c", "((a || b) || c)"},
  };
  for (const Case& c : cases) EXPECT_EQ(parenthesised(c.text), c.expected) << c.text;
}

TEST(ParserPrecedence, ConditionalIsRightAssociative) {
  EXPECT_EQ(parenthesised("a ? b : c ? d : e"), "(a ? b : (c ? d : e))");
  EXPECT_EQ(parenthesised("a ? b : c ? d : e ? f : g"), "(a ? b : (c ? d : (e ? f : g)))");
  EXPECT_EQ(parenthesised("(a ? b : c) ? d : e"), "((a ? b : c) ? d : e)");
  // The middle of ?: is a ConditionalOr in CEL: a nested ?: needs parentheses.
  EXPECT_EQ(parenthesised("a ? (b ? c : d) : e"), "(a ? (b ? c : d) : e)");
  EXPECT_NE(error_code("a ? b ? c : d : e"), "");
}

TEST(ParserPrecedence, UnaryOperatorsRepeatButDoNotMix) {
  EXPECT_EQ(parenthesised("!!a"), "(!(!a))");
  EXPECT_EQ(parenthesised("!!!a"), "(!(!(!a)))");
  EXPECT_EQ(parenthesised("--a"), "(-(-a))");
  EXPECT_EQ(parenthesised("- - a"), "(-(-a))");
  EXPECT_EQ(parenthesised("!(-a)"), "(!(-a))");
  EXPECT_EQ(error_code("!-a"), "E102");
  EXPECT_EQ(error_code("-!a"), "E102");
}

TEST(ParserPrecedence, EveryOperatorIsRecognised) {
  const Case cases[] = {
      {"a*b", "(a * b)"},   {"a/b", "(a / b)"},   {"a%b", "(a % b)"},  {"a+b", "(a + b)"},
      {"a-b", "(a - b)"},   {"a<b", "(a < b)"},   {"a<=b", "(a <= b)"}, {"a>b", "(a > b)"},
      {"a>=b", "(a >= b)"}, {"a==b", "(a == b)"}, {"a!=b", "(a != b)"}, {"a in b", "(a in b)"},
      {"a&&b", "(a && b)"}, {"a||b", "(a || b)"}, {"!a", "(!a)"},       {"-a", "(-a)"},
      {"a?b:c", "(a ? b : c)"},
  };
  for (const Case& c : cases) EXPECT_EQ(parenthesised(c.text), c.expected) << c.text;
}

TEST(ParserMembers, SelectionIndexingAndCalls) {
  const Case cases[] = {
      {"a.b.c", "a.b.c"},
      {"a[0][1]", "a[0][1]"},
      {"a.b[0].c", "a.b[0].c"},
      {"f()", "f()"},
      {"f(x, y + 1)", "f(x, (y + 1))"},
      {"x.size()", "x.size()"},
      {"f(x).g(y).h", "f(x).g(y).h"},
      {"'abc'.startsWith('a')", "\"abc\".startsWith(\"a\")"},
      {"[1, 2][0]", "[1, 2][0]"},
      {"{'a': 1}.a", "{\"a\": 1}.a"},
      {"(a + b).c", "(a + b).c"},
      {"a . b", "a.b"},
  };
  for (const Case& c : cases) EXPECT_EQ(parenthesised(c.text), c.expected) << c.text;
  EXPECT_EQ(error_code("m[k](x)"), "E102");  // CEL has no calls of computed functions
  EXPECT_EQ(error_code("(f)(x)"), "E102");
}

TEST(ParserMembers, LeadingDotNamesTheRootScope) {
  EXPECT_EQ(parenthesised(".a"), ".a");
  EXPECT_EQ(parenthesised(".a.b"), ".a.b");
  EXPECT_EQ(parenthesised(".f(x)"), ".f(x)");
  ParseResult ident = parse_condition(".a");
  ASSERT_TRUE(ident.ast);
  EXPECT_TRUE(std::get<Ident>(ident.ast->root->kind).absolute);
  ParseResult call = parse_condition(".f(1)");
  ASSERT_TRUE(call.ast);
  EXPECT_TRUE(std::get<Call>(call.ast->root->kind).absolute);
  ParseResult plain = parse_condition("f(1)");
  ASSERT_TRUE(plain.ast);
  EXPECT_FALSE(std::get<Call>(plain.ast->root->kind).absolute);
}

TEST(ParserMembers, QuotedFieldNames) {
  ParseResult result = parse_condition("x.`content-type`");
  ASSERT_TRUE(result.ast);
  const auto& select = std::get<Select>(result.ast->root->kind);
  EXPECT_EQ(select.field, "content-type");
  EXPECT_EQ(parenthesised("{'foo.txt': 32}.`foo.txt`"), "{\"foo.txt\": 32}.`foo.txt`");
  EXPECT_EQ(parenthesised("x.`/api/v1`"), "x.`/api/v1`");
  EXPECT_EQ(parenthesised("x.`a b_9`"), "x.`a b_9`");
  EXPECT_EQ(parenthesised("has(x.`a-b`)"), "has(x.`a-b`)");
  EXPECT_EQ(parenthesised("x.`in`"), "x.`in`");
}

TEST(ParserMembers, ListsAndMapsAllowATrailingComma) {
  const Case cases[] = {
      {"[]", "[]"},
      {"[1]", "[1]"},
      {"[1,]", "[1]"},
      {"[1, 2, 3,]", "[1, 2, 3]"},
      {"[[1], [2, [3]]]", "[[1], [2, [3]]]"},
      {"{}", "{}"},
      {"{1: 'a'}", "{1: \"a\"}"},
      {"{1: 'a',}", "{1: \"a\"}"},
      {"{'a': [1], 'b': {true: null},}", "{\"a\": [1], \"b\": {true: null}}"},
      {"{a ? b : c: d}", "{(a ? b : c): d}"},
  };
  for (const Case& c : cases) EXPECT_EQ(parenthesised(c.text), c.expected) << c.text;
  EXPECT_EQ(error_code("[,]"), "E102");
  EXPECT_EQ(error_code("[1,,]"), "E102");
  EXPECT_EQ(error_code("{,}"), "E102");
  EXPECT_EQ(error_code("f(1,)"), "E102");  // calls take no trailing comma
}

TEST(ParserLexis, WhitespaceAndComments) {
  EXPECT_EQ(parenthesised(" \t\r\n\f1\t+\r2\n*\f3 "), "(1 + (2 * 3))");
  EXPECT_EQ(parenthesised("a // the first operand\n&& b // the second"), "(a && b)");
  EXPECT_EQ(parenthesised("// leading comment\r\nx"), "x");
  EXPECT_EQ(parenthesised("a /// three slashes still start a comment\n / b"), "(a / b)");
  EXPECT_EQ(parenthesised("'// not a comment'"), "\"// not a comment\"");
  EXPECT_EQ(error_code("// only a comment"), "E102");
}

TEST(ParserLexis, KeywordsNeedWordBoundaries) {
  EXPECT_EQ(parenthesised("index in inputs"), "(index in inputs)");
  EXPECT_EQ(parenthesised("trueish || nullable || falsehood"),
            "((trueish || nullable) || falsehood)");
  EXPECT_EQ(parenthesised("true||false"), "(true || false)");
  EXPECT_EQ(error_code("a inb"), "E102");
}

// ---- literals ----------------------------------------------------------------

TEST(ParserLiterals, NullAndBooleans) {
  EXPECT_EQ(literal_value("null"), Constant(nullptr));
  EXPECT_EQ(literal_value("true"), Constant(true));
  EXPECT_EQ(literal_value("false"), Constant(false));
}

TEST(ParserLiterals, Integers) {
  EXPECT_EQ(literal_value("0"), Constant(std::int64_t{0}));
  EXPECT_EQ(literal_value("123"), Constant(std::int64_t{123}));
  EXPECT_EQ(literal_value("007"), Constant(std::int64_t{7}));
  EXPECT_EQ(literal_value("0x1F"), Constant(std::int64_t{31}));
  EXPECT_EQ(literal_value("0xaBc"), Constant(std::int64_t{0xABC}));
  EXPECT_EQ(literal_value("9223372036854775807"),
            Constant(std::numeric_limits<std::int64_t>::max()));
  EXPECT_EQ(literal_value("0x7fffffffffffffff"),
            Constant(std::numeric_limits<std::int64_t>::max()));
  // A minus directly before an int literal belongs to it.
  EXPECT_EQ(literal_value("-5"), Constant(std::int64_t{-5}));
  EXPECT_EQ(literal_value("-9223372036854775808"),
            Constant(std::numeric_limits<std::int64_t>::min()));
  EXPECT_EQ(literal_value("-0x8000000000000000"),
            Constant(std::numeric_limits<std::int64_t>::min()));
}

TEST(ParserLiterals, UnsignedIntegers) {
  EXPECT_EQ(literal_value("0u"), Constant(std::uint64_t{0}));
  EXPECT_EQ(literal_value("1u"), Constant(std::uint64_t{1}));
  EXPECT_EQ(literal_value("1U"), Constant(std::uint64_t{1}));
  EXPECT_EQ(literal_value("0x1Fu"), Constant(std::uint64_t{31}));
  EXPECT_EQ(literal_value("18446744073709551615u"),
            Constant(std::numeric_limits<std::uint64_t>::max()));
  EXPECT_EQ(literal_value("0xFFFFFFFFFFFFFFFFU"),
            Constant(std::numeric_limits<std::uint64_t>::max()));
  // Unary minus is not folded into a uint: it stays an operator.
  EXPECT_EQ(parenthesised("-1u"), "(-1u)");
}

TEST(ParserLiterals, Doubles) {
  EXPECT_EQ(literal_value("1.5"), Constant(1.5));
  EXPECT_EQ(literal_value("0.0"), Constant(0.0));
  EXPECT_EQ(literal_value(".5"), Constant(0.5));
  EXPECT_EQ(literal_value("1e3"), Constant(1000.0));
  EXPECT_EQ(literal_value("1E+2"), Constant(100.0));
  EXPECT_EQ(literal_value("1.5e-3"), Constant(0.0015));
  EXPECT_EQ(literal_value("2.5E1"), Constant(25.0));
  EXPECT_EQ(literal_value("1.7976931348623157e308"),
            Constant(std::numeric_limits<double>::max()));
  EXPECT_EQ(literal_value("4.9e-324"), Constant(std::numeric_limits<double>::denorm_min()));
  // Below the smallest double: rounds to zero, as in other CEL implementations.
  EXPECT_EQ(literal_value("1e-400"), Constant(0.0));
  // Negating a double is an operation, not part of the literal.
  EXPECT_EQ(parenthesised("-1.5"), "(-1.5)");
  // CEL wants digits after the point: `1.` is the int 1 followed by a '.'.
  EXPECT_EQ(error_code("1."), "E102");
  EXPECT_EQ(parenthesised("1.e"), "1.e");  // field `e` of the int 1
}

TEST(ParserLiterals, QuotedStrings) {
  EXPECT_EQ(literal_value("'hello'"), Constant(std::string("hello")));
  EXPECT_EQ(literal_value("\"hello\""), Constant(std::string("hello")));
  EXPECT_EQ(literal_value("''"), Constant(std::string()));
  EXPECT_EQ(literal_value("\"\""), Constant(std::string()));
  EXPECT_EQ(literal_value("'\"\"'"), Constant(std::string("\"\"")));
  EXPECT_EQ(literal_value("\"it's\""), Constant(std::string("it's")));
  EXPECT_EQ(literal_value("'caf\xC3\xA9 \xF0\x9F\x98\x80'"),
            Constant(std::string("caf\xC3\xA9 \xF0\x9F\x98\x80")));
  // A NUL byte inside a literal is kept.
  EXPECT_EQ(literal_value(std::string_view("'a\0b'", 5)), Constant(std::string("a\0b", 3)));
}

TEST(ParserLiterals, TripleQuotedStrings) {
  EXPECT_EQ(literal_value("'''hello'''"), Constant(std::string("hello")));
  EXPECT_EQ(literal_value("\"\"\"hello\"\"\""), Constant(std::string("hello")));
  EXPECT_EQ(literal_value("''''''"), Constant(std::string()));
  EXPECT_EQ(literal_value("'''x''x'''"), Constant(std::string("x''x")));
  EXPECT_EQ(literal_value("\"\"\"say \"hi\" \"\"\""), Constant(std::string("say \"hi\" ")));
  EXPECT_EQ(literal_value("'''line 1\nline 2\r\n'''"), Constant(std::string("line 1\nline 2\r\n")));
  EXPECT_EQ(literal_value("'''a\\'''b'''"), Constant(std::string("a'''b")));
}

TEST(ParserLiterals, EveryEscape) {
  EXPECT_EQ(literal_value(R"('\a\b\f\n\r\t\v')"), Constant(std::string("\a\b\f\n\r\t\v")));
  EXPECT_EQ(literal_value(R"('\\ \? \" \' \`')"), Constant(std::string("\\ ? \" ' `")));
  EXPECT_EQ(literal_value(R"("\x41\X42\x7f")"), Constant(std::string("AB\x7F")));
  EXPECT_EQ(literal_value(R"('\101\000\177')"), Constant(std::string("A\0\x7F", 3)));
  EXPECT_EQ(literal_value(R"('\u0041\u00e9\uFFFB')"),
            Constant(std::string("A\xC3\xA9\xEF\xBF\xBB")));
  EXPECT_EQ(literal_value(R"('\U0001F600\U00000041\U0010FFFF')"),
            Constant(std::string("\xF0\x9F\x98\x80" "A" "\xF4\x8F\xBF\xBF")));
  // In strings, \x and octal escapes are code points (langdef's examples).
  EXPECT_EQ(literal_value(R"("\303\277")"), Constant(std::string("\xC3\x83\xC2\xBF")));
  EXPECT_EQ(literal_value(R"("\377")"), Constant(std::string("\xC3\xBF")));
  EXPECT_EQ(literal_value(R"("\xFF")"), Constant(std::string("\xC3\xBF")));
  // Escapes work the same in triple-quoted strings.
  EXPECT_EQ(literal_value(R"('''\t\x41\'''')"), Constant(std::string("\tA'")));
}

TEST(ParserLiterals, RawStringsKeepBackslashes) {
  EXPECT_EQ(literal_value(R"(r'\n\d+')"), Constant(std::string(R"(\n\d+)")));
  EXPECT_EQ(literal_value(R"(R"\\")"), Constant(std::string(R"(\\)")));
  EXPECT_EQ(literal_value(R"(r'\')"), Constant(std::string("\\")));
  EXPECT_EQ(literal_value(R"(r'''a\'b''')"), Constant(std::string(R"(a\'b)")));
  EXPECT_EQ(literal_value(R"(R"""\u0000""")"), Constant(std::string(R"(\u0000)")));
}

TEST(ParserLiterals, Bytes) {
  EXPECT_EQ(literal_value("b'abc'"), Constant(Bytes{"abc"}));
  EXPECT_EQ(literal_value("B\"abc\""), Constant(Bytes{"abc"}));
  EXPECT_EQ(literal_value("b''"), Constant(Bytes{""}));
  EXPECT_EQ(literal_value("b'''a\nb'''"), Constant(Bytes{"a\nb"}));
  // UTF-8 text in a bytes literal gives its bytes; \x and octal give one byte.
  EXPECT_EQ(literal_value("b\"\xC3\xBF\""), Constant(Bytes{"\xC3\xBF"}));
  EXPECT_EQ(literal_value(R"(b"\303\277")"), Constant(Bytes{"\xC3\xBF"}));
  EXPECT_EQ(literal_value(R"(b"\377")"), Constant(Bytes{"\xFF"}));
  EXPECT_EQ(literal_value(R"(b"\xFF\X00")"), Constant(Bytes{std::string("\xFF\0", 2)}));
  EXPECT_EQ(literal_value(R"(b'\n\\\'')"), Constant(Bytes{"\n\\'"}));
  // Raw bytes, with the prefixes in either order and either case.
  for (const char* prefix : {"br", "bR", "Br", "BR", "rb", "rB", "Rb", "RB"}) {
    std::string text = std::string(prefix) + R"('\x00')";
    EXPECT_EQ(literal_value(text), Constant(Bytes{R"(\x00)"})) << text;
  }
  // A bytes literal is not a string.
  EXPECT_NE(literal_value("b'a'"), Constant(std::string("a")));
}

TEST(ParserLiterals, PrefixLettersAreNamesWithoutAQuote) {
  EXPECT_EQ(parenthesised("b + r + br + rb"), "(((b + r) + br) + rb)");
  EXPECT_EQ(parenthesised("r == b'x'"), "(r == b\"x\")");
}

// ---- syntax errors (E102), with positions ------------------------------------

TEST(ParserErrors, ExpectedAnExpression) {
  EXPECT_EQ(failure(""),
            "<condition>:1:1: error: expected an expression [E102]\n"
            " 1 | \n"
            "   | ^\n");
  EXPECT_EQ(failure("1 +"),
            "<condition>:1:4: error: expected an expression [E102]\n"
            " 1 | 1 +\n"
            "   |    ^\n");
  EXPECT_EQ(failure("a && || b"),
            "<condition>:1:6: error: expected an expression [E102]\n"
            " 1 | a && || b\n"
            "   |      ^\n");
  EXPECT_EQ(failure("f(a,)"),
            "<condition>:1:5: error: expected an expression [E102]\n"
            " 1 | f(a,)\n"
            "   |     ^\n");
  EXPECT_EQ(failure("a[]"),
            "<condition>:1:3: error: expected an expression [E102]\n"
            " 1 | a[]\n"
            "   |   ^\n");
}

TEST(ParserErrors, UnclosedBracketsNameTheirOpening) {
  EXPECT_EQ(failure("(1 + 2"),
            "<condition>:1:7: error: expected ')' to close '(' at 1:1 [E102]\n"
            " 1 | (1 + 2\n"
            "   |       ^\n");
  EXPECT_EQ(failure("size(event.x > 2"),
            "<condition>:1:17: error: expected ')' to close '(' at 1:5 [E102]\n"
            " 1 | size(event.x > 2\n"
            "   |                 ^\n");
  EXPECT_EQ(failure("[1, 2"),
            "<condition>:1:6: error: expected ']' to close '[' at 1:1 [E102]\n"
            " 1 | [1, 2\n"
            "   |      ^\n");
  EXPECT_EQ(failure("a[0"),
            "<condition>:1:4: error: expected ']' to close '[' at 1:2 [E102]\n"
            " 1 | a[0\n"
            "   |    ^\n");
  EXPECT_EQ(failure("{1: 2 3}"),
            "<condition>:1:7: error: expected '}' to close '{' at 1:1 [E102]\n"
            " 1 | {1: 2 3}\n"
            "   |       ^\n");
  EXPECT_EQ(failure("a &&\n  (b ||\n   c"),
            "<condition>:3:5: error: expected ')' to close '(' at 2:3 [E102]\n"
            " 3 |    c\n"
            "   |     ^\n");
}

TEST(ParserErrors, PositionsInMessagesFollowTheOrigin) {
  ParseOptions options;
  options.origin = {14, 9};  // the condition starts at line 14, column 9 of its file
  EXPECT_EQ(failure("size(x", options),
            "<condition>:1:7: error: expected ')' to close '(' at 14:13 [E102]\n"
            " 1 | size(x\n"
            "   |       ^\n");
  EXPECT_EQ(failure("a ||\n(b", options),
            "<condition>:2:3: error: expected ')' to close '(' at 15:1 [E102]\n"
            " 2 | (b\n"
            "   |   ^\n");
}

TEST(ParserErrors, ConditionalNeedsItsColon) {
  EXPECT_EQ(failure("a ? b"),
            "<condition>:1:6: error: expected ':' of '?:' [E102]\n"
            " 1 | a ? b\n"
            "   |      ^\n");
  EXPECT_EQ(failure("a ? b c"),
            "<condition>:1:7: error: expected ':' of '?:' [E102]\n"
            " 1 | a ? b c\n"
            "   |       ^\n");
}

TEST(ParserErrors, MapEntriesNeedAColon) {
  EXPECT_EQ(failure("{'a' 1}"),
            "<condition>:1:6: error: expected ':' after the map key [E102]\n"
            " 1 | {'a' 1}\n"
            "   |      ^\n");
}

TEST(ParserErrors, TrailingTextAndCommonMistakes) {
  EXPECT_EQ(failure("a b"),
            "<condition>:1:3: error: expected an operator or the end of the condition [E102]\n"
            " 1 | a b\n"
            "   |   ^\n");
  EXPECT_EQ(failure("a = 1"),
            "<condition>:1:3: error: expected an operator or the end of the condition "
            "(use '==' to compare) [E102]\n"
            " 1 | a = 1\n"
            "   |   ^\n");
  EXPECT_EQ(failure("a & b"),
            "<condition>:1:3: error: expected an operator or the end of the condition "
            "(use '&&' for 'and') [E102]\n"
            " 1 | a & b\n"
            "   |   ^\n");
  EXPECT_EQ(failure("a | b"),
            "<condition>:1:3: error: expected an operator or the end of the condition "
            "(use '||' for 'or') [E102]\n"
            " 1 | a | b\n"
            "   |   ^\n");
  EXPECT_EQ(failure("!-a"),
            "<condition>:1:2: error: expected an expression (CEL does not allow '!' and '-' "
            "next to each other: write !(-x) or -(!x)) [E102]\n"
            " 1 | !-a\n"
            "   |  ^\n");
  // A character outside ASCII: the span covers its bytes (3), one column.
  ParseResult unicode = parse_condition("a ≠ b");
  ASSERT_FALSE(unicode.ast);
  EXPECT_EQ(unicode.diagnostics.items().front().message,
            "expected an operator or the end of the condition");
  EXPECT_EQ(unicode.diagnostics.items().front().span, (Span{2, 5}));
}

TEST(ParserErrors, FieldNames) {
  EXPECT_EQ(failure("a.b.)"),
            "<condition>:1:5: error: expected a field or function name after '.' [E102]\n"
            " 1 | a.b.)\n"
            "   |     ^\n");
  EXPECT_EQ(failure("a.null"),
            "<condition>:1:3: error: expected a field or function name after '.' ('null' is a "
            "keyword; a field of that name is written `null`) [E102]\n"
            " 1 | a.null\n"
            "   |   ^\n");
  EXPECT_EQ(error_code("a.in"), "E102");
  EXPECT_EQ(error_code("a.true"), "E102");
  EXPECT_EQ(failure("a.`b c"),
            "<condition>:1:7: error: expected '`' to close the quoted field name at 1:3 [E102]\n"
            " 1 | a.`b c\n"
            "   |       ^\n");
  EXPECT_EQ(failure("a.``"),
            "<condition>:1:4: error: expected a field name (letters, digits, '_', '.', '-', '/' "
            "or spaces) [E102]\n"
            " 1 | a.``\n"
            "   |    ^\n");
  EXPECT_EQ(failure("a.`f`()"),
            "<condition>:1:2: error: a function name cannot be written in backquotes [E102]\n"
            " 1 | a.`f`()\n"
            "   |  ^~~~~~\n");
  EXPECT_EQ(error_code("`a`"), "E102");  // backquotes only after '.'
}

TEST(ParserErrors, UnterminatedStrings) {
  EXPECT_EQ(failure("x == 'abc"),
            "<condition>:1:10: error: expected \"'\" to close the string at 1:6 [E102]\n"
            " 1 | x == 'abc\n"
            "   |          ^\n");
  EXPECT_EQ(failure("\"ab\ncd\""),
            "<condition>:1:4: error: expected '\"' to close the string at 1:1 (a quoted string "
            "cannot span lines: use ''' or \"\"\" for text over several lines) [E102]\n"
            " 1 | \"ab\n"
            "   |    ^\n");
  EXPECT_EQ(failure("'''abc\n"),
            "<condition>:2:1: error: expected \"'''\" to close the string at 1:1 [E102]\n"
            " 2 | \n"
            "   | ^\n");
  EXPECT_EQ(error_code("r'abc"), "E102");
  EXPECT_EQ(error_code("b\"\"\"abc\"\""), "E102");
}

TEST(ParserErrors, MessageConstructionIsNotSupported) {
  EXPECT_EQ(failure("TestAllTypes{single_int64: 1}"),
            "<condition>:1:13: error: message construction (Name{field: value}) is not "
            "supported; a condition can build a map instead: {'field': value} [E102]\n"
            " 1 | TestAllTypes{single_int64: 1}\n"
            "   |             ^\n");
  EXPECT_EQ(error_code("google.protobuf.Value{}"), "E102");
}

TEST(ParserErrors, NonAsciiColumnsCountCharacters) {
  // Columns count code points: 'é' is one column, though two bytes.
  EXPECT_EQ(failure("'é' + * 1"),
            "<condition>:1:7: error: expected an expression [E102]\n"
            " 1 | 'é' + * 1\n"
            "   |       ^\n");
}

// ---- invalid literals (E104) ---------------------------------------------------

TEST(ParserInvalidLiterals, IntegersOutOfRange) {
  EXPECT_EQ(failure("x + 9223372036854775808"),
            "<condition>:1:5: error: int literal '9223372036854775808' is out of range (the "
            "largest int is 9223372036854775807; write '9223372036854775808u' for a uint) "
            "[E104]\n"
            " 1 | x + 9223372036854775808\n"
            "   |     ^~~~~~~~~~~~~~~~~~~\n");
  EXPECT_EQ(failure("-9223372036854775809"),
            "<condition>:1:2: error: int literal '-9223372036854775809' is out of range (the "
            "smallest int is -9223372036854775808) [E104]\n"
            " 1 | -9223372036854775809\n"
            "   |  ^~~~~~~~~~~~~~~~~~~\n");
  // Only a minus directly before the literal makes it negative.
  EXPECT_EQ(error_code("-(9223372036854775808)"), "E104");
  EXPECT_EQ(error_code("--9223372036854775808"), "");
  EXPECT_EQ(error_code("0x8000000000000000"), "E104");
  EXPECT_EQ(error_code("18446744073709551616u"), "E104");
  EXPECT_EQ(error_code("0x10000000000000000u"), "E104");
  EXPECT_EQ(error_code("99999999999999999999999"), "E104");
}

TEST(ParserInvalidLiterals, DoublesOutOfRange) {
  EXPECT_EQ(failure("1e400"),
            "<condition>:1:1: error: double literal '1e400' is out of range (the largest double "
            "is about 1.8e308) [E104]\n"
            " 1 | 1e400\n"
            "   | ^~~~~\n");
  EXPECT_EQ(error_code("1.7976931348623159e308"), "E104");
  EXPECT_EQ(error_code("123456789e301"), "E104");
  EXPECT_EQ(error_code("123456789e299"), "");
  EXPECT_EQ(error_code("0.00001e999999999999999999"), "E104");
  // Exponents at the int64 limit (fuzz_condition found the first one
  // overflowing the check and read as 0.0).
  EXPECT_EQ(error_code("75e9223372036854775807"), "E104");
  EXPECT_EQ(error_code("0.5e9223372036854775807"), "E104");
  EXPECT_EQ(error_code("75e-9223372036854775807"), "");
}

TEST(ParserInvalidLiterals, BadEscapes) {
  EXPECT_EQ(failure(R"(x == 'a\qb')"),
            "<condition>:1:8: error: invalid escape sequence '\\q' [E104]\n"
            " 1 | x == 'a\\qb'\n"
            "   |        ^~\n");
  EXPECT_EQ(failure(R"('\x4')"),
            "<condition>:1:2: error: invalid escape sequence: '\\x' must be followed by two hex "
            "digits [E104]\n"
            " 1 | '\\x4'\n"
            "   |  ^~~\n");
  EXPECT_EQ(failure(R"('\u12G4')"),
            "<condition>:1:2: error: invalid escape sequence: '\\u' must be followed by 4 hex "
            "digits [E104]\n"
            " 1 | '\\u12G4'\n"
            "   |  ^~~~~~\n");
  EXPECT_EQ(failure(R"('\400')"),
            "<condition>:1:2: error: invalid escape sequence: octal escapes have three digits, "
            "\\000 to \\377 [E104]\n"
            " 1 | '\\400'\n"
            "   |  ^~~~\n");
  EXPECT_EQ(error_code(R"('\12')"), "E104");
  EXPECT_EQ(error_code(R"('\8')"), "E104");
  EXPECT_EQ(error_code(R"('\é')"), "E104");
  EXPECT_EQ(error_code("'''a\\\nb'''"), "E104");
  EXPECT_EQ(error_code("'a\\"), "E102");  // the backslash escapes the closing quote
}

TEST(ParserInvalidLiterals, EscapesOutsideUnicode) {
  EXPECT_EQ(failure(R"('\uD800')"),
            "<condition>:1:2: error: invalid escape sequence: U+D800 is a surrogate, not a "
            "character [E104]\n"
            " 1 | '\\uD800'\n"
            "   |  ^~~~~~\n");
  EXPECT_EQ(error_code(R"('\uDFFF')"), "E104");
  EXPECT_EQ(error_code(R"('\uD83D\uDE00')"), "E104");  // no surrogate pairs: write \U0001F600
  EXPECT_EQ(error_code(R"('\U0000D800')"), "E104");
  EXPECT_EQ(failure(R"('\U00110000')"),
            "<condition>:1:2: error: invalid escape sequence: U+00110000 is beyond U+10FFFF "
            "[E104]\n"
            " 1 | '\\U00110000'\n"
            "   |  ^~~~~~~~~~\n");
}

TEST(ParserInvalidLiterals, UnicodeEscapesInBytes) {
  EXPECT_EQ(failure(R"(b'\u0041')"),
            "<condition>:1:3: error: '\\u' escapes are not allowed in bytes literals; use '\\x' "
            "or octal escapes for single bytes [E104]\n"
            " 1 | b'\\u0041'\n"
            "   |   ^~~~~~\n");
  EXPECT_EQ(error_code(R"(b'\U00000041')"), "E104");
}

TEST(ParserInvalidLiterals, InvalidUtf8) {
  const std::string cases[] = {
      "'\xFF'",                // not a UTF-8 byte
      "'\xC3'",                // truncated sequence
      "'\xC0\xAF'",            // overlong '/'
      "'\xED\xA0\x80'",        // encoded surrogate
      "'\xF4\x90\x80\x80'",    // past U+10FFFF
      "a + \x80",              // stray continuation byte outside a literal
  };
  for (const std::string& text : cases) EXPECT_EQ(error_code(text), "E104") << text;
  EXPECT_EQ(failure("x == '\xFF'"),
            "<condition>:1:7: error: the condition is not valid UTF-8 [E104]\n"
            " 1 | x == '\xFF'\n"
            "   |       ^\n");
}

// ---- reserved words (E105) -----------------------------------------------------

TEST(ParserReservedWords, CannotNameVariablesOrFunctions) {
  const char* words[] = {"as",   "break",  "const",   "continue",  "else",   "for",
                         "function", "if", "import",  "let",       "loop",   "package",
                         "namespace", "return", "var", "void",     "while"};
  for (const char* word : words) {
    std::string name(word);
    EXPECT_EQ(failure("x && " + name + " > 1"),
              "<condition>:1:6: error: '" + name +
                  "' is a reserved word and cannot be used as a name [E105]\n"
                  " 1 | x && " + name + " > 1\n"
                  "   |      ^" + std::string(name.size() - 1, '~') + "\n");
    EXPECT_EQ(error_code(name + "(1)"), "E105") << name;
    EXPECT_EQ(error_code("." + name), "E105") << name;
  }
  EXPECT_EQ(failure("in"),
            "<condition>:1:1: error: 'in' is an operator and cannot be used as a name [E105]\n"
            " 1 | in\n"
            "   | ^~\n");
  EXPECT_EQ(error_code(".null"), "E105");
  EXPECT_EQ(error_code(".true"), "E105");
}

TEST(ParserReservedWords, AreFineAsFieldAndFunctionNames) {
  // As in the conformance tests parse/selectors and parse/receiver_function_names.
  EXPECT_EQ(parenthesised("{'if': 1}.if"), "{\"if\": 1}.if");
  EXPECT_EQ(parenthesised("a.while() || a.namespace"), "(a.while() || a.namespace)");
  EXPECT_EQ(parenthesised("ifx + asset + in_ + format"), "(((ifx + asset) + in_) + format)");
}

// ---- limits (E101, E103) --------------------------------------------------------

TEST(ParserLimits, LongConditionsAreRefusedBeforeParsing) {
  ParseOptions options;
  options.max_expression_bytes = 10;
  EXPECT_EQ(error_code("1234567890", options), "");
  EXPECT_EQ(failure("12345678901", options),
            "<condition>:1:11: error: the condition is too long: 11 bytes (the limit is 10) "
            "[E101]\n"
            " 1 | 12345678901\n"
            "   |           ^\n");
  // Even text that would be a syntax error.
  EXPECT_EQ(error_code("(((((((((((", options), "E101");
}

// A hang here shows as the test's CTest timeout; speed is measured by the
// benchmarks in bench/, not asserted in tests.
TEST(ParserLimits, TenMegabytesAreRefused) {
  std::string text;
  while (text.size() < 10 * 1024 * 1024) text += "a + (b * ";
  ParseResult result = parse_condition(text);
  ASSERT_FALSE(result.ast);
  EXPECT_EQ(result.diagnostics.items().front().code, "E101");
}

TEST(ParserLimits, NestingUpToTheLimitParses) {
  ParseOptions options;
  options.max_nesting_depth = 250;
  EXPECT_EQ(error_code(std::string(250, '(') + "1" + std::string(250, ')'), options), "");
  EXPECT_EQ(error_code(std::string(250, '[') + std::string(250, ']'), options), "");
  EXPECT_EQ(error_code(std::string(250, '!') + "x", options), "");
  std::string calls;
  for (int i = 0; i < 250; ++i) calls += "f(";
  EXPECT_EQ(error_code(calls + "1" + std::string(250, ')'), options), "");
  std::string sum = "1";
  for (int i = 0; i < 250; ++i) sum += "+1";
  EXPECT_EQ(error_code(sum, options), "");
}

TEST(ParserLimits, NestingPastTheLimitIsRefusedWhereItHappens) {
  ParseOptions options;
  options.max_nesting_depth = 3;
  EXPECT_EQ(failure("((((1))))", options),
            "<condition>:1:4: error: the condition is nested too deeply (the limit is 3 levels) "
            "[E103]\n"
            " 1 | ((((1))))\n"
            "   |    ^\n");
  EXPECT_EQ(failure("1 + 2 + 3 + 4 + 5", options),
            "<condition>:1:15: error: the condition is nested too deeply (the limit is 3 levels) "
            "[E103]\n"
            " 1 | 1 + 2 + 3 + 4 + 5\n"
            "   |               ^\n");
  EXPECT_EQ(error_code("1 + 2 + 3 + 4", options), "");
  // Each run is short enough, but together they are too deep: the tree's
  // depth is checked as a whole.
  EXPECT_EQ(failure("a.b.c + 1 + 2", options),
            "<condition>:1:11: error: the condition is nested too deeply (the limit is 3 levels) "
            "[E103]\n"
            " 1 | a.b.c + 1 + 2\n"
            "   |           ^\n");
  EXPECT_EQ(error_code("f(g(x)) + 1 + 2", options), "E103");
  EXPECT_EQ(error_code("-(-(-a))", options), "");
  EXPECT_EQ(error_code("-(-(-(-a)))", options), "E103");
  EXPECT_EQ(error_code("a.b.c.d", options), "");
  EXPECT_EQ(error_code("a.b.c.d.e", options), "E103");
  EXPECT_EQ(error_code("!!!a", options), "");
  EXPECT_EQ(error_code("!!!!a", options), "E103");
  EXPECT_EQ(error_code("a[0][0][0][0]", options), "E103");
  EXPECT_EQ(error_code("a ? b : c ? d : e ? f : g ? h : i", options), "E103");
  EXPECT_EQ(error_code("[[[[]]]]", options), "E103");
  EXPECT_EQ(error_code("{1: {1: {1: {1: 2}}}}", options), "E103");
}

// Inputs nested 100,000 deep, of every kind, are refused quickly and
// without exhausting the stack.
TEST(ParserLimits, HundredThousandLevelsOfEveryKindAreRefusedQuickly) {
  constexpr int n = 100'000;
  auto repeated = [](std::string_view piece, int count) {
    std::string out;
    out.reserve(piece.size() * static_cast<std::size_t>(count));
    for (int i = 0; i < count; ++i) out += piece;
    return out;
  };
  const std::vector<std::pair<std::string, std::string>> inputs = {
      {"parentheses", repeated("(", n) + "1" + repeated(")", n)},
      {"lists", repeated("[", n) + repeated("]", n)},
      {"maps", repeated("{1:", n) + "2" + repeated("}", n)},
      {"calls", repeated("f(", n) + "1" + repeated(")", n)},
      {"unclosed calls", repeated("f(", n)},
      {"indexing", "a" + repeated("[0]", n)},
      {"nested indexing", repeated("a[", n) + "0" + repeated("]", n)},
      {"selections", "a" + repeated(".b", n)},
      {"receiver calls", "a" + repeated(".f()", n)},
      {"not", repeated("!", n) + "x"},
      {"negation", repeated("-", n) + "x"},
      {"conditionals", repeated("a ? b : ", n) + "c"},
      {"sums", "1" + repeated(" + 1", n)},
      {"products", "1" + repeated("*1", n)},
      {"comparisons", "1" + repeated(" < 1", n)},
      {"conjunctions", "x" + repeated(" && x", n)},
      {"disjunctions", "x" + repeated("||x", n)},
  };
  ParseOptions options;
  options.max_expression_bytes = 10 * 1024 * 1024;
  for (const auto& [name, text] : inputs) {
    ParseResult result = parse_condition(text, options);
    ASSERT_FALSE(result.ast) << name;
    EXPECT_EQ(result.diagnostics.items().front().code, "E103") << name;
  }
}

// ---- the CEL conformance data ----------------------------------------------------


// Every supported expression in the conformance data parses (an "error"
// test expects an evaluation error, which is not a parse error), and its
// parenthesised form parses back to the same tree.
TEST(ParserConformance, EverySupportedExpressionParses) {
  std::vector<std::filesystem::path> files = accord::testing::cel_conformance_files();
  if (files.empty()) {
    GTEST_SKIP() << "CEL conformance data not found; set ACCORD_CEL_CONFORMANCE_DIR";
  }
  int parsed = 0;
  for (const std::filesystem::path& file : files) {
    std::ifstream in(file, std::ios::binary);
    std::string line;
    while (std::getline(in, line)) {
      if (line.empty()) continue;
      eval::JsonResult record = eval::parse_json(line);
      ASSERT_TRUE(record.value) << file << ": " << record.error;
      const eval::Map& fields = record.value->as_map();
      if (fields.find("unsupported") != nullptr) continue;
      std::string id(fields.find("id")->as_string());
      std::string text(fields.find("expr")->as_string());
      ParseResult result = parse_condition(text);
      ASSERT_TRUE(result.ast) << id << "\n"
                              << format_diagnostics(result.diagnostics,
                                                    SourceFile(id, text));
      std::string printed = to_string(*result.ast->root);
      ParseResult reparsed = parse_condition(printed);
      ASSERT_TRUE(reparsed.ast) << id << ": " << printed;
      EXPECT_EQ(to_string(*reparsed.ast->root), printed) << id;
      ++parsed;
    }
  }
  EXPECT_EQ(parsed, 1095);
}

}  // namespace
}  // namespace accord::expr
