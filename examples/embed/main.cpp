// Streams events into an accord session one at a time and says what each
// breaks as soon as accord is sure of it; at the end, the obligations still
// open.
//
//   accord_embed RULES [EVENTS]      (EVENTS: JSON Lines; standard input without)
//
// An HR system would call session.add_json() where it records a decision;
// reading a file here stands in for that. Events come in time order (several
// at one time in any order), as a system recording them as they happen
// gives them.
#include <accord/session.hpp>

#include <fstream>
#include <iostream>
#include <string>

namespace {

void print_violation(const accord::RuleSet& rules, const accord::stream::Violation& violation,
                     std::uint64_t events_added) {
  std::cout << "after " << events_added << " events: violation of "
            << rules.rule(violation.rule).id << " (trigger " << violation.trigger << ", "
            << accord::eval::format_timestamp(violation.time) << "): " << violation.message
            << '\n';
}

void print_pending(const accord::RuleSet& rules, const accord::stream::Pending& pending) {
  std::cout << "pending: " << rules.rule(pending.rule).id << " (trigger " << pending.trigger
            << ") due " << accord::eval::format_timestamp(pending.due) << '\n';
}

int run(const std::string& rules_path, std::istream& events) {
  accord::RuleSetLoad loaded = accord::RuleSet::load_file(rules_path);
  if (!loaded.rule_set) {
    std::cerr << loaded.message;
    return 2;
  }
  const accord::RuleSet& rules = *loaded.rule_set;

  std::uint64_t events_added = 0;
  accord::SessionOptions options;
  options.input_name = "events";
  options.on_violation = [&](const accord::stream::Violation& violation) {
    print_violation(rules, violation, events_added);
  };
  accord::Session session(rules, options);

  std::string line;
  while (std::getline(events, line)) {
    if (line.empty()) continue;
    ++events_added;
    if (auto error = session.add_json(line)) {
      std::cout << "event " << events_added << " not checked: " << error->message << '\n';
    }
  }

  // Deadlines up to the last event's time are judged; later ones stay open.
  accord::stream::CheckResult result = session.finish();
  for (const accord::stream::Pending& pending : result.pending) print_pending(rules, pending);
  std::cout << result.events << " events checked at "
            << accord::eval::format_timestamp(result.as_of) << ": "
            << result.violations.size() << " violations, " << result.pending.size()
            << " pending, " << result.input_errors.size() + result.evaluation_errors.size()
            << " errors\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2 && argc != 3) {
    std::cerr << "usage: accord_embed RULES [EVENTS]\n";
    return 2;
  }
  if (argc == 2) return run(argv[1], std::cin);
  std::ifstream events(argv[2]);
  if (!events) {
    std::cerr << "accord_embed: cannot read " << argv[2] << '\n';
    return 2;
  }
  return run(argv[1], events);
}
