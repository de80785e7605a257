#include "report/escape.hpp"

#include "utf8.hpp"

namespace accord::report::detail {

namespace {

constexpr std::string_view kReplacement = "\xef\xbf\xbd";  // U+FFFD

// Calls `ascii(byte)` for each ASCII character and `other(sequence)` for each
// well-formed non-ASCII UTF-8 sequence; a byte that starts none is passed to
// `other` as U+FFFD.
template <typename Ascii, typename Other>
void for_each_character(std::string_view text, Ascii&& ascii, Other&& other) {
  std::size_t i = 0;
  while (i < text.size()) {
    auto byte = static_cast<unsigned char>(text[i]);
    if (byte < 0x80) {
      ascii(static_cast<char>(byte));
      ++i;
      continue;
    }
    std::size_t length = accord::detail::utf8_sequence_length(text, i);
    if (length == 0) {
      other(kReplacement);
      ++i;
    } else {
      other(text.substr(i, length));
      i += length;
    }
  }
}

bool is_c1_control(std::string_view sequence) {  // U+0080..U+009F
  return sequence.size() == 2 && static_cast<unsigned char>(sequence[0]) == 0xc2 &&
         static_cast<unsigned char>(sequence[1]) <= 0x9f;
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; }

std::string_view trimmed(std::string_view text) {
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

}  // namespace

std::string markdown_text(std::string_view text) {
  text = trimmed(text);
  std::string out;
  out.reserve(text.size() + 8);
  for_each_character(
      text,
      [&](char c) {
        if (is_space(c)) {
          out += ' ';
        } else if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
          out += kReplacement;
        } else {
          if (std::string_view("\\`*_[]<>|~&").find(c) != std::string_view::npos) out += '\\';
          out += c;
        }
      },
      [&](std::string_view sequence) { out += is_c1_control(sequence) ? kReplacement : sequence; });

  // A line that starts with a block marker would become a heading, a list
  // item or a quote where the text starts a line (after "> ", say).
  if (!out.empty() && std::string_view("#+-=").find(out.front()) != std::string_view::npos) {
    out.insert(out.begin(), '\\');
  } else {
    std::size_t digits = 0;
    while (digits < out.size() && out[digits] >= '0' && out[digits] <= '9') ++digits;
    if (digits > 0 && digits < out.size() && (out[digits] == '.' || out[digits] == ')')) {
      out.insert(out.begin() + static_cast<std::ptrdiff_t>(digits), '\\');
    }
  }
  return out;
}

namespace {

std::string xml_escaped(std::string_view text, bool attribute) {
  std::string out;
  out.reserve(text.size() + 8);
  for_each_character(
      text,
      [&](char c) {
        switch (c) {
          case '&': out += "&amp;"; break;
          case '<': out += "&lt;"; break;
          case '>': out += "&gt;"; break;
          case '\r': out += "&#13;"; break;
          case '"': out += attribute ? "&quot;" : "\""; break;
          case '\t': out += attribute ? "&#9;" : "\t"; break;
          case '\n': out += attribute ? "&#10;" : "\n"; break;
          default:
            if (static_cast<unsigned char>(c) < 0x20) {
              out += kReplacement;
            } else {
              out += c;
            }
        }
      },
      [&](std::string_view sequence) {
        // U+FFFE and U+FFFF (EF BF BE, EF BF BF) are not XML characters;
        // C1 controls are, but XML 1.0 discourages them and a terminal obeys them.
        bool unfit = sequence == "\xef\xbf\xbe" || sequence == "\xef\xbf\xbf" || is_c1_control(sequence);
        out += unfit ? kReplacement : sequence;
      });
  return out;
}

}  // namespace

std::string xml_text(std::string_view text) { return xml_escaped(text, false); }

std::string xml_attribute(std::string_view text) { return xml_escaped(text, true); }

std::string path_uri(std::string_view path) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out = path.starts_with('/') ? "file://" : "";
  for (char c : path) {
    auto byte = static_cast<unsigned char>(c);
    bool unreserved = (byte >= 'a' && byte <= 'z') || (byte >= 'A' && byte <= 'Z') ||
                      (byte >= '0' && byte <= '9') || c == '-' || c == '.' || c == '_' ||
                      c == '~' || c == '/';
    if (unreserved) {
      out += c;
    } else {
      out += '%';
      out += kHex[byte >> 4];
      out += kHex[byte & 0xf];
    }
  }
  return out;
}

}  // namespace accord::report::detail
