// accord_cel_conformance: runs the CEL conformance tests (JSON Lines, see
// the README beside the data) through accord's parser, compiler and
// evaluator, and compares each result with the expected one.
//
//   accord_cel_conformance [--data DIR] [--known-failures FILE] [--verbose]
//                          [--reject-unknown-names]
//
// By default expressions compile as CEL's unchecked evaluation does (an
// unknown name is an error value); --reject-unknown-names uses accord's
// rule-set default instead (an unknown name is a compile error), to show
// which tests depend on the difference.
//
// DIR defaults to $ACCORD_CEL_CONFORMANCE_DIR, else the directory CMake was
// configured with. Exit codes: 0 all good; 1 the pass rate is under 97%, a
// test outside the known-failures list failed, or a listed test passed;
// 2 bad usage or unreadable input; 77 (CTest's SKIP_RETURN_CODE) the data
// is not there.
#include <accord/eval/json.hpp>
#include <accord/eval/operators.hpp>
#include <accord/eval/program.hpp>
#include <accord/expr/parse.hpp>

#include <simdjson.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;
using accord::eval::Kind;
using accord::eval::Value;

constexpr int kExitFailed = 1;
constexpr int kExitUsage = 2;
constexpr int kExitSkipped = 77;
constexpr double kRequiredPassRate = 0.97;

// One line of the data.
struct Record {
  std::string id;
  std::string expr;
  std::vector<std::pair<std::string, std::string>> bindings;  // name, typed JSON
  std::optional<std::string> value;                           // typed JSON
  bool error = false;
  std::optional<std::string> unsupported;
};

// Reads one record; returns a message when the line is not one.
std::optional<std::string> read_record(simdjson::ondemand::parser& parser, const std::string& line,
                                       Record& record) {
  simdjson::padded_string json(line);
  simdjson::ondemand::document document;
  if (auto error = parser.iterate(json).get(document)) return simdjson::error_message(error);
  simdjson::ondemand::object object;
  if (auto error = document.get_object().get(object)) return simdjson::error_message(error);
  for (auto field : object) {
    std::string_view key;
    if (auto error = field.unescaped_key().get(key)) return simdjson::error_message(error);
    simdjson::ondemand::value value = field.value();
    std::string_view text;
    if (key == "id") {
      if (value.get_string().get(text)) return "id is not a string";
      record.id = text;
    } else if (key == "expr") {
      if (value.get_string().get(text)) return "expr is not a string";
      record.expr = text;
    } else if (key == "bindings") {
      simdjson::ondemand::object bindings;
      if (value.get_object().get(bindings)) return "bindings is not an object";
      for (auto binding : bindings) {
        std::string_view name;
        simdjson::ondemand::object typed;
        if (binding.unescaped_key().get(name) || binding.value().get_object().get(typed) ||
            typed.raw_json().get(text)) {
          return "a binding is not a typed value";
        }
        record.bindings.emplace_back(std::string(name), std::string(text));
      }
    } else if (key == "value") {
      simdjson::ondemand::object typed;
      if (value.get_object().get(typed) || typed.raw_json().get(text)) return "value is not a typed value";
      record.value = std::string(text);
    } else if (key == "error") {
      bool error = false;
      if (value.get_bool().get(error)) return "error is not a bool";
      record.error = error;
    } else if (key == "unsupported") {
      if (value.get_string().get(text)) return "unsupported is not a string";
      record.unsupported = std::string(text);
    }
  }
  if (record.id.empty()) return "no id";
  if (!record.unsupported && !record.value && !record.error) return "no value, error or unsupported";
  return std::nullopt;
}

// The conformance data's notion of "the same result": kinds match exactly,
// lists element by element, maps without regard to order, doubles with ==
// except that NaN matches NaN.
bool same_result(const Value& expected, const Value& got) {
  if (expected.kind() != got.kind()) return false;
  switch (expected.kind()) {
    case Kind::Double: {
      double a = expected.as_double();
      double b = got.as_double();
      return a == b || (std::isnan(a) && std::isnan(b));
    }
    case Kind::List: {
      const auto& a = expected.as_list();
      const auto& b = got.as_list();
      if (a.size() != b.size()) return false;
      for (std::size_t i = 0; i < a.size(); ++i) {
        if (!same_result(a[i], b[i])) return false;
      }
      return true;
    }
    case Kind::Map: {
      const auto& a = expected.as_map();
      const auto& b = got.as_map();
      if (a.size() != b.size()) return false;
      for (const auto& [key, value] : a) {
        auto other = std::find_if(b.begin(), b.end(), [&](const auto& entry) {
          return same_result(key, entry.first);
        });
        if (other == b.end() || !same_result(value, other->second)) return false;
      }
      return true;
    }
    case Kind::Error: return true;
    default: return accord::eval::equal(expected, got);
  }
}

// Variables bound by index.
class BindingsActivation final : public accord::eval::Activation {
 public:
  void bind(accord::eval::VariableId id, Value value) {
    auto index = static_cast<std::size_t>(id);
    if (values_.size() <= index) values_.resize(index + 1);
    values_[index] = std::move(value);
  }
  const Value* variable(accord::eval::VariableId id) const override {
    auto index = static_cast<std::size_t>(id);
    return index < values_.size() && values_[index] ? &*values_[index] : nullptr;
  }
  const Value* field(accord::eval::VariableId, accord::eval::FieldId) const override { return nullptr; }

 private:
  std::vector<std::optional<Value>> values_;
};

struct Outcome {
  bool error = false;
  std::string description;  // typed JSON of the value, or the error
  std::optional<Value> value;
};

Outcome run(const Record& record, bool reject_unknown_names) {
  auto parsed = accord::expr::parse_condition(record.expr);
  if (!parsed.ast) {
    std::string message = "parse error";
    if (!parsed.diagnostics.empty()) message += ": " + parsed.diagnostics.items()[0].message;
    return {true, message, std::nullopt};
  }
  accord::eval::Environment environment;
  BindingsActivation activation;
  for (const auto& [name, json] : record.bindings) {
    auto value = accord::eval::parse_typed_json(json);
    if (!value.value) return {true, "bad binding " + name + ": " + value.error, std::nullopt};
    activation.bind(environment.add_variable(name), std::move(*value.value));
  }
  // The data is CEL's unchecked evaluation: an unknown name is an error
  // value (`x || true` is true), not a reason to refuse the expression.
  accord::eval::CompileOptions options;
  options.reject_unknown_names = reject_unknown_names;
  auto compiled = accord::eval::compile(*parsed.ast, environment, options);
  if (!compiled.program) {
    std::string message = "compile error";
    for (const auto& diagnostic : compiled.diagnostics) {
      if (diagnostic.severity == accord::Severity::Error) {
        message += ": " + diagnostic.message;
        break;
      }
    }
    return {true, message, std::nullopt};
  }
  Value result = compiled.program->evaluate(activation);
  if (result.is_error()) return {true, "error: " + result.as_error().message, std::nullopt};
  return {false, accord::eval::to_typed_json(result), result};
}

// "id reason..." per line; '#' starts a comment.
std::optional<std::map<std::string, std::string>> read_known_failures(const fs::path& path) {
  std::ifstream in(path);
  if (!in) return std::nullopt;
  std::map<std::string, std::string> known;
  std::string line;
  while (std::getline(in, line)) {
    auto start = line.find_first_not_of(" \t");
    if (start == std::string::npos || line[start] == '#') continue;
    auto end = line.find_first_of(" \t", start);
    std::string id = line.substr(start, end - start);
    std::string reason = end == std::string::npos ? "" : line.substr(line.find_first_not_of(" \t", end));
    known[id] = reason;
  }
  return known;
}

std::string printable(std::string_view text) {
  std::string out;
  for (char c : text) {
    auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7f) {
      char buffer[8];
      std::snprintf(buffer, sizeof buffer, "\\x%02x", byte);
      out += buffer;
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  std::string data_dir;
  if (const char* from_environment = std::getenv("ACCORD_CEL_CONFORMANCE_DIR")) {
    data_dir = from_environment;
  }
#ifdef ACCORD_CEL_CONFORMANCE_DIR
  if (data_dir.empty()) data_dir = ACCORD_CEL_CONFORMANCE_DIR;
#endif
  std::optional<fs::path> known_failures_file;
  bool verbose = false;
  bool reject_unknown_names = false;
  for (int i = 1; i < argc; ++i) {
    std::string argument = argv[i];
    if (argument == "--data" && i + 1 < argc) {
      data_dir = argv[++i];
    } else if (argument == "--known-failures" && i + 1 < argc) {
      known_failures_file = argv[++i];
    } else if (argument == "--verbose") {
      verbose = true;
    } else if (argument == "--reject-unknown-names") {
      reject_unknown_names = true;
    } else {
      std::cerr << "usage: accord_cel_conformance [--data DIR] [--known-failures FILE] [--verbose]"
                   " [--reject-unknown-names]\n";
      return kExitUsage;
    }
  }

  if (data_dir.empty()) {
    std::cout << "skipping: no conformance data directory given (set ACCORD_CEL_CONFORMANCE_DIR)\n";
    return kExitSkipped;
  }
  std::error_code ignored;
  if (!fs::is_directory(data_dir, ignored)) {
    std::cout << "skipping: the conformance data directory " << data_dir
              << " does not exist (set ACCORD_CEL_CONFORMANCE_DIR or the CMake cache variable of "
                 "the same name)\n";
    return kExitSkipped;
  }
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(data_dir)) {
    if (entry.is_regular_file() && entry.path().extension() == ".jsonl") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  if (files.empty()) {
    std::cout << "skipping: no *.jsonl files in " << data_dir << "\n";
    return kExitSkipped;
  }

  std::map<std::string, std::string> known;
  if (known_failures_file) {
    auto read = read_known_failures(*known_failures_file);
    if (!read) {
      std::cerr << "cannot read " << known_failures_file->string() << "\n";
      return kExitUsage;
    }
    known = std::move(*read);
  }

  simdjson::ondemand::parser parser;
  std::size_t supported = 0;
  std::size_t unsupported = 0;
  std::size_t passed = 0;
  std::set<std::string> seen;
  std::vector<std::string> unexpected_failures;
  std::vector<std::string> known_failures_seen;
  std::vector<std::string> fixed;

  for (const fs::path& file : files) {
    std::ifstream in(file, std::ios::binary);
    std::string line;
    std::size_t line_number = 0;
    while (std::getline(in, line)) {
      ++line_number;
      if (line.empty()) continue;
      Record record;
      if (auto problem = read_record(parser, line, record)) {
        std::cerr << file.string() << ":" << line_number << ": " << *problem << "\n";
        return kExitUsage;
      }
      seen.insert(record.id);
      if (record.unsupported) {
        ++unsupported;
        continue;
      }
      ++supported;
      Outcome outcome = run(record, reject_unknown_names);
      bool ok;
      std::string expected;
      if (record.error) {
        ok = outcome.error;
        expected = "an error";
      } else {
        auto value = accord::eval::parse_typed_json(*record.value);
        if (!value.value) {
          std::cerr << file.string() << ":" << line_number << ": bad expected value: " << value.error << "\n";
          return kExitUsage;
        }
        ok = outcome.value && same_result(*value.value, *outcome.value);
        expected = *record.value;
      }
      const bool is_known = known.count(record.id) != 0;
      if (ok) {
        ++passed;
        if (is_known) fixed.push_back(record.id);
        continue;
      }
      std::ostringstream report;
      report << record.id << "\n    expr:     " << printable(record.expr) << "\n    expected: "
             << printable(expected) << "\n    got:      " << printable(outcome.description);
      if (is_known) report << "\n    known:    " << known[record.id];
      (is_known ? known_failures_seen : unexpected_failures).push_back(report.str());
    }
  }

  std::vector<std::string> stale;
  for (const auto& [id, reason] : known) {
    if (!seen.count(id)) stale.push_back(id);
  }

  const double rate = supported == 0 ? 0.0 : static_cast<double>(passed) / static_cast<double>(supported);
  std::cout << "CEL conformance: passed " << passed << " / supported " << supported << " ("
            << std::fixed;
  std::cout.precision(1);
  std::cout << rate * 100.0 << "%), " << unsupported << " unsupported skipped\n";

  if (!known_failures_seen.empty()) {
    std::cout << "\nknown failures (" << known_failures_seen.size() << "):\n";
    for (const auto& failure : known_failures_seen) {
      std::cout << "  " << (verbose ? failure : failure.substr(0, failure.find('\n'))) << "\n";
    }
  }
  if (!unexpected_failures.empty()) {
    std::cout << "\nFAILURES not in the known-failures list (" << unexpected_failures.size() << "):\n";
    for (const auto& failure : unexpected_failures) std::cout << "  " << failure << "\n";
  }
  if (!fixed.empty()) {
    std::cout << "\nlisted as known failures but now PASSING (remove them from the list):\n";
    for (const auto& id : fixed) std::cout << "  " << id << "\n";
  }
  if (!stale.empty()) {
    std::cout << "\nlisted as known failures but NOT IN THE DATA (remove them from the list):\n";
    for (const auto& id : stale) std::cout << "  " << id << "\n";
  }

  bool good = true;
  if (rate < kRequiredPassRate) {
    std::cout << "\nthe pass rate is below the required " << kRequiredPassRate * 100.0 << "%\n";
    good = false;
  }
  if (!unexpected_failures.empty() || !fixed.empty() || !stale.empty()) good = false;
  return good ? 0 : kExitFailed;
}
