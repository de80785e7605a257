// The checker's reorder window: events that arrived a little out of order,
// handed out in (time, arrival) order.
#pragma once

#include <accord/eval/time.hpp>
#include <accord/stream/event.hpp>

#include "fifo.hpp"
#include "huge_pages.hpp"

#include <algorithm>
#include <bit>
#include <cstdint>
#include <functional>
#include <vector>

namespace accord::stream::detail {

// Events waiting to be judged, handed out in (time, arrival) order. Logs
// are nearly sorted: mostly in order, with some events written days ahead
// of their neighbours (a batch exported late, a time zone). So events are
// appended to a few runs, each in order (the run whose last event is the
// latest not after the new one), and handed out by merging the runs; only
// when no run fits does an event go to a heap. Events stay in their slot
// from add() to release(): runs and heap order small entries, not events.
class ReorderBuffer {
 public:
  using Slot = std::uint32_t;
  // The slot of a time without an event (add_time).
  static constexpr Slot kNoSlot = 0xffff'ffff;

  void add(Event&& event) {
    Slot slot;
    if (free_.empty()) {
      slot = static_cast<Slot>(slots_.size());
      slots_.push_back(std::move(event));
    } else {
      slot = free_.back();
      free_.pop_back();
      slots_[slot] = std::move(event);
    }
    // The slot the next event goes to was freed a while ago: fetch it now.
    if (!free_.empty()) {
      const char* next = reinterpret_cast<const char*>(&slots_[free_.back()]);
      __builtin_prefetch(next, 1);
      __builtin_prefetch(next + sizeof(Event) - 1, 1);
    }
    enqueue(slots_[slot].time(), slot);
  }

  // The time of an event with nothing to judge: it takes its turn like the
  // others, so that time passes as it would with the event, but holds no slot.
  void add_time(eval::Timestamp time) { enqueue(time, kNoSlot); }

  bool empty() const { return size_ == 0; }

  eval::Timestamp next_time() const { return next(earliest_).time; }

  struct Taken {
    eval::Timestamp time;
    Slot slot;
  };

  // The next event in order, and its time, read without touching the event;
  // it stays in the buffer until released.
  Taken take() {
    std::size_t from = earliest_;
    Taken taken{next(from).time, next(from).slot};
    if (from == kHeap) {
      std::pop_heap(early_.begin(), early_.end(), std::greater<>{});
      early_.pop_back();
    } else {
      accord::detail::Fifo<Waiting>& run = runs_[from];
      run.pop_front();
      if (run.empty()) {
        in_use_ &= ~(1u << from);
        if (from == last_run_) last_run_ = kHeap;
      } else {
        ends_[from].front = run.front();
      }
      // Events leave mostly from one run, in turn, and its entries a few
      // places on have waited as long as their events: fetched while those
      // before them go, and the events of those half as far on, so that
      // the checker finds an event's header in cache as it is taken, and
      // can ask for its block then.
      if (run.size() > kFetchAhead) __builtin_prefetch(&run[kFetchAhead]);
      if (run.size() > kFetchAhead / 2 && run[kFetchAhead / 2].slot != kNoSlot) {
        const char* header = reinterpret_cast<const char*>(&slots_[run[kFetchAhead / 2].slot]);
        __builtin_prefetch(header);
        __builtin_prefetch(header + sizeof(Event) - 1);
      }
      // Still before every other run's front and the heap's top: the run
      // stays the earliest without comparing them again.
      if (!run.empty() && (!has_runner_up_ || runner_up_ > run.front())) {
        --size_;
        return taken;
      }
    }
    --size_;
    find_earliest();
    return taken;
  }

  const Event& event(Slot slot) const { return slots_[slot]; }

  // How many entries wait in the heap: few, unless the log is far from sorted.
  std::size_t in_heap() const { return early_.size(); }

  // Frees a taken event and its slot.
  void release(Slot slot) {
    free_.push_back(slot);
    releaser_.release(slots_[slot]);
  }

 private:
  struct Waiting {
    eval::Timestamp time;
    std::uint64_t arrival;
    Slot slot;
    friend bool operator>(const Waiting& a, const Waiting& b) {
      if (a.time != b.time) return a.time > b.time;
      return a.arrival > b.arrival;
    }
  };

  // Appends to the run it fits, or to the heap.
  void enqueue(eval::Timestamp time, Slot slot) {
    Waiting waiting{time, arrivals_++, slot};
    // An entry earlier than every other fits no run: it becomes the front
    // of an empty run or the top of the heap, and the earliest.
    bool becomes_earliest = size_ == 0 || next(earliest_) > waiting;
    ++size_;
    // Mostly the entry follows the one before in its run, and no other run
    // ends between the two: that run is still the one it fits best.
    std::size_t best = last_run_ != kHeap && !(ends_[last_run_].back > waiting) &&
                               (!has_ceiling_ || ceiling_ > waiting)
                           ? last_run_
                           : fitting_run(waiting);
    if (becomes_earliest) {
      // What was the earliest is now the runner-up: not in `best`'s run,
      // which held nothing before the new entry (the heap, taken from,
      // finds its runner-up anew).
      has_runner_up_ = size_ > 1;
      if (has_runner_up_) runner_up_ = next(earliest_);
      earliest_ = best;
    } else if (best != earliest_ && (!has_runner_up_ || runner_up_ > waiting)) {
      runner_up_ = waiting;
      has_runner_up_ = true;
    }
    if (best == kHeap) {
      early_.push_back(waiting);
      std::push_heap(early_.begin(), early_.end(), std::greater<>{});
      return;
    }
    runs_[best].push_back(waiting);
    if ((in_use_ & (1u << best)) == 0) ends_[best].front = waiting;
    ends_[best].back = waiting;
    in_use_ |= 1u << best;
  }

  // The run whose last entry is the latest not after `waiting` (an empty
  // one if none is), or kHeap when every run is in use and none fits.
  // Remembers it as last_run_, and as ceiling_ the earliest end of the
  // other runs after `waiting`.
  std::size_t fitting_run(const Waiting& waiting) {
    std::size_t best = kHeap;
    std::size_t empty = kHeap;
    has_ceiling_ = false;
    for (std::size_t i = 0; i < runs_.size(); ++i) {
      if ((in_use_ & (1u << i)) == 0) {
        if (empty == kHeap) empty = i;
      } else if (!(ends_[i].back > waiting)) {
        if (best == kHeap || ends_[i].back > ends_[best].back) best = i;
      } else if (!has_ceiling_ || ceiling_ > ends_[i].back) {
        ceiling_ = ends_[i].back;
        has_ceiling_ = true;
      }
    }
    if (best == kHeap) best = empty;
    if (best == kHeap && runs_.size() < kMaxRuns) {
      best = runs_.size();
      runs_.emplace_back();
      ends_.emplace_back();
    }
    last_run_ = best;
    return best;
  }

  static constexpr std::size_t kFetchAhead = 32;

  // A log so unsorted that it needs more runs than this is cheaper in a heap.
  static constexpr std::size_t kMaxRuns = 8;
  static_assert(kMaxRuns <= 32, "in_use_ has a bit per run");

  static constexpr std::size_t kHeap = kMaxRuns;

  // Finds where the earliest waiting entry is (earliest_: a run's index,
  // or kHeap, also when the buffer is empty) and the earliest entry
  // elsewhere (runner_up_).
  void find_earliest() {
    std::size_t from = kHeap;
    const Waiting* best = early_.empty() ? nullptr : &early_.front();
    const Waiting* second = nullptr;
    for (std::uint32_t left = in_use_; left != 0; left &= left - 1) {
      auto i = static_cast<std::size_t>(std::countr_zero(left));
      const Waiting& front = ends_[i].front;
      if (best == nullptr || *best > front) {
        second = best;
        best = &front;
        from = i;
      } else if (second == nullptr || *second > front) {
        second = &front;
      }
    }
    earliest_ = from;
    has_runner_up_ = second != nullptr;
    if (has_runner_up_) runner_up_ = *second;
  }

  const Waiting& next(std::size_t from) const {
    return from == kHeap ? early_.front() : ends_[from].front;
  }

  accord::detail::HugePageVector<Event> slots_;
  std::vector<Slot> free_;
  EventReleaser releaser_;  // events leave in about the order they were read
  std::vector<accord::detail::Fifo<Waiting>> runs_;  // each in order
  // The first and last entries of each run, side by side: an event added
  // or taken compares them all, and a run's ends are two reads away.
  struct Ends {
    Waiting front;
    Waiting back;
  };
  std::vector<Ends> ends_;
  std::uint32_t in_use_ = 0;  // a bit per run that holds entries
  std::vector<Waiting> early_;             // a heap, the earliest on top
  std::size_t size_ = 0;
  std::size_t earliest_ = kHeap;  // see find_earliest(), kept as entries come and go
  // The earliest entry not in earliest_'s run (when there is one): while
  // that run's front is before it, the run stays the earliest. An entry
  // added elsewhere may only bring it forward.
  Waiting runner_up_{};
  bool has_runner_up_ = false;
  // The run the last entry went to (kHeap: none, or not known) and the
  // earliest end of the other runs after it, when there is one: an entry
  // before that end fits last_run_ best. Runs that empty leave ceiling_
  // earlier than it need be, never later.
  std::size_t last_run_ = kHeap;
  Waiting ceiling_{};
  bool has_ceiling_ = false;
  std::uint64_t arrivals_ = 0;
};

}  // namespace accord::stream::detail
