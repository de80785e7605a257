// Values of the condition language: CEL's kinds plus agreements' calendar
// periods, with errors as values.
//
//   accord::eval::Value v = accord::eval::Value::integer(42);
//   if (v.kind() == accord::eval::Kind::Int) use(v.as_int());
//   accord::eval::Value e = accord::eval::Value::error("division by zero");
//
// Copying a Value is cheap: lists, maps, owned text and errors are shared,
// immutable, reference-counted. Text made with *_view() borrows: whoever
// made it keeps the characters alive while the value is in use (an event's
// fields outlive every evaluation against that event).
#pragma once

#include <accord/eval/time.hpp>
#include <accord/source.hpp>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace accord::eval {

enum class Kind : std::uint8_t {
  Null, Bool, Int, Uint, Double, String, Bytes, List, Map,
  Timestamp, Duration, Period, Type, Error,
};

// CEL's name of the type of values of this kind: "null_type", "bool",
// "int", "uint", "double", "string", "bytes", "list", "map",
// "google.protobuf.Timestamp", "google.protobuf.Duration", "accord.Period",
// "type"; "error" for errors.
std::string_view type_name(Kind kind);

class Value;
class Map;
using List = std::vector<Value>;

// Why an evaluation failed, and where in the condition.
struct ErrorInfo {
  std::string message;
  Span span;
};

class Value {
 public:
  Value() = default;  // null

  static Value null() { return Value(); }
  static Value boolean(bool b) { return Value(std::in_place_index<1>, b); }
  static Value integer(std::int64_t i) { return Value(std::in_place_index<2>, i); }
  static Value unsigned_integer(std::uint64_t u) { return Value(std::in_place_index<3>, u); }
  static Value real(double d) { return Value(std::in_place_index<4>, d); }
  static Value string(std::string text);
  static Value string_view(std::string_view borrowed) {
    return Value(std::in_place_index<5>, Text{borrowed, nullptr});
  }
  static Value bytes(std::string data);
  static Value bytes_view(std::string_view borrowed);
  static Value list(List elements);
  static Value map(Map entries);
  static Value timestamp(Timestamp t) { return Value(std::in_place_index<9>, t); }
  static Value duration(Duration d) { return Value(std::in_place_index<10>, d); }
  static Value period(Period p) { return Value(std::in_place_index<11>, p); }
  static Value type(Kind kind) { return Value(std::in_place_index<12>, TypeRep{kind}); }
  static Value error(std::string message, Span span = {});

  Kind kind() const { return static_cast<Kind>(rep_.index()); }
  bool is_error() const { return kind() == Kind::Error; }
  // Whether it holds memory of its own (an owned string, a list, a map, an
  // error): one that does not can be forgotten without being destroyed.
  bool owns_memory() const {
    switch (kind()) {
      case Kind::String: return std::get<5>(rep_).owner != nullptr;
      case Kind::Bytes: return std::get<6>(rep_).owner != nullptr;
      case Kind::List:
      case Kind::Map:
      case Kind::Error: return true;
      default: return false;
    }
  }

  // Accessors; each requires the matching kind().
  bool as_bool() const { return std::get<1>(rep_); }
  std::int64_t as_int() const { return std::get<2>(rep_); }
  std::uint64_t as_uint() const { return std::get<3>(rep_); }
  double as_double() const { return std::get<4>(rep_); }
  std::string_view as_string() const { return std::get<5>(rep_).view; }
  std::string_view as_bytes() const { return std::get<6>(rep_).view; }
  const List& as_list() const { return *std::get<7>(rep_); }
  const Map& as_map() const { return *std::get<8>(rep_); }
  Timestamp as_timestamp() const { return std::get<9>(rep_); }
  Duration as_duration() const { return std::get<10>(rep_); }
  const Period& as_period() const { return std::get<11>(rep_); }
  Kind as_type() const { return std::get<12>(rep_).kind; }
  const ErrorInfo& as_error() const { return *std::get<13>(rep_); }

 private:
  struct Text {
    std::string_view view;
    std::shared_ptr<const std::string> owner;  // null when borrowed
  };
  struct BytesText : Text {};
  struct TypeRep {
    Kind kind;
  };
  // The alternatives are in Kind's order: kind() is the index.
  using Rep = std::variant<std::monostate, bool, std::int64_t, std::uint64_t,
                           double, Text, BytesText, std::shared_ptr<const List>,
                           std::shared_ptr<const Map>, Timestamp, Duration,
                           Period, TypeRep, std::shared_ptr<const ErrorInfo>>;

  // Built in place: a Rep built first and moved in costs a visit of the variant.
  template <std::size_t kIndex, class... Args>
  explicit Value(std::in_place_index_t<kIndex> index, Args&&... args)
      : rep_(index, std::forward<Args>(args)...) {}

  Rep rep_;
};

// A CEL map: keys are bool, int, uint or string, unique under CEL equality
// (1, 1u and 1.0 are the same key). Entries keep their insertion order.
class Map {
 public:
  using Entry = std::pair<Value, Value>;

  Map() = default;
  explicit Map(std::vector<Entry> entries);

  // The value under `key`, or nullptr. Numeric keys match across int,
  // uint and double as CEL's heterogeneous equality says.
  const Value* find(const Value& key) const;
  // The value under a string key, or nullptr.
  const Value* find(std::string_view key) const;

  std::size_t size() const { return entries_.size(); }
  const std::vector<Entry>& entries() const { return entries_; }
  auto begin() const { return entries_.begin(); }
  auto end() const { return entries_.end(); }

 private:
  std::vector<Entry> entries_;
};

}  // namespace accord::eval
