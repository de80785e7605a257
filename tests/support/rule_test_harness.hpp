// A small rule set, loaded from text, for the rule-test tests: a response
// rule keyed by case (with a parameter) and a forbidden rule.
#pragma once

#include <accord/ruletest/rule_test.hpp>
#include <accord/rules/load.hpp>

#include <memory>
#include <optional>
#include <string>

namespace accord::testing {

class RuleTestHarness {
 public:
  RuleTestHarness();

  const ruletest::RuleSource& rules() const { return source_; }

  // Parses `text` as a test file named `name`; the SourceFile lives as long
  // as the harness.
  ruletest::ParsedTestFile parse(const std::string& text,
                                 const std::string& name = "case.test.yaml");
  // Its diagnostics, formatted.
  std::string diagnose(const std::string& text);
  // Parses `text` (which must be valid) and runs its first test.
  ruletest::TestOutcome run_first(const std::string& text);

 private:
  SourceFile rule_file_;
  std::optional<rules::RuleBook> book_;
  ruletest::RuleSource source_;
  std::vector<std::unique_ptr<SourceFile>> test_files_;
};

}  // namespace accord::testing
