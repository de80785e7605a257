#include <accord/stream/check_logs.hpp>

#include "stream/id_registry.hpp"
#include "stream/reorder_buffer.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <exception>
#include <filesystem>
#include <mutex>
#include <thread>

namespace accord::stream {

namespace {

using Batch = std::vector<ReadItem>;

// Big enough that handing a batch over costs little per event, small enough
// that the two threads stay busy together.
constexpr std::size_t kBatchSize = 2048;
// How many events are judged between looks at the progress clock.
constexpr std::size_t kProgressStep = 512;
// Batches read ahead of judging: bounds the memory in flight (about 5 MB),
// and is enough that neither thread waits for the other's bursts (a day's
// deadlines passing, a stretch of long lines).
constexpr std::size_t kBatchesInFlight = 8;

// A bounded queue of batches between the reading and the judging thread.
// close() ends it from either side: the reader when the log ends, the judge
// when it stops early.
class BatchQueue {
 public:
  // False when the queue was closed (the batch is then dropped).
  bool push(Batch batch) {
    std::unique_lock lock(mutex_);
    room_.wait(lock, [&] { return closed_ || batches_.size() < kBatchesInFlight; });
    if (closed_) return false;
    batches_.push_back(std::move(batch));
    ready_.notify_one();
    return true;
  }

  // False once the queue is closed and empty.
  bool pop(Batch& batch) {
    std::unique_lock lock(mutex_);
    ready_.wait(lock, [&] { return closed_ || !batches_.empty(); });
    if (batches_.empty()) return false;
    batch = std::move(batches_.front());
    batches_.pop_front();
    room_.notify_one();
    return true;
  }

  void close() {
    std::lock_guard lock(mutex_);
    closed_ = true;
    ready_.notify_all();
    room_.notify_all();
  }

 private:
  std::mutex mutex_;
  std::condition_variable ready_;
  std::condition_variable room_;
  std::deque<Batch> batches_;
  bool closed_ = false;
};

// A source that counts the bytes read from it, for progress reports from
// the other thread.
class CountedSource final : public ByteSource {
 public:
  CountedSource(std::unique_ptr<ByteSource> source, std::atomic<std::uint64_t>& count)
      : source_(std::move(source)), count_(count) {}

  std::size_t read(char* buffer, std::size_t size, std::string& error) override {
    std::size_t got = source_->read(buffer, size, error);
    count_.fetch_add(got, std::memory_order_relaxed);
    return got;
  }

 private:
  std::unique_ptr<ByteSource> source_;
  std::atomic<std::uint64_t>& count_;
};

// Calls on_progress at most every progress_interval seconds.
class ProgressClock {
 public:
  ProgressClock(const LogCheckOptions& options, const std::vector<LogInput>& inputs, int pass,
                std::chrono::steady_clock::time_point started)
      : options_(options), started_(started), last_(std::chrono::steady_clock::now()) {
    progress_.pass = pass;
    std::uint64_t total = 0;
    bool known = true;
    for (const LogInput& input : inputs) {
      if (input.size) total += *input.size; else known = false;
    }
    if (known) progress_.bytes_total = total;
  }

  std::atomic<std::uint64_t>& bytes() { return bytes_; }

  void tick(std::uint64_t events) {
    if (!options_.on_progress) return;
    auto now = std::chrono::steady_clock::now();
    if (std::chrono::duration<double>(now - last_).count() < options_.progress_interval) return;
    last_ = now;
    progress_.events = events;
    progress_.bytes_read = bytes_.load(std::memory_order_relaxed);
    progress_.seconds = std::chrono::duration<double>(now - started_).count();
    options_.on_progress(progress_);
  }

 private:
  const LogCheckOptions& options_;
  std::chrono::steady_clock::time_point started_;
  std::chrono::steady_clock::time_point last_;
  std::atomic<std::uint64_t> bytes_{0};
  Progress progress_;
};

// The reorder window, kept on the reading thread: the judging thread, the
// busier of the two, then gets events in order, soon after they leave the
// window, and the misses on events that waited there are taken here. It
// releases and refuses events exactly as the checker would with the same
// window (release_horizon, late_event_error); the checker is then given
// events in order, and no window of its own.
class InOrder {
 public:
  explicit InOrder(const CheckOptions& options)
      : window_(options.reorder_window), as_of_(options.as_of), waiting_(true) {}

  enum class Verdict {
    Waiting,  // moved into the window
    LeftOut,  // after as_of: the checker leaves it out (and counts it)
    Late,     // earlier than events released already
  };

  Verdict add(Event& event) {
    if (as_of_ && event.time() > *as_of_) return Verdict::LeftOut;
    if (released_any_ && event.time() < released_until_) {
      ++late_;
      return Verdict::Late;
    }
    if (!latest_ || event.time() > *latest_) latest_ = event.time();
    waiting_.add(std::move(event));
    return Verdict::Waiting;
  }

  // Whether the next event may leave: no event still to come may precede
  // it, or the log has ended (`ended`).
  bool ready(bool ended) const {
    if (waiting_.empty()) return false;
    if (ended) return true;
    auto horizon = detail::release_horizon(*latest_, window_);
    return horizon && waiting_.next_time() < *horizon;
  }

  // Moves the next event out; ready() must be true.
  void release(ReadItem& into) {
    detail::ReorderBuffer::Taken taken = waiting_.take();
    released_until_ = taken.time;
    released_any_ = true;
    waiting_.release(taken.slot, into.emplace<Event>());
  }

  std::uint64_t late() const { return late_; }

 private:
  std::optional<eval::Duration> window_;
  std::optional<eval::Timestamp> as_of_;
  detail::ReorderBuffer waiting_;
  std::optional<eval::Timestamp> latest_;
  eval::Timestamp released_until_;
  bool released_any_ = false;
  std::uint64_t late_ = 0;
};

// Reads every input in order, calling `deliver` with each full batch (and
// the last, partial one), its events in time order; stops when `deliver`
// returns false. Returns how many events came too late for the window.
// Duplicate ids are found here too: the judging thread gets only the first
// event of each id.
template <class Deliver>
std::uint64_t read_inputs(const rules::RuleBook& book, const std::vector<LogInput>& inputs,
                          const LogCheckOptions& options, EventPool& pool,
                          std::atomic<std::uint64_t>& bytes, Deliver&& deliver) {
  Batch batch;
  batch.reserve(kBatchSize);
  // Delivers a full batch; false once `deliver` said stop.
  auto make_room = [&] {
    if (batch.size() < kBatchSize) return true;
    if (!deliver(batch)) return false;
    batch.clear();
    return true;
  };
  detail::IdRegistry ids;
  InOrder in_order(options.check);
  // Releases what may leave the window into the batch.
  auto release = [&](bool ended) {
    while (in_order.ready(ended)) {
      if (!make_room()) return false;
      in_order.release(batch.emplace_back());
    }
    return true;
  };
  ReadItem read;
  for (std::uint32_t i = 0; i < inputs.size(); ++i) {
    auto source = std::make_unique<CountedSource>(inputs[i].open(), bytes);
    auto reader =
        open_reader(inputs[i].format, std::move(source), i, book.fields(), options.limits, &pool);
    while (reader->next(read)) {
      if (auto* event = std::get_if<Event>(&read)) {
        if (auto first = ids.insert(event->id(), event->origin())) {
          read = detail::duplicate_id_error(event->id(), event->origin(), *first,
                                            options.check.input_names);
        } else {
          switch (in_order.add(*event)) {
            case InOrder::Verdict::Waiting:
              if (!release(false)) return in_order.late();
              continue;
            case InOrder::Verdict::Late: read = detail::late_event_error(*event); break;
            case InOrder::Verdict::LeftOut: break;
          }
        }
      }
      if (!make_room()) return in_order.late();
      batch.push_back(std::move(read));
    }
  }
  if (!release(true)) return in_order.late();
  if (!batch.empty()) deliver(batch);
  return in_order.late();
}

// One pass over every input.
CheckResult check_once(const rules::RuleBook& book, const std::vector<LogInput>& inputs,
                       const LogCheckOptions& options, ProgressClock& progress,
                       std::uint64_t& late) {
  EventPool pool;
  CheckOptions check_options = options.check;
  check_options.event_pool = &pool;
  // The reading thread finds duplicate ids and puts events in order.
  check_options.check_duplicate_ids = false;
  check_options.reorder_window = eval::Duration{0, 0};
  Checker checker(book, std::move(check_options));
  std::uint64_t events = 0;
  auto judge = [&](Batch& batch) {
    for (ReadItem& item : batch) {
      checker.add(std::move(item));
      if (++events % kProgressStep == 0) progress.tick(events);
    }
    if (events % kProgressStep != 0) progress.tick(events);
  };

  std::uint64_t late_on_reading = 0;
  if (!options.parallel) {
    late_on_reading = read_inputs(book, inputs, options, pool, progress.bytes(), [&](Batch& batch) {
      judge(batch);
      return true;
    });
  } else {
    BatchQueue queue;
    std::exception_ptr reading_failed;
    std::thread reading([&] {
      try {
        late_on_reading =
            read_inputs(book, inputs, options, pool, progress.bytes(), [&](Batch& batch) {
              Batch next;
              next.reserve(kBatchSize);
              return queue.push(std::exchange(batch, std::move(next)));
            });
      } catch (...) {
        reading_failed = std::current_exception();
      }
      queue.close();
    });
    try {
      Batch batch;
      while (queue.pop(batch)) judge(batch);
    } catch (...) {
      queue.close();  // the reader stops at its next batch
      reading.join();
      throw;
    }
    reading.join();
    if (reading_failed) std::rethrow_exception(reading_failed);
  }
  late = late_on_reading + checker.late_events();
  return checker.finish();
}

}  // namespace

LogInput LogInput::file(const std::string& path, std::optional<InputFormat> format) {
  LogInput input;
  input.name = path == "-" ? "<stdin>" : path;
  if (!format && path != "-") format = format_for_path(path);
  input.format = format.value_or(InputFormat::JsonLines);
  input.open = [path] { return ByteSource::from_file(path); };
  std::error_code error;
  // Only regular files can be read twice: a pipe (standard input, or a
  // shell's <(...) as /dev/fd/N) would give nothing the second time.
  input.rereadable = path != "-" && std::filesystem::is_regular_file(path, error);
  if (input.rereadable) {
    auto size = std::filesystem::file_size(path, error);
    if (!error) input.size = size;
  }
  return input;
}

LogCheck check_logs(const rules::RuleBook& book, const std::vector<LogInput>& inputs,
                    LogCheckOptions options) {
  options.check.input_names.clear();
  for (const LogInput& input : inputs) options.check.input_names.push_back(input.name);
  LogCheck check;
  auto started = std::chrono::steady_clock::now();
  ProgressClock first_pass(options, inputs, 1, started);
  check.result = check_once(book, inputs, options, first_pass, check.late_events);
  bool rereadable = std::all_of(inputs.begin(), inputs.end(),
                                [](const LogInput& input) { return input.rereadable; });
  if (check.late_events > 0 && rereadable && options.check.reorder_window) {
    // Far out of order: read it all again, holding every event until the end.
    options.check.reorder_window.reset();
    ProgressClock second_pass(options, inputs, 2, started);
    check.result = check_once(book, inputs, options, second_pass, check.late_events);
    check.reread = true;
  }
  return check;
}

}  // namespace accord::stream
