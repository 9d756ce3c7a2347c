/*
 * test_quirks_common.h: what the quirks suites share (docs/quirks.md):
 * the committed vectors, the implementations compared, a distance.
 */
#ifndef TDRE_TEST_QUIRKS_COMMON_H
#define TDRE_TEST_QUIRKS_COMMON_H

#include <check.h>

#include "quirks_model.h"
#include "testutil.h"

/* Committed rows of vectors/igrf11-original.csv; row i is file line i + 2. */
typedef struct {
    long n;
    tdre_vector *vec;
    tdre_result *res;   /* outputs of the original igrf11.f */
} qc_committed;

/* Loads the committed vectors (exits 1 with a message when impossible). */
const qc_committed *qc_committed_load(void);

/* The model with the traits in clean replaced, on one vector. */
void qc_model(unsigned clean, const tdre_vector *v, tdre_result *r);

/* Phase 1 (its legacy messages dropped) on one vector. */
void qc_phase1(const tdre_vector *v, tdre_result *r);

/*
 * Largest |a - b| over x, y, z, f: 0 when all four have the same bits,
 * INFINITY when one side is not finite and the other is (or differs).
 */
double qc_distance(const tdre_result *a, const tdre_result *b);

/* Vector number i (0, 1, ...) of a fixed pseudo-random set over the whole
 * domain: dates 1900..2020, both ITYPEs and ISVs, radii 3485..42000 km. */
void qc_generated(unsigned long i, tdre_vector *v);

/* A uniform double in [0, 1) from the 64-bit hash of (i, salt). */
double qc_uniform(unsigned long i, unsigned salt);

/* Runs the tests (NULL-terminated), and the loop test for _i in
 * 0..loop_count-1 when loop is not NULL, as one Check suite; the exit status. */
int qc_run_suite(const char *name, const TTest *const tests[], const TTest *loop,
                 int loop_count);

#endif
