// The C API (accord.h) over session.hpp. Every function catches whatever the
// C++ below it throws: nothing crosses into C but a status and a message.
#include <accord/accord.h>
#include <accord/session.hpp>

#include "stream/judge.hpp"

#include <cstdlib>
#include <cstring>
#include <exception>
#include <new>

struct accord_rule_set {
  accord::RuleSet rule_set;
};

struct accord_session {
  accord::Session session;
  bool finished = false;
};

// A violation, pending obligation or input error as the C structs show
// them, with the text they point into.
struct ViolationText {
  std::string time;
  std::optional<std::string> due;
};

struct accord_result {
  accord::RuleSet rule_set;
  accord::stream::CheckResult result;
  std::string input_name;
  std::vector<ViolationText> violations;  // parallel to result.violations
  std::vector<std::string> pending_due;   // parallel to result.pending
};

namespace {

using accord::stream::CheckResult;
using accord::stream::Pending;
using accord::stream::Violation;

// A copy of `text` for the caller, to free with accord_free(); nullptr when
// memory is exhausted.
char* handed_out(std::string_view text) {
  auto* copy = static_cast<char*>(std::malloc(text.size() + 1));
  if (copy == nullptr) return nullptr;
  std::memcpy(copy, text.data(), text.size());
  copy[text.size()] = '\0';
  return copy;
}

accord_status fail(accord_status status, std::string_view why, char** message) {
  if (message != nullptr) *message = handed_out(why);
  return status;
}

accord_status succeed(char** message) {
  if (message != nullptr) *message = nullptr;
  return ACCORD_OK;
}

// Runs `body`, turning anything thrown into ACCORD_INTERNAL_ERROR.
template <class Body>
accord_status guarded(char** message, Body&& body) {
  try {
    return body();
  } catch (const std::bad_alloc&) {
    return fail(ACCORD_INTERNAL_ERROR, "out of memory", message);
  } catch (const std::exception& error) {
    return fail(ACCORD_INTERNAL_ERROR, std::string("internal error: ") + error.what(), message);
  } catch (...) {
    return fail(ACCORD_INTERNAL_ERROR, "internal error", message);
  }
}

// Midnight UTC reads as a date, as messages show it.
std::string time_text(accord::eval::Timestamp time) {
  return accord::stream::detail::format_message_time(time);
}

accord_status load(accord::RuleSetLoad loaded, accord_rule_set** out, char** message) {
  if (!loaded.rule_set) return fail(ACCORD_INVALID_RULES, loaded.message, message);
  *out = new accord_rule_set{std::move(*loaded.rule_set)};
  return succeed(message);
}

// A time the caller gave; nullopt (with `message` set) when it is not one.
std::optional<accord::eval::Timestamp> parse_time(std::string_view what, const char* text,
                                                  char** message) {
  auto time = accord::stream::parse_event_time(text);
  if (!time) {
    fail(ACCORD_INVALID_ARGUMENT,
         std::string(what) + " '" + text +
             "' is not a date (YYYY-MM-DD) or an RFC 3339 time with an offset",
         message);
  }
  return time;
}

// NAME=VALUE texts as RuleSetOptions; nullopt (with `message` set) when one
// has no '='.
std::optional<accord::RuleSetOptions> rule_set_options(const char* const* parameters,
                                                       size_t count, char** message) {
  accord::RuleSetOptions options;
  for (size_t i = 0; i < count; ++i) {
    std::string_view text = parameters[i] != nullptr ? parameters[i] : "";
    auto equals = text.find('=');
    if (equals == 0 || equals == std::string_view::npos) {
      fail(ACCORD_INVALID_ARGUMENT,
           "parameter " + std::to_string(i + 1) + " is not NAME=VALUE: '" + std::string(text) + "'",
           message);
      return std::nullopt;
    }
    options.parameters.emplace_back(text.substr(0, equals), text.substr(equals + 1));
  }
  return options;
}

}  // namespace

extern "C" {

const char* accord_status_name(accord_status status) {
  switch (status) {
    case ACCORD_OK: return "ok";
    case ACCORD_INVALID_ARGUMENT: return "invalid argument";
    case ACCORD_INVALID_RULES: return "invalid rules";
    case ACCORD_INVALID_EVENT: return "invalid event";
    case ACCORD_STOPPED: return "stopped";
    case ACCORD_INTERNAL_ERROR: return "internal error";
  }
  return "unknown status";
}

const char* accord_version(void) { return ACCORD_VERSION; }

void accord_free(void* pointer) { std::free(pointer); }

accord_status accord_rule_set_load_file(const char* path, const char* const* parameters,
                                        size_t parameter_count, accord_rule_set** out,
                                        char** message) {
  return guarded(message, [&] {
    if (path == nullptr || out == nullptr || (parameters == nullptr && parameter_count > 0)) {
      return fail(ACCORD_INVALID_ARGUMENT, "path and out are required", message);
    }
    *out = nullptr;
    auto options = rule_set_options(parameters, parameter_count, message);
    if (!options) return ACCORD_INVALID_ARGUMENT;
    return load(accord::RuleSet::load_file(path, *options), out, message);
  });
}

accord_status accord_rule_set_load_string(const char* text, size_t length, const char* name,
                                          const char* const* parameters, size_t parameter_count,
                                          accord_rule_set** out, char** message) {
  return guarded(message, [&] {
    if ((text == nullptr && length > 0) || out == nullptr ||
        (parameters == nullptr && parameter_count > 0)) {
      return fail(ACCORD_INVALID_ARGUMENT, "text and out are required", message);
    }
    *out = nullptr;
    auto options = rule_set_options(parameters, parameter_count, message);
    if (!options) return ACCORD_INVALID_ARGUMENT;
    std::string source = text != nullptr ? std::string(text, length) : std::string();
    return load(accord::RuleSet::load_string(std::move(source), name != nullptr ? name : "<rules>",
                                             *options),
                out, message);
  });
}

void accord_rule_set_destroy(accord_rule_set* rule_set) { delete rule_set; }

size_t accord_rule_set_size(const accord_rule_set* rule_set) {
  return rule_set != nullptr ? rule_set->rule_set.size() : 0;
}

const char* accord_rule_set_rule_id(const accord_rule_set* rule_set, size_t index) {
  if (rule_set == nullptr || index >= rule_set->rule_set.size()) return nullptr;
  return rule_set->rule_set.rule(index).id.c_str();
}

void accord_session_options_init(accord_session_options* options) {
  if (options == nullptr) return;
  *options = accord_session_options{};
  options->max_open_obligations = accord::SessionOptions{}.max_open_obligations;
}

accord_status accord_session_create(const accord_rule_set* rule_set,
                                    const accord_session_options* options,
                                    accord_session** out, char** message) {
  return guarded(message, [&] {
    if (rule_set == nullptr || out == nullptr) {
      return fail(ACCORD_INVALID_ARGUMENT, "rule_set and out are required", message);
    }
    *out = nullptr;
    accord_session_options given;
    accord_session_options_init(&given);
    if (options != nullptr) given = *options;
    accord::SessionOptions session_options;
    if (given.reorder_window_seconds < 0) {
      session_options.reorder_window.reset();
    } else {
      session_options.reorder_window = accord::eval::Duration{given.reorder_window_seconds, 0};
    }
    session_options.max_open_obligations = given.max_open_obligations;
    if (given.input_name != nullptr) session_options.input_name = given.input_name;
    if (given.on_violation != nullptr) {
      const accord::RuleSet& rules = rule_set->rule_set;  // shared with the session
      session_options.on_violation = [rules, each = given.on_violation,
                                      user_data = given.user_data](const Violation& found) {
        std::string time = time_text(found.time);
        std::string due = found.due ? time_text(*found.due) : std::string();
        accord_violation shown{rules.rule(found.rule).id.c_str(), found.trigger.c_str(),
                               found.message.c_str(), time.c_str(),
                               found.due ? due.c_str() : nullptr, found.origin.line};
        each(&shown, user_data);
      };
    }
    *out = new accord_session{accord::Session(rule_set->rule_set, std::move(session_options))};
    return succeed(message);
  });
}

void accord_session_destroy(accord_session* session) { delete session; }

accord_status accord_session_add_json(accord_session* session, const char* json, size_t length,
                                      char** message) {
  return guarded(message, [&] {
    if (session == nullptr || (json == nullptr && length > 0)) {
      return fail(ACCORD_INVALID_ARGUMENT, "session and json are required", message);
    }
    if (session->finished) return fail(ACCORD_INVALID_ARGUMENT, "the session is finished", message);
    auto error = session->session.add_json(std::string_view(json != nullptr ? json : "", length));
    if (!error) return succeed(message);
    return fail(session->session.stopped() ? ACCORD_STOPPED : ACCORD_INVALID_EVENT,
                "event " + std::to_string(error->origin.line) + ": " + error->message, message);
  });
}

accord_status accord_session_advance_to(accord_session* session, const char* now,
                                        char** message) {
  return guarded(message, [&] {
    if (session == nullptr || now == nullptr) {
      return fail(ACCORD_INVALID_ARGUMENT, "session and now are required", message);
    }
    if (session->finished) return fail(ACCORD_INVALID_ARGUMENT, "the session is finished", message);
    auto time = parse_time("now", now, message);
    if (!time) return ACCORD_INVALID_ARGUMENT;
    if (auto stopped = session->session.advance_to(*time)) {
      return fail(ACCORD_STOPPED,
                  "event " + std::to_string(stopped->origin.line) + ": " + stopped->message,
                  message);
    }
    return succeed(message);
  });
}

accord_status accord_session_pending(accord_session* session, accord_pending_fn each,
                                     void* user_data, char** message) {
  return guarded(message, [&] {
    if (session == nullptr || each == nullptr) {
      return fail(ACCORD_INVALID_ARGUMENT, "session and each are required", message);
    }
    if (session->finished) return fail(ACCORD_INVALID_ARGUMENT, "the session is finished", message);
    const accord::RuleSet& rules = session->session.rule_set();
    for (const Pending& open : session->session.pending()) {
      std::string due = time_text(open.due);
      accord_pending shown{rules.rule(open.rule).id.c_str(), open.trigger.c_str(), due.c_str(),
                           open.origin.line};
      each(&shown, user_data);
    }
    return succeed(message);
  });
}

accord_status accord_session_finish(accord_session* session, const char* as_of,
                                    accord_result** out, char** message) {
  return guarded(message, [&] {
    if (session == nullptr || out == nullptr) {
      return fail(ACCORD_INVALID_ARGUMENT, "session and out are required", message);
    }
    *out = nullptr;
    if (session->finished) return fail(ACCORD_INVALID_ARGUMENT, "the session is finished", message);
    std::optional<accord::eval::Timestamp> at;
    if (as_of != nullptr) {
      at = parse_time("as_of", as_of, message);
      if (!at) return ACCORD_INVALID_ARGUMENT;
    }
    session->finished = true;
    std::unique_ptr<accord_result> result(new accord_result{session->session.rule_set(),
                                                            session->session.finish(at),
                                                            session->session.input_name(),
                                                            {},
                                                            {}});
    for (const Violation& found : result->result.violations) {
      result->violations.push_back(
          {time_text(found.time), found.due ? std::optional(time_text(*found.due)) : std::nullopt});
    }
    for (const Pending& open : result->result.pending) {
      result->pending_due.push_back(time_text(open.due));
    }
    *out = result.release();
    return succeed(message);
  });
}

void accord_result_destroy(accord_result* result) { delete result; }

size_t accord_result_event_count(const accord_result* result) {
  return result != nullptr ? static_cast<size_t>(result->result.events) : 0;
}

size_t accord_result_violation_count(const accord_result* result) {
  return result != nullptr ? result->result.violations.size() : 0;
}

size_t accord_result_pending_count(const accord_result* result) {
  return result != nullptr ? result->result.pending.size() : 0;
}

size_t accord_result_input_error_count(const accord_result* result) {
  return result != nullptr ? result->result.input_errors.size() : 0;
}

size_t accord_result_evaluation_error_count(const accord_result* result) {
  return result != nullptr ? result->result.evaluation_errors.size() : 0;
}

accord_status accord_result_violation(const accord_result* result, size_t index,
                                      accord_violation* out) {
  if (result == nullptr || out == nullptr || index >= result->result.violations.size()) {
    return ACCORD_INVALID_ARGUMENT;
  }
  const Violation& found = result->result.violations[index];
  const ViolationText& text = result->violations[index];
  *out = accord_violation{result->rule_set.rule(found.rule).id.c_str(), found.trigger.c_str(),
                          found.message.c_str(), text.time.c_str(),
                          text.due ? text.due->c_str() : nullptr, found.origin.line};
  return ACCORD_OK;
}

accord_status accord_result_pending(const accord_result* result, size_t index,
                                    accord_pending* out) {
  if (result == nullptr || out == nullptr || index >= result->result.pending.size()) {
    return ACCORD_INVALID_ARGUMENT;
  }
  const Pending& open = result->result.pending[index];
  *out = accord_pending{result->rule_set.rule(open.rule).id.c_str(), open.trigger.c_str(),
                        result->pending_due[index].c_str(), open.origin.line};
  return ACCORD_OK;
}

accord_status accord_result_input_error(const accord_result* result, size_t index,
                                        accord_input_error* out) {
  if (result == nullptr || out == nullptr || index >= result->result.input_errors.size()) {
    return ACCORD_INVALID_ARGUMENT;
  }
  const accord::stream::InputError& error = result->result.input_errors[index];
  *out = accord_input_error{error.origin.line, error.message.c_str()};
  return ACCORD_OK;
}

accord_status accord_result_report(const accord_result* result, const char* format, char** out,
                                   char** message) {
  return guarded(message, [&] {
    if (result == nullptr || format == nullptr || out == nullptr) {
      return fail(ACCORD_INVALID_ARGUMENT, "result, format and out are required", message);
    }
    *out = nullptr;
    auto chosen = accord::report::parse_format(format);
    if (!chosen) {
      return fail(ACCORD_INVALID_ARGUMENT,
                  "unknown format '" + std::string(format) +
                      "' (expected text, json, sarif, junit, markdown or html)",
                  message);
    }
    accord::ReportOptions options{*chosen, {result->input_name}, ACCORD_VERSION};
    std::string text = accord::report_text(result->rule_set, result->result, options);
    *out = handed_out(text);
    if (*out == nullptr) return fail(ACCORD_INTERNAL_ERROR, "out of memory", message);
    return succeed(message);
  });
}

}  // extern "C"
