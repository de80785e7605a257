// What the loader reads from a condition's tree: the event types it can
// match, the parameters it reads, and unsupported uses of event and trigger.
#include "rules/condition_shape.hpp"

#include <accord/expr/parse.hpp>

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace accord::rules::detail {
namespace {

using Types = std::optional<std::vector<std::string>>;

expr::Ast parse(const std::string& text) {
  expr::ParseResult parsed = expr::parse_condition(text);
  if (!parsed.ast) throw std::runtime_error("test condition does not parse: " + text);
  return std::move(*parsed.ast);
}

Types types(const std::string& text) { return matched_types(*parse(text).root); }

TEST(MatchedTypes, EqualityWithAStringEitherWayRound) {
  EXPECT_EQ(types("event.type == 'a'"), Types({"a"}));
  EXPECT_EQ(types("'a' == event.type"), Types({"a"}));
}

TEST(MatchedTypes, InAListOfStrings) {
  EXPECT_EQ(types("event.type in ['b', 'a', 'b']"), Types({"a", "b"}));
  EXPECT_EQ(types("event.type in ['a', 1]"), Types());
  EXPECT_EQ(types("event.type in event.types"), Types());
}

TEST(MatchedTypes, AndNarrowsOrWidens) {
  EXPECT_EQ(types("event.type == 'a' && event.n > 1"), Types({"a"}));
  EXPECT_EQ(types("event.n > 1 && event.type == 'a'"), Types({"a"}));
  EXPECT_EQ(types("event.type in ['a', 'b'] && event.type in ['b', 'c']"), Types({"b"}));
  EXPECT_EQ(types("event.type == 'a' && event.type == 'b'"), Types(std::vector<std::string>{}));
  EXPECT_EQ(types("event.type == 'a' || event.type in ['c', 'b']"), Types({"a", "b", "c"}));
  EXPECT_EQ(types("event.type == 'a' || event.n > 1"), Types());
}

TEST(MatchedTypes, AnythingElseCanMatchAnyType) {
  EXPECT_EQ(types("event.type != 'a'"), Types());
  EXPECT_EQ(types("!(event.type != 'a')"), Types());
  EXPECT_EQ(types("event.type == event.other"), Types());
  EXPECT_EQ(types("event.kind == 'a'"), Types());
  EXPECT_EQ(types("trigger.type == 'a'"), Types());
  EXPECT_EQ(types("event.type == 'a' ? true : event.n > 1"), Types());
  EXPECT_EQ(types("true"), Types());
}

std::vector<std::string> record_uses(const std::string& text, bool trigger_in_scope = false) {
  Diagnostics diagnostics;
  check_record_uses(*parse(text).root, trigger_in_scope, diagnostics);
  std::vector<std::string> found;
  for (const Diagnostic& d : diagnostics) {
    found.push_back(d.code + " " + std::to_string(d.span.begin) + "-" + std::to_string(d.span.end) +
                    " " + d.message);
  }
  return found;
}

TEST(RecordUses, FieldsMayBeRead) {
  EXPECT_EQ(record_uses("event.type == 'a' && has(event.joint) && event.list[0] > 1"),
            std::vector<std::string>{});
  EXPECT_EQ(record_uses("trigger.org == event.org", true), std::vector<std::string>{});
}

TEST(RecordUses, WholeRecordsAreRefused) {
  EXPECT_EQ(record_uses("'x' in event"),
            std::vector<std::string>{"E411 7-12 `event` can only be read field by field, as in "
                                     "`event.type` or `has(event.joint)`"});
  EXPECT_EQ(record_uses("size(event) > 1").size(), 1u);
  EXPECT_EQ(record_uses("event['type'] == 'a'").size(), 1u);
  EXPECT_EQ(record_uses("size(trigger) > 1", true).size(), 1u);
}

TEST(RecordUses, TriggerOutOfScope) {
  EXPECT_EQ(record_uses("event.org == trigger.org"),
            std::vector<std::string>{"E411 13-20 `trigger` is not in scope here: relate events "
                                     "through `key` instead"});
}

std::vector<std::string> parameters(const std::string& text) {
  std::vector<std::string> found;
  for (const ParameterUse& use : parameter_uses(*parse(text).root)) {
    found.push_back(use.name + "@" + std::to_string(use.span.begin) + "-" +
                    std::to_string(use.span.end));
  }
  return found;
}

TEST(ParameterUses, SelectionsAndIndexesInSourceOrder) {
  EXPECT_EQ(parameters("params.a > 1 && f(params['b-c'], params.a)"),
            (std::vector<std::string>{"a@0-8", "b-c@18-31", "a@33-41"}));
}

TEST(ParameterUses, OtherUsesOfParamsAreNotParameterUses) {
  EXPECT_EQ(parameters("'a' in params || params[event.name] == 1 || event.params == 2"),
            std::vector<std::string>{});
}

}  // namespace
}  // namespace accord::rules::detail
