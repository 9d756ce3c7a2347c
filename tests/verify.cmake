# tdre-verify (issue 6): its statistics against hand-worked values, result
# files with dropped/duplicated/altered rows caught and named, and mutated
# copies of phase 1 caught by the same runs `make verify` makes.
tdre_check_test(test_verify_units SOURCES test_verify_units.c
  LIBS tdre_verify_core tdre_testutil LABELS verify)
tdre_check_test(test_verify_cli SOURCES test_verify_cli.c LIBS tdre_testutil LABELS verify)
add_dependencies(test_verify_cli tdre-verify tdre-gen)

# Mutants of phase 1 and phase 2: one changed constant or operator each,
# applied to a copy of the source file at configure time (CMake looks again
# when the file changes) and linked into a copy of tdre-verify before the
# real library, whose archive member of the same file is then not used.
# Each names the implementation whose comparisons must fail.
set(_mut_dir ${CMAKE_BINARY_DIR}/tests/verify-mutants)
set(_mut_list)
set(_mut_targets)
function(_tdre_verify_mutant name impl file from to)
  set(src ${PROJECT_SOURCE_DIR}/${file})
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${src})
  file(READ ${src} text)
  string(FIND "${text}" "${from}" at)
  if(at EQUAL -1)
    message(WARNING "verify mutant '${name}': '${from}' is not in ${file}; "
                    "the mutant equals the original and test_verify_mutants will fail")
  endif()
  string(REPLACE "${from}" "${to}" text "${text}")
  get_filename_component(base ${file} NAME_WE)
  set(out ${_mut_dir}/${name}/${base}.c)
  file(WRITE ${out}.new "${text}")
  file(COPY_FILE ${out}.new ${out} ONLY_IF_DIFFERENT)
  add_executable(verify-mutant-${name} $<TARGET_OBJECTS:tdre_verify_app> ${out})
  get_filename_component(dir ${src} DIRECTORY)
  target_include_directories(verify-mutant-${name} PRIVATE ${dir})
  target_link_libraries(verify-mutant-${name} PRIVATE tdre_verify_core)
  if(TARGET tdre)
    target_link_libraries(verify-mutant-${name} PRIVATE tdre)
    target_include_directories(verify-mutant-${name} PRIVATE
      $<TARGET_PROPERTY:tdre_objects,INCLUDE_DIRECTORIES>)
    target_compile_definitions(verify-mutant-${name} PRIVATE
      $<TARGET_PROPERTY:tdre_objects,COMPILE_DEFINITIONS>)
  endif()
  set_target_properties(verify-mutant-${name} PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${_mut_dir})
  set(_mut_list ${_mut_list} "${name}=${impl}" PARENT_SCOPE)
  set(_mut_targets ${_mut_targets} verify-mutant-${name} PARENT_SCOPE)
endfunction()

set(_p1 port_c/phase1/igrf11syn.c)
_tdre_verify_mutant(radius phase1 ${_p1} "6371.2f" "6371.3f")
# 0.017453293f is the same float as 0.017453292f: a change in the last digit
# shows only downwards.
_tdre_verify_mutant(deg2rad phase1 ${_p1} "0.017453292f" "0.017453291f")
_tdre_verify_mutant(b2 phase1 ${_p1} "40408296.0f" "40408300.0f")
_tdre_verify_mutant(epoch_double phase1 ${_p1}
  "t = (double)0.2f * (date - 1900.0)" "t = 0.2 * (date - 1900.0)")
_tdre_verify_mutant(sl_sign phase1 ${_p1}
  "SL(m - 1) * CL(1) + CL(m - 1) * SL(1)" "SL(m - 1) * CL(1) - CL(m - 1) * SL(1)")
_tdre_verify_mutant(p_sign phase1 ${_p1}
  "P(k) = three * ct * P(i) - two * P(j)" "P(k) = three * ct * P(i) + two * P(j)")
_tdre_verify_mutant(z_sign phase1 ${_p1}
  "z = z - (fn + 1.0) * one * P(k)" "z = z + (fn + 1.0) * one * P(k)")
if(TARGET tdre AND EXISTS ${PROJECT_SOURCE_DIR}/port_c/phase2/model.c)
  set(_p2 port_c/phase2/model.c)
  _tdre_verify_mutant(p2_exact_radius phase2 ${_p2} ".radius = 6371.2," ".radius = 6371.3,")
  _tdre_verify_mutant(p2_exact_pi phase2 ${_p2}
    ".deg2rad = 3.14159265358979323846 / 180.0" ".deg2rad = 3.1416 / 180.0")
  _tdre_verify_mutant(p2_legacy_radius phase2-legacy ${_p2}
    ".radius = (double)6371.2f" ".radius = (double)6371.3f")
  _tdre_verify_mutant(p2_legacy_a2 phase2-legacy ${_p2}
    ".a2 = (double)40680631.6f" ".a2 = (double)40680640.0f")
endif()

string(REPLACE ";" "," _mut_list "${_mut_list}")
tdre_check_test(test_verify_mutants SOURCES test_verify_mutants.c LIBS tdre_testutil LABELS verify)
target_compile_definitions(test_verify_mutants PRIVATE
  TDRE_VERIFY_MUTANTS="${_mut_list}" TDRE_VERIFY_MUTANT_DIR="${_mut_dir}")
add_dependencies(test_verify_mutants tdre-verify tdre-gen ${_mut_targets})
