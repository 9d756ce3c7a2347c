/*
 * test_quirks_windows.c: the legacy defect windows of the 0.2f epoch
 * arithmetic (docs/quirks.md, "Defect windows"), located to the double and
 * confirmed on the original program's committed outputs.
 *
 * IGRF11SYN takes the interval index from trunc(0.2f (DATE - 1900)) and, for
 * 1995 <= DATE < 2010, the block from trunc(0.2f (DATE - 1995)). 0.2f is
 * 0.2 + 2.98e-9, so both indexes move to the next epoch a little before it:
 * the first at E - (E - 1900) 7.45e-8 years, the second at E - (E - 1995)
 * 7.45e-8. This suite finds each boundary by bisection over the doubles,
 * prints the table, measures what the legacy answer does there against the
 * exact interpolation (QM_EPOCH_EXACT of the test model), and checks that
 * phase 1 and the committed outputs behave as the table says.
 */
#include <check.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_quirks_common.h"

#define N_EPOCHS 22   /* 1905 .. 2010: every epoch with an interval below it */

static int legacy_interval(double date)
{
    return (int)((double)0.2f * (date - 1900.0));
}

static int legacy_block(double date)
{
    return (int)((double)0.2f * (date - 1995.0));
}

static double legacy_fraction(double date)
{
    double t = (double)0.2f * (date - 1900.0);
    return t - (int)t;
}

/* Positive doubles are ordered like their bit patterns. */
static uint64_t bits(double d)
{
    uint64_t u;
    memcpy(&u, &d, sizeof u);
    return u;
}

static double from_bits(uint64_t u)
{
    double d;
    memcpy(&d, &u, sizeof d);
    return d;
}

/* Smallest date in [e - 1e-4, e) with index(date) == want (index is
 * nondecreasing in date and below want at e - 1e-4); e if none. */
static double first_at(int (*index)(double), int want, double e)
{
    uint64_t lo = bits(e - 1e-4), hi = bits(e);
    while (lo < hi) {
        uint64_t mid = lo + (hi - lo) / 2;
        if (index(from_bits(mid)) >= want)
            hi = mid;
        else
            lo = mid + 1;
    }
    return from_bits(lo);
}

typedef struct {
    double epoch;
    double early;      /* from here to the epoch the interval index is the next one */
    double block;      /* 1995 < epoch <= 2010: from here the block is too */
} window;

static window windows[N_EPOCHS];

static void locate_windows(void)
{
    for (int k = 1; k <= N_EPOCHS; k++) {
        window *w = &windows[k - 1];
        w->epoch = 1900.0 + 5.0 * k;
        w->early = first_at(legacy_interval, k, w->epoch);
        w->block = w->epoch > 1995.0 ? first_at(legacy_block, k - 19, w->epoch) : w->epoch;
    }
}

/* Fixed points where the effect is measured: the surface, a satellite
 * height and the core-mantle boundary, over a grid of latitudes and longitudes. */
static void sample_vector(int isv, double date, int i, tdre_vector *v)
{
    static const double radius[] = { 6371.2, 6771.2, 3485.0 };
    v->isv = isv;
    v->date = date;
    v->itype = 2;
    v->alt = radius[i % 3];
    v->colat = 5.0 + 170.0 * qc_uniform((unsigned long)i, 11);
    v->elong = 360.0 * qc_uniform((unsigned long)i, 12);
}

#define N_POINTS 48
#define N_DATES 40

/* Largest legacy-minus-exact distance over the window [from, to) (the
 * single date from when to == from); *surface: the same at r = 6371.2 km. */
static double window_effect(int isv, double from, double to, double *surface)
{
    double worst = 0.0;
    *surface = 0.0;
    for (int s = 0; s < N_DATES; s++) {
        double date = from + (to - from) * s / N_DATES;
        if (date >= to && to > from)
            break;
        for (int i = 0; i < N_POINTS; i++) {
            tdre_vector v;
            tdre_result legacy, exact;
            sample_vector(isv, date, i, &v);
            qc_phase1(&v, &legacy);
            qc_model(QM_EPOCH_EXACT, &v, &exact);
            double d = qc_distance(&legacy, &exact);
            worst = fmax(worst, d);
            if (i % 3 == 0)
                *surface = fmax(*surface, d);
        }
    }
    return worst;
}

/* One line of the defect table: dates [from, to), both ISVs. */
static void print_subwindow(double epoch, double from, double to, const char *what0,
                            const char *what1)
{
    double s0, s1, a0 = window_effect(0, from, to, &s0), a1 = window_effect(1, from, to, &s1);
    printf("| %.0f | [%.17g, %.17g) | %.3g | %s: %.3g (%.3g) | %s: %.3g (%.3g) |\n", epoch,
           from, to, to - from, what0, s0, a0, what1, s1, a1);
}

START_TEST(windows_table)
{
    printf("Boundaries: the interval index (and from 2000 the block) is the next\n"
           "epoch's from these dates on; t is the legacy fraction there.\n"
           "| epoch E | index early from | width (yr) | t at E - | block early from |\n");
    for (int k = 0; k < N_EPOCHS; k++) {
        const window *w = &windows[k];
        printf("| %.0f | %.17g | %.3g | %.3g | %.17g |\n", w->epoch, w->early,
               w->epoch - w->early, legacy_fraction(nextafter(w->epoch, 0.0)), w->block);
        /* the boundary is exact: one double lower the index is the old one */
        ck_assert_int_eq(legacy_interval(w->early), k + 1);
        ck_assert_int_eq(legacy_interval(nextafter(w->early, 0.0)), k);
        /* width (E - 1900) (0.2f - 0.2) / 0.2f, 0.2f = 0.2 (1 + 2^-26), within 2 ulp */
        ck_assert(fabs((w->epoch - w->early) - (k + 1) * 5.0 * 0x1p-26) < 1e-12);
        if (w->epoch > 1995.0) {
            ck_assert(w->early < w->block);
            ck_assert_int_eq(legacy_block(nextafter(w->block, 0.0)), k - 19);
            ck_assert_int_eq(legacy_block(w->block), k - 18);
        }
    }
    printf("\nDefect windows: legacy minus exact interpolation, max at r = 6371.2 km"
           " (at any of 6371.2, 6771.2, 3485 km)\n"
           "| epoch E | dates | width (yr) | ISV 0, nT | ISV 1, nT/yr |\n");
    for (int k = 0; k < N_EPOCHS; k++) {
        const window *w = &windows[k];
        if (w->epoch < 1995.0)
            print_subwindow(w->epoch, w->early, w->epoch, "E + t (E+5 - E)",
                            "SV of [E, E+5]");
        else if (w->epoch == 1995.0)
            print_subwindow(w->epoch, w->early, w->epoch, "1995 block, degree-10 layout",
                            "garbage");
        else {
            print_subwindow(w->epoch, w->early, w->block, "E-5 + t (E - E-5): jump",
                            "unchanged");
            print_subwindow(w->epoch, w->block, w->epoch,
                            w->epoch == 2010.0 ? "2010 + t (SV - 2010)" : "E + t (E+5 - E)",
                            w->epoch == 2010.0 ? "garbage" : "SV of [E, E+5]");
            double s0;
            window_effect(0, w->early, w->block, &s0);
            /* a jump of five years of secular change: tens of nT at the surface */
            ck_assert(s0 > 10.0);
        }
    }
}
END_TEST

/* Phase 1 just outside each window agrees with the exact interpolation to
 * far less than a nT; inside the mismatch windows it is off by the jump. */
START_TEST(phase1_jumps_only_inside_the_windows)
{
    for (int k = 0; k < N_EPOCHS; k++) {
        const window *w = &windows[k];
        double before = nextafter(w->early, 0.0), s0;
        double below = window_effect(0, before, before, &s0);
        ck_assert_msg(s0 < 1e-3, "E %.0f: %.3g nT at the surface (%.3g at any radius) just"
                      " below the window", w->epoch, s0, below);
        if (w->epoch > 1995.0) {
            window_effect(0, w->early, w->early, &s0);
            ck_assert_msg(s0 > 10.0, "E %.0f: only %.3g nT inside", w->epoch, s0);
        }
    }
}
END_TEST

/* Heights below 1000 km: where a jump of a few years of secular change is
 * tens of nT and the exact model moves by far less across 1e-6 years. */
static int near_surface(const tdre_vector *v)
{
    return v->itype == 1 ? v->alt < 1000.0 : v->alt >= 6000.0 && v->alt < 7400.0;
}

/* The committed outputs of the original program show the same windows:
 * at E - 1e-6, inside a mismatch window for E = 2000, 2005, 2010, the
 * answer jumps by tens of nT against E - 1e-9 at the same point, where the
 * exact model moves by less than a hundredth of a nT. */
START_TEST(committed_outputs_show_the_windows)
{
    const qc_committed *c = qc_committed_load();
    int jumps = 0, quiet = 0;
    for (long i = 0; i < c->n; i++) {
        const tdre_vector *v = &c->vec[i];
        double e = nearbyint(v->date / 5.0) * 5.0, gap = e - v->date;
        if (v->isv != 0 || !near_surface(v) || fabs(gap - 1e-6) > 1e-8 || e <= 1900.0
            || e > 2010.0)
            continue;
        const window *w = &windows[(int)((e - 1900.0) / 5.0) - 1];
        int in_mismatch = e > 1995.0 && v->date >= w->early && v->date < w->block;
        for (long j = 0; j < c->n; j++) {
            const tdre_vector *u = &c->vec[j];
            if (u->isv || u->itype != v->itype || u->alt != v->alt || u->colat != v->colat
                || u->elong != v->elong || fabs(e - u->date - 1e-9) > 1e-11)
                continue;
            tdre_result ev, eu;
            qc_model(QM_EPOCH_EXACT, v, &ev);
            qc_model(QM_EPOCH_EXACT, u, &eu);
            double seen = qc_distance(&c->res[i], &c->res[j]), exact = qc_distance(&ev, &eu);
            ck_assert_msg(exact < 0.01, "row %ld: exact model moves %.3g nT", i + 2, exact);
            if (in_mismatch) {
                ck_assert_msg(seen > 10.0, "row %ld (%.17g): only %.3g nT", i + 2, v->date,
                              seen);
                jumps++;
            } else if (!in_mismatch) {
                ck_assert_msg(seen < 1.0, "row %ld (%.17g): %.3g nT", i + 2, v->date, seen);
                quiet++;
            }
        }
    }
    printf("committed rows at E - 1e-6: %d jump (mismatch window), %d do not\n", jumps, quiet);
    ck_assert_int_gt(jumps, 0);
    ck_assert_int_gt(quiet, 0);
}
END_TEST

/* Same inputs but the date, in the same ISV. */
static long same_point_at(const qc_committed *c, const tdre_vector *v, double date)
{
    for (long j = 0; j < c->n; j++) {
        const tdre_vector *u = &c->vec[j];
        if (u->isv == v->isv && u->itype == v->itype && u->alt == v->alt
            && u->colat == v->colat && u->elong == v->elong && u->date == date)
            return j;
    }
    return -1;
}

/* ISV = 1 ignores t, so at E - 1e-9 (inside every block window) the
 * original already answers with the interval after E: bit for bit its answer
 * at E, where the exact differencing gives the interval before. At 1995 and
 * 2010 the early block is read with the wrong layout or paired with the SV
 * block: thousands of nT/yr. */
START_TEST(committed_sv_moves_to_the_next_interval_early)
{
    const qc_committed *c = qc_committed_load();
    int same = 0, garbage = 0;
    for (long i = 0; i < c->n; i++) {
        const tdre_vector *v = &c->vec[i];
        double e = nearbyint(v->date / 5.0) * 5.0;
        if (v->isv != 1 || !near_surface(v) || fabs(e - v->date - 1e-9) > 1e-11
            || e <= 1900.0 || e > 2010.0)
            continue;
        long j = same_point_at(c, v, e);
        ck_assert_msg(j >= 0, "row %ld: no row at the epoch", i + 2);
        if (e == 1995.0 || e == 2010.0) {
            ck_assert_msg(qc_distance(&c->res[i], &c->res[j]) > 1000.0, "row %ld", i + 2);
            garbage++;
        } else {
            tdre_result exact;
            qc_model(QM_EPOCH_EXACT, v, &exact);
            ck_assert_msg(tu_same_result(&c->res[i], &c->res[j]), "row %ld", i + 2);
            ck_assert_msg(qc_distance(&exact, &c->res[j]) > 1.0, "row %ld", i + 2);
            same++;
        }
    }
    printf("committed ISV=1 rows at E - 1e-9: %d equal to E, %d garbage (1995, 2010)\n",
           same, garbage);
    ck_assert_int_gt(same, 0);
    ck_assert_int_gt(garbage, 0);
}
END_TEST

/* The boundary dates of every window: one double either side of each
 * place where an index moves, and the epoch itself. */
static int boundary_dates(const window *w, double dates[6])
{
    double candidates[6] = { nextafter(w->early, 0.0), w->early, nextafter(w->block, 0.0),
                             w->block, nextafter(w->epoch, 0.0), w->epoch };
    int n = 0;
    for (int i = 0; i < 6; i++) {
        int seen = 0;
        for (int j = 0; j < n; j++)
            seen |= dates[j] == candidates[i];
        if (!seen)
            dates[n++] = candidates[i];
    }
    return n;
}

static const tdre_vector boundary_points[] = {
    { 0, 0.0, 1, 0.0, 45.0, 10.0 },
    { 0, 0.0, 2, 6371.2, 120.0, 250.0 },
    { 0, 0.0, 1, 400.0, 80.0, -75.0 },
};

#define N_BOUNDARY_POINTS 3

/* Calls visit on every input of vectors/quirks/windows.csv, in file order. */
static void for_each_boundary_vector(void (*visit)(const tdre_vector *, void *), void *arg)
{
    for (int isv = 0; isv <= 1; isv++)
        for (int k = 0; k < N_EPOCHS; k++) {
            double dates[6];
            int n = boundary_dates(&windows[k], dates);
            for (int d = 0; d < n; d++)
                for (int p = 0; p < N_BOUNDARY_POINTS; p++) {
                    tdre_vector v = boundary_points[p];
                    v.isv = isv;
                    v.date = dates[d];
                    visit(&v, arg);
                }
        }
}

static void print_input(const tdre_vector *v, void *arg)
{
    (void)arg;
    printf("%d,%.17g,%d,%.17g,%.17g,%.17g\n", v->isv, v->date, v->itype, v->alt, v->colat,
           v->elong);
}

typedef struct {
    const tdre_vector *vec;
    long n, next, mismatched;
} boundary_check;

static void check_input(const tdre_vector *v, void *arg)
{
    boundary_check *b = arg;
    if (b->next >= b->n || !tu_same_vector(v, &b->vec[b->next]))
        b->mismatched++;
    b->next++;
}

/* vectors/quirks/windows.csv: the oracle's answers on every boundary date
 * (provenance in vectors/README.md). Its inputs are the ones this suite
 * generates; phase 1 gives every answer to the bit; the answers jump where
 * the table says and the exact interpolation does not. */
START_TEST(boundary_vectors_show_the_windows)
{
    char path[4096];
    tdre_vector *vec;
    tdre_result *res;
    const char *src = tu_env_dir("TDRE_SOURCE_DIR");
    ck_assert_ptr_nonnull(src);
    tu_path(path, sizeof path, src, "vectors/quirks/windows.csv");
    long n = tu_read_results(path, &vec, &res);
    boundary_check b = { vec, n, 0, 0 };
    for_each_boundary_vector(check_input, &b);
    ck_assert_int_gt(n, 0);
    ck_assert_int_eq(b.next, n);
    ck_assert_int_eq(b.mismatched, 0);
    int jumps = 0;
    for (long i = 0; i < n; i++) {
        tdre_result p;
        qc_phase1(&vec[i], &p);
        ck_assert_msg(tu_same_result(&p, &res[i]), "phase 1 differs at line %ld", i + 2);
        const window *w = &windows[(int)nearbyint((vec[i].date - 1900.0) / 5.0) - 1];
        if (vec[i].isv != 0 || w->epoch <= 1995.0 || vec[i].date != w->early)
            continue;
        /* the row one double earlier, same point: N_BOUNDARY_POINTS rows up */
        long j = i - N_BOUNDARY_POINTS;
        tdre_result ei, ej;
        ck_assert(vec[j].date == nextafter(w->early, 0.0));
        qc_model(QM_EPOCH_EXACT, &vec[i], &ei);
        qc_model(QM_EPOCH_EXACT, &vec[j], &ej);
        ck_assert_msg(qc_distance(&res[i], &res[j]) > 10.0, "line %ld: no jump", i + 2);
        ck_assert_msg(qc_distance(&ei, &ej) < 1e-6, "line %ld: exact jumps", i + 2);
        jumps++;
    }
    ck_assert_int_eq(jumps, 3 * N_BOUNDARY_POINTS);
    free(vec);
    free(res);
}
END_TEST

/* --inputs: the inputs of vectors/quirks/windows.csv on standard output. */
int main(int argc, char **argv)
{
    locate_windows();
    if (argc > 1 && strcmp(argv[1], "--inputs") == 0) {
        printf("isv,date,itype,alt,colat,elong\n");
        for_each_boundary_vector(print_input, NULL);
        return 0;
    }
    const TTest *const list[] = { windows_table, phase1_jumps_only_inside_the_windows,
                                  committed_outputs_show_the_windows,
                                  committed_sv_moves_to_the_next_interval_early,
                                  boundary_vectors_show_the_windows, NULL };
    return qc_run_suite("quirks-windows", list, NULL, 0);
}
