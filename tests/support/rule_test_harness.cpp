#include "support/rule_test_harness.hpp"

#include <gtest/gtest.h>

namespace accord::testing {

namespace {

const char* const kRules = R"(rule_set: {id: t, title: Test rules}
params:
  answer_within: {type: duration, default: 7d, doc: How soon a request is answered.}
rules:
  - id: answer
    clause: "1"
    title: Requests are answered within a week
    severity: error
    kind: response
    when: event.type == "request"
    expect: event.type == "answer"
    key: [case]
    within: params.answer_within
    message: Request {case} of {time} had no answer by {due}.
  - id: no-leak
    clause: "2"
    title: Nothing leaks
    severity: warning
    kind: forbidden
    when: event.type == "leak" && event.serious
    message: A leak on {time}.
)";

}  // namespace

RuleTestHarness::RuleTestHarness() : rule_file_("t.yaml", kRules) {
  rules::LoadResult loaded = rules::load_rule_book({&rule_file_});
  EXPECT_FALSE(loaded.has_errors()) << loaded.format({&rule_file_});
  book_ = std::move(loaded.book);
  source_.files = {&rule_file_};
  source_.book = book_ ? &*book_ : nullptr;
}

ruletest::ParsedTestFile RuleTestHarness::parse(const std::string& text, const std::string& name) {
  test_files_.push_back(std::make_unique<SourceFile>(name, text));
  return ruletest::parse_test_file(*test_files_.back(), source_);
}

std::string RuleTestHarness::diagnose(const std::string& text) {
  ruletest::ParsedTestFile parsed = parse(text);
  return format_diagnostics(parsed.diagnostics, *test_files_.back());
}

ruletest::TestOutcome RuleTestHarness::run_first(const std::string& text) {
  ruletest::ParsedTestFile parsed = parse(text);
  EXPECT_TRUE(parsed.file) << format_diagnostics(parsed.diagnostics, *test_files_.back());
  if (!parsed.file || parsed.file->tests.empty()) return {};
  return ruletest::run_test(*parsed.file, parsed.file->tests.front(), source_);
}

}  // namespace accord::testing
