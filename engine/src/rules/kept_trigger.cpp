#include <accord/rules/rule_kind.hpp>

#include <cstring>

namespace accord::rules {

namespace {

// A block on the heap: the id's size and the citations', then their bytes.
struct BlockSizes {
  std::size_t id;
  std::size_t cited;
};

}  // namespace

static_assert(sizeof(KeptTrigger) <= 40, "a kept trigger, a little state and a key fit 64 bytes");

KeptTrigger::KeptTrigger(const KeptTrigger& other) : time_(other.time_), origin_(other.origin_) {
  if (other.on_heap()) {
    assign(other.id(), other.cited(), other.origin_, other.time_);
  } else {
    std::memcpy(text_, other.text_, sizeof text_);
  }
}

KeptTrigger::KeptTrigger(KeptTrigger&& other) noexcept
    : time_(other.time_), origin_(other.origin_) {
  std::memcpy(text_, other.text_, sizeof text_);
  other.set_empty();  // owns no block now
}

KeptTrigger& KeptTrigger::operator=(const KeptTrigger& other) {
  if (this != &other) *this = KeptTrigger(other);
  return *this;
}

KeptTrigger& KeptTrigger::operator=(KeptTrigger&& other) noexcept {
  if (this != &other) {
    release();
    time_ = other.time_;
    origin_ = other.origin_;
    std::memcpy(text_, other.text_, sizeof text_);
    other.set_empty();
  }
  return *this;
}

KeptTrigger::~KeptTrigger() { release(); }

void KeptTrigger::release() {
  if (on_heap()) delete[] block();
  set_empty();
}

void KeptTrigger::set_empty() {
  text_[14] = 0;
  text_[15] = 0;
}

const char* KeptTrigger::block() const {
  const char* block;
  std::memcpy(&block, text_, sizeof block);
  return block;
}

void KeptTrigger::assign(std::string_view id, std::string_view cited, stream::Origin origin,
                         eval::Timestamp time) {
  time_ = time;
  origin_ = origin;
  // The new text is put together before the old is let go: `id` or
  // `cited` may be views of it.
  if (id.size() + cited.size() <= kInPlace) {
    char text[sizeof text_];
    if (!id.empty()) std::memcpy(text, id.data(), id.size());
    if (!cited.empty()) std::memcpy(text + id.size(), cited.data(), cited.size());
    text[14] = static_cast<char>(id.size());
    text[15] = static_cast<char>(id.size() + cited.size());
    release();
    std::memcpy(text_, text, sizeof text_);
    return;
  }
  BlockSizes sizes{id.size(), cited.size()};
  char* block = new char[sizeof sizes + id.size() + cited.size()];
  std::memcpy(block, &sizes, sizeof sizes);
  if (!id.empty()) std::memcpy(block + sizeof sizes, id.data(), id.size());
  if (!cited.empty()) std::memcpy(block + sizeof sizes + id.size(), cited.data(), cited.size());
  release();
  std::memcpy(text_, &block, sizeof block);
  text_[15] = static_cast<char>(kOnHeap);
}

std::string_view KeptTrigger::id() const {
  if (!on_heap()) return {text_, static_cast<unsigned char>(text_[14])};
  BlockSizes sizes;
  std::memcpy(&sizes, block(), sizeof sizes);
  return {block() + sizeof sizes, sizes.id};
}

std::string_view KeptTrigger::cited() const {
  if (!on_heap()) {
    auto id_size = static_cast<unsigned char>(text_[14]);
    auto total = static_cast<unsigned char>(text_[15]);
    return {text_ + id_size, static_cast<std::size_t>(total - id_size)};
  }
  BlockSizes sizes;
  std::memcpy(&sizes, block(), sizeof sizes);
  return {block() + sizeof sizes + sizes.id, sizes.cited};
}

Trigger KeptTrigger::trigger(KeyId key) const {
  Trigger trigger;
  trigger.id.assign(id());
  trigger.origin = origin_;
  trigger.time = time_;
  trigger.cited.assign(cited());
  trigger.key = key;
  return trigger;
}

}  // namespace accord::rules
