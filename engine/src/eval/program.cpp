#include <accord/eval/program.hpp>

#include "eval/program_impl.hpp"

#include <array>
#include <vector>

namespace accord::eval {

namespace {

// Declares `name` as a variable or a record; a second declaration of the
// same name keeps its id and takes the new kind.
VariableId declare(std::vector<Environment::Variable>& variables, std::string name, bool record) {
  for (Environment::Variable& variable : variables) {
    if (variable.name == name) {
      variable.record = record;
      return variable.id;
    }
  }
  auto id = static_cast<VariableId>(variables.size());
  variables.push_back({std::move(name), id, record});
  return id;
}

}  // namespace

VariableId Environment::add_variable(std::string name) {
  return declare(variables_, std::move(name), false);
}

VariableId Environment::add_record(std::string name) {
  return declare(variables_, std::move(name), true);
}

void Environment::add_constant(std::string name, Value value) {
  for (auto& constant : constants_) {
    if (constant.first == name) {
      constant.second = std::move(value);
      return;
    }
  }
  constants_.emplace_back(std::move(name), std::move(value));
}

FieldId Environment::intern_field(std::string_view name) {
  std::string key(name);
  auto found = field_ids_.find(key);
  if (found != field_ids_.end()) return found->second;
  auto id = static_cast<FieldId>(field_names_.size());
  field_names_.push_back(key);
  field_ids_.emplace(std::move(key), id);
  return id;
}

std::optional<FieldId> Environment::find_field(std::string_view name) const {
  auto found = field_ids_.find(std::string(name));
  if (found == field_ids_.end()) return std::nullopt;
  return found->second;
}

const Environment::Variable* Environment::find_variable(std::string_view name) const {
  for (const Variable& variable : variables_) {
    if (variable.name == name) return &variable;
  }
  return nullptr;
}

const Value* Environment::find_constant(std::string_view name) const {
  for (const auto& constant : constants_) {
    if (constant.first == name) return &constant.second;
  }
  return nullptr;
}

Program::Program(std::shared_ptr<const Impl> impl) : impl_(std::move(impl)) {}

Value Program::evaluate(const Activation& activation) const {
  if (impl_->constant) return *impl_->constant;
  // Comprehension variables: on the stack for the usual nesting depths.
  constexpr std::size_t kInlineSlots = 16;
  std::array<const Value*, kInlineSlots> inline_slots{};
  std::vector<const Value*> many_slots;
  const Value** locals = inline_slots.data();
  if (impl_->local_slots > kInlineSlots) {
    many_slots.resize(impl_->local_slots);
    locals = many_slots.data();
  }
  detail::Frame frame{activation, locals, 0, impl_->max_iterations};
  return impl_->root->evaluate(frame).release();
}

const Value* Program::constant() const {
  return impl_->constant ? &*impl_->constant : nullptr;
}

const std::vector<FieldId>& Program::fields_read() const { return impl_->fields_read; }

}  // namespace accord::eval
