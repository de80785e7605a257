#include <accord/stream/reader.hpp>

#include "stream/readers.hpp"

namespace accord::stream {

std::optional<InputFormat> parse_input_format(std::string_view name) {
  if (name == "jsonl" || name == "ndjson") return InputFormat::JsonLines;
  if (name == "csv") return InputFormat::Csv;
  if (name == "yaml" || name == "yml") return InputFormat::Yaml;
  return std::nullopt;
}

std::optional<InputFormat> format_for_path(std::string_view path) {
  auto dot = path.rfind('.');
  auto slash = path.rfind('/');
  if (dot == std::string_view::npos || (slash != std::string_view::npos && dot < slash)) {
    return std::nullopt;
  }
  return parse_input_format(path.substr(dot + 1));
}

std::string_view format_name(InputFormat format) {
  switch (format) {
    case InputFormat::JsonLines: return "jsonl";
    case InputFormat::Csv: return "csv";
    case InputFormat::Yaml: return "yaml";
  }
  return "jsonl";
}

std::unique_ptr<EventReader> open_reader(InputFormat format, std::unique_ptr<ByteSource> source,
                                         std::uint32_t input, const FieldIndex& index,
                                         const ReaderLimits& limits, EventArena* arena) {
  switch (format) {
    case InputFormat::JsonLines:
      return detail::open_json_lines_reader(std::move(source), input, index, limits, arena);
    case InputFormat::Csv:
      return detail::open_csv_reader(std::move(source), input, index, limits, arena);
    case InputFormat::Yaml:
      return detail::open_yaml_reader(std::move(source), input, index, limits, arena);
  }
  return nullptr;
}

}  // namespace accord::stream
