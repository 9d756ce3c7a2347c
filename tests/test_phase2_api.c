/*
 * test_phase2_api.c: the phase 2 API: batch against per point, threads,
 * built-in tables against the files they came from, WMM, the field
 * elements, the generalised legacy profile, and every error path.
 */
#include <check.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_phase2_common.h"

static const char *const builtin_names[] = {"igrf11", "igrf12", "igrf13", "igrf14"};

/* Random points over a model's range, with runs of one date (as a grid has),
 * poles, both coordinate systems, and some rows that must fail. */
static void random_points(const tdre_model *m, unsigned long long seed, size_t n,
                          tdre_point *pts, int with_bad)
{
    double from, to;
    tdre_model_range(m, &from, &to);
    for (size_t k = 0; k < n; k++) {
        tdre_point *p = &pts[k];
        p->date = k % 7 < 3 && k > 0 ? pts[k - 1].date : from + (to - from) * p2_uniform(&seed);
        p->coord = 1 + (int)(p2_uniform(&seed) * 2.0);
        p->alt = p->coord == TDRE_GEODETIC ? 1000.0 * p2_uniform(&seed) - 10.0
                                           : 6371.2 + 30000.0 * p2_uniform(&seed);
        p->colat = k % 53 == 0 ? 0.0 : k % 59 == 0 ? 180.0 : 180.0 * p2_uniform(&seed);
        p->elong = 360.0 * p2_uniform(&seed) - 180.0;
        if (with_bad && k % 101 == 7)
            p->date = to + 1.5;
        if (with_bad && k % 103 == 9)
            p->alt = NAN;
        if (with_bad && k % 107 == 11)
            p->coord = 3;
    }
}

/* Every profile, every built-in model: batch (1 and 2 threads) gives what
 * the per-point call gives, to the bit, failures included. */
START_TEST(batch_equals_point)
{
    enum { N = 3001 };
    tdre_point *pts = malloc(N * sizeof *pts);
    tdre_field *one = malloc(N * sizeof *one), *batch = malloc(N * sizeof *batch);
    int *status = malloc(N * sizeof *status);
    for (int profile = 0; profile <= TDRE_PROFILE_GEOMAG70; profile++)
        for (size_t b = 0; b < 4; b++) {
            tdre_model *m = p2_open(builtin_names[b], profile);
            int first_bad = -1, first_code = 0;
            random_points(m, 77 + b, N, pts, 1);
            for (int k = 0; k < N; k++) {
                int rc = tdre_model_eval(m, pts[k].date, pts[k].coord, pts[k].alt,
                                         pts[k].colat, pts[k].elong, &one[k], NULL, 0);
                if (rc && first_bad < 0) {
                    first_bad = k;
                    first_code = rc;
                }
            }
            ck_assert_int_ge(first_bad, 0);
            for (int threads = 1; threads <= 2; threads++) {
                tdre_batch_options opt = {threads, 0};
                char err[256], want[64];
                int rc = tdre_model_eval_batch(m, N, pts, batch, status, &opt, err, sizeof err);
                ck_assert_int_eq(rc, first_code);
                snprintf(want, sizeof want, "point %d: ", first_bad);
                ck_assert_msg(strncmp(err, want, strlen(want)) == 0, "message: %s", err);
                for (int k = 0; k < N; k++) {
                    if (!p2_same_field(&one[k], &batch[k]))
                        fprintf(stderr, "point %d (date %.17g coord %d alt %.17g colat %.17g): "
                                "x %.17g vs %.17g, dx %.17g vs %.17g, flags %#x vs %#x\n", k,
                                pts[k].date, pts[k].coord, pts[k].alt, pts[k].colat, one[k].x,
                                batch[k].x, one[k].dx, batch[k].dx, one[k].flags, batch[k].flags);
                    ck_assert_msg(p2_same_field(&one[k], &batch[k]),
                                  "%s %s threads %d point %d differs", builtin_names[b],
                                  tdre_profile_name(profile), threads, k);
                    ck_assert_int_eq(status[k] != 0, (batch[k].flags & TDRE_FLAG_FAILED) != 0);
                }
            }
            /* Main field only: same main field, SV not computed. */
            tdre_batch_options main_only = {1, TDRE_WANT_MAIN};
            (void)tdre_model_eval_batch(m, N, pts, batch, NULL, &main_only, NULL, 0);
            for (int k = 0; k < N; k++) {
                ck_assert(p2_same_bits(one[k].x, batch[k].x));
                ck_assert(p2_same_bits(one[k].z, batch[k].z));
                ck_assert(isnan(batch[k].dz));
            }
            tdre_model_free(m);
        }
    free(pts);
    free(one);
    free(batch);
    free(status);
}
END_TEST

typedef struct thread_work {
    const tdre_model *m;
    const tdre_point *pts;
    tdre_field *out;
    size_t n;
} thread_work;

static void *eval_all(void *arg)
{
    thread_work *w = arg;
    for (size_t k = 0; k < w->n; k++)
        (void)tdre_model_eval(w->m, w->pts[k].date, w->pts[k].coord, w->pts[k].alt,
                              w->pts[k].colat, w->pts[k].elong, &w->out[k], NULL, 0);
    return NULL;
}

/* Two threads on one handle at once get the answers one thread gets. */
START_TEST(two_threads_same_handle)
{
    enum { N = 20000 };
    tdre_model *m = p2_open("igrf13", TDRE_PROFILE_EXACT);
    tdre_point *pts = malloc(N * sizeof *pts);
    tdre_field *ref = malloc(N * sizeof *ref), *a = malloc(N * sizeof *a),
               *b = malloc(N * sizeof *b);
    random_points(m, 5, N, pts, 0);
    thread_work wr = {m, pts, ref, N}, wa = {m, pts, a, N}, wb = {m, pts, b, N};
    eval_all(&wr);
    pthread_t ta, tb;
    ck_assert_int_eq(pthread_create(&ta, NULL, eval_all, &wa), 0);
    ck_assert_int_eq(pthread_create(&tb, NULL, eval_all, &wb), 0);
    pthread_join(ta, NULL);
    pthread_join(tb, NULL);
    for (int k = 0; k < N; k++) {
        ck_assert(p2_same_field(&ref[k], &a[k]));
        ck_assert(p2_same_field(&ref[k], &b[k]));
    }
    free(pts);
    free(ref);
    free(a);
    free(b);
    tdre_model_free(m);
}
END_TEST

/* A built-in table and the shared file it was generated from give the same
 * bits, in every profile. */
START_TEST(builtin_equals_file)
{
    static const char *const pairs[][2] = {
        {"igrf11", "data/coeffs/igrf11coeffs.txt"},
        {"igrf12", "data/coeffs/IGRF12.COF"},
        {"igrf13", "data/coeffs/igrf13coeffs.txt"},
    };
    enum { N = 2000 };
    tdre_point pts[N];
    for (size_t p = 0; p < 3; p++)
        for (int profile = 0; profile <= TDRE_PROFILE_GEOMAG70; profile++) {
            tdre_model *bi = p2_open(pairs[p][0], profile);
            tdre_model *fi = p2_open(p2_shared_path(pairs[p][1]), profile);
            random_points(bi, 11, N, pts, 0);
            for (int k = 0; k < N; k++) {
                tdre_field fa, fb;
                int ra = tdre_model_eval(bi, pts[k].date, pts[k].coord, pts[k].alt,
                                         pts[k].colat, pts[k].elong, &fa, NULL, 0);
                int rb = tdre_model_eval(fi, pts[k].date, pts[k].coord, pts[k].alt,
                                         pts[k].colat, pts[k].elong, &fb, NULL, 0);
                ck_assert_int_eq(ra, TDRE_OK);
                ck_assert_int_eq(rb, TDRE_OK);
                ck_assert_msg(p2_same_field(&fa, &fb), "%s vs %s (%s) point %d", pairs[p][0],
                              pairs[p][1], tdre_profile_name(profile), k);
            }
            tdre_model_free(bi);
            tdre_model_free(fi);
        }
}
END_TEST

/* Every IGRF generation from its SHC file: its range, a field of the right
 * size, continuous at an inner epoch, SV from the epoch differences. */
START_TEST(all_generations_load)
{
    for (int gen = 1; gen <= 14; gen++) {
        char name[64];
        snprintf(name, sizeof name, "data/coeffs/IGRF%d.SHC", gen);
        tdre_model *m = p2_open(p2_shared_path(name), TDRE_PROFILE_EXACT);
        double from, to, epoch;
        tdre_field lo, at, mid;
        tdre_model_range(m, &from, &to);
        ck_assert(from >= 1900.0 && to <= 2030.0 && to - from >= 10.0);
        epoch = from + 5.0;
        ck_assert_int_eq(tdre_model_eval(m, epoch, TDRE_GEODETIC, 0.0, 45.0, 10.0, &at, NULL, 0),
                         TDRE_OK);
        ck_assert_int_eq(tdre_model_eval(m, nextafter(epoch, 0.0), TDRE_GEODETIC, 0.0, 45.0,
                                         10.0, &lo, NULL, 0), TDRE_OK);
        ck_assert_double_le(fabs(at.f - lo.f), 1e-6);
        ck_assert(at.f > 40000.0 && at.f < 55000.0);
        ck_assert_int_eq(tdre_model_eval(m, epoch + 2.5, TDRE_GEODETIC, 0.0, 45.0, 10.0, &mid,
                                         NULL, 0), TDRE_OK);
        ck_assert_double_le(fabs((mid.z - at.z) / 2.5 - mid.dz), 1e-8 * fabs(mid.z));
        ck_assert_int_eq(tdre_model_eval(m, to + 0.01, TDRE_GEODETIC, 0.0, 45.0, 10.0, &mid,
                                         NULL, 0), TDRE_EDOMAIN);
        tdre_model_free(m);
    }
}
END_TEST

/* WMM-2015 from its .COF: range from its header, a field of the right size,
 * SV from its SV coefficients, and no legacy profile for it. */
START_TEST(wmm_cof_loads_and_evaluates)
{
    const char *path = p2_shared_path("data/coeffs/WMM2015.COF");
    tdre_model *m = p2_open(path, TDRE_PROFILE_EXACT), *g = p2_open(path, TDRE_PROFILE_GEOMAG70);
    double from, to;
    tdre_field a, b, c;
    char err[256];
    tdre_model_range(m, &from, &to);
    ck_assert_double_eq(from, 2014.75);
    ck_assert_double_eq(to, 2020.0);
    ck_assert_int_eq(tdre_model_degree(m), 12);
    ck_assert_int_eq(tdre_model_eval(m, 2017.5, TDRE_GEODETIC, 0.0, 50.0, 10.0, &a, err,
                                     sizeof err), TDRE_OK);
    ck_assert(a.f > 40000.0 && a.f < 60000.0);
    ck_assert(a.flags & TDRE_FLAG_EXTRAPOLATED);
    /* geomag70's one-year difference of a linear model is the SV itself. */
    ck_assert_int_eq(tdre_model_eval(g, 2017.5, TDRE_GEODETIC, 0.0, 50.0, 10.0, &b, NULL, 0),
                     TDRE_OK);
    ck_assert_double_le(fabs(a.x - b.x), 0.5);
    ck_assert_double_le(fabs(a.dz - b.dz), 1e-4);   /* constants differ */
    /* Before the epoch (valid from 2014.75) the SV runs backwards. */
    ck_assert_int_eq(tdre_model_eval(m, 2014.8, TDRE_GEODETIC, 0.0, 50.0, 10.0, &c, NULL, 0),
                     TDRE_OK);
    ck_assert_double_le(fabs((a.z - c.z) / 2.7 - a.dz), 1e-9 * fabs(a.z));
    ck_assert_int_eq(tdre_model_eval(m, 2014.7, TDRE_GEODETIC, 0.0, 50.0, 10.0, &c, NULL, 0),
                     TDRE_EDOMAIN);
    tdre_model *l = NULL;
    ck_assert_int_eq(tdre_model_load(path, TDRE_FORMAT_COF, TDRE_PROFILE_LEGACY, &l, err,
                                     sizeof err), TDRE_EINVAL);
    ck_assert_ptr_null(l);
    ck_assert_ptr_nonnull(strstr(err, "legacy"));
    tdre_model_free(m);
    tdre_model_free(g);
}
END_TEST

/* The SV of H, F, D, I is the derivative of H, F, D, I: against central
 * differences of the exact profile inside an epoch interval. */
START_TEST(elements_and_their_sv)
{
    tdre_model *m = p2_open("igrf14", TDRE_PROFILE_EXACT);
    unsigned long long s = 3;
    for (int k = 0; k < 500; k++) {
        double date = 1902.0 + 5.0 * floor(25.0 * p2_uniform(&s)) + p2_uniform(&s);
        double colat = 5.0 + 170.0 * p2_uniform(&s), elong = 360.0 * p2_uniform(&s);
        tdre_field f0, fm, fp;
        const double h = 0.25;
        ck_assert_int_eq(tdre_model_eval(m, date, TDRE_GEODETIC, 100.0, colat, elong, &f0,
                                         NULL, 0), TDRE_OK);
        tdre_model_eval(m, date - h, TDRE_GEODETIC, 100.0, colat, elong, &fm, NULL, 0);
        tdre_model_eval(m, date + h, TDRE_GEODETIC, 100.0, colat, elong, &fp, NULL, 0);
        ck_assert_double_le(fabs(f0.h - hypot(f0.x, f0.y)), 1e-9 * f0.f);
        ck_assert_double_le(fabs(f0.f - sqrt(f0.h * f0.h + f0.z * f0.z)), 1e-9 * f0.f);
        ck_assert_double_le(fabs(f0.d - atan2(f0.y, f0.x) * 180.0 / 3.14159265358979323846), 1e-12);
        ck_assert_double_le(fabs(f0.dx - (fp.x - fm.x) / (2 * h)), 1e-6);
        ck_assert_double_le(fabs(f0.dz - (fp.z - fm.z) / (2 * h)), 1e-6);
        ck_assert_double_le(fabs(f0.dh - (fp.h - fm.h) / (2 * h)), 0.01);
        ck_assert_double_le(fabs(f0.df - (fp.f - fm.f) / (2 * h)), 0.01);
        ck_assert_double_le(fabs(f0.dd - (fp.d - fm.d) / (2 * h)), 1e-4);
        ck_assert_double_le(fabs(f0.di - (fp.i - fm.i) / (2 * h)), 1e-4);
    }
    tdre_model_free(m);
}
END_TEST

/* Exact profile, geodetic input: the field at the same place given in
 * geocentric form (WGS84 worked out here from a and f) and turned into the
 * geodetic frame. Holds the WGS84 constants to ~1e-10. */
START_TEST(exact_geodetic_is_wgs84)
{
    const double a = 6378.137, f = 1.0 / 298.257223563, e2 = f * (2.0 - f);
    const double d2r = 3.14159265358979323846 / 180.0;
    tdre_model *m = p2_open("igrf13", TDRE_PROFILE_EXACT);
    unsigned long long s = 17;
    for (int k = 0; k < 400; k++) {
        double colat = 180.0 * p2_uniform(&s), elong = 360.0 * p2_uniform(&s);
        double h = k % 4 == 0 ? 0.0 : 2000.0 * p2_uniform(&s), date = 1950.0 + 60.0 * p2_uniform(&s);
        double lat = (90.0 - colat) * d2r;
        double nu = a / sqrt(1.0 - e2 * sin(lat) * sin(lat));
        double px = (nu + h) * cos(lat), pz = (nu * (1.0 - e2) + h) * sin(lat);
        double r = hypot(px, pz), latc = atan2(pz, px), delta = lat - latc;
        tdre_field gd, gc;
        ck_assert_int_eq(tdre_model_eval(m, date, TDRE_GEODETIC, h, colat, elong, &gd, NULL, 0),
                         TDRE_OK);
        ck_assert_int_eq(tdre_model_eval(m, date, TDRE_GEOCENTRIC, r, 90.0 - latc / d2r, elong,
                                         &gc, NULL, 0), TDRE_OK);
        double x = gc.x * cos(delta) + gc.z * sin(delta);
        double z = gc.z * cos(delta) - gc.x * sin(delta);
        ck_assert_msg(fabs(x - gd.x) <= 1e-9 * gd.f && fabs(z - gd.z) <= 1e-9 * gd.f &&
                          fabs(gc.y - gd.y) <= 1e-9 * gd.f,
                      "colat %.17g h %.17g: %.17g %.17g vs %.17g %.17g", colat, h, x, z, gd.x,
                      gd.z);
    }
    tdre_model_free(m);
}
END_TEST

/* The legacy profile on IGRF-12 .. IGRF-14 (igrf12.f, igrf13.f layout):
 * within the profiles' bound of the exact profile outside its defect
 * windows, extrapolating after the last epoch, defects at the later epochs. */
START_TEST(legacy_generalised)
{
    static const double last[] = {2015.0, 2020.0, 2025.0};
    for (int b = 1; b < 4; b++) {
        tdre_model *lg = p2_open(builtin_names[b], TDRE_PROFILE_LEGACY);
        tdre_model *ex = p2_open(builtin_names[b], TDRE_PROFILE_EXACT);
        double from, to;
        unsigned long long s = 9;
        tdre_model_range(lg, &from, &to);
        ck_assert_double_eq(from, 1900.0);
        ck_assert_double_eq(to, last[b - 1] + 10.0);
        for (int k = 0; k < 3000; k++) {
            double date = 1900.0 + (last[b - 1] + 5.0 - 1900.0) * p2_uniform(&s);
            double colat = 180.0 * p2_uniform(&s), elong = 360.0 * p2_uniform(&s);
            tdre_field a, e;
            if (tdre_model_legacy_defect(lg, date, 0) || tdre_model_legacy_defect(lg, date, 1))
                continue;
            ck_assert_int_eq(tdre_model_eval(lg, date, TDRE_GEODETIC, 0.0, colat, elong, &a,
                                             NULL, 0), TDRE_OK);
            ck_assert_int_eq(tdre_model_eval(ex, date, TDRE_GEODETIC, 0.0, colat, elong, &e,
                                             NULL, 0), TDRE_OK);
            double mag = e.f, dmag = sqrt(e.dx * e.dx + e.dy * e.dy + e.dz * e.dz);
            ck_assert_double_le(fabs(a.x - e.x), 0.02 + 5e-6 * mag);
            ck_assert_double_le(fabs(a.z - e.z), 0.02 + 5e-6 * mag);
            ck_assert_double_le(fabs(a.dy - e.dy), 0.002 + 5e-5 * dmag);
            ck_assert_int_eq((a.flags & TDRE_FLAG_EXTRAPOLATED) != 0, date >= last[b - 1]);
        }
        /* The SV window below the last epoch, as in igrf11.f at 2010. */
        ck_assert_int_ne(tdre_model_legacy_defect(lg, last[b - 1] - 1e-7, 1), 0);
        ck_assert_int_eq(tdre_model_legacy_defect(lg, last[b - 1] - 1e-7, 1),
                         tdre_model_legacy_defect(ex, last[b - 1] - 1e-7, 1));
        ck_assert_int_eq(tdre_model_legacy_defect(lg, last[b - 1] - 0.1, 1), 0);
        tdre_model_free(lg);
        tdre_model_free(ex);
    }
}
END_TEST

/* geomag70's conventions near a pole: X, Y, D and their SV are NaN within
 * 0.001 degree of it, Z and F are not; the exact profile has a value there. */
START_TEST(geomag70_pole)
{
    tdre_model *g = p2_open("igrf13", TDRE_PROFILE_GEOMAG70);
    tdre_model *e = p2_open("igrf13", TDRE_PROFILE_EXACT);
    tdre_field a, b;
    ck_assert_int_eq(tdre_model_eval(g, 2020.5, TDRE_GEODETIC, 0.0, 0.0005, 30.0, &a, NULL, 0),
                     TDRE_OK);
    ck_assert(a.flags & TDRE_FLAG_POLE);
    ck_assert(isnan(a.x) && isnan(a.y) && isnan(a.d) && isnan(a.dx) && isnan(a.dy) &&
              isnan(a.dd));
    ck_assert(isfinite(a.z) && isfinite(a.f) && isfinite(a.i) && isfinite(a.dz));
    ck_assert_int_eq(tdre_model_eval(e, 2020.5, TDRE_GEODETIC, 0.0, 0.0, 30.0, &b, NULL, 0),
                     TDRE_OK);
    ck_assert(isfinite(b.x) && isfinite(b.y) && isfinite(b.d));
    ck_assert_double_le(fabs(a.z - b.z), 1.0);
    ck_assert_int_eq(tdre_model_eval(g, 2020.5, TDRE_GEODETIC, 0.0, 0.01, 30.0, &a, NULL, 0),
                     TDRE_OK);
    ck_assert(!(a.flags & TDRE_FLAG_POLE) && isfinite(a.x) && isfinite(a.d));
    tdre_model_free(g);
    tdre_model_free(e);
}
END_TEST

START_TEST(error_paths)
{
    tdre_model *m = p2_open("IGRF11", TDRE_PROFILE_EXACT), *x = NULL;
    tdre_field fld;
    char err[512];
    /* A date outside the model: domain error naming the date and range. */
    ck_assert_int_eq(tdre_model_eval(m, 2016.0, TDRE_GEODETIC, 0.0, 45.0, 0.0, &fld, err,
                                     sizeof err), TDRE_EDOMAIN);
    ck_assert_ptr_nonnull(strstr(err, "2016"));
    ck_assert_ptr_nonnull(strstr(err, "2015"));
    ck_assert(isnan(fld.x) && isnan(fld.f) && isnan(fld.dz));
    ck_assert_str_eq(tdre_field_status(&fld), "date-out-of-range");
    ck_assert_int_eq(tdre_model_eval(m, 1899.9, TDRE_GEODETIC, 0.0, 45.0, 0.0, &fld, NULL, 0),
                     TDRE_EDOMAIN);
    /* NaN and infinity anywhere: invalid argument. */
    ck_assert_int_eq(tdre_model_eval(m, NAN, TDRE_GEODETIC, 0.0, 45.0, 0.0, &fld, err,
                                     sizeof err), TDRE_EINVAL);
    ck_assert_str_eq(tdre_field_status(&fld), "invalid-input");
    ck_assert_int_eq(tdre_model_eval(m, 2000.0, TDRE_GEODETIC, NAN, 45.0, 0.0, &fld, NULL, 0),
                     TDRE_EINVAL);
    ck_assert_int_eq(tdre_model_eval(m, 2000.0, TDRE_GEODETIC, 0.0, INFINITY, 0.0, &fld,
                                     NULL, 0), TDRE_EINVAL);
    ck_assert_int_eq(tdre_model_eval(m, 2000.0, 0, 0.0, 45.0, 0.0, &fld, NULL, 0), TDRE_EINVAL);
    /* Positions: colatitude outside 0..180, the centre of the Earth. */
    ck_assert_int_eq(tdre_model_eval(m, 2000.0, TDRE_GEODETIC, 0.0, 181.0, 0.0, &fld, NULL, 0),
                     TDRE_EDOMAIN);
    ck_assert_str_eq(tdre_field_status(&fld), "position-out-of-range");
    ck_assert_int_eq(tdre_model_eval(m, 2000.0, TDRE_GEOCENTRIC, 0.0, 45.0, 0.0, &fld, err,
                                     sizeof err), TDRE_EDOMAIN);
    ck_assert_ptr_nonnull(strstr(err, "radius"));
    ck_assert_int_eq(tdre_model_eval(m, 2000.0, TDRE_GEOCENTRIC, -7000.0, 45.0, 0.0, &fld,
                                     NULL, 0), TDRE_EDOMAIN);
    /* Null arguments, a zero-length error buffer, unknown names. */
    ck_assert_int_eq(tdre_model_eval(NULL, 2000.0, 1, 0.0, 45.0, 0.0, &fld, NULL, 0),
                     TDRE_EINVAL);
    ck_assert_int_eq(tdre_model_eval(m, 2000.0, 1, 0.0, 45.0, 0.0, NULL, err, 0), TDRE_EINVAL);
    ck_assert_int_eq(tdre_model_builtin("igrf10", TDRE_PROFILE_EXACT, &x, err, sizeof err),
                     TDRE_EINVAL);
    ck_assert_ptr_null(x);
    ck_assert_ptr_nonnull(strstr(err, "igrf10"));
    ck_assert_int_eq(tdre_model_builtin("igrf11", 7, &x, err, sizeof err), TDRE_EINVAL);
    ck_assert_ptr_null(x);
    /* Unreadable file: I/O error naming it. */
    ck_assert_int_eq(tdre_model_open("/nonexistent/dir/model.cof", TDRE_PROFILE_EXACT, &x, err,
                                     sizeof err), TDRE_EIO);
    ck_assert_ptr_null(x);
    ck_assert_ptr_nonnull(strstr(err, "/nonexistent/dir/model.cof"));
    ck_assert_int_eq(tdre_model_load("/", TDRE_FORMAT_AUTO, TDRE_PROFILE_EXACT, &x, err,
                                     sizeof err), TDRE_EIO);
    ck_assert_int_eq(tdre_model_load("x", 9, TDRE_PROFILE_EXACT, &x, err, sizeof err),
                     TDRE_EINVAL);
    /* Batch: bad options; an empty batch is fine. */
    tdre_batch_options bad = {-5, 0};
    tdre_point pt = {2000.0, 0.0, 45.0, 0.0, TDRE_GEODETIC};
    ck_assert_int_eq(tdre_model_eval_batch(m, 1, &pt, &fld, NULL, &bad, NULL, 0), TDRE_EINVAL);
    ck_assert_int_eq(tdre_model_eval_batch(m, 0, NULL, NULL, NULL, NULL, NULL, 0), TDRE_OK);
    ck_assert_int_eq(tdre_model_eval_batch(m, 1, NULL, &fld, NULL, NULL, NULL, 0), TDRE_EINVAL);
    tdre_model_free(m);
    tdre_model_free(NULL);
}
END_TEST

START_TEST(names_and_ranges)
{
    tdre_model *m = p2_open("igrf11", TDRE_PROFILE_LEGACY);
    double from, to;
    ck_assert_str_eq(tdre_model_name(m), "IGRF11");
    ck_assert_int_eq(tdre_model_profile(m), TDRE_PROFILE_LEGACY);
    ck_assert_int_eq(tdre_model_degree(m), 13);
    tdre_model_range(m, &from, &to);
    ck_assert_double_eq(from, 1900.0);
    ck_assert_double_eq(to, 2020.0);
    tdre_field fld;
    /* igrf11.f warns after 2015 and still computes. */
    ck_assert_int_eq(tdre_model_eval(m, 2017.0, 1, 0.0, 45.0, 0.0, &fld, NULL, 0), TDRE_OK);
    ck_assert_uint_eq(fld.flags, TDRE_FLAG_EXTRAPOLATED | TDRE_FLAG_LEGACY_WARN);
    ck_assert_str_eq(tdre_field_status(&fld), "ok");
    ck_assert_int_eq(tdre_model_eval(m, 2020.0000001, 1, 0.0, 45.0, 0.0, &fld, NULL, 0),
                     TDRE_EDOMAIN);
    ck_assert_int_eq(tdre_profile_from_name("LEGACY"), TDRE_PROFILE_LEGACY);
    ck_assert_int_eq(tdre_profile_from_name("geomag70"), TDRE_PROFILE_GEOMAG70);
    ck_assert_int_eq(tdre_profile_from_name("fast"), -1);
    ck_assert_ptr_null(tdre_profile_name(3));
    ck_assert_str_eq(tdre_strerror(TDRE_EIO), "I/O error");
    ck_assert_ptr_nonnull(strchr(tdre_version(), '.'));
    tdre_model_free(m);
}
END_TEST

/* The "files" cases need ../shared; without it the rest still runs. */
static Suite *phase2_api_suite(int with_files)
{
    Suite *s = suite_create("phase2-api");
    TCase *tc = tcase_create("api");
    tcase_set_timeout(tc, 600);
    tcase_add_test(tc, batch_equals_point);
    tcase_add_test(tc, two_threads_same_handle);
    tcase_add_test(tc, elements_and_their_sv);
    tcase_add_test(tc, exact_geodetic_is_wgs84);
    tcase_add_test(tc, legacy_generalised);
    tcase_add_test(tc, geomag70_pole);
    tcase_add_test(tc, error_paths);
    tcase_add_test(tc, names_and_ranges);
    suite_add_tcase(s, tc);
    if (with_files) {
        TCase *files = tcase_create("files");
        tcase_set_timeout(files, 600);
        tcase_add_test(files, builtin_equals_file);
        tcase_add_test(files, wmm_cof_loads_and_evaluates);
        tcase_add_test(files, all_generations_load);
        suite_add_tcase(s, files);
    }
    return s;
}

int main(void)
{
    const char *shared = getenv("TDRE_SHARED");
    int with_files = shared != NULL && *shared != '\0';
    if (!with_files)
        fprintf(stderr, "TDRE_SHARED not set: the coefficient file cases are skipped\n");
    return p2_run(phase2_api_suite(with_files)) ? EXIT_FAILURE : EXIT_SUCCESS;
}
