#include "expr/parser/error_sink.hpp"

#include "expr/parser/grammar.hpp"

#include <initializer_list>
#include <string>

namespace accord::expr::parser {

namespace {

bool continues_code_point(char byte) {
  return (static_cast<unsigned char>(byte) & 0xC0U) == 0x80U;
}

bool is_line_break(char c) { return c == '\n' || c == '\r'; }

bool is_identifier_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

}  // namespace

error_sink::error_sink(std::string_view text, Location origin, std::size_t max_nesting_depth)
    : text_(text), origin_(origin), max_nesting_depth_(max_nesting_depth) {}

Span error_sink::character_at(const char* at) const {
  const char* end = text_.data() + text_.size();
  const char* next = at;
  if (next != end) {
    ++next;
    while (next != end && continues_code_point(*next)) ++next;
  }
  return {offset(at), offset(next)};
}

void error_sink::fail(std::string_view code, std::string message, Span span) {
  diagnostics_.error(std::string(code), std::move(message), span);
  throw parse_abandoned{};
}

void error_sink::expected(const char* where, std::string_view what) {
  const char* at = skip_blanks(where);
  const char* end = text_.data() + text_.size();
  std::string message = "expected " + std::string(what);
  if (at != end) {
    std::string_view rest(at, static_cast<std::size_t>(end - at));
    // Hints for what people coming from other languages often write.
    if (what == end_of_condition_name) {
      if (rest.starts_with('=') && !rest.starts_with("==")) {
        message += " (use '==' to compare)";
      } else if (rest.starts_with('&') && !rest.starts_with("&&")) {
        message += " (use '&&' for 'and')";
      } else if (rest.starts_with('|') && !rest.starts_with("||")) {
        message += " (use '||' for 'or')";
      }
    } else if (what == field_name_name) {
      for (std::string_view keyword : {"true", "false", "null", "in"}) {
        bool whole_word = rest.size() == keyword.size() ||
                          (rest.size() > keyword.size() &&
                           !is_identifier_char(rest[keyword.size()]));
        if (rest.starts_with(keyword) && whole_word) {
          std::string word(keyword);
          message += " ('" + word + "' is a keyword; a field of that name is written `" + word +
                     "`)";
        }
      }
    } else if (what == expression_name && (rest.starts_with('!') || rest.starts_with('-'))) {
      message += " (CEL does not allow '!' and '-' next to each other: write !(-x) or -(!x))";
    }
  }
  diagnostics_.error("E102", std::move(message), character_at(at));
}

void error_sink::unclosed(const char* opened, const char* at, std::string_view closer,
                          std::string_view opener, std::string_view note) {
  std::string message = "expected " + std::string(closer) + " to close " + std::string(opener) +
                        " at " + position_text(opened);
  const char* end = text_.data() + text_.size();
  if (!note.empty() && at != end && is_line_break(*at)) {
    message += " (" + std::string(note) + ")";
  }
  fail("E102", std::move(message), character_at(at));
}

void error_sink::enter_nesting(const char* opened) {
  if (depth_ >= max_nesting_depth_) nested_too_deeply(opened);
  ++depth_;
}

void error_sink::nested_too_deeply(const char* at) {
  fail("E103",
       "the condition is nested too deeply (the limit is " + std::to_string(max_nesting_depth_) +
           " levels)",
       character_at(at));
}

const char* error_sink::skip_blanks(const char* at) const {
  const char* end = text_.data() + text_.size();
  while (at != end) {
    char c = *at;
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
      ++at;
    } else if (c == '/' && end - at >= 2 && at[1] == '/') {
      while (at != end && !is_line_break(*at)) ++at;
    } else {
      break;
    }
  }
  return at;
}

std::string error_sink::position_text(const char* at) const {
  std::uint32_t line = 1;
  std::uint32_t column = 1;
  for (const char* p = text_.data(); p != at; ++p) {
    if (*p == '\n') {
      ++line;
      column = 1;
    } else if (!continues_code_point(*p)) {
      ++column;
    }
  }
  if (line == 1) column += origin_.column - 1;
  line += origin_.line - 1;
  return std::to_string(line) + ":" + std::to_string(column);
}

}  // namespace accord::expr::parser
