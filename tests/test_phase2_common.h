/*
 * test_phase2_common.h: what the phase 2 suites share: the oracle rows of
 * ../shared, the tolerances, opening models.
 */
#ifndef TDRE_TEST_PHASE2_COMMON_H
#define TDRE_TEST_PHASE2_COMMON_H

#include <check.h>
#include <stddef.h>

#include "tdre.h"

/* One row of ../shared/data/oracle/igrf11_oracle.csv. */
typedef struct p2_row {
    int isv, itype;
    double date, alt, colat, elong;
    double x, y, z, f;
} p2_row;

/* ../shared from TDRE_SHARED, or exit 77 (skipped) when it is absent. */
const char *p2_shared_or_skip(void);

/* "dir/name" in a static buffer (one at a time). */
const char *p2_shared_path(const char *name);

/* All oracle rows (malloc'd); exits 77 when the file is absent. */
p2_row *p2_oracle_rows(size_t *n);

/* A model or a failed test. */
tdre_model *p2_open(const char *name_or_path, int profile);

/* The tolerances for exact vs oracle: main field 0.02 nT + 5e-6 |B|,
 * SV 0.002 nT/yr + 5e-5 |dB| (|B|, |dB| of the oracle row). */
double p2_tolerance(const p2_row *r);

/* Largest component difference |x - r.x|, |y - r.y|, |z - r.z| of a field
 * against a row (SV components when the row is isv = 1). */
double p2_component_diff(const tdre_field *fld, const p2_row *r);

/* The legacy program's four outputs for a field: x, y, z, f for isv = 0;
 * dx, dy, dz and the root of their squares for isv = 1. */
void p2_legacy_outputs(const tdre_field *fld, int isv, double out[4]);

/* Same bits (NaNs of the same payload compare equal). */
int p2_same_bits(double a, double b);

/* Bitwise equality of every double and the flags of two fields. */
int p2_same_field(const tdre_field *a, const tdre_field *b);

/* Runs a suite (freeing it); 0 when every check passed, else 1. */
int p2_run(Suite *s);

/* Deterministic uniform numbers in [0, 1) (splitmix64), state in *s. */
double p2_uniform(unsigned long long *s);

#endif
