# The training run of profile-guided optimisation (see AccordPgo.cmake), as
# a script: cmake -DTRAINING_DIR=... -DBUILD_DIR=... -DSOURCE_DIR=... -P
#
# Checks a generated NPA log with the instrumented build, then copies its
# profile next to the objects of the build being optimised (the same paths
# under BUILD_DIR as under TRAINING_DIR).
foreach(variable TRAINING_DIR BUILD_DIR SOURCE_DIR)
  if(NOT ${variable})
    message(FATAL_ERROR "AccordPgoTrain.cmake needs -D${variable}=...")
  endif()
endforeach()

# Counts add up across runs: each training starts from none.
file(GLOB_RECURSE stale_counts "${TRAINING_DIR}/*.gcda")
if(stale_counts)
  file(REMOVE ${stale_counts})
endif()

# A national employer's log in miniature: a growing population over six
# years, as the benchmarks' (seed 7, which neither they nor the tests use).
set(log ${TRAINING_DIR}/training-events.jsonl)
execute_process(
  COMMAND ${TRAINING_DIR}/bench/accord_generate_events --events 300000 --seed 7 --out ${log}
  OUTPUT_QUIET
  COMMAND_ERROR_IS_FATAL ANY)
execute_process(
  COMMAND ${TRAINING_DIR}/cli/accord check --rules ${SOURCE_DIR}/rules/npa.yaml --format json
          --fail-on never --output ${TRAINING_DIR}/training-report.json ${log}
  COMMAND_ERROR_IS_FATAL ANY)

file(GLOB_RECURSE counts RELATIVE ${TRAINING_DIR} "${TRAINING_DIR}/*.gcda")
if(NOT counts)
  message(FATAL_ERROR "the training run wrote no profile in ${TRAINING_DIR}")
endif()
foreach(count ${counts})
  get_filename_component(directory ${BUILD_DIR}/${count} DIRECTORY)
  file(MAKE_DIRECTORY ${directory})
  file(COPY_FILE ${TRAINING_DIR}/${count} ${BUILD_DIR}/${count})
endforeach()
list(LENGTH counts count_files)
message(STATUS "profile of ${count_files} objects copied to ${BUILD_DIR}")
