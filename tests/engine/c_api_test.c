/* The C API from a C program (C11): load a rule set, stream events into a
 * session, see violations through the callback before the end, ask what is
 * pending, finish, read the result and a report, and free everything. Exits
 * 1 at the first check that fails, saying which. */
#include <accord/accord.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int failures = 0;

#define CHECK(condition)                                                  \
  do {                                                                    \
    if (!(condition)) {                                                   \
      fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #condition); \
      ++failures;                                                         \
    }                                                                     \
  } while (0)

static const char rules[] =
    "rule_set: {id: t, title: Test}\n"
    "rules:\n"
    "  - id: explained\n"
    "    title: A decision is explained\n"
    "    kind: response\n"
    "    when: event.type == \"decision\"\n"
    "    expect: event.type == \"explanation\"\n"
    "    key: [subject]\n"
    "    within: params.window\n"
    "  - id: informed\n"
    "    title: Information comes first\n"
    "    kind: precedence\n"
    "    when: event.type == \"decision\"\n"
    "    requires: event.type == \"information\"\n"
    "    key: [subject]\n"
    "params:\n"
    "  window: {type: duration, default: 10d}\n";

/* Whether `text` (perhaps NULL) is `expected`. */
static int same(const char* text, const char* expected) {
  return text != NULL && strcmp(text, expected) == 0;
}

/* What the callbacks saw, as "rule:trigger" lines. */
struct seen {
  char text[1024];
  int count;
};

static void remember(struct seen* seen, const char* rule_id, const char* trigger) {
  size_t used = strlen(seen->text);
  snprintf(seen->text + used, sizeof seen->text - used, "%s:%s;", rule_id, trigger);
  ++seen->count;
}

static void on_violation(const accord_violation* violation, void* user_data) {
  remember((struct seen*)user_data, violation->rule_id, violation->trigger);
}

static void on_pending(const accord_pending* pending, void* user_data) {
  remember((struct seen*)user_data, pending->rule_id, pending->trigger);
  CHECK(same(pending->due, "2025-01-04"));
}

static accord_status add(accord_session* session, const char* json) {
  return accord_session_add_json(session, json, strlen(json), NULL);
}

int main(void) {
  const char* parameters[] = {"window=2d"};
  accord_rule_set* rule_set = NULL;
  char* message = NULL;
  accord_status status = accord_rule_set_load_string(rules, strlen(rules), "rules.yaml",
                                                     parameters, 1, &rule_set, &message);
  if (status != ACCORD_OK) {
    fprintf(stderr, "%s: %s\n", accord_status_name(status), message ? message : "");
    accord_free(message);
    return 1;
  }
  CHECK(message == NULL);
  CHECK(accord_rule_set_size(rule_set) == 2);
  CHECK(same(accord_rule_set_rule_id(rule_set, 1), "informed"));
  CHECK(accord_rule_set_rule_id(rule_set, 2) == NULL);

  struct seen violations = {{0}, 0};
  accord_session_options options;
  accord_session_options_init(&options);
  options.on_violation = on_violation;
  options.user_data = &violations;
  options.input_name = "hr";
  accord_session* session = NULL;
  CHECK(accord_session_create(rule_set, &options, &session, NULL) == ACCORD_OK);
  /* The session keeps what it needs of the rule set. */
  accord_rule_set_destroy(rule_set);

  CHECK(add(session, "{\"id\":\"n1\",\"time\":\"2025-01-01\",\"type\":\"information\","
                     "\"subject\":\"ann\"}") == ACCORD_OK);
  CHECK(add(session, "{\"id\":\"d1\",\"time\":\"2025-01-02\",\"type\":\"decision\","
                     "\"subject\":\"ann\"}") == ACCORD_OK);
  CHECK(add(session, "{\"id\":\"d2\",\"time\":\"2025-01-02\",\"type\":\"decision\","
                     "\"subject\":\"bob\"}") == ACCORD_OK);
  CHECK(violations.count == 0);

  struct seen pending = {{0}, 0};
  CHECK(accord_session_pending(session, on_pending, &pending, NULL) == ACCORD_OK);
  CHECK(strcmp(pending.text, "explained:d1;explained:d2;") == 0);
  /* Asking judged the decisions: bob's had no information. */
  CHECK(strcmp(violations.text, "informed:d2;") == 0);

  status = accord_session_add_json(session, "{\"id\": 1,", 10, &message);
  CHECK(status == ACCORD_INVALID_EVENT);
  CHECK(message != NULL && strncmp(message, "event 4: malformed JSON", 23) == 0);
  accord_free(message);

  CHECK(add(session, "{\"id\":\"x1\",\"time\":\"2025-01-03\",\"type\":\"explanation\","
                     "\"subject\":\"ann\"}") == ACCORD_OK);
  /* Bob's deadline passes when the clock says its time has come. */
  CHECK(accord_session_advance_to(session, "2025-01-10", NULL) == ACCORD_OK);
  CHECK(accord_session_advance_to(session, "soon", &message) == ACCORD_INVALID_ARGUMENT);
  accord_free(message);
  CHECK(strcmp(violations.text, "informed:d2;explained:d2;") == 0);

  accord_result* result = NULL;
  CHECK(accord_session_finish(session, "2025-01-20", &result, NULL) == ACCORD_OK);
  accord_result* again = NULL;
  CHECK(accord_session_finish(session, NULL, &again, NULL) == ACCORD_INVALID_ARGUMENT);
  CHECK(again == NULL);
  accord_session_destroy(session);

  CHECK(accord_result_event_count(result) == 4);
  CHECK(accord_result_violation_count(result) == 2);
  CHECK(accord_result_pending_count(result) == 0);
  CHECK(accord_result_input_error_count(result) == 1);
  accord_violation violation = {0};
  CHECK(accord_result_violation(result, 1, &violation) == ACCORD_OK);
  CHECK(same(violation.rule_id, "explained"));
  CHECK(same(violation.trigger, "d2"));
  CHECK(same(violation.due, "2025-01-04"));
  CHECK(violation.line == 3);
  CHECK(accord_result_violation(result, 2, &violation) == ACCORD_INVALID_ARGUMENT);
  accord_input_error error = {0};
  CHECK(accord_result_input_error(result, 0, &error) == ACCORD_OK);
  CHECK(error.line == 4);

  char* report = NULL;
  CHECK(accord_result_report(result, "json", &report, NULL) == ACCORD_OK);
  CHECK(report != NULL && strstr(report, "\"trigger\":\"d2\"") != NULL);
  accord_free(report);
  /* The trigger's place: the session's name and the event's number. */
  CHECK(accord_result_report(result, "junit", &report, NULL) == ACCORD_OK);
  CHECK(report != NULL && strstr(report, "(hr:3)") != NULL);
  accord_free(report);
  CHECK(accord_result_report(result, "pdf", &report, &message) == ACCORD_INVALID_ARGUMENT);
  CHECK(report == NULL && message != NULL && strstr(message, "pdf") != NULL);
  accord_free(message);
  accord_result_destroy(result);

  if (failures > 0) {
    fprintf(stderr, "%d checks failed\n", failures);
    return 1;
  }
  printf("C API: all checks passed (accord %s)\n", accord_version());
  return 0;
}
