#include "check_command.hpp"

#include "progress.hpp"
#include "rules_files.hpp"
#include "version.hpp"

#include <accord/report/report.hpp>
#include <accord/session.hpp>
#include <accord/stream/check_logs.hpp>

#include <CLI/CLI.hpp>

#include <fstream>
#include <memory>

namespace accord::cli {

namespace {

// The result of a check whose process ends right after it
// (Context::process_ends_after), left for the system to reclaim with the
// rest of the process's memory: freeing a large one's hundreds of
// thousands of strings one by one takes tens of milliseconds. Reachable
// from here, so leak checkers do not count it; a later check's replaces it.
stream::CheckResult* left_to_exit = nullptr;

// Hands the result over as the command returns, whichever way it does.
class LeaveToExit {
 public:
  LeaveToExit(std::unique_ptr<stream::CheckResult>& result, bool leave)
      : result_(result), leave_(leave) {}
  LeaveToExit(const LeaveToExit&) = delete;
  LeaveToExit& operator=(const LeaveToExit&) = delete;
  ~LeaveToExit() {
    if (!leave_) return;
    delete left_to_exit;
    left_to_exit = result_.release();
  }

 private:
  std::unique_ptr<stream::CheckResult>& result_;
  bool leave_;
};

struct Input {
  std::string path;
  stream::InputFormat format;
};

std::optional<std::vector<Input>> resolve_inputs(const CheckOptions& options, const Context& ctx) {
  std::optional<stream::InputFormat> forced;
  if (options.input_format) {
    forced = stream::parse_input_format(*options.input_format);
    if (!forced) {
      ctx.err << "accord check: unknown --input-format '" << *options.input_format
              << "' (expected jsonl, csv or yaml)\n";
      return std::nullopt;
    }
  }
  std::vector<Input> inputs;
  for (const std::string& path : options.events) {
    // A known extension wins; --input-format is for the rest and for "-".
    auto format = path == "-" ? std::nullopt : stream::format_for_path(path);
    if (!format) format = forced;
    if (!format && path == "-") format = stream::InputFormat::JsonLines;
    if (!format) {
      ctx.err << "accord check: " << path
              << ": cannot tell the format from the name; use --input-format jsonl|csv|yaml\n";
      return std::nullopt;
    }
    inputs.push_back({path, *format});
  }
  return inputs;
}

}  // namespace

CLI::App& add_check_command(CLI::App& app, CheckOptions& options) {
  CLI::App& command =
      *app.add_subcommand("check", "Judge event logs against rule sets and write a report");
  // One value per occurrence: CLI11 would otherwise let a repeatable option
  // take the event files that follow it (`--rules npa.yaml a.jsonl b.csv`).
  command.add_option("--rules", options.rules, "A rule set (YAML); repeatable")
      ->required()
      ->allow_extra_args(false);
  command.add_option("events", options.events,
                     "Event logs (.jsonl, .csv, .yaml; - for standard input)")
      ->required();
  command.add_option("--format", options.format,
                     "Report format: text, json, sarif, junit, markdown or html (default: text on a "
                     "terminal, else json)");
  command.add_option("-o,--output", options.output, "Write the report to FILE");
  command
      .add_option("--param", options.parameters,
                  "Override a parameter: NAME=VALUE, e.g. min_consultation=45d; repeatable")
      ->allow_extra_args(false);
  command.add_option("--as-of", options.as_of,
                     "Judge the log as of TIME (RFC 3339 or a date); default: its last event");
  command.add_option("--fail-on", options.fail_on,
                     "Lowest severity that makes the exit status 1: error, warning, info or never");
  command.add_option("--input-format", options.input_format,
                     "Format of standard input, or of files without a known extension");
  command.add_flag("--keep-going", options.keep_going,
                   "Report input and evaluation errors without exit status 2 for them alone");
  command.add_flag("--quiet", options.quiet, "No progress line on standard error");
  command
      .add_option("--max-line-bytes", options.max_line_bytes,
                  "Longest event line or row read; longer ones are input errors (default " +
                      std::to_string(stream::ReaderLimits{}.max_line_bytes) + ")")
      ->check(CLI::PositiveNumber);
  command
      .add_option("--max-open-obligations", options.max_open_obligations,
                  "Obligations open at once past which the check stops (default " +
                      std::to_string(stream::CheckOptions{}.max_open_obligations) + ")")
      ->check(CLI::PositiveNumber);
  return command;
}

ExitCode run_check(const CheckOptions& options, const Context& ctx) {
  std::optional<rules::Level> fail_on;
  if (options.fail_on != "never") {
    fail_on = rules::parse_level(options.fail_on);
    if (!fail_on) {
      ctx.err << "accord check: unknown --fail-on '" << options.fail_on
              << "' (expected error, warning, info or never)\n";
      return ExitCode::Failure;
    }
  }
  report::Format format = ctx.out_is_terminal && !options.output ? report::Format::Text
                                                                 : report::Format::Json;
  if (options.format) {
    auto chosen = report::parse_format(*options.format);
    if (!chosen) {
      ctx.err << "accord check: unknown --format '" << *options.format
              << "' (expected text, json, sarif, junit, markdown or html)\n";
      return ExitCode::Failure;
    }
    format = *chosen;
  }
  stream::CheckOptions check_options;
  if (options.max_open_obligations) {
    check_options.max_open_obligations = *options.max_open_obligations;
  }
  if (options.as_of) {
    check_options.as_of = stream::parse_event_time(*options.as_of);
    if (!check_options.as_of) {
      ctx.err << "accord check: --as-of '" << *options.as_of
              << "' is not a date (YYYY-MM-DD) or an RFC 3339 time with an offset\n";
      return ExitCode::Failure;
    }
  }
  auto inputs = resolve_inputs(options, ctx);
  if (!inputs) return ExitCode::Failure;

  std::optional<RuleSet> loaded = load_rules(options.rules, options.parameters, ctx);
  if (!loaded) return ExitCode::Failure;
  const RuleSet& rule_set = *loaded;

  std::vector<stream::LogInput> logs;
  std::vector<std::string> names;
  for (const Input& input : *inputs) {
    logs.push_back(stream::LogInput::file(input.path, input.format));
    names.push_back(logs.back().name);
  }
  stream::LogCheckOptions log_options;
  log_options.check = check_options;
  if (options.max_line_bytes) log_options.limits.max_line_bytes = *options.max_line_bytes;
  // Progress only for a person watching: never into a file or a pipe.
  std::optional<ProgressLine> progress;
  if (ctx.err_is_terminal && !options.quiet) {
    progress.emplace(ctx.err, ctx.progress_delay);
    log_options.progress_interval = ctx.progress_interval;
    log_options.on_progress = [&progress](const stream::Progress& now) { progress->show(now); };
  }
  auto checked = std::make_unique<stream::CheckResult>();
  LeaveToExit leave(checked, ctx.process_ends_after);
  stream::CheckResult& result = *checked;
  try {
    result = stream::check_logs(rule_set.book(), logs, std::move(log_options)).result;
  } catch (const stream::LimitExceeded& stop) {
    progress.reset();
    ctx.err << "accord check: " << names[stop.origin().input] << ':' << stop.origin().line << ": "
            << stop.what() << '\n';
    return ExitCode::Failure;
  }
  progress.reset();  // clears the line before the report or any message

  report::Report report{rule_set.book(), result, names, std::string(kVersion)};

  std::ofstream file;
  if (options.output) {
    file.open(*options.output, std::ios::binary | std::ios::trunc);
    if (!file) {
      ctx.err << "accord check: cannot write " << *options.output << '\n';
      return ExitCode::Failure;
    }
  }
  std::ostream& out = options.output ? file : ctx.out;
  ReportOptions report_options{format, names, std::string(kVersion)};
  report_options.color = !options.output && ctx.out_is_terminal && !ctx.no_color;
  // The timelines place triggers and evidence by their times, read again from the inputs.
  report::NamedEvents named;
  if (format == report::Format::Html) named = report::find_named_events(report, logs);
  report_options.events = &named;
  write_report(out, rule_set, result, report_options);
  out.flush();
  if (!out) {
    ctx.err << "accord check: could not write the report\n";
    return ExitCode::Failure;
  }

  // An input that could not be read leaves a hole in the log that no
  // option makes trustworthy; other errors are the user's to tolerate.
  bool unreadable = false;
  for (const stream::InputError& error : result.input_errors) {
    if (error.origin.line != 0) continue;
    ctx.err << "accord check: " << names[error.origin.input] << ": " << error.message << '\n';
    unreadable = true;
  }
  if (unreadable) return ExitCode::Failure;
  std::size_t errors = result.input_errors.size() + result.evaluation_errors.size();
  if (errors > 0 && !options.keep_going) {
    ctx.err << "accord check: " << result.input_errors.size() << " input and "
            << result.evaluation_errors.size()
            << " evaluation errors, listed in the report; --keep-going tolerates them\n";
    return ExitCode::Failure;
  }
  if (fail_on && report::count_at_least(report, *fail_on) > 0) return ExitCode::Violations;
  return ExitCode::Clean;
}

}  // namespace accord::cli
