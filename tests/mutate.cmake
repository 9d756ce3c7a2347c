# Mutation testing (docs/mutation.md): a seeded sample of the mutants of
# phase 1 and phase 2 must each be killed by the vectors or be a listed
# equivalent; `make mutate` runs them all.
if(NOT TARGET tdre-mutate)
  add_subdirectory(${PROJECT_SOURCE_DIR}/tools/mutate ${CMAKE_BINARY_DIR}/tools/mutate)
endif()
add_test(NAME mutate_sample
  COMMAND sh ${PROJECT_SOURCE_DIR}/tools/mutate/mutate.sh
          --env ${CMAKE_BINARY_DIR}/tools/mutate/mutate.env
          --work ${CMAKE_BINARY_DIR}/mutate-sample --sample 20 --seed 8
  WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
set_tests_properties(mutate_sample PROPERTIES LABELS mutate TIMEOUT 900)
