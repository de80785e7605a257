// What a Program holds: the compiled tree, or the constant it folded to.
#pragma once

#include <accord/eval/program.hpp>

#include "eval/node.hpp"

#include <cstddef>
#include <optional>
#include <vector>

namespace accord::eval {

class Program::Impl {
 public:
  detail::NodePtr root;
  std::optional<Value> constant;   // set when the whole condition folded
  std::size_t local_slots = 0;     // comprehension nesting depth
  std::uint64_t max_iterations = 0;
  std::vector<FieldId> fields_read;  // see Program::fields_read()
};

}  // namespace accord::eval
