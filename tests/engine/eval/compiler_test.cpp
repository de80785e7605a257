// Name resolution, diagnostics and constant folding, on trees built by
// hand (so these tests do not depend on the parser).
#include "eval/compiler.hpp"

#include "eval_test_support.hpp"

#include <gtest/gtest.h>

namespace accord::eval {
namespace {

using expr::BinaryOp;
using testing::MapActivation;
using testing::TreeBuilder;

TEST(NameResolution, QualifiedNamesUseTheLongestDeclaredPrefix) {
  Environment env;
  VariableId ab = env.add_variable("a.b");
  VariableId abc = env.add_variable("a.b.c");
  MapActivation activation;
  activation.bind(ab, Value::map(Map({{Value::string("c"), Value::string("oops")}})));
  activation.bind(abc, Value::string("yeah"));
  TreeBuilder b;
  EXPECT_EQ(testing::run(b.tree(b.path("a.b.c")), env, activation).as_string(), "yeah");
}

TEST(NameResolution, SelectsFromAShorterPrefix) {
  Environment env;
  VariableId ab = env.add_variable("a.b");
  MapActivation activation;
  activation.bind(ab, Value::map(Map({{Value::string("c"), Value::string("yeah")}})));
  TreeBuilder b;
  EXPECT_EQ(testing::run(b.tree(b.path("a.b.c")), env, activation).as_string(), "yeah");
}

TEST(NameResolution, ComprehensionVariablesShadowDeclaredNames) {
  Environment env;
  VariableId yz = env.add_variable("y.z");
  MapActivation activation;
  activation.bind(yz, Value::integer(42));
  TreeBuilder b;
  // [{'z': 0}].exists(y, y.z == 0)
  auto list = b.list(b.map({}));
  std::get<expr::ListLiteral>(list->kind).elements[0] = b.map([&] {
    std::vector<std::pair<expr::ExprPtr, expr::ExprPtr>> entries;
    entries.emplace_back(b.text("z"), b.integer(0));
    return entries;
  }());
  auto predicate = b.binary(BinaryOp::Equal, b.path("y.z"), b.integer(0));
  auto ast = b.tree(b.method(std::move(list), "exists", b.ident("y"), std::move(predicate)));
  EXPECT_TRUE(testing::run(ast, env, activation).as_bool());
}

TEST(NameResolution, ALeadingDotNamesTheRootScope) {
  Environment env;
  VariableId x = env.add_variable("x");
  MapActivation activation;
  activation.bind(x, Value::integer(7));
  TreeBuilder b;
  // [1].map(x, .x) is [7]: `.x` skips the comprehension variable.
  auto ast = b.tree(b.method(b.list(b.integer(1)), "map", b.ident("x"), b.ident("x", true)));
  Value result = testing::run(ast, env, activation);
  ASSERT_EQ(result.kind(), Kind::List);
  EXPECT_EQ(result.as_list()[0].as_int(), 7);
}

TEST(NameResolution, TypeNamesAreValuesUnlessShadowed) {
  TreeBuilder b;
  EXPECT_EQ(testing::run(b.tree(b.ident("int"))).as_type(), Kind::Int);
  EXPECT_EQ(testing::run(b.tree(b.path("google.protobuf.Timestamp"))).as_type(), Kind::Timestamp);
  Environment env;
  VariableId shadow = env.add_variable("int");
  MapActivation activation;
  activation.bind(shadow, Value::string("mine"));
  TreeBuilder c;
  EXPECT_EQ(testing::run(c.tree(c.ident("int")), env, activation).as_string(), "mine");
}

TEST(NameResolution, RecordFieldsAreReadThroughActivationField) {
  Environment env;
  VariableId event = env.add_record("event");
  FieldId type = env.intern_field("type");
  MapActivation activation;
  activation.set_field(event, type, Value::string("decision.made"));
  TreeBuilder b;
  auto ast = b.tree(b.binary(BinaryOp::Equal, b.path("event.type"), b.text("decision.made")));
  EXPECT_TRUE(testing::run(ast, env, activation).as_bool());
  EXPECT_EQ(activation.field_calls, 1);
  EXPECT_EQ(activation.variable_calls, 0);
}

TEST(NameResolution, ConstantsFoldIntoTheProgram) {
  Environment env;
  env.add_constant("params", Value::map(Map({{Value::string("notice"), Value::duration({86400, 0})}})));
  TreeBuilder b;
  auto ast = b.tree(b.binary(BinaryOp::Greater, b.path("params.notice"), b.call("duration", b.text("1h"))));
  CompileResult compiled = compile(ast, env);
  ASSERT_TRUE(compiled.program);
  ASSERT_NE(compiled.program->constant(), nullptr);
  EXPECT_TRUE(compiled.program->constant()->as_bool());
}

TEST(Diagnostics, UnknownVariableSuggestsADeclaredName) {
  Environment env;
  env.add_record("event");
  TreeBuilder b;
  auto ast = b.tree(b.select(b.at({0, 4}, b.ident("evnt")), "type"));
  Diagnostics diagnostics = testing::compile_errors(ast, env);
  ASSERT_EQ(diagnostics.size(), 1u);
  EXPECT_EQ(diagnostics.items()[0].code, "E201");
  EXPECT_EQ(diagnostics.items()[0].message, "unknown variable 'evnt'; did you mean 'event'?");
  EXPECT_EQ(diagnostics.items()[0].span, (Span{0, 4}));
}

TEST(Diagnostics, UnknownFunctionSuggestsABuiltIn) {
  Environment env;
  TreeBuilder b;
  auto ast = b.tree(b.at({0, 11}, b.call("sizee", b.text("abc"))));
  Diagnostics diagnostics = testing::compile_errors(ast, env);
  ASSERT_EQ(diagnostics.size(), 1u);
  EXPECT_EQ(diagnostics.items()[0].code, "E202");
  EXPECT_EQ(diagnostics.items()[0].message, "unknown function 'sizee'; did you mean 'size'?");
  EXPECT_EQ(diagnostics.items()[0].span, (Span{0, 11}));
}

TEST(Diagnostics, WrongArityShowsTheUsage) {
  Environment env;
  TreeBuilder b;
  auto ast = b.tree(b.call("startsWith", b.text("a"), b.text("b")));
  Diagnostics diagnostics = testing::compile_errors(ast, env);
  ASSERT_EQ(diagnostics.size(), 1u);
  EXPECT_EQ(diagnostics.items()[0].code, "E203");
  EXPECT_EQ(diagnostics.items()[0].message,
            "wrong number of arguments for 'startsWith': expected text.startsWith(prefix)");
}

TEST(Diagnostics, BadConstantPatternIsAnError) {
  Environment env;
  VariableId x = env.add_variable("x");
  (void)x;
  TreeBuilder b;
  auto ast = b.tree(b.method(b.ident("x"), "matches", b.at({12, 15}, b.text("("))));
  Diagnostics diagnostics = testing::compile_errors(ast, env);
  ASSERT_EQ(diagnostics.size(), 1u);
  EXPECT_EQ(diagnostics.items()[0].code, "E204");
  EXPECT_EQ(diagnostics.items()[0].span, (Span{12, 15}));
}

TEST(Diagnostics, MacrosNeedTheirShape) {
  Environment env;
  env.add_variable("items");
  {
    TreeBuilder b;
    auto ast = b.tree(b.call("has", b.ident("items")));
    EXPECT_EQ(testing::compile_errors(ast, env).items()[0].code, "E205");
  }
  {
    TreeBuilder b;
    auto ast = b.tree(b.method(b.ident("items"), "all", b.integer(1), b.boolean(true)));
    EXPECT_EQ(testing::compile_errors(ast, env).items()[0].code, "E205");
  }
  {
    TreeBuilder b;
    auto ast = b.tree(b.call("exists", b.ident("x"), b.boolean(true)));
    EXPECT_EQ(testing::compile_errors(ast, env).items()[0].code, "E205");
  }
  {
    TreeBuilder b;
    auto ast = b.tree(b.method(b.ident("items"), "map", b.ident("x")));
    EXPECT_EQ(testing::compile_errors(ast, env).items()[0].code, "E203");
  }
}

TEST(Diagnostics, ReportsEveryProblemInOneCondition) {
  Environment env;
  TreeBuilder b;
  auto ast = b.tree(b.binary(BinaryOp::And, b.ident("a"), b.call("nope")));
  EXPECT_EQ(testing::compile_errors(ast, env).size(), 2u);
}

TEST(ConstantFolding, FoldsWholeConstantConditions) {
  Environment env;
  TreeBuilder b;
  auto ast = b.tree(b.binary(BinaryOp::Add, b.integer(40), b.integer(2)));
  CompileResult compiled = compile(ast, env);
  ASSERT_TRUE(compiled.program);
  ASSERT_NE(compiled.program->constant(), nullptr);
  EXPECT_EQ(compiled.program->constant()->as_int(), 42);
  EXPECT_TRUE(compiled.diagnostics.empty());
}

TEST(ConstantFolding, ALogicalConstantDecidesWhateverTheOtherSideReads) {
  Environment env;
  env.add_record("event");
  TreeBuilder b;
  auto ast = b.tree(b.binary(BinaryOp::And, b.path("event.missing"), b.boolean(false)));
  CompileResult compiled = compile(ast, env);
  ASSERT_TRUE(compiled.program);
  ASSERT_NE(compiled.program->constant(), nullptr);
  EXPECT_FALSE(compiled.program->constant()->as_bool());
}

TEST(KnownFields, AFieldKnownWhenCompilingFoldsWhatItDecides) {
  Environment env;
  VariableId event = env.add_record("event");
  CompileOptions options;
  options.known_fields.push_back({event, env.intern_field("type"), Value::string("decision.made")});
  for (auto [text, verdict] : std::vector<std::pair<std::string_view, bool>>{
           {R"(event.type == "decision.made")", true},
           {R"(event.type in ["change.implemented", "redundancy.dismissal"])", false},
           {R"(event.type != "decision.made" && event.accepted)", false},
           {R"(has(event.type))", true}}) {
    CompileResult compiled = testing::compile_text(text, env, options);
    ASSERT_TRUE(compiled.program) << text;
    ASSERT_NE(compiled.program->constant(), nullptr) << text;
    EXPECT_EQ(compiled.program->constant()->as_bool(), verdict) << text;
  }
  // What the type does not decide is still read from the event.
  CompileResult rest = testing::compile_text(R"(event.type == "decision.made" && !event.accepted)", env, options);
  ASSERT_TRUE(rest.program);
  EXPECT_EQ(rest.program->constant(), nullptr);
}

TEST(KnownFields, AProgramForAKnownTypeAgreesWithTheGeneralOneOnEventsOfThatType) {
  // The loader compiles each condition once per event type: on events of
  // that type, the two programs must give the same value, errors included.
  Environment env;
  VariableId event = env.add_record("event");
  FieldId type = env.intern_field("type");
  FieldId accepted = env.intern_field("accepted");
  FieldId org = env.intern_field("org");
  const std::vector<std::string_view> conditions{
      R"(event.type == "decision.made" && !event.accepted)",
      R"(event.type in ["decision.made", "x"] || event.org == "HMRC")",
      R"(event.type == "decision.made" ? event.org : 1)",
      R"(event.type.startsWith("decision") && event.accepted)",
      R"(size(event.type) > 3 && has(event.org))"};
  std::vector<MapActivation> events(4);
  for (MapActivation& activation : events) activation.set_field(event, type, Value::string("decision.made"));
  events[1].set_field(event, accepted, Value::boolean(true));
  events[2].set_field(event, accepted, Value::integer(3));  // ill-typed: an error value
  events[3].set_field(event, org, Value::string("HMRC"));
  CompileOptions known;
  known.known_fields.push_back({event, type, Value::string("decision.made")});
  for (std::string_view text : conditions) {
    CompileResult general = testing::compile_text(text, env);
    CompileResult specialised = testing::compile_text(text, env, known);
    ASSERT_TRUE(general.program && specialised.program) << text;
    for (const MapActivation& activation : events) {
      Value expected = general.program->evaluate(activation);
      Value actual = specialised.program->evaluate(activation);
      ASSERT_EQ(actual.kind(), expected.kind()) << text;
      if (expected.kind() == Kind::Bool) {
        EXPECT_EQ(actual.as_bool(), expected.as_bool()) << text;
      }
    }
  }
}

TEST(ConstantFolding, AConditionThatAlwaysFailsIsAnError) {
  Environment env;
  TreeBuilder b;
  auto ast = b.tree(b.at({0, 6}, b.binary(BinaryOp::Divide, b.integer(1), b.integer(0))));
  Diagnostics diagnostics = testing::compile_errors(ast, env);
  ASSERT_EQ(diagnostics.size(), 1u);
  EXPECT_EQ(diagnostics.items()[0].code, "E206");
  EXPECT_EQ(diagnostics.items()[0].message, "the condition always fails: division by zero");
  EXPECT_EQ(diagnostics.items()[0].span, (Span{0, 6}));
}

TEST(ConstantFolding, AFailingConstantPartIsAWarning) {
  Environment env;
  VariableId x = env.add_variable("x");
  TreeBuilder b;
  // x || 1/0 > 2: compiles (x may be true), with a warning on 1/0.
  auto failing = b.at({5, 8}, b.binary(BinaryOp::Divide, b.integer(1), b.integer(0)));
  auto ast = b.tree(b.binary(BinaryOp::Or, b.ident("x"),
                             b.binary(BinaryOp::Greater, std::move(failing), b.integer(2))));
  CompileResult compiled = compile(ast, env);
  ASSERT_TRUE(compiled.program);
  ASSERT_EQ(compiled.diagnostics.size(), 1u);
  EXPECT_EQ(compiled.diagnostics.items()[0].severity, Severity::Warning);
  EXPECT_EQ(compiled.diagnostics.items()[0].code, "W201");
  EXPECT_EQ(compiled.diagnostics.items()[0].span, (Span{5, 8}));
  MapActivation activation;
  activation.bind(x, Value::boolean(true));
  EXPECT_TRUE(compiled.program->evaluate(activation).as_bool());
  activation.bind(x, Value::boolean(false));
  Value failed = compiled.program->evaluate(activation);
  ASSERT_TRUE(failed.is_error());
  EXPECT_EQ(failed.as_error().span, (Span{5, 8}));
}

TEST(ConstantFolding, FoldsComprehensionsOverConstants) {
  Environment env;
  TreeBuilder b;
  auto ast = b.tree(b.method(b.list(b.integer(1), b.integer(2)), "all", b.ident("n"),
                             b.binary(BinaryOp::Greater, b.ident("n"), b.integer(0))));
  CompileResult compiled = compile(ast, env);
  ASSERT_TRUE(compiled.program);
  ASSERT_NE(compiled.program->constant(), nullptr);
  EXPECT_TRUE(compiled.program->constant()->as_bool());
}

TEST(UncheckedMode, UnknownNamesBecomeErrorValues) {
  Environment env;
  CompileOptions options;
  options.reject_unknown_names = false;
  TreeBuilder b;
  auto ast = b.tree(b.binary(BinaryOp::Or, b.call("f_unknown", b.integer(17)), b.boolean(true)));
  CompileResult compiled = compile(ast, env, options);
  ASSERT_TRUE(compiled.program);
  EXPECT_TRUE(compiled.program->constant()->as_bool());
  ASSERT_EQ(compiled.diagnostics.size(), 1u);
  EXPECT_EQ(compiled.diagnostics.items()[0].code, "W202");
}

// The same checks on conditions as written, with spans into their text.
class FromSource : public ::testing::Test {
 protected:
  FromSource() { env_.add_record("event"); }
  // The one diagnostic of compiling `text`, and the text its span covers.
  std::pair<Diagnostic, std::string> only_diagnostic(const std::string& text) {
    CompileResult compiled = testing::compile_text(text, env_);
    EXPECT_EQ(compiled.diagnostics.size(), 1u) << text;
    if (compiled.diagnostics.empty()) return {};
    const Diagnostic& d = compiled.diagnostics.items()[0];
    return {d, std::string(testing::spanned(text, d.span))};
  }
  Environment env_;
};

TEST_F(FromSource, DiagnosticsPointAtTheOffendingNode) {
  auto [unknown_variable, at_variable] = only_diagnostic("event.type == 'x' && evnt.org == 'y'");
  EXPECT_EQ(unknown_variable.code, "E201");
  EXPECT_EQ(at_variable, "evnt");
  auto [unknown_function, at_function] = only_diagnostic("size(event.x) + sizee(event.y) > 2");
  EXPECT_EQ(unknown_function.code, "E202");
  EXPECT_EQ(at_function, "sizee(event.y)");
  auto [bad_pattern, at_pattern] = only_diagnostic("event.org.matches('[a-')");
  EXPECT_EQ(bad_pattern.code, "E204");
  EXPECT_EQ(at_pattern, "'[a-'");
  auto [bad_macro, at_macro] = only_diagnostic("event.list.all(1, true)");
  EXPECT_EQ(bad_macro.code, "E205");
  EXPECT_EQ(at_macro, "event.list.all(1, true)");
}

TEST_F(FromSource, WarnsAboutAConstantPartThatAlwaysFails) {
  auto [warning, at] = only_diagnostic("event.ok || 1 + 'a' == 2");
  EXPECT_EQ(warning.severity, Severity::Warning);
  EXPECT_EQ(warning.code, "W201");
  EXPECT_EQ(warning.message,
            "this part of the condition always fails: no matching overload for '_+_' applied to (int, string)");
  EXPECT_EQ(at, "1 + 'a'");
}

TEST_F(FromSource, RefusesAConditionThatAlwaysFails) {
  // Whatever event.time is, the comparison fails.
  auto [error, at] = only_diagnostic("timestamp('2025-02-30T00:00:00Z') < event.time");
  EXPECT_EQ(error.code, "E206");
  EXPECT_EQ(at, "timestamp('2025-02-30T00:00:00Z')");
  auto [always, where] = only_diagnostic("int('ten') > 3");
  EXPECT_EQ(always.code, "E206");
  EXPECT_EQ(always.message, "the condition always fails: cannot convert 'ten' to int");
  EXPECT_EQ(where, "int('ten')");
}

TEST_F(FromSource, OnlyStrictPartsMakeTheWholeFail) {
  // The other side of || may decide; an empty list never runs the body.
  EXPECT_TRUE(testing::compile_text("event.ok || int('ten') > 3", env_).program);
  EXPECT_TRUE(testing::compile_text("event.list.all(x, int('ten') > x)", env_).program);
  EXPECT_TRUE(testing::compile_text("event.ok ? 1 : int('ten')", env_).program);
  EXPECT_FALSE(testing::compile_text("int('ten') > 3 ? event.a : event.b", env_).program);
  EXPECT_FALSE(testing::compile_text("[1 / 0].all(x, event.ok)", env_).program);
  EXPECT_FALSE(testing::compile_text("size(event.name + string(b'\\xff')) > 3", env_).program);
}

TEST(Suggestions, ClosestNameNeedsToBeClose) {
  EXPECT_EQ(detail::closest_name("sizee", {"size", "string"}), "size");
  EXPECT_EQ(detail::closest_name("xyz", {"size", "string"}), "");
  EXPECT_EQ(detail::edit_distance("kitten", "sitting"), 3u);
}

TEST(TypeNames, CoverCelsTypes) {
  EXPECT_EQ(detail::type_named("null_type"), Kind::Null);
  EXPECT_EQ(detail::type_named("google.protobuf.Duration"), Kind::Duration);
  EXPECT_FALSE(detail::type_named("dyn"));
}

}  // namespace
}  // namespace accord::eval
