/*
 * test_readahead.c: rows parsed ahead on another thread (readahead.h) are
 * the rows tdre_csv_next gives in turn: the same results, values to the
 * bit, messages and line numbers, in order, across many batches, and a
 * reader stopped early neither hangs nor leaks.
 */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "readahead.h"
#include "testutil.h"
#include "tu_check.h"
#include "vecio.h"

/* A file of n rows of the given header, with malformed rows, blank lines
 * and CRLF ends among them (seeded, so failures reproduce). */
static char *make_file(size_t n, int results, unsigned seed, size_t *len)
{
    char *buf = NULL;
    FILE *f = open_memstream(&buf, len);
    srand(seed);
    fputs(results ? "isv,date,itype,alt,colat,elong,x,y,z,f,status\n"
                  : "isv,date,itype,alt,colat,elong\n", f);
    for (size_t i = 0; i < n; i++) {
        int kind = rand() % 100;
        double d = 1900.0 + (double)rand() / RAND_MAX * 120.0;
        if (kind == 0) fputs("0,not-a-date,1,0,90,0", f);
        else if (kind == 1) fputs("2,2000,1,0,90,0", f);
        else if (kind == 2) fputs("0,2000,1", f);
        else if (kind == 3) fputs("   ", f);
        else fprintf(f, "%d,%.17g,%d,%.17g,%.17g,%.17g", kind & 1, d, 1 + (kind % 3 == 0),
                     (double)rand() / RAND_MAX * 1000.0, (double)rand() / RAND_MAX * 180.0,
                     (double)rand() / RAND_MAX * 360.0 - 180.0);
        if (results && kind > 3)
            fprintf(f, kind % 7 ? ",%.17g,%.17g,%.17g,%.17g,ok" : ",nan,nan,nan,nan,date-out-of-range",
                    d * 7.0, -d, d / 3.0, d * 9.0);
        fputs(kind % 11 == 0 ? "\r\n" : "\n", f);
    }
    fclose(f);
    return buf;
}

static tdre_csv *open_text(char *buf, size_t len, int results, FILE **in)
{
    char err[256];
    *in = fmemopen(buf, len, "r");
    ck_assert_ptr_nonnull(*in);
    tdre_csv *csv = tdre_csv_from_stream(*in, "mem.csv", err, sizeof err);
    ck_assert_ptr_nonnull(csv);
    ck_assert_int_eq(tdre_csv_header(csv, results, err, sizeof err), 0);
    return csv;
}

/* Reads the file both ways and counts the rows where they differ. */
static size_t compare_ways(size_t n, int results, unsigned seed, size_t *rows)
{
    size_t len, bad = 0;
    char *buf = make_file(n, results, seed, &len);
    FILE *in_a, *in_b;
    tdre_csv *a = open_text(buf, len, results, &in_a), *b = open_text(buf, len, results, &in_b);
    tdre_readahead *ra = tdre_readahead_start(b, results);
    ck_assert_ptr_nonnull(ra);
    *rows = 0;
    for (;;) {
        tdre_vector va, vb;
        tdre_result rsa, rsb;
        char ea[512] = "", eb[512] = "";
        long line_b;
        int rca = tdre_csv_next(a, &va, results ? &rsa : NULL, ea, sizeof ea);
        long line_a = tdre_csv_line(a);
        int rcb = tdre_readahead_next(ra, &vb, results ? &rsb : NULL, &line_b, eb, sizeof eb);
        int same = rca == rcb && line_a == line_b && strcmp(ea, eb) == 0;
        if (same && rca == 1)
            same = tu_same_vector(&va, &vb) && (!results || tu_same_result(&rsa, &rsb));
        if (!same && bad++ < 5)
            fprintf(stderr, "row %zu: direct %d line %ld '%s', ahead %d line %ld '%s'\n", *rows,
                    rca, line_a, ea, rcb, line_b, eb);
        ++*rows;
        if (rca == 0 || rca == -2 || !same) break;
    }
    /* after the end, the end again */
    tdre_vector v;
    long line;
    char err[64];
    ck_assert_int_eq(tdre_readahead_next(ra, &v, NULL, &line, err, sizeof err), 0);
    tdre_readahead_stop(ra);
    tdre_csv_close(a);
    tdre_csv_close(b);
    fclose(in_a);
    fclose(in_b);
    free(buf);
    return bad;
}

START_TEST(same_rows_as_direct_reading)
{
    size_t rows;
    /* many batches (of 1024 rows, 4 slots), with and without results */
    ck_assert_uint_eq(compare_ways(20000, 0, 1, &rows), 0);
    ck_assert_uint_gt(rows, 19000);     /* blank lines are no rows */
    ck_assert_uint_eq(compare_ways(20000, 1, 2, &rows), 0);
    /* a header and nothing else; one row; exactly a batch */
    ck_assert_uint_eq(compare_ways(0, 0, 3, &rows), 0);
    ck_assert_uint_eq(rows, 1);
    ck_assert_uint_eq(compare_ways(1, 1, 4, &rows), 0);
    ck_assert_uint_eq(compare_ways(1024, 0, 5, &rows), 0);
}
END_TEST

START_TEST(stopped_early)
{
    size_t len;
    char *buf = make_file(50000, 0, 6, &len);
    for (int taken = 0; taken < 5000; taken += 1700) {
        FILE *in;
        tdre_csv *csv = open_text(buf, len, 0, &in);
        tdre_readahead *ra = tdre_readahead_start(csv, 0);
        ck_assert_ptr_nonnull(ra);
        for (int i = 0; i < taken; i++) {
            tdre_vector v;
            long line;
            char err[512];
            ck_assert_int_ne(tdre_readahead_next(ra, &v, NULL, &line, err, sizeof err), 0);
        }
        tdre_readahead_stop(ra);        /* the reader is waiting for a slot */
        tdre_csv_close(csv);
        fclose(in);
    }
    free(buf);
    tdre_readahead_stop(NULL);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("readahead");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, same_rows_as_direct_reading);
    tcase_add_test(tc, stopped_early);
    suite_add_tcase(s, tc);
    return tu_check_run(s);
}
