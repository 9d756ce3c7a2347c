# The oracle and phase 1 against the original program's outputs (issue 2, 3).
add_library(tdre_testutil STATIC ${CMAKE_CURRENT_LIST_DIR}/testutil.c)
target_link_libraries(tdre_testutil PUBLIC tdre_common)
target_include_directories(tdre_testutil PUBLIC ${CMAKE_CURRENT_LIST_DIR})

tdre_check_test(test_oracle SOURCES test_oracle.c LIBS tdre_testutil LABELS oracle)
add_dependencies(test_oracle tdre-eval)
add_test(NAME test_oracle_shared COMMAND test_oracle shared)
set_tests_properties(test_oracle_shared PROPERTIES SKIP_RETURN_CODE 77 LABELS oracle
  ENVIRONMENT "TDRE_SHARED=${TDRE_SHARED_DIR};TDRE_SOURCE_DIR=${CMAKE_SOURCE_DIR};TDRE_BIN=${CMAKE_BINARY_DIR}/bin")

# A user's whole distributed file as oracle source (configures a second build).
add_test(NAME oracle_source_whole_file
  COMMAND ${CMAKE_COMMAND} -DSRC=${CMAKE_SOURCE_DIR} -DBIN=${CMAKE_BINARY_DIR}
          -DWORK=${CMAKE_BINARY_DIR}/oracle-source-test
          -P ${CMAKE_CURRENT_LIST_DIR}/scripts/oracle_source.cmake)
set_tests_properties(oracle_source_whole_file PROPERTIES LABELS "oracle;slow" TIMEOUT 900)
