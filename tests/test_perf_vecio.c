/*
 * test_perf_vecio.c: the fast roads of the CSV reader and writer (issue 10)
 * against the C library: every number the reader takes without strtod must
 * be strtod's double to the bit, and a row written with the fast formatter
 * must read back to the same bits. tdre-eval's pipeline (--threads 2) must
 * write what the single thread writes.
 */
#include <check.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "tu_check.h"
#include "vecio.h"

/* splitmix64: a reproducible stream for the cases. */
static uint64_t next_u64(uint64_t *s)
{
    uint64_t z = (*s += UINT64_C(0x9E3779B97F4A7C15));
    z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
    return z ^ (z >> 31);
}

/* Parses each text as the date of a row through tdre_csv_next and counts
 * the ones whose double is not strtod's. */
static int parse_mismatches(char **texts, size_t n)
{
    char *buf = NULL, err[256];
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    ck_assert_ptr_nonnull(f);
    fputs("isv,date,itype,alt,colat,elong\n", f);
    for (size_t i = 0; i < n; i++)
        fprintf(f, "0,%s,1,%s,%s%s,%s\n", texts[i], texts[i],
                texts[i][0] == '-' || texts[i][0] == '+' ? "" : "-", texts[i], texts[i]);
    fclose(f);
    FILE *in = fmemopen(buf, len, "r");
    tdre_csv *csv = tdre_csv_from_stream(in, "mem", err, sizeof err);
    ck_assert_int_eq(tdre_csv_header(csv, 0, err, sizeof err), 0);
    int bad = 0;
    for (size_t i = 0; i < n; i++) {
        tdre_vector v;
        int r = tdre_csv_next(csv, &v, NULL, err, sizeof err);
        double want = strtod(texts[i], NULL), neg;
        char minus[80];
        snprintf(minus, sizeof minus, "%s%s", texts[i][0] == '-' || texts[i][0] == '+' ? "" : "-",
                 texts[i]);
        neg = strtod(minus, NULL);
        if (r != 1 || memcmp(&v.date, &want, sizeof want) != 0 ||
            memcmp(&v.alt, &want, sizeof want) != 0 || memcmp(&v.colat, &neg, sizeof neg) != 0) {
            if (bad++ < 5)
                fprintf(stderr, "parse '%s': r %d, got %.17g, strtod %.17g (%s)\n", texts[i], r,
                        v.date, want, r == 1 ? "" : err);
        }
    }
    ck_assert_int_eq(tdre_csv_next(csv, &(tdre_vector){ 0 }, NULL, err, sizeof err), 0);
    tdre_csv_close(csv);
    fclose(in);
    free(buf);
    return bad;
}

START_TEST(parse_special_cases)
{
    /* Halfway cases of the 128-bit division (x.5 in [2^52, 2^53), x.25 and
     * x.75 in [2^51, 2^52), just above and below them), Clinger's limits
     * (2^53, 10^22, 10^23), 19 and 20 digits, 27 and 28 places, exponents,
     * zeros, and forms strtod alone takes. */
    static char *texts[] = {
        "4503599627370497.5", "4503599627370498.5", "4503599627370497.4999",
        "4503599627370497.5001", "2251799813685249.25", "2251799813685249.75",
        "2251799813685250.25", "2251799813685250.75", "9007199254740993",
        "9007199254740992", "9007199254740993.0", "900719925474099.35", "1e22", "1e23",
        "1e-22", "1e-23", "1234567890123456789", "12345678901234567890",
        "0.1234567890123456789", "0.000000000000000000000000001",
        "0.0000000000000000000000000001", "1.7976931348623157e308", "2.2250738585072014e-308",
        "4.9406564584124654e-324", "0", "0.0", "-0", "+1", "1.", ".5", "1e5", "1E+05",
        "2.5e-3", "0x1p3", "inf", "nan", "1e400", "1e-400", "007", "00.0012345678901234567",
        "1957.3456789012345", "6371.2", "42199.999999999993", "179.99999999999997",
        "3.0000000000000004e-05", "99999999999999999", "0.99999999999999994",
        "1e0000000000000000000001", "1e-0000000000000000000001",
    };
    size_t n = sizeof texts / sizeof texts[0];
    /* inf, nan and 1e400 are refused in a date, whichever road reads them */
    char *ok[sizeof texts / sizeof texts[0]];
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        double v = strtod(texts[i], NULL);
        if (isfinite(v))
            ok[m++] = texts[i];
    }
    ck_assert_int_eq(parse_mismatches(ok, m), 0);
}
END_TEST

START_TEST(parse_random_decimals)
{
    /* %.17g, %.15g and %.19g of random doubles over the ranges of a vector
     * file and far beyond, and random digit strings with the point and an
     * exponent anywhere. */
    enum { N = 200000 };
    char **texts = malloc(N * sizeof *texts);
    uint64_t s = 10;
    for (size_t i = 0; i < N; i++) {
        char buf[80];
        uint64_t r = next_u64(&s);
        int kind = (int)(r % 4);
        if (kind < 3) {
            double mag = ldexp(1.0, (int)(next_u64(&s) % 200) - 100);
            double v = mag * (double)(next_u64(&s) >> 11) * 0x1p-53;
            snprintf(buf, sizeof buf, kind == 0 ? "%.17g" : kind == 1 ? "%.15g" : "%.19g", v);
        } else {
            int nd = 1 + (int)(next_u64(&s) % 20), point = (int)(next_u64(&s) % (nd + 1));
            int p = 0;
            for (int d = 0; d < nd; d++) {
                if (d == point && d > 0) buf[p++] = '.';
                buf[p++] = (char)('0' + next_u64(&s) % 10);
            }
            if (next_u64(&s) % 3 == 0)
                p += snprintf(buf + p, sizeof buf - (size_t)p, "e%d", (int)(next_u64(&s) % 61) - 30);
            buf[p] = '\0';
        }
        texts[i] = strdup(buf);
    }
    ck_assert_int_eq(parse_mismatches(texts, N), 0);
    for (size_t i = 0; i < N; i++) free(texts[i]);
    free(texts);
}
END_TEST

START_TEST(write_reads_back)
{
    /* A written row reads back to the same bits, nan included. */
    char *buf = NULL, err[256];
    size_t len = 0;
    uint64_t s = 3;
    enum { N = 20000 };
    static tdre_vector v[N];
    static tdre_result r[N];
    FILE *f = open_memstream(&buf, &len);
    tdre_csv_write_header(f, 1);
    for (size_t i = 0; i < N; i++) {
        double x[8];
        for (int k = 0; k < 8; k++) {
            uint64_t bits = next_u64(&s) & ~(UINT64_C(0x7ff) << 52);
            bits |= (uint64_t)(1023 - 40 + (int)(next_u64(&s) % 80)) << 52;
            memcpy(&x[k], &bits, sizeof bits);
        }
        v[i] = (tdre_vector){ (int)(i & 1), x[0], 1 + (int)(i % 3 == 0), x[1], x[2], x[3] };
        r[i] = (tdre_result){ x[4], x[5], x[6], x[7], "ok" };
        if (i % 7 == 0) {
            r[i].x = r[i].y = r[i].z = r[i].f = NAN;
            strcpy(r[i].status, "date-out-of-range");
        }
        tdre_csv_write_row(f, &v[i], &r[i], 1);
    }
    fclose(f);
    FILE *in = fmemopen(buf, len, "r");
    tdre_csv *csv = tdre_csv_from_stream(in, "mem", err, sizeof err);
    ck_assert_int_eq(tdre_csv_header(csv, 1, err, sizeof err), 0);
    for (size_t i = 0; i < N; i++) {
        tdre_vector bv;
        tdre_result br;
        ck_assert_int_eq(tdre_csv_next(csv, &bv, &br, err, sizeof err), 1);
        ck_assert_int_eq(bv.isv, v[i].isv);
        ck_assert_int_eq(bv.itype, v[i].itype);
        ck_assert_mem_eq(&bv.date, &v[i].date, sizeof(double));
        ck_assert_mem_eq(&bv.alt, &v[i].alt, sizeof(double));
        ck_assert_mem_eq(&bv.colat, &v[i].colat, sizeof(double));
        ck_assert_mem_eq(&bv.elong, &v[i].elong, sizeof(double));
        ck_assert_str_eq(br.status, r[i].status);
        if (isnan(r[i].x)) {
            ck_assert(isnan(br.x) && isnan(br.f));
        } else {
            ck_assert_mem_eq(&br.x, &r[i].x, sizeof(double));
            ck_assert_mem_eq(&br.f, &r[i].f, sizeof(double));
        }
    }
    tdre_csv_close(csv);
    fclose(in);
    free(buf);
}
END_TEST

/* tdre-eval with the pipeline writes the bytes one thread writes, and the
 * same messages, over a file with malformed rows among many batches. */
START_TEST(eval_pipeline_same_output)
{
    const char *bin = tu_env_dir("TDRE_BIN"), *dir = tu_tmpdir();
    char eval[4096], in[4096], out1[4096], out2[4096], err1[4096], err2[4096];
    tu_path(eval, sizeof eval, bin, "tdre-eval");
    tu_path(in, sizeof in, dir, "in.csv");
    tu_path(out1, sizeof out1, dir, "out1.csv");
    tu_path(out2, sizeof out2, dir, "out2.csv");
    tu_path(err1, sizeof err1, dir, "err1.txt");
    tu_path(err2, sizeof err2, dir, "err2.txt");
    FILE *f = fopen(in, "w");
    uint64_t s = 5;
    fputs("isv,date,itype,alt,colat,elong\n", f);
    for (int i = 0; i < 30000; i++) {
        if (i % 4999 == 17)
            fputs("0,2000,1,bad,10,10\n", f);
        fprintf(f, "%d,%.17g,%d,%.17g,%.17g,%.17g\n", (int)(next_u64(&s) & 1),
                1890.0 + 140.0 * (double)(next_u64(&s) >> 11) * 0x1p-53,
                1 + (int)(next_u64(&s) & 1), 500.0 * (double)(next_u64(&s) >> 11) * 0x1p-53,
                180.0 * (double)(next_u64(&s) >> 11) * 0x1p-53,
                360.0 * (double)(next_u64(&s) >> 11) * 0x1p-53);
    }
    fclose(f);
    const char *impls[] = { "phase2", "oracle" };
    for (int k = 0; k < 2; k++) {
        char *argv1[] = { eval, "--impl", (char *)impls[k], "--threads", "1", in, NULL };
        char *argv2[] = { eval, "--impl", (char *)impls[k], "--threads", "2", in, NULL };
        ck_assert_int_eq(tu_run(argv1, NULL, out1, err1), 1);
        ck_assert_int_eq(tu_run(argv2, NULL, out2, err2), 1);
        size_t l1, l2, e1, e2;
        char *a = tu_slurp(out1, &l1), *b = tu_slurp(out2, &l2);
        char *c = tu_slurp(err1, &e1), *d = tu_slurp(err2, &e2);
        ck_assert_uint_gt(l1, 30000 * 20);
        ck_assert_uint_eq(l1, l2);
        ck_assert(memcmp(a, b, l1) == 0);
        ck_assert_uint_eq(e1, e2);
        ck_assert(memcmp(c, d, e1) == 0);
        ck_assert_ptr_nonnull(strstr(c, "in.csv:19: column 'alt'"));
        free(a);
        free(b);
        free(c);
        free(d);
    }
}
END_TEST

/* A bad --threads is a usage error, named. */
START_TEST(eval_threads_option)
{
    const char *bin = tu_env_dir("TDRE_BIN"), *dir = tu_tmpdir();
    char eval[4096], out[4096], errp[4096];
    tu_path(eval, sizeof eval, bin, "tdre-eval");
    tu_path(out, sizeof out, dir, "t.out");
    tu_path(errp, sizeof errp, dir, "t.err");
    const char *bad[] = { "0", "65", "x", "" };
    for (int k = 0; k < 4; k++) {
        char *argv[] = { eval, "--impl", "phase2", "--threads", (char *)bad[k], NULL };
        ck_assert_int_eq(tu_run(argv, NULL, out, errp), 2);
        size_t n;
        char *msg = tu_slurp(errp, &n);
        ck_assert_ptr_nonnull(strstr(msg, "--threads takes an integer 1..64"));
        free(msg);
    }
}
END_TEST

int main(void)
{
    Suite *s = suite_create("perf_vecio");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 300);
    tcase_add_test(tc, parse_special_cases);
    tcase_add_test(tc, parse_random_decimals);
    tcase_add_test(tc, write_reads_back);
    tcase_add_test(tc, eval_pipeline_same_output);
    tcase_add_test(tc, eval_threads_option);
    suite_add_tcase(s, tc);
    return tu_check_run(s);
}
