#include "support/check_harness.hpp"

#include <accord/stream/reader.hpp>

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace accord::testing {

std::string read_source_file(const std::string& relative_path) {
  std::ifstream in(std::string(ACCORD_SOURCE_DIR) + "/" + relative_path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + relative_path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

Outcome run_check(const CheckSpec& spec) {
  Outcome outcome;
  SourceFile rules("rules.yaml", spec.rules_yaml);
  rules::LoadOptions options;
  options.parameters = spec.params;
  rules::LoadResult loaded = rules::load_rule_book({&rules}, options);
  outcome.load_errors = loaded.format({&rules});
  if (!loaded.book) return outcome;
  outcome.book = std::move(loaded.book);
  const rules::RuleBook& book = *outcome.book;

  stream::CheckOptions check_options;
  if (spec.as_of) {
    auto as_of = stream::parse_event_time(*spec.as_of);
    if (!as_of) throw std::runtime_error("bad as_of in test: " + *spec.as_of);
    check_options.as_of = *as_of;
  }
  stream::Checker checker(book, check_options);
  auto reader = stream::open_reader(stream::InputFormat::Yaml,
                                    stream::ByteSource::from_string(spec.events_yaml), 0,
                                    book.fields());
  stream::ReadItem item;
  while (reader->next(item)) checker.add(std::move(item));
  outcome.result = checker.finish();
  for (const auto& v : outcome.result.violations) {
    outcome.violations.emplace_back(book.info(v.rule).id, v.trigger);
  }
  for (const auto& p : outcome.result.pending) {
    outcome.pending.emplace_back(book.info(p.rule).id, p.trigger);
  }
  for (const auto& e : outcome.result.evaluation_errors) {
    outcome.errors.push_back(book.info(e.rule).id + " " + e.event + ": " + e.message);
  }
  for (const auto& e : outcome.result.input_errors) {
    outcome.errors.push_back("line " + std::to_string(e.origin.line) + ": " + e.message);
  }
  return outcome;
}

std::vector<std::string> result_lines(const stream::CheckResult& result,
                                      const std::function<std::string(std::size_t)>& rule_id) {
  std::vector<std::string> out{"events " + std::to_string(result.events) + ", left out " +
                               std::to_string(result.left_out)};
  for (const auto& v : result.violations) {
    out.push_back("violation " + rule_id(v.rule) + " " + v.trigger + " " +
                  eval::format_timestamp(v.time) + " " + v.message);
  }
  for (const auto& p : result.pending) {
    out.push_back("pending " + rule_id(p.rule) + " " + p.trigger + " " +
                  eval::format_timestamp(p.due));
  }
  for (const auto& e : result.input_errors) {
    out.push_back("input error " + std::to_string(e.origin.line) + " " + e.message);
  }
  for (const auto& e : result.evaluation_errors) {
    out.push_back("evaluation error " + rule_id(e.rule) + " " + e.event + " " + e.message);
  }
  return out;
}

}  // namespace accord::testing
