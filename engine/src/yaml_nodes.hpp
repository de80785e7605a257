// Reading YAML that people write (rule sets, rule tests) node by node: where
// a node stands in its file, and the checks every mapping gets, each problem
// reported at its node.
//
//   detail::NodeFields fields(source, {"E402", "E403", "E404"}, report);
//   fields.check_keys(node, {"id", "when"}, "a rule");
//   std::optional<std::string> id = fields.name(node, "id", "a rule");
#pragma once

#include <accord/source.hpp>

#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <string_view>

namespace accord::detail {

// The byte offset of a node's mark: its first character (or the quote,
// block indicator, anchor or tag before it).
std::uint32_t offset_of(const YAML::Node& node);
// A scalar's text as written (at least one character); a collection's first.
Span span_of(const YAML::Node& node);
// What a node is, for messages: "a mapping", "a list", "text", "nothing".
std::string_view node_kind(const YAML::Node& node);
// "malformed YAML: ..." with a hint for the mistakes people make most.
std::string malformed_yaml(const YAML::Exception& failure);
// "a, b, c": the names a message offers.
std::string join(const std::set<std::string_view>& names);

// The codes a kind of document reports its problems under.
struct NodeCodes {
  std::string unknown_key;  // a key that does not belong there, or one given twice
  std::string wrong_type;   // a value of the wrong type
  std::string missing;      // a required field absent or empty
};

// Checks and reads the fields of mappings, reporting each problem through
// `report` and going on.
class NodeFields {
 public:
  using Report = std::function<void(const std::string& code, std::string message, Span span)>;

  NodeFields(const SourceFile& source, NodeCodes codes, Report report)
      : source_(&source), codes_(std::move(codes)), report_(std::move(report)) {}

  // Reports the keys of `map` that are not in `allowed`, and keys given
  // twice (YAML forbids it; yaml-cpp keeps both).
  void check_keys(const YAML::Node& map, const std::set<std::string_view>& allowed,
                  std::string_view where) const;

  // The scalar at `key` of `map`: nullopt (reported when required) if it is
  // absent or not text.
  std::optional<std::string> text(const YAML::Node& map, std::string_view key, bool required,
                                  std::string_view where) const;

  // A required scalar that must not be empty either (ids, names).
  std::optional<std::string> name(const YAML::Node& map, std::string_view key,
                                  std::string_view where) const;

 private:
  const SourceFile* source_;
  NodeCodes codes_;
  Report report_;
};

}  // namespace accord::detail
