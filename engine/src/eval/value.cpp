#include <accord/eval/value.hpp>

#include <cmath>

namespace accord::eval {

namespace {

// Map keys are equal under CEL's heterogeneous equality: numbers compare by
// value across int, uint and double; other kinds only with their own kind.
bool same_key(const Value& a, const Value& b) {
  auto numeric = [](const Value& v) {
    return v.kind() == Kind::Int || v.kind() == Kind::Uint || v.kind() == Kind::Double;
  };
  if (numeric(a) && numeric(b)) {
    if (a.kind() == Kind::Double || b.kind() == Kind::Double) {
      const Value& d = a.kind() == Kind::Double ? a : b;
      const Value& other = a.kind() == Kind::Double ? b : a;
      double x = d.as_double();
      if (other.kind() == Kind::Double) return x == other.as_double();
      if (std::trunc(x) != x) return false;
      if (other.kind() == Kind::Int) {
        return x >= -9223372036854775808.0 && x < 9223372036854775808.0 &&
               static_cast<std::int64_t>(x) == other.as_int();
      }
      return x >= 0.0 && x < 18446744073709551616.0 &&
             static_cast<std::uint64_t>(x) == other.as_uint();
    }
    if (a.kind() == b.kind()) {
      return a.kind() == Kind::Int ? a.as_int() == b.as_int() : a.as_uint() == b.as_uint();
    }
    const Value& i = a.kind() == Kind::Int ? a : b;
    const Value& u = a.kind() == Kind::Int ? b : a;
    return i.as_int() >= 0 && static_cast<std::uint64_t>(i.as_int()) == u.as_uint();
  }
  if (a.kind() != b.kind()) return false;
  switch (a.kind()) {
    case Kind::Bool: return a.as_bool() == b.as_bool();
    case Kind::String: return a.as_string() == b.as_string();
    default: return false;
  }
}

}  // namespace

Map::Map(std::vector<Entry> entries) : entries_(std::move(entries)) {}

const Value* Map::find(const Value& key) const {
  for (const Entry& entry : entries_) {
    if (same_key(entry.first, key)) return &entry.second;
  }
  return nullptr;
}

const Value* Map::find(std::string_view key) const {
  for (const Entry& entry : entries_) {
    if (entry.first.kind() == Kind::String && entry.first.as_string() == key) {
      return &entry.second;
    }
  }
  return nullptr;
}

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
  return Value(std::in_place_index<5>, Text{view, std::move(owner)});
}

Value Value::bytes(std::string data) {
  auto owner = std::make_shared<const std::string>(std::move(data));
  std::string_view view = *owner;
  return Value(std::in_place_index<6>, BytesText{{view, std::move(owner)}});
}

Value Value::bytes_view(std::string_view borrowed) {
  return Value(std::in_place_index<6>, BytesText{{borrowed, nullptr}});
}

Value Value::list(List elements) {
  return Value(std::in_place_index<7>,
               std::make_shared<const List>(std::move(elements)));
}

Value Value::map(Map entries) {
  return Value(std::in_place_index<8>,
               std::make_shared<const Map>(std::move(entries)));
}

Value Value::error(std::string message, Span span) {
  return Value(std::in_place_index<13>,
               std::make_shared<const ErrorInfo>(ErrorInfo{std::move(message), span}));
}

}  // namespace accord::eval
