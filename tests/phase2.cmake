# Phase 2 library (issues 5, 7, 10): profiles against the original outputs,
# the legacy defect windows, the API, batch and threads, geomag70 samples.
if(NOT TARGET tdre)
  return()
endif()
add_library(tdre_p2test STATIC ${CMAKE_CURRENT_LIST_DIR}/test_phase2_common.c)
target_link_libraries(tdre_p2test PUBLIC tdre PkgConfig::CHECK m)

tdre_check_test(test_phase2_oracle SOURCES test_phase2_oracle.c
  LIBS tdre_p2test tdre_oracle LABELS phase2)
tdre_check_test(test_phase2_api SOURCES test_phase2_api.c
  LIBS tdre_p2test Threads::Threads LABELS phase2)
