#include <accord/eval/operators.hpp>

#include <string>

namespace accord::eval {

namespace {

bool is_number(Kind kind) {
  return kind == Kind::Int || kind == Kind::Uint || kind == Kind::Double;
}

std::partial_ordering compare_doubles(double a, double b) { return a <=> b; }

// Numbers of any two numeric kinds. int and uint compare exactly; a double
// against an int or uint compares in double precision, as CEL's reference
// implementations do (so 9223372036854775807 == 9223372036854775808.0).
std::partial_ordering compare_numbers(const Value& a, const Value& b) {
  switch (a.kind()) {
    case Kind::Int:
      switch (b.kind()) {
        case Kind::Int: return a.as_int() <=> b.as_int();
        case Kind::Uint:
          if (a.as_int() < 0) return std::partial_ordering::less;
          return static_cast<std::uint64_t>(a.as_int()) <=> b.as_uint();
        default: return compare_doubles(static_cast<double>(a.as_int()), b.as_double());
      }
    case Kind::Uint:
      switch (b.kind()) {
        case Kind::Int:
          if (b.as_int() < 0) return std::partial_ordering::greater;
          return a.as_uint() <=> static_cast<std::uint64_t>(b.as_int());
        case Kind::Uint: return a.as_uint() <=> b.as_uint();
        default: return compare_doubles(static_cast<double>(a.as_uint()), b.as_double());
      }
    default:
      switch (b.kind()) {
        case Kind::Int: return compare_doubles(a.as_double(), static_cast<double>(b.as_int()));
        case Kind::Uint: return compare_doubles(a.as_double(), static_cast<double>(b.as_uint()));
        default: return compare_doubles(a.as_double(), b.as_double());
      }
  }
}

bool equal_lists(const List& a, const List& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (!equal(a[i], b[i])) return false;
  }
  return true;
}

// Keys are unique in a map, so equal sizes and every key of `a` found in `b`
// with an equal value means the maps are equal.
bool equal_maps(const Map& a, const Map& b) {
  if (a.size() != b.size()) return false;
  for (const Map::Entry& entry : a) {
    const Value* other = b.find(entry.first);
    if (other == nullptr || !equal(entry.second, *other)) return false;
  }
  return true;
}

}  // namespace

bool equal(const Value& a, const Value& b) {
  if (is_number(a.kind()) && is_number(b.kind())) {
    return compare_numbers(a, b) == std::partial_ordering::equivalent;
  }
  if (a.kind() != b.kind()) return false;
  switch (a.kind()) {
    case Kind::Null: return true;
    case Kind::Bool: return a.as_bool() == b.as_bool();
    case Kind::String: return a.as_string() == b.as_string();
    case Kind::Bytes: return a.as_bytes() == b.as_bytes();
    case Kind::List: return equal_lists(a.as_list(), b.as_list());
    case Kind::Map: return equal_maps(a.as_map(), b.as_map());
    case Kind::Timestamp: return a.as_timestamp() == b.as_timestamp();
    case Kind::Duration: return a.as_duration() == b.as_duration();
    case Kind::Period: return a.as_period() == b.as_period();
    case Kind::Type: return a.as_type() == b.as_type();
    default: return false;  // numbers are handled above; errors equal nothing
  }
}

std::optional<std::partial_ordering> compare(const Value& a, const Value& b) {
  if (is_number(a.kind()) && is_number(b.kind())) return compare_numbers(a, b);
  if (a.kind() != b.kind()) return std::nullopt;
  switch (a.kind()) {
    case Kind::Bool: return a.as_bool() <=> b.as_bool();
    // Byte order of UTF-8 is code point order.
    case Kind::String: return a.as_string() <=> b.as_string();
    case Kind::Bytes: return a.as_bytes() <=> b.as_bytes();
    case Kind::Timestamp: return a.as_timestamp() <=> b.as_timestamp();
    case Kind::Duration: return a.as_duration() <=> b.as_duration();
    default: return std::nullopt;
  }
}

std::string_view kind_label(Kind kind) {
  switch (kind) {
    case Kind::Null: return "null";
    case Kind::Timestamp: return "timestamp";
    case Kind::Duration: return "duration";
    case Kind::Period: return "period";
    default: return type_name(kind);
  }
}

}  // namespace accord::eval
