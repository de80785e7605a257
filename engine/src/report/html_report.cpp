// The HTML report: one page a union rep or an HR manager can open from a
// mail or a shared folder and take in at a glance. It fetches nothing and
// runs no script: the style sheet is inline and every timeline is an SVG
// drawn here. All text from rule files and logs goes through escaped(), so
// an id "<script>" shows as those characters and never becomes markup.
#include <accord/report/report.hpp>
#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <set>

#include "report/escape.hpp"
#include "stream/judge.hpp"
#include "utf8.hpp"

namespace accord::report {

namespace {

// Text for HTML, in an element or a double-quoted attribute alike (the XML
// attribute rules are stricter than HTML needs, and safe in both places).
std::string escaped(std::string_view text) { return detail::xml_attribute(text); }

std::string when(eval::Timestamp t) { return stream::detail::format_message_time(t); }

// A time in a table cell, free to break after the date.
std::string cell_time(eval::Timestamp t) {
  std::string text = when(t);
  if (auto at = text.find('T'); at != std::string::npos) text.insert(at + 1, "<wbr>");
  return text;
}

std::string day(eval::Timestamp t) { return eval::format_timestamp(t).substr(0, 10); }

std::string plural(std::size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

// Text cut to `limit` characters (not bytes), with an ellipsis when cut, for
// labels in a timeline that has a fixed width for them.
std::string shortened(std::string_view text, std::size_t limit) {
  std::size_t characters = 0;
  for (std::size_t i = 0; i < text.size();) {
    std::size_t length = std::max<std::size_t>(1, accord::detail::utf8_sequence_length(text, i));
    if (++characters == limit && i + length < text.size()) {
      return std::string(text.substr(0, i)) + "\xe2\x80\xa6";  // U+2026
    }
    i += length;
  }
  return std::string(text);
}

using Key = std::vector<std::pair<std::string, std::string>>;

std::string matter_name(const Key& key) {
  if (key.empty()) return "No correlation key";
  std::string text;
  for (const auto& [name, value] : key) text += (text.empty() ? "" : " \xc2\xb7 ") + name + " " + value;
  return text;
}

std::string level_class(rules::Level level) { return "sev-" + std::string(rules::level_name(level)); }

constexpr std::array kLevels{rules::Level::Error, rules::Level::Warning, rules::Level::Info};

// The page's look; no fonts, images or anything else from outside.
constexpr std::string_view kStyle = R"(
:root { --error: #b42318; --warning: #a15c07; --info: #1d5bbf; --kept: #067647; --ink: #1d2433;
  --muted: #5d6679; --line: #d9dde5; --paper: #ffffff; --band: #f4f6f9; }
* { box-sizing: border-box; }
body { margin: 0; background: var(--band); color: var(--ink);
  font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif; }
main { max-width: 1220px; margin: 0 auto; padding: 24px 28px 48px; }
h1 { font-size: 26px; margin: 0 0 4px; }
h2 { font-size: 20px; margin: 36px 0 12px; border-bottom: 2px solid var(--line); padding-bottom: 4px; }
h3 { font-size: 16px; margin: 0 0 6px; }
p { margin: 6px 0; }
code, .id { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 0.92em;
  overflow-wrap: anywhere; }
.muted { color: var(--muted); }
.headline { font-size: 18px; margin: 14px 0 18px; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(200px, 1fr)); gap: 12px; }
.card { background: var(--paper); border: 1px solid var(--line); border-radius: 8px; padding: 12px 16px; }
.card .label { color: var(--muted); font-size: 13px; text-transform: uppercase; letter-spacing: 0.04em; }
.card .number { font-size: 34px; font-weight: 700; line-height: 1.15; }
.card.bad .number { color: var(--error); }
.card.good .number { color: var(--kept); }
.pill { display: inline-block; border-radius: 999px; padding: 0 8px; font-size: 13px; font-weight: 600;
  color: #fff; white-space: nowrap; }
.pill.sev-error { background: var(--error); } .pill.sev-warning { background: var(--warning); }
.pill.sev-info { background: var(--info); } .pill.kept { background: var(--kept); }
.pill.none { background: #c3c8d1; }
.sets { margin: 0; color: var(--muted); }
figure { margin: 0 0 14px; background: var(--paper); border: 1px solid var(--line); border-radius: 8px;
  padding: 12px 16px; }
figure svg { display: block; width: 100%; height: auto; }
.legend { display: flex; flex-wrap: wrap; gap: 18px; margin: 0 0 12px; color: var(--muted); font-size: 14px; }
.legend svg { vertical-align: middle; margin-right: 4px; }
table { width: 100%; border-collapse: collapse; background: var(--paper); border: 1px solid var(--line);
  table-layout: fixed; }
th, td { text-align: left; vertical-align: top; padding: 7px 10px; border-bottom: 1px solid var(--line);
  overflow-wrap: break-word; }
th { background: #e9edf3; font-size: 13px; text-transform: uppercase; letter-spacing: 0.03em; }
tbody tr:nth-child(even) td { background: #fafbfc; }
blockquote { margin: 6px 0 0; padding: 2px 0 2px 10px; border-left: 3px solid var(--line);
  color: var(--muted);
  font-style: italic; font-size: 14px; }
.note { color: var(--muted); font-style: italic; }
footer { margin-top: 36px; color: var(--muted); font-size: 13px; }
dl.parameters { display: grid; grid-template-columns: max-content 1fr; gap: 2px 14px; margin: 6px 0; }
dl.parameters dt { font-family: ui-monospace, "DejaVu Sans Mono", monospace; } dl.parameters dd { margin: 0; }
svg text { font-family: system-ui, "DejaVu Sans", sans-serif; fill: var(--ink); }
svg .axis { stroke: #9aa3b2; } svg .grid { stroke: #eceff4; }
svg .tick { fill: var(--muted); font-size: 12px; }
svg .row-label { font-size: 13px; } svg .end-label { font-size: 12px; }
svg .span { stroke: #9aa3b2; stroke-width: 2; } svg .span.open { stroke-dasharray: 5 4; }
svg .trigger { fill: var(--ink); } svg .evidence { fill: #7a8496; }
svg .due { fill: var(--paper); stroke: var(--ink); stroke-width: 2; }
svg .due.open { stroke: var(--warning); }
svg .breach { stroke: var(--error); stroke-width: 3; } svg .breached { fill: var(--error); }
svg .pending-label { fill: var(--warning); }
svg .as-of { stroke: var(--info); stroke-dasharray: 3 3; }
svg .as-of-label { fill: var(--info); font-size: 12px; }
@media print { body { background: #fff; } .card, figure, table { break-inside: avoid; } }
)";

// ---- The timeline of a matter ------------------------------------------

constexpr std::size_t kMaxTimelines = 12;     // matters drawn; the rest are in the tables
constexpr std::size_t kMaxRows = 20;          // obligations drawn in one timeline
constexpr std::size_t kLabelCharacters = 30;  // of a rule id on the left

// The drawing, in SVG user units (it scales to the page's width).
constexpr double kWidth = 1000;
constexpr double kPlotLeft = 240;
constexpr double kPlotRight = 850;
constexpr double kTop = 26;
constexpr double kRowHeight = 30;

double epoch_seconds(eval::Timestamp t) { return static_cast<double>(t.seconds) + t.nanos / 1e9; }

// A row: one violation or pending obligation, from its trigger to its breach
// or deadline.
struct Mark {
  double at;           // seconds
  std::string what;    // "trigger", "evidence", ...: the CSS class
  std::string detail;  // for the tooltip and the description
};

struct Row {
  std::string label;  // the rule id
  std::string end;    // "broken 2024-02-19", "due 2025-04-07"
  bool open = false;  // pending, not broken
  std::vector<Mark> marks;
  std::string description;  // the row in words, for screen readers
};

// The ticks of a time axis: dates at a step that leaves room for the labels.
struct Tick {
  double at;
  std::string label;
};

std::vector<Tick> axis_ticks(double from, double to) {
  using namespace std::chrono;
  auto day_of = [](double s) { return floor<days>(sys_seconds{seconds{static_cast<std::int64_t>(s)}}); };
  auto at = [](sys_days d) { return static_cast<double>(sys_seconds{d}.time_since_epoch().count()); };
  double span_days = (to - from) / 86400;
  std::vector<Tick> ticks;
  char label[32];
  // Days, then months, then years, whichever step first gives few enough labels.
  for (int step : {1, 2, 7, 14}) {
    if (span_days / step > 7) continue;
    for (sys_days d = day_of(from) + days{1}; at(d) <= to; d += days{step}) {
      year_month_day ymd{d};
      std::snprintf(label, sizeof label, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                    static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
      ticks.push_back({at(d), label});
    }
    return ticks;
  }
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  for (int step : {1, 2, 3, 6}) {
    if (span_days / 30.4 / step > 9) continue;
    year_month_day first{day_of(from)};
    year_month month = first.year() / first.month() + months{1};
    // Steps fall on calendar quarters and halves, not on the log's first month.
    while ((static_cast<unsigned>(month.month()) - 1) % step != 0) month += months{1};
    for (; at(sys_days{month / 1}) <= to; month += months{step}) {
      std::snprintf(label, sizeof label, "%s %04d", kMonths[static_cast<unsigned>(month.month()) - 1],
                    static_cast<int>(month.year()));
      ticks.push_back({at(sys_days{month / 1}), label});
    }
    return ticks;
  }
  int step = 1;
  for (int candidate : {1, 2, 5, 10, 20, 50, 100, 200, 500, 1000}) {
    step = candidate;
    if (span_days / 365.25 / step <= 10) break;
  }
  year y = year_month_day{day_of(from)}.year() + years{1};
  for (; at(sys_days{y / January / 1}) <= to; y += years{step}) {
    std::snprintf(label, sizeof label, "%04d", static_cast<int>(y));
    ticks.push_back({at(sys_days{y / January / 1}), label});
  }
  return ticks;
}

std::string number(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f", value);
  return text;
}

void write_timeline(std::ostream& out, const std::string& title, const std::vector<Row>& rows,
                    std::size_t left_out, eval::Timestamp as_of, std::size_t index) {
  double from = 0, to = 0;
  bool any = false;
  for (const Row& row : rows) {
    for (const Mark& mark : row.marks) {
      from = any ? std::min(from, mark.at) : mark.at;
      to = any ? std::max(to, mark.at) : mark.at;
      any = true;
    }
  }
  // A margin of 4% each side (a day at least) keeps marks off the edges.
  double margin = std::max(86400.0, (to - from) * 0.04);
  from -= margin;
  to += margin;
  auto x = [&](double at) { return kPlotLeft + (at - from) / (to - from) * (kPlotRight - kPlotLeft); };
  double axis_y = kTop + kRowHeight * static_cast<double>(rows.size()) + 6;
  double height = axis_y + 30;

  std::string id = "timeline-" + std::to_string(index);
  out << "<svg viewBox=\"0 0 " << number(kWidth) << ' ' << number(height)
      << "\" role=\"img\" aria-labelledby=\"" << id << "-title " << id << "-desc\">\n<title id=\"" << id
      << "-title\">Timeline: " << escaped(title) << "</title>\n<desc id=\"" << id << "-desc\">";
  for (const Row& row : rows) out << escaped(row.description) << ' ';
  if (left_out > 0) out << plural(left_out, "more obligation is", "more obligations are") << " not drawn.";
  out << "</desc>\n";

  std::vector<Tick> ticks = axis_ticks(from, to);
  for (const Tick& tick : ticks) {
    std::string tx = number(x(tick.at));
    out << "<line class=\"grid\" x1=\"" << tx << "\" y1=\"" << number(kTop - 8) << "\" x2=\"" << tx
        << "\" y2=\"" << number(axis_y) << "\"/>"
        << "<text class=\"tick\" x=\"" << tx << "\" y=\"" << number(axis_y + 18)
        << "\" text-anchor=\"middle\">" << tick.label << "</text>\n";
  }
  out << "<line class=\"axis\" x1=\"" << number(kPlotLeft) << "\" y1=\"" << number(axis_y) << "\" x2=\""
      << number(kPlotRight) << "\" y2=\"" << number(axis_y) << "\"/>\n";
  double now = epoch_seconds(as_of);
  if (now >= from && now <= to) {
    std::string ax = number(x(now));
    out << "<line class=\"as-of\" x1=\"" << ax << "\" y1=\"" << number(kTop - 14) << "\" x2=\"" << ax
        << "\" y2=\"" << number(axis_y) << "\"/><text class=\"as-of-label\" x=\"" << ax << "\" y=\""
        << number(kTop - 16) << "\" text-anchor=\"middle\">as of " << when(as_of) << "</text>\n";
  }

  for (std::size_t r = 0; r < rows.size(); ++r) {
    const Row& row = rows[r];
    double y = kTop + kRowHeight * static_cast<double>(r) + kRowHeight / 2;
    std::string ty = number(y + 4.5);
    out << "<g>\n<text class=\"row-label\" x=\"" << number(kPlotLeft - 12) << "\" y=\"" << ty
        << "\" text-anchor=\"end\">" << escaped(shortened(row.label, kLabelCharacters)) << "</text>\n";
    auto [first, last] = std::minmax_element(row.marks.begin(), row.marks.end(),
                                             [](const Mark& a, const Mark& b) { return a.at < b.at; });
    if (first != row.marks.end() && first->at < last->at) {
      out << "<line class=\"span" << (row.open ? " open" : "") << "\" x1=\"" << number(x(first->at))
          << "\" y1=\"" << number(y) << "\" x2=\"" << number(x(last->at)) << "\" y2=\"" << number(y)
          << "\"/>\n";
    }
    for (const Mark& mark : row.marks) {
      double mx = x(mark.at);
      out << "<g><title>" << escaped(mark.detail) << "</title>";
      if (mark.what == "trigger") {
        out << "<circle class=\"trigger\" cx=\"" << number(mx) << "\" cy=\"" << number(y) << "\" r=\"6\"/>";
      } else if (mark.what == "evidence") {
        out << "<rect class=\"evidence\" x=\"" << number(mx - 4.5) << "\" y=\"" << number(y - 4.5)
            << "\" width=\"9\" height=\"9\"/>";
      } else if (mark.what == "due" || mark.what == "due open") {
        out << "<path class=\"" << mark.what << "\" d=\"M" << number(mx) << ' ' << number(y - 8)
            << "l8 8l-8 8l-8 -8z\"/>";
      } else {  // a breach: a cross
        out << "<path class=\"breach\" d=\"M" << number(mx - 6) << ' ' << number(y - 6)
            << "l12 12m0 -12l-12 12\"/>";
      }
      out << "</g>\n";
    }
    out << "<text class=\"end-label " << (row.open ? "pending-label" : "breached") << "\" x=\""
        << number(kPlotRight + 14) << "\" y=\"" << ty << "\">" << escaped(row.end) << "</text>\n</g>\n";
  }
  out << "</svg>\n";
}

// Everything of one matter (a correlation key) that the timeline shows.
struct Matter {
  const Key* key;
  std::vector<const stream::Violation*> violations;
  std::vector<const stream::Pending*> pending;
};

std::string event_detail(const Report& report, const NamedEvents& events, std::string_view id,
                         std::string_view role) {
  auto found = events.find(id);
  std::string text = std::string(role) + " " + std::string(id);
  if (found == events.end()) return text;
  const NamedEvent& event = found->second;
  return text + " (" + event.type + ") on " + when(event.time) + ", " + report.location(event.origin);
}

// The trigger and evidence of an obligation whose times are known.
void add_events(Row& row, const Report& report, const NamedEvents& events, const std::string& trigger,
                const std::vector<std::string>& evidence) {
  auto add = [&](const std::string& id, const char* role) {
    auto found = events.find(id);
    if (found == events.end()) return;
    row.marks.push_back({epoch_seconds(found->second.time), role, event_detail(report, events, id, role)});
  };
  add(trigger, "trigger");
  for (const std::string& id : evidence) {
    if (id != trigger) add(id, "evidence");
  }
}

Row violation_row(const Report& report, const NamedEvents& events, const stream::Violation& v) {
  const rules::RuleInfo& rule = report.book.info(v.rule);
  Row row{rule.id, "broken " + day(v.time), false, {}, {}};
  add_events(row, report, events, v.trigger, v.evidence);
  if (v.due) row.marks.push_back({epoch_seconds(*v.due), "due", "deadline " + when(*v.due)});
  row.marks.push_back({epoch_seconds(v.time), "breach", "broken " + when(v.time) + ": " + v.message});
  row.description = rule.id + " (clause " + rule.clause + "), broken on " + when(v.time) + ": " + v.message;
  return row;
}

Row pending_row(const Report& report, const NamedEvents& events, const stream::Pending& p) {
  const rules::RuleInfo& rule = report.book.info(p.rule);
  Row row{rule.id, "due " + day(p.due), true, {}, {}};
  add_events(row, report, events, p.trigger, {});
  row.marks.push_back({epoch_seconds(p.due), "due open", "open, due " + when(p.due)});
  row.description = rule.id + " (clause " + rule.clause + "), triggered by " + p.trigger + ", pending: due " +
                    when(p.due) + ".";
  return row;
}

void write_legend(std::ostream& out) {
  auto symbol = [&](std::string_view shape, std::string_view label) {
    out << "<span><svg width=\"20\" height=\"20\" viewBox=\"0 0 20 20\" aria-hidden=\"true\">" << shape
        << "</svg>" << label << "</span>\n";
  };
  out << "<p class=\"legend\">\n";
  symbol("<circle class=\"trigger\" cx=\"10\" cy=\"10\" r=\"6\"/>", "trigger event");
  symbol("<rect class=\"evidence\" x=\"5.5\" y=\"5.5\" width=\"9\" height=\"9\"/>", "other evidence");
  symbol("<path class=\"due\" d=\"M10 2l8 8l-8 8l-8 -8z\"/>", "deadline");
  symbol("<path class=\"breach\" d=\"M4 4l12 12m0 -12l-12 12\"/>", "breach");
  symbol("<path class=\"due open\" d=\"M10 2l8 8l-8 8l-8 -8z\"/>", "deadline still open");
  symbol("<line class=\"as-of\" x1=\"10\" y1=\"0\" x2=\"10\" y2=\"20\"/>", "as of");
  out << "</p>\n";
}

void write_timelines(std::ostream& out, const Report& report, const NamedEvents& events) {
  const stream::CheckResult& result = report.result;
  std::vector<Matter> matters;
  for (const stream::Violation& v : result.violations) {
    auto same =
        std::find_if(matters.begin(), matters.end(), [&](const Matter& m) { return *m.key == v.key; });
    if (same == matters.end()) same = matters.insert(matters.end(), Matter{&v.key, {}, {}});
    same->violations.push_back(&v);
  }
  out << "<section id=\"timelines\">\n<h2>Timelines</h2>\n";
  if (matters.empty()) {
    out << "<p>No matter has a violation, so there is no timeline to draw.</p>\n</section>\n";
    return;
  }
  for (const stream::Pending& p : result.pending) {
    auto same = std::find_if(matters.begin(), matters.end(),
                             [&](const Matter& m) { return !m.key->empty() && *m.key == p.key; });
    if (same != matters.end()) same->pending.push_back(&p);
  }
  // The matters with the most violations first; those without a key last,
  // as they are not one matter.
  std::stable_sort(matters.begin(), matters.end(), [](const Matter& a, const Matter& b) {
    if (a.key->empty() != b.key->empty()) return b.key->empty();
    return a.violations.size() > b.violations.size();
  });
  out << "<p>Each matter the violations concern, with its obligations from the event that started them "
         "to their deadline or breach. Hover over a mark for its event.</p>\n";
  write_legend(out);
  std::size_t drawn = std::min(matters.size(), kMaxTimelines);
  for (std::size_t i = 0; i < drawn; ++i) {
    const Matter& matter = matters[i];
    std::vector<Row> rows;
    for (const stream::Violation* v : matter.violations) rows.push_back(violation_row(report, events, *v));
    for (const stream::Pending* p : matter.pending) rows.push_back(pending_row(report, events, *p));
    std::size_t left_out = rows.size() > kMaxRows ? rows.size() - kMaxRows : 0;
    rows.resize(std::min(rows.size(), kMaxRows));
    std::string title = matter_name(*matter.key);
    out << "<figure>\n<h3>" << escaped(title) << "</h3>\n<p class=\"muted\">"
        << plural(matter.violations.size(), "violation", "violations");
    if (!matter.pending.empty()) out << ", " << matter.pending.size() << " pending";
    out << "</p>\n";
    write_timeline(out, title, rows, left_out, result.as_of, i + 1);
    if (left_out > 0) {
      out << "<p class=\"note\">" << plural(left_out, "more obligation", "more obligations")
          << " of this matter not drawn; all are in the tables below.</p>\n";
    }
    out << "</figure>\n";
  }
  if (matters.size() > drawn) {
    out << "<p class=\"note\">" << plural(matters.size() - drawn, "more matter", "more matters")
        << " with violations not drawn; their violations are in the table below.</p>\n";
  }
  out << "</section>\n";
}

// ---- The summary and the tables -----------------------------------------

void write_summary(std::ostream& out, const Report& report, const std::vector<std::size_t>& broken_by_rule) {
  const stream::CheckResult& result = report.result;
  std::array<std::size_t, 3> by_level{};
  for (const stream::Violation& v : result.violations) {
    ++by_level[static_cast<std::size_t>(
        std::find(kLevels.begin(), kLevels.end(), report.book.info(v.rule).level) - kLevels.begin())];
  }
  std::size_t broken = static_cast<std::size_t>(
      std::count_if(broken_by_rule.begin(), broken_by_rule.end(), [](std::size_t n) { return n > 0; }));
  std::size_t kept = report.book.size() - broken;
  std::size_t errors = result.input_errors.size() + result.evaluation_errors.size();

  out << "<header>\n<h1>Compliance report</h1>\n";
  for (const rules::RuleSetInfo& set : report.book.rule_sets()) {
    out << "<p class=\"sets\"><strong>" << escaped(set.title.empty() ? set.id : set.title) << "</strong> "
        << "(rule set <code>" << escaped(set.id) << "</code>, " << escaped(set.file) << ")</p>\n";
  }
  out << "</header>\n<section id=\"summary\" aria-label=\"Summary\">\n<p class=\"headline\">";
  if (result.violations.empty()) {
    out << "<strong>No violations</strong>: all " << plural(report.book.size(), "rule", "rules") << " kept";
  } else {
    out << "<strong>" << plural(result.violations.size(), "violation", "violations")
        << "</strong>: " << broken << " of " << plural(report.book.size(), "rule", "rules") << " broken";
  }
  out << ", in " << plural(result.events, "event", "events") << ", judged as of <strong>"
      << when(result.as_of) << "</strong>.</p>\n<div class=\"cards\">\n";

  out << "<div class=\"card " << (result.violations.empty() ? "good" : "bad")
      << "\" id=\"card-violations\"><div class=\"label\">Violations</div><div class=\"number\">"
      << result.violations.size() << "</div><div>";
  for (std::size_t level = 0; level < kLevels.size(); ++level) {
    // A severity without violations is greyed, so the eye goes to those with some.
    std::string look = by_level[level] > 0 ? level_class(kLevels[level]) : "none";
    out << "<span class=\"pill " << look << "\">" << by_level[level] << ' '
        << rules::level_name(kLevels[level]) << "</span> ";
  }
  out << "</div></div>\n";
  out << "<div class=\"card " << (broken > 0 ? "bad" : "good")
      << "\" id=\"card-rules\"><div class=\"label\">Rules broken</div><div class=\"number\">" << broken
      << "</div><div>of " << report.book.size() << ": <span class=\"pill kept\">" << kept
      << " kept</span> <span class=\"pill sev-error\">" << broken << " broken</span></div></div>\n";
  out << "<div class=\"card\" id=\"card-pending\"><div class=\"label\">Pending</div><div class=\"number\">"
      << result.pending.size() << "</div><div>obligations open, not yet due</div></div>\n";
  out << "<div class=\"card " << (errors > 0 ? "bad" : "")
      << "\" id=\"card-errors\"><div class=\"label\">Errors</div><div class=\"number\">" << errors
      << "</div><div>" << result.input_errors.size() << " input, " << result.evaluation_errors.size()
      << " evaluation</div></div>\n";
  out << "<div class=\"card\" id=\"card-events\"><div class=\"label\">Events judged</div><div "
         "class=\"number\">"
      << result.events << "</div><div>as of " << when(result.as_of);
  if (result.left_out > 0) out << "; " << result.left_out << " later left out";
  out << "</div></div>\n</div>\n</section>\n";
}

// A table's start, up to its first row: the columns' names and widths (in
// percent of the page), fixed so that long ids and paths wrap in their cell.
struct Column {
  const char* name;
  int width;
};

void write_table_head(std::ostream& out, std::initializer_list<Column> columns) {
  out << "<table>\n<colgroup>";
  for (const Column& column : columns) out << "<col style=\"width:" << column.width << "%\">";
  out << "</colgroup>\n<thead><tr>";
  for (const Column& column : columns) out << "<th>" << column.name << "</th>";
  out << "</tr></thead>\n<tbody>\n";
}

constexpr std::string_view kTableEnd = "</tbody>\n</table>\n</section>\n";

void write_violations(std::ostream& out, const Report& report) {
  const stream::CheckResult& result = report.result;
  out << "<section id=\"violations\">\n<h2>Violations</h2>\n";
  if (result.violations.empty()) {
    out << "<p>None.</p>\n</section>\n";
    return;
  }
  write_table_head(out, {{"When", 11},
                         {"Severity", 8},
                         {"Rule", 16},
                         {"What happened", 29},
                         {"Matter", 10},
                         {"Events", 15},
                         {"Due", 11}});
  for (const stream::Violation& v : result.violations) {
    const rules::RuleInfo& rule = report.book.info(v.rule);
    out << "<tr class=\"" << level_class(rule.level) << "\"><td>" << cell_time(v.time)
        << "</td><td><span class=\"pill " << level_class(rule.level) << "\">" << rules::level_name(rule.level)
        << "</span></td><td><span class=\"id\">" << escaped(rule.id) << "</span><br>clause "
        << escaped(rule.clause) << ": " << escaped(rule.title) << "</td><td>" << escaped(v.message);
    if (!rule.quote.empty()) {
      out << "<blockquote>Clause " << escaped(rule.clause) << ": \xe2\x80\x9c" << escaped(rule.quote)
          << "\xe2\x80\x9d</blockquote>";
    }
    out << "</td><td>" << (v.key.empty() ? "" : escaped(matter_name(v.key)))
        << "</td><td>trigger <span class=\"id\">" << escaped(v.trigger) << "</span>";
    if (v.evidence.size() > 1) {
      out << "<br>evidence ";
      for (std::size_t i = 1; i < v.evidence.size(); ++i) {
        out << (i > 1 ? ", " : "") << "<span class=\"id\">" << escaped(v.evidence[i]) << "</span>";
      }
    }
    out << "<br><span class=\"muted\">" << escaped(report.location(v.origin)) << "</span></td><td>"
        << (v.due ? cell_time(*v.due) : "") << "</td></tr>\n";
  }
  out << kTableEnd;
}

void write_pending(std::ostream& out, const Report& report) {
  const stream::CheckResult& result = report.result;
  out << "<section id=\"pending\">\n<h2>Pending obligations</h2>\n";
  if (result.pending.empty()) {
    out << "<p>No obligation is open at " << when(result.as_of) << ".</p>\n</section>\n";
    return;
  }
  out << "<p>" << plural(result.pending.size(), "obligation", "obligations") << " open at "
      << when(result.as_of) << ", not yet due.</p>\n";
  write_table_head(out, {{"Due", 14}, {"Rule", 40}, {"Matter", 22}, {"Trigger", 24}});
  for (const stream::Pending& p : result.pending) {
    const rules::RuleInfo& rule = report.book.info(p.rule);
    out << "<tr><td>" << cell_time(p.due) << "</td><td><span class=\"id\">" << escaped(rule.id)
        << "</span><br>clause " << escaped(rule.clause) << ": " << escaped(rule.title) << "</td><td>"
        << (p.key.empty() ? "" : escaped(matter_name(p.key))) << "</td><td><span class=\"id\">"
        << escaped(p.trigger) << "</span><br><span class=\"muted\">" << escaped(report.location(p.origin))
        << "</span></td></tr>\n";
  }
  out << kTableEnd;
}

void write_errors(std::ostream& out, const Report& report) {
  const stream::CheckResult& result = report.result;
  out << "<section id=\"errors\">\n<h2>Errors</h2>\n";
  if (result.input_errors.empty() && result.evaluation_errors.empty()) {
    out << "<p>No input or evaluation errors: every event was read and every condition evaluated.</p>\n"
           "</section>\n";
    return;
  }
  out << "<p>What could not be read or judged; the verdicts above do not cover it.</p>\n";
  write_table_head(out, {{"Kind", 10}, {"Where", 22}, {"Rule", 18}, {"Event", 10}, {"Message", 40}});
  for (const stream::InputError& e : result.input_errors) {
    out << "<tr><td>input</td><td class=\"id\">" << escaped(report.location(e.origin))
        << "</td><td></td><td></td><td>" << escaped(e.message) << "</td></tr>\n";
  }
  for (const stream::EvaluationError& e : result.evaluation_errors) {
    out << "<tr><td>evaluation</td><td class=\"id\">" << escaped(report.location(e.origin))
        << "</td><td class=\"id\">" << escaped(report.book.info(e.rule).id) << "</td><td class=\"id\">"
        << escaped(e.event) << "</td><td>" << escaped(e.message) << "</td></tr>\n";
  }
  out << kTableEnd;
}

void write_rules(std::ostream& out, const Report& report, const std::vector<std::size_t>& broken_by_rule) {
  out << "<section id=\"rules\">\n<h2>Rules</h2>\n";
  write_table_head(out, {{"Rule", 26}, {"Clause", 8}, {"Severity", 10}, {"Title", 36}, {"Result", 20}});

  for (std::size_t i = 0; i < report.book.size(); ++i) {
    const rules::RuleInfo& rule = report.book.info(i);
    out << "<tr><td class=\"id\">" << escaped(rule.id) << "</td><td>" << escaped(rule.clause) << "</td><td>"
        << rules::level_name(rule.level) << "</td><td>" << escaped(rule.title) << "</td><td>";
    if (broken_by_rule[i] == 0) {
      out << "<span class=\"pill kept\">kept</span>";
    } else {
      out << "<span class=\"pill " << level_class(rule.level) << "\">broken</span> "
          << plural(broken_by_rule[i], "violation", "violations");
    }
    out << "</td></tr>\n";
  }
  out << kTableEnd;
}

void write_footer(std::ostream& out, const Report& report) {
  out << "<footer>\n<p>Written by accord " << escaped(report.tool_version) << " from ";
  for (std::size_t i = 0; i < report.inputs.size(); ++i) {
    out << (i > 0 ? ", " : "") << "<code>" << escaped(report.inputs[i]) << "</code>";
  }
  out << ".</p>\n";
  if (!report.book.parameters().empty()) {
    out << "<p>Parameters in force:</p>\n<dl class=\"parameters\">\n";
    for (const rules::Parameter& parameter : report.book.parameters()) {
      out << "<dt>" << escaped(parameter.name) << "</dt><dd>" << escaped(parameter.text) << "</dd>\n";
    }
    out << "</dl>\n";
  }
  out << "</footer>\n";
}

}  // namespace

NamedEvents find_named_events(const Report& report, const std::vector<stream::LogInput>& inputs) {
  std::set<std::string, std::less<>> wanted;
  for (const stream::Violation& v : report.result.violations) {
    wanted.insert(v.evidence.begin(), v.evidence.end());
    wanted.insert(v.trigger);
  }
  for (const stream::Pending& p : report.result.pending) wanted.insert(p.trigger);

  NamedEvents found;
  // Only the id, time and type are needed: no field is kept.
  stream::FieldIndex no_fields{std::vector<std::string>{}};
  for (std::size_t i = 0; i < inputs.size() && found.size() < wanted.size(); ++i) {
    if (!inputs[i].rereadable) continue;
    auto reader =
        stream::open_reader(inputs[i].format, inputs[i].open(), static_cast<std::uint32_t>(i), no_fields);
    stream::ReadItem item;
    while (found.size() < wanted.size() && reader->next(item)) {
      const auto* event = std::get_if<stream::Event>(&item);
      if (event == nullptr || !wanted.contains(event->id()) || found.contains(event->id())) continue;
      found.emplace(std::string(event->id()),
                    NamedEvent{event->time(), std::string(event->type()), event->origin()});
    }
  }
  return found;
}

void write_html(std::ostream& out, const Report& report, const NamedEvents& events) {
  const stream::CheckResult& result = report.result;
  std::vector<std::size_t> broken_by_rule(report.book.size());
  for (const stream::Violation& v : result.violations) ++broken_by_rule[v.rule];

  std::string sets;
  for (const rules::RuleSetInfo& set : report.book.rule_sets()) sets += (sets.empty() ? "" : ", ") + set.id;
  out << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
         "<meta name=\"generator\" content=\"accord "
      << escaped(report.tool_version) << "\">\n<title>accord: "
      << (result.violations.empty() ? "no violations"
                                    : plural(result.violations.size(), "violation", "violations"))
      << " of " << escaped(sets) << " as of " << when(result.as_of) << "</title>\n<style>" << kStyle
      << "</style>\n</head>\n<body>\n<main>\n";
  write_summary(out, report, broken_by_rule);
  write_timelines(out, report, events);
  write_violations(out, report);
  write_pending(out, report);
  write_errors(out, report);
  write_rules(out, report, broken_by_rule);
  write_footer(out, report);
  out << "</main>\n</body>\n</html>\n";
}

}  // namespace accord::report
