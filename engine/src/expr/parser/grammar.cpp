// The one translation unit that instantiates the condition grammar, for the
// one context type in config.hpp. Only this file is recompiled when the
// grammar changes.
#include "expr/parser/config.hpp"
#include "expr/parser/grammar_def.hpp"

namespace accord::expr::parser::grammar {

BOOST_SPIRIT_INSTANTIATE(condition_type, iterator_type, context_type)

}  // namespace accord::expr::parser::grammar
