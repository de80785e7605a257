// YAML event logs: a sequence of mappings, for small hand-written logs in
// examples and rule tests. The whole document is parsed first (yaml-cpp has
// no streaming interface); events are then handed out one by one.
#include "stream/readers.hpp"

#include "stream/fields.hpp"
#include "utf8.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <charconv>

namespace accord::stream::detail {

namespace {

std::uint32_t line_of(const YAML::Node& node) {
  return static_cast<std::uint32_t>(node.Mark().line + 1);
}

// How many nodes one event may have. An alias repeats what it names, so a
// few lines can stand for an endless (an alias inside what it names) or
// exponential tree: those are refused, never walked.
constexpr std::size_t kMaxNodesPerEvent = 100'000;

// Whether every key and scalar of a node is well-formed UTF-8, as a JSON
// Lines line must be. Walks no more than text_size() has allowed.
bool valid_utf8(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Scalar: return accord::detail::is_valid_utf8(node.Scalar());
    case YAML::NodeType::Sequence:
      return std::all_of(node.begin(), node.end(),
                         [](const YAML::Node& element) { return valid_utf8(element); });
    case YAML::NodeType::Map:
      return std::all_of(node.begin(), node.end(), [](const auto& entry) {
        return valid_utf8(entry.first) && valid_utf8(entry.second);
      });
    default: return true;
  }
}

// An upper bound on the text an item keeps: its keys and scalars; nullopt
// when the item is deeper than `max_depth` or has more than `nodes_left`
// nodes (an alias counts what it repeats).
std::optional<std::size_t> text_size(const YAML::Node& node, std::size_t depth,
                                     std::size_t max_depth, std::size_t& nodes_left) {
  if (depth > max_depth || nodes_left == 0) return std::nullopt;
  --nodes_left;
  std::size_t total = 0;
  auto add = [&](const YAML::Node& part) {
    auto size = text_size(part, depth + 1, max_depth, nodes_left);
    if (size) total += *size;
    return size.has_value();
  };
  switch (node.Type()) {
    case YAML::NodeType::Scalar: return node.Scalar().size();
    case YAML::NodeType::Sequence:
      for (const auto& element : node) {
        if (!add(element)) return std::nullopt;
      }
      return total;
    case YAML::NodeType::Map:
      for (const auto& entry : node) {
        if (!add(entry.first) || !add(entry.second)) return std::nullopt;
      }
      return total;
    default: return 0;
  }
}

// A plain scalar as YAML 1.2's core schema reads it; a quoted one is text,
// kept in the event when `keep` (id and type are copied by the builder).
eval::Value scalar_value(const YAML::Node& node, EventBuilder& builder, bool keep) {
  const std::string& text = node.Scalar();
  if (node.Tag() != "!") {
    if (text == "true" || text == "True" || text == "TRUE") return eval::Value::boolean(true);
    if (text == "false" || text == "False" || text == "FALSE") return eval::Value::boolean(false);
    if (text.empty() || text == "~" || text == "null" || text == "Null" || text == "NULL") {
      return eval::Value::null();
    }
    std::int64_t integer = 0;
    auto [int_end, int_error] = std::from_chars(text.data(), text.data() + text.size(), integer);
    if (int_error == std::errc() && int_end == text.data() + text.size()) {
      return eval::Value::integer(integer);
    }
    double real = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), real);
    if (error == std::errc() && end == text.data() + text.size() &&
        text.find_first_of("0123456789") != std::string::npos) {
      return eval::Value::real(real);
    }
  }
  return eval::Value::string_view(keep ? builder.keep(text) : std::string_view(text));
}

class YamlReader final : public EventReader {
 public:
  YamlReader(std::unique_ptr<ByteSource> source, std::uint32_t input, const FieldIndex& index,
             const ReaderLimits& limits, EventArena* arena)
      : source_(std::move(source)), input_(input), limits_(limits), builder_(index, arena) {}

  bool next(ReadItem& item) override {
    if (!loaded_) {
      loaded_ = true;
      if (auto problem = load()) {
        item = std::move(*problem);
        return true;
      }
    }
    while (next_ < items_.size()) {
      const YAML::Node node = items_[next_++];
      Origin origin{input_, line_of(node)};
      std::string problem = build(node, origin);
      finish_item(builder_, origin, std::move(problem), item);
      return true;
    }
    return false;
  }

 private:
  std::optional<InputError> load() {
    std::string text;
    std::string error;
    char chunk[1 << 16];
    while (std::size_t got = source_->read(chunk, sizeof chunk, error)) {
      text.append(chunk, got);
      if (text.size() > limits_.max_yaml_bytes) {
        return InputError{{input_, 0}, "a YAML log is longer than the limit of " +
                                           std::to_string(limits_.max_yaml_bytes) +
                                           " bytes: write a long log as JSON Lines"};
      }
    }
    if (!error.empty()) return InputError{{input_, 0}, error};
    YAML::Node root;
    try {
      root = YAML::Load(text);
    } catch (const YAML::Exception& failure) {
      return InputError{{input_, static_cast<std::uint32_t>(failure.mark.line + 1)},
                        "malformed YAML: " + failure.msg};
    }
    if (!root || root.IsNull()) return std::nullopt;  // an empty log
    if (!root.IsSequence()) {
      return InputError{{input_, line_of(root)}, "expected a sequence of events"};
    }
    for (const auto& node : root) items_.push_back(node);
    return std::nullopt;
  }

  std::string build(const YAML::Node& node, Origin origin) {
    if (!node.IsMap()) return "expected a mapping of field names to values";
    if (node.size() > limits_.max_fields) {
      return "more than " + std::to_string(limits_.max_fields) + " fields";
    }
    std::size_t nodes_left = kMaxNodesPerEvent;
    auto size = text_size(node, 0, limits_.max_nesting_depth + 1, nodes_left);
    if (!size) {
      return "nested deeper than " + std::to_string(limits_.max_nesting_depth) +
             " levels or more than " + std::to_string(kMaxNodesPerEvent) +
             " values (counting what aliases repeat)";
    }
    if (!valid_utf8(node)) return "invalid UTF-8";
    builder_.start(origin, *size);
    for (const auto& entry : node) {
      if (!entry.first.IsScalar()) return "field names must be plain text";
      const std::string& name = entry.first.Scalar();
      bool required = name == "id" || name == "time" || name == "type";
      if (!required && !builder_.find(name)) continue;
      eval::Value value;
      std::string problem = convert(entry.second, 1, !required, value);
      if (!problem.empty()) return "field '" + name + "': " + problem;
      if (auto wrong = apply_field(builder_, name, value)) return *wrong;
    }
    return {};
  }

  std::string convert(const YAML::Node& node, std::size_t depth, bool keep, eval::Value& out) {
    if (depth > limits_.max_nesting_depth) {
      return "nested deeper than " + std::to_string(limits_.max_nesting_depth) + " levels";
    }
    switch (node.Type()) {
      case YAML::NodeType::Scalar: out = scalar_value(node, builder_, keep); return {};
      case YAML::NodeType::Null:
      case YAML::NodeType::Undefined: out = eval::Value::null(); return {};
      case YAML::NodeType::Sequence: {
        eval::List elements;
        for (const auto& element : node) {
          eval::Value converted;
          std::string problem = convert(element, depth + 1, true, converted);
          if (!problem.empty()) return problem;
          elements.push_back(std::move(converted));
        }
        out = eval::Value::list(std::move(elements));
        return {};
      }
      case YAML::NodeType::Map: {
        std::vector<eval::Map::Entry> entries;
        for (const auto& entry : node) {
          if (!entry.first.IsScalar()) return "keys of nested mappings must be plain text";
          eval::Value key = eval::Value::string_view(builder_.keep(entry.first.Scalar()));
          eval::Value converted;
          std::string problem = convert(entry.second, depth + 1, true, converted);
          if (!problem.empty()) return problem;
          entries.emplace_back(std::move(key), std::move(converted));
        }
        out = eval::Value::map(eval::Map(std::move(entries)));
        return {};
      }
    }
    return "unknown YAML node";
  }

  std::unique_ptr<ByteSource> source_;
  std::uint32_t input_;
  ReaderLimits limits_;
  EventBuilder builder_;
  bool loaded_ = false;
  std::vector<YAML::Node> items_;
  std::size_t next_ = 0;
};

}  // namespace

std::unique_ptr<EventReader> open_yaml_reader(std::unique_ptr<ByteSource> source,
                                              std::uint32_t input, const FieldIndex& index,
                                              const ReaderLimits& limits, EventArena* arena) {
  return std::make_unique<YamlReader>(std::move(source), input, index, limits, arena);
}

}  // namespace accord::stream::detail
