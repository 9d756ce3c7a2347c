/*
 * test_quirks_common.c: see test_quirks_common.h.
 */
#include "test_quirks_common.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "phase1.h"
#include "tu_check.h"

const qc_committed *qc_committed_load(void)
{
    static qc_committed c;
    char path[4096];
    const char *src = tu_env_dir("TDRE_SOURCE_DIR");
    if (c.n > 0)
        return &c;
    if (!src) {
        fprintf(stderr, "TDRE_SOURCE_DIR must be set (run through ctest)\n");
        exit(1);
    }
    tu_path(path, sizeof path, src, "vectors/igrf11-original.csv");
    c.n = tu_read_results(path, &c.vec, &c.res);
    if (c.n <= 0) {
        fprintf(stderr, "%s: no vectors read\n", path);
        exit(1);
    }
    return &c;
}

void qc_model(unsigned clean, const tdre_vector *v, tdre_result *r)
{
    qm_igrf11syn(clean, v->isv, v->date, v->itype, v->alt, v->colat, v->elong,
                 &r->x, &r->y, &r->z, &r->f);
}

void qc_phase1(const tdre_vector *v, tdre_result *r)
{
    static FILE *sink;
    if (!sink) {
        sink = fopen("/dev/null", "w");
        tdre_phase1_messages = sink;
    }
    tdre_phase1_igrf11syn(v->isv, v->date, v->itype, v->alt, v->colat, v->elong,
                          &r->x, &r->y, &r->z, &r->f);
}

static double component_distance(double a, double b)
{
    if (tu_same_bits(a, b))
        return 0.0;
    if (!isfinite(a) || !isfinite(b))
        return INFINITY;
    return fabs(a - b);
}

double qc_distance(const tdre_result *a, const tdre_result *b)
{
    double d = component_distance(a->x, b->x);
    d = fmax(d, component_distance(a->y, b->y));
    d = fmax(d, component_distance(a->z, b->z));
    return fmax(d, component_distance(a->f, b->f));
}

/* splitmix64: a stateless hash, so vector i never depends on the others. */
static uint64_t mix(uint64_t z)
{
    z += 0x9e3779b97f4a7c15u;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}

double qc_uniform(unsigned long i, unsigned salt)
{
    return (double)(mix(mix((uint64_t)i) ^ salt) >> 11) * 0x1p-53;
}

void qc_generated(unsigned long i, tdre_vector *v)
{
    v->isv = qc_uniform(i, 1) < 0.5 ? 0 : 1;
    v->date = 1900.0 + 120.0 * qc_uniform(i, 2);
    v->itype = qc_uniform(i, 3) < 0.5 ? 1 : 2;
    /* log-uniform radius (heights from -10 km for ITYPE 1), so that points
     * near the Earth, where most use is, are many */
    double low = v->itype == 2 ? 3485.0 : 6361.2;
    double radius = low * exp(log(42000.0 / low) * qc_uniform(i, 4));
    v->alt = v->itype == 2 ? radius : radius - 6371.2;
    v->colat = 180.0 * qc_uniform(i, 5);
    v->elong = -180.0 + 540.0 * qc_uniform(i, 6);
}

int qc_run_suite(const char *name, const TTest *const tests[], const TTest *loop,
                 int loop_count)
{
    Suite *s = suite_create(name);
    TCase *tc = tcase_create(name);
    tcase_set_timeout(tc, 600);
    for (int i = 0; tests[i]; i++)
        tcase_add_test(tc, tests[i]);
    if (loop)
        tcase_add_loop_test(tc, loop, 0, loop_count);
    suite_add_tcase(s, tc);
    return tu_check_run(s);
}
