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
  # The same run through the built tdre-gen (main.c's dispatch) when it exists.
  if(TARGET tdre-gen)
    add_dependencies(test_vectors tdre-gen)
    target_compile_definitions(test_vectors PRIVATE TDRE_TEST_GEN_BINARY=1)
  endif()
endif()
