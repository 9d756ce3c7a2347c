/*
 * test_phase2_errors.c: phase 2's error and contract paths: out of memory
 * and threads that cannot start (by fault injection: this test is linked
 * with -Wl,--wrap for malloc, calloc, realloc and pthread_create), null
 * arguments, bad options, the coefficient readers' malformed inputs given
 * from memory, one-epoch models (WMM-like) with and without SV, models
 * without the legacy layout, H = 0 and geomag70's declination wrap.
 */
#include <check.h>
#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "coeffio.h"
#include "test_phase2_common.h"

/* ---- fault injection ---------------------------------------------------- */

/* Allocations left before one fails (then back to -1: never). */
static atomic_int alloc_fail_after = -1;
static atomic_int thread_fail = 0;

static int alloc_fails_now(void)
{
    int left = atomic_load(&alloc_fail_after);
    while (left >= 0) {
        int next = left == 0 ? -1 : left - 1;
        if (atomic_compare_exchange_weak(&alloc_fail_after, &left, next))
            return left == 0;
    }
    return 0;
}

void *__real_malloc(size_t n);
void *__real_calloc(size_t k, size_t n);
void *__real_realloc(void *p, size_t n);
int __real_pthread_create(pthread_t *t, const pthread_attr_t *a, void *(*f)(void *), void *arg);

void *__wrap_malloc(size_t n)
{
    return alloc_fails_now() ? NULL : __real_malloc(n);
}

void *__wrap_calloc(size_t k, size_t n)
{
    return alloc_fails_now() ? NULL : __real_calloc(k, n);
}

void *__wrap_realloc(void *p, size_t n)
{
    return alloc_fails_now() ? NULL : __real_realloc(p, n);
}

int __wrap_pthread_create(pthread_t *t, const pthread_attr_t *a, void *(*f)(void *),
                          void *arg)
{
    return atomic_load(&thread_fail) ? EAGAIN : __real_pthread_create(t, a, f, arg);
}

/* ---- helpers -------------------------------------------------------------- */

static tdre_coeffs *coeffs_buf(void)
{
    tdre_coeffs *c = malloc(sizeof *c);
    ck_assert_ptr_nonnull(c);
    return c;
}

/* A text written to a temporary file (for tdre_model_load). */
static void write_temp(char *path, size_t len, const char *suffix, const char *text)
{
    snprintf(path, len, "/tmp/tdre-p2err-%ld%s", (long)getpid(), suffix);
    FILE *f = fopen(path, "w");
    ck_assert_ptr_nonnull(f);
    fputs(text, f);
    ck_assert_int_eq(fclose(f), 0);
}

static tdre_model *load_text(const char *text, int profile, int *rc, char *err, size_t len)
{
    char path[256];
    tdre_model *m = NULL;
    write_temp(path, sizeof path, ".COF", text);
    *rc = tdre_model_load(path, TDRE_FORMAT_AUTO, profile, &m, err, len);
    unlink(path);
    return m;
}

static void points(tdre_point *p, size_t n, double date)
{
    unsigned long long seed = 5;
    for (size_t k = 0; k < n; k++) {
        p[k].date = date + 10.0 * p2_uniform(&seed);
        p[k].coord = TDRE_GEODETIC;
        p[k].alt = 100.0 * p2_uniform(&seed);
        p[k].colat = 180.0 * p2_uniform(&seed);
        p[k].elong = 360.0 * p2_uniform(&seed);
    }
}

/* ---- out of memory, threads ---------------------------------------------- */

START_TEST(out_of_memory)
{
    char err[256];
    tdre_model *m = NULL;
    atomic_store(&alloc_fail_after, 0);
    ck_assert_int_eq(tdre_model_builtin("igrf12", TDRE_PROFILE_EXACT, &m, err, sizeof err),
                     TDRE_ENOMEM);
    ck_assert_ptr_null(m);
    ck_assert_str_eq(err, "IGRF12: out of memory");

    const char *file = p2_shared_path("data/coeffs/IGRF12.COF");   /* 138 KiB */
    /* In turn: the coefficient struct, the reader's buffer, its two growths,
     * the model. */
    const char *says[5] = {"IGRF12.COF: out of memory", "IGRF12.COF:0: out of memory",
                           "IGRF12.COF:0: out of memory", "IGRF12.COF:0: out of memory",
                           "IGRF12: out of memory"};
    for (int k = 0; k < 5; k++) {
        atomic_store(&alloc_fail_after, k);
        ck_assert_int_eq(tdre_model_load(file, TDRE_FORMAT_AUTO, TDRE_PROFILE_EXACT, &m, err,
                                         sizeof err), TDRE_ENOMEM);
        ck_assert_ptr_null(m);
        ck_assert_msg(strstr(err, says[k]) != NULL, "allocation %d: %s", k, err);
    }
    atomic_store(&alloc_fail_after, -1);
    ck_assert_int_eq(tdre_model_load(file, TDRE_FORMAT_AUTO, TDRE_PROFILE_EXACT, &m, err,
                                     sizeof err), TDRE_OK);

    /* A batch whose thread gets no coefficient block: every row fails with
     * ENOMEM and NaN, none is computed with garbage. */
    enum { N = 3000 };
    tdre_point *pts = malloc(N * sizeof *pts);
    tdre_field *out = malloc(N * sizeof *out);
    int *status = malloc(N * sizeof *status);
    points(pts, N, 1990.0);
    tdre_batch_options one = {1, 0};
    atomic_store(&alloc_fail_after, 0);
    ck_assert_int_eq(tdre_model_eval_batch(m, N, pts, out, status, &one, err, sizeof err),
                     TDRE_ENOMEM);
    atomic_store(&alloc_fail_after, -1);
    ck_assert_str_eq(err, "point 0: out of memory");
    for (int k = 0; k < N; k++) {
        ck_assert_int_eq(status[k], TDRE_ENOMEM);
        ck_assert(isnan(out[k].x) && isnan(out[k].f) && isnan(out[k].dd));
        ck_assert_str_eq(tdre_field_status(&out[k]), "invalid-input");
    }
    free(pts);
    free(out);
    free(status);
    tdre_model_free(m);
}
END_TEST

/* Threads that cannot be started, more threads than allowed, one per
 * processor: the calling thread does what is left; every row is the
 * per-point call's, to the bit. */
START_TEST(thread_counts)
{
    enum { N = 5000 };
    tdre_model *m = p2_open("igrf13", TDRE_PROFILE_EXACT);
    tdre_point *pts = malloc(N * sizeof *pts);
    tdre_field *want = malloc(N * sizeof *want), *got = malloc(N * sizeof *got);
    points(pts, N, 1950.0);
    for (int k = 0; k < N; k++)
        ck_assert_int_eq(tdre_model_eval(m, pts[k].date, pts[k].coord, pts[k].alt,
                                         pts[k].colat, pts[k].elong, &want[k], NULL, 0),
                         TDRE_OK);
    const int counts[] = {2, -1, 1000};
    for (int c = 0; c < 3; c++)
        for (int fail = 0; fail <= 1; fail++) {
            tdre_batch_options opt = {counts[c], 0};
            memset(got, 0, N * sizeof *got);
            atomic_store(&thread_fail, fail);
            int rc = tdre_model_eval_batch(m, N, pts, got, NULL, &opt, NULL, 0);
            atomic_store(&thread_fail, 0);
            ck_assert_int_eq(rc, TDRE_OK);
            for (int k = 0; k < N; k++)
                ck_assert_msg(p2_same_field(&want[k], &got[k]),
                              "nthreads %d, threads %s: point %d differs", counts[c],
                              fail ? "refused" : "started", k);
        }
    free(pts);
    free(want);
    free(got);
    tdre_model_free(m);
}
END_TEST

/* ---- contract: null arguments, bad options, names ------------------------- */

START_TEST(null_arguments_and_options)
{
    char err[256];
    tdre_model *m = p2_open("igrf11", TDRE_PROFILE_GEOMAG70), *x = NULL;
    double xyzf[4];
    tdre_field fld, sv;
    tdre_point pt = {2000.0, 0.0, 45.0, 10.0, TDRE_GEODETIC};

    ck_assert_int_eq(tdre_model_builtin(NULL, 0, &x, err, sizeof err), TDRE_EINVAL);
    ck_assert_str_eq(err, "tdre_model_builtin: null argument");
    ck_assert_int_eq(tdre_model_builtin("igrf11", 0, NULL, err, sizeof err), TDRE_EINVAL);
    ck_assert_int_eq(tdre_model_load(NULL, 0, 0, &x, err, sizeof err), TDRE_EINVAL);
    ck_assert_str_eq(err, "tdre_model_load: null argument");
    ck_assert_int_eq(tdre_model_load("x.cof", 0, 0, NULL, err, sizeof err), TDRE_EINVAL);
    ck_assert_int_eq(tdre_model_open(NULL, 0, &x, err, sizeof err), TDRE_EINVAL);
    ck_assert_str_eq(err, "tdre_model_load: null argument");

    ck_assert_int_eq(tdre_model_eval_xyz(NULL, 0, 2000.0, 1, 0.0, 45.0, 0.0, xyzf, err,
                                         sizeof err), TDRE_EINVAL);
    ck_assert_int_eq(tdre_model_eval_xyz(m, 0, 2000.0, 1, 0.0, 45.0, 0.0, NULL, err,
                                         sizeof err), TDRE_EINVAL);
    ck_assert_int_eq(tdre_model_eval_xyz(m, 2, 2000.0, 1, 0.0, 45.0, 0.0, xyzf, err,
                                         sizeof err), TDRE_EINVAL);
    ck_assert_str_eq(err, "tdre_model_eval_xyz: null argument or isv 2 not 0 or 1");

    ck_assert_int_eq(tdre_model_eval_batch(NULL, 1, &pt, &fld, NULL, NULL, err, sizeof err),
                     TDRE_EINVAL);
    ck_assert_str_eq(err, "tdre_model_eval_batch: null argument");
    ck_assert_int_eq(tdre_model_eval_batch(m, 1, &pt, NULL, NULL, NULL, err, sizeof err),
                     TDRE_EINVAL);
    tdre_batch_options bad_want = {1, 0x100};
    ck_assert_int_eq(tdre_model_eval_batch(m, 1, &pt, &fld, NULL, &bad_want, err, sizeof err),
                     TDRE_EINVAL);
    ck_assert_str_eq(err, "tdre_model_eval_batch: bad options (nthreads 1, want 0x100)");

    /* geomag70's SV through the legacy call shape: the SV of the whole-field
     * call, f the root of the squares. */
    ck_assert_int_eq(tdre_model_eval_xyz(m, 1, 2000.5, 1, 0.0, 45.0, 10.0, xyzf, NULL, 0),
                     TDRE_OK);
    ck_assert_int_eq(tdre_model_eval(m, 2000.5, 1, 0.0, 45.0, 10.0, &sv, NULL, 0), TDRE_OK);
    ck_assert(p2_same_bits(xyzf[0], sv.dx) && p2_same_bits(xyzf[1], sv.dy)
              && p2_same_bits(xyzf[2], sv.dz));
    ck_assert(p2_same_bits(xyzf[3], sqrt(sv.dx * sv.dx + sv.dy * sv.dy + sv.dz * sv.dz)));
    ck_assert(fabs(sv.dx) > 1.0 && fabs(sv.dx) < 200.0);

    /* A longitude that is not finite. */
    ck_assert_int_eq(tdre_model_eval(m, 2000.0, 1, 0.0, 45.0, NAN, &fld, err, sizeof err),
                     TDRE_EINVAL);
    ck_assert_str_eq(tdre_field_status(&fld), "invalid-input");
    ck_assert_ptr_nonnull(strstr(err, "elong nan"));

    /* The main field alone: the SV and its elements are NaN, not zeros. */
    tdre_batch_options main_only = {1, TDRE_WANT_MAIN};
    ck_assert_int_eq(tdre_model_eval_batch(m, 1, &pt, &fld, NULL, &main_only, NULL, 0),
                     TDRE_OK);
    ck_assert(isfinite(fld.x) && isfinite(fld.d));
    ck_assert(isnan(fld.dx) && isnan(fld.dh) && isnan(fld.dd) && isnan(fld.di));

    tdre_model *e = p2_open("igrf11", TDRE_PROFILE_EXACT);
    tdre_batch_options elements = {1, TDRE_WANT_MAIN | TDRE_WANT_ELEMENTS};
    ck_assert_int_eq(tdre_model_eval_batch(e, 1, &pt, &fld, NULL, &elements, NULL, 0),
                     TDRE_OK);
    ck_assert(isfinite(fld.d) && isfinite(fld.i) && isfinite(fld.h));
    ck_assert(isnan(fld.dx) && isnan(fld.dh) && isnan(fld.dd) && isnan(fld.di));
    tdre_model_free(e);

    /* The accessors with NULL outputs; the legacy defect query of a NULL
     * handle and of a model without the legacy layout. */
    double from = 0.0;
    tdre_model_range(m, NULL, NULL);
    tdre_model_range(m, &from, NULL);
    ck_assert_double_eq(from, 1900.0);
    ck_assert_int_eq(tdre_model_legacy_defect(NULL, 1994.9999995, 1), 0);
    ck_assert_int_ne(tdre_model_legacy_defect(m, 1994.9999995, 1), 0);
    tdre_model_free(m);
}
END_TEST

START_TEST(names)
{
    ck_assert_str_eq(tdre_strerror(TDRE_OK), "ok");
    ck_assert_str_eq(tdre_strerror(TDRE_EIO), "I/O error");
    ck_assert_str_eq(tdre_strerror(TDRE_EFORMAT), "malformed file");
    ck_assert_str_eq(tdre_strerror(TDRE_EDOMAIN), "argument outside the model's domain");
    ck_assert_str_eq(tdre_strerror(TDRE_EINVAL), "invalid argument");
    ck_assert_str_eq(tdre_strerror(TDRE_ENOMEM), "out of memory");
    ck_assert_str_eq(tdre_strerror(-1), "unknown error");
    ck_assert_str_eq(tdre_strerror(6), "unknown error");
    ck_assert_int_eq(tdre_profile_from_name(NULL), -1);
    ck_assert_int_eq(tdre_profile_from_name("GeoMag70"), TDRE_PROFILE_GEOMAG70);
    ck_assert_int_eq(tdre_profile_from_name("exactly"), -1);
    ck_assert_ptr_null(tdre_profile_name(3));
    ck_assert_ptr_null(tdre_profile_name(-1));
    ck_assert_int_eq(tdre_coeffs_format_from_name(NULL), -1);
    ck_assert_int_eq(tdre_coeffs_format_from_name("shc"), TDRE_COEFFS_SHC);
    ck_assert_int_eq(tdre_coeffs_format_from_name("SHC"), -1);
    ck_assert_str_eq(tdre_coeffs_format_name(TDRE_COEFFS_COF), "cof");
    ck_assert_str_eq(tdre_coeffs_format_name(-1), "?");
    ck_assert_str_eq(tdre_coeffs_format_name(4), "?");
}
END_TEST

/* ---- models of unusual shape ---------------------------------------------- */

/* A reversed axial dipole (X < 0 everywhere) with a small h(1,1) whose SV
 * changes its sign within a year: D goes across +-180 degrees. */
static const char reversed_cof[] =
    "    REV  2000.0 1 1 0 2000.0 2005.0 -1.0 600.0\n"
    "1 0 30000.0 0.0 0.0 0.0\n"
    "1 1 0.0 1.0 0.0 -2.0\n";

START_TEST(geomag70_declination_wrap)
{
    char err[256];
    int rc;
    tdre_model *m = load_text(reversed_cof, TDRE_PROFILE_GEOMAG70, &rc, err, sizeof err);
    ck_assert_msg(rc == TDRE_OK, "%s", err);
    /* At the equator, radius a: X = -30000, Y = -+h(1,1) (+- with the
     * longitude), so D is near +-180 degrees and a year later near its
     * opposite. The change is the difference wrapped by 360 degrees
     * (geomag70's degrees, 180/3.141592654, do not cancel in it), a few
     * thousandths of a degree, not almost a full turn. */
    const double r2d = 180.0 / 3.141592654;
    const double elong[2] = {0.0, 180.0}, y0[2] = {-1.0, 1.0}, wrap[2] = {-360.0, 360.0};
    for (int k = 0; k < 2; k++) {
        tdre_field f;
        ck_assert_int_eq(tdre_model_eval(m, 2000.0, TDRE_GEOCENTRIC, 6371.2, 90.0, elong[k],
                                         &f, err, sizeof err), TDRE_OK);
        ck_assert(fabs(f.x + 30000.0) < 1e-6);
        ck_assert(fabs(f.y - y0[k]) < 1e-9);
        double want = atan2(-y0[k], -30000.0) * r2d - atan2(y0[k], -30000.0) * r2d + wrap[k];
        ck_assert(fabs(want) < 0.004);
        ck_assert_msg(fabs(f.dd - want) < 1e-9, "elong %g: dd %.17g, expected %.17g",
                      elong[k], f.dd, want);
    }
    tdre_model_free(m);
}
END_TEST

/* The same model at the pole, exact profile: X = Y = 0 exactly, so H = 0
 * and D, dH, dD are undefined (NaN), I is 90 degrees. */
START_TEST(zero_horizontal_field)
{
    char err[256];
    int rc;
    static const char axial_cof[] =
        "    AX  2000.0 1 1 0 1999.5 2005.0\n"
        "1 0 -30000.0 0.0 20.0 0.0\n"
        "1 1 0.0 0.0 0.0 0.0\n";
    tdre_model *m = load_text(axial_cof, TDRE_PROFILE_EXACT, &rc, err, sizeof err);
    ck_assert_msg(rc == TDRE_OK, "%s", err);
    double from, to;
    tdre_model_range(m, &from, &to);
    ck_assert_double_eq(from, 1999.5);     /* one epoch with SV: the header's range */
    ck_assert_double_eq(to, 2005.0);
    tdre_field f;
    ck_assert_int_eq(tdre_model_eval(m, 2001.0, TDRE_GEOCENTRIC, 6371.2, 0.0, 0.0, &f, err,
                                     sizeof err), TDRE_OK);
    ck_assert(f.x == 0.0 && f.y == 0.0 && f.h == 0.0);
    ck_assert(isnan(f.d) && isnan(f.dh) && isnan(f.dd));
    ck_assert(fabs(f.z - 2.0 * 29980.0) < 1e-6);    /* Z = -2 g10 at the north pole */
    ck_assert(fabs(f.dz + 2.0 * 20.0) < 1e-9);
    ck_assert_double_eq(f.i, 90.0);
    ck_assert_int_eq(tdre_model_legacy_defect(m, 2001.0, 1), 0);
    tdre_model_free(m);
}
END_TEST

/* One epoch without SV: defined at the epoch only, where its SV is 0. */
START_TEST(one_epoch_without_sv)
{
    char err[256];
    int rc;
    static const char cof[] =
        "    NOSV  2000.0 1 0 0 1999.5 2005.0\n"
        "1 0 -30000.0 0.0 0.0 0.0\n"
        "1 1 -2000.0 5000.0 0.0 0.0\n";
    tdre_model *m = load_text(cof, TDRE_PROFILE_EXACT, &rc, err, sizeof err);
    ck_assert_msg(rc == TDRE_OK, "%s", err);
    double from, to;
    tdre_model_range(m, &from, &to);
    ck_assert_double_eq(from, 2000.0);
    ck_assert_double_eq(to, 2000.0);
    tdre_field f;
    ck_assert_int_eq(tdre_model_eval(m, 2000.0, TDRE_GEOCENTRIC, 6371.2, 90.0, 90.0, &f, err,
                                     sizeof err), TDRE_OK);
    ck_assert(fabs(f.x - 30000.0) < 1e-6);       /* X = -g10 at the equator */
    ck_assert(fabs(f.z + 10000.0) < 1e-6);       /* Z = -2 (g11 cos + h11 sin) */
    ck_assert_double_eq(f.dx, 0.0);
    ck_assert_int_eq(tdre_model_eval(m, 2000.001, TDRE_GEOCENTRIC, 6371.2, 90.0, 90.0, &f, err,
                                     sizeof err), TDRE_EDOMAIN);
    tdre_model_free(m);
    m = load_text(cof, TDRE_PROFILE_LEGACY, &rc, err, sizeof err);
    ck_assert_int_eq(rc, TDRE_EINVAL);
    ck_assert_ptr_null(m);
    ck_assert_ptr_nonnull(strstr(err, "needs the igrf11.f layout"));
}
END_TEST

/* An SHC text of ne epochs from e0, every 5 years, degree nmax. */
static char *shc_text(double e0, int ne, int nmax)
{
    size_t cap = 200000, len = 0;
    char *t = malloc(cap);
    len += (size_t)snprintf(t + len, cap - len, "1 %d %d\n", nmax, ne);
    for (int e = 0; e < ne; e++)
        len += (size_t)snprintf(t + len, cap - len, " %.1f", e0 + 5.0 * e);
    len += (size_t)snprintf(t + len, cap - len, "\n");
    for (int n = 1; n <= nmax; n++)
        for (int m = 0; m <= n; m++)
            for (int gh = 0; gh < (m ? 2 : 1); gh++) {
                len += (size_t)snprintf(t + len, cap - len, "%d %d", n, m);
                for (int e = 0; e < ne; e++)
                    len += (size_t)snprintf(t + len, cap - len, " %.1f",
                                            n == 1 && m == 0 ? -30000.0 + e : 1.0);
                len += (size_t)snprintf(t + len, cap - len, "\n");
            }
    return t;
}

/* The legacy profile needs 5-year epochs from 1900 and degree 10 before
 * 1995; models that have not are refused, with the reason. */
START_TEST(legacy_layout_refused)
{
    const struct { double e0; int nmax; } shapes[] = {{1905.0, 10}, {1900.0, 13}};
    for (int k = 0; k < 2; k++) {
        char *t = shc_text(shapes[k].e0, 23, shapes[k].nmax), path[256], err[256];
        write_temp(path, sizeof path, ".SHC", t);
        free(t);
        tdre_model *m = NULL;
        ck_assert_int_eq(tdre_model_load(path, TDRE_FORMAT_SHC, TDRE_PROFILE_LEGACY, &m, err,
                                         sizeof err), TDRE_EINVAL);
        ck_assert_ptr_null(m);
        ck_assert_ptr_nonnull(strstr(err, "needs the igrf11.f layout"));
        ck_assert_int_eq(tdre_model_load(path, TDRE_FORMAT_SHC, TDRE_PROFILE_EXACT, &m, err,
                                         sizeof err), TDRE_OK);
        ck_assert_int_eq(tdre_model_legacy_defect(m, 1994.9999995, 1), 0);
        tdre_model_free(m);
        unlink(path);
    }
}
END_TEST

/* IGRF11.SHC has no SV column: the legacy profile recovers it from the
 * predicted last epoch, and gets the built-in table's bits. */
START_TEST(legacy_from_shc_without_sv)
{
    tdre_model *b = p2_open("igrf11", TDRE_PROFILE_LEGACY);
    tdre_model *s = p2_open(p2_shared_path("data/coeffs/IGRF11.SHC"), TDRE_PROFILE_LEGACY);
    unsigned long long seed = 11;
    for (int k = 0; k < 2000; k++) {
        double date = 1900.0 + 120.0 * p2_uniform(&seed);
        double colat = 180.0 * p2_uniform(&seed), elong = 360.0 * p2_uniform(&seed);
        tdre_field fb, fs;
        int rb = tdre_model_eval(b, date, TDRE_GEODETIC, 0.0, colat, elong, &fb, NULL, 0);
        int rs = tdre_model_eval(s, date, TDRE_GEODETIC, 0.0, colat, elong, &fs, NULL, 0);
        ck_assert_int_eq(rb, rs);
        ck_assert_msg(p2_same_field(&fb, &fs), "date %.17g differs", date);
    }
    tdre_model_free(b);
    tdre_model_free(s);
}
END_TEST

/* ---- the readers' malformed inputs (from memory) ------------------------- */

#define NOAA_HEAD "g/h n m 2000.0 2005.0 2005-10\n"
#define NOAA_ROWS "g 1 0 -29000 -29500 10\ng 1 1 -1700 -1600 9\nh 1 1 5000 5100 -20\n"
#define SHC_HEAD "1 1 2\n 2000.0 2005.0\n"
#define SHC_ROWS "1 0 -29000 -29500\n1 1 -1700 -1600\n1 1 5000 5100\n"
#define COF_HEAD "    M  2000.0 1 1 0 2000.0 2005.0\n"

static const struct {
    int format;
    const char *text;
    int code;
    const char *says;   /* the whole message after "t:" */
} texts[] = {
    /* numbers */
    {TDRE_COEFFS_NOAA, NOAA_HEAD "g 1 0 -2.9e+4 -29500 10\ng 1 1 -1700 -1600 9\n"
                       "h 1 1 5000 5100 1e\n", TDRE_EFORMAT,
     "4: field 6 (SV) is not a number: '1e'"},
    {TDRE_COEFFS_NOAA, NOAA_HEAD "g 1 0 -29000 1e999 10\n", TDRE_EFORMAT,
     "2: field 5 (coefficient) is not a number: '1e999'"},
    {TDRE_COEFFS_NOAA, NOAA_HEAD "g +1 0 -29000 -29500 10\ng 1 1234567 1 1 1\n", TDRE_EFORMAT,
     "3: order m=99999 is outside 0..n (n=1)"},
    {TDRE_COEFFS_NOAA, NOAA_HEAD "g 1 -1 -29000 -29500 10\n", TDRE_EFORMAT,
     "2: order m=-1 is outside 0..n (n=1)"},
    {TDRE_COEFFS_NOAA, NOAA_HEAD "g -1 0 -29000 -29500 10\n", TDRE_EFORMAT,
     "2: degree n=-1 is below 1"},
    {TDRE_COEFFS_NOAA, NOAA_HEAD "g 1 x -29000 -29500 10\n", TDRE_EFORMAT,
     "2: field 3 (order m) is not an integer: 'x'"},
    /* NOAA heading and SV span */
    {TDRE_COEFFS_NOAA, "g/h n m\n", TDRE_EFORMAT,
     "1: heading must read 'g/h n m epoch... [SV span]'"},
    {TDRE_COEFFS_NOAA, "g/h x m 2000\n", TDRE_EFORMAT,
     "1: heading must read 'g/h n m epoch... [SV span]'"},
    {TDRE_COEFFS_NOAA, "g/h n x 2000\n", TDRE_EFORMAT,
     "1: heading must read 'g/h n m epoch... [SV span]'"},
    {TDRE_COEFFS_NOAA, "g/h n m 2000-05\n", TDRE_EFORMAT,
     "1: 0 epochs in the heading; 1..40 supported"},
    {TDRE_COEFFS_NOAA, "g/h n m 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24"
                       " 25 26 27 28 29 30 31 32 33 34 35 36 37 38 39 40 41\n", TDRE_EFORMAT,
     "1: 41 epochs in the heading; 1..40 supported"},
    {TDRE_COEFFS_NOAA, "g/h n m 2000 2005 2005-x5\n", TDRE_EFORMAT,
     "1: SV column heading '2005-x5' is not like 2010-15"},
    {TDRE_COEFFS_NOAA, "g/h n m 2000 2005 2005--5\n", TDRE_EFORMAT,
     "1: SV column heading '2005--5' is not like 2010-15"},
    {TDRE_COEFFS_NOAA, "g/h n m 2000 2005 2005-010\n", TDRE_EFORMAT,
     "1: SV column heading '2005-010' is not like 2010-15"},
    {TDRE_COEFFS_NOAA, "g/h n m 2000 2005 20x5-10\n", TDRE_EFORMAT,
     "1: SV column heading '20x5-10' is not like 2010-15"},
    {TDRE_COEFFS_NOAA, "g/h n m 2000 2005 2000-05\n", TDRE_EFORMAT,
     "1: SV column '2000-05' does not start at the last epoch 2005"},
    {TDRE_COEFFS_NOAA, "g/h n m 2000 2005 2005-2001\n", TDRE_EFORMAT,
     "1: SV column '2005-2001' ends before it starts"},
    {TDRE_COEFFS_NOAA, "g/h n m 2000 2005\ng 1 0 -29000\n", TDRE_EFORMAT,
     "2: ragged row: 4 fields, expected 5 (g/h, n, m, 2 epochs)"},
    {TDRE_COEFFS_NOAA, "\n\nh 1 1 5000 5100 -20\n", TDRE_EFORMAT,
     "3: coefficient row before the heading 'g/h n m epoch...'"},
    {TDRE_COEFFS_NOAA, "\n\n", TDRE_EFORMAT, "2: empty file"},
    {TDRE_COEFFS_NOAA, "", TDRE_EFORMAT, "1: empty file"},
    /* completeness, the degree of an epoch */
    {TDRE_COEFFS_NOAA, NOAA_HEAD NOAA_ROWS "h 2 1 1 1 1\n", TDRE_EFORMAT, "5: missing g(2,0)"},
    /* SHC header, epochs */
    {TDRE_COEFFS_SHC, "1 x 2\n", TDRE_EFORMAT, "1: field 2 (nmax) is not an integer: 'x'"},
    {TDRE_COEFFS_SHC, "1 1 x\n", TDRE_EFORMAT,
     "1: field 3 (number of epochs) is not an integer: 'x'"},
    {TDRE_COEFFS_SHC, "1 1 2 0 1 x 2005\n", TDRE_EFORMAT,
     "1: field 6 (header) is not a number: 'x'"},
    {TDRE_COEFFS_SHC, "2 1 2\n", TDRE_EFORMAT,
     "1: nmin=2; only models starting at degree 1 are supported"},
    {TDRE_COEFFS_SHC, "1 1 0\n", TDRE_EFORMAT, "1: 0 epochs; 1..40 supported"},
    {TDRE_COEFFS_SHC, "1 1 41\n", TDRE_EFORMAT, "1: 41 epochs; 1..40 supported"},
    {TDRE_COEFFS_SHC, "1 1 2\n2000\n", TDRE_EFORMAT, "2: 1 epochs listed, header says 2"},
    {TDRE_COEFFS_SHC, "1 1 2\n2000 x\n", TDRE_EFORMAT,
     "2: field 2 (epoch) is not a number: 'x'"},
    {TDRE_COEFFS_SHC, "1 1 2 0 1 2000 2010\n2000 2005\n", TDRE_EFORMAT,
     "2: epochs 2000..2005 differ from the header's range 2000..2010"},
    {TDRE_COEFFS_SHC, "1 1 2 0 1 1995 2005\n2000 2005\n", TDRE_EFORMAT,
     "2: epochs 2000..2005 differ from the header's range 1995..2005"},
    {TDRE_COEFFS_SHC, "", TDRE_EFORMAT, "1: empty file"},
    {TDRE_COEFFS_SHC, SHC_HEAD "1 0 -29000 -29500\n1 0 1 1\n", TDRE_EFORMAT,
     "4: repeated (n,m)=(1,0) (first on line 3)"},
    {TDRE_COEFFS_SHC, "x 1 2\n", TDRE_EFORMAT, "1: field 1 (nmin) is not an integer: 'x'"},
    /* COF */
    {TDRE_COEFFS_COF, "    M  2000.0 1 x 0 2000.0 2005.0\n", TDRE_EFORMAT,
     "1: field 4 (SV nmax) is not an integer: 'x'"},
    {TDRE_COEFFS_COF, "    M  2000.0 1 1 x 2000.0 2005.0\n", TDRE_EFORMAT,
     "1: field 5 (unused) is not an integer: 'x'"},
    {TDRE_COEFFS_COF, "", TDRE_EFORMAT, "1: empty file"},
    {TDRE_COEFFS_COF, "99999999\n", TDRE_EFORMAT, "1: no model header (not a COF file?)"},
    {TDRE_COEFFS_COF, "1 0 -29000 0 0 0\n", TDRE_EFORMAT,
     "1: coefficient row before the first model header"},
    {TDRE_COEFFS_COF, COF_HEAD "12345678\n", TDRE_EFORMAT,
     "2: ragged row: 1 fields, expected 'n m g h gdot hdot [name index]'"},
    {TDRE_COEFFS_COF, COF_HEAD ".5 0 -29000 0 0 0\n", TDRE_EFORMAT,
     "2: field 1 (degree n) is not an integer: '.5'"},
    {TDRE_COEFFS_COF, COF_HEAD "+1 0 -29000 0 0 0\n-1 1 1 1 1 1\n", TDRE_EFORMAT,
     "3: degree n=-1 is below 1"},
    {TDRE_COEFFS_COF, "    M  2000.0 x 1 0 2000.0 2005.0\n", TDRE_EFORMAT,
     "1: field 3 (nmax) is not an integer: 'x'"},
    {TDRE_COEFFS_COF, "    M  2000.0 1 14 0 2000.0 2005.0\n", TDRE_EFORMAT,
     "1: SV degree 14 is outside 0..13"},
    {TDRE_COEFFS_COF, "    M  2000.0 1 -1 0 2000.0 2005.0\n", TDRE_EFORMAT,
     "1: SV degree -1 is outside 0..13"},
    {TDRE_COEFFS_COF, COF_HEAD "1 0 -29000 0 0 5\n", TDRE_EFORMAT, "2: h(1,0) must be 0"},
    {TDRE_COEFFS_COF, "    M  2000.0 1 2 0 2000.0 2005.0\n2 0 0 1 0 0\n", TDRE_EFORMAT,
     "2: h(2,0) must be 0"},
    {TDRE_COEFFS_COF, "    M  2000.0 1 2 0 2000.0 2005.0\n2 1 0 1 0 0\n", TDRE_EFORMAT,
     "2: main-field coefficient of degree 2 above the record's nmax 1"},
    {TDRE_COEFFS_COF, "    M  2000.0 1 2 0 2000.0 2005.0\n2 1 1 0 0 0\n", TDRE_EFORMAT,
     "2: main-field coefficient of degree 2 above the record's nmax 1"},
    {TDRE_COEFFS_COF, "    M  2000.0 1 0 0 2000.0 2005.0\n1 1 0 0 0 1\n", TDRE_EFORMAT,
     "2: SV coefficient of degree 1 above the record's SV nmax 0"},
    /* detection, entry points */
    {TDRE_COEFFS_AUTO, "name x 1 1 0 2000 2005\n", TDRE_EFORMAT,
     "1: format not recognised (expected a NOAA table, SHC or COF)"},
    {TDRE_COEFFS_AUTO, "name 2000 x 1 0 2000 2005\n", TDRE_EFORMAT,
     "1: format not recognised (expected a NOAA table, SHC or COF)"},
    {TDRE_COEFFS_AUTO, "1.5 2000 1 1 0 2000 2005\n", TDRE_EFORMAT,
     "1: format not recognised (expected a NOAA table, SHC or COF)"},
    {TDRE_COEFFS_AUTO, "# only\n# comments\n", TDRE_EFORMAT, "2: empty file"},
    {7, "1 1 1\n2000\n", TDRE_EINVAL, NULL},
};

START_TEST(malformed_text)
{
    tdre_coeffs *c = coeffs_buf();
    char err[512], want[512];
    int rc = tdre_coeffs_parse("t", texts[_i].text, strlen(texts[_i].text), texts[_i].format,
                               c, err, sizeof err);
    ck_assert_msg(rc == texts[_i].code, "case %d: rc %d (%s)", _i, rc, err);
    if (texts[_i].says)
        snprintf(want, sizeof want, "t:%s", texts[_i].says);
    else
        snprintf(want, sizeof want, "t: unknown format code %d", texts[_i].format);
    ck_assert_msg(strcmp(err, want) == 0, "case %d: '%s', expected '%s'", _i, err, want);
    ck_assert_int_eq(c->nepochs, 0);    /* nothing half read is left */
    /* The same without an error buffer: the same code, nothing written. */
    ck_assert_int_eq(tdre_coeffs_parse("t", texts[_i].text, strlen(texts[_i].text),
                                       texts[_i].format, c, NULL, 0), texts[_i].code);
    free(c);
}
END_TEST

/* Values the readers accept: exponents with a sign, a leading '+', two-
 * and four-digit SV spans, a span across a century, blank lines; the
 * degree of an epoch is that of its highest nonzero coefficient. */
START_TEST(accepted_forms)
{
    tdre_coeffs *c = coeffs_buf();
    char err[256];
    static const char noaa[] =
        "\n"
        "g/h n m 1995.0 2000.0 2000-2005\n"
        "\n"
        "g 1 0 -2.95e+4 -2.9e4 +1.5e-1\n"
        "g 1 1 -1700 -1600 9\n"
        "h 1 1 5000 5100 -20\n"
        "g 2 0 0 0 0\n"
        "g 2 1 0 0 0\n"
        "h 2 1 0 3 0\n"
        "g 2 2 0 0 0\n"
        "h 2 2 0 0 0\n";
    ck_assert_int_eq(tdre_coeffs_parse("n", noaa, strlen(noaa), TDRE_COEFFS_AUTO, c, err,
                                       sizeof err), TDRE_OK);
    ck_assert_int_eq(c->nepochs, 2);
    ck_assert_double_eq(c->g[0][1][0], -29500.0);
    ck_assert_double_eq(c->sv_g[1][0], 0.15);
    ck_assert_double_eq(c->valid_to, 2005.0);
    ck_assert_int_eq(c->nmax[0], 1);
    ck_assert_int_eq(c->nmax[1], 2);
    static const char century[] = "g/h n m 2095.0 2095-05\ng 1 0 1 2\ng 1 1 1 2\nh 1 1 1 2\n";
    ck_assert_int_eq(tdre_coeffs_parse(NULL, century, strlen(century), TDRE_COEFFS_NOAA, c,
                                       err, sizeof err), TDRE_OK);
    ck_assert_double_eq(c->valid_to, 2105.0);
    ck_assert_str_eq(c->name, "(text)");
    /* A message cut by a small buffer; no text at all; no output struct. */
    ck_assert_int_eq(tdre_coeffs_parse("name", "g/h n m\n", 8, TDRE_COEFFS_NOAA, c, err, 4),
                     TDRE_EFORMAT);
    ck_assert_str_eq(err, "nam");
    ck_assert_int_eq(tdre_coeffs_parse("name", NULL, 5, TDRE_COEFFS_NOAA, c, err, sizeof err),
                     TDRE_EFORMAT);
    ck_assert_str_eq(err, "name:1: empty file");
    ck_assert_int_eq(tdre_coeffs_parse("name", noaa, 4, TDRE_COEFFS_NOAA, NULL, err,
                                       sizeof err), TDRE_EINVAL);
    strcpy(err, "untouched");
    ck_assert_int_eq(tdre_coeffs_parse("name", "g/h n m\n", 8, TDRE_COEFFS_NOAA, c, err, 0),
                     TDRE_EFORMAT);
    ck_assert_str_eq(err, "untouched");
    ck_assert_int_eq(tdre_coeffs_read(NULL, 0, c, err, sizeof err), TDRE_EINVAL);
    ck_assert_int_eq(tdre_coeffs_read("x", 0, NULL, err, sizeof err), TDRE_EINVAL);
    ck_assert_int_eq(tdre_coeffs_read("/nonexistent.COF", 0, c, NULL, 0), TDRE_EIO);
    ck_assert_int_eq(tdre_coeffs_read("/", 0, c, NULL, 0), TDRE_EIO);
    ck_assert_int_eq(tdre_coeffs_read("/", 0, c, err, sizeof err), TDRE_EIO);
    ck_assert_str_eq(err, "/:0: read error");
    free(c);
}
END_TEST

/* COF records: at most 40; a range before the first of several epochs
 * is not the model's (only a one-epoch model with SV starts before its
 * epoch, as WMM does). */
START_TEST(cof_records)
{
    static const char rec[] = "    M  %d.0 1 0 0 %d.0 %d.0\n1 0 -29000 0 0 0\n"
                              "1 1 -1700 5000 0 0\n";
    size_t cap = 41 * 128, len = 0;
    char *t = malloc(cap), err[256];
    for (int k = 0; k < 41; k++)
        len += (size_t)snprintf(t + len, cap - len, rec, 1800 + 5 * k, 1799 + 5 * k,
                                1805 + 5 * k);
    tdre_coeffs *c = coeffs_buf();
    ck_assert_int_eq(tdre_coeffs_parse("t", t, len, TDRE_COEFFS_AUTO, c, err, sizeof err),
                     TDRE_EFORMAT);
    ck_assert_str_eq(err, "t:121: more than 40 model records");
    free(c);
    static const char two[] =
        "    M  2000.0 1 0 0 1999.0 2005.0\n1 0 -29000 0 0 0\n1 1 -1700 5000 0 0\n"
        "    M  2005.0 1 1 0 2005.0 2010.0\n1 0 -28000 0 10 0\n1 1 -1600 5100 0 0\n";
    /* SV above the main field's degree: rows of zeros for the main field. */
    static const char sv_deeper[] =
        "    M  2000.0 1 2 0 2000.0 2005.0\n1 0 -29000 0 10 0\n1 1 -1700 5000 0 0\n"
        "2 0 0 0 1 0\n2 1 0 0 0 2\n2 2 0 0 3 0\n";
    c = coeffs_buf();
    ck_assert_int_eq(tdre_coeffs_parse("t", sv_deeper, strlen(sv_deeper), TDRE_COEFFS_COF, c,
                                       err, sizeof err), TDRE_OK);
    ck_assert_int_eq(c->nmax[0], 1);
    ck_assert_int_eq(c->sv_nmax, 2);
    ck_assert_double_eq(c->sv_h[2][1], 2.0);
    free(c);
    int rc;
    tdre_model *m = load_text(two, TDRE_PROFILE_EXACT, &rc, err, sizeof err);
    ck_assert_msg(rc == TDRE_OK, "%s", err);
    double from, to;
    tdre_model_range(m, &from, &to);
    ck_assert_double_eq(from, 2000.0);
    ck_assert_double_eq(to, 2010.0);
    tdre_model_free(m);
    free(t);
}
END_TEST

/* More than 64 MiB is not a coefficient file (a sparse file: no disk). */
START_TEST(file_too_large)
{
    char path[256], err[512];
    snprintf(path, sizeof path, "/tmp/tdre-p2err-big-%ld.txt", (long)getpid());
    FILE *f = fopen(path, "w");
    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(fseek(f, 64L << 20, SEEK_SET), 0);
    fputc('\n', f);
    ck_assert_int_eq(fclose(f), 0);
    tdre_coeffs *c = coeffs_buf();
    int rc = tdre_coeffs_read(path, 0, c, err, sizeof err);
    unlink(path);
    ck_assert_int_eq(rc, TDRE_EFORMAT);
    ck_assert_ptr_nonnull(strstr(err, ":0: file too large for a coefficient file"));
    free(c);
}
END_TEST

int main(void)
{
    p2_shared_or_skip();
    Suite *s = suite_create("phase2-errors");
    TCase *t = tcase_create("errors");
    tcase_set_timeout(t, 300);
    tcase_add_test(t, out_of_memory);
    tcase_add_test(t, thread_counts);
    tcase_add_test(t, null_arguments_and_options);
    tcase_add_test(t, names);
    tcase_add_test(t, geomag70_declination_wrap);
    tcase_add_test(t, zero_horizontal_field);
    tcase_add_test(t, one_epoch_without_sv);
    tcase_add_test(t, legacy_layout_refused);
    tcase_add_test(t, legacy_from_shc_without_sv);
    tcase_add_loop_test(t, malformed_text, 0, (int)(sizeof texts / sizeof texts[0]));
    tcase_add_test(t, accepted_forms);
    tcase_add_test(t, cof_records);
    tcase_add_test(t, file_too_large);
    suite_add_tcase(s, t);
    return p2_run(s);
}
