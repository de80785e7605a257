// State kept per correlation key, and deadlines kept in time order: what the
// kinds that wait for something share.
#pragma once

#include <accord/eval/time.hpp>
#include <accord/rules/rule_kind.hpp>

#include "huge_pages.hpp"

#include <absl/container/flat_hash_map.h>
#include <absl/container/flat_hash_set.h>

#include <algorithm>
#include <cstdint>
#include <deque>
#include <functional>
#include <queue>
#include <vector>

namespace accord::rules::detail {

// Per-key state. Open addressing: a lookup is a hash of an integer and,
// mostly, one cache line. References are invalidated by insertions.
template <class State>
using Keyed = absl::flat_hash_map<KeyId, State, absl::Hash<KeyId>, std::equal_to<KeyId>,
                                  accord::detail::HugePageAllocator<std::pair<const KeyId, State>>>;

// Keys alone, likewise.
using KeySet = absl::flat_hash_set<KeyId, absl::Hash<KeyId>, std::equal_to<KeyId>,
                                   accord::detail::HugePageAllocator<KeyId>>;

// Deadlines in time order. Entries are never removed early: each carries the
// generation of what it watches, and a stale one is skipped when it comes up.
//
// A rule's deadlines are its events' times plus one fixed span, and events
// come in time order, so deadlines nearly always arrive in order: those go
// to a queue, and only the rare one that does not (a span in months, clamped
// at a month's end) to a heap.
class Deadlines {
 public:
  struct Entry {
    eval::Timestamp due;
    std::uint64_t generation;
    KeyId key;
    // Generations are unique: the order is total, whichever way an entry went.
    friend bool operator>(const Entry& a, const Entry& b) {
      if (a.due != b.due) return a.due > b.due;
      return a.generation > b.generation;
    }
  };

  void add(eval::Timestamp due, std::uint64_t generation, KeyId key) {
    Entry entry{due, generation, key};
    if (in_order_.empty() || !(in_order_.back() > entry)) {
      in_order_.push_back(entry);
    } else {
      out_of_order_.push(entry);
    }
  }

  // Removes and passes to `expire` every entry due strictly before `now`,
  // earliest first. `fetch` is given the next few a little before: their
  // state is then on its way from memory together.
  template <class Expire, class Fetch>
  void expire_before(eval::Timestamp now, Expire&& expire, Fetch&& fetch) {
    std::size_t fetched = 0;  // entries of in_order_, from its front
    for (;;) {
      for (; fetched < std::min(kFetchAhead, in_order_.size()) && in_order_[fetched].due < now;
           ++fetched) {
        fetch(in_order_[fetched]);
      }
      bool from_queue = !in_order_.empty() &&
                        (out_of_order_.empty() || out_of_order_.top() > in_order_.front());
      const Entry* next = from_queue                  ? &in_order_.front()
                          : !out_of_order_.empty() ? &out_of_order_.top()
                                                   : nullptr;
      if (next == nullptr || !(next->due < now)) return;
      Entry entry = *next;
      if (from_queue) {
        in_order_.pop_front();
        if (fetched > 0) --fetched;
      } else {
        out_of_order_.pop();
      }
      expire(entry);
    }
  }

  void clear() {
    in_order_.clear();
    out_of_order_ = {};
  }

 private:
  static constexpr std::size_t kFetchAhead = 16;

  std::deque<Entry> in_order_;
  std::priority_queue<Entry, std::vector<Entry>, std::greater<>> out_of_order_;
};

// Open obligations as their rule reports them when asked: oldest first, by
// the generation of each. Gathered as (generation, state) pairs, so that
// sorting reads no state; states are scattered over a large table, so each
// is fetched a few turns before `report` reads it.
template <class State>
class OldestFirst {
 public:
  void add(std::uint64_t generation, KeyId key, const State& state) {
    entries_.push_back({generation, key, &state});
  }

  // Calls report(key, state) for each, oldest first.
  template <class Report>
  void report(Report&& report) {
    std::sort(entries_.begin(), entries_.end(),
              [](const Entry& a, const Entry& b) { return a.generation < b.generation; });
    for (std::size_t i = 0; i < entries_.size(); ++i) {
      if (i + kFetchAhead < entries_.size()) __builtin_prefetch(entries_[i + kFetchAhead].state);
      report(entries_[i].key, *entries_[i].state);
    }
  }

 private:
  static constexpr std::size_t kFetchAhead = 8;
  struct Entry {
    std::uint64_t generation;
    KeyId key;
    const State* state;
  };
  std::vector<Entry> entries_;
};

// The deadline a span after a time, or the end of time when it overflows
// (an obligation that can never fall due).
class Deadline {
 public:
  explicit Deadline(const eval::Period& span) : add_(span) {}

  eval::Timestamp after(eval::Timestamp from) const {
    auto due = add_(from);
    return due ? *due : eval::Timestamp{eval::kMaxTimestampSeconds, 999'999'999};
  }

 private:
  eval::PeriodAdder add_;
};

}  // namespace accord::rules::detail
