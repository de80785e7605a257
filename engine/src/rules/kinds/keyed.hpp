// State kept per correlation key, and deadlines kept in time order: what the
// kinds that wait for something share.
#pragma once

#include <accord/eval/time.hpp>

#include <cstdint>
#include <functional>
#include <queue>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace accord::rules::detail {

struct KeyHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view key) const noexcept {
    return std::hash<std::string_view>{}(key);
  }
};

// Per-key state, looked up by a string_view without building a string.
template <class State>
using Keyed = std::unordered_map<std::string, State, KeyHash, std::equal_to<>>;

template <class State>
State& slot(Keyed<State>& states, std::string_view key) {
  auto found = states.find(key);
  if (found != states.end()) return found->second;
  return states.emplace(std::string(key), State{}).first->second;
}

// Deadlines in time order. Entries are never removed early: each carries the
// generation of what it watches, and a stale one is skipped when it comes up.
class Deadlines {
 public:
  struct Entry {
    eval::Timestamp due;
    std::uint64_t generation;
    std::string key;
    friend bool operator>(const Entry& a, const Entry& b) { return a.due > b.due; }
  };

  void add(eval::Timestamp due, std::uint64_t generation, std::string_view key) {
    queue_.push(Entry{due, generation, std::string(key)});
  }

  // Removes and passes to `expire` every entry due strictly before `now`.
  template <class Expire>
  void expire_before(eval::Timestamp now, Expire&& expire) {
    while (!queue_.empty() && queue_.top().due < now) {
      Entry entry = queue_.top();
      queue_.pop();
      expire(entry);
    }
  }

  void clear() { queue_ = {}; }

 private:
  std::priority_queue<Entry, std::vector<Entry>, std::greater<>> queue_;
};

// The deadline `span` after `from`, or the end of time when it overflows
// (an obligation that can never fall due).
inline eval::Timestamp deadline(eval::Timestamp from, const eval::Period& span) {
  auto due = eval::add(from, span);
  return due ? *due : eval::Timestamp{eval::kMaxTimestampSeconds, 999'999'999};
}

}  // namespace accord::rules::detail
