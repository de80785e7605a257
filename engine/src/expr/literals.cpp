#include "expr/literals.hpp"

#include <algorithm>
#include <charconv>
#include <limits>
#include <system_error>

namespace accord::expr::detail {

namespace {

constexpr auto largest_int = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());

std::uint32_t size32(std::string_view text) { return static_cast<std::uint32_t>(text.size()); }

LiteralError whole_token(std::string_view token, std::string message) {
  return {std::move(message), 0, size32(token)};
}

bool is_hex_digit(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

unsigned hex_value(char c) {
  if (c >= '0' && c <= '9') return static_cast<unsigned>(c - '0');
  if (c >= 'a' && c <= 'f') return static_cast<unsigned>(c - 'a' + 10);
  return static_cast<unsigned>(c - 'A' + 10);
}

bool is_octal_digit(char c) { return c >= '0' && c <= '7'; }

bool is_surrogate(std::uint32_t code_point) { return code_point >= 0xD800 && code_point <= 0xDFFF; }

// Whether a decimal float literal that from_chars found out of range is too
// large (rather than too small, which rounds to zero as in other CEL
// implementations): its first significant digit stands at a non-negative
// power of ten.
bool overflows(std::string_view token) {
  std::size_t exponent_at = token.find_first_of("eE");
  std::string_view mantissa = token.substr(0, exponent_at);
  std::int64_t exponent = 0;
  if (exponent_at != std::string_view::npos) {
    std::string_view digits = token.substr(exponent_at + 1);
    bool negative = !digits.empty() && digits.front() == '-';
    bool has_sign = !digits.empty() && (digits.front() == '-' || digits.front() == '+');
    if (has_sign) digits.remove_prefix(1);
    auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), exponent);
    (void)end;
    if (error == std::errc::result_out_of_range) return !negative;
    if (negative) exponent = -exponent;
  }
  std::size_t point = mantissa.find('.');
  std::string_view integer_part = mantissa.substr(0, point);
  std::size_t first_significant = integer_part.find_first_not_of('0');
  if (first_significant != std::string_view::npos) {
    auto digits_before_point = static_cast<std::int64_t>(integer_part.size() - first_significant);
    // Compared this way round, an exponent near the int64 limits cannot overflow.
    return exponent >= 1 - digits_before_point;
  }
  std::string_view fraction =
      point == std::string_view::npos ? std::string_view() : mantissa.substr(point + 1);
  std::size_t leading_zeros = fraction.find_first_not_of('0');
  if (leading_zeros == std::string_view::npos) return false;  // zero never overflows
  return exponent >= static_cast<std::int64_t>(leading_zeros) + 1;
}

DecodedLiteral decode_double(std::string_view token) {
  double value = 0;
  auto [end, error] = std::from_chars(token.data(), token.data() + token.size(), value);
  if (error == std::errc::result_out_of_range) {
    if (overflows(token)) {
      return whole_token(token, "double literal '" + std::string(token) +
                                    "' is out of range (the largest double is about 1.8e308)");
    }
    return Constant(0.0);
  }
  if (error != std::errc() || end != token.data() + token.size()) {
    return whole_token(token, "invalid double literal '" + std::string(token) + "'");
  }
  return Constant(value);
}

}  // namespace

bool is_int_literal(std::string_view token) {
  if (token.empty()) return false;
  char last = token.back();
  if (last == 'u' || last == 'U') return false;
  if (token.starts_with("0x")) return true;
  return token.find_first_of(".eE") == std::string_view::npos;
}

DecodedLiteral decode_number(std::string_view token, bool negated) {
  bool is_unsigned = !token.empty() && (token.back() == 'u' || token.back() == 'U');
  std::string_view digits = is_unsigned ? token.substr(0, token.size() - 1) : token;
  int base = 10;
  if (digits.starts_with("0x")) {
    base = 16;
    digits.remove_prefix(2);
  } else if (digits.find_first_of(".eE") != std::string_view::npos) {
    return decode_double(token);
  }

  std::uint64_t magnitude = 0;
  auto [end, error] =
      std::from_chars(digits.data(), digits.data() + digits.size(), magnitude, base);
  if (error == std::errc::result_out_of_range) {
    return whole_token(token, std::string(is_unsigned ? "uint" : "int") + " literal '" +
                                  std::string(token) + "' is out of range (the largest " +
                                  (is_unsigned ? "uint is 18446744073709551615)"
                                               : "int is 9223372036854775807)"));
  }
  if (error != std::errc() || end != digits.data() + digits.size()) {
    return whole_token(token, "invalid number literal '" + std::string(token) + "'");
  }
  if (is_unsigned) return Constant(magnitude);
  if (negated) {
    if (magnitude > largest_int + 1) {
      return whole_token(token, "int literal '-" + std::string(token) +
                                    "' is out of range (the smallest int is "
                                    "-9223372036854775808)");
    }
    // Two's complement negation, exact for -2^63 as well.
    return Constant(static_cast<std::int64_t>(~magnitude + 1));
  }
  if (magnitude > largest_int) {
    return whole_token(token, "int literal '" + std::string(token) +
                                  "' is out of range (the largest int is 9223372036854775807; "
                                  "write '" + std::string(token) + "u' for a uint)");
  }
  return Constant(static_cast<std::int64_t>(magnitude));
}

DecodedLiteral decode_string(std::string_view token) {
  // Prefix: any of r/R (raw) and b/B (bytes), then the quotes.
  std::size_t at = 0;
  bool raw = false;
  bool bytes = false;
  while (at < token.size() && token[at] != '\'' && token[at] != '"') {
    char c = token[at++];
    raw = raw || c == 'r' || c == 'R';
    bytes = bytes || c == 'b' || c == 'B';
  }
  char quote = token[at];
  bool triple = token.size() - at >= 6 && token[at + 1] == quote && token[at + 2] == quote;
  std::size_t quote_size = triple ? 3 : 1;
  std::size_t body_begin = at + quote_size;
  std::size_t body_end = token.size() - quote_size;
  std::string_view body = token.substr(body_begin, body_end - body_begin);

  auto make = [bytes](std::string text) -> Constant {
    if (bytes) return Bytes{std::move(text)};
    return text;
  };
  if (raw) return make(std::string(body));

  std::string out;
  out.reserve(body.size());
  std::size_t i = 0;
  while (i < body.size()) {
    char c = body[i];
    if (c != '\\') {
      out += c;
      ++i;
      continue;
    }
    const std::size_t escape_begin = i;
    auto fail = [&](std::size_t escape_end, std::string message) -> DecodedLiteral {
      return LiteralError{std::move(message), static_cast<std::uint32_t>(body_begin + escape_begin),
                          static_cast<std::uint32_t>(body_begin + escape_end)};
    };
    // Reads `count` hex digits after the escape letter.
    auto read_hex = [&](std::size_t count, std::uint32_t& value) {
      value = 0;
      for (std::size_t k = 0; k < count; ++k) {
        std::size_t p = escape_begin + 2 + k;
        if (p >= body.size() || !is_hex_digit(body[p])) return false;
        value = value * 16 + hex_value(body[p]);
      }
      return true;
    };
    if (i + 1 >= body.size()) return fail(i + 1, "a '\\' must start an escape sequence");
    char kind = body[i + 1];
    switch (kind) {
      case 'a': out += '\a'; i += 2; continue;
      case 'b': out += '\b'; i += 2; continue;
      case 'f': out += '\f'; i += 2; continue;
      case 'n': out += '\n'; i += 2; continue;
      case 'r': out += '\r'; i += 2; continue;
      case 't': out += '\t'; i += 2; continue;
      case 'v': out += '\v'; i += 2; continue;
      case '\\': case '?': case '"': case '\'': case '`':
        out += kind;
        i += 2;
        continue;
      case 'x': case 'X': {
        std::uint32_t value = 0;
        if (!read_hex(2, value)) {
          return fail(std::min(i + 4, body.size()),
                      std::string("invalid escape sequence: '\\") + kind +
                          "' must be followed by two hex digits");
        }
        if (bytes) {
          out += static_cast<char>(value);
        } else {
          append_utf8(out, value);
        }
        i += 4;
        continue;
      }
      case 'u': case 'U': {
        std::size_t count = kind == 'u' ? 4 : 8;
        std::uint32_t value = 0;
        if (!read_hex(count, value)) {
          return fail(std::min(i + 2 + count, body.size()),
                      std::string("invalid escape sequence: '\\") + kind +
                          "' must be followed by " + std::to_string(count) + " hex digits");
        }
        if (bytes) {
          return fail(i + 2 + count, std::string("'\\") + kind +
                                         "' escapes are not allowed in bytes literals; "
                                         "use '\\x' or octal escapes for single bytes");
        }
        if (is_surrogate(value) || value > 0x10FFFF) {
          return fail(i + 2 + count, "invalid escape sequence: U+" + std::string(token.substr(
                                         body_begin + i + 2, count)) +
                                         (value > 0x10FFFF ? " is beyond U+10FFFF"
                                                           : " is a surrogate, not a character"));
        }
        append_utf8(out, value);
        i += 2 + count;
        continue;
      }
      default:
        break;
    }
    if (kind >= '0' && kind <= '7') {
      bool well_formed = kind <= '3' && i + 3 < body.size() && is_octal_digit(body[i + 2]) &&
                         is_octal_digit(body[i + 3]);
      if (!well_formed) {
        return fail(std::min(i + 4, body.size()),
                    "invalid escape sequence: octal escapes have three digits, \\000 to \\377");
      }
      auto value = static_cast<std::uint32_t>((kind - '0') * 64 + (body[i + 2] - '0') * 8 +
                                              (body[i + 3] - '0'));
      if (bytes) {
        out += static_cast<char>(value);
      } else {
        append_utf8(out, value);
      }
      i += 4;
      continue;
    }
    if (kind == '\n' || kind == '\r') {
      return fail(i + 1, "a '\\' must start an escape sequence; it cannot end a line");
    }
    // Show the character after the backslash whole, even if it is not ASCII.
    std::size_t next = i + 2;
    while (next < body.size() && (static_cast<unsigned char>(body[next]) & 0xC0U) == 0x80U) ++next;
    return fail(next, "invalid escape sequence '" + std::string(body.substr(i, next - i)) + "'");
  }
  return make(std::move(out));
}

}  // namespace accord::expr::detail
