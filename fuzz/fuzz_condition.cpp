// A condition from arbitrary bytes: parsed, compiled and evaluated against a
// fixed event, as a rule set's conditions are (with cel.dict, libFuzzer
// builds conditions out of CEL's tokens and accord's functions).
//
// Each condition compiles twice, as the rule loader compiles it: as written,
// and with `event.type` known, so that what the type decides folds away.
// Folding must not change a value: when both evaluations succeed they agree.
#include <accord/eval/json.hpp>
#include <accord/eval/program.hpp>
#include <accord/expr/parse.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace {

using namespace accord::eval;

// The event every condition is evaluated against, field by field.
std::vector<std::pair<std::string, Value>> event_fields() {
  return {
      {"id", Value::string("e1")},
      {"type", Value::string("decision")},
      {"time", Value::timestamp({1736467200, 500})},
      {"org", Value::string("DWP")},
      {"subject", Value::string("estate-review")},
      {"count", Value::integer(-3)},
      {"big", Value::unsigned_integer(18446744073709551615u)},
      {"ratio", Value::real(0.5)},
      {"compulsory", Value::boolean(true)},
      {"note", Value::null()},
      {"data", Value::bytes("\x00\xff")},
      {"tags", Value::list({Value::string("a"), Value::string("b")})},
      {"detail", Value::map(Map({{Value::string("k"), Value::integer(1)},
                                 {Value::integer(2), Value::list({})}}))},
      {"wait", Value::duration({86400, 0})},
  };
}

// `event` and `trigger` read the same event; `params` holds two constants.
class FixedActivation final : public Activation {
 public:
  FixedActivation(const Environment& environment, VariableId event, VariableId trigger)
      : event_variable_(event), trigger_variable_(trigger) {
    std::vector<Map::Entry> entries;
    for (auto& [name, value] : event_fields()) {
      entries.emplace_back(Value::string(name), value);
      if (auto field = environment.find_field(name)) {
        auto index = static_cast<std::size_t>(*field);
        if (fields_.size() <= index) fields_.resize(index + 1);
        fields_[index] = std::move(value);
      }
    }
    whole_ = Value::map(Map(std::move(entries)));
  }

  const Value* variable(VariableId id) const override {
    return id == event_variable_ || id == trigger_variable_ ? &whole_ : nullptr;
  }
  const Value* field(VariableId record, FieldId field) const override {
    if (record != event_variable_ && record != trigger_variable_) return nullptr;
    auto index = static_cast<std::size_t>(field);
    return index < fields_.size() && fields_[index] ? &*fields_[index] : nullptr;
  }

 private:
  VariableId event_variable_;
  VariableId trigger_variable_;
  Value whole_;
  std::vector<std::optional<Value>> fields_;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  accord::expr::ParseResult parsed = accord::expr::parse_condition(text);
  if (!parsed.ast) return 0;

  Environment environment;
  VariableId event = environment.add_record("event");
  VariableId trigger = environment.add_record("trigger");
  environment.add_constant(
      "params", Value::map(Map({{Value::string("notice"), Value::duration({7 * 86400, 0})},
                                {Value::string("limit"), Value::integer(10)}})));
  CompileOptions limited;
  limited.max_iterations = 100'000;  // keeps each input well inside -timeout
  CompileResult plain = compile(*parsed.ast, environment, limited);
  CompileOptions typed = limited;
  typed.known_fields.push_back(
      {event, environment.intern_field("type"), Value::string("decision")});
  CompileResult folded = compile(*parsed.ast, environment, typed);
  if (!plain.program || !folded.program) return 0;

  FixedActivation activation(environment, event, trigger);
  Value as_written = plain.program->evaluate(activation);
  Value with_type = folded.program->evaluate(activation);
  if (!as_written.is_error() && !with_type.is_error() &&
      to_typed_json(as_written) != to_typed_json(with_type)) {
    std::abort();
  }
  return 0;
}
