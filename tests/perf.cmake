# Issue 10: the fast roads of the CSV reader/writer and tdre-eval's pipeline
# give what the C library and the single thread give (speed itself is shown
# by tdre-bench, never by a test).
tdre_check_test(test_perf_vecio SOURCES test_perf_vecio.c LIBS tdre_testutil LABELS perf)
if(TARGET tdre-eval)
  add_dependencies(test_perf_vecio tdre-eval)
endif()
# tdre-eval copies a row's inputs when the reader says they are their own
# %.17g: the claim against printf, and copied rows against formatted ones.
tdre_check_test(test_vecio_canonical SOURCES test_vecio_canonical.c LIBS tdre_testutil LABELS perf)
# The benchmark's output keeps its sections and its last line, and
# tdre-eval --timing its lines, without changing tdre-eval's output.
add_test(NAME bench_smoke
  COMMAND sh ${PROJECT_SOURCE_DIR}/tests/scripts/bench_smoke.sh ${CMAKE_BINARY_DIR}/bin)
set_tests_properties(bench_smoke PROPERTIES LABELS perf TIMEOUT 300)
# tdre-verify parses its files ahead on threads: the same rows, messages
# and line numbers as reading them in turn.
tdre_check_test(test_readahead SOURCES test_readahead.c LIBS tdre_testutil LABELS perf)
