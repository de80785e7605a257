// Reading one JSON object into an event: what the JSON Lines reader does
// with each line, and a session with each event given as JSON text. The
// object is parsed in place with simdjson's On-Demand API; only the fields
// some rule reads are converted, into text kept by the event.
#pragma once

#include <accord/stream/event.hpp>
#include <accord/stream/reader.hpp>

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

namespace accord::stream::detail {

class JsonEventParser {
 public:
  // Readable bytes the text given to read() must be followed by (simdjson
  // reads past the end of what it parses).
  static const std::size_t kPadding;

  // For events built on `index` (the parser remembers what the names it
  // meets mean), within `limits` (fields, nesting).
  JsonEventParser(const FieldIndex& index, const ReaderLimits& limits);
  ~JsonEventParser();
  JsonEventParser(const JsonEventParser&) = delete;
  JsonEventParser& operator=(const JsonEventParser&) = delete;

  // Starts an event at `origin` in `builder` and reads `text` into it;
  // returns what is wrong with the text, if anything ("malformed JSON: ...",
  // "expected a JSON object", "field 'x': ..."). finish_item() makes the
  // result.
  std::string read(std::string_view text, Origin origin, EventBuilder& builder);

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace accord::stream::detail
