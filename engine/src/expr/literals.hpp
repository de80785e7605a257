// Decoding literal tokens (as the grammar matched them) into values, and
// the UTF-8 checks the parser needs.
#pragma once

#include "utf8.hpp"

#include <accord/expr/ast.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace accord::expr::detail {

using accord::detail::append_utf8;
using accord::detail::find_invalid_utf8;

// Why a literal is invalid; begin/end are byte offsets within the token.
struct LiteralError {
  std::string message;
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
};

using DecodedLiteral = std::variant<Constant, LiteralError>;

// True for a number token that is an int literal (decimal or hex, no 'u'
// suffix, no fraction or exponent): the only literal a unary minus joins.
bool is_int_literal(std::string_view token);

// Decodes INT_LIT, UINT_LIT or FLOAT_LIT. `negated` is set when a unary
// minus directly before an int literal belongs to it, which is how
// -9223372036854775808 is written.
DecodedLiteral decode_number(std::string_view token, bool negated);

// Decodes STRING_LIT or BYTES_LIT, prefix and quotes included. Escapes in a
// string give code points (encoded as UTF-8); \x and octal escapes in bytes
// give single bytes.
DecodedLiteral decode_string(std::string_view token);


}  // namespace accord::expr::detail
