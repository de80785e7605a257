// Rule tests: small event logs, each with the violations, pending
// obligations and evaluation errors a rule set must give for it, written in
// YAML files (docs/rule-tests.md) and run the way `opa test` runs policy
// tests.
//
//   accord::SourceFile file("rules/tests/npa/npa-9.test.yaml", text);
//   accord::ruletest::ParsedTestFile parsed = accord::ruletest::parse_test_file(file, rules);
//   for (const auto& test : parsed.file->tests) outcome = run_test(*parsed.file, test, rules);
#pragma once

#include <accord/diagnostic.hpp>
#include <accord/eval/time.hpp>
#include <accord/rules/rule_book.hpp>
#include <accord/source.hpp>

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

namespace accord::ruletest {

// The rule sets tests run against: their files (reloaded with a test's
// parameters) and the book loaded from them without overrides. Borrowed.
struct RuleSource {
  std::vector<const SourceFile*> files;
  const rules::RuleBook* book = nullptr;
};

// Correlation values: (key field, value) in the rule's key order.
using Key = std::vector<std::pair<std::string, std::string>>;

// What a test expects. Optional fields are compared only when given;
// `span` is the entry in the test file.
struct ExpectedViolation {
  std::string rule;
  std::string trigger;
  std::optional<eval::Timestamp> time;
  std::optional<eval::Timestamp> due;
  std::optional<std::string> message;
  std::optional<std::vector<std::string>> evidence;
  std::optional<Key> key;
  Span span;
};

struct ExpectedPending {
  std::string rule;
  std::string trigger;
  std::optional<eval::Timestamp> due;
  std::optional<Key> key;
  Span span;
};

struct ExpectedError {
  std::string rule;
  std::string event;
  std::optional<std::string> message;
  Span span;
};

// A test's event log: a file, or events written in the test itself.
struct TestLog {
  std::optional<std::string> path;  // a log file (its path from the working directory)
  Span path_span;                   // where the test file names it
  // Inline events as a YAML log (a flow list) with each event on its line
  // of the test file, so that origins and input errors name those lines;
  // and where each event starts in the test file.
  std::string yaml;
  std::vector<std::uint32_t> event_offsets;
};

struct RuleTest {
  std::string name;
  Span span;  // the test's entry in the file
  // Overrides: the file's `params`, then the test's own.
  std::vector<std::pair<std::string, std::string>> parameters;
  std::optional<eval::Timestamp> as_of;
  TestLog log;
  std::vector<ExpectedViolation> violations;
  std::vector<ExpectedPending> pending;
  std::vector<ExpectedError> errors;
};

struct TestFile {
  const SourceFile* source = nullptr;  // the file parsed; must outlive the TestFile
  std::vector<std::string> rules;      // the rules whose results are compared; empty: all
  std::vector<RuleTest> tests;
};

struct ParsedTestFile {
  std::optional<TestFile> file;  // empty when there are errors
  Diagnostics diagnostics;       // into the test file
};

// Reads a test file. Rule ids and parameter names are checked against
// `rules.book`; a log file's path is taken relative to the test file.
ParsedTestFile parse_test_file(const SourceFile& source, const RuleSource& rules);

// One way a check's results differ from what a test expects.
struct Difference {
  enum class Kind { Missing, Unexpected, Changed };
  enum class Entry { Violation, Pending, Error };
  struct Field {
    std::string name;
    std::string expected;
    std::string found;
  };

  Kind kind = Kind::Missing;
  Entry entry = Entry::Violation;
  // The entry as a test would write it: a YAML flow mapping. For Changed,
  // the expectation's.
  std::string text;
  std::optional<Span> expected_at;  // the expectation (Missing, Changed)
  std::vector<Field> fields;        // Changed: the fields that differ
};

struct TestOutcome {
  enum class Status { Passed, Failed, Broken };
  Status status = Status::Passed;
  std::vector<Difference> differences;  // Failed
  std::string problems;  // Broken: why it could not run, as formatted diagnostics
};

// Loads the rules with the test's parameters, checks its log as of its
// as_of, and compares. Never throws on bad input: a log that cannot be read
// or holds an invalid event makes the test Broken.
TestOutcome run_test(const TestFile& file, const RuleTest& test, const RuleSource& rules);

struct OutputStyle {
  bool color = false;  // ANSI colours, for a terminal that wants them
};

// "PASS  file:line  name", and for a failed test what differs, one
// difference a line, with the fields that differ below it.
void write_outcome(std::ostream& out, const TestFile& file, const RuleTest& test,
                   const TestOutcome& outcome, const OutputStyle& style = {});

struct Summary {
  std::size_t files = 0;
  std::size_t unloadable_files = 0;  // test files with errors: none of their tests ran
  std::size_t passed = 0;
  std::size_t failed = 0;
  std::size_t broken = 0;
};

// "64 tests in 15 files: 63 passed, 1 failed".
void write_summary(std::ostream& out, const Summary& summary, const OutputStyle& style = {});

}  // namespace accord::ruletest
