// UTF-8, the one implementation the engine uses: conditions' literals, CEL
// strings (which count code points) and JSON all check text the same way.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace accord::detail {

// The length of the well-formed UTF-8 sequence starting at text[i] (1 for
// ASCII), or 0 when there is none there: a bad lead byte, a missing
// continuation, an overlong form, a surrogate, or past U+10FFFF.
std::size_t utf8_sequence_length(std::string_view text, std::size_t i);

// The offset of the first byte not part of well-formed UTF-8, if any.
std::optional<std::size_t> find_invalid_utf8(std::string_view text);

inline bool is_valid_utf8(std::string_view text) { return !find_invalid_utf8(text); }

// The number of code points in well-formed UTF-8 text.
std::size_t count_code_points(std::string_view text);

// Appends a code point (at most U+10FFFF, not a surrogate) as UTF-8.
void append_utf8(std::string& out, std::uint32_t code_point);

}  // namespace accord::detail
