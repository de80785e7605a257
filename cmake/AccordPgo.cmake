# Profile-guided optimisation (ACCORD_PGO, on in the release preset).
#
# The engine and the CLI are first built instrumented, in a build of their
# own (build/<preset>/pgo-training, ACCORD_PGO_INSTRUMENT), which checks a
# log of the NPA written by accord's own generator (bench/) against
# rules/npa.yaml. Its profile, one .gcda file per object, is copied next to
# this build's objects, which are then compiled with it: g++ lays out and
# inlines the hot paths (reading JSON, judging events) as the check runs
# them. -fprofile-partial-training optimises what the training did not run
# (other formats, reports, commands) as it would be without a profile.
# docs/performance.md has what it gains.
if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
  message(WARNING "ACCORD_PGO needs g++ (the compiler is ${CMAKE_CXX_COMPILER_ID}): left off")
  return()
endif()

include(ExternalProject)

set(accord_pgo_training_dir ${CMAKE_BINARY_DIR}/pgo-training)
set(accord_pgo_stamp ${CMAKE_BINARY_DIR}/pgo-profile.stamp)

# Built every time (Ninja finds nothing to do when nothing changed), so
# that a change to the sources is trained on before it is optimised.
ExternalProject_Add(accord_pgo_training_build
  SOURCE_DIR ${PROJECT_SOURCE_DIR}
  BINARY_DIR ${accord_pgo_training_dir}
  CMAKE_ARGS
    -DCMAKE_BUILD_TYPE=Release
    -DCMAKE_CXX_COMPILER=${CMAKE_CXX_COMPILER}
    -DACCORD_PGO_INSTRUMENT=ON
    -DACCORD_BUILD_TESTS=OFF
    -DACCORD_BUILD_PYTHON=OFF
  BUILD_COMMAND ${CMAKE_COMMAND} --build <BINARY_DIR> --target accord_cli accord_generate_events
  BUILD_ALWAYS ON
  BUILD_BYPRODUCTS ${accord_pgo_training_dir}/cli/accord
  INSTALL_COMMAND "")

add_custom_command(
  OUTPUT ${accord_pgo_stamp}
  COMMAND ${CMAKE_COMMAND} -DTRAINING_DIR=${accord_pgo_training_dir}
          -DBUILD_DIR=${CMAKE_BINARY_DIR} -DSOURCE_DIR=${PROJECT_SOURCE_DIR}
          -P ${PROJECT_SOURCE_DIR}/cmake/AccordPgoTrain.cmake
  COMMAND ${CMAKE_COMMAND} -E touch ${accord_pgo_stamp}
  DEPENDS ${accord_pgo_training_dir}/cli/accord ${PROJECT_SOURCE_DIR}/cmake/AccordPgoTrain.cmake
          ${PROJECT_SOURCE_DIR}/rules/npa.yaml
  COMMENT "Training accord for profile-guided optimisation"
  VERBATIM)
add_custom_target(accord_pgo_profile DEPENDS ${accord_pgo_stamp})

foreach(target accord_engine accord_cli_lib accord_cli)
  target_compile_options(${target} PRIVATE -fprofile-use -fprofile-partial-training
                                           -Wno-missing-profile)
  add_dependencies(${target} accord_pgo_profile)
  # A new profile compiles the objects again.
  get_target_property(sources ${target} SOURCES)
  get_target_property(source_dir ${target} SOURCE_DIR)
  set_property(SOURCE ${sources} DIRECTORY ${source_dir}
               APPEND PROPERTY OBJECT_DEPENDS ${accord_pgo_stamp})
endforeach()
