# Legacy traits of IGRF11SYN (issue 3, deliverable 5; docs/quirks.md): a
# test-only model whose traits switch off one by one, checked against the
# original program's committed outputs and phase 1.
if(TARGET tdre_phase1 AND EXISTS ${PROJECT_SOURCE_DIR}/port_c/tables/igrf11.c
   AND EXISTS ${PROJECT_SOURCE_DIR}/gen/tables_model.c)
  add_library(tdre_quirks_model STATIC ${CMAKE_CURRENT_LIST_DIR}/quirks_model.c
              ${PROJECT_SOURCE_DIR}/port_c/tables/igrf11.c
              ${PROJECT_SOURCE_DIR}/gen/tables_model.c)
  target_include_directories(tdre_quirks_model PUBLIC ${CMAKE_CURRENT_LIST_DIR}
                             ${PROJECT_SOURCE_DIR}/port_c/tables ${PROJECT_SOURCE_DIR}/gen
                             ${PROJECT_SOURCE_DIR}/port_c/include ${PROJECT_SOURCE_DIR}/port_c/phase2)
  target_link_libraries(tdre_quirks_model PUBLIC tdre_phase1 m)

  foreach(t test_quirks test_quirks_sizes test_quirks_windows)
    tdre_check_test(${t} SOURCES ${t}.c test_quirks_common.c LIBS tdre_quirks_model tdre_testutil LABELS quirks)
  endforeach()
endif()
