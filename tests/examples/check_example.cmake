# Runs `accord check` on a bundled example and compares what it says with the
# example's golden JSON report. Run with cmake -P from a CTest test:
#
#   cmake -DACCORD=<accord binary> -DSOURCE_DIR=<repository root> -DRULES=rules/npa.yaml
#         -DEVENTS=examples/npa/events.jsonl -DEXPECTED=examples/npa/expected-report.json
#         -DWORK_DIR=<scratch folder> -DMODE=json|exit-status|golden [-DFORMAT=sarif]
#         -P check_example.cmake
#
# MODE json:        the JSON report (--fail-on never) must equal EXPECTED byte for byte;
#                   on a difference, a line-per-record diff is printed.
# MODE golden:      the same for the report in FORMAT (sarif, junit, markdown). With
#                   ACCORD_UPDATE_GOLDENS=1 in the environment, EXPECTED is rewritten
#                   instead: review the difference before committing it.
# MODE exit-status: with the default --fail-on the exit status must be 1, and the
#                   text report must end with the summary line that EXPECTED's
#                   summary implies.
# Paths are relative to SOURCE_DIR, where accord runs, so that the file names
# in the report are the ones a user sees in the README.
cmake_minimum_required(VERSION 3.25)

foreach(variable ACCORD SOURCE_DIR RULES EVENTS EXPECTED WORK_DIR MODE)
  if(NOT DEFINED ${variable})
    message(FATAL_ERROR "check_example.cmake: -D${variable}=... is required")
  endif()
endforeach()

if(MODE STREQUAL "golden" AND NOT DEFINED FORMAT)
  message(FATAL_ERROR "check_example.cmake: MODE golden needs -DFORMAT=...")
endif()
if(MODE STREQUAL "golden" AND "$ENV{ACCORD_UPDATE_GOLDENS}")
  execute_process(
    COMMAND "${ACCORD}" check --rules "${RULES}" --format "${FORMAT}" --fail-on never
            --output "${EXPECTED}" "${EVENTS}"
    WORKING_DIRECTORY "${SOURCE_DIR}"
    RESULT_VARIABLE status)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "accord check exited with ${status} (expected 0 with --fail-on never)")
  endif()
  message(STATUS "${EXPECTED} rewritten: review the difference before committing it")
  return()
endif()

file(READ "${SOURCE_DIR}/${EXPECTED}" expected)
file(MAKE_DIRECTORY "${WORK_DIR}")

# Splits one-line JSON before every record of the report's arrays, so that a
# diff points at the violation that changed rather than at one long line.
function(write_split_json text path)
  string(REPLACE "},{" "},\n{" text "${text}")
  string(REPLACE "[{" "[\n{" text "${text}")
  file(WRITE "${path}" "${text}")
endfunction()

if(MODE STREQUAL "json" OR MODE STREQUAL "golden")
  if(MODE STREQUAL "json")
    set(FORMAT json)
  endif()
  execute_process(
    COMMAND "${ACCORD}" check --rules "${RULES}" --format "${FORMAT}" --fail-on never "${EVENTS}"
    WORKING_DIRECTORY "${SOURCE_DIR}"
    OUTPUT_VARIABLE actual
    ERROR_VARIABLE diagnostics
    RESULT_VARIABLE status)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "accord check exited with ${status} (expected 0 with --fail-on never):\n"
                        "${diagnostics}")
  endif()
  if(actual STREQUAL expected)
    message(STATUS "${EVENTS}: the report equals ${EXPECTED}")
    return()
  endif()
  write_split_json("${expected}" "${WORK_DIR}/expected.split.${FORMAT}")
  write_split_json("${actual}" "${WORK_DIR}/actual.split.${FORMAT}")
  file(WRITE "${WORK_DIR}/actual-report.${FORMAT}" "${actual}")
  execute_process(
    COMMAND diff -u "${WORK_DIR}/expected.split.${FORMAT}" "${WORK_DIR}/actual.split.${FORMAT}"
    OUTPUT_VARIABLE difference)
  if(MODE STREQUAL "json")
    set(regenerate "regenerate the golden file as examples/npa/README.md says")
  else()
    set(regenerate "run this test with ACCORD_UPDATE_GOLDENS=1 to rewrite the golden file")
  endif()
  message(FATAL_ERROR
    "The report on ${EVENTS} differs from ${EXPECTED} (- expected, + actual):\n"
    "${difference}\n"
    "The whole report is in ${WORK_DIR}/actual-report.${FORMAT}. If the change is intended, "
    "${regenerate}.")

elseif(MODE STREQUAL "exit-status")
  execute_process(
    COMMAND "${ACCORD}" check --rules "${RULES}" --format text "${EVENTS}"
    WORKING_DIRECTORY "${SOURCE_DIR}"
    OUTPUT_VARIABLE text
    ERROR_VARIABLE diagnostics
    RESULT_VARIABLE status)
  if(NOT status EQUAL 1)
    message(FATAL_ERROR "accord check exited with ${status}; expected 1, as the example has "
                        "error-severity violations:\n${diagnostics}")
  endif()
  # The text report is a view of the same content: its last line must give
  # the counts of the golden JSON report (the example has no left-out events).
  foreach(field events rules violations pending errors)
    string(JSON ${field} GET "${expected}" summary ${field})
  endforeach()
  string(JSON as_of GET "${expected}" as_of)
  # The text view shows a time at midnight UTC as its date alone.
  string(REGEX REPLACE "^([0-9]+-[0-9]+-[0-9]+)T00:00:00Z$" "\\1" as_of "${as_of}")
  foreach(severity error warning info)
    set(at_${severity} 0)
  endforeach()
  if(violations GREATER 0)
    math(EXPR last "${violations} - 1")
    foreach(index RANGE ${last})
      string(JSON severity GET "${expected}" violations ${index} severity)
      math(EXPR at_${severity} "${at_${severity}} + 1")
    endforeach()
  endif()
  set(summary "${violations} violations (${at_error} error, ${at_warning} warning, "
              "${at_info} info), ${pending} pending, ${errors} errors: ${events} events "
              "judged against ${rules} rules as of ${as_of}.\n")
  string(JOIN "" summary ${summary})
  string(LENGTH "${text}" text_length)
  string(LENGTH "${summary}" summary_length)
  set(tail "")
  if(text_length GREATER_EQUAL summary_length)
    math(EXPR tail_start "${text_length} - ${summary_length}")
    string(SUBSTRING "${text}" ${tail_start} -1 tail)
  endif()
  if(NOT tail STREQUAL summary)
    set(ending "${text}")
    if(text_length GREATER 400)
      math(EXPR ending_start "${text_length} - 400")
      string(SUBSTRING "${text}" ${ending_start} -1 ending)
    endif()
    message(FATAL_ERROR "The text report does not end with the summary line\n  ${summary}"
                        "It ends:\n${ending}")
  endif()
  message(STATUS "${EVENTS}: exit status 1 and the summary line")

else()
  message(FATAL_ERROR "check_example.cmake: unknown MODE '${MODE}' (json, exit-status or golden)")
endif()
