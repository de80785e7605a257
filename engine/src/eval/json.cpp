#include <accord/eval/json.hpp>

#include "utf8.hpp"

#include <simdjson.h>

#include <array>
#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>
#include <unordered_set>
#include <utility>

namespace accord::eval {

namespace {

namespace od = simdjson::ondemand;
using accord::detail::utf8_sequence_length;

// ---- base64 (RFC 4648, standard alphabet, with padding) -------------------

constexpr std::string_view kBase64Alphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

void append_base64(std::string& out, std::string_view data) {
  std::size_t i = 0;
  auto byte = [&](std::size_t k) { return static_cast<unsigned char>(data[k]); };
  for (; i + 3 <= data.size(); i += 3) {
    std::uint32_t group = (byte(i) << 16) | (byte(i + 1) << 8) | byte(i + 2);
    for (int shift = 18; shift >= 0; shift -= 6) out.push_back(kBase64Alphabet[(group >> shift) & 63]);
  }
  std::size_t rest = data.size() - i;
  if (rest == 0) return;
  std::uint32_t group = byte(i) << 16;
  if (rest == 2) group |= byte(i + 1) << 8;
  out.push_back(kBase64Alphabet[(group >> 18) & 63]);
  out.push_back(kBase64Alphabet[(group >> 12) & 63]);
  out.push_back(rest == 2 ? kBase64Alphabet[(group >> 6) & 63] : '=');
  out.push_back('=');
}

int base64_digit(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == '/') return 63;
  return -1;
}

// Strict decoding: length a multiple of 4, padding only at the end, and the
// unused bits of the last group zero, so every input has one encoding and
// decoding then encoding gives the input back.
std::optional<std::string> decode_base64(std::string_view text) {
  if (text.size() % 4 != 0) return std::nullopt;
  std::string out;
  out.reserve(text.size() / 4 * 3);
  for (std::size_t i = 0; i < text.size(); i += 4) {
    bool last = i + 4 == text.size();
    std::size_t padding = 0;
    if (last) {
      if (text[i + 3] == '=') ++padding;
      if (padding == 1 && text[i + 2] == '=') ++padding;
    }
    std::uint32_t group = 0;
    for (std::size_t k = 0; k < 4; ++k) {
      int digit = k < 4 - padding ? base64_digit(text[i + k]) : 0;
      if (digit < 0) return std::nullopt;
      group = (group << 6) | static_cast<std::uint32_t>(digit);
    }
    if ((padding == 1 && (group & 0xFF) != 0) || (padding == 2 && (group & 0xFFFF) != 0)) {
      return std::nullopt;
    }
    out.push_back(static_cast<char>((group >> 16) & 0xFF));
    if (padding < 2) out.push_back(static_cast<char>((group >> 8) & 0xFF));
    if (padding < 1) out.push_back(static_cast<char>(group & 0xFF));
  }
  return out;
}

// ---- writing ----------------------------------------------------------------

// ASCII that a JSON string holds as it is.
bool is_plain_json_char(unsigned char c) { return c >= 0x20 && c < 0x80 && c != '"' && c != '\\'; }

// Where the run of plain characters from `i` ends. Reports write hundreds
// of thousands of ids, keys and messages: eight bytes are checked at a time
// (a byte below 0x20, at or above 0x80, or a quote or backslash stops it).
std::size_t plain_run_end(std::string_view text, std::size_t i) {
  constexpr std::uint64_t kOnes = 0x0101'0101'0101'0101;
  constexpr std::uint64_t kHighs = 0x8080'8080'8080'8080;
  auto has_zero_byte = [](std::uint64_t x) { return (x - kOnes) & ~x & kHighs; };
  for (; i + 8 <= text.size(); i += 8) {
    std::uint64_t word;
    std::memcpy(&word, text.data() + i, sizeof word);
    // A byte's high bit: its own (0x80 and up), or that of (its low seven
    // bits + 0x60) flipped (below 0x20), or a quote's or a backslash's.
    std::uint64_t stops = word | (((word & ~kHighs) + 0x6060'6060'6060'6060) ^ kHighs) |
                          has_zero_byte(word ^ (kOnes * '"')) |
                          has_zero_byte(word ^ (kOnes * '\\'));
    if ((stops & kHighs) != 0) break;
  }
  while (i < text.size() && is_plain_json_char(static_cast<unsigned char>(text[i]))) ++i;
  return i;
}

}  // namespace

// A JSON string. Control characters become \u00XX; valid UTF-8 is kept;
// each byte that starts no valid sequence becomes \ufffd, so the output is
// always valid JSON.
void append_json_string(std::string& out, std::string_view text) {
  static constexpr std::string_view kHex = "0123456789abcdef";
  out.push_back('"');
  std::size_t i = 0;
  while (i < text.size()) {
    // Most text needs no escape: appended a run at a time.
    std::size_t run_end = plain_run_end(text, i);
    out.append(text.data() + i, run_end - i);
    i = run_end;
    if (i == text.size()) break;
    auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      if (c == '"' || c == '\\') {
        out.push_back('\\');
        out.push_back(static_cast<char>(c));
      } else if (c < 0x20) {
        out += "\\u00";
        out.push_back(kHex[c >> 4]);
        out.push_back(kHex[c & 15]);
      } else {
        out.push_back(static_cast<char>(c));
      }
      ++i;
      continue;
    }
    std::size_t length = utf8_sequence_length(text, i);
    if (length == 0) {
      out += "\\ufffd";
      ++i;
    } else {
      out.append(text.substr(i, length));
      i += length;
    }
  }
  out.push_back('"');
}

namespace {

// The shortest text that reads back as the same double, with ".0" added to
// integral values so they stay doubles ("1.0", "-0.0"; "1e+21" already is).
void append_double_number(std::string& out, double d) {
  std::array<char, 32> buffer{};
  auto [end, ec] = std::to_chars(buffer.data(), buffer.data() + buffer.size(), d);
  (void)ec;  // 32 bytes hold any double's shortest form
  std::string_view text(buffer.data(), static_cast<std::size_t>(end - buffer.data()));
  out += text;
  if (text.find_first_of(".e") == std::string_view::npos) out += ".0";
}

// NaN and the infinities have no JSON number: the strings CEL's data uses.
bool append_non_finite(std::string& out, double d) {
  if (std::isnan(d)) {
    out += "\"NaN\"";
  } else if (std::isinf(d)) {
    out += d > 0 ? "\"Infinity\"" : "\"-Infinity\"";
  } else {
    return false;
  }
  return true;
}

template <typename Number>
void append_integer(std::string& out, Number n) {
  std::array<char, 24> buffer{};
  auto [end, ec] = std::to_chars(buffer.data(), buffer.data() + buffer.size(), n);
  (void)ec;
  out.append(buffer.data(), end);
}

template <typename Number>
void append_quoted_integer(std::string& out, Number n) {
  out.push_back('"');
  append_integer(out, n);
  out.push_back('"');
}

void append_error_object(std::string& out, const Value& value) {
  out += "{\"error\":";
  append_json_string(out, value.as_error().message);
  out.push_back('}');
}

void write_plain(std::string& out, const Value& value) {
  switch (value.kind()) {
    case Kind::Null: out += "null"; return;
    case Kind::Bool: out += value.as_bool() ? "true" : "false"; return;
    case Kind::Int: append_integer(out, value.as_int()); return;
    case Kind::Uint: append_integer(out, value.as_uint()); return;
    case Kind::Double:
      if (!append_non_finite(out, value.as_double())) append_double_number(out, value.as_double());
      return;
    case Kind::String: append_json_string(out, value.as_string()); return;
    case Kind::Bytes:
      out.push_back('"');
      append_base64(out, value.as_bytes());
      out.push_back('"');
      return;
    case Kind::List: {
      out.push_back('[');
      bool first = true;
      for (const Value& element : value.as_list()) {
        if (!first) out.push_back(',');
        first = false;
        write_plain(out, element);
      }
      out.push_back(']');
      return;
    }
    case Kind::Map: {
      out.push_back('{');
      bool first = true;
      for (const auto& [key, element] : value.as_map()) {
        if (!first) out.push_back(',');
        first = false;
        if (key.kind() == Kind::String) {
          append_json_string(out, key.as_string());
        } else {
          std::string key_text;
          write_plain(key_text, key);
          if (key_text.empty() || key_text.front() != '"') {
            append_json_string(out, key_text);
          } else {
            out += key_text;
          }
        }
        out.push_back(':');
        write_plain(out, element);
      }
      out.push_back('}');
      return;
    }
    case Kind::Timestamp: append_json_string(out, format_timestamp(value.as_timestamp())); return;
    case Kind::Duration: append_json_string(out, format_duration(value.as_duration())); return;
    case Kind::Period: append_json_string(out, format_period_iso(value.as_period())); return;
    case Kind::Type: append_json_string(out, type_name(value.as_type())); return;
    case Kind::Error: append_error_object(out, value); return;
  }
}

void write_typed(std::string& out, const Value& value) {
  switch (value.kind()) {
    case Kind::Null: out += "{\"null\":null}"; return;
    case Kind::Bool: out += value.as_bool() ? "{\"bool\":true}" : "{\"bool\":false}"; return;
    case Kind::Int:
      out += "{\"int64\":";
      append_quoted_integer(out, value.as_int());
      out.push_back('}');
      return;
    case Kind::Uint:
      out += "{\"uint64\":";
      append_quoted_integer(out, value.as_uint());
      out.push_back('}');
      return;
    case Kind::Double:
      out += "{\"double\":";
      if (!append_non_finite(out, value.as_double())) append_double_number(out, value.as_double());
      out.push_back('}');
      return;
    case Kind::String:
      out += "{\"string\":";
      append_json_string(out, value.as_string());
      out.push_back('}');
      return;
    case Kind::Bytes:
      out += "{\"bytes_b64\":\"";
      append_base64(out, value.as_bytes());
      out += "\"}";
      return;
    case Kind::List: {
      out += "{\"list\":[";
      bool first = true;
      for (const Value& element : value.as_list()) {
        if (!first) out.push_back(',');
        first = false;
        write_typed(out, element);
      }
      out += "]}";
      return;
    }
    case Kind::Map: {
      out += "{\"map\":[";
      bool first = true;
      for (const auto& [key, element] : value.as_map()) {
        if (!first) out.push_back(',');
        first = false;
        out.push_back('[');
        write_typed(out, key);
        out.push_back(',');
        write_typed(out, element);
        out.push_back(']');
      }
      out += "]}";
      return;
    }
    case Kind::Timestamp:
      out += "{\"timestamp\":";
      append_json_string(out, format_timestamp(value.as_timestamp()));
      out.push_back('}');
      return;
    case Kind::Duration:
      out += "{\"duration\":";
      append_json_string(out, format_duration(value.as_duration()));
      out.push_back('}');
      return;
    case Kind::Period:
      out += "{\"period\":";
      append_json_string(out, format_period_iso(value.as_period()));
      out.push_back('}');
      return;
    case Kind::Type:
      out += "{\"type\":";
      append_json_string(out, type_name(value.as_type()));
      out.push_back('}');
      return;
    case Kind::Error: append_error_object(out, value); return;
  }
}

// ---- reading ----------------------------------------------------------------

std::string describe(simdjson::error_code code) {
  switch (code) {
    case simdjson::EMPTY: return "no JSON value";
    case simdjson::UTF8_ERROR: return "invalid UTF-8";
    case simdjson::UNCLOSED_STRING: return "unterminated string";
    case simdjson::UNESCAPED_CHARS: return "control character inside a string (escape it)";
    case simdjson::STRING_ERROR: return "invalid string escape";
    case simdjson::NUMBER_ERROR: return "malformed number, or a number out of the range of a double";
    case simdjson::NUMBER_OUT_OF_RANGE: return "number out of range";
    case simdjson::T_ATOM_ERROR: return "expected 'true'";
    case simdjson::F_ATOM_ERROR: return "expected 'false'";
    case simdjson::N_ATOM_ERROR: return "expected 'null'";
    case simdjson::TAPE_ERROR: return "malformed JSON (a missing or extra comma, colon, bracket or key)";
    case simdjson::INCOMPLETE_ARRAY_OR_OBJECT: return "unexpected end of input inside an array or object";
    case simdjson::TRAILING_CONTENT: return "unexpected content after the JSON value";
    case simdjson::DEPTH_ERROR: return "nesting too deep";
    case simdjson::CAPACITY: return "document too large";
    case simdjson::MEMALLOC: return "out of memory";
    default: return simdjson::error_message(code);
  }
}

// Finds where a text simdjson rejected breaks the JSON grammar (RFC 8259),
// so that errors name a byte, not just a kind: simdjson reports no position
// for most syntax errors. Only run on the error path.
class SyntaxLocator {
 public:
  explicit SyntaxLocator(std::string_view text) : text_(text) {}

  // The first syntax error, or nullopt if the text is valid JSON.
  std::optional<std::pair<std::size_t, std::string>> find() {
    skip_space();
    if (pos_ == text_.size()) return problem(0, "no JSON value");
    if (!value(0)) return error_;
    skip_space();
    if (pos_ != text_.size()) return problem(pos_, "unexpected content after the JSON value");
    return std::nullopt;
  }

 private:
  // Deeper than simdjson's own default limit is an error there too.
  static constexpr int kDepthLimit = 1024;

  std::optional<std::pair<std::size_t, std::string>> problem(std::size_t at, std::string message) {
    error_ = std::make_pair(at, std::move(message));
    return error_;
  }
  bool fail(std::size_t at, std::string message) {
    problem(at, std::move(message));
    return false;
  }

  bool at_end() const { return pos_ >= text_.size(); }
  char peek() const { return at_end() ? '\0' : text_[pos_]; }

  void skip_space() {
    while (!at_end() && (peek() == ' ' || peek() == '\t' || peek() == '\n' || peek() == '\r')) ++pos_;
  }

  bool value(int depth) {
    skip_space();
    if (at_end()) return fail(pos_, "unexpected end of input: expected a value");
    switch (peek()) {
      case '{': return object(depth + 1);
      case '[': return array(depth + 1);
      case '"': return string();
      case 't': return literal("true");
      case 'f': return literal("false");
      case 'n': return literal("null");
      default:
        if (peek() == '-' || (peek() >= '0' && peek() <= '9')) return number();
        return fail(pos_, "expected a value (object, array, string, number, true, false or null)");
    }
  }

  bool object(int depth) {
    if (depth > kDepthLimit) return fail(pos_, "nesting too deep");
    ++pos_;  // '{'
    skip_space();
    if (peek() == '}') {
      ++pos_;
      return true;
    }
    for (;;) {
      skip_space();
      if (at_end()) return fail(pos_, "unexpected end of input inside an object");
      if (peek() != '"') return fail(pos_, "expected a string key");
      if (!string()) return false;
      skip_space();
      if (peek() != ':') return fail(pos_, at_end() ? "unexpected end of input inside an object" : "expected ':' after the key");
      ++pos_;
      if (!value(depth)) return false;
      skip_space();
      if (peek() == ',') {
        ++pos_;
        continue;
      }
      if (peek() == '}') {
        ++pos_;
        return true;
      }
      return fail(pos_, at_end() ? "unexpected end of input inside an object" : "expected ',' or '}'");
    }
  }

  bool array(int depth) {
    if (depth > kDepthLimit) return fail(pos_, "nesting too deep");
    ++pos_;  // '['
    skip_space();
    if (peek() == ']') {
      ++pos_;
      return true;
    }
    for (;;) {
      if (!value(depth)) return false;
      skip_space();
      if (peek() == ',') {
        ++pos_;
        continue;
      }
      if (peek() == ']') {
        ++pos_;
        return true;
      }
      return fail(pos_, at_end() ? "unexpected end of input inside an array" : "expected ',' or ']'");
    }
  }

  static int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  }

  // Four hex digits after "\u" at pos_; -1 if malformed.
  int unicode_escape() {
    if (pos_ + 4 > text_.size()) return -1;
    int code = 0;
    for (int k = 0; k < 4; ++k) {
      int digit = hex_value(text_[pos_ + static_cast<std::size_t>(k)]);
      if (digit < 0) return -1;
      code = code * 16 + digit;
    }
    pos_ += 4;
    return code;
  }

  bool string() {
    std::size_t start = pos_++;
    while (!at_end()) {
      auto c = static_cast<unsigned char>(text_[pos_]);
      if (c == '"') {
        ++pos_;
        return true;
      }
      if (c < 0x20) return fail(pos_, "control character inside a string (escape it)");
      if (c >= 0x80) {
        std::size_t length = utf8_sequence_length(text_, pos_);
        if (length == 0) return fail(pos_, "invalid UTF-8");
        pos_ += length;
        continue;
      }
      if (c != '\\') {
        ++pos_;
        continue;
      }
      std::size_t escape = pos_++;
      char kind = peek();
      ++pos_;
      if (kind == 'u') {
        int code = unicode_escape();
        if (code < 0) return fail(escape, "invalid \\u escape");
        if (code >= 0xDC00 && code <= 0xDFFF) return fail(escape, "unpaired surrogate in \\u escape");
        if (code >= 0xD800 && code <= 0xDBFF) {
          if (text_.substr(pos_, 2) != "\\u") return fail(escape, "unpaired surrogate in \\u escape");
          pos_ += 2;
          int low = unicode_escape();
          if (low < 0xDC00 || low > 0xDFFF) return fail(escape, "unpaired surrogate in \\u escape");
        }
      } else if (std::string_view("\"\\/bfnrt").find(kind) == std::string_view::npos || kind == '\0') {
        return fail(escape, "invalid escape in string");
      }
    }
    return fail(start, "unterminated string");
  }

  bool digits() {
    std::size_t start = pos_;
    while (!at_end() && peek() >= '0' && peek() <= '9') ++pos_;
    return pos_ > start;
  }

  bool number() {
    std::size_t start = pos_;
    if (peek() == '-') ++pos_;
    if (peek() == '0') {
      ++pos_;
    } else if (!digits()) {
      return fail(start, "malformed number");
    }
    if (peek() == '.') {
      ++pos_;
      if (!digits()) return fail(start, "malformed number");
    }
    if (peek() == 'e' || peek() == 'E') {
      ++pos_;
      if (peek() == '+' || peek() == '-') ++pos_;
      if (!digits()) return fail(start, "malformed number");
    }
    // A letter or digit glued on ("01", "1x") is not a number either.
    char next = peek();
    if ((next >= '0' && next <= '9') || (next >= 'a' && next <= 'z') || (next >= 'A' && next <= 'Z') ||
        next == '.' || next == '-' || next == '+') {
      return fail(start, "malformed number");
    }
    return true;
  }

  bool literal(std::string_view word) {
    std::size_t start = pos_;
    if (text_.substr(pos_, word.size()) != word) return fail(start, "invalid literal (expected true, false or null)");
    pos_ += word.size();
    char next = peek();
    if ((next >= 'a' && next <= 'z') || (next >= 'A' && next <= 'Z') || (next >= '0' && next <= '9')) {
      return fail(start, "invalid literal (expected true, false or null)");
    }
    return true;
  }

  std::string_view text_;
  std::size_t pos_ = 0;
  std::optional<std::pair<std::size_t, std::string>> error_;
};

// Map keys (bool, int, uint, string) under CEL equality: 1 and 1u are the
// same key.
bool same_map_key(const Value& a, const Value& b) {
  auto as_unsigned = [](const Value& v) -> std::optional<std::uint64_t> {
    if (v.kind() == Kind::Uint) return v.as_uint();
    if (v.kind() == Kind::Int && v.as_int() >= 0) return static_cast<std::uint64_t>(v.as_int());
    return std::nullopt;
  };
  bool a_numeric = a.kind() == Kind::Int || a.kind() == Kind::Uint;
  bool b_numeric = b.kind() == Kind::Int || b.kind() == Kind::Uint;
  if (a_numeric && b_numeric) {
    if (a.kind() == Kind::Int && b.kind() == Kind::Int) return a.as_int() == b.as_int();
    auto x = as_unsigned(a);
    auto y = as_unsigned(b);
    return x && y && *x == *y;
  }
  if (a.kind() != b.kind()) return false;
  if (a.kind() == Kind::Bool) return a.as_bool() == b.as_bool();
  return a.kind() == Kind::String && a.as_string() == b.as_string();
}

// Thrown inside the reader only and caught at its entry point: the byte
// offset and the message of the first problem.
struct ReadError {
  std::size_t offset;
  std::string message;
};

class Reader {
 public:
  Reader(const simdjson::padded_string& text, bool typed)
      : base_(text.data()), text_(text.data(), text.size()), typed_(typed) {}

  JsonResult read(od::parser& parser, const simdjson::padded_string& text) {
    JsonResult result;
    try {
      od::document doc;
      if (auto code = parser.iterate(text).get(doc)) fail(code);
      Value value = typed_ ? read_typed(doc, 0) : read_plain(doc, 0);
      // Past the last token current_location() reports OUT_OF_BOUNDS.
      const char* rest = nullptr;
      if (!doc.current_location().get(rest) && rest != nullptr) {
        fail_at(static_cast<std::size_t>(rest - base_), "unexpected content after the JSON value");
      }
      result.value = std::move(value);
    } catch (const ReadError& error) {
      result.error = "byte " + std::to_string(error.offset) + ": " + error.message;
    }
    return result;
  }

 private:
  static constexpr std::size_t kUnknownOffset = std::numeric_limits<std::size_t>::max();

  [[noreturn]] void fail_at(std::size_t offset, std::string message) const {
    throw ReadError{offset == kUnknownOffset ? last_offset_ : offset, std::move(message)};
  }
  // A simdjson error: where the text breaks JSON's grammar if it does
  // (simdjson seldom says where), else simdjson's reason (a number out of
  // range, say) at the value being read.
  [[noreturn]] void fail(simdjson::error_code code) const {
    if (auto syntax = SyntaxLocator(text_).find()) fail_at(syntax->first, std::move(syntax->second));
    fail_at(kUnknownOffset, describe(code));
  }

  template <typename Node>
  std::size_t location(Node& node) {
    const char* where = nullptr;
    if (node.current_location().get(where) || where == nullptr) return kUnknownOffset;
    return static_cast<std::size_t>(where - base_);
  }

  // Notes where the value being read starts, for messages.
  template <typename Node>
  void enter(Node& node) {
    std::size_t here = location(node);
    if (here != kUnknownOffset) last_offset_ = here;
  }

  // An array or object (a list or map in the typed form) at `depth`, the
  // number of containers around it.
  void enter_container(int depth) const {
    if (depth >= kMaxJsonDepth) {
      fail_at(last_offset_, "nesting deeper than " + std::to_string(kMaxJsonDepth) + " levels");
    }
  }

  template <typename Node>
  od::json_type type_of(Node& node) {
    od::json_type type{};
    if (auto code = node.type().get(type)) fail(code);
    return type;
  }

  template <typename Node>
  std::string_view string_of(Node& node) {
    std::string_view text;
    if (auto code = node.get_string().get(text)) fail(code);
    return text;
  }

  // ---- plain JSON ----

  template <typename Node>
  Value read_plain(Node& node, int depth) {
    enter(node);
    switch (type_of(node)) {
      case od::json_type::null: {
        bool is_null = false;
        if (auto code = node.is_null().get(is_null)) fail(code);
        if (!is_null) fail(simdjson::N_ATOM_ERROR);
        return Value::null();
      }
      case od::json_type::boolean: {
        bool b = false;
        if (auto code = node.get_bool().get(b)) fail(code);
        return Value::boolean(b);
      }
      case od::json_type::number: return read_number(node);
      case od::json_type::string: return Value::string(std::string(string_of(node)));
      case od::json_type::array: {
        enter_container(depth);
        od::array array;
        if (auto code = node.get_array().get(array)) fail(code);
        List elements;
        for (auto element_result : array) {
          od::value element;
          if (auto code = element_result.get(element)) fail(code);
          elements.push_back(read_plain(element, depth + 1));
        }
        return Value::list(std::move(elements));
      }
      case od::json_type::object:
        enter_container(depth);
        return read_object(node, depth);
    }
    fail(simdjson::TAPE_ERROR);
  }

  template <typename Node>
  Value read_number(Node& node) {
    od::number_type type{};
    if (auto code = node.get_number_type().get(type)) fail(code);
    if (type == od::number_type::signed_integer) {
      std::int64_t i = 0;
      if (!node.get_int64().get(i)) return Value::integer(i);
    } else if (type == od::number_type::unsigned_integer) {
      std::uint64_t u = 0;
      if (!node.get_uint64().get(u)) return Value::unsigned_integer(u);
    }
    // Fractions, exponents, and integers beyond 64 bits.
    double d = 0;
    if (auto code = node.get_double().get(d)) fail(code);
    return Value::real(d);
  }

  template <typename Node>
  Value read_object(Node& node, int depth) {
    od::object object;
    if (auto code = node.get_object().get(object)) fail(code);
    std::vector<Map::Entry> entries;
    std::unordered_set<std::string_view> seen;  // used once objects grow
    constexpr std::size_t kLinearScanLimit = 8;
    for (auto field_result : object) {
      od::field field;
      if (auto code = std::move(field_result).get(field)) fail(code);
      // raw() points just past the key's opening quote.
      auto key_offset = static_cast<std::size_t>(field.key().raw() - base_) - 1;
      std::string_view key;
      if (auto code = field.unescaped_key().get(key)) fail(code);
      bool duplicate = false;
      if (entries.size() < kLinearScanLimit) {
        for (const auto& entry : entries) duplicate = duplicate || entry.first.as_string() == key;
      } else {
        if (seen.empty()) {
          for (const auto& entry : entries) seen.insert(entry.first.as_string());
        }
        duplicate = seen.count(key) != 0;
      }
      if (duplicate) fail_at(key_offset, "duplicate key \"" + std::string(key) + "\"");
      Value key_value = Value::string(std::string(key));
      Value element = read_plain(field.value(), depth + 1);
      if (!seen.empty()) seen.insert(key_value.as_string());
      entries.emplace_back(std::move(key_value), std::move(element));
    }
    return Value::map(Map(std::move(entries)));
  }

  // ---- the typed form ----

  template <typename Node>
  Value read_typed(Node& node, int depth) {
    enter(node);
    std::size_t start = last_offset_;
    if (type_of(node) != od::json_type::object) {
      fail_at(start, "expected a typed value: an object with one key such as {\"int64\": \"1\"}");
    }
    od::object object;
    if (auto code = node.get_object().get(object)) fail(code);
    std::optional<Value> value;
    for (auto field_result : object) {
      od::field field;
      if (auto code = std::move(field_result).get(field)) fail(code);
      if (value) fail_at(start, "a typed value has exactly one key");
      std::string_view key_view;
      if (auto code = field.unescaped_key().get(key_view)) fail(code);
      std::string key(key_view);  // the parser's buffer moves on
      value = read_typed_payload(key, field.value(), depth);
    }
    if (!value) fail_at(start, "a typed value has exactly one key; this object is empty");
    return std::move(*value);
  }

  Value read_typed_payload(const std::string& key, od::value& payload, int depth) {
    enter(payload);
    std::size_t at = last_offset_;
    od::json_type type = type_of(payload);
    auto expect = [&](od::json_type wanted, std::string_view what) {
      if (type != wanted) fail_at(at, "\"" + key + "\" takes " + std::string(what));
    };
    if (key == "null") {
      expect(od::json_type::null, "null");
      bool is_null = false;
      if (auto code = payload.is_null().get(is_null)) fail(code);
      if (!is_null) fail(simdjson::N_ATOM_ERROR);
      return Value::null();
    }
    if (key == "bool") {
      expect(od::json_type::boolean, "true or false");
      bool b = false;
      if (auto code = payload.get_bool().get(b)) fail(code);
      return Value::boolean(b);
    }
    if (key == "int64" || key == "uint64") {
      expect(od::json_type::string, "a decimal string");
      std::string_view text = string_of(payload);
      if (key == "int64") {
        std::int64_t i = 0;
        if (!parse_decimal(text, i)) fail_at(at, "not an int64: \"" + std::string(text) + "\"");
        return Value::integer(i);
      }
      std::uint64_t u = 0;
      if (!parse_decimal(text, u)) fail_at(at, "not a uint64: \"" + std::string(text) + "\"");
      return Value::unsigned_integer(u);
    }
    if (key == "double") {
      if (type == od::json_type::number) {
        double d = 0;
        if (auto code = payload.get_double().get(d)) fail(code);
        return Value::real(d);
      }
      expect(od::json_type::string, "a number, \"NaN\", \"Infinity\" or \"-Infinity\"");
      std::string_view text = string_of(payload);
      if (text == "NaN") return Value::real(std::numeric_limits<double>::quiet_NaN());
      if (text == "Infinity") return Value::real(std::numeric_limits<double>::infinity());
      if (text == "-Infinity") return Value::real(-std::numeric_limits<double>::infinity());
      fail_at(at, "\"double\" takes a number, \"NaN\", \"Infinity\" or \"-Infinity\"");
    }
    if (key == "string") {
      expect(od::json_type::string, "a string");
      return Value::string(std::string(string_of(payload)));
    }
    if (key == "bytes_b64") {
      expect(od::json_type::string, "a base64 string");
      std::string_view text = string_of(payload);
      auto data = decode_base64(text);
      if (!data) fail_at(at, "not standard base64 with padding: \"" + std::string(text) + "\"");
      return Value::bytes(std::move(*data));
    }
    if (key == "list") {
      expect(od::json_type::array, "an array of typed values");
      enter_container(depth);
      od::array array;
      if (auto code = payload.get_array().get(array)) fail(code);
      List elements;
      for (auto element_result : array) {
        od::value element;
        if (auto code = element_result.get(element)) fail(code);
        elements.push_back(read_typed(element, depth + 1));
      }
      return Value::list(std::move(elements));
    }
    if (key == "map") return read_typed_map(payload, type, at, depth);
    if (key == "timestamp" || key == "duration" || key == "period") {
      expect(od::json_type::string, "a string");
      std::string_view text = string_of(payload);
      if (key == "timestamp") {
        if (auto t = parse_timestamp(text)) return Value::timestamp(*t);
        fail_at(at, "not an RFC 3339 timestamp in CEL's range: \"" + std::string(text) + "\"");
      }
      if (key == "duration") {
        if (auto d = parse_duration(text)) return Value::duration(*d);
        fail_at(at, "not a duration in CEL's range: \"" + std::string(text) + "\"");
      }
      if (auto p = parse_period(text)) return Value::period(*p);
      fail_at(at, "not a period: \"" + std::string(text) + "\"");
    }
    if (key == "type") {
      expect(od::json_type::string, "a type name");
      std::string_view name = string_of(payload);
      for (int k = 0; k <= static_cast<int>(Kind::Error); ++k) {
        auto kind = static_cast<Kind>(k);
        if (kind != Kind::Error && type_name(kind) == name) return Value::type(kind);
      }
      fail_at(at, "unknown type name \"" + std::string(name) + "\"");
    }
    fail_at(at, "unknown typed value key \"" + key +
                    "\" (expected null, bool, int64, uint64, double, string, bytes_b64, list, map, "
                    "timestamp, duration, period or type)");
  }

  Value read_typed_map(od::value& payload, od::json_type type, std::size_t at, int depth) {
    if (type != od::json_type::array) fail_at(at, "\"map\" takes an array of [key, value] pairs");
    enter_container(depth);
    od::array array;
    if (auto code = payload.get_array().get(array)) fail(code);
    std::vector<Map::Entry> entries;
    for (auto pair_result : array) {
      od::value pair;
      if (auto code = pair_result.get(pair)) fail(code);
      enter(pair);
      std::size_t pair_at = last_offset_;
      if (type_of(pair) != od::json_type::array) fail_at(pair_at, "a map entry is a [key, value] pair");
      od::array items;
      if (auto code = pair.get_array().get(items)) fail(code);
      std::vector<Value> kv;
      for (auto item_result : items) {
        od::value item;
        if (auto code = item_result.get(item)) fail(code);
        if (kv.size() == 2) fail_at(pair_at, "a map entry is a [key, value] pair");
        kv.push_back(read_typed(item, depth + 2));
      }
      if (kv.size() != 2) fail_at(pair_at, "a map entry is a [key, value] pair");
      Kind key_kind = kv[0].kind();
      if (key_kind != Kind::Bool && key_kind != Kind::Int && key_kind != Kind::Uint && key_kind != Kind::String) {
        fail_at(pair_at, "a map key is a bool, int, uint or string, not " + std::string(type_name(key_kind)));
      }
      for (const auto& entry : entries) {
        if (same_map_key(entry.first, kv[0])) fail_at(pair_at, "duplicate map key");
      }
      entries.emplace_back(std::move(kv[0]), std::move(kv[1]));
    }
    return Value::map(Map(std::move(entries)));
  }

  template <typename Integer>
  static bool parse_decimal(std::string_view text, Integer& out) {
    if (text.empty()) return false;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
    return ec == std::errc() && end == text.data() + text.size();
  }

  const char* base_;
  std::string_view text_;
  bool typed_;
  std::size_t last_offset_ = 0;
};

JsonResult read_json(std::string_view json, bool typed) {
  // One parser per thread: it keeps its buffers between calls.
  thread_local od::parser parser;
  simdjson::padded_string text(json);
  Reader reader(text, typed);
  return reader.read(parser, text);
}

}  // namespace

JsonResult parse_json(std::string_view json) { return read_json(json, false); }

JsonResult parse_typed_json(std::string_view json) { return read_json(json, true); }

std::string to_json(const Value& value) {
  std::string out;
  write_plain(out, value);
  return out;
}

void append_json(std::string& out, const Value& value) { write_plain(out, value); }

std::string to_typed_json(const Value& value) {
  std::string out;
  write_typed(out, value);
  return out;
}

}  // namespace accord::eval
