// What `accord test` prints: a line per test, the differences under a
// failed one, and a summary.
#include <accord/ruletest/rule_test.hpp>

namespace accord::ruletest {

namespace {

struct Palette {
  const char* pass = "";
  const char* fail = "";
  const char* reset = "";
};

Palette palette(const OutputStyle& style) {
  if (!style.color) return {};
  return {"\x1b[32m", "\x1b[31m", "\x1b[0m"};
}

std::string_view entry_name(Difference::Entry entry) {
  switch (entry) {
    case Difference::Entry::Violation: return "violation";
    case Difference::Entry::Pending: return "pending obligation";
    case Difference::Entry::Error: return "evaluation error";
  }
  return "violation";
}

std::string_view kind_name(Difference::Kind kind) {
  switch (kind) {
    case Difference::Kind::Missing: return "missing";
    case Difference::Kind::Unexpected: return "unexpected";
    case Difference::Kind::Changed: return "different";
  }
  return "missing";
}

std::string plural(std::size_t count, std::string_view one, std::string_view many) {
  return std::to_string(count) + " " + std::string(count == 1 ? one : many);
}

}  // namespace

void write_outcome(std::ostream& out, const TestFile& file, const RuleTest& test,
                   const TestOutcome& outcome, const OutputStyle& style) {
  Palette p = palette(style);
  const SourceFile& source = *file.source;
  switch (outcome.status) {
    case TestOutcome::Status::Passed: out << p.pass << "PASS " << p.reset; break;
    case TestOutcome::Status::Failed: out << p.fail << "FAIL " << p.reset; break;
    case TestOutcome::Status::Broken: out << p.fail << "ERROR" << p.reset; break;
  }
  out << "  " << source.name() << ':' << source.locate(test.span.begin).line << "  " << test.name
      << '\n';
  for (const Difference& difference : outcome.differences) {
    out << "    " << kind_name(difference.kind) << ' ' << entry_name(difference.entry) << ": "
        << difference.text;
    if (difference.expected_at) {
      out << " (line " << source.locate(difference.expected_at->begin).line << ')';
    }
    out << '\n';
    for (const Difference::Field& field : difference.fields) {
      out << "      " << field.name << ": expected " << field.expected << ", found " << field.found
          << '\n';
    }
  }
}

void write_summary(std::ostream& out, const Summary& summary, const OutputStyle& style) {
  Palette p = palette(style);
  bool bad = summary.failed + summary.broken + summary.unloadable_files > 0;
  out << (bad ? p.fail : p.pass)
      << plural(summary.passed + summary.failed + summary.broken, "test", "tests") << " in "
      << plural(summary.files, "file", "files") << ": " << summary.passed << " passed, "
      << summary.failed << " failed";
  if (summary.broken > 0) out << ", " << summary.broken << " could not run";
  if (summary.unloadable_files > 0) {
    out << "; " << plural(summary.unloadable_files, "file", "files") << " could not be loaded";
  }
  out << p.reset << '\n';
}

}  // namespace accord::ruletest
