#include "yaml_nodes.hpp"

#include <algorithm>
#include <map>

namespace accord::detail {

std::uint32_t offset_of(const YAML::Node& node) {
  return static_cast<std::uint32_t>(std::max(0, node.Mark().pos));
}

Span span_of(const YAML::Node& node) {
  std::uint32_t begin = offset_of(node);
  std::uint32_t end = begin + (node.IsScalar() ? static_cast<std::uint32_t>(
                                                     std::max<std::size_t>(1, node.Scalar().size()))
                                               : 1);
  return {begin, end};
}

std::string_view node_kind(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Map: return "a mapping";
    case YAML::NodeType::Sequence: return "a list";
    case YAML::NodeType::Scalar: return "text";
    default: return "nothing";
  }
}

std::string malformed_yaml(const YAML::Exception& failure) {
  std::string message = "malformed YAML: " + failure.msg;
  if (failure.msg == YAML::ErrorMsg::MAP_VALUE) {
    message += " (quote text that holds ': ', such as a condition `a ? b : c`)";
  } else if (failure.msg == YAML::ErrorMsg::END_OF_MAP_FLOW) {
    message += " (a '{' is not closed)";
  } else if (failure.msg == YAML::ErrorMsg::END_OF_SEQ_FLOW) {
    message += " (a '[' is not closed)";
  } else if (failure.msg == YAML::ErrorMsg::TAB_IN_INDENTATION) {
    message += " (indent with spaces)";
  }
  return message;
}

std::string join(const std::set<std::string_view>& names) {
  std::string joined;
  for (std::string_view name : names) joined += (joined.empty() ? "" : ", ") + std::string(name);
  return joined;
}

void NodeFields::check_keys(const YAML::Node& map, const std::set<std::string_view>& allowed,
                            std::string_view where) const {
  std::map<std::string, std::uint32_t> seen;
  for (const auto& entry : map) {
    std::string key = entry.first.IsScalar() ? entry.first.Scalar() : std::string();
    if (allowed.count(key) == 0) {
      report_(codes_.unknown_key,
              "unknown key '" + key + "' in " + std::string(where) + " (expected one of: " +
                  join(allowed) + ")",
              span_of(entry.first));
      continue;
    }
    auto [first, inserted] = seen.emplace(key, offset_of(entry.first));
    if (!inserted) {
      Location at = source_->locate(first->second);
      report_(codes_.unknown_key,
              "'" + key + "' is given twice in " + std::string(where) + " (first at " +
                  std::to_string(at.line) + ":" + std::to_string(at.column) + ")",
              span_of(entry.first));
    }
  }
}

std::optional<std::string> NodeFields::text(const YAML::Node& map, std::string_view key,
                                            bool required, std::string_view where) const {
  const YAML::Node node = map[std::string(key)];
  if (!node) {
    if (required) {
      report_(codes_.missing, std::string(where) + " has no '" + std::string(key) + "'",
              span_of(map));
    }
    return std::nullopt;
  }
  if (!node.IsScalar()) {
    report_(codes_.wrong_type,
            "'" + std::string(key) + "' must be text, not " + std::string(node_kind(node)),
            span_of(node));
    return std::nullopt;
  }
  return node.Scalar();
}

std::optional<std::string> NodeFields::name(const YAML::Node& map, std::string_view key,
                                            std::string_view where) const {
  auto value = text(map, key, true, where);
  if (value && value->empty()) {
    report_(codes_.missing, std::string(where) + " has an empty '" + std::string(key) + "'",
            span_of(map[std::string(key)]));
    return std::nullopt;
  }
  return value;
}

}  // namespace accord::detail
