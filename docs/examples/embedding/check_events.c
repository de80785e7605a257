/* Streams events into an accord session through the C API and prints each
 * violation as soon as accord is sure of it; at the end, the obligations
 * still open.
 *
 *   check_events RULES EVENTS      (EVENTS: JSON Lines, in time order)
 */
#include <accord/accord.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void print_violation(const accord_violation* violation, void* user_data) {
  const unsigned long* events_added = user_data;
  printf("after %lu events: violation of %s (trigger %s, %s): %s\n", *events_added,
         violation->rule_id, violation->trigger, violation->time, violation->message);
}

/* Prints the message a failing call handed out, and frees it. */
static int failed(const char* what, accord_status status, char* message) {
  fprintf(stderr, "%s: %s: %s\n", what, accord_status_name(status), message ? message : "");
  accord_free(message);
  return 2;
}

int main(int argc, char** argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: check_events RULES EVENTS\n");
    return 2;
  }
  char* message = NULL;
  accord_rule_set* rules = NULL;
  accord_status status = accord_rule_set_load_file(argv[1], NULL, 0, &rules, &message);
  if (status != ACCORD_OK) return failed(argv[1], status, message);

  unsigned long events_added = 0;
  accord_session_options options;
  accord_session_options_init(&options);
  options.on_violation = print_violation;
  options.user_data = &events_added;
  options.input_name = "events";
  accord_session* session = NULL;
  status = accord_session_create(rules, &options, &session, &message);
  accord_rule_set_destroy(rules); /* the session keeps what it needs */
  if (status != ACCORD_OK) return failed("session", status, message);

  FILE* events = fopen(argv[2], "r");
  if (events == NULL) {
    accord_session_destroy(session);
    fprintf(stderr, "check_events: cannot read %s\n", argv[2]);
    return 2;
  }
  char line[65536];
  while (fgets(line, sizeof line, events) != NULL) {
    size_t length = strcspn(line, "\r\n");
    if (length == 0) continue;
    ++events_added;
    status = accord_session_add_json(session, line, length, &message);
    if (status == ACCORD_INVALID_EVENT) {
      printf("not checked: %s\n", message); /* "event 12: missing 'time'" */
      accord_free(message);
    } else if (status != ACCORD_OK) {
      fclose(events);
      accord_session_destroy(session);
      return failed("event", status, message);
    }
  }
  fclose(events);

  /* Deadlines up to the last event's time are judged; later ones stay open. */
  accord_result* result = NULL;
  status = accord_session_finish(session, NULL, &result, &message);
  accord_session_destroy(session);
  if (status != ACCORD_OK) return failed("finish", status, message);
  for (size_t i = 0; i < accord_result_pending_count(result); ++i) {
    accord_pending pending;
    accord_result_pending(result, i, &pending);
    printf("pending: %s (trigger %s) due %s\n", pending.rule_id, pending.trigger, pending.due);
  }
  printf("%zu events checked: %zu violations, %zu pending, %zu errors\n",
         accord_result_event_count(result), accord_result_violation_count(result),
         accord_result_pending_count(result),
         accord_result_input_error_count(result) + accord_result_evaluation_error_count(result));
  accord_result_destroy(result);
  return 0;
}
