// Building the JSON formats' objects (the JSON report, SARIF) as Values whose
// maps keep their insertion order, so that eval::to_json writes the same
// bytes every time; and the parts both formats show alike.
#pragma once

#include <accord/eval/value.hpp>
#include <accord/report/report.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace accord::report::detail {

class JsonObject {
 public:
  JsonObject& add(std::string_view name, eval::Value value) {
    entries_.emplace_back(eval::Value::string(std::string(name)), std::move(value));
    return *this;
  }
  eval::Value done() { return eval::Value::map(eval::Map(std::move(entries_))); }

 private:
  std::vector<eval::Map::Entry> entries_;
};

inline eval::Value json_text(std::string_view s) { return eval::Value::string(std::string(s)); }
inline eval::Value json_count(std::uint64_t n) { return eval::Value::unsigned_integer(n); }

// A correlation key as an object, in the rule's key order.
eval::Value json_key(const std::vector<std::pair<std::string, std::string>>& key);

// Every parameter, name to the value in force as text.
eval::Value json_parameters(const Report& report);

// The counts of the report's "summary".
eval::Value json_summary(const Report& report);

}  // namespace accord::report::detail
