// Checking whole event logs: the one call that reads the inputs, judges
// their events and returns the report's content.
//
// Reading (parsing JSON, CSV or YAML) runs on a thread of its own while the
// calling thread judges, so a check uses two cores; events pass between them
// in batches, in input order, so the result never depends on timing. Events
// are built one after another in chunks that are used again once their
// events are judged (an EventArena), so a long log allocates nothing per
// event.
//
//   std::vector<accord::stream::LogInput> inputs{accord::stream::LogInput::file("events.jsonl")};
//   accord::stream::LogCheck check = accord::stream::check_logs(book, inputs);
//   for (const auto& violation : check.result.violations) ...
#pragma once

#include <accord/rules/rule_book.hpp>
#include <accord/stream/checker.hpp>
#include <accord/stream/reader.hpp>

#include <cstdint>
#include <functional>
#include <optional>
#include <memory>
#include <string>
#include <vector>

namespace accord::stream {

// One input of a check.
struct LogInput {
  std::string name;  // for messages: "events.jsonl", "<stdin>"
  InputFormat format = InputFormat::JsonLines;
  // Opens the input; called again for a second pass.
  std::function<std::unique_ptr<ByteSource>()> open;
  // Whether a second pass sees the same bytes (a regular file, not a pipe).
  bool rereadable = false;
  // Its size in bytes when known (a regular file), for progress reports.
  std::optional<std::uint64_t> size;

  // A file by path ("-" is standard input), its format from its extension
  // unless given.
  static LogInput file(const std::string& path, std::optional<InputFormat> format = {});
};

// How far a check has got, for a progress display.
struct Progress {
  std::uint64_t events = 0;      // read so far (this pass)
  std::uint64_t bytes_read = 0;  // of all inputs
  std::optional<std::uint64_t> bytes_total;  // when every input's size is known
  double seconds = 0;            // since the check started
  int pass = 1;                  // 2 when the inputs are read again
};

struct LogCheckOptions {
  CheckOptions check;  // its input_names are taken from the inputs
  ReaderLimits limits;
  // Read on a second thread; false reads and judges on the calling thread.
  bool parallel = true;
  // Called on the calling thread about every `progress_interval` seconds
  // while a check runs (never when it takes less).
  std::function<void(const Progress&)> on_progress;
  double progress_interval = 0.25;
};

struct LogCheck {
  CheckResult result;
  // Events that came later than the reorder window allows (input errors in
  // the result), after the second pass when there was one.
  std::uint64_t late_events = 0;
  // Whether the inputs were read twice: some events were out of order by
  // more than the reorder window, so every event was held until the end.
  bool reread = false;
};

// Reads and judges every input, in order. When some event is later than
// the reorder window allows and every input is rereadable, reads them all
// again holding every event to the end (memory then grows with the log).
LogCheck check_logs(const rules::RuleBook& book, const std::vector<LogInput>& inputs,
                    LogCheckOptions options = {});

}  // namespace accord::stream
