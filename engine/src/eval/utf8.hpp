// UTF-8 helpers for string functions: CEL strings count code points.
#pragma once

#include <cstddef>
#include <string_view>

namespace accord::eval::detail {

// Whether `text` is well-formed UTF-8 (no overlong forms, no surrogates,
// nothing past U+10FFFF).
bool is_valid_utf8(std::string_view text);

// The number of code points in well-formed UTF-8 text (every byte that does
// not continue a sequence starts one).
std::size_t count_code_points(std::string_view text);

}  // namespace accord::eval::detail
