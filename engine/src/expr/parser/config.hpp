// The types every part of the grammar is compiled for: the iterator, the
// skipper, and the one parse context (skipper plus our error sink).
#pragma once

#include "expr/parser/error_sink.hpp"

#include <boost/spirit/home/x3/char.hpp>
#include <boost/spirit/home/x3/core.hpp>
#include <boost/spirit/home/x3/directive/with.hpp>
#include <boost/spirit/home/x3/operator.hpp>
#include <boost/spirit/home/x3/string.hpp>
#include <boost/spirit/home/x3/support/utility/error_reporting.hpp>

#include <functional>
#include <type_traits>

namespace accord::expr::parser {

namespace x3 = boost::spirit::x3;

using iterator_type = const char*;

// Between tokens: spaces, tabs, line breaks, form feeds and `//` comments,
// which run to the end of the line. (Byte-wise: the standard encoding takes
// every byte; x3::ascii would refuse UTF-8 inside strings.)
inline const auto skipper =
    x3::standard::char_(" \t\r\n\f") |
    (x3::lit("//") >> *(x3::standard::char_ - x3::standard::char_("\r\n")));
using skipper_type = std::remove_cv_t<decltype(skipper)>;

using phrase_context_type = x3::phrase_parse_context<skipper_type>::type;
using context_type =
    x3::context<x3::error_handler_tag, std::reference_wrapper<error_sink>, phrase_context_type>;

}  // namespace accord::expr::parser
