// What a compiled condition reads while it evaluates: the variables in
// scope, answered by slot, never by name.
//
// The Environment (program.hpp) gives each declared variable a VariableId
// and each field name a FieldId when a condition is compiled; an Activation
// answers for those ids at evaluation time. Implementations read their data
// in place: an event's fields are handed out as pointers, not copies.
//
//   class OneEvent : public accord::eval::Activation { ... };
//   accord::eval::Value verdict = program.evaluate(OneEvent(event));
#pragma once

#include <accord/eval/value.hpp>

#include <cstdint>

namespace accord::eval {

enum class VariableId : std::uint32_t {};
enum class FieldId : std::uint32_t {};

class Activation {
 public:
  virtual ~Activation() = default;

  // The whole value of a variable, or nullptr when it is not bound here
  // (which evaluates to an error, never to false). For a record variable
  // an implementation may build the map on first request.
  virtual const Value* variable(VariableId id) const = 0;

  // A field of a record variable (Environment::add_record), or nullptr when
  // the record has no such field. This is how `event.org` is read.
  virtual const Value* field(VariableId record, FieldId field) const = 0;
};

}  // namespace accord::eval
