#include <accord/stream/checker.hpp>

#include <accord/rules/rule_kind.hpp>

#include "in_halves.hpp"
#include "stream/id_registry.hpp"
#include "stream/judge.hpp"
#include "stream/reorder_buffer.hpp"

#include <algorithm>

namespace accord::stream {

using detail::ReorderBuffer;

class Checker::Impl {
 public:
  Impl(const rules::RuleBook& book, CheckOptions options)
      : book_(book),
        options_(std::move(options)),
        judge_(book, result_, options_.on_violation, options_.max_open_obligations) {
    monitors_.reserve(book.size());
    rules_by_type_.resize(book.fields().type_count());
    for (std::size_t rule = 0; rule < book.size(); ++rule) {
      monitors_.push_back(book.rules()[rule]->start());
      if (monitors_.back()->advances()) advancing_.push_back(rule);
      const auto& types = book.rules()[rule]->event_types();
      if (!types) {
        any_type_.push_back(rule);
        continue;
      }
      for (const std::string& type : *types) {
        TypeCode code = book.fields().type_code(type);
        if (code != kUnnamedType) rules_by_type_[code].push_back(rule);
      }
    }
    // A rule for any type is offered every event, in rule order with the rest.
    for (auto& rules : rules_by_type_) {
      rules.insert(rules.end(), any_type_.begin(), any_type_.end());
      std::sort(rules.begin(), rules.end());
    }
    // Rules by id, for the order of the results: equal ids, equal ranks.
    std::vector<std::size_t> by_id(book.size());
    for (std::size_t rule = 0; rule < book.size(); ++rule) by_id[rule] = rule;
    std::sort(by_id.begin(), by_id.end(),
              [&](std::size_t a, std::size_t b) { return book.info(a).id < book.info(b).id; });
    rule_rank_.resize(book.size());
    for (std::size_t i = 0; i < by_id.size(); ++i) {
      bool same_as_before = i > 0 && book.info(by_id[i]).id == book.info(by_id[i - 1]).id;
      rule_rank_[by_id[i]] = same_as_before ? rule_rank_[by_id[i - 1]]
                                            : static_cast<std::uint32_t>(i);
    }
    std::vector<std::vector<eval::FieldId>> key_fields_by_type;
    for (const auto& rules : rules_by_type_) key_fields_by_type.push_back(key_fields_of(rules));
    judge_.set_key_fields(std::move(key_fields_by_type), key_fields_of(any_type_));
  }

  const InputError* add(Event&& event) {
    if (options_.check_duplicate_ids) {
      if (auto first = ids_.insert(event.id(), event.origin())) {
        result_.input_errors.push_back(
            detail::duplicate_id_error(event.id(), event.origin(), *first, options_.input_names));
        return &result_.input_errors.back();
      }
    }
    if (options_.as_of && event.time() > *options_.as_of) {
      ++result_.left_out;
      return nullptr;
    }
    if (released_any_ && event.time() < released_until_) {
      ++late_;
      result_.input_errors.push_back(
          {event.origin(), "event '" + std::string(event.id()) +
                               "' is earlier than events judged already: the log is out of "
                               "order by more than the reorder window"});
      return &result_.input_errors.back();
    }
    if (!latest_ || event.time() > *latest_) note_latest(event.time());
    if (rules_of(event).empty()) {
      // Nothing to judge (a type no rule names): only its time waits its
      // turn, for time to pass as it would with the event.
      waiting_.add_time(event.time());
      spend(event);
    } else {
      waiting_.add(std::move(event));
    }
    release_settled();
    return nullptr;
  }

  void add(InputError error) { result_.input_errors.push_back(std::move(error)); }

  void add(ReadItem&& item) {
    if (auto* event = std::get_if<Event>(&item)) {
      add(std::move(*event));
    } else {
      add(std::move(std::get<InputError>(item)));
    }
  }

  void add(std::span<ReadItem> items) {
    judge_later_ = true;
    try {
      for (ReadItem& item : items) add(std::move(item));
    } catch (...) {
      judge_later_ = false;
      throw;
    }
    judge_later_ = false;
    judge_released(false);
  }

  std::uint64_t late_events() const { return late_; }

  std::vector<Pending> pending() {
    while (!waiting_.empty()) release_one();
    judge_released(true);
    // The result's list stays empty until finish(): borrow it.
    std::vector<Pending> open;
    std::swap(open, result_.pending);
    for (std::size_t rule = 0; rule < monitors_.size(); ++rule) {
      judge_.set_rule(rule);
      monitors_[rule]->open(judge_);
    }
    judge_.decode_pending_keys();
    std::swap(open, result_.pending);
    sort_pending(open);
    return open;
  }

  void advance_to(eval::Timestamp now) {
    // Nothing after as_of is judged; the time given counts as an event's for
    // the default as_of.
    if (options_.as_of && now > *options_.as_of) now = *options_.as_of;
    if (!latest_ || now > *latest_) note_latest(now);
    while (!waiting_.empty() && waiting_.next_time() < now) release_one();
    judge_released(true);
    if (released_any_ && now <= released_until_) return;
    advance(now);
    released_until_ = now;
    released_any_ = true;
  }

  CheckResult finish(std::optional<eval::Timestamp> as_of) {
    if (as_of) options_.as_of = latest_ ? std::max(*as_of, *latest_) : *as_of;
    while (!waiting_.empty()) release_one();
    judge_released(true);
    result_.as_of = options_.as_of ? *options_.as_of
                                   : latest_.value_or(eval::Timestamp{0, 0});
    for (std::size_t rule = 0; rule < monitors_.size(); ++rule) {
      judge_.set_rule(rule);
      monitors_[rule]->finish(result_.as_of, judge_);
      // Its state is reported: free it before the next rule's report grows.
      monitors_[rule].reset();
    }
    judge_.decode_pending_keys();
    sort_result();
    return std::move(result_);
  }

 private:
  // The latest time so far, and with it the horizon of the reorder window.
  void note_latest(eval::Timestamp time) {
    latest_ = time;
    if (options_.reorder_window) horizon_ = eval::subtract(time, *options_.reorder_window);
  }

  // Releases the events that no event still to come may precede.
  void release_settled() {
    if (!horizon_) return;
    while (!waiting_.empty() && waiting_.next_time() < *horizon_) release_one();
    if (!judge_later_) judge_released(false);
  }

  void release_one() {
    ReorderBuffer::Taken taken = waiting_.take();
    released_until_ = taken.time;
    released_any_ = true;
    released_.push_back(taken);
    // It is judged once the events added with it are (check_logs adds 512
    // at a time): time enough for its block to come from memory, where a
    // reorder window's month of events has sent it since it was read.
    if (taken.slot != ReorderBuffer::kNoSlot) waiting_.event(taken.slot).prefetch();
  }

  // Judges the released events, one time at a time: the deadlines before
  // it pass, then its events are judged. The last time stays open unless
  // `close`: an event of that time may still come.
  void judge_released(bool close) {
    // The groups, each of one time; the open group's events were all of
    // its time when last looked at.
    group_ends_.clear();
    for (std::size_t begin = 0; begin < released_.size();) {
      eval::Timestamp time = released_[begin].time;
      std::size_t end = std::max(begin + 1, begin == 0 ? open_group_ : 0);
      while (end < released_.size() && released_[end].time == time) ++end;
      if (end == released_.size() && !close) break;
      group_ends_.push_back(end);
      begin = end;
    }
    // The key values of all of them are looked up together: in a log whose
    // times are to the second, a group is mostly one event, whose lookups
    // alone would wait for memory one after the other.
    prepare_keys(group_ends_.empty() ? 0 : group_ends_.back());
    std::size_t begin = 0;
    std::size_t position = 0;  // in prepared_
    for (std::size_t end : group_ends_) {
      // Deadlines pass as soon as a time is released, even one left open,
      // so violations are reported as soon as they are certain.
      if (begin != 0 || !open_group_advanced_) advance(released_[begin].time);
      prefetch_ahead(end);
      position = judge_group(begin, end, position);
      begin = end;
    }
    if (begin < released_.size()) {
      // The open group: its deadlines pass now, unless they did before.
      if (begin != 0 || !open_group_advanced_) advance(released_[begin].time);
      open_group_advanced_ = true;
    } else {
      open_group_advanced_ = false;
    }
    released_.erase(released_.begin(), released_.begin() + static_cast<std::ptrdiff_t>(begin));
    open_group_ = released_.size();
    headers_fetched_ -= std::min(headers_fetched_, begin);
    fields_fetched_ -= std::min(fields_fetched_, begin);
  }

  // Fetches the events up to `end` (the group about to be judged) and
  // those that follow before they are judged: a log whose times are to the
  // second has a time, and so a group, per event, and without this each
  // would wait for its header, then its fields.
  void prefetch_ahead(std::size_t end) {
    const std::size_t size = released_.size();
    for (std::size_t to = std::min(size, end + kLookahead); fields_fetched_ < to;
         ++fields_fetched_) {
      // Each header is asked for kLookahead events before it is read for
      // its fields: in a group of thousands (a day, in a log of dates),
      // headers read as soon as asked for would be waited for one by one.
      fetch_headers_to(std::min(size, fields_fetched_ + kLookahead + 1));
      if (holds_event(fields_fetched_)) event_at(fields_fetched_).prefetch();
    }
    fetch_headers_to(std::min(size, end + 2 * kLookahead));
  }

  void fetch_headers_to(std::size_t to) {
    for (; headers_fetched_ < to; ++headers_fetched_) {
      if (!holds_event(headers_fetched_)) continue;
      const char* header = reinterpret_cast<const char*>(&event_at(headers_fetched_));
      __builtin_prefetch(header);
      __builtin_prefetch(header + sizeof(Event) - 1);
    }
  }

  bool holds_event(std::size_t released) const {
    return released_[released].slot != ReorderBuffer::kNoSlot;
  }

  const Event& event_at(std::size_t released) const {
    return waiting_.event(released_[released].slot);
  }

  // A new time has come: every deadline before it has passed.
  void advance(eval::Timestamp now) {
    for (std::size_t rule : advancing_) {
      judge_.set_rule(rule);
      monitors_[rule]->advance(now, judge_);
    }
  }

  // The fields of the rules' keys, each once.
  std::vector<eval::FieldId> key_fields_of(const std::vector<std::size_t>& rules) const {
    std::vector<eval::FieldId> fields;
    for (std::size_t rule : rules) {
      for (const std::string& name : book_.info(rule).key_fields) {
        auto field = book_.fields().find(name);
        if (field && std::find(fields.begin(), fields.end(), *field) == fields.end()) {
          fields.push_back(*field);
        }
      }
    }
    return fields;
  }

  // The events of the released ones before `end`, and their keys' values
  // looked up (adding none: a value new to the table is added as its rule
  // asks for it, and a later event's lookup then finds it in key()).
  void prepare_keys(std::size_t end) {
    prepared_.clear();
    for (std::size_t i = 0; i < end; ++i) {
      if (holds_event(i)) prepared_.push_back(&event_at(i));
    }
    judge_.prepare_keys(prepared_);
  }

  // The released events from `begin` to `end`, all of one time (its
  // deadlines passed already), prepared from `position` on: every event is
  // observed, then every event is judged. Returns the position after them.
  std::size_t judge_group(std::size_t begin, std::size_t end, std::size_t position) {
    group_slots_.clear();
    for (std::size_t i = begin; i < end; ++i) {
      if (holds_event(i)) group_slots_.push_back(released_[i].slot);
    }
    group_ = std::span<const Event* const>(prepared_).subspan(position, group_slots_.size());
    group_position_ = position;
    visit_group(true, [&](std::size_t rule, const Event& event) {
      monitors_[rule]->observe(event, judge_);
    });
    // Judged events are freed a few at a time, while their fields are
    // still in cache.
    auto release_judged = [&](std::size_t first, std::size_t last) {
      for (std::size_t i = first; i < last; ++i) waiting_.release(group_slots_[i]);
    };
    // What observe() fetched is still in cache, even after a day's
    // thousands of events: fetching it again cost 6% of the judging
    // thread's instructions and saved no time.
    visit_group(
        false,
        [&](std::size_t rule, const Event& event) { monitors_[rule]->judge(event, judge_); },
        release_judged);
    result_.events += end - begin;  // with those that had nothing to judge
    return position + group_.size();
  }

  // An event with nothing to judge is freed at once (its block counted
  // with the rest of its chunk's run).
  void spend(Event& event) { spent_.release(event); }

  // The rules an event is offered to.
  const std::vector<std::size_t>& rules_of(const Event& event) const {
    TypeCode code = event.type_code();
    return code < rules_by_type_.size() ? rules_by_type_[code] : any_type_;
  }

  // Visits each event of the group with each of its rules, a few events at
  // a time: with `fetch`, their rules' state is fetched from memory
  // together, and stays in cache until they are done. `done` is told of
  // each few, by their positions in the group, once they are visited.
  template <class Visit, class Done = void (*)(std::size_t, std::size_t)>
  void visit_group(bool fetch, Visit&& visit, Done&& done = [](std::size_t, std::size_t) {}) {
    const std::size_t count = group_.size();
    // Even a group of one event fetches first: an event offered to several
    // rules (a decision: three) then waits for their states at once.
    for (std::size_t begin = 0; begin < count; begin += kPrefetchedEvents) {
      std::size_t end = std::min(count, begin + kPrefetchedEvents);
      for (std::size_t i = begin; fetch && i < end; ++i) {
        const Event& event = *group_[i];
        for_each_rule_of(event, i,
                         [&](std::size_t rule) { monitors_[rule]->prefetch(event, judge_); });
      }
      for (std::size_t i = begin; i < end; ++i) {
        const Event& event = *group_[i];
        for_each_rule_of(event, i, [&](std::size_t rule) { visit(rule, event); });
      }
      done(begin, end);
    }
  }

  // `position`: the event's in group_.
  template <class Visit>
  void for_each_rule_of(const Event& event, std::size_t position, Visit&& visit) {
    const auto& rules = rules_of(event);
    if (rules.empty()) return;
    judge_.begin_event(group_position_ + position);
    for (std::size_t rule : rules) {
      judge_.set_rule(rule);
      visit(rule);
    }
  }

  // Pending obligations by due time, rule id and trigger id.
  void sort_pending(std::vector<Pending>& pending) const {
    sort_by_time_rule_trigger(pending, [](const Pending& p) { return p.due; });
  }

  void sort_result() {
    auto rule_id = [&](std::size_t rule) -> const std::string& { return book_.info(rule).id; };
    sort_by_time_rule_trigger(result_.violations, [](const Violation& v) { return v.time; });
    sort_pending(result_.pending);
    std::stable_sort(result_.evaluation_errors.begin(), result_.evaluation_errors.end(),
                     [&](const EvaluationError& a, const EvaluationError& b) {
                       if (a.origin != b.origin) return a.origin < b.origin;
                       return rule_id(a.rule) < rule_id(b.rule);
                     });
    std::stable_sort(result_.input_errors.begin(), result_.input_errors.end(),
                     [](const InputError& a, const InputError& b) { return a.origin < b.origin; });
  }

  // Sorts entries (violations, pending obligations) by time, then rule id,
  // then trigger id, equal ones kept in the order they came: as
  // std::stable_sort would, but a check can end with hundreds of thousands
  // of entries, each with strings and a key, so their order is found on
  // small (time, rule rank, position) records and each is moved once.
  template <class Entry, class TimeOf>
  void sort_by_time_rule_trigger(std::vector<Entry>& entries, TimeOf time_of) const {
    // Many entries share a time and a rule (obligations due the same day),
    // so the trigger ids' first 16 bytes are in the record too, as two
    // numbers that order as the bytes do: a full comparison, reaching into
    // the entries, only for longer ids that begin alike.
    struct Place {
      eval::Timestamp time;
      std::uint32_t rule_rank;
      std::uint32_t position;
      std::uint64_t trigger_start[2];
      std::uint32_t trigger_size;
    };
    auto big_endian_word = [](std::string_view text, std::size_t from) {
      std::uint64_t word = 0;
      for (std::size_t i = from; i < from + 8; ++i) {
        word = word << 8 | (i < text.size() ? static_cast<unsigned char>(text[i]) : 0u);
      }
      return word;
    };
    std::vector<Place> places;
    places.reserve(entries.size());
    for (std::size_t i = 0; i < entries.size(); ++i) {
      const std::string& trigger = entries[i].trigger;
      auto size = static_cast<std::uint32_t>(std::min<std::size_t>(trigger.size(), 0xffff'ffff));
      places.push_back({time_of(entries[i]),
                        rule_rank_[entries[i].rule],
                        static_cast<std::uint32_t>(i),
                        {big_endian_word(trigger, 0), big_endian_word(trigger, 8)},
                        size});
    }
    auto before = [&](const Place& a, const Place& b) {
      if (a.time != b.time) return a.time < b.time;
      if (a.rule_rank != b.rule_rank) return a.rule_rank < b.rule_rank;
      for (std::size_t word = 0; word < 2; ++word) {
        if (a.trigger_start[word] != b.trigger_start[word]) {
          return a.trigger_start[word] < b.trigger_start[word];
        }
      }
      if (a.trigger_size > 16 || b.trigger_size > 16) {
        int order = entries[a.position].trigger.compare(entries[b.position].trigger);
        if (order != 0) return order < 0;
      } else if (a.trigger_size != b.trigger_size) {
        return a.trigger_size < b.trigger_size;  // the shorter is a prefix of the other
      }
      return a.position < b.position;
    };
    // Each half sorted on its own thread, then merged: the order is total
    // (positions differ), so the same as one sort's.
    bool halved = accord::detail::in_halves(places.size(), [&](std::size_t begin, std::size_t end) {
      std::sort(places.begin() + static_cast<std::ptrdiff_t>(begin),
                places.begin() + static_cast<std::ptrdiff_t>(end), before);
    });
    if (halved) {
      const auto half = static_cast<std::ptrdiff_t>(places.size() / 2);
      std::inplace_merge(places.begin(), places.begin() + half, places.end(), before);
    }
    // Gathered in order into a new list, by halves: read where each entry
    // is, a few ahead (moving along the permutation's cycles instead waits
    // for two misses at each step, one of them on the places).
    constexpr std::size_t kAhead = 8;
    std::vector<Entry> sorted(entries.size());
    accord::detail::in_halves(places.size(), [&](std::size_t begin, std::size_t end) {
      for (std::size_t k = begin; k < end; ++k) {
        if (k + kAhead < end) {
          const char* ahead = reinterpret_cast<const char*>(&entries[places[k + kAhead].position]);
          __builtin_prefetch(ahead);
          __builtin_prefetch(ahead + sizeof(Entry) - 1);
        }
        sorted[k] = std::move(entries[places[k].position]);
      }
    });
    entries = std::move(sorted);
  }

  static constexpr std::size_t kPrefetchedEvents = 64;
  // How many events ahead of the group being judged prefetch_ahead() asks
  // for their fields (and twice as many for their headers).
  static constexpr std::size_t kLookahead = 16;

  const rules::RuleBook& book_;
  CheckOptions options_;
  CheckResult result_;
  detail::CheckerJudge judge_;
  std::vector<std::unique_ptr<rules::Monitor>> monitors_;
  // The rules each event is offered to, by its TypeCode; types no rule names
  // go to the rules for any type.
  std::vector<std::vector<std::size_t>> rules_by_type_;
  std::vector<std::size_t> any_type_;
  std::vector<std::size_t> advancing_;  // the rules whose monitors' advance() does something
  std::vector<std::uint32_t> rule_rank_;  // by rule: its place in the order of rule ids
  detail::IdRegistry ids_;
  ReorderBuffer waiting_;  // the reorder window
  EventReleaser spent_;    // events with nothing to judge, in the order read
  std::optional<eval::Timestamp> latest_;
  // Events before it are released: no event to come may precede them.
  std::optional<eval::Timestamp> horizon_;
  eval::Timestamp released_until_;
  bool released_any_ = false;
  std::uint64_t late_ = 0;
  // Events taken from the reorder window, in order, not judged yet.
  std::vector<ReorderBuffer::Taken> released_;
  // How many of released_ are known to be of the open group (its first
  // event's time): an add() that releases nothing costs nothing to judge.
  std::size_t open_group_ = 0;
  bool open_group_advanced_ = false;  // the deadlines before its time have passed
  // How many of released_ prefetch_ahead() has fetched the header and the
  // fields of.
  std::size_t headers_fetched_ = 0;
  std::size_t fields_fetched_ = 0;
  std::vector<std::size_t> group_ends_;  // of the groups released_ holds
  // The events about to be judged, their keys' values looked up.
  std::vector<const Event*> prepared_;
  std::span<const Event* const> group_;  // the group being judged, of prepared_
  std::size_t group_position_ = 0;  // its first event's in prepared_
  std::vector<ReorderBuffer::Slot> group_slots_;  // and their slots
  // Within add(std::span<ReadItem>): events released are judged after the last.
  bool judge_later_ = false;
};

Checker::Checker(const rules::RuleBook& book, CheckOptions options)
    : impl_(std::make_unique<Impl>(book, std::move(options))) {}

Checker::~Checker() = default;

void Checker::add(ReadItem&& item) { impl_->add(std::move(item)); }

const InputError* Checker::add(Event&& event) { return impl_->add(std::move(event)); }
void Checker::add(InputError error) { impl_->add(std::move(error)); }
void Checker::add(std::span<ReadItem> items) { impl_->add(items); }
std::uint64_t Checker::late_events() const { return impl_->late_events(); }
void Checker::advance_to(eval::Timestamp now) { impl_->advance_to(now); }
std::vector<Pending> Checker::pending() { return impl_->pending(); }
CheckResult Checker::finish(std::optional<eval::Timestamp> as_of) { return impl_->finish(as_of); }

}  // namespace accord::stream
