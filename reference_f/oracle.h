/*
 * oracle.h: the legacy Fortran IGRF11SYN, compiled as tdre's oracle.
 *
 * The subroutine is called as the legacy program calls it; units and
 * arguments as in ../shared/spec/legacy-igrf11.md. It writes messages on
 * Fortran unit 6 (file descriptor 1): tdre_oracle_capture_begin() diverts
 * them so they never mix with a tool's standard output.
 */
#ifndef TDRE_ORACLE_H
#define TDRE_ORACLE_H

#include <stdio.h>

void tdre_oracle_igrf11syn(int isv, double date, int itype, double alt,
                           double colat, double elong,
                           double *x, double *y, double *z, double *f);

/*
 * Diverts file descriptor 1 into a pipe whose lines are counted, and
 * returns a stream on the original standard output for the caller's own
 * output (NULL, with errno set, on failure). Call once per process.
 */
FILE *tdre_oracle_capture_begin(void);

/*
 * Flushes unit 6, stops the diversion and returns the number of message
 * lines the oracle wrote (blank lines not counted); the first such line is
 * copied to first (size firstlen) when first is not NULL.
 */
long tdre_oracle_capture_end(char *first, size_t firstlen);

#endif
