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

# The oracle suite again on the library without its AVX2 clones: the
# baseline (SSE2) path gives the same bits.
add_library(tdre_p2test_baseline STATIC ${CMAKE_CURRENT_LIST_DIR}/test_phase2_common.c)
target_link_libraries(tdre_p2test_baseline PUBLIC tdre_baseline PkgConfig::CHECK m)
tdre_check_test(test_phase2_oracle_baseline SOURCES test_phase2_oracle.c
  LIBS tdre_p2test_baseline tdre_oracle LABELS phase2)

# The oracle and API suites again on the library built at -O0 (a Debug
# build): the kernel's vector helpers are called, not inlined, unless forced;
# an AVX2 clone calling a default-ISA helper with a 256-bit vector argument
# breaks the ABI and crashed.
add_library(tdre_p2test_debug STATIC ${CMAKE_CURRENT_LIST_DIR}/test_phase2_common.c)
target_link_libraries(tdre_p2test_debug PUBLIC tdre_debug PkgConfig::CHECK m)
tdre_check_test(test_phase2_oracle_debug SOURCES test_phase2_oracle.c
  LIBS tdre_p2test_debug tdre_oracle LABELS phase2)
tdre_check_test(test_phase2_api_debug SOURCES test_phase2_api.c
  LIBS tdre_p2test_debug Threads::Threads LABELS phase2)

# `cmake --install` into a scratch prefix, then a user's program built with
# that prefix's pkg-config file, against the shared and the static library.
find_program(TDRE_PKG_CONFIG NAMES pkg-config pkgconf)
if(TDRE_PKG_CONFIG)
  set(_w ${CMAKE_BINARY_DIR}/phase2-install-test)
  set(_src ${CMAKE_CURRENT_LIST_DIR}/test_phase2_install.c)
  set(_pc "PKG_CONFIG_PATH=${_w}/p/${CMAKE_INSTALL_LIBDIR}/pkgconfig ${TDRE_PKG_CONFIG}")
  add_test(NAME phase2_install COMMAND sh -c "\
rm -rf '${_w}' && mkdir -p '${_w}' && \
'${CMAKE_COMMAND}' --install '${CMAKE_BINARY_DIR}' --component tdre --prefix '${_w}/p' >'${_w}/install.log' && \
test -f '${_w}/p/${CMAKE_INSTALL_INCLUDEDIR}/tdre.h' && \
${CMAKE_C_COMPILER} -std=c11 -Wall -Werror '${_src}' -o '${_w}/shared' \
  $(${_pc} --cflags --libs tdre) -Wl,-rpath,'${_w}/p/${CMAKE_INSTALL_LIBDIR}' && \
'${_w}/shared' && \
${CMAKE_C_COMPILER} -std=c11 -Wall -Werror -static-libgcc '${_src}' -o '${_w}/static' \
  $(${_pc} --cflags tdre) '${_w}/p/${CMAKE_INSTALL_LIBDIR}/libtdre.a' \
  $(${_pc} --libs-only-l --static tdre | sed 's/-ltdre//') && \
'${_w}/static'")
  set_tests_properties(phase2_install PROPERTIES LABELS phase2)
endif()

# Error and contract paths (docs/coverage.md), with fault injection: the
# allocators and pthread_create are wrapped at link time, so the static
# library's calls can be made to fail.
tdre_check_test(test_phase2_errors SOURCES test_phase2_errors.c
  LIBS tdre_p2test Threads::Threads LABELS phase2)
target_link_options(test_phase2_errors PRIVATE -Wl,--wrap=malloc -Wl,--wrap=calloc
  -Wl,--wrap=realloc -Wl,--wrap=pthread_create)
