/*
 * test_verify_mutants.c: a phase 1 with one constant or operator changed
 * (tests/verify.cmake builds each into a copy of tdre-verify) makes the
 * runs of `make verify` fail, naming the comparison; the real build passes
 * the same runs, so the failure is the mutant's.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

static char verify_bin[4096], gen_bin[4096], original[4200];
static char mutants[16][64];
static int nmutants;

static void locate(void)
{
    const char *bin = tu_env_dir("TDRE_BIN"), *src = tu_env_dir("TDRE_SOURCE_DIR");
    char list[] = TDRE_VERIFY_MUTANTS;
    if (!bin || !src) {
        fprintf(stderr, "TDRE_BIN and TDRE_SOURCE_DIR must be set (run through ctest)\n");
        exit(1);
    }
    tu_path(verify_bin, sizeof verify_bin, bin, "tdre-verify");
    tu_path(gen_bin, sizeof gen_bin, bin, "tdre-gen");
    snprintf(original, sizeof original, "original=%s/vectors/igrf11-original.csv", src);
    for (char *m = strtok(list, ","); m && nmutants < 16; m = strtok(NULL, ","))
        snprintf(mutants[nmutants++], sizeof mutants[0], "%s", m);
}

/* Runs the committed-vector comparison (committed = 1) or a generated set
 * through exe; returns its status, the report in *out. */
static int run(const char *exe, int committed, char **out)
{
    char out_path[4200], *argv[20];
    int n = 0, status;
    size_t len;
    snprintf(out_path, sizeof out_path, "%s/report.txt", tu_tmpdir());
    argv[n++] = (char *)exe;
    argv[n++] = "--no-progress";
    if (committed) {
        argv[n++] = "--results";
        argv[n++] = original;
        argv[n++] = "--pairs";
        argv[n++] = "original:oracle,original:phase1,oracle:phase1";
    } else {
        argv[n++] = "--gen";
        argv[n++] = gen_bin;
        argv[n++] = "--count";
        argv[n++] = "5000";
        argv[n++] = "--seed";
        argv[n++] = "7";
    }
    argv[n++] = "--impl";
    argv[n++] = "oracle";
    argv[n++] = "--impl";
    argv[n++] = "phase1";
    argv[n] = NULL;
    status = tu_run(argv, NULL, out_path, NULL);
    *out = tu_slurp(out_path, &len);
    ck_assert_ptr_nonnull(*out);
    return status;
}

static void expect(const char *out, const char *text, const char *who)
{
    ck_assert_msg(strstr(out, text), "%s: report lacks \"%s\":\n%s", who, text, out);
}

START_TEST(unmutated_build_passes)
{
    char *out;
    ck_assert_int_eq(run(verify_bin, 1, &out), 0);
    expect(out, "verdict [vectors] original:phase1: PASS", "tdre-verify");
    expect(out, "verdict [vectors] oracle:phase1: PASS", "tdre-verify");
    free(out);
    ck_assert_int_eq(run(verify_bin, 0, &out), 0);
    expect(out, "verdict [vectors] oracle:phase1: PASS", "tdre-verify");
    free(out);
}
END_TEST

START_TEST(mutant_is_caught_and_named)
{
    char exe[4200], *out;
    ck_assert_int_lt(_i, nmutants);
    snprintf(exe, sizeof exe, "%s/verify-mutant-%s", TDRE_VERIFY_MUTANT_DIR, mutants[_i]);
    ck_assert_int_eq(run(exe, 1, &out), 1);
    expect(out, "verdict [vectors] original:oracle: PASS", mutants[_i]);
    expect(out, "verdict [vectors] original:phase1: FAIL", mutants[_i]);
    expect(out, "verdict [vectors] oracle:phase1: FAIL", mutants[_i]);
    expect(out, "OVERALL: FAIL", mutants[_i]);
    free(out);
    ck_assert_int_eq(run(exe, 0, &out), 1);
    expect(out, "verdict [vectors] oracle:phase1: FAIL", mutants[_i]);
    free(out);
    printf("mutant %s: caught on the committed and the generated vectors\n", mutants[_i]);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("verify_mutants");
    TCase *tc = tcase_create("mutants");
    SRunner *sr;
    int failed;
    locate();
    if (nmutants == 0) {
        fputs("no mutants configured (TDRE_VERIFY_MUTANTS)\n", stderr);
        return 1;
    }
    tcase_set_timeout(tc, 300);
    tcase_add_test(tc, unmutated_build_passes);
    tcase_add_loop_test(tc, mutant_is_caught_and_named, 0, nmutants);
    suite_add_tcase(s, tc);
    sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
