# tdre-verify (issue 6): its statistics against hand-worked values, result
# files with dropped/duplicated/altered rows caught and named, and mutated
# copies of phase 1 caught by the same runs `make verify` makes.
tdre_check_test(test_verify_units SOURCES test_verify_units.c
  LIBS tdre_verify_core tdre_testutil LABELS verify)
tdre_check_test(test_verify_cli SOURCES test_verify_cli.c LIBS tdre_testutil LABELS verify)
add_dependencies(test_verify_cli tdre-verify tdre-gen)

# Mutants of phase 1: one changed constant or operator each, applied to a
# copy of port_c/phase1/igrf11syn.c at configure time (CMake looks again
# when the file changes) and linked into a copy of tdre-verify in place of
# the real phase 1 (the archive member of the same file is then not used).
set(_mut_src ${PROJECT_SOURCE_DIR}/port_c/phase1/igrf11syn.c)
set(_mut_dir ${CMAKE_BINARY_DIR}/tests/verify-mutants)
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${_mut_src})
file(READ ${_mut_src} _mut_text)
set(_mut_names)
function(_tdre_verify_mutant name from to)
  string(FIND "${_mut_text}" "${from}" _at)
  if(_at EQUAL -1)
    message(WARNING "verify mutant '${name}': '${from}' is not in ${_mut_src}; "
                    "the mutant equals phase 1 and test_verify_mutants will fail")
  endif()
  string(REPLACE "${from}" "${to}" _m "${_mut_text}")
  file(WRITE ${_mut_dir}/igrf11syn_${name}.c.new "${_m}")
  file(COPY_FILE ${_mut_dir}/igrf11syn_${name}.c.new ${_mut_dir}/igrf11syn_${name}.c ONLY_IF_DIFFERENT)
  add_executable(verify-mutant-${name} $<TARGET_OBJECTS:tdre_verify_app> ${_mut_dir}/igrf11syn_${name}.c)
  target_include_directories(verify-mutant-${name} PRIVATE ${PROJECT_SOURCE_DIR}/port_c/phase1)
  target_link_libraries(verify-mutant-${name} PRIVATE tdre_verify_core)
  if(TARGET tdre)
    target_link_libraries(verify-mutant-${name} PRIVATE tdre)
  endif()
  set_target_properties(verify-mutant-${name} PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${_mut_dir})
  set(_mut_names ${_mut_names} ${name} PARENT_SCOPE)
endfunction()

_tdre_verify_mutant(radius "6371.2f" "6371.3f")
# 0.017453293f is the same float as 0.017453292f: a change in the last digit
# shows only downwards.
_tdre_verify_mutant(deg2rad "0.017453292f" "0.017453291f")
_tdre_verify_mutant(b2 "40408296.0f" "40408300.0f")
_tdre_verify_mutant(epoch_double "t = (double)0.2f * (date - 1900.0)" "t = 0.2 * (date - 1900.0)")
_tdre_verify_mutant(sl_sign "SL(m - 1) * CL(1) + CL(m - 1) * SL(1)" "SL(m - 1) * CL(1) - CL(m - 1) * SL(1)")
_tdre_verify_mutant(p_sign "P(k) = three * ct * P(i) - two * P(j)" "P(k) = three * ct * P(i) + two * P(j)")
_tdre_verify_mutant(z_sign "z = z - (fn + 1.0) * one * P(k)" "z = z + (fn + 1.0) * one * P(k)")

string(REPLACE ";" "," _mut_list "${_mut_names}")
tdre_check_test(test_verify_mutants SOURCES test_verify_mutants.c LIBS tdre_testutil LABELS verify)
target_compile_definitions(test_verify_mutants PRIVATE
  TDRE_VERIFY_MUTANTS="${_mut_list}" TDRE_VERIFY_MUTANT_DIR="${_mut_dir}")
add_dependencies(test_verify_mutants tdre-verify tdre-gen)
foreach(m ${_mut_names})
  add_dependencies(test_verify_mutants verify-mutant-${m})
endforeach()
