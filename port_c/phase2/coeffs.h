/*
 * coeffs.h: a spherical-harmonic model as read from a coefficient file.
 *
 * Internal to tdre (not installed). The readers in coeffio.c fill it from the
 * three formats of ../shared/spec/coefficient-formats.md; tdre-gen writes it
 * out as tables; the phase 2 library evaluates it.
 *
 * Units: g, h in nT; sv_g, sv_h in nT/yr; epochs and dates in decimal years.
 * Indexing: g[e][n][m] for epoch e, degree n (1..nmax[e]), order m (0..n);
 * h[e][n][0] is always 0. Entries beyond an epoch's degree are 0.
 */
#ifndef TDRE_COEFFS_H
#define TDRE_COEFFS_H

#define TDRE_COEFFS_NMAX    13  /* highest degree any reader accepts */
#define TDRE_COEFFS_EPOCHS  40  /* most main-field epochs in one model */
#define TDRE_COEFFS_NAMELEN 32

typedef struct tdre_coeffs {
    char   name[TDRE_COEFFS_NAMELEN];     /* e.g. "IGRF11", "WMM2015" */
    int    nepochs;                       /* main-field epochs, >= 1 */
    double epoch[TDRE_COEFFS_EPOCHS];     /* strictly increasing */
    int    nmax[TDRE_COEFFS_EPOCHS];      /* degree of each epoch */
    double g[TDRE_COEFFS_EPOCHS][TDRE_COEFFS_NMAX + 1][TDRE_COEFFS_NMAX + 1];
    double h[TDRE_COEFFS_EPOCHS][TDRE_COEFFS_NMAX + 1][TDRE_COEFFS_NMAX + 1];
    int    sv_nmax;                       /* 0: no SV (extrapolation impossible) */
    double sv_g[TDRE_COEFFS_NMAX + 1][TDRE_COEFFS_NMAX + 1];  /* SV of last epoch */
    double sv_h[TDRE_COEFFS_NMAX + 1][TDRE_COEFFS_NMAX + 1];
    double valid_from, valid_to;          /* dates the model is defined for */
} tdre_coeffs;

#endif
