// Custom X3 parsers used by the grammar (grammar_def.hpp).
//
//   enclosed(parentheses)[p]   '(' p ')': reports a missing ')' with the
//                              position of its '(', and counts nesting depth
//   nesting_kleene[p]          *p and +p for repetitions that each nest one
//   nesting_plus[p]            level deeper in the tree (operator chains),
//                              refused (E103) past the nesting limit
//   no_reserved_word           refuses a reserved word where a name starts
//   no_message_construction    refuses `Name{...}` after a member
//
// None of them has a semantic action; the last two consume nothing.
#pragma once

#include "expr/parser/error_sink.hpp"

#include <boost/spirit/home/x3/core.hpp>
#include <boost/spirit/home/x3/core/detail/parse_into_container.hpp>
#include <boost/spirit/home/x3/support/traits/container_traits.hpp>
#include <boost/spirit/home/x3/support/utility/error_reporting.hpp>

#include <algorithm>
#include <array>
#include <string>
#include <string_view>

namespace accord::expr::parser {

namespace x3 = boost::spirit::x3;

// The opening and closing text of a bracketed construct, and how a missing
// closer is reported: "expected <closer> to close <opener> at L:C".
struct delimiters {
  std::string_view open;
  std::string_view close;
  std::string_view closer;  // as quoted in the message, e.g. "')'"
  std::string_view opener;  // e.g. "'('" or "the string"
  bool nests;               // counts toward the nesting limit
  std::string_view note_at_line_break = {};  // added when the closer is missing at a line break
};

namespace detail {

template <typename Iterator>
bool starts_with(Iterator first, Iterator last, std::string_view text) {
  return static_cast<std::size_t>(last - first) >= text.size() &&
         std::equal(text.begin(), text.end(), first);
}

template <typename Context>
error_sink& sink_of(const Context& context) {
  return x3::get<x3::error_handler_tag>(context).get();
}

inline bool is_identifier_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

}  // namespace detail

template <typename Subject>
struct enclosed_directive : x3::unary_parser<Subject, enclosed_directive<Subject>> {
  using base_type = x3::unary_parser<Subject, enclosed_directive<Subject>>;
  static const bool is_pass_through_unary = true;
  static const bool handles_container = Subject::handles_container;

  constexpr enclosed_directive(const Subject& subject, const delimiters& delims)
      : base_type(subject), delims(delims) {}

  template <typename Iterator, typename Context, typename RContext, typename Attribute>
  bool parse(Iterator& first, const Iterator& last, const Context& context, RContext& rcontext,
             Attribute& attr) const {
    x3::skip_over(first, last, context);
    if (!detail::starts_with(first, last, delims.open)) return false;
    error_sink& sink = detail::sink_of(context);
    const Iterator opened = first;
    Iterator at = first + static_cast<std::ptrdiff_t>(delims.open.size());
    if (delims.nests) {
      nesting_scope scope(sink, opened);
      if (!this->subject.parse(at, last, context, rcontext, attr)) return false;
    } else if (!this->subject.parse(at, last, context, rcontext, attr)) {
      return false;
    }
    x3::skip_over(at, last, context);
    if (!detail::starts_with(at, last, delims.close)) {
      sink.unclosed(opened, at, delims.closer, delims.opener, delims.note_at_line_break);
    }
    first = at + static_cast<std::ptrdiff_t>(delims.close.size());
    return true;
  }

  delimiters delims;
};

struct enclosed_gen {
  delimiters delims;

  template <typename Subject>
  constexpr enclosed_directive<typename x3::extension::as_parser<Subject>::value_type> operator[](
      const Subject& subject) const {
    return {x3::as_parser(subject), delims};
  }
};

constexpr enclosed_gen enclosed(const delimiters& delims) { return {delims}; }

// Like x3's *p (minimum 0) and +p (minimum 1), for repetitions that each
// add a level to the tree: `1 + 1 + 1` (a left-leaning chain), `a.b.c`,
// `!!x`, `a ? b : c ? d : e`. A run longer than the nesting limit can never
// fit in it, so it is refused as soon as it gets there, at the repetition
// that crosses the limit, rather than after the whole run has been read.
// (lower.cpp still checks the depth of the whole tree.)
template <typename Subject>
struct nesting_repeat_directive : x3::unary_parser<Subject, nesting_repeat_directive<Subject>> {
  using base_type = x3::unary_parser<Subject, nesting_repeat_directive<Subject>>;
  static const bool handles_container = true;

  constexpr nesting_repeat_directive(const Subject& subject, std::size_t minimum)
      : base_type(subject), minimum(minimum) {}

  template <typename Iterator, typename Context, typename RContext, typename Attribute>
  bool parse(Iterator& first, const Iterator& last, const Context& context, RContext& rcontext,
             Attribute& attr) const {
    error_sink& sink = detail::sink_of(context);
    Iterator at = first;
    std::size_t count = 0;
    for (;;) {
      Iterator item = at;
      // The same step x3's kleene takes: parse one more element into attr.
      if (!x3::detail::parse_into_container(this->subject, at, last, context, rcontext, attr)) {
        break;
      }
      if (++count > sink.max_nesting_depth()) sink.nested_too_deeply(sink.skip_blanks(item));
    }
    if (count < minimum) return false;
    first = at;
    return true;
  }

  std::size_t minimum;
};

template <std::size_t Minimum>
struct nesting_repeat_gen {
  template <typename Subject>
  constexpr nesting_repeat_directive<typename x3::extension::as_parser<Subject>::value_type>
  operator[](const Subject& subject) const {
    return {x3::as_parser(subject), Minimum};
  }
};

inline constexpr nesting_repeat_gen<0> nesting_kleene{};
inline constexpr nesting_repeat_gen<1> nesting_plus{};

// Words that cannot name a variable or function. CEL reserves them to
// ease embedding in host languages; `in` is an operator, and `true`,
// `false` and `null` are literals (matched before this guard is reached,
// except after a leading '.'). The host-language words may still follow a
// '.', as field or function names: `x.if`, `x.for()`.
inline constexpr std::array<std::string_view, 21> reserved_words = {
    "as",  "break", "const",  "continue",  "else",   "for", "function",
    "if",  "import", "let",   "loop",      "package", "namespace", "return",
    "var", "void",  "while",  "in",        "true",   "false", "null"};

struct no_reserved_word_parser : x3::parser<no_reserved_word_parser> {
  using attribute_type = x3::unused_type;
  static const bool has_attribute = false;

  template <typename Iterator, typename Context, typename RContext, typename Attribute>
  bool parse(Iterator& first, const Iterator& last, const Context& context, RContext&,
             Attribute&) const {
    Iterator at = first;
    x3::skip_over(at, last, context);
    if (at != last && *at == '.') {
      ++at;
      x3::skip_over(at, last, context);
    }
    Iterator word_end = at;
    while (word_end != last && detail::is_identifier_char(*word_end)) ++word_end;
    std::string_view word(at, static_cast<std::size_t>(word_end - at));
    if (std::find(reserved_words.begin(), reserved_words.end(), word) != reserved_words.end()) {
      error_sink& sink = detail::sink_of(context);
      std::string message =
          word == "in"
              ? std::string("'in' is an operator and cannot be used as a name")
              : "'" + std::string(word) + "' is a reserved word and cannot be used as a name";
      sink.fail("E105", std::move(message), {sink.offset(at), sink.offset(word_end)});
    }
    return true;
  }
};

struct no_message_construction_parser : x3::parser<no_message_construction_parser> {
  using attribute_type = x3::unused_type;
  static const bool has_attribute = false;

  template <typename Iterator, typename Context, typename RContext, typename Attribute>
  bool parse(Iterator& first, const Iterator& last, const Context& context, RContext&,
             Attribute&) const {
    Iterator at = first;
    x3::skip_over(at, last, context);
    if (at != last && *at == '{') {
      error_sink& sink = detail::sink_of(context);
      sink.fail("E102",
                "message construction (Name{field: value}) is not supported; "
                "a condition can build a map instead: {'field': value}",
                sink.character_at(at));
    }
    return true;
  }
};

inline constexpr no_reserved_word_parser no_reserved_word{};
inline constexpr no_message_construction_parser no_message_construction{};

}  // namespace accord::expr::parser

namespace boost::spirit::x3::traits {

// The attribute of nesting_kleene[p] is that of *p: a container of p's.
template <typename Subject, typename Context>
struct attribute_of<accord::expr::parser::nesting_repeat_directive<Subject>, Context>
    : build_container<typename attribute_of<Subject, Context>::type> {};

}  // namespace boost::spirit::x3::traits
