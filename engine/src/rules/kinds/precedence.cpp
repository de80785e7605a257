// precedence: an event (`when`) that needs an earlier one (`requires`) with
// the same key, optionally at least (`at_least`) or at most (`at_most`) that
// long before. An earlier event at the trigger's own time counts.
#include "rules/kind_registry.hpp"
#include "rules/kinds/keyed.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace accord::rules::detail {

namespace {

// An earlier event: its time and its id, in 24 bytes, so that with its key
// it takes half a cache line (a national employer has hundreds of thousands
// of matters, each with its sighting). An id of up to 11 bytes is kept in
// place, a longer one on the heap. (rules::KeptTrigger keeps an id so too,
// with citations and an origin a sighting does not need, in 40 bytes.)
class Sighting {
 public:
  Sighting() = default;
  Sighting(const Sighting&) = delete;
  Sighting& operator=(const Sighting&) = delete;
  Sighting(Sighting&& other) noexcept : seconds_(other.seconds_), nanos_(other.nanos_) {
    std::memcpy(text_, other.text_, sizeof text_);
    other.text_[kSizeAt] = 0;  // the heap block, if any, is this one's now
  }
  ~Sighting() { release(); }

  void assign(eval::Timestamp time, std::string_view id) {
    seconds_ = time.seconds;
    nanos_ = time.nanos;
    release();
    if (id.size() <= kInPlace) {
      std::memcpy(text_, id.data(), id.size());
      text_[kSizeAt] = static_cast<char>(id.size());
      return;
    }
    auto size = static_cast<std::uint32_t>(id.size());
    char* block = new char[sizeof size + id.size()];
    std::memcpy(block, &size, sizeof size);
    std::memcpy(block + sizeof size, id.data(), id.size());
    std::memcpy(text_, &block, sizeof block);
    text_[kSizeAt] = static_cast<char>(kOnHeap);
  }

  eval::Timestamp time() const { return {seconds_, nanos_}; }

  std::string_view id() const {
    if (!on_heap()) return {text_, static_cast<unsigned char>(text_[kSizeAt])};
    const char* block = heap_block();
    std::uint32_t size = 0;
    std::memcpy(&size, block, sizeof size);
    return {block + sizeof size, size};
  }

 private:
  static constexpr std::size_t kInPlace = 11;
  static constexpr std::size_t kSizeAt = 11;
  static constexpr unsigned char kOnHeap = 0xff;

  bool on_heap() const { return static_cast<unsigned char>(text_[kSizeAt]) == kOnHeap; }
  const char* heap_block() const {
    const char* block = nullptr;
    std::memcpy(&block, text_, sizeof block);
    return block;
  }
  void release() {
    if (on_heap()) delete[] heap_block();
    text_[kSizeAt] = 0;
  }

  // The time as two members, and the id after them: no padding.
  std::int64_t seconds_ = 0;
  std::int32_t nanos_ = 0;
  // In place: the id's bytes, its size at [11]. On the heap: at [0] the
  // address of a block holding the size, then the bytes; kOnHeap at [11].
  char text_[12] = {};
};

static_assert(sizeof(Sighting) == 24, "a sighting and its key should take 32 bytes");

class Precedence final : public RuleKind {
 public:
  Precedence(RuleInfo info, Condition when, Condition requires_,
             std::vector<eval::FieldId> key, std::optional<eval::Period> at_least,
             std::optional<eval::Period> at_most, std::optional<std::vector<std::string>> types)
      : RuleKind(std::move(info), std::move(types)),
        when_(std::move(when)),
        requires_(std::move(requires_)),
        key_(std::move(key)),
        at_least_(at_least),
        at_most_(at_most) {}

  std::unique_ptr<Monitor> start() const override { return std::make_unique<State>(*this); }

 private:
  class State final : public Monitor {
   public:
    explicit State(const Precedence& rule) : rule_(rule) {
      if (rule.at_least_) at_least_.emplace(*rule.at_least_);
      if (rule.at_most_) at_most_.emplace(*rule.at_most_);
    }

    bool advances() const override { return false; }

    void prefetch(const stream::Event& event, Judge& judge) const override {
      auto key = judge.known_key(rule_.key_, event);
      if (!key) return;
      if (bounded()) {
        closest_.prefetch(*key);
      } else {
        seen_.prefetch(*key);
      }
    }

    void observe(const stream::Event& event, Judge& judge) override {
      auto enables = judge.test(rule_.requires_, event);
      if (!enables || !*enables) return;
      auto key = judge.key(rule_.key_, event);
      if (!key) return;
      if (!bounded()) {
        seen_.insert(*key);
        return;
      }
      auto [closest, first] = closest_.try_emplace(*key);
      if (first || rule_.at_most_) closest->assign(event.time(), event.id());
      if (rule_.at_least_ && rule_.at_most_) {
        all_times_.try_emplace(*key).first->push_back(event.time());
      }
    }

    void judge(const stream::Event& event, Judge& judge) override {
      auto triggered = judge.test(rule_.when_, event);
      if (!triggered || !*triggered) return;
      auto key = judge.key(rule_.key_, event);
      if (!key) return;
      if (!bounded() && seen_.contains(*key)) return;
      const Sighting* closest = closest_.find(*key);
      if (closest != nullptr && satisfied(*closest, *key, event.time())) return;
      std::vector<std::string> evidence;
      // The earlier event that came closest, to show why it did not count.
      if (closest != nullptr) evidence.emplace_back(closest->id());
      judge.violation(judge.remember(event, *key), event.time(), std::nullopt,
                      std::move(evidence));
    }

   private:
    // An earlier event at N counts when N + at_least <= T and N + at_most >= T.
    bool satisfied(const Sighting& closest, KeyId key, eval::Timestamp t) const {
      auto early_enough = [&](eval::Timestamp n) {
        return !at_least_ || at_least_->after(n) <= t;
      };
      auto late_enough = [&](eval::Timestamp n) {
        return !at_most_ || at_most_->after(n) >= t;
      };
      if (rule_.at_least_ && rule_.at_most_) {
        const std::vector<eval::Timestamp>* all = all_times_.find(key);
        return all != nullptr &&
               std::any_of(all->begin(), all->end(),
                           [&](eval::Timestamp n) { return early_enough(n) && late_enough(n); });
      }
      if (rule_.at_most_) return late_enough(closest.time());
      return early_enough(closest.time());
    }

    bool bounded() const { return rule_.at_least_ || rule_.at_most_; }

    const Precedence& rule_;
    std::optional<Deadline> at_least_;  // after an earlier event: the rule's bounds
    std::optional<Deadline> at_most_;
    // The earlier events of each key that matter for the bounds in force:
    // without bounds, that there was one; with `at_least` the first (the
    // earliest is the most likely long enough before), with `at_most` the
    // last, with both also every time.
    KeySet seen_;
    Keyed<Sighting> closest_;
    Keyed<std::vector<eval::Timestamp>> all_times_;
  };

  Condition when_;
  Condition requires_;
  std::vector<eval::FieldId> key_;
  std::optional<eval::Period> at_least_;
  std::optional<eval::Period> at_most_;
};

std::unique_ptr<RuleKind> build(RuleInfo info, RuleFields& fields) {
  auto when = fields.condition("when", true);
  auto requires_ = fields.condition("requires", true);
  auto key = fields.key();
  auto at_least = fields.span("at_least", false);
  auto at_most = fields.span("at_most", false);
  if (fields.failed()) return nullptr;
  return std::make_unique<Precedence>(std::move(info), std::move(*when), std::move(*requires_),
                                      std::move(key), at_least, at_most, fields.event_types());
}

}  // namespace

const KindDefinition& precedence_kind() {
  static const KindDefinition kind{
      "precedence",
      "an event that needs an earlier one, optionally at least or at most some time before",
      {"when", "requires", "key", "at_least", "at_most"},
      &build};
  return kind;
}

}  // namespace accord::rules::detail
