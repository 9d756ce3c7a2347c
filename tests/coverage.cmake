# `make coverage` (tools/coverage, docs/coverage.md): a custom target only,
# no test; it configures its own instrumented build.
if(NOT TARGET coverage)
  add_subdirectory(${PROJECT_SOURCE_DIR}/tools/coverage ${CMAKE_BINARY_DIR}/tools/coverage)
endif()
