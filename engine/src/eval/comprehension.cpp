#include "eval/comprehension.hpp"

#include "eval/errors.hpp"

#include <accord/eval/operators.hpp>

#include <string>

namespace accord::eval::detail {

namespace {

const char* macro_name(ComprehensionKind kind) {
  switch (kind) {
    case ComprehensionKind::All: return "all";
    case ComprehensionKind::Exists: return "exists";
    case ComprehensionKind::ExistsOne: return "exists_one";
    case ComprehensionKind::Map: return "map";
    case ComprehensionKind::Filter: return "filter";
  }
  return "?";
}

// Calls visit(element) for each list element or map key, counting the
// work; stops early when visit returns false. Returns an error value when
// the work limit is passed, else null.
template <class Visit>
Value for_each(Frame& frame, const Value& range, Span span, Visit visit) {
  auto count = [&]() {
    return ++frame.iterations <= frame.max_iterations;
  };
  auto limit_error = [&]() {
    return Value::error("the condition needs more than " + std::to_string(frame.max_iterations) +
                            " comprehension iterations (the limit per evaluation)",
                        span);
  };
  if (range.kind() == Kind::List) {
    for (const Value& element : range.as_list()) {
      if (!count()) return limit_error();
      if (!visit(element)) break;
    }
  } else {
    for (const Map::Entry& entry : range.as_map()) {
      if (!count()) return limit_error();
      if (!visit(entry.first)) break;
    }
  }
  return Value();
}

}  // namespace

Result ComprehensionNode::evaluate(Frame& frame) const {
  Result range = range_->evaluate(frame);
  if (range->is_error()) return range;
  if (range->kind() != Kind::List && range->kind() != Kind::Map) {
    return no_overload(macro_name(kind_), {range->kind()}, span());
  }
  switch (kind_) {
    case ComprehensionKind::All: return all_or_exists(frame, range, false);
    case ComprehensionKind::Exists: return all_or_exists(frame, range, true);
    case ComprehensionKind::ExistsOne: return exists_one(frame, range);
    default: return map_or_filter(frame, range);
  }
}

// all: false decides; exists: true decides. A deciding element absorbs
// errors from the others (CEL evaluates these like a chain of && or ||);
// without one, the first error is the result.
Result ComprehensionNode::all_or_exists(Frame& frame, const Result& range, bool deciding) const {
  const Value*& local = frame.locals[slot_];
  bool decided = false;
  Value first_error;
  bool has_error = false;
  Value limit = for_each(frame, *range, span(), [&](const Value& element) {
    local = &element;
    Result verdict = predicate_->evaluate(frame);
    if (verdict->kind() == Kind::Bool) {
      if (verdict->as_bool() == deciding) {
        decided = true;
        return false;
      }
    } else if (!has_error) {
      has_error = true;
      first_error = verdict->is_error()
                        ? std::move(verdict).release()
                        : no_overload(deciding ? "_||_" : "_&&_", {Kind::Bool, verdict->kind()},
                                      predicate_->span());
    }
    return true;
  });
  if (limit.is_error()) return limit;
  if (decided) return Value::boolean(deciding);
  if (has_error) return first_error;
  return Value::boolean(!deciding);
}

Result ComprehensionNode::exists_one(Frame& frame, const Result& range) const {
  const Value*& local = frame.locals[slot_];
  std::size_t matches = 0;
  Value failure;
  Value limit = for_each(frame, *range, span(), [&](const Value& element) {
    local = &element;
    Result verdict = predicate_->evaluate(frame);
    if (verdict->kind() != Kind::Bool) {
      failure = verdict->is_error()
                    ? std::move(verdict).release()
                    : no_overload("exists_one", {verdict->kind()}, predicate_->span());
      return false;
    }
    if (verdict->as_bool()) ++matches;
    return true;
  });
  if (limit.is_error()) return limit;
  if (failure.is_error()) return failure;
  return Value::boolean(matches == 1);
}

Result ComprehensionNode::map_or_filter(Frame& frame, const Result& range) const {
  const Value*& local = frame.locals[slot_];
  List results;
  Value failure;
  Value limit = for_each(frame, *range, span(), [&](const Value& element) {
    local = &element;
    if (predicate_) {
      Result keep = predicate_->evaluate(frame);
      if (keep->kind() != Kind::Bool) {
        failure = keep->is_error() ? std::move(keep).release()
                                   : no_overload(macro_name(kind_), {keep->kind()}, predicate_->span());
        return false;
      }
      if (!keep->as_bool()) return true;
    }
    if (!transform_) {
      results.push_back(element);
      return true;
    }
    Result transformed = transform_->evaluate(frame);
    if (transformed->is_error()) {
      failure = std::move(transformed).release();
      return false;
    }
    results.push_back(std::move(transformed).release());
    return true;
  });
  if (limit.is_error()) return limit;
  if (failure.is_error()) return failure;
  return Value::list(std::move(results));
}

}  // namespace accord::eval::detail
