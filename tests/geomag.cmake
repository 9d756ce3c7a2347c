# tdre-geomag: input syntax, errors, layouts, and geomag70's samples (issue 7).
if(TARGET tdre-geomag)
  tdre_check_test(test_geomag_parse SOURCES test_geomag_parse.c
                  LIBS tdre_geomag_parts LABELS geomag)
  tdre_check_test(test_geomag SOURCES test_geomag.c LIBS tdre_testutil LABELS geomag)
  add_dependencies(test_geomag tdre-geomag)
  add_test(NAME test_geomag_shared COMMAND test_geomag shared)
  set_tests_properties(test_geomag_shared PROPERTIES SKIP_RETURN_CODE 77 LABELS geomag
    ENVIRONMENT "TDRE_SHARED=${TDRE_SHARED_DIR};TDRE_SOURCE_DIR=${CMAKE_SOURCE_DIR};TDRE_BIN=${CMAKE_BINARY_DIR}/bin")
endif()
