# The bad-input corpus (issue 9): tests/badinput/<tool>.tsv lists each case
# with its input, expected exit status and messages; test_badinput_<tool>
# runs them, one Check test per case. A tool not built yet is skipped.
foreach(tool eval gen verify geomag)
  if(EXISTS ${CMAKE_CURRENT_LIST_DIR}/badinput/${tool}.tsv)
    tdre_check_test(test_badinput_${tool} SOURCES test_badinput.c
      LIBS tdre_testutil LABELS badinput)
    target_compile_definitions(test_badinput_${tool} PRIVATE
      TDRE_BADINPUT_TOOL="${tool}")
    if(TARGET tdre-${tool})
      add_dependencies(test_badinput_${tool} tdre-${tool})
    endif()
  endif()
endforeach()

# A run killed mid-way leaves nothing at its -o path.
tdre_check_test(test_badinput_atomic SOURCES test_badinput_atomic.c
  LIBS tdre_testutil LABELS badinput)
foreach(t tdre-eval tdre-gen)
  if(TARGET ${t})
    add_dependencies(test_badinput_atomic ${t})
  endif()
endforeach()
