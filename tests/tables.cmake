# Coefficient readers, tdre-gen tables and the generated tables (issue 4).
set(_tables_src ${PROJECT_SOURCE_DIR}/port_c/tables)

tdre_check_test(test_tables_readers
  SOURCES test_tables_readers.c ${PROJECT_SOURCE_DIR}/gen/tables_model.c
  LIBS tdre_coeffio tdre_testutil LABELS tables)
target_include_directories(test_tables_readers PRIVATE ${PROJECT_SOURCE_DIR}/gen)

tdre_check_test(test_tables_bad SOURCES test_tables_bad.c
  LIBS tdre_coeffio tdre_testutil LABELS tables)

# The committed tables themselves (absent only while being regenerated from
# nothing: `make tables` must still configure).
set(_tables_generated igrf11_gh.c igrf11.c igrf12.c igrf13.c igrf14.c)
set(_tables_layout_sources)
foreach(t ${_tables_generated})
  if(EXISTS ${_tables_src}/${t})
    list(APPEND _tables_layout_sources ${_tables_src}/${t})
  endif()
endforeach()
list(LENGTH _tables_layout_sources _n)
if(_n EQUAL 5)
  tdre_check_test(test_tables_layout
    SOURCES test_tables_layout.c ${PROJECT_SOURCE_DIR}/gen/tables_model.c
            ${_tables_layout_sources}
    LIBS tdre_coeffio tdre_testutil LABELS tables)
  target_include_directories(test_tables_layout PRIVATE ${PROJECT_SOURCE_DIR}/gen ${_tables_src})
endif()

tdre_check_test(test_tables_regen SOURCES test_tables_regen.c
  LIBS tdre_testutil LABELS tables)
add_dependencies(test_tables_regen tdre-gen)
