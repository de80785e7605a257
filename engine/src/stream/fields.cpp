#include "stream/fields.hpp"

#include <charconv>

namespace accord::stream::detail {

namespace {

std::string quoted(std::string_view text) {
  constexpr std::size_t kShown = 40;
  if (text.size() <= kShown) return "'" + std::string(text) + "'";
  return "'" + std::string(text.substr(0, kShown)) + "...'";
}

}  // namespace

std::optional<std::string> apply_field(EventBuilder& builder, std::string_view name,
                                       eval::Value value) {
  using eval::Kind;
  if (value.kind() == Kind::Null) return std::nullopt;
  if (name == "id") {
    if (value.kind() == Kind::String) {
      builder.set_id(value.as_string());
    } else if (value.kind() == Kind::Int || value.kind() == Kind::Uint) {
      char digits[24];
      auto [end, error] = value.kind() == Kind::Int
                              ? std::to_chars(digits, digits + sizeof digits, value.as_int())
                              : std::to_chars(digits, digits + sizeof digits, value.as_uint());
      builder.set_id(std::string_view(digits, static_cast<std::size_t>(end - digits)));
    } else {
      return "'id' must be a string or an integer, not " +
             std::string(eval::type_name(value.kind()));
    }
    return std::nullopt;
  }
  if (name == "time") {
    if (value.kind() != Kind::String) {
      return "'time' must be a string, not " + std::string(eval::type_name(value.kind()));
    }
    auto time = parse_event_time(value.as_string());
    if (!time) {
      return "'time' " + quoted(value.as_string()) +
             " is not a date (YYYY-MM-DD) or a date-time with an offset "
             "(YYYY-MM-DDThh:mm[:ss[.fraction]]Z or ±hh:mm) between years 1 and 9999";
    }
    builder.set_time(*time);
    return std::nullopt;
  }
  if (name == "type") {
    if (value.kind() != Kind::String) {
      return "'type' must be a string, not " + std::string(eval::type_name(value.kind()));
    }
    if (value.as_string().empty()) return std::string("'type' is empty");
    builder.set_type(value.as_string());
    return std::nullopt;
  }
  if (auto field = builder.find(name)) builder.set_field(*field, std::move(value));
  return std::nullopt;
}

void finish_item(EventBuilder& builder, Origin origin, std::string problem, ReadItem& item) {
  if (problem.empty()) {
    Event* event = std::get_if<Event>(&item);
    if (event == nullptr) event = &item.emplace<Event>();
    problem = builder.finish(*event);
    if (problem.empty()) return;
  }
  item = InputError{origin, std::move(problem)};
}

}  // namespace accord::stream::detail
