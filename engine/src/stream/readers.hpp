// The readers behind open_reader(), one per format.
#pragma once

#include <accord/stream/reader.hpp>

namespace accord::stream::detail {

std::unique_ptr<EventReader> open_json_lines_reader(std::unique_ptr<ByteSource> source,
                                                    std::uint32_t input,
                                                    const FieldIndex& index,
                                                    const ReaderLimits& limits, EventArena* arena);
std::unique_ptr<EventReader> open_csv_reader(std::unique_ptr<ByteSource> source,
                                             std::uint32_t input, const FieldIndex& index,
                                             const ReaderLimits& limits, EventArena* arena);
std::unique_ptr<EventReader> open_yaml_reader(std::unique_ptr<ByteSource> source,
                                              std::uint32_t input, const FieldIndex& index,
                                              const ReaderLimits& limits, EventArena* arena);

}  // namespace accord::stream::detail
