#include <accord/stream/event.hpp>

#include <gtest/gtest.h>

#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

namespace accord::stream {
namespace {

eval::Timestamp at(std::int64_t seconds, std::int32_t nanos = 0) { return {seconds, nanos}; }

TEST(EventTime, DateAloneIsMidnightUtc) {
  EXPECT_EQ(parse_event_time("2025-01-10"), at(1736467200));
  EXPECT_EQ(parse_event_time("1970-01-01"), at(0));
}

TEST(EventTime, DateTimeNeedsAnOffset) {
  EXPECT_EQ(parse_event_time("2025-01-10T09:30Z"), at(1736467200 + 9 * 3600 + 30 * 60));
  EXPECT_EQ(parse_event_time("2025-01-10T09:30:15Z"), at(1736467200 + 34215));
  EXPECT_EQ(parse_event_time("2025-01-10T09:30:15.25Z"), at(1736467200 + 34215, 250'000'000));
  EXPECT_EQ(parse_event_time("2025-01-10T10:30:15+01:00"), at(1736467200 + 34215));
  EXPECT_EQ(parse_event_time("2025-01-10T04:00:15-05:30"), at(1736467200 + 34215));
  EXPECT_EQ(parse_event_time("2025-01-10T09:30:15"), std::nullopt);
  EXPECT_EQ(parse_event_time("2025-01-10T09:30"), std::nullopt);
}

TEST(EventTime, FractionBeyondNanosecondsIsDropped) {
  EXPECT_EQ(parse_event_time("2025-01-10T00:00:00.1234567891Z"), at(1736467200, 123456789));
}

TEST(EventTime, RejectsWhatEventsMdDoesNotAllow) {
  for (const char* bad : {"", "2025", "2025-1-10", "2025-13-01", "2025-02-30", "2025-01-10T",
                          "2025-01-10T24:00Z", "2025-01-10T09:60Z", "2025-01-10T09:30:61Z",
                          "2025-01-10T09:30:00.Z", "2025-01-10T09:30:00+1:00",
                          "2025-01-10T09:30:00+01:00x", "2025-01-10 09:30:00Z", "0000-01-01",
                          "2025-01-10t09:30:00z", "10/01/2025"}) {
    EXPECT_EQ(parse_event_time(bad), std::nullopt) << bad;
  }
}

TEST(EventTime, LeapDays) {
  EXPECT_TRUE(parse_event_time("2024-02-29"));
  EXPECT_FALSE(parse_event_time("2025-02-29"));
}

TEST(EventBuilder, KeepsOnlyFieldsRulesRead) {
  FieldIndex index({"org", "time"});
  EventBuilder builder(index);
  builder.start({2, 7}, 64);
  builder.set_id("e1");
  builder.set_type("decision.made");
  builder.set_time(at(100));
  ASSERT_TRUE(builder.find("org"));
  EXPECT_FALSE(builder.find("subject"));
  builder.set_field(*builder.find("org"), eval::Value::string_view(builder.keep("DWP")));
  auto built = builder.finish();
  ASSERT_TRUE(std::holds_alternative<Event>(built));
  Event event = std::move(std::get<Event>(built));
  EXPECT_EQ(event.id(), "e1");
  EXPECT_EQ(event.type(), "decision.made");
  EXPECT_EQ(event.time(), at(100));
  EXPECT_EQ(event.origin(), (Origin{2, 7}));
  const eval::Value* org = event.field(*index.find("org"));
  ASSERT_NE(org, nullptr);
  EXPECT_EQ(org->as_string(), "DWP");
  const eval::Value* time = event.field(*index.time_field());
  ASSERT_NE(time, nullptr);
  EXPECT_EQ(time->as_timestamp(), at(100));
}

TEST(EventBuilder, TextSurvivesMovingTheEvent) {
  FieldIndex index({"subject"});
  EventBuilder builder(index);
  builder.start({0, 1}, 64);
  builder.set_id("short");
  builder.set_type("t");
  builder.set_time(at(0));
  builder.set_field(*index.find("subject"), eval::Value::string_view(builder.keep("x")));
  Event first = std::get<Event>(builder.finish());
  std::vector<Event> moved;
  moved.push_back(std::move(first));
  moved.reserve(100);  // forces the events to move again
  EXPECT_EQ(moved[0].id(), "short");
  EXPECT_EQ(moved[0].field(*index.find("subject"))->as_string(), "x");
}

TEST(EventBuilder, ReportsMissingRequiredFields) {
  FieldIndex index({});
  EventBuilder builder(index);
  builder.start({0, 1}, 16);
  builder.set_type("t");
  builder.set_time(at(0));
  auto built = builder.finish();
  ASSERT_TRUE(std::holds_alternative<std::string>(built));
  EXPECT_EQ(std::get<std::string>(built), "missing 'id'");
}


TEST(EventBuilder, FieldsBeyondTheBlockStillReadBack) {
  // More fields than fit after a short line's text go to a block of their
  // own; the event reads them all the same, also once moved.
  std::vector<std::string> names;
  for (int i = 0; i < 40; ++i) names.push_back("f" + std::to_string(i));
  FieldIndex index(names);
  EventBuilder builder(index);
  builder.start({0, 1}, 8);
  builder.set_id("e");
  builder.set_type("t");
  builder.set_time(at(0));
  for (int i = 0; i < 40; ++i) {
    builder.set_field(*index.find("f" + std::to_string(i)), eval::Value::integer(i));
  }
  builder.set_field(*index.find("f3"), eval::Value::string_view(builder.keep("three")));
  std::vector<Event> events;
  events.push_back(std::get<Event>(builder.finish()));
  events.reserve(100);
  Event event = std::move(events[0]);
  for (int i = 0; i < 40; ++i) {
    const eval::Value* value = event.field(*index.find("f" + std::to_string(i)));
    ASSERT_NE(value, nullptr);
    if (i == 3) {
      EXPECT_EQ(value->as_string(), "three");
    } else {
      EXPECT_EQ(value->as_int(), i);
    }
  }
  EXPECT_EQ(event.id(), "e");
}

// What a reader's builder does: the next event in the block of the last,
// or after it.
void build_reused_blocks(const FieldIndex& index, EventBuilder& builder) {
  builder.start({0, 1}, 64);
  builder.set_id("first");
  builder.set_type("a");
  builder.set_time(at(1));
  builder.set_field(*index.find("org"), eval::Value::string_view(builder.keep("DWP")));
  {
    Event first = std::get<Event>(builder.finish());  // freed at once
  }

  // A failed event's fields are not the next one's either.
  builder.start({0, 2}, 64);
  builder.set_type("b");
  builder.set_field(*index.find("org"), eval::Value::string_view(builder.keep("HMRC")));
  EXPECT_TRUE(std::holds_alternative<std::string>(builder.finish()));

  builder.start({0, 3}, 64);
  builder.set_id("third");
  builder.set_type("c");
  builder.set_time(at(3));
  builder.set_field(*index.find("subject"), eval::Value::string_view(builder.keep("pay")));
  // Into the place a reader has for it, over what was there.
  Event event = std::get<Event>(builder.finish());
  builder.start({0, 4}, 64);
  builder.set_id("fourth");
  builder.set_type("d");
  EXPECT_EQ(builder.finish(event), "missing 'time'");
  EXPECT_EQ(event.id(), "third");  // untouched by a failed event
  builder.set_time(at(4));
  EXPECT_EQ(builder.finish(event), "");
  EXPECT_EQ(event.id(), "fourth");
  EXPECT_EQ(event.field(*index.find("subject")), nullptr);
  builder.start({0, 3}, 64);
  builder.set_id("third");
  builder.set_type("c");
  builder.set_time(at(3));
  builder.set_field(*index.find("subject"), eval::Value::string_view(builder.keep("pay")));
  ASSERT_EQ(builder.finish(event), "");
  EXPECT_EQ(event.id(), "third");
  EXPECT_EQ(event.type(), "c");
  EXPECT_EQ(event.origin(), (Origin{0, 3}));
  EXPECT_EQ(event.field(*index.find("org")), nullptr);
  ASSERT_NE(event.field(*index.find("subject")), nullptr);
  EXPECT_EQ(event.field(*index.find("subject"))->as_string(), "pay");
}

TEST(EventBuilder, ReusedBlocksKeepNothingOfTheirLastEvent) {
  for (bool in_arena : {false, true}) {
    SCOPED_TRACE(in_arena ? "in an arena" : "on the heap");
    FieldIndex index({"org", "subject"});
    EventArena arena;
    EventBuilder builder(index, in_arena ? &arena : nullptr);
    build_reused_blocks(index, builder);
  }
}

Event build_event(EventBuilder& builder, std::uint32_t line, std::size_t bound,
                  std::string_view org = {}) {
  builder.start({0, line}, bound);
  builder.set_id("e" + std::to_string(line));  // first: at the start of the block
  builder.set_type("a");
  builder.set_time(at(line));
  if (!org.empty()) {
    if (auto field = builder.find("org")) {
      builder.set_field(*field, eval::Value::string_view(builder.keep(org)));
    }
  }
  return std::get<Event>(builder.finish());
}

// Events are built one after another, each taking what it uses of the room
// its line's length asked for.
TEST(EventArena, BuildsEventsOneAfterAnother) {
  FieldIndex index({"org"});
  EventArena arena;
  EventBuilder builder(index, &arena);
  std::vector<Event> events;
  for (std::uint32_t line = 1; line <= 100; ++line) {
    events.push_back(build_event(builder, line, 400, "HMRC"));
  }
  for (std::size_t i = 1; i < events.size(); ++i) {
    auto gap = events[i].id().data() - events[i - 1].id().data();
    EXPECT_GT(gap, 0);
    EXPECT_LT(gap, 160);  // far less than the 400 bytes and more reserved
  }
  for (std::uint32_t line = 1; line <= 100; ++line) {
    const Event& event = events[line - 1];
    EXPECT_EQ(event.id(), "e" + std::to_string(line));
    EXPECT_EQ(event.field(*index.find("org"))->as_string(), "HMRC");
  }
  EXPECT_EQ(arena.chunks(), 1u);
}

// A chunk whose events are all gone is used again: reading and judging a
// long log holds only the chunks of the events not judged yet.
TEST(EventArena, ReusesAChunkOnceItsEventsAreGone) {
  FieldIndex index({"org"});
  EventArena arena;
  EventBuilder builder(index, &arena);
  // Each event takes under 100 bytes: a window of half a chunk's worth,
  // and twenty chunks' worth in all.
  const std::size_t in_window = EventArena::kChunkBytes / 200;
  std::deque<Event> window;
  for (std::uint32_t line = 1; line <= 40 * 2 * in_window; ++line) {
    window.push_back(build_event(builder, line, 900, "DWP"));
    if (window.size() > in_window) window.pop_front();
  }
  EXPECT_LE(arena.chunks(), 3u);
  EXPECT_EQ(window.front().field(*index.find("org"))->as_string(), "DWP");
}

// One event held long (far out of order, in the reorder window) keeps its
// chunk from being used again, and its text intact.
TEST(EventArena, AnEventHeldLongKeepsItsChunk) {
  FieldIndex index({"org"});
  EventArena arena;
  EventBuilder builder(index, &arena);
  Event held = build_event(builder, 1, 100, "HELD");
  for (std::uint32_t line = 2; line <= 50'000; ++line) {
    Event passing = build_event(builder, line, 200, "PASSING");
  }
  EXPECT_EQ(held.id(), "e1");
  EXPECT_EQ(held.field(*index.find("org"))->as_string(), "HELD");
  EXPECT_GE(arena.chunks(), 2u);
  EXPECT_LE(arena.chunks(), 3u);
}

// A line longer than a chunk holds gets a block of its own.
TEST(EventArena, AnEventLargerThanAChunkHasABlockOfItsOwn) {
  FieldIndex index({"org"});
  EventArena arena;
  EventBuilder builder(index, &arena);
  Event before = build_event(builder, 1, 100, "A");
  std::string long_org(EventArena::kChunkBytes, 'x');
  Event big = build_event(builder, 2, long_org.size() + 100, long_org);
  Event after = build_event(builder, 3, 100, "C");
  EXPECT_EQ(big.field(*index.find("org"))->as_string(), long_org);
  EXPECT_EQ(after.id().data() - before.id().data() < 1000, true);  // next to each other
  EXPECT_EQ(arena.chunks(), 1u);
}

// The checker frees events on its own thread while the reader builds more:
// the threading tests run this under ThreadSanitizer.
TEST(EventArena, EventsFreedOnAnotherThread) {
  FieldIndex index({"org"});
  EventArena arena;
  EventBuilder builder(index, &arena);
  std::mutex mutex;
  std::condition_variable ready;
  std::condition_variable room;
  std::deque<std::vector<Event>> batches;
  bool done = false;
  std::thread judging([&] {
    for (;;) {
      std::vector<Event> batch;
      {
        std::unique_lock lock(mutex);
        ready.wait(lock, [&] { return done || !batches.empty(); });
        if (batches.empty()) return;
        batch = std::move(batches.front());
        batches.pop_front();
        room.notify_one();
      }
      for (const Event& event : batch) ASSERT_EQ(event.field(*index.find("org"))->as_string(), "DWP");
    }
  });
  std::vector<Event> batch;
  for (std::uint32_t line = 1; line <= 500'000; ++line) {
    batch.push_back(build_event(builder, line, 300, "DWP"));
    if (batch.size() < 1000) continue;
    std::unique_lock lock(mutex);
    room.wait(lock, [&] { return batches.size() < 4; });
    batches.push_back(std::move(batch));
    batch.clear();
    ready.notify_one();
  }
  {
    std::lock_guard lock(mutex);
    done = true;
    ready.notify_one();
  }
  judging.join();
  // 500,000 events of under 100 bytes, twenty chunks' worth, at most five
  // batches of them alive at once.
  EXPECT_LE(arena.chunks(), 3u);
}

// Events released in the order they were built give their chunks back for
// reuse, a run of each chunk's blocks at a time, the last run when the
// releaser is flushed.
TEST(EventReleaser, GivesChunksBackARunAtATime) {
  FieldIndex index({"org"});
  EventArena arena;
  EventBuilder builder(index, &arena);
  EventReleaser releaser;
  const std::size_t in_window = EventArena::kChunkBytes / 200;
  std::deque<Event> window;
  for (std::uint32_t line = 1; line <= 40 * 2 * in_window; ++line) {
    window.push_back(build_event(builder, line, 900, "DWP"));
    if (window.size() > in_window) {
      releaser.release(window.front());
      EXPECT_EQ(window.front().field(*index.find("org")), nullptr);  // emptied
      window.pop_front();
    }
  }
  EXPECT_LE(arena.chunks(), 4u);  // as with each event freed alone, and the run held back
  // Everything released and flushed: the chunks are all free, so building
  // more takes none.
  std::size_t before = arena.chunks();
  for (Event& event : window) releaser.release(event);
  releaser.flush();
  window.clear();
  for (std::uint32_t line = 1; line <= before * 2 * in_window; ++line) {
    Event passing = build_event(builder, line, 900, "DWP");
  }
  EXPECT_EQ(arena.chunks(), before);
}

// Events of no arena (the embedding API's, a line longer than a chunk) are
// freed at once, between the runs of arena blocks.
TEST(EventReleaser, FreesOtherEventsAtOnce) {
  FieldIndex index({"org"});
  EventArena arena;
  EventBuilder in_arena(index, &arena);
  EventBuilder on_heap(index);
  EventReleaser releaser;
  Event first = build_event(in_arena, 1, 100, "A");
  Event alone = build_event(on_heap, 2, 100, "B");
  std::string long_org(EventArena::kChunkBytes, 'x');
  Event big = build_event(in_arena, 3, long_org.size() + 100, long_org);
  releaser.release(first);
  releaser.release(alone);
  releaser.release(big);
  releaser.flush();
  EXPECT_EQ(alone.field(*index.find("org")), nullptr);
  EXPECT_EQ(big.field(*index.find("org")), nullptr);
  EXPECT_EQ(arena.chunks(), 1u);
}

TEST(EventBuilder, KeepsAtMostKMaxFields) {
  std::vector<std::string> names;
  for (std::size_t i = 0; i <= Event::kMaxFields; ++i) names.push_back("f" + std::to_string(i));
  FieldIndex index(names);
  EventBuilder builder(index);
  auto build = [&](std::size_t fields) {
    builder.start({0, 1}, 8);
    builder.set_id("e");
    builder.set_type("t");
    builder.set_time(at(0));
    for (std::size_t i = 0; i < fields; ++i) {
      builder.set_field(*index.find(names[i]), eval::Value::integer(1));
    }
    return builder.finish();
  };
  auto at_limit = build(Event::kMaxFields);
  ASSERT_TRUE(std::holds_alternative<Event>(at_limit));
  EXPECT_NE(std::get<Event>(at_limit).field(*index.find(names[Event::kMaxFields - 1])), nullptr);
  auto past = build(Event::kMaxFields + 1);
  ASSERT_TRUE(std::holds_alternative<std::string>(past));
  EXPECT_EQ(std::get<std::string>(past), "more than 65535 fields that rules read");
}

TEST(EventBuilder, FieldsThatOwnMemoryAreFreedWhenEmptied) {
  // Events whose fields borrow their text are emptied without reading the
  // fields; one with a list or an owned string must still free them (the
  // sanitizer build's leak check fails otherwise).
  FieldIndex index({"org", "tags"});
  EventArena arena;
  EventBuilder builder(index, &arena);
  std::vector<Event> spent;
  for (int i = 0; i < 3; ++i) {
    builder.start({0, static_cast<std::uint32_t>(i + 1)}, 64);
    builder.set_id("e" + std::to_string(i));
    builder.set_type("a");
    builder.set_time(at(i));
    builder.set_field(*index.find("org"), eval::Value::string(std::string(40, 'x')));
    builder.set_field(*index.find("tags"),
                      eval::Value::list({eval::Value::string(std::string(40, 'y'))}));
    spent.push_back(std::get<Event>(builder.finish()));
    ASSERT_NE(spent.back().field(*index.find("tags")), nullptr);
    EXPECT_EQ(spent.back().field(*index.find("tags"))->as_list().size(), 1u);
  }
  spent.clear();
  builder.start({0, 4}, 64);
  builder.set_id("borrowing");
  builder.set_type("a");
  builder.set_time(at(4));
  builder.set_field(*index.find("org"), eval::Value::string_view(builder.keep("DWP")));
  Event event = std::get<Event>(builder.finish());
  EXPECT_EQ(event.field(*index.find("tags")), nullptr);
  EXPECT_EQ(event.field(*index.find("org"))->as_string(), "DWP");
}

}  // namespace
}  // namespace accord::stream
