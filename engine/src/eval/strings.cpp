#include "eval/strings.hpp"

#include "eval/errors.hpp"
#include "utf8.hpp"

#include <re2/re2.h>

namespace accord::eval::detail {

namespace {

bool both_strings(std::span<const Value* const> args) {
  return args.size() == 2 && args[0]->kind() == Kind::String && args[1]->kind() == Kind::String;
}

Value text_overload_error(std::string_view name, std::span<const Value* const> args,
                          const CallContext& context) {
  if (args.size() == 2) return no_overload(name, {args[0]->kind(), args[1]->kind()}, context.span);
  return no_overload(name, {args[0]->kind()}, context.span);
}

bool partial_match(std::string_view text, const re2::RE2& pattern) {
  return re2::RE2::PartialMatch(re2::StringPiece(text.data(), text.size()), pattern);
}

}  // namespace

Value size_function(std::span<const Value* const> args, const CallContext& context) {
  const Value& value = *args[0];
  switch (value.kind()) {
    case Kind::String:
      return Value::integer(static_cast<std::int64_t>(accord::detail::count_code_points(value.as_string())));
    case Kind::Bytes: return Value::integer(static_cast<std::int64_t>(value.as_bytes().size()));
    case Kind::List: return Value::integer(static_cast<std::int64_t>(value.as_list().size()));
    case Kind::Map: return Value::integer(static_cast<std::int64_t>(value.as_map().size()));
    default: return no_overload("size", {value.kind()}, context.span);
  }
}

Value contains_function(std::span<const Value* const> args, const CallContext& context) {
  if (!both_strings(args)) return text_overload_error("contains", args, context);
  return Value::boolean(args[0]->as_string().find(args[1]->as_string()) != std::string_view::npos);
}

Value starts_with_function(std::span<const Value* const> args, const CallContext& context) {
  if (!both_strings(args)) return text_overload_error("startsWith", args, context);
  return Value::boolean(args[0]->as_string().starts_with(args[1]->as_string()));
}

Value ends_with_function(std::span<const Value* const> args, const CallContext& context) {
  if (!both_strings(args)) return text_overload_error("endsWith", args, context);
  return Value::boolean(args[0]->as_string().ends_with(args[1]->as_string()));
}

std::shared_ptr<const re2::RE2> compile_pattern(std::string_view pattern, std::int64_t max_memory,
                                                std::string& error) {
  re2::RE2::Options options;
  options.set_max_mem(max_memory);
  options.set_log_errors(false);
  auto compiled = std::make_shared<const re2::RE2>(re2::StringPiece(pattern.data(), pattern.size()),
                                                   options);
  if (!compiled->ok()) {
    error = compiled->error();
    return nullptr;
  }
  return compiled;
}

Value matches_function(std::span<const Value* const> args, const CallContext& context) {
  if (!both_strings(args)) return text_overload_error("matches", args, context);
  std::string error;
  auto pattern = compile_pattern(args[1]->as_string(), context.max_regex_memory, error);
  if (!pattern) return Value::error("invalid regular expression: " + error, context.span);
  return Value::boolean(partial_match(args[0]->as_string(), *pattern));
}

Result MatchesNode::evaluate(Frame& frame) const {
  Result text = text_->evaluate(frame);
  if (text->is_error()) return text;
  if (text->kind() != Kind::String) return no_overload("matches", {text->kind(), Kind::String}, span());
  return Value::boolean(partial_match(text->as_string(), *pattern_));
}

}  // namespace accord::eval::detail
