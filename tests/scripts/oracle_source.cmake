# oracle_source.cmake: -DTDRE_ORACLE_SOURCE=PATH takes a whole
# distributed Fortran file (a PROGRAM unit, IGRF11SYN with F90 INTENT lines,
# further subprograms) unedited, and the oracle built from it answers like
# the default one, bit for bit (the same %.17g text) on the committed vectors.
#
#   cmake -DSRC=<source dir> -DBIN=<build dir> -DWORK=<scratch dir> -P tests/scripts/oracle_source.cmake
foreach(v SRC BIN WORK)
  if(NOT DEFINED ${v})
    message(FATAL_ERROR "oracle_source_test: -D${v}= is required")
  endif()
endforeach()
file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK})

# A file laid out like a distributed program: main program first, the
# subroutine (with INTENT declarations) in the middle, a function after it.
file(READ ${SRC}/reference_f/igrf11.f sub)
string(REPLACE "      IMPLICIT DOUBLE PRECISION (A-H,O-Z)\n"
"      IMPLICIT DOUBLE PRECISION (A-H,O-Z)
      integer, intent(in) :: isv, itype
      double precision, intent(in) :: date, alt, colat, elong
      double precision, intent(out) :: x, y, z, f
" sub "${sub}")
if(NOT sub MATCHES "intent\\(out\\)")
  message(FATAL_ERROR "oracle_source_test: could not insert INTENT lines")
endif()
file(WRITE ${WORK}/whole.f
"C     A whole program in the shape of the distributed file.
      PROGRAM IGRF11
      IMPLICIT DOUBLE PRECISION (A-H,O-Z)
      WRITE (6,*) 'Enter date'
      READ (5,*) DATE
      CALL IGRF11SYN (0,DATE,1,0.0D0,45.0D0,0.0D0,X,Y,Z,F)
      WRITE (6,*) X, Y, Z, DMDDEC(1,30,0.0)
      END
${sub}
C     A helper after the subroutine, as the distribution has.
      FUNCTION DMDDEC (I,M,X)
      DOUBLE PRECISION DMDDEC
      REAL X
      DMDDEC = I + M/60.0 + X/3600.0
      END
")

execute_process(COMMAND ${CMAKE_COMMAND} -S ${SRC} -B ${WORK}/build
                        -DTDRE_ORACLE_SOURCE=${WORK}/whole.f
                RESULT_VARIABLE rc OUTPUT_QUIET ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "configure with TDRE_ORACLE_SOURCE failed:\n${err}")
endif()
execute_process(COMMAND ${CMAKE_COMMAND} --build ${WORK}/build --target tdre-eval -j2
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "build with TDRE_ORACLE_SOURCE failed:\n${out}\n${err}")
endif()
file(READ ${WORK}/build/reference_f/igrf11syn.f extracted)
if(extracted MATCHES "PROGRAM IGRF11" OR extracted MATCHES "DMDDEC")
  message(FATAL_ERROR "extraction took more than SUBROUTINE IGRF11SYN")
endif()
foreach(which default user)
  if(which STREQUAL "default")
    set(eval ${BIN}/bin/tdre-eval)
  else()
    set(eval ${WORK}/build/bin/tdre-eval)
  endif()
  execute_process(COMMAND ${eval} --impl oracle ${SRC}/vectors/igrf11-original.csv
                  OUTPUT_FILE ${WORK}/${which}.csv RESULT_VARIABLE rc ERROR_QUIET)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${eval} failed (${rc})")
  endif()
endforeach()
file(SHA256 ${WORK}/default.csv h1)
file(SHA256 ${WORK}/user.csv h2)
if(NOT h1 STREQUAL h2)
  message(FATAL_ERROR "the oracle built from a whole distributed file answers differently")
endif()
message(STATUS "oracle from a whole distributed file: identical on the committed vectors")
