# tdre-gen vectors (issue 4, item 1): the generator's building blocks against
# outside references, and the command as a user runs it. The command's own
# sources are compiled in, so these suites do not wait for the tdre-gen
# target; the CLI suite reads the output with tdre-eval's CSV reader.
set(_tdre_vectors_sources
  ${CMAKE_SOURCE_DIR}/gen/vectors.c
  ${CMAKE_SOURCE_DIR}/gen/vectors_set.c
  ${CMAKE_SOURCE_DIR}/gen/vectors_fmt.c
  ${CMAKE_SOURCE_DIR}/gen/vectors_out.c)

tdre_check_test(test_vectors_units
  SOURCES test_vectors_units.c ${CMAKE_SOURCE_DIR}/gen/vectors_fmt.c
  LABELS vectors)
target_include_directories(test_vectors_units PRIVATE ${CMAKE_SOURCE_DIR}/gen)

if(TARGET tdre_testutil)
  tdre_check_test(test_vectors
    SOURCES test_vectors.c ${_tdre_vectors_sources}
    LIBS tdre_testutil
    LABELS vectors)
  target_include_directories(test_vectors PRIVATE ${CMAKE_SOURCE_DIR}/gen)
  # The peak-memory case (tagged memory) as a test of its own, labelled nosan:
  # the sanitizer job leaves it out and runs the rest of the suite.
  set_property(TEST test_vectors APPEND PROPERTY ENVIRONMENT "CK_EXCLUDE_TAGS=memory")
  add_test(NAME test_vectors_memory COMMAND test_vectors)
  set_tests_properties(test_vectors_memory PROPERTIES
    SKIP_RETURN_CODE 77
    LABELS "vectors;nosan"
    ENVIRONMENT "TDRE_SHARED=${TDRE_SHARED_DIR};TDRE_SOURCE_DIR=${CMAKE_SOURCE_DIR};TDRE_BIN=${CMAKE_BINARY_DIR}/bin;CK_DEFAULT_TIMEOUT=600;CK_INCLUDE_TAGS=memory")
  # The same run through the built tdre-gen (main.c's dispatch) when it exists.
  if(TARGET tdre-gen)
    add_dependencies(test_vectors tdre-gen)
    target_compile_definitions(test_vectors PRIVATE TDRE_TEST_GEN_BINARY=1)
  endif()
endif()
