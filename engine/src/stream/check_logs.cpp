#include <accord/stream/check_logs.hpp>

#include "huge_pages.hpp"
#include "stream/id_registry.hpp"

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
// How many events the checker is given at a time (what they release is
// judged together), and between looks at the progress clock.
constexpr std::size_t kProgressStep = 512;
// Batches read ahead of judging: bounds the memory in flight (their items
// take 5 MB, their events' blocks more), and lets the reader get far
// enough ahead that the judging thread goes on through the reader's slower
// stretches (new memory, long lines); with 8 it waited for the reader
// about twice as long.
constexpr std::size_t kBatchesInFlight = 32;
// Huge pages the reading thread makes ahead for the judging thread's
// tables, while it would wait for room in the queue: enough for a table
// of 32 MiB to grow into at once.
constexpr std::size_t kReservePages = 16;

// A bounded queue of batches between the reading and the judging thread.
// close() ends it from either side: the reader when the log ends, the judge
// when it stops early.
class BatchQueue {
 public:
  // False when the queue was closed (the batch is then dropped). While
  // the queue is full, makes pages for `reserve` rather than wait.
  bool push(Batch batch, accord::detail::PageReserve& reserve) {
    std::unique_lock lock(mutex_);
    while (!closed_ && batches_.size() >= kBatchesInFlight) {
      lock.unlock();
      bool made = reserve.make_one();
      lock.lock();
      if (!made) {
        room_.wait(lock, [&] { return closed_ || batches_.size() < kBatchesInFlight; });
      }
    }
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

  // A batch judged goes back to the reader to be filled again, rather
  // than 160 KB allocated and written anew every kBatchSize events.
  void recycle(Batch batch) {
    batch.clear();
    std::lock_guard lock(mutex_);
    if (spare_.size() < kBatchesInFlight) spare_.push_back(std::move(batch));
  }

  // An empty batch, with room for kBatchSize items.
  Batch spare() {
    {
      std::lock_guard lock(mutex_);
      if (!spare_.empty()) {
        Batch batch = std::move(spare_.back());
        spare_.pop_back();
        return batch;
      }
    }
    Batch batch;
    batch.reserve(kBatchSize);
    return batch;
  }

 private:
  std::mutex mutex_;
  std::condition_variable ready_;
  std::condition_variable room_;
  std::deque<Batch> batches_;
  std::vector<Batch> spare_;
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

// Reads every input in order, calling `deliver` with each full batch (and
// the last, partial one); stops when `deliver` returns false.
// Duplicate ids are found here, on the reading thread, which has time to
// spare: the judging thread gets only the first event of each id.
template <class Deliver>
void read_inputs(const rules::RuleBook& book, const std::vector<LogInput>& inputs,
                 const LogCheckOptions& options, EventArena& arena,
                 std::atomic<std::uint64_t>& bytes, Deliver&& deliver) {
  Batch batch;
  batch.reserve(kBatchSize);
  detail::IdRegistry ids;
  for (std::uint32_t i = 0; i < inputs.size(); ++i) {
    auto source = std::make_unique<CountedSource>(inputs[i].open(), bytes);
    auto reader =
        open_reader(inputs[i].format, std::move(source), i, book.fields(), options.limits, &arena);
    // Read straight into the batch: an event is not moved once more.
    for (;;) {
      ReadItem& item = batch.emplace_back();
      if (!reader->next(item)) {
        batch.pop_back();
        break;
      }
      if (auto* event = std::get_if<Event>(&item)) {
        if (auto first = ids.insert(event->id(), event->origin())) {
          item = detail::duplicate_id_error(event->id(), event->origin(), *first,
                                            options.check.input_names);
        }
      }
      if (batch.size() == kBatchSize) {
        if (!deliver(batch)) return;
        batch.clear();
      }
    }
  }
  if (!batch.empty()) deliver(batch);
}

// One pass over every input.
CheckResult check_once(const rules::RuleBook& book, const std::vector<LogInput>& inputs,
                       const LogCheckOptions& options, ProgressClock& progress,
                       std::uint64_t& late) {
  EventArena arena;  // before the checker and the batches: it outlives their events
  CheckOptions check_options = options.check;
  check_options.check_duplicate_ids = false;
  Checker checker(book, std::move(check_options));
  std::uint64_t events = 0;
  auto judge = [&](Batch& batch) {
    for (std::size_t begin = 0; begin < batch.size(); begin += kProgressStep) {
      std::size_t count = std::min(kProgressStep, batch.size() - begin);
      checker.add(std::span<ReadItem>(batch).subspan(begin, count));
      events += count;
      progress.tick(events);
    }
  };

  if (!options.parallel) {
    read_inputs(book, inputs, options, arena, progress.bytes(), [&](Batch& batch) {
      judge(batch);
      return true;
    });
  } else {
    BatchQueue queue;
    accord::detail::PageReserve reserve(kReservePages);
    accord::detail::UsePageReserve judging_tables(reserve);
    std::exception_ptr reading_failed;
    std::thread reading([&] {
      try {
        read_inputs(book, inputs, options, arena, progress.bytes(), [&](Batch& batch) {
          return queue.push(std::exchange(batch, queue.spare()), reserve);
        });
      } catch (...) {
        reading_failed = std::current_exception();
      }
      queue.close();
    });
    try {
      Batch batch;
      while (queue.pop(batch)) {
        judge(batch);
        queue.recycle(std::move(batch));
      }
    } catch (...) {
      queue.close();  // the reader stops at its next batch
      reading.join();
      throw;
    }
    reading.join();
    if (reading_failed) std::rethrow_exception(reading_failed);
  }
  late = checker.late_events();
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
