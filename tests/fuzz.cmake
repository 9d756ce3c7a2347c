# Fuzzing (issue 9).
#
# 1. `cmake --build build --target fuzz` (`make fuzz FUZZ_SECONDS=N`) builds
#    the libFuzzer targets of tests/fuzz with clang in build/fuzz (a project
#    of its own, so nothing else needs clang) and runs each one for
#    FUZZ_SECONDS (environment at run time, else the cache value).
# 2. Every seed and regression input is replayed through the same target
#    code, compiled with the project's compiler, by a Check test in
#    `make test` (and in the sanitizer build, tools/ci-sanitize.sh).
set(FUZZ_SECONDS 60 CACHE STRING "Seconds each fuzz target runs for (make fuzz)")
add_custom_target(fuzz
  COMMAND sh ${CMAKE_CURRENT_LIST_DIR}/fuzz/run.sh --default ${FUZZ_SECONDS} ${CMAKE_BINARY_DIR}/fuzz
  USES_TERMINAL
  VERBATIM
  COMMENT "Fuzzing every parser (tests/fuzz/run.sh)")

set(_fz ${CMAKE_CURRENT_LIST_DIR}/fuzz)

# tdre_fuzz_replay(TARGET SOURCES...): test_fuzz_TARGET replays
# corpus/TARGET and regress/TARGET through those sources.
function(tdre_fuzz_replay name)
  foreach(src ${ARGN})
    if(NOT EXISTS ${src})
      return()
    endif()
  endforeach()
  tdre_check_test(test_fuzz_${name} SOURCES ${_fz}/replay.c ${ARGN}
    LIBS tdre_testutil LABELS fuzz)
  set_property(TEST test_fuzz_${name} APPEND PROPERTY ENVIRONMENT
    "TDRE_FUZZ_DIRS=${_fz}/corpus/${name}:${_fz}/regress/${name}")
endfunction()

tdre_fuzz_replay(csv_vectors ${_fz}/fuzz_csv.c)
tdre_fuzz_replay(csv_results ${_fz}/fuzz_csv.c)
if(TARGET test_fuzz_csv_results)
  target_compile_definitions(test_fuzz_csv_results PRIVATE TDRE_FUZZ_RESULTS)
endif()

# The readers: tdre_coeffio (gen/CMakeLists.txt) gives coeffio.c once,
# from the library or as a source.
foreach(fmt NOAA SHC COF AUTO)
  string(TOLOWER ${fmt} _lower)
  if(TARGET tdre_coeffio)
    tdre_fuzz_replay(coeffs_${_lower} ${_fz}/fuzz_coeffs.c)
    target_link_libraries(test_fuzz_coeffs_${_lower} PRIVATE tdre_coeffio)
    target_compile_definitions(test_fuzz_coeffs_${_lower} PRIVATE
      TDRE_FUZZ_FORMAT=TDRE_COEFFS_${fmt})
  endif()
endforeach()

# tdre-geomag's input lines, over its parts library (tools/geomag).
if(TARGET tdre_geomag_parts)
  tdre_fuzz_replay(geomag ${_fz}/fuzz_geomag.c)
  target_link_libraries(test_fuzz_geomag PRIVATE tdre_geomag_parts)
endif()

# tdre-verify's statistics files (merge).
if(TARGET tdre-verify)
  set(_v ${PROJECT_SOURCE_DIR}/tools/verify)
  tdre_fuzz_replay(verify_stats ${_fz}/fuzz_verify_stats.c ${_v}/savestats.c ${_v}/compare.c
    ${_v}/stats.c ${_v}/tolerance.c)
  target_include_directories(test_fuzz_verify_stats PRIVATE ${_v})
  target_link_libraries(test_fuzz_verify_stats PRIVATE PkgConfig::GSL)
endif()
