// Short texts met again and again (the field names and event types of a
// log) and what each means to a reader, found without a call to memcmp or a
// general hash: a text's length and two words read from its ends tell texts
// of up to 16 bytes apart, and hash it.
//
//   TextTable<TypeCode> types;
//   TextKey key(type);
//   if (const auto* entry = types.find(key)) return entry->meaning;
//   if (auto* entry = types.add(key)) entry->meaning = index.type_code(type);
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

namespace accord::stream::detail {

// A text with the words it is compared and hashed by: its first and last 8
// bytes (overlapping when it is shorter than 16), 4 bytes when shorter than
// 8, its bytes when shorter than 4.
class TextKey {
 public:
  explicit TextKey(std::string_view text) : text_(text) {
    const char* at = text.data();
    std::size_t size = text.size();
    if (size >= 8) {
      first_ = word<8>(at);
      last_ = word<8>(at + size - 8);
    } else if (size >= 4) {
      first_ = word<4>(at);
      last_ = word<4>(at + size - 4);
    } else if (size > 0) {
      first_ = static_cast<unsigned char>(at[0]) |
               static_cast<std::uint64_t>(static_cast<unsigned char>(at[size / 2])) << 8 |
               static_cast<std::uint64_t>(static_cast<unsigned char>(at[size - 1])) << 16;
    }
  }

  std::string_view text() const { return text_; }

  // Same length and same ends; beyond 16 bytes, the middle too.
  bool same(const TextKey& other) const {
    return text_.size() == other.text_.size() && first_ == other.first_ &&
           last_ == other.last_ &&
           (text_.size() <= 16 ||
            std::memcmp(text_.data() + 8, other.text_.data() + 8, text_.size() - 16) == 0);
  }

  std::uint64_t hash() const {
    std::uint64_t mixed = (first_ ^ (last_ << 29 | last_ >> 35)) + text_.size();
    return mixed * 0x9E37'79B9'7F4A'7C15;  // the high bits are the well mixed ones
  }

 private:
  template <std::size_t kBytes>
  static std::uint64_t word(const char* at) {
    std::uint64_t value = 0;
    std::memcpy(&value, at, kBytes);
    return value;
  }

  std::string_view text_;
  std::uint64_t first_ = 0;
  std::uint64_t last_ = 0;
};

// Up to kCapacity texts, each with a Meaning; entries stay where they are.
template <class Meaning>
class TextTable {
 public:
  // Texts that are data (a new field name on every line) would otherwise
  // fill memory; past this many, a reader looks them up as if new.
  static constexpr std::size_t kCapacity = 1024;

  class Entry {
   public:
    explicit Entry(std::string_view text) : text_(text), key_(text_) {}
    Entry(const Entry&) = delete;
    Entry& operator=(const Entry&) = delete;

    bool holds(const TextKey& key) const { return key_.same(key); }
    const std::string& text() const { return text_; }

    Meaning meaning{};

   private:
    std::string text_;
    TextKey key_;  // views text_, which never moves: the entry does not
  };

  TextTable() : slots_(2 * kCapacity, kEmpty) {}

  const Entry* find(const TextKey& key) const {
    for (std::size_t i = first_slot(key);; i = (i + 1) & kMask) {
      if (slots_[i] == kEmpty) return nullptr;
      const Entry& entry = entries_[slots_[i]];
      if (entry.holds(key)) return &entry;
    }
  }

  // The entry for a text not in the table yet; nullptr when it is full.
  Entry* add(const TextKey& key) {
    if (entries_.size() == kCapacity) return nullptr;
    std::size_t i = first_slot(key);
    while (slots_[i] != kEmpty) i = (i + 1) & kMask;
    slots_[i] = static_cast<std::uint16_t>(entries_.size());
    return &entries_.emplace_back(key.text());
  }

  std::size_t size() const { return entries_.size(); }

 private:
  static constexpr std::uint16_t kEmpty = 0xffff;
  static constexpr std::size_t kMask = 2 * kCapacity - 1;
  static_assert((2 * kCapacity & kMask) == 0 && kCapacity < kEmpty);

  static std::size_t first_slot(const TextKey& key) {
    return static_cast<std::size_t>(key.hash() >> 40) & kMask;
  }

  std::deque<Entry> entries_;
  std::vector<std::uint16_t> slots_;  // index into entries_, or kEmpty
};

}  // namespace accord::stream::detail
