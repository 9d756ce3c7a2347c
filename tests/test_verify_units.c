/*
 * test_verify_units.c: tdre-verify's statistics, tolerances and pairing
 * table against values worked out by hand on tiny inputs.
 */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compare.h"
#include "pending.h"
#include "stats.h"
#include "testutil.h"
#include "tolerance.h"
#include "tu_check.h"

#define CLOSE(a, b, tol) ck_assert_msg(fabs((a) - (b)) <= (tol), "%.17g != %.17g", (double)(a), (double)(b))

/* b - a = 1, -1, 2, 0 with a = 10: mean 0.5, sd sqrt(5/3), rms sqrt(1.5),
 * |d| sorted 0 1 1 2: median 1, 99.9th percentile 1 + 0.997 (2 - 1). */
START_TEST(four_differences_by_hand)
{
    tdre_vstat s;
    tdre_vstat_summary m;
    const double b[4] = { 11, 9, 12, 10 };
    tdre_vstat_init(&s);
    for (int i = 0; i < 4; i++) tdre_vstat_add(&s, 10.0, b[i], 100.0);
    tdre_vstat_finish(&s, &m);
    ck_assert_uint_eq(m.n, 4);
    CLOSE(m.mean, 0.5, 1e-15);
    CLOSE(m.sd, sqrt(5.0 / 3.0), 1e-15);
    CLOSE(m.rms, sqrt(1.5), 1e-15);
    CLOSE(m.max_abs, 2.0, 0);
    CLOSE(m.median, 1.0, 1e-15);
    CLOSE(m.p999, 1.997, 1e-12);
    CLOSE(m.max_rel, 0.02, 1e-17);
    ck_assert_int_eq(m.estimated, 0);
    ck_assert_uint_eq(m.ulp[TDRE_ULP_0], 1);
    ck_assert_uint_eq(m.ulp[TDRE_ULP_MORE], 3);
    tdre_vstat_free(&s);
}
END_TEST

START_TEST(ulp_distances)
{
    double one_up = nextafter(1.0, 2.0), tiny = 4.9406564584124654e-324;
    tdre_vstat s;
    tdre_vstat_summary m;
    ck_assert_uint_eq(tdre_ulp_distance(1.0, one_up), 1);
    ck_assert_uint_eq(tdre_ulp_distance(one_up, 1.0), 1);
    ck_assert_uint_eq(tdre_ulp_distance(-0.0, 0.0), 0);
    ck_assert_uint_eq(tdre_ulp_distance(-tiny, tiny), 2);
    ck_assert_uint_eq(tdre_ulp_distance(1.0, nextafter(nextafter(1.0, 0), 0)), 2);
    /* one pair in each bucket: 0, 1, 3, 16, 17 */
    tdre_vstat_init(&s);
    tdre_vstat_add(&s, 5.0, 5.0, 0);
    {
        const int steps[4] = { 1, 3, 16, 17 };
        for (int i = 0; i < 4; i++) {
            double b = 5.0;
            for (int k = 0; k < steps[i]; k++) b = nextafter(b, 6.0);
            tdre_vstat_add(&s, 5.0, b, 0);
        }
    }
    tdre_vstat_finish(&s, &m);
    for (int i = 0; i < TDRE_ULP_BUCKETS; i++) ck_assert_uint_eq(m.ulp[i], 1);
    ck_assert_uint_eq(m.max_ulp, 17);
    tdre_vstat_free(&s);
}
END_TEST

/* d = 1 .. 3000 crosses the batch size: mean (n+1)/2, variance n(n+1)/12,
 * mean square (n+1)(2n+1)/6; the median 1500.5 is exact, the
 * stored values (3000) being within the cap. */
START_TEST(batches_combine_exactly)
{
    const double n = 3000;
    tdre_vstat s;
    tdre_vstat_summary m;
    tdre_vstat_init(&s);
    for (int i = 1; i <= 3000; i++) tdre_vstat_add(&s, 0.0, i, 0);
    tdre_vstat_finish(&s, &m);
    CLOSE(m.mean, (n + 1) / 2, 1e-9);
    CLOSE(m.sd, sqrt(n * (n + 1) / 12), 1e-9);
    CLOSE(m.rms, sqrt((n + 1) * (2 * n + 1) / 6), 1e-9);
    CLOSE(m.median, 1500.5, 0);
    ck_assert_int_eq(m.estimated, 0);
    tdre_vstat_free(&s);
}
END_TEST

/* Past the cap the quantiles come from the histogram: within its 0.9%. */
START_TEST(histogram_quantiles_within_bin)
{
    tdre_vstat s;
    tdre_vstat_summary m;
    tdre_vstat_init(&s);
    for (int i = 1; i <= 100000; i++) tdre_vstat_add(&s, 0.0, i * 1e-3, 0);
    tdre_vstat_finish(&s, &m);
    ck_assert_int_eq(m.estimated, 1);
    ck_assert_msg(fabs(m.median / 50.0005 - 1) <= TDRE_VSTAT_HIST_REL, "median %g", m.median);
    ck_assert_msg(fabs(m.p999 / 99.900001 - 1) <= TDRE_VSTAT_HIST_REL, "p99.9 %g", m.p999);
    tdre_vstat_free(&s);
}
END_TEST

/* Two halves merged, and a save/load round trip, give the whole. */
START_TEST(merge_and_round_trip)
{
    tdre_vstat whole, h1, h2, back;
    tdre_vstat_summary mw, mm, mb;
    char path[4096];
    FILE *fp;
    char *line;
    size_t len;
    tdre_vstat_init(&whole);
    tdre_vstat_init(&h1);
    tdre_vstat_init(&h2);
    tdre_vstat_init(&back);
    for (int i = 0; i < 2500; i++) {
        double b = sin(i) * 3.0;
        tdre_vstat_add(&whole, 0.5, b, 10.0);
        tdre_vstat_add(i < 1300 ? &h1 : &h2, 0.5, b, 10.0);
    }
    ck_assert_int_eq(tdre_vstat_merge(&h1, &h2), 0);
    snprintf(path, sizeof path, "%s/stat.txt", tu_tmpdir());
    fp = fopen(path, "w");
    tdre_vstat_save(&h1, fp);
    fclose(fp);
    line = tu_slurp(path, &len);
    ck_assert_ptr_nonnull(line);
    ck_assert_int_eq(tdre_vstat_load(&back, line), 0);
    tdre_vstat_finish(&whole, &mw);
    tdre_vstat_finish(&h1, &mm);
    tdre_vstat_finish(&back, &mb);
    ck_assert_uint_eq(mm.n, mw.n);
    CLOSE(mm.mean, mw.mean, 1e-12);
    CLOSE(mm.sd, mw.sd, 1e-12);
    CLOSE(mm.rms, mw.rms, 1e-12);
    CLOSE(mm.median, mw.median, 0);
    CLOSE(mm.p999, mw.p999, 0);
    CLOSE(mm.max_abs, mw.max_abs, 0);
    ck_assert(memcmp(&mb, &mm, sizeof mb) == 0);
    free(line);
    tdre_vstat_free(&whole);
    tdre_vstat_free(&h1);
    tdre_vstat_free(&h2);
    tdre_vstat_free(&back);
}
END_TEST

START_TEST(bounds_parse_and_judge)
{
    tdre_bound b;
    char text[96];
    ck_assert_int_eq(tdre_bound_parse("abs 0.02 rel 5e-6", &b), 0);
    ck_assert_int_eq(b.kind, TDRE_TOL_ABSREL);
    /* allowed at |B| = 50000: 0.02 + 0.25 = 0.27 */
    CLOSE(tdre_bound_badness(&b, 100.0, 100.27, 50000.0), 1.0, 1e-9);
    ck_assert(tdre_bound_holds(&b, tdre_bound_badness(&b, 100.0, 100.26, 50000.0)));
    ck_assert(!tdre_bound_holds(&b, tdre_bound_badness(&b, 100.0, 100.28, 50000.0)));
    ck_assert_int_eq(tdre_bound_parse("bitwise", &b), 0);
    ck_assert(!tdre_bound_holds(&b, tdre_bound_badness(&b, 0.0, -0.0, 1.0)));
    ck_assert(tdre_bound_holds(&b, tdre_bound_badness(&b, 1.5, 1.5, 1.0)));
    ck_assert_int_eq(tdre_bound_parse("ulp 2", &b), 0);
    ck_assert(tdre_bound_holds(&b, tdre_bound_badness(&b, 1.0, nextafter(nextafter(1.0, 2), 2), 1)));
    ck_assert(!tdre_bound_holds(&b, tdre_bound_badness(&b, 1.0, 1.0 + 4 * 2.220446049250313e-16, 1)));
    ck_assert(!tdre_bound_holds(&b, tdre_bound_badness(&b, 1.0, NAN, 1)));
    tdre_bound_format(&b, text, sizeof text);
    ck_assert_str_eq(text, "<= 2 ulp");
    ck_assert_int_ne(tdre_bound_parse("abs", &b), 0);
    ck_assert_int_ne(tdre_bound_parse("abs -1", &b), 0);
    ck_assert_int_ne(tdre_bound_parse("near 3", &b), 0);
    ck_assert_int_ne(tdre_bound_parse("ulp 1.5", &b), 0);
}
END_TEST

static const char *write_conf(const char *name, const char *text)
{
    static char path[4096];
    snprintf(path, sizeof path, "%s/%s", tu_tmpdir(), name);
    ck_assert_int_eq(tu_write(path, text), 0);
    return path;
}

START_TEST(tolerance_file_errors_name_the_line)
{
    tdre_tolset set;
    char err[512];
    const char *p = write_conf("bad.conf", "# c\n[a:b]\nmain = bitwise\n\n[c:d]\nmain = abs x\n");
    ck_assert_int_ne(tdre_tolset_read(&set, p, err, sizeof err), 0);
    ck_assert_msg(strstr(err, "bad.conf:6: bad value"), "%s", err);
    p = write_conf("nomain.conf", "[a:b]\nsv = bitwise\n");
    ck_assert_int_ne(tdre_tolset_read(&set, p, err, sizeof err), 0);
    ck_assert_msg(strstr(err, "nomain.conf:2: section has no 'main' bound"), "%s", err);
    p = write_conf("key.conf", "[a:b]\nmain = bitwise\nspeed = 3\n");
    ck_assert_int_ne(tdre_tolset_read(&set, p, err, sizeof err), 0);
    ck_assert_msg(strstr(err, "key.conf:3: unknown key"), "%s", err);
    p = write_conf("dom.conf", "[a:b]\nmain = bitwise\ndomain = c 1900 2015\n");
    ck_assert_int_ne(tdre_tolset_read(&set, p, err, sizeof err), 0);
    ck_assert_msg(strstr(err, "dom.conf:3: bad value"), "%s", err);
    p = write_conf("ok.conf", "[a:b]\nmain = abs 1\nsv = bitwise\ndefects = apart\n"
                   "domain = b 1900 2015\nlow = abs 0.5\nlow-heights = -100 2000\n");
    ck_assert_int_eq(tdre_tolset_read(&set, p, err, sizeof err), 0);
    ck_assert_ptr_nonnull(tdre_tolset_find(&set, "b", "a"));
    ck_assert_ptr_null(tdre_tolset_find(&set, "a", "c"));
    ck_assert_int_eq(tdre_tolset_find(&set, "a", "b")->sv.kind, TDRE_TOL_BITWISE);
    tdre_tolset_free(&set);
}
END_TEST

/* Rows of equal input come out oldest first; other keys are not confused
 * even when only the sign of a zero differs. */
START_TEST(pending_rows_by_input_bits)
{
    tdre_pending *p = tdre_pending_new(sizeof(long), 3);
    tdre_vector k1 = { 0, 2000.0, 1, 0.0, 10.0, 20.0 }, k2 = k1;
    long item;
    k2.alt = -0.0;
    item = 1; ck_assert_int_eq(tdre_pending_put(p, &k1, &item), 0);
    item = 2; ck_assert_int_eq(tdre_pending_put(p, &k1, &item), 0);
    item = 3; ck_assert_int_eq(tdre_pending_put(p, &k2, &item), 0);
    item = 4; ck_assert_int_ne(tdre_pending_put(p, &k2, &item), 0);   /* limit */
    ck_assert_int_eq(tdre_pending_take(p, &k2, &item), 1);
    ck_assert_int_eq(item, 3);
    ck_assert_int_eq(tdre_pending_take(p, &k2, &item), 0);
    ck_assert_int_eq(tdre_pending_take(p, &k1, &item), 1);
    ck_assert_int_eq(item, 1);
    ck_assert_uint_eq(tdre_pending_count(p), 1);
    tdre_pending_free(p);
}
END_TEST

/* A row rejected by one side only, and the worst rows kept in order. */
START_TEST(comparison_screens_and_ranks)
{
    tdre_tol tol;
    tdre_cmp *c;
    tdre_vector in = { 0, 2000.0, 1, 0.0, 10.0, 20.0 };
    tdre_result ra = { 100, 0, 0, 100, "ok" }, rb = ra;
    tdre_side a = { &ra, 0, NULL, 0 }, b = { &rb, 1, "b.csv", 9 };
    memset(&tol, 0, sizeof tol);
    ck_assert_int_eq(tdre_bound_parse("abs 1", &tol.main), 0);
    tol.sv = tol.main;
    c = tdre_cmp_new("t", "a", "b", &tol, 0);
    for (int i = 1; i <= 7; i++) {
        in.colat = i;
        rb.x = 100 + i * 0.25;      /* |d| 0.25 .. 1.75: rows 5, 6, 7 fail */
        tdre_cmp_add(c, &in, &a, &b, NULL);
    }
    ck_assert_uint_eq(tdre_cmp_judged(c), 7);
    ck_assert_uint_eq(tdre_cmp_failed(c), 3);
    ck_assert_uint_eq(c->nworst[TDRE_G_MAIN], TDRE_WORST);
    CLOSE(c->worst[TDRE_G_MAIN][0].badness, 1.75, 1e-12);
    CLOSE(c->worst[TDRE_G_MAIN][0].in.colat, 7, 0);
    ck_assert_str_eq(c->worst[TDRE_G_MAIN][0].where_b, "b.csv:9");
    in.colat = 50;
    rb.x = NAN;
    strcpy(rb.status, "date-out-of-range");
    tdre_cmp_add(c, &in, &a, &b, NULL);
    ck_assert_uint_eq(c->problems, 1);
    ck_assert_msg(strstr(c->problem_text[0], "b.csv:9 rejects (date-out-of-range)"), "%s",
                  c->problem_text[0]);
    ck_assert(!tdre_cmp_holds(c));
    tdre_cmp_free(c);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("verify_units");
    TCase *tc = tcase_create("units");
    tcase_add_test(tc, four_differences_by_hand);
    tcase_add_test(tc, ulp_distances);
    tcase_add_test(tc, batches_combine_exactly);
    tcase_add_test(tc, histogram_quantiles_within_bin);
    tcase_add_test(tc, merge_and_round_trip);
    tcase_add_test(tc, bounds_parse_and_judge);
    tcase_add_test(tc, tolerance_file_errors_name_the_line);
    tcase_add_test(tc, pending_rows_by_input_bits);
    tcase_add_test(tc, comparison_screens_and_ranks);
    suite_add_tcase(s, tc);
    return tu_check_run(s);
}
