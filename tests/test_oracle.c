/*
 * test_oracle.c: the oracle built from reference_f/ against the outputs of
 * the original igrf11.f, through tdre-eval as a user runs it.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "tu_check.h"

static char eval_bin[4096], vectors[4096];

static void locate(void)
{
    const char *bin = tu_env_dir("TDRE_BIN"), *src = tu_env_dir("TDRE_SOURCE_DIR");
    if (!bin || !src) {
        fprintf(stderr, "TDRE_BIN and TDRE_SOURCE_DIR must be set (run through ctest)\n");
        exit(1);
    }
    tu_path(eval_bin, sizeof eval_bin, bin, "tdre-eval");
    tu_path(vectors, sizeof vectors, src, "vectors/igrf11-original.csv");
}

/* Runs tdre-eval --impl IMPL on in; output and messages to files in tmp. */
static int run_eval(const char *impl, const char *in, char *out, char *err)
{
    char *argv[] = { eval_bin, "--impl", (char *)impl, (char *)in, NULL };
    snprintf(out, 4096, "%s/%s.out", tu_tmpdir(), impl);
    snprintf(err, 4096, "%s/%s.err", tu_tmpdir(), impl);
    return tu_run(argv, NULL, out, err);
}

/* Every row of the original's outputs, to the last bit, in order. */
static void check_bitwise(const char *impl)
{
    char out[4096], err[4096];
    tdre_vector *ev, *ov;
    tdre_result *er, *orr;
    long n_expected, n_got, same = 0;
    int status = run_eval(impl, vectors, out, err);
    ck_assert_int_eq(status, 0);
    n_expected = tu_read_results(vectors, &ov, &orr);
    n_got = tu_read_results(out, &ev, &er);
    ck_assert_int_eq(n_expected, 8480);
    ck_assert_int_eq(n_got, n_expected);
    for (long i = 0; i < n_got; i++) {
        int row_same = tu_same_vector(&ev[i], &ov[i]) && tu_same_result(&er[i], &orr[i]);
        if (!row_same && i - same < 5)
            fprintf(stderr, "%s row %ld differs: %.17g %.17g %.17g %.17g vs %.17g %.17g %.17g %.17g\n",
                    impl, i + 2, er[i].x, er[i].y, er[i].z, er[i].f,
                    orr[i].x, orr[i].y, orr[i].z, orr[i].f);
        same += row_same;
    }
    printf("%s vs the original igrf11.f: %ld/%ld rows identical to the last bit\n",
           impl, same, n_got);
    ck_assert_int_eq(same, n_got);
    free(ev); free(er); free(ov); free(orr);
}

START_TEST(oracle_matches_original_bitwise) { check_bitwise("oracle"); }
END_TEST

START_TEST(phase1_matches_original_bitwise) { check_bitwise("phase1"); }
END_TEST

/* The committed vectors hold the same numbers as the shared file they came from. */
START_TEST(committed_vectors_match_shared)
{
    char shared_csv[4096];
    tdre_vector *cv, *sv;
    tdre_result *cr, *sr;
    long nc, ns;
    tu_path(shared_csv, sizeof shared_csv, tu_shared_or_skip(), "data/oracle/igrf11_oracle.csv");
    nc = tu_read_results(vectors, &cv, &cr);
    ns = tu_read_results(shared_csv, &sv, &sr);
    ck_assert_int_eq(nc, ns);
    for (long i = 0; i < nc; i++) {
        ck_assert_msg(tu_same_vector(&cv[i], &sv[i]), "inputs differ at row %ld", i + 2);
        ck_assert_msg(tu_same_result(&cr[i], &sr[i]), "outputs differ at row %ld", i + 2);
    }
    free(cv); free(cr); free(sv); free(sr);
}
END_TEST

/* The legacy unit-6 messages never reach standard output. */
START_TEST(legacy_messages_stay_off_stdout)
{
    char in[4096], out[4096], err[4096];
    tdre_vector *v;
    tdre_result *r;
    char *errtext;
    snprintf(in, sizeof in, "%s/range.csv", tu_tmpdir());
    ck_assert_int_eq(tu_write(in, "isv,date,itype,alt,colat,elong\n"
                                  "0,1899.5,1,0,45,10\n"
                                  "0,2017.5,1,0,45,10\n"
                                  "0,2000.5,2,6371.2,90,0\n"
                                  "0,2021,2,7000,30,-20\n"), 0);
    for (int k = 0; k < 2; k++) {
        const char *impl = k ? "phase1" : "oracle";
        ck_assert_int_eq(run_eval(impl, in, out, err), 0);
        ck_assert_int_eq(tu_read_results(out, &v, &r), 4);
        ck_assert(r[0].x == 0 && r[0].y == 0 && r[0].z == 0 && r[0].f == 1e8);
        ck_assert(r[3].f == 1e8);
        ck_assert(r[1].f > 20000 && r[1].f < 70000);
        errtext = tu_slurp(err, NULL);
        ck_assert_ptr_nonnull(strstr(errtext, "lines of legacy messages"));
        free(errtext); free(v); free(r);
    }
}
END_TEST

/* A malformed row: named with file and line, skipped whole, the rest kept. */
START_TEST(malformed_row_is_named_and_skipped)
{
    char in[4096], out[4096], err[4096];
    tdre_vector *v;
    tdre_result *r;
    char *errtext;
    snprintf(in, sizeof in, "%s/bad.csv", tu_tmpdir());
    ck_assert_int_eq(tu_write(in, "colat,elong,isv,date,itype,alt,comment\n"
                                  "45,10,0,2000.5,1,0,first\n"
                                  "45,10,0,2000.5x,1,0,bad date\n"
                                  "45,10,0,2001.5,1,0,third\n"), 0);
    ck_assert_int_eq(run_eval("oracle", in, out, err), 1);
    ck_assert_int_eq(tu_read_results(out, &v, &r), 2);
    ck_assert(v[0].date == 2000.5 && v[1].date == 2001.5);
    errtext = tu_slurp(err, NULL);
    ck_assert_ptr_nonnull(strstr(errtext, "bad.csv:3:"));
    ck_assert_ptr_nonnull(strstr(errtext, "date"));
    free(errtext); free(v); free(r);
}
END_TEST

START_TEST(help_documents_every_option)
{
    char out[4096];
    char *argv[] = { eval_bin, "--help", NULL };
    char *text;
    snprintf(out, sizeof out, "%s/help.out", tu_tmpdir());
    ck_assert_int_eq(tu_run(argv, NULL, out, NULL), 0);
    text = tu_slurp(out, NULL);
    for (const char *opt = "--impl\0--model\0--output\0--messages\0Exit status\0"; *opt;
         opt += strlen(opt) + 1)
        ck_assert_msg(strstr(text, opt) != NULL, "--help lacks %s", opt);
    free(text);
}
END_TEST

START_TEST(unknown_impl_is_a_usage_error)
{
    char out[4096], err[4096];
    ck_assert_int_eq(run_eval("phase9", vectors, out, err), 2);
}
END_TEST

/* argv[1] "shared": only the checks that need ../shared (skipped without it). */
int main(int argc, char **argv)
{
    Suite *s = suite_create("oracle");
    TCase *tc = tcase_create("oracle");
    locate();
    tcase_set_timeout(tc, 300);
    if (argc > 1 && strcmp(argv[1], "shared") == 0) {
        tu_shared_or_skip();
        tcase_add_test(tc, committed_vectors_match_shared);
        goto run;
    }
    tcase_add_test(tc, oracle_matches_original_bitwise);
    tcase_add_test(tc, phase1_matches_original_bitwise);
    tcase_add_test(tc, legacy_messages_stay_off_stdout);
    tcase_add_test(tc, malformed_row_is_named_and_skipped);
    tcase_add_test(tc, help_documents_every_option);
    tcase_add_test(tc, unknown_impl_is_a_usage_error);
run:
    suite_add_tcase(s, tc);
    return tu_check_run(s);
}
