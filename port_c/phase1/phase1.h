/*
 * phase1.h: tdre phase 1, the literal C port of the legacy IGRF11SYN.
 *
 * Same arguments, units and results as the Fortran oracle (reference_f/),
 * bit for bit: see ../shared/spec/legacy-igrf11.md and docs/quirks.md.
 * The messages the Fortran writes on unit 6 go to tdre_phase1_messages,
 * standard error when it is NULL (the default). Like unit 6, that stream is
 * shared by the whole process.
 */
#ifndef TDRE_PHASE1_H
#define TDRE_PHASE1_H

#include <stdio.h>

extern FILE *tdre_phase1_messages;

void tdre_phase1_igrf11syn(int isv, double date, int itype, double alt,
                           double colat, double elong,
                           double *x, double *y, double *z, double *f);

#endif
