#include <accord/eval/value.hpp>

namespace accord::eval {

std::string_view type_name(Kind kind) {
  switch (kind) {
    case Kind::Null: return "null_type";
    case Kind::Bool: return "bool";
    case Kind::Int: return "int";
    case Kind::Uint: return "uint";
    case Kind::Double: return "double";
    case Kind::String: return "string";
    case Kind::Bytes: return "bytes";
    case Kind::List: return "list";
    case Kind::Map: return "map";
    case Kind::Timestamp: return "google.protobuf.Timestamp";
    case Kind::Duration: return "google.protobuf.Duration";
    case Kind::Period: return "accord.Period";
    case Kind::Type: return "type";
    case Kind::Error: return "error";
  }
  return "error";
}

Value Value::string(std::string text) {
  auto owner = std::make_shared<const std::string>(std::move(text));
  std::string_view view = *owner;
  return Value(Rep(std::in_place_index<5>, Text{view, std::move(owner)}));
}

Value Value::string_view(std::string_view borrowed) {
  return Value(Rep(std::in_place_index<5>, Text{borrowed, nullptr}));
}

Value Value::bytes(std::string data) {
  auto owner = std::make_shared<const std::string>(std::move(data));
  std::string_view view = *owner;
  return Value(Rep(std::in_place_index<6>, BytesText{{view, std::move(owner)}}));
}

Value Value::bytes_view(std::string_view borrowed) {
  return Value(Rep(std::in_place_index<6>, BytesText{{borrowed, nullptr}}));
}

Value Value::list(List elements) {
  return Value(Rep(std::in_place_index<7>,
                   std::make_shared<const List>(std::move(elements))));
}

Value Value::map(Map entries) {
  return Value(Rep(std::in_place_index<8>,
                   std::make_shared<const Map>(std::move(entries))));
}

Value Value::error(std::string message, Span span) {
  return Value(Rep(std::in_place_index<13>,
                   std::make_shared<const ErrorInfo>(ErrorInfo{std::move(message), span})));
}

}  // namespace accord::eval
