/* accord's C API: checking events against rule sets from any language that
 * can call C (Java, C#, Go, Rust, ...). A thin layer over session.hpp.
 *
 *   accord_rule_set* rules = NULL;
 *   char* message = NULL;
 *   if (accord_rule_set_load_file("rules/npa.yaml", NULL, 0, &rules, &message) != ACCORD_OK) {
 *     fprintf(stderr, "%s", message);
 *     accord_free(message);
 *     return 1;
 *   }
 *   accord_session_options options;
 *   accord_session_options_init(&options);
 *   options.on_violation = print_violation;  // called as soon as a violation is certain
 *   accord_session* session = NULL;
 *   accord_session_create(rules, &options, &session, NULL);
 *   accord_session_add_json(session, line, strlen(line), &message);
 *   accord_result* result = NULL;
 *   accord_session_finish(session, NULL, &result, NULL);
 *   ...
 *   accord_result_destroy(result);
 *   accord_session_destroy(session);
 *   accord_rule_set_destroy(rules);
 *
 * Conventions, the same for every function:
 *
 * - Handles are opaque. Every handle a function creates has one destroy
 *   function; destroying NULL does nothing. A session and a result keep
 *   what they need of their rule set, so handles may be destroyed in any
 *   order.
 * - Functions that can fail return an accord_status. On failure, when the
 *   caller passes a `message` pointer, it receives a text saying what went
 *   wrong (with file:line:column for a rule set). Such a text, and every
 *   other `char*` a function hands out, belongs to the caller, who frees it
 *   with accord_free(). On success `*message` is set to NULL.
 * - `const char*` fields of the structs passed to callbacks or filled by
 *   accord_result_* functions are borrowed: valid during the callback, or
 *   as long as the handle they came from.
 * - Strings are UTF-8; lengths are in bytes; times are RFC 3339 text
 *   ("2025-01-10T09:30:00Z", or "2025-01-10" for midnight UTC).
 * - No function throws, prints or logs. Callbacks must return normally (no
 *   exceptions or longjmp through accord).
 * - Threads: an accord_rule_set may be shared by sessions in any number of
 *   threads. A session, and a result, belongs to one thread at a time.
 *   Callbacks run on the thread that called into the session.
 */
#ifndef ACCORD_ACCORD_H
#define ACCORD_ACCORD_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum accord_status {
  ACCORD_OK = 0,
  /* A NULL handle or pointer where one is required, an unknown report
   * format, or a session used after accord_session_finish(). */
  ACCORD_INVALID_ARGUMENT = 1,
  /* The rule set has errors or a rule file cannot be read: nothing loaded. */
  ACCORD_INVALID_RULES = 2,
  /* Not a valid event (malformed JSON, a required field missing, ...). The
   * event is an input error in the result; the session goes on. */
  ACCORD_INVALID_EVENT = 3,
  /* The session stopped at its limit of open obligations; see
   * accord_session_options.max_open_obligations. The session takes nothing
   * more; accord_session_finish() gives a result holding that error. */
  ACCORD_STOPPED = 4,
  /* A bug in accord, or memory exhausted. */
  ACCORD_INTERNAL_ERROR = 5
} accord_status;

/* "ok", "invalid argument", ...: a static string, never NULL. */
const char* accord_status_name(accord_status status);

/* accord's version, "0.4.0": a static string. */
const char* accord_version(void);

/* Frees a string (or anything else) accord handed to the caller. NULL is fine. */
void accord_free(void* pointer);

/* Rule sets ------------------------------------------------------------ */

typedef struct accord_rule_set accord_rule_set;

/* Loads one YAML rule file. `parameters` overrides the rule set's parameters:
 * `parameter_count` texts "NAME=VALUE" ("min_consultation=45d"); NULL when 0. */
accord_status accord_rule_set_load_file(const char* path, const char* const* parameters,
                                        size_t parameter_count, accord_rule_set** out,
                                        char** message);

/* Loads rule set text; `name` (may be NULL: "<rules>") is what messages and
 * reports call it. */
accord_status accord_rule_set_load_string(const char* text, size_t length, const char* name,
                                          const char* const* parameters, size_t parameter_count,
                                          accord_rule_set** out, char** message);

void accord_rule_set_destroy(accord_rule_set* rule_set);

/* How many rules, and the id of one (borrowed from the rule set; NULL when
 * `index` is out of range). */
size_t accord_rule_set_size(const accord_rule_set* rule_set);
const char* accord_rule_set_rule_id(const accord_rule_set* rule_set, size_t index);

/* What a check found ----------------------------------------------------- */

typedef struct accord_violation {
  const char* rule_id;
  const char* trigger;  /* id of the event that made the obligation apply */
  const char* message;  /* the rule's message, placeholders filled in */
  const char* time;     /* when the breach happened */
  const char* due;      /* the deadline missed; NULL when the rule has none */
  uint32_t line;        /* the trigger's number in the session (1 for its first event) */
} accord_violation;

typedef struct accord_pending {
  const char* rule_id;
  const char* trigger;
  const char* due;
  uint32_t line;
} accord_pending;

typedef struct accord_input_error {
  uint32_t line;        /* the event's number in the session */
  const char* message;
} accord_input_error;

typedef void (*accord_violation_fn)(const accord_violation* violation, void* user_data);
typedef void (*accord_pending_fn)(const accord_pending* pending, void* user_data);

/* Sessions ------------------------------------------------------------- */

typedef struct accord_session accord_session;

typedef struct accord_session_options {
  /* Called for each violation as soon as it is certain; may be NULL. */
  accord_violation_fn on_violation;
  void* user_data;  /* given to on_violation */
  /* How far back in time (seconds) an event may come after later ones and
   * still be judged in order; 0 (the default): events come in time order,
   * each judged as soon as a later time arrives; -1: no limit, everything is
   * judged at accord_session_finish(). */
  int64_t reorder_window_seconds;
  /* Obligations open at once past which the session stops (ACCORD_STOPPED). */
  uint64_t max_open_obligations;
  /* What reports call the session's events; NULL: "<session>". Copied. */
  const char* input_name;
} accord_session_options;

/* Fills `options` with the defaults; call before setting fields, so that a
 * program built against this header keeps working when fields are added. */
void accord_session_options_init(accord_session_options* options);

/* `options` may be NULL (the defaults). */
accord_status accord_session_create(const accord_rule_set* rule_set,
                                    const accord_session_options* options,
                                    accord_session** out, char** message);

void accord_session_destroy(accord_session* session);

/* One event, a JSON object with "id", "time" and "type". An invalid one
 * gives ACCORD_INVALID_EVENT and a message naming its number and what is
 * wrong ("event 3: malformed JSON: byte 12: ..."). */
accord_status accord_session_add_json(accord_session* session, const char* json, size_t length,
                                      char** message);

/* The time is `now` (RFC 3339 text or a date): judges the events before it
 * and calls on_violation for every deadline that passed before it, without
 * waiting for the next event. An event earlier than `now` added afterwards
 * is an input error. */
accord_status accord_session_advance_to(accord_session* session, const char* now,
                                        char** message);

/* Calls `each` for every obligation open now, by due time. */
accord_status accord_session_pending(accord_session* session, accord_pending_fn each,
                                     void* user_data, char** message);

typedef struct accord_result accord_result;

/* Judges what is left at `as_of` (RFC 3339 text or a date; NULL: the time of
 * the last event). The session takes no events afterwards; destroy it. */
accord_status accord_session_finish(accord_session* session, const char* as_of,
                                    accord_result** out, char** message);

void accord_result_destroy(accord_result* result);

size_t accord_result_event_count(const accord_result* result);
size_t accord_result_violation_count(const accord_result* result);
size_t accord_result_pending_count(const accord_result* result);
size_t accord_result_input_error_count(const accord_result* result);
size_t accord_result_evaluation_error_count(const accord_result* result);

/* Item `index` (by time; by due time; in input order), its strings borrowed
 * from the result. ACCORD_INVALID_ARGUMENT when out of range. */
accord_status accord_result_violation(const accord_result* result, size_t index,
                                      accord_violation* out);
accord_status accord_result_pending(const accord_result* result, size_t index,
                                    accord_pending* out);
accord_status accord_result_input_error(const accord_result* result, size_t index,
                                        accord_input_error* out);

/* The report in `format`: "json" (docs/report.md), "text", "sarif",
 * "junit", "markdown" or "html". `*out` is the caller's to free. */
accord_status accord_result_report(const accord_result* result, const char* format, char** out,
                                   char** message);

#ifdef __cplusplus
}
#endif

#endif /* ACCORD_ACCORD_H */
