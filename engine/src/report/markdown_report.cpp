// The Markdown report, for a pull-request comment or a wiki page (GitHub
// flavour): a summary by severity, the rules kept and broken, a section per
// broken rule with the agreement's words and a table of its violations, then
// what is pending (folded away) and what could not be judged. All text from
// rule files and logs goes through markdown_text, so it never becomes markup.
#include <accord/report/report.hpp>

#include "report/escape.hpp"
#include "stream/judge.hpp"

#include <algorithm>
#include <array>

namespace accord::report {

namespace {

using detail::markdown_text;

std::string when(eval::Timestamp t) { return stream::detail::format_message_time(t); }

std::string plural(std::size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

std::string matter(const std::vector<std::pair<std::string, std::string>>& key) {
  std::string text;
  for (const auto& [name, value] : key) {
    text += (text.empty() ? "" : ", ") + markdown_text(name) + " " + markdown_text(value);
  }
  return text;
}

void write_row(std::ostream& out, std::initializer_list<std::string_view> cells) {
  out << '|';
  for (std::string_view cell : cells) out << ' ' << cell << " |";
  out << '\n';
}

constexpr std::array kLevels{rules::Level::Error, rules::Level::Warning, rules::Level::Info};

void write_summary(std::ostream& out, const Report& report,
                   const std::vector<std::vector<const stream::Violation*>>& by_rule) {
  const stream::CheckResult& result = report.result;
  std::size_t errors = result.input_errors.size() + result.evaluation_errors.size();
  auto names = [](const auto& items, auto&& name_of) {
    std::string text;
    for (const auto& item : items) text += (text.empty() ? "" : ", ") + markdown_text(name_of(item));
    return text;
  };
  out << "## accord: "
      << (result.violations.empty() ? "no violations" : plural(result.violations.size(), "violation", "violations"))
      << "\n\n"
      << plural(result.events, "event", "events") << " from "
      << names(report.inputs, [](const std::string& name) { return name; }) << " judged against "
      << plural(report.book.size(), "rule", "rules") << " of "
      << names(report.book.rule_sets(), [](const rules::RuleSetInfo& set) { return set.file; })
      << " as of " << when(result.as_of);
  if (result.left_out > 0) out << " (" << result.left_out << " later events left out)";
  out << ".\n\n";

  out << "| severity | violations | rules broken | rules kept |\n| --- | ---: | ---: | ---: |\n";
  std::array<std::size_t, 3> violations{}, broken{}, kept{};
  for (std::size_t i = 0; i < report.book.size(); ++i) {
    std::size_t level = static_cast<std::size_t>(
        std::find(kLevels.begin(), kLevels.end(), report.book.info(i).level) - kLevels.begin());
    violations[level] += by_rule[i].size();
    ++(by_rule[i].empty() ? kept : broken)[level];
  }
  for (std::size_t level = 0; level < kLevels.size(); ++level) {
    write_row(out, {rules::level_name(kLevels[level]), std::to_string(violations[level]),
                    std::to_string(broken[level]), std::to_string(kept[level])});
  }
  auto sum = [](const std::array<std::size_t, 3>& counts) {
    return "**" + std::to_string(counts[0] + counts[1] + counts[2]) + "**";
  };
  write_row(out, {"**all**", sum(violations), sum(broken), sum(kept)});
  out << '\n' << plural(result.pending.size(), "obligation", "obligations") << " pending, "
      << plural(errors, "error", "errors") << ".\n";

  out << "\n### Rules\n\n| rule | clause | severity | title | result |\n| --- | --- | --- | --- | --- |\n";
  for (std::size_t i = 0; i < report.book.size(); ++i) {
    const rules::RuleInfo& rule = report.book.info(i);
    std::string verdict =
        by_rule[i].empty() ? "kept" : "**broken**: " + plural(by_rule[i].size(), "violation", "violations");
    write_row(out, {markdown_text(rule.id), markdown_text(rule.clause), rules::level_name(rule.level),
                    markdown_text(rule.title), verdict});
  }
}

void write_rule_section(std::ostream& out, const Report& report, std::size_t rule_index,
                        const std::vector<const stream::Violation*>& violations) {
  const rules::RuleInfo& rule = report.book.info(rule_index);
  out << "\n### " << markdown_text(rule.id) << ": " << markdown_text(rule.title) << "\n\n"
      << "Clause " << markdown_text(rule.clause) << ", " << rules::level_name(rule.level) << ", "
      << plural(violations.size(), "violation", "violations") << ".\n\n";
  if (!rule.quote.empty()) out << "> " << markdown_text(rule.quote) << "\n\n";
  out << "| when | trigger | matter | message |\n| --- | --- | --- | --- |\n";
  for (const stream::Violation* v : violations) {
    std::string trigger = markdown_text(v->trigger);
    if (v->evidence.size() > 1) {
      trigger += " (with ";
      for (std::size_t i = 1; i < v->evidence.size(); ++i) {
        trigger += (i > 1 ? ", " : "") + markdown_text(v->evidence[i]);
      }
      trigger += ")";
    }
    write_row(out, {when(v->time), trigger, matter(v->key), markdown_text(v->message)});
  }
}

void write_pending(std::ostream& out, const Report& report) {
  const stream::CheckResult& result = report.result;
  out << "\n### Pending\n\n<details>\n<summary>"
      << plural(result.pending.size(), "obligation", "obligations") << " open at " << when(result.as_of)
      << ", not yet due</summary>\n\n| due | rule | trigger | matter |\n| --- | --- | --- | --- |\n";
  for (const stream::Pending& p : result.pending) {
    write_row(out, {when(p.due), markdown_text(report.book.info(p.rule).id), markdown_text(p.trigger),
                    matter(p.key)});
  }
  out << "\n</details>\n";
}

void write_errors(std::ostream& out, const Report& report) {
  const stream::CheckResult& result = report.result;
  out << "\n### Not judged\n\n| where | rule | event | message |\n| --- | --- | --- | --- |\n";
  for (const stream::InputError& e : result.input_errors) {
    write_row(out, {markdown_text(report.location(e.origin)), "", "", markdown_text(e.message)});
  }
  for (const stream::EvaluationError& e : result.evaluation_errors) {
    write_row(out, {markdown_text(report.location(e.origin)), markdown_text(report.book.info(e.rule).id),
                    markdown_text(e.event), markdown_text(e.message)});
  }
}

}  // namespace

void write_markdown(std::ostream& out, const Report& report) {
  const stream::CheckResult& result = report.result;
  std::vector<std::vector<const stream::Violation*>> by_rule(report.book.size());
  for (const stream::Violation& v : result.violations) by_rule[v.rule].push_back(&v);

  write_summary(out, report, by_rule);
  for (std::size_t i = 0; i < report.book.size(); ++i) {
    if (!by_rule[i].empty()) write_rule_section(out, report, i, by_rule[i]);
  }
  if (!result.pending.empty()) write_pending(out, report);
  if (!result.input_errors.empty() || !result.evaluation_errors.empty()) write_errors(out, report);
}

}  // namespace accord::report
