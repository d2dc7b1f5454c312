# ossd_library(name SOURCES ... DEPS ...): one static library per src/ folder, so the
# allowed dependencies between folders are visible (and enforced at link time) in one place.
function(ossd_library name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  add_library(${name} STATIC ${ARG_SOURCES})
  target_include_directories(${name} PUBLIC ${PROJECT_SOURCE_DIR}/src)
  target_link_libraries(${name} PUBLIC ${ARG_DEPS})
endfunction()

# ossd_test(name SOURCES ... DEPS ...): one gtest binary, its cases discovered by CTest when
# ctest runs (PRE_TEST), so building never executes a test binary.
function(ossd_test name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE ${ARG_DEPS} GTest::gtest GTest::gtest_main)
  target_compile_definitions(${name} PRIVATE
    OSSD_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
    OSSD_VECTORS_DIR="${PROJECT_SOURCE_DIR}/tests/vectors")
  gtest_discover_tests(${name} DISCOVERY_TIMEOUT 60 DISCOVERY_MODE PRE_TEST)
endfunction()
