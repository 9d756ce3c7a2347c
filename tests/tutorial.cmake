# docs/tutorial.md runs as written: its ```sh blocks, in order, in a scratch
# copy of the repository using this build (tests/scripts/run_tutorial.sh).
add_test(NAME tutorial
  COMMAND sh ${PROJECT_SOURCE_DIR}/tests/scripts/run_tutorial.sh
          ${PROJECT_SOURCE_DIR} ${CMAKE_BINARY_DIR})
set_tests_properties(tutorial PROPERTIES
  LABELS tutorial
  SKIP_RETURN_CODE 77
  TIMEOUT 300
  ENVIRONMENT "TDRE_SHARED=${TDRE_SHARED_DIR};TDRE_SOURCE_DIR=${PROJECT_SOURCE_DIR};TDRE_BIN=${CMAKE_BINARY_DIR}/bin")
