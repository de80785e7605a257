#include "eval/errors.hpp"

#include <accord/eval/operators.hpp>

#include <charconv>

namespace accord::eval::detail {

Value no_overload(std::string_view function, std::initializer_list<Kind> kinds, Span span) {
  std::string message = "no matching overload for '";
  message += function;
  message += "' applied to (";
  bool first = true;
  for (Kind kind : kinds) {
    if (!first) message += ", ";
    first = false;
    message += kind_label(kind);
  }
  message += ')';
  return Value::error(std::move(message), span);
}

std::string describe_key(const Value& key) {
  char buffer[32];
  switch (key.kind()) {
    case Kind::String: {
      std::string text = "'";
      text += key.as_string();
      text += '\'';
      return text;
    }
    case Kind::Int: {
      auto end = std::to_chars(buffer, buffer + sizeof buffer, key.as_int()).ptr;
      return std::string(buffer, end);
    }
    case Kind::Uint: {
      auto end = std::to_chars(buffer, buffer + sizeof buffer, key.as_uint()).ptr;
      return std::string(buffer, end) + "u";
    }
    case Kind::Double: {
      auto end = std::to_chars(buffer, buffer + sizeof buffer, key.as_double()).ptr;
      return std::string(buffer, end);
    }
    case Kind::Bool:
      return key.as_bool() ? "true" : "false";
    default:
      return "of type " + std::string(kind_label(key.kind()));
  }
}

Value no_such_key(const Value& key, Span span) {
  return Value::error("no such key " + describe_key(key), span);
}

Value no_such_key(std::string_view key, Span span) {
  std::string message = "no such key '";
  message += key;
  message += '\'';
  return Value::error(std::move(message), span);
}

}  // namespace accord::eval::detail
