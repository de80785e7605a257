// The C API's error paths: every failure is a status and a message the
// caller frees, never a crash or an exception.
#include <accord/accord.h>

#include "engine/stream/decision_rules.hpp"

#include <gtest/gtest.h>

#include <cstring>
#include <string>

namespace {

using accord::stream::kDecisionRules;

// The message a call handed out, freed.
std::string take(char*& message) {
  std::string text = message != nullptr ? message : "(none)";
  accord_free(message);
  message = nullptr;
  return text;
}

accord_rule_set* load() {
  const char* text = kDecisionRules;
  accord_rule_set* rule_set = nullptr;
  char* message = nullptr;
  accord_status status = accord_rule_set_load_string(text, std::strlen(text), "rules.yaml",
                                                     nullptr, 0, &rule_set, &message);
  EXPECT_EQ(status, ACCORD_OK) << take(message);
  return rule_set;
}

TEST(CApi, ARuleSetWithErrorsIsLocated) {
  std::string text = kDecisionRules;
  text.replace(text.find(R"(event.type == "decision")"), 24, "event.type ==");
  accord_rule_set* rule_set = reinterpret_cast<accord_rule_set*>(1);
  char* message = nullptr;
  EXPECT_EQ(accord_rule_set_load_string(text.data(), text.size(), "broken.yaml", nullptr, 0,
                                        &rule_set, &message),
            ACCORD_INVALID_RULES);
  EXPECT_EQ(rule_set, nullptr);
  EXPECT_NE(take(message).find("broken.yaml:7:24: error: "), std::string::npos);

  EXPECT_EQ(accord_rule_set_load_file("/nonexistent/rules.yaml", nullptr, 0, &rule_set, &message),
            ACCORD_INVALID_RULES);
  EXPECT_EQ(take(message), "/nonexistent/rules.yaml: error: cannot read the rule file\n");
}

TEST(CApi, BadParametersAndMissingArgumentsAreInvalidArguments) {
  accord_rule_set* rule_set = nullptr;
  char* message = nullptr;
  const char* parameters[] = {"window"};
  EXPECT_EQ(accord_rule_set_load_string(kDecisionRules, std::strlen(kDecisionRules), nullptr, parameters, 1,
                                        &rule_set, &message),
            ACCORD_INVALID_ARGUMENT);
  EXPECT_EQ(take(message), "parameter 1 is not NAME=VALUE: 'window'");
  const char* unknown[] = {"nothing=1d"};
  EXPECT_EQ(accord_rule_set_load_string(kDecisionRules, std::strlen(kDecisionRules), nullptr, unknown, 1,
                                        &rule_set, &message),
            ACCORD_INVALID_RULES);
  EXPECT_NE(take(message).find("nothing"), std::string::npos);

  EXPECT_EQ(accord_rule_set_load_file(nullptr, nullptr, 0, &rule_set, &message),
            ACCORD_INVALID_ARGUMENT);
  take(message);
  EXPECT_EQ(accord_rule_set_load_string(kDecisionRules, 3, nullptr, nullptr, 0, nullptr, nullptr),
            ACCORD_INVALID_ARGUMENT);
  accord_session* session = nullptr;
  EXPECT_EQ(accord_session_create(nullptr, nullptr, &session, nullptr), ACCORD_INVALID_ARGUMENT);
  EXPECT_EQ(accord_session_add_json(nullptr, "{}", 2, nullptr), ACCORD_INVALID_ARGUMENT);
  EXPECT_EQ(accord_session_pending(nullptr, nullptr, nullptr, nullptr), ACCORD_INVALID_ARGUMENT);
  accord_result* result = nullptr;
  EXPECT_EQ(accord_session_finish(nullptr, nullptr, &result, nullptr), ACCORD_INVALID_ARGUMENT);
  EXPECT_EQ(accord_result_violation_count(nullptr), 0u);
  EXPECT_EQ(accord_result_violation(nullptr, 0, nullptr), ACCORD_INVALID_ARGUMENT);
  EXPECT_EQ(accord_rule_set_size(nullptr), 0u);
  EXPECT_EQ(accord_rule_set_rule_id(nullptr, 0), nullptr);
  // Destroying nothing does nothing.
  accord_rule_set_destroy(nullptr);
  accord_session_destroy(nullptr);
  accord_result_destroy(nullptr);
  accord_free(nullptr);
  EXPECT_STREQ(accord_status_name(ACCORD_STOPPED), "stopped");
}

TEST(CApi, InvalidEventsAndAFinishedSession) {
  accord_rule_set* rule_set = load();
  ASSERT_NE(rule_set, nullptr);
  accord_session* session = nullptr;
  ASSERT_EQ(accord_session_create(rule_set, nullptr, &session, nullptr), ACCORD_OK);
  char* message = nullptr;

  std::string text = R"({"id":"d1","type":"decision"})";
  EXPECT_EQ(accord_session_add_json(session, text.data(), text.size(), &message),
            ACCORD_INVALID_EVENT);
  EXPECT_EQ(take(message), "event 1: missing 'time'");
  // The length counts, not a terminating zero: half an object is malformed.
  text = R"({"id":"d2","time":"2025-01-01","type":"decision","subject":"ann"})";
  EXPECT_EQ(accord_session_add_json(session, text.data(), 20, &message), ACCORD_INVALID_EVENT);
  EXPECT_EQ(take(message).rfind("event 2: malformed JSON: byte ", 0), 0u);
  EXPECT_EQ(accord_session_add_json(session, text.data(), text.size(), &message), ACCORD_OK);
  EXPECT_EQ(message, nullptr);

  accord_result* result = nullptr;
  EXPECT_EQ(accord_session_finish(session, "tomorrow", &result, &message),
            ACCORD_INVALID_ARGUMENT);
  EXPECT_EQ(result, nullptr);
  EXPECT_NE(take(message).find("'tomorrow'"), std::string::npos);
  ASSERT_EQ(accord_session_finish(session, nullptr, &result, &message), ACCORD_OK);
  EXPECT_EQ(accord_session_add_json(session, text.data(), text.size(), &message),
            ACCORD_INVALID_ARGUMENT);
  EXPECT_EQ(take(message), "the session is finished");
  EXPECT_EQ(accord_session_pending(session, [](const accord_pending*, void*) {}, nullptr, &message),
            ACCORD_INVALID_ARGUMENT);
  take(message);

  EXPECT_EQ(accord_result_violation_count(result), 1u);
  EXPECT_EQ(accord_result_input_error_count(result), 2u);
  ASSERT_EQ(accord_result_pending_count(result), 1u);
  accord_pending pending;
  EXPECT_EQ(accord_result_pending(result, 1, &pending), ACCORD_INVALID_ARGUMENT);
  ASSERT_EQ(accord_result_pending(result, 0, &pending), ACCORD_OK);
  EXPECT_STREQ(pending.rule_id, "explained");
  EXPECT_STREQ(pending.due, "2025-01-11");
  for (const char* format : {"text", "json", "sarif", "junit", "markdown", "html"}) {
    char* report = nullptr;
    EXPECT_EQ(accord_result_report(result, format, &report, &message), ACCORD_OK) << format;
    EXPECT_NE(report, nullptr);
    EXPECT_NE(std::string(report).find("informed"), std::string::npos) << format;
    accord_free(report);
  }
  accord_result_destroy(result);
  accord_session_destroy(session);
  accord_rule_set_destroy(rule_set);
}

TEST(CApi, ASessionStopsAtItsLimit) {
  accord_rule_set* rule_set = load();
  ASSERT_NE(rule_set, nullptr);
  accord_session_options options;
  accord_session_options_init(&options);
  options.max_open_obligations = 1;
  accord_session* session = nullptr;
  ASSERT_EQ(accord_session_create(rule_set, &options, &session, nullptr), ACCORD_OK);
  accord_rule_set_destroy(rule_set);
  char* message = nullptr;
  for (const char* subject : {"ann", "bob"}) {
    std::string text = std::string(R"({"id":")") + subject +
                       R"(","time":"2025-01-01","type":"decision","subject":")" + subject + "\"}";
    EXPECT_EQ(accord_session_add_json(session, text.data(), text.size(), &message), ACCORD_OK);
  }
  std::string later = R"({"id":"x","time":"2025-01-02","type":"explanation","subject":"ann"})";
  EXPECT_EQ(accord_session_add_json(session, later.data(), later.size(), &message),
            ACCORD_STOPPED);
  EXPECT_NE(take(message).find("limit"), std::string::npos);
  accord_result* result = nullptr;
  ASSERT_EQ(accord_session_finish(session, nullptr, &result, nullptr), ACCORD_OK);
  EXPECT_EQ(accord_result_input_error_count(result), 1u);
  accord_result_destroy(result);
  accord_session_destroy(session);
}

}  // namespace
