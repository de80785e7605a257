// The small rule set the checker's tests judge their logs against: per
// subject, a decision needs information first (precedence) and an
// explanation within ten days (response).
#pragma once

#include <accord/rules/load.hpp>
#include <accord/stream/checker.hpp>

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

namespace accord::stream {

// Per subject, a decision needs information first (precedence) and an
// explanation within ten days (response).
inline constexpr const char* kDecisionRules = R"(
rule_set: {id: t, title: Test}
rules:
  - id: explained
    title: Rejected input is explained
    kind: response
    when: event.type == "decision"
    expect: event.type == "explanation"
    key: [subject]
    within: 10d
  - id: informed
    title: Information comes first
    kind: precedence
    when: event.type == "decision"
    requires: event.type == "information"
    key: [subject]
)";

class DecisionRulesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto loaded = rules::load_rule_book({&rules_});
    ASSERT_TRUE(loaded.book) << loaded.format({&rules_});
    book_.emplace(std::move(*loaded.book));
  }

  // "rule:trigger" of each violation, in the result's order.
  std::vector<std::string> triggers(const CheckResult& result) const {
    std::vector<std::string> out;
    for (const auto& v : result.violations) out.push_back(book_->info(v.rule).id + ":" + v.trigger);
    return out;
  }

  SourceFile rules_{"rules.yaml", kDecisionRules};
  std::optional<rules::RuleBook> book_;
};

}  // namespace accord::stream
