/*
 * phase1.h: tdre phase 1, the literal C port of the legacy IGRF11SYN.
 *
 * Same arguments, units and results as the Fortran oracle (reference_f/),
 * bit for bit: see ../shared/spec/legacy-igrf11.md and docs/quirks.md.
 * The out-of-range message goes to standard error instead of unit 6.
 */
#ifndef TDRE_PHASE1_H
#define TDRE_PHASE1_H

void tdre_phase1_igrf11syn(int isv, double date, int itype, double alt,
                           double colat, double elong,
                           double *x, double *y, double *z, double *f);

#endif
