// KeptTrigger: a trigger's id and citations kept in place up to 14 bytes
// together and on the heap beyond, through copies, moves and reassignment.
#include <accord/rules/rule_kind.hpp>

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

namespace accord::rules {
namespace {

const stream::Origin kOrigin{2, 41};
const eval::Timestamp kTime{1'700'000'000, 250};

// Every split of id and citations around the in-place limit, and empties.
std::vector<std::pair<std::string, std::string>> texts() {
  std::vector<std::pair<std::string, std::string>> all;
  for (std::size_t total : {0, 1, 9, 13, 14, 15, 16, 40, 300}) {
    for (std::size_t id : {std::size_t{0}, total / 2, total}) {
      std::string text;
      for (std::size_t i = 0; i < total; ++i) text += static_cast<char>('a' + i % 26);
      if (!text.empty()) text[0] = '\xff';  // sizes are not confused with signed bytes
      all.emplace_back(text.substr(0, id), text.substr(id));
    }
  }
  return all;
}

void expect_holds(const KeptTrigger& kept, const std::string& id, const std::string& cited) {
  EXPECT_EQ(kept.id(), id);
  EXPECT_EQ(kept.cited(), cited);
  EXPECT_EQ(kept.origin(), kOrigin);
  EXPECT_EQ(kept.time(), kTime);
}

TEST(KeptTrigger, KeepsIdAndCitationsInPlaceOrOnTheHeap) {
  for (const auto& [id, cited] : texts()) {
    SCOPED_TRACE("id " + std::to_string(id.size()) + ", cited " + std::to_string(cited.size()));
    KeptTrigger kept;
    kept.assign(id, cited, kOrigin, kTime);
    expect_holds(kept, id, cited);

    Trigger trigger = kept.trigger(77);
    EXPECT_EQ(trigger.id, id);
    EXPECT_EQ(trigger.cited, cited);
    EXPECT_EQ(trigger.origin, kOrigin);
    EXPECT_EQ(trigger.time, kTime);
    EXPECT_EQ(trigger.key, 77u);
  }
}

TEST(KeptTrigger, CopiesAndMovesOwnTheirText) {
  for (const auto& [id, cited] : texts()) {
    SCOPED_TRACE("id " + std::to_string(id.size()) + ", cited " + std::to_string(cited.size()));
    KeptTrigger original;
    original.assign(id, cited, kOrigin, kTime);

    KeptTrigger copy(original);
    KeptTrigger assigned;
    assigned.assign("an-earlier-trigger-with-a-long-id", "", {}, {});
    assigned = original;
    original.assign("x", "", kOrigin, kTime);  // the copies keep their own text
    expect_holds(copy, id, cited);
    expect_holds(assigned, id, cited);

    KeptTrigger moved(std::move(copy));
    expect_holds(moved, id, cited);
    // A moved-from trigger is empty (and frees nothing twice).
    EXPECT_EQ(copy.id(), "");  // NOLINT(bugprone-use-after-move)
    EXPECT_EQ(copy.cited(), "");  // NOLINT(bugprone-use-after-move)

    KeptTrigger move_assigned;
    move_assigned.assign("another-long-trigger-id-on-the-heap", "", {}, {});
    move_assigned = std::move(moved);
    expect_holds(move_assigned, id, cited);
  }
}

TEST(KeptTrigger, TakesItsOwnTextAsNew) {
  for (const auto& [id, cited] : texts()) {
    KeptTrigger kept;
    kept.assign(id, cited, kOrigin, kTime);
    // The views point into what assign() replaces.
    kept.assign(kept.cited(), kept.id(), kOrigin, kTime);
    expect_holds(kept, cited, id);
  }
}

TEST(KeptTrigger, AClockWithItAndItsKeyTake64Bytes) {
  struct Clock {
    KeptTrigger last;
    std::uint64_t generation;
    bool running;
    bool gap_reported;
  };
  EXPECT_LE(sizeof(KeyId) + sizeof(Clock), 64u);
}

}  // namespace
}  // namespace accord::rules
