// The JSON Lines event-log reader on arbitrary bytes (read_log.hpp).
#include "read_log.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return accord::fuzz::read_both_ways(accord::stream::InputFormat::JsonLines, data, size);
}
