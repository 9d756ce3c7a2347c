# Coefficient readers, tdre-gen tables and the generated tables (issue 4).
set(_tables_src ${PROJECT_SOURCE_DIR}/port_c/tables)

tdre_check_test(test_tables_readers
  SOURCES test_tables_readers.c ${PROJECT_SOURCE_DIR}/gen/tables_model.c
  LIBS tdre_coeffio tdre_testutil LABELS tables)
target_include_directories(test_tables_readers PRIVATE ${PROJECT_SOURCE_DIR}/gen)

tdre_check_test(test_tables_bad SOURCES test_tables_bad.c
  LIBS tdre_coeffio tdre_testutil LABELS tables)

tdre_check_test(test_tables_layout
  SOURCES test_tables_layout.c ${PROJECT_SOURCE_DIR}/gen/tables_model.c
          ${_tables_src}/igrf11_gh.c ${_tables_src}/igrf11.c ${_tables_src}/igrf12.c
          ${_tables_src}/igrf13.c ${_tables_src}/igrf14.c
  LIBS tdre_coeffio tdre_testutil LABELS tables)
target_include_directories(test_tables_layout PRIVATE ${PROJECT_SOURCE_DIR}/gen ${_tables_src})

tdre_check_test(test_tables_regen SOURCES test_tables_regen.c
  LIBS tdre_testutil LABELS tables)
add_dependencies(test_tables_regen tdre-gen)
