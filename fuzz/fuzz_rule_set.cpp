// A rule file from arbitrary bytes, through the YAML rule loader. A rule set
// that loads then checks a small fixed log, so that what the loader let
// through is also judged.
#include <accord/rules/load.hpp>
#include <accord/source.hpp>
#include <accord/stream/checker.hpp>
#include <accord/stream/reader.hpp>

#include <cstddef>
#include <cstdint>
#include <string>

namespace {

constexpr const char* kLog = R"({"id": "a", "time": "2025-01-01", "type": "agreement.signed"}
{"id": "i1", "time": "2025-01-02T09:00:00Z", "type": "information", "subject": "s1", "org": "DWP"}
{"id": "d1", "time": "2025-01-03", "type": "decision", "subject": "s1", "count": 12, "ratio": 0.5}
{"id": "d2", "time": "2025-01-04", "type": "decision", "subject": "s2", "tags": ["x", "y"]}
{"id": "m1", "time": "2025-01-06", "type": "meeting.held", "level": "national"}
{"id": "x1", "time": "2025-01-09T12:30:00+01:00", "type": "explanation", "subject": "s1"}
{"id": "d3", "time": "2025-02-20", "type": "decision", "subject": "s3", "detail": {"k": null}}
{"id": "z", "time": "2025-03-01", "type": "agreement.ended"}
)";

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  accord::SourceFile file("rules.yaml", std::string(reinterpret_cast<const char*>(data), size));
  accord::rules::LoadResult loaded = accord::rules::load_rule_book({&file});
  // Every diagnostic can be shown with its line and caret.
  std::string shown = loaded.format({&file});
  if (!loaded.book) return 0;

  accord::stream::Checker checker(*loaded.book);
  auto reader = accord::stream::open_reader(accord::stream::InputFormat::JsonLines,
                                            accord::stream::ByteSource::from_string(kLog), 0,
                                            loaded.book->fields());
  accord::stream::ReadItem item;
  while (reader->next(item)) checker.add(std::move(item));
  checker.finish();
  return 0;
}
