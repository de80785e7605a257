// What every reader does with a top-level field, whatever the format.
#pragma once

#include <accord/stream/event.hpp>
#include <accord/stream/reader.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace accord::stream::detail {

// Applies field `name` with `value` to the event being built: checks and
// sets `id`, `time` and `type`, keeps any other field a rule reads, and
// drops null (which counts as absent). `id` and `type` are copied into the
// event; the text of any other field must already be kept by the builder.
// Returns why the field is not acceptable, if it is not.
std::optional<std::string> apply_field(EventBuilder& builder, std::string_view name,
                                       eval::Value value);

// Sets `item` to what one line or record yields: the event built, or an
// input error with `problem`, or with what the builder found missing. The
// event is moved once, into the event `item` usually holds already.
void finish_item(EventBuilder& builder, Origin origin, std::string problem, ReadItem& item);

}  // namespace accord::stream::detail
