#include <accord/eval/program.hpp>

#include <accord/eval/time.hpp>

#include "eval_test_support.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <new>
#include <thread>

// Counts heap allocations made by this thread while counting is on, to
// prove that typical rule conditions evaluate without any.
namespace {
thread_local bool counting_allocations = false;
thread_local long allocations = 0;

void* counted_malloc(std::size_t size) noexcept {
  if (counting_allocations) ++allocations;
  return std::malloc(size == 0 ? 1 : size);
}
}  // namespace

// GCC sees malloc behind the replaced new and free behind the replaced
// delete, and takes them for a mismatched pair; they are the matched pair.
// The nothrow forms are replaced too (std::stable_sort and simdjson use them):
// otherwise AddressSanitizer's nothrow new allocates what the delete here
// frees with free(), and it reports the mismatch.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
void* operator new(std::size_t size) {
  if (void* p = counted_malloc(size)) return p;
  throw std::bad_alloc();
}
void* operator new[](std::size_t size) { return ::operator new(size); }
void* operator new(std::size_t size, const std::nothrow_t&) noexcept { return counted_malloc(size); }
void* operator new[](std::size_t size, const std::nothrow_t&) noexcept {
  return counted_malloc(size);
}
void operator delete(void* p, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }
#pragma GCC diagnostic pop

namespace accord::eval {
namespace {

using testing::error_of;

class AllocationCounter {
 public:
  AllocationCounter() {
    allocations = 0;
    counting_allocations = true;
  }
  ~AllocationCounter() { counting_allocations = false; }
  long count() const { return allocations; }
};

// The shape of a rule set's environment: `event` and `trigger` records and
// `params` constants.
class RuleConditions : public ::testing::Test {
 protected:
  RuleConditions() {
    event_ = env_.add_record("event");
    trigger_ = env_.add_record("trigger");
    env_.add_constant("params", Value::map(Map({
                                    {Value::string("explanation_within"), Value::duration({14 * 86400, 0})},
                                    {Value::string("meeting_interval"), Value::period({3, {}})},
                                })));
    set(event_, "type", Value::string("decision.made"));
    set(event_, "union_input_accepted", Value::boolean(false));
    set(event_, "compulsory", Value::boolean(true));
    set(event_, "org", Value::string("HMRC"));
    set(event_, "time", Value::timestamp(*parse_timestamp("2025-03-20T09:00:00Z")));
    set(trigger_, "time", Value::timestamp(*parse_timestamp("2025-03-01T09:00:00Z")));
    set(trigger_, "org", Value::string("HMRC"));
  }
  void set(VariableId record, const char* field, Value value) {
    activation_.set_field(record, env_.intern_field(field), std::move(value));
  }
  Program compile_ok(std::string_view text) {
    CompileResult compiled = testing::compile_text(text, env_);
    EXPECT_TRUE(compiled.program) << text;
    EXPECT_TRUE(compiled.diagnostics.empty()) << text;
    return std::move(*compiled.program);
  }

  Environment env_;
  VariableId event_{}, trigger_{};
  testing::MapActivation activation_;
};

TEST_F(RuleConditions, TypicalConditionsEvaluateWithoutHeapAllocation) {
  for (const char* text : {
           "event.type == \"decision.made\" && event.union_input_accepted == false",
           "event.compulsory",
           "has(event.x)",
           "has(event.org) && event.org == trigger.org",
           "trigger.time + params.explanation_within <= event.time",
           "trigger.time + params.meeting_interval > event.time",
           "event.time - trigger.time < duration('720h')",
           "event.type in ['decision.made', 'decision.revised']",
           "event.type.startsWith('decision.') || event.compulsory",
       }) {
    Program program = compile_ok(text);
    Value warm = program.evaluate(activation_);
    ASSERT_EQ(warm.kind(), Kind::Bool) << text << ": " << error_of(warm);
    AllocationCounter counter;
    Value verdict = program.evaluate(activation_);
    EXPECT_EQ(counter.count(), 0) << text;
    EXPECT_EQ(verdict.as_bool(), warm.as_bool());
  }
}

TEST_F(RuleConditions, ParametersMayBeDurationsOrPeriods) {
  // 1 March + 14 days = 15 March, before the event on 20 March.
  EXPECT_TRUE(compile_ok("trigger.time + params.explanation_within <= event.time")
                  .evaluate(activation_).as_bool());
  set(event_, "time", Value::timestamp(*parse_timestamp("2025-03-10T09:00:00Z")));
  EXPECT_FALSE(compile_ok("trigger.time + params.explanation_within <= event.time")
                   .evaluate(activation_).as_bool());
  EXPECT_TRUE(compile_ok("trigger.time + params.meeting_interval == timestamp('2025-06-01T09:00:00Z')")
                  .evaluate(activation_).as_bool());
}

TEST_F(RuleConditions, CalendarMonthsClampToTheMonthsEnd) {
  set(trigger_, "time", Value::timestamp(*parse_timestamp("2025-08-31T00:00:00Z")));
  EXPECT_TRUE(compile_ok("trigger.time + months(6) == timestamp('2026-02-28T00:00:00Z')")
                  .evaluate(activation_).as_bool());
  set(trigger_, "time", Value::timestamp(*parse_timestamp("2023-08-31T00:00:00Z")));
  EXPECT_TRUE(compile_ok("trigger.time + months(6) == timestamp('2024-02-29T00:00:00Z')")
                  .evaluate(activation_).as_bool());
  set(trigger_, "time", Value::timestamp(*parse_timestamp("2024-02-29T00:00:00Z")));
  EXPECT_TRUE(compile_ok("trigger.time + years(1) == timestamp('2025-02-28T00:00:00Z')")
                  .evaluate(activation_).as_bool());
  EXPECT_TRUE(compile_ok("trigger.time + days(1) == timestamp('2024-03-01T00:00:00Z')")
                  .evaluate(activation_).as_bool());
  EXPECT_TRUE(compile_ok("months(1) + months(2) == months(3) && months(12) == years(1)")
                  .evaluate(activation_).as_bool());
}

TEST_F(RuleConditions, ProgramsAreSharedBetweenThreads) {
  Program program = compile_ok("event.type == 'decision.made' && [1, 2, 3].exists(x, x == 2)");
  std::atomic<int> wrong{0};
  // Each thread evaluates with its own activation (copied here, before it
  // starts): what the threads share is the program.
  auto work = [&](testing::MapActivation activation) {
    for (int i = 0; i < 2000; ++i) {
      Value v = program.evaluate(activation);
      if (v.kind() != Kind::Bool || !v.as_bool()) ++wrong;
    }
  };
  std::thread a(work, activation_);
  std::thread b(work, activation_);
  a.join();
  b.join();
  EXPECT_EQ(wrong.load(), 0);
}

TEST(Program, ConstantIsSetOnlyWhenTheWholeConditionFolds) {
  Environment env;
  env.add_variable("x");
  CompileResult folded = testing::compile_text("size('abc') == 3", env);
  ASSERT_TRUE(folded.program);
  ASSERT_NE(folded.program->constant(), nullptr);
  EXPECT_TRUE(folded.program->constant()->as_bool());
  CompileResult open = testing::compile_text("x == 3", env);
  ASSERT_TRUE(open.program);
  EXPECT_EQ(open.program->constant(), nullptr);
}

// What a reader must keep of an event: the fields a program reads, and
// not one known when it was compiled.
TEST(Program, ListsTheRecordFieldsItReads) {
  Environment env;
  VariableId event = env.add_record("event");
  auto read = [&](std::string_view text, const CompileOptions& options = {}) {
    CompileResult compiled = testing::compile_text(text, env, options);
    std::vector<std::string> names;
    if (!compiled.program) return names;
    for (FieldId field : compiled.program->fields_read()) {
      names.push_back(env.field_names()[static_cast<std::size_t>(field)]);
    }
    return names;
  };
  using Names = std::vector<std::string>;
  EXPECT_EQ(read("event.org == 'HMRC' && has(event.tags) && event.org != 'DWP'"),
            (Names{"org", "tags"}));
  EXPECT_EQ(read("event.type == 'a' && event.org == 'x'"), (Names{"type", "org"}));
  CompileOptions typed;
  typed.known_fields.push_back({event, env.intern_field("type"), Value::string("a")});
  EXPECT_EQ(read("event.type == 'a' && event.org == 'x'", typed), Names{"org"});
  EXPECT_EQ(read("size('abc') == 3"), Names{});
}

TEST(Program, DeeplyNestedComprehensionsGetEnoughSlots) {
  // More nesting than the slots kept on the stack.
  std::string text = "true";
  for (int i = 0; i < 20; ++i) text = "[" + std::to_string(i) + "].all(v" + std::to_string(i) + ", " + text + ")";
  Environment env;
  env.add_variable("x");
  CompileResult compiled = testing::compile_text("x && " + text, env);
  ASSERT_TRUE(compiled.program);
  testing::MapActivation activation;
  activation.bind(*[&] { return std::optional<VariableId>(env.find_variable("x")->id); }(), Value::boolean(true));
  EXPECT_TRUE(compiled.program->evaluate(activation).as_bool());
}

// The parser bounds nesting (250 by default), which bounds the recursion of
// the compiler and the evaluator: the deepest conditions it accepts must
// compile and evaluate without exhausting the stack.
TEST(Program, TheDeepestAcceptedConditionsCompileAndEvaluate) {
  Environment env;
  VariableId x = env.add_variable("x");
  testing::MapActivation activation;
  activation.bind(x, Value::integer(1));
  // The deepest nesting the parser accepts, by bisection.
  auto deepest = [&](auto make) {
    int accepted = 1;
    int refused = 1000;
    EXPECT_TRUE(expr::parse_condition(make(accepted)).ast);
    EXPECT_FALSE(expr::parse_condition(make(refused)).ast);
    while (refused - accepted > 1) {
      int middle = (accepted + refused) / 2;
      (expr::parse_condition(make(middle)).ast ? accepted : refused) = middle;
    }
    return make(accepted);
  };
  const std::string sums = deepest([](int depth) {
    std::string text = "x";
    for (int i = 0; i < depth; ++i) text = "(x + " + text + ")";
    return text;
  });
  const std::string lists = deepest([](int depth) {
    return std::string(depth, '[') + "x" + std::string(depth, ']');
  });
  const std::string macros = deepest([](int depth) {
    std::string text = "x > 0";
    for (int i = 0; i < depth; ++i) text = "[x].all(v" + std::to_string(i) + ", " + text + ")";
    return text;
  });
  for (const std::string* text : {&sums, &lists, &macros}) {
    ASSERT_FALSE(text->empty());
    CompileResult compiled = testing::compile_text(*text, env);
    ASSERT_TRUE(compiled.program);
    Value result = compiled.program->evaluate(activation);
    EXPECT_FALSE(result.is_error()) << error_of(result);
  }
}

TEST(Environment, DeclaresNamesOnce) {
  Environment env;
  VariableId a = env.add_variable("a");
  EXPECT_EQ(env.add_variable("a"), a);
  VariableId r = env.add_record("event");
  EXPECT_NE(r, a);
  EXPECT_TRUE(env.find_variable("event")->record);
  EXPECT_FALSE(env.find_variable("a")->record);
  EXPECT_EQ(env.find_variable("b"), nullptr);
  FieldId org = env.intern_field("org");
  EXPECT_EQ(env.intern_field("org"), org);
  EXPECT_EQ(env.find_field("org"), org);
  EXPECT_FALSE(env.find_field("time"));
  EXPECT_EQ(env.field_names()[static_cast<std::size_t>(org)], "org");
  env.add_constant("limit", Value::integer(3));
  env.add_constant("limit", Value::integer(4));
  EXPECT_EQ(env.find_constant("limit")->as_int(), 4);
  EXPECT_EQ(env.constants().size(), 1u);
}

}  // namespace
}  // namespace accord::eval
