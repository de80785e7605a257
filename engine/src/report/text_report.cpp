// The report for a person at a terminal: one block per violation, then what
// is pending, what could not be judged, and a summary line.
#include <accord/report/report.hpp>

#include "stream/judge.hpp"

namespace accord::report {

namespace {

struct Palette {
  const char* error = "";
  const char* warning = "";
  const char* info = "";
  const char* dim = "";
  const char* bold = "";
  const char* reset = "";
};

Palette palette(const TextStyle& style) {
  if (!style.color) return {};
  return {"\x1b[31m", "\x1b[33m", "\x1b[36m", "\x1b[2m", "\x1b[1m", "\x1b[0m"};
}

const char* level_color(const Palette& p, rules::Level level) {
  switch (level) {
    case rules::Level::Error: return p.error;
    case rules::Level::Warning: return p.warning;
    case rules::Level::Info: return p.info;
  }
  return p.error;
}

std::string when(eval::Timestamp t) { return stream::detail::format_message_time(t); }

// Text from event logs and rule files, safe to show on a terminal: control
// characters (C0, DEL and C1) could move the cursor, retitle the window or
// fake a colour, so they are shown escaped (\n, \x1b, \u009b).
std::string visible(std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    auto byte = static_cast<unsigned char>(text[i]);
    if (byte == '\n') {
      out += "\\n";
    } else if (byte == '\t') {
      out += "\\t";
    } else if (byte < 0x20 || byte == 0x7f) {
      out += "\\x";
      out += kHex[byte >> 4];
      out += kHex[byte & 0xf];
    } else if (byte == 0xc2 && i + 1 < text.size() &&
               static_cast<unsigned char>(text[i + 1]) >= 0x80 &&
               static_cast<unsigned char>(text[i + 1]) <= 0x9f) {
      // U+0080..U+009F in UTF-8.
      auto second = static_cast<unsigned char>(text[++i]);
      out += "\\u00";
      out += kHex[second >> 4];
      out += kHex[second & 0xf];
    } else {
      out += static_cast<char>(byte);
    }
  }
  return out;
}

std::string key_text(const std::vector<std::pair<std::string, std::string>>& key) {
  std::string text;
  for (const auto& [name, value] : key) {
    text += (text.empty() ? "" : ", ") + visible(name) + " " + visible(value);
  }
  return text;
}

std::string input_name(const Report& report, std::uint32_t input) {
  return visible(report.input_name(input));
}

std::string plural(std::size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

}  // namespace

void write_text(std::ostream& out, const Report& report, const TextStyle& style) {
  const Palette p = palette(style);
  const stream::CheckResult& result = report.result;

  for (const stream::Violation& v : result.violations) {
    const rules::RuleInfo& rule = report.book.info(v.rule);
    out << level_color(p, rule.level) << p.bold << rules::level_name(rule.level) << p.reset << ' '
        << p.bold << visible(rule.id) << p.reset << " (clause " << visible(rule.clause) << ") "
        << when(v.time) << '\n';
    out << "  " << visible(rule.title) << '\n';
    out << "  " << visible(v.message) << '\n';
    out << p.dim << "  evidence: ";
    for (std::size_t i = 0; i < v.evidence.size(); ++i) {
      out << (i ? ", " : "") << visible(v.evidence[i]);
    }
    if (v.due) out << "; due " << when(*v.due);
    if (!v.key.empty()) out << "; " << key_text(v.key);
    out << p.reset << "\n\n";
  }

  if (!result.pending.empty()) {
    out << p.bold << "Pending at " << when(result.as_of) << p.reset << '\n';
    for (const stream::Pending& pending : result.pending) {
      out << "  " << visible(report.book.info(pending.rule).id) << ": due " << when(pending.due)
          << ", after " << visible(pending.trigger);
      if (!pending.key.empty()) out << " (" << key_text(pending.key) << ")";
      out << '\n';
    }
    out << '\n';
  }

  std::size_t errors = result.input_errors.size() + result.evaluation_errors.size();
  if (errors > 0) {
    out << p.bold << "Not judged" << p.reset << '\n';
    for (const stream::InputError& e : result.input_errors) {
      out << "  " << input_name(report, e.origin.input);
      if (e.origin.line > 0) out << ':' << e.origin.line;
      out << ": " << visible(e.message) << '\n';
    }
    for (const stream::EvaluationError& e : result.evaluation_errors) {
      out << "  " << input_name(report, e.origin.input) << ':' << e.origin.line << ": "
          << visible(report.book.info(e.rule).id) << " on event " << visible(e.event) << ": "
          << visible(e.message) << '\n';
    }
    out << '\n';
  }

  std::size_t at_error = count_at_least(report, rules::Level::Error);
  std::size_t at_warning = count_at_least(report, rules::Level::Warning) - at_error;
  std::size_t at_info = result.violations.size() - at_error - at_warning;
  out << p.bold << plural(result.violations.size(), "violation", "violations") << p.reset;
  if (!result.violations.empty()) {
    out << " (" << at_error << " error, " << at_warning << " warning, " << at_info << " info)";
  }
  out << ", " << result.pending.size() << " pending, " << plural(errors, "error", "errors")
      << ": " << plural(result.events, "event", "events") << " judged against "
      << plural(report.book.size(), "rule", "rules") << " as of " << when(result.as_of);
  if (result.left_out > 0) out << " (" << result.left_out << " later events left out)";
  out << ".\n";
}

}  // namespace accord::report
