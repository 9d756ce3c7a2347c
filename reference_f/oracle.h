/*
 * oracle.h: the legacy Fortran IGRF11SYN, compiled as tdre's oracle.
 *
 * The subroutine is called as the legacy program calls it; units and
 * arguments as in ../shared/spec/legacy-igrf11.md. It writes its messages
 * on Fortran unit 6, that is file descriptor 1: a tool whose standard output
 * carries data diverts descriptor 1 first (tools/common/capture.h).
 */
#ifndef TDRE_ORACLE_H
#define TDRE_ORACLE_H

void tdre_oracle_igrf11syn(int isv, double date, int itype, double alt,
                           double colat, double elong,
                           double *x, double *y, double *z, double *f);

/* Empties the Fortran runtime's buffer for unit 6. */
void tdre_oracle_flush(void);

#endif
