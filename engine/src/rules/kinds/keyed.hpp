// State kept per correlation key, and deadlines kept in time order: what the
// kinds that wait for something share.
#pragma once

#include <accord/eval/time.hpp>
#include <accord/rules/rule_kind.hpp>

#include "fifo.hpp"
#include "huge_pages.hpp"

#include <algorithm>
#include <bit>
#include <cstdint>
#include <cstring>
#include <functional>
#include <new>
#include <queue>
#include <type_traits>
#include <vector>

namespace accord::rules::detail {

// Per-key state: open addressing with linear probing, at most 3/4 full.
// Monitors fetch the state of an event's key a little before they read it
// (prefetch()), and here a key's home is one slot, found from the key
// alone, where the key mostly is: with states of 56 bytes, one cache line.
// (A general table's lookup lands in a group of sixteen slots, sixteen
// lines, which only its control bytes tell apart: fetched ahead, it was the
// wrong line about half the time.) A slot holds its key plus one, then the
// state; zero is an empty slot, so a new table is the system's zeroed pages,
// written once. Pointers to states are invalidated by insertions and erasures.
template <class State>
class Keyed {
 public:
  Keyed() = default;
  Keyed(const Keyed&) = delete;
  Keyed& operator=(const Keyed&) = delete;
  ~Keyed() {
    clear();
    if (slots_ != nullptr) accord::detail::free_zeroed(slots_, capacity_ * sizeof(Slot));
  }

  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  // The bytes a key takes in the table (at most 3/4 of the slots are used).
  static constexpr std::size_t slot_bytes() { return sizeof(Slot); }

  // The key's state, or nullptr.
  State* find(KeyId key) {
    if (slots_ == nullptr) return nullptr;
    for (std::size_t at = home(key);; at = next(at)) {
      Slot& slot = slots_[at];
      if (slot.tag == tag(key)) return slot.state();
      if (slot.tag == kEmpty) return nullptr;
    }
  }
  const State* find(KeyId key) const { return const_cast<Keyed*>(this)->find(key); }

  // The key's state, and whether it is new (default-constructed).
  std::pair<State*, bool> try_emplace(KeyId key) {
    if (State* found = find(key)) return {found, false};
    if ((size_ + 1) * 4 > capacity_ * 3) grow();
    std::size_t at = home(key);
    while (slots_[at].tag != kEmpty) at = next(at);
    construct(slots_[at]);
    slots_[at].tag = tag(key);
    ++size_;
    return {slots_[at].state(), true};
  }

  void erase(KeyId key) {
    if (slots_ == nullptr) return;
    std::size_t hole = home(key);
    for (; slots_[hole].tag != tag(key); hole = next(hole)) {
      if (slots_[hole].tag == kEmpty) return;
    }
    destroy(slots_[hole]);
    // The keys after it that probed past it move back: no key is then
    // beyond an empty slot from its home.
    for (std::size_t at = next(hole); slots_[at].tag != kEmpty; at = next(at)) {
      std::size_t from_home = (at - home(slots_[at].tag - 1)) & mask_;
      if (from_home < ((at - hole) & mask_)) continue;  // the hole is before its home
      move_into(slots_[hole], slots_[at]);
      slots_[hole].tag = slots_[at].tag;
      hole = at;
    }
    slots_[hole].tag = kEmpty;
    --size_;
  }

  // Asks for the line of the key's home slot.
  void prefetch(KeyId key) const {
    if (slots_ != nullptr) __builtin_prefetch(&slots_[home(key)]);
  }

  // Calls visit(key, state) for each, in no particular order.
  template <class Visit>
  void for_each(Visit&& visit) const {
    for (std::size_t at = 0; at < capacity_; ++at) {
      if (slots_[at].tag != kEmpty) visit(slots_[at].tag - 1, *slots_[at].state());
    }
  }

  // Empties the table. A small one keeps its memory: some monitors empty
  // a few keys at every new time.
  void clear() {
    if constexpr (!std::is_trivially_destructible_v<State>) {
      for_each([](KeyId, const State& state) { state.~State(); });
    }
    size_ = 0;
    if (capacity_ * sizeof(Slot) <= kKeptBytes) {
      if (slots_ != nullptr) std::memset(static_cast<void*>(slots_), 0, capacity_ * sizeof(Slot));
      return;
    }
    accord::detail::free_zeroed(slots_, capacity_ * sizeof(Slot));
    slots_ = nullptr;
    capacity_ = mask_ = 0;
    shift_ = 64;
  }

 private:
  static constexpr KeyId kEmpty = 0;
  // A KeyId is a symbol, two symbols packed (each below 2^32 - 1) or a
  // tuple's number: never the greatest 64-bit number, so key + 1 is never 0.
  static KeyId tag(KeyId key) { return key + 1; }

  // A slot holds the key's tag, then its state. An empty state (a set's)
  // takes no room: its keys are eight to a cache line, and share one state.
  static constexpr bool kStoresState = !std::is_empty_v<State>;
  struct SlotWithState {
    KeyId tag;
    alignas(State) unsigned char storage[sizeof(State)];
    State* state() { return std::launder(reinterpret_cast<State*>(storage)); }
    const State* state() const { return std::launder(reinterpret_cast<const State*>(storage)); }
  };
  struct SlotWithoutState {
    KeyId tag;
    static State* state() {
      static State shared;
      return &shared;
    }
  };
  using Slot = std::conditional_t<kStoresState, SlotWithState, SlotWithoutState>;

  static void construct(Slot& slot) {
    if constexpr (kStoresState) new (slot.storage) State();
  }
  static void destroy(Slot& slot) {
    if constexpr (kStoresState) slot.state()->~State();
  }
  // Into an empty slot; `from` is left empty of its state.
  static void move_into(Slot& to, Slot& from) {
    if constexpr (kStoresState) {
      new (to.storage) State(std::move(*from.state()));
      from.state()->~State();
    }
  }

  // Fibonacci hashing: keys numbered densely spread over the table.
  std::size_t home(KeyId key) const {
    return static_cast<std::size_t>((key * 0x9e37'79b9'7f4a'7c15ULL) >> shift_);
  }
  std::size_t next(std::size_t at) const { return (at + 1) & mask_; }

  void grow() {
    Slot* old = slots_;
    std::size_t old_capacity = capacity_;
    capacity_ = std::max<std::size_t>(kFirstCapacity, 2 * capacity_);
    mask_ = capacity_ - 1;
    shift_ = 64 - std::countr_zero(capacity_);
    slots_ = static_cast<Slot*>(accord::detail::allocate_zeroed(capacity_ * sizeof(Slot)));
    for (std::size_t from = 0; from < old_capacity; ++from) {
      Slot& moving = old[from];
      if (moving.tag == kEmpty) continue;
      std::size_t at = home(moving.tag - 1);
      while (slots_[at].tag != kEmpty) at = next(at);
      move_into(slots_[at], moving);
      slots_[at].tag = moving.tag;
    }
    if (old != nullptr) accord::detail::free_zeroed(old, old_capacity * sizeof(Slot));
  }

  static constexpr std::size_t kFirstCapacity = 16;
  static constexpr std::size_t kKeptBytes = 4096;

  Slot* slots_ = nullptr;
  std::size_t capacity_ = 0;  // a power of two, or 0
  std::size_t mask_ = 0;
  int shift_ = 64;
  std::size_t size_ = 0;
};

// Keys alone, likewise (eight to a cache line).
class KeySet {
 public:
  bool insert(KeyId key) { return keys_.try_emplace(key).second; }
  bool contains(KeyId key) const { return keys_.find(key) != nullptr; }
  void prefetch(KeyId key) const { keys_.prefetch(key); }
  std::size_t size() const { return keys_.size(); }
  bool empty() const { return keys_.empty(); }
  void clear() { keys_.clear(); }

 private:
  struct Present {};
  Keyed<Present> keys_;
};

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

  accord::detail::Fifo<Entry> in_order_;
  std::priority_queue<Entry, std::vector<Entry>, std::greater<>> out_of_order_;
};

// Open obligations as their rule reports them when asked, gathered from
// its table first (the checker sorts what is reported, so their order here
// is the table's): gathered as (key, state) pairs, so that their count is
// known before the first is reported, and each state is fetched a few
// turns before `report` reads it.
template <class State>
class OpenStates {
 public:
  void add(KeyId key, const State& state) { entries_.push_back({key, &state}); }

  std::size_t size() const { return entries_.size(); }

  // Calls report(key, state) for each.
  template <class Report>
  void report(Report&& report) {
    for (std::size_t i = 0; i < entries_.size(); ++i) {
      if (i + kFetchAhead < entries_.size()) __builtin_prefetch(entries_[i + kFetchAhead].state);
      report(entries_[i].key, *entries_[i].state);
    }
  }

 private:
  static constexpr std::size_t kFetchAhead = 8;
  struct Entry {
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
