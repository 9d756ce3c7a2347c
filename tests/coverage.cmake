# `make coverage` (tools/coverage, docs/coverage.md): a custom target only,
# no test; it configures its own instrumented build.
if(NOT TARGET coverage)
  add_subdirectory(${PROJECT_SOURCE_DIR}/tools/coverage ${CMAKE_BINARY_DIR}/tools/coverage)
endif()

# Phase 1's default message stream (standard error), which every tool
# redirects: the branch would otherwise never be reached.
tdre_check_test(test_phase1_messages SOURCES test_phase1_messages.c
  LIBS tdre_phase1 LABELS phase1)
