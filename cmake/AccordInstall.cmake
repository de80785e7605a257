# What `cmake --install` puts under the prefix: the public headers, the engine
# library (static, and shared unless ACCORD_BUILD_SHARED is off), the accord
# command and its man page, the rule sets, a CMake package (find_package(accord
# CONFIG) gives accord::engine and accord::engine_shared) and a pkg-config
# file (accord.pc).
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(ACCORD_INSTALL_CMAKEDIR ${CMAKE_INSTALL_LIBDIR}/cmake/accord)

# The public headers include only the standard library and each other, so a
# program using them needs no third-party headers.
install(DIRECTORY ${PROJECT_SOURCE_DIR}/engine/include/accord
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
        COMPONENT development
        FILES_MATCHING PATTERN "*.hpp" PATTERN "*.h")

set(accord_libraries accord_engine)
if(TARGET accord_engine_shared)
  list(APPEND accord_libraries accord_engine_shared)
endif()
install(TARGETS ${accord_libraries}
        EXPORT accordTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT development
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT runtime
                NAMELINK_COMPONENT development
        INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(TARGETS accord_cli RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT runtime)
install(FILES ${PROJECT_SOURCE_DIR}/docs/accord.1
        DESTINATION ${CMAKE_INSTALL_MANDIR}/man1 COMPONENT runtime)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/rules/
        DESTINATION ${CMAKE_INSTALL_DATADIR}/accord/rules COMPONENT runtime
        FILES_MATCHING PATTERN "*.yaml" PATTERN "tests" EXCLUDE)

install(EXPORT accordTargets
        NAMESPACE accord::
        DESTINATION ${ACCORD_INSTALL_CMAKEDIR}
        COMPONENT development)
configure_package_config_file(
  ${CMAKE_CURRENT_LIST_DIR}/accordConfig.cmake.in
  ${PROJECT_BINARY_DIR}/accordConfig.cmake
  INSTALL_DESTINATION ${ACCORD_INSTALL_CMAKEDIR})
# 0.x: a minor release may break what the one before offered.
write_basic_package_version_file(
  ${PROJECT_BINARY_DIR}/accordConfigVersion.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/accordConfig.cmake
              ${PROJECT_BINARY_DIR}/accordConfigVersion.cmake
        DESTINATION ${ACCORD_INSTALL_CMAKEDIR}
        COMPONENT development)

# accord.pc finds the prefix from its own place, so the package may be
# installed under any --prefix.
file(RELATIVE_PATH ACCORD_PC_PREFIX_FROM_PCFILEDIR
     ${CMAKE_INSTALL_FULL_LIBDIR}/pkgconfig ${CMAKE_INSTALL_PREFIX})
string(REGEX REPLACE "/$" "" ACCORD_PC_PREFIX_FROM_PCFILEDIR "${ACCORD_PC_PREFIX_FROM_PCFILEDIR}")
configure_file(${CMAKE_CURRENT_LIST_DIR}/accord.pc.in ${PROJECT_BINARY_DIR}/accord.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/accord.pc
        DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig
        COMPONENT development)
