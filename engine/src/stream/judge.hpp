// The checker's side of rules::Judge: evaluates conditions on events, builds
// correlation keys, and turns what monitors report into the check's result.
#pragma once

#include <accord/rules/rule_kind.hpp>
#include <accord/stream/checker.hpp>

#include "stream/key_table.hpp"

#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace accord::stream::detail {

class CheckerJudge final : public rules::Judge {
 public:
  CheckerJudge(const rules::RuleBook& book, CheckResult& result,
               const std::function<void(const Violation&)>& on_violation,
               std::uint64_t max_open_obligations);

  // Which rule the following calls are about.
  void set_rule(std::size_t rule) { rule_ = rule; }

  // The key fields the rules for each event type read, by TypeCode, and
  // those of the rules for types no rule names: what prepare_keys() looks up.
  void set_key_fields(std::vector<std::vector<eval::FieldId>> by_type,
                      std::vector<eval::FieldId> other_types);

  // Finds the symbols of the key values of a group of events before the
  // rules ask for them one by one: together, the table's cache misses
  // overlap. Adds no symbol: a value new to the table is added by key().
  void prepare_keys(std::span<const Event* const> events);

  // The following calls are about the event at `position` of those last
  // prepared: its key values are read from what prepare_keys() found.
  // Without a position, about an event not prepared: key() looks its
  // values up itself.
  void begin_event(std::size_t position) {
    event_lookups_ = prepared_begin_[position];
    event_lookups_end_ = prepared_begin_[position + 1];
  }
  void begin_event() { event_lookups_ = event_lookups_end_ = 0; }

  std::optional<bool> evaluate(const rules::Condition& condition, const Event& event,
                               const Event* trigger) override;
  std::optional<rules::KeyId> key(const std::vector<eval::FieldId>& fields,
                                  const Event& event) override;
  std::optional<rules::KeyId> known_key(const std::vector<eval::FieldId>& fields,
                                        const Event& event) override;
  using rules::Judge::remember;
  void remember(const Event& event, rules::KeyId key, rules::Trigger& trigger) override;
  void remember(const Event& event, rules::KeptTrigger& kept) override;
  void violation(const rules::Trigger& trigger, eval::Timestamp time,
                 std::optional<eval::Timestamp> due, std::vector<std::string> evidence) override;
  void pending(const rules::Trigger& trigger, eval::Timestamp due) override;
  void expect_pending(std::size_t count) override;
  // Gives the pending obligations reported since the last call their keys'
  // texts: all together, so that the texts' waits for memory overlap.
  void decode_pending_keys();
  void error(const Event& event, std::string message) override;
  void opened(const Event& event) override;
  void closed(std::size_t count) override { open_obligations_ -= count; }

 private:
  // The current event's lookup of a key field; nullptr when the event's
  // value of it is missing or not a string.
  KeyTable::Lookup* prepared(eval::FieldId field) {
    for (std::uint32_t i = event_lookups_; i < event_lookups_end_; ++i) {
      if (lookup_fields_[i] == field) return &lookups_[i];
    }
    return nullptr;
  }
  // Room for the symbols of a key of `count` fields, written by index.
  std::span<std::uint32_t> symbol_buffer(std::size_t count) {
    if (key_symbols_.size() < count) key_symbols_.resize(count);
    return {key_symbols_.data(), count};
  }
  std::vector<std::pair<std::string, std::string>> decode_key(rules::KeyId key) const {
    return decode_key(rule_, key, key_symbols_decoded_);
  }
  // The same for any rule, with room of the caller's for the symbols: safe
  // on several threads at once while no key is added.
  std::vector<std::pair<std::string, std::string>> decode_key(
      std::size_t rule, rules::KeyId key, std::vector<std::uint32_t>& symbols) const;
  // The keys of undecoded_ from `begin` to `end`.
  void decode_pending_keys(std::size_t begin, std::size_t end);
  std::string render(const rules::Trigger& trigger, std::optional<eval::Timestamp> due) const;

  const rules::RuleBook& book_;
  CheckResult& result_;
  const std::function<void(const Violation&)>& on_violation_;
  EventActivation activation_;
  std::size_t rule_ = 0;
  KeyTable keys_;
  std::vector<std::vector<eval::FieldId>> key_fields_by_type_;
  std::vector<eval::FieldId> key_fields_other_types_;
  // What prepare_keys() found: lookups_ and their fields, by event from
  // prepared_begin_[position] to prepared_begin_[position + 1]. A symbol
  // key() adds is kept in its lookup: rules keyed alike share the work.
  std::vector<KeyTable::Lookup> lookups_;
  std::vector<eval::FieldId> lookup_fields_;
  std::vector<std::uint32_t> prepared_begin_;
  std::uint32_t event_lookups_ = 0;  // the current event's, from begin_event()
  std::uint32_t event_lookups_end_ = 0;
  std::vector<std::uint32_t> key_symbols_;  // only grows: see symbol_buffer()
  // The values a message cites, as Trigger::cited holds them.
  void cite(const Event& event, std::string& cited);

  std::string citation_;  // reused by cite()
  std::string cited_;     // reused by remember() into a KeptTrigger
  // By rule, when its message cites nothing but its key fields: the key
  // position of each field it cites, in the message's order. A trigger
  // then keeps no citations: render() reads them from its key (the
  // training rule restarts a clock per training, the response rules open
  // an obligation per trigger).
  std::vector<std::optional<std::vector<std::uint32_t>>> key_citations_;
  mutable std::vector<std::uint32_t> key_symbols_decoded_;  // reused by render() and decode_key()
  // The pending obligations whose keys are not decoded yet: their places
  // in the result, their rules and keys.
  struct Undecoded {
    std::size_t pending;
    std::size_t rule;
    rules::KeyId key;
  };
  std::vector<Undecoded> undecoded_;
  std::uint64_t open_obligations_ = 0;
  std::uint64_t max_open_obligations_;
};

// How messages show a time: the date alone at midnight UTC, else to the
// second ("2025-01-10", "2025-01-10T09:30:00Z").
std::string format_message_time(eval::Timestamp time);

}  // namespace accord::stream::detail
