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
#include "tu_check.h"

static char verify_bin[4096], gen_bin[4096], original[4200];
static char mutants[16][64], impls[16][32];   /* mutant, implementation it breaks */
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
    for (char *m = strtok(list, ","); m && nmutants < 16; m = strtok(NULL, ",")) {
        char *eq = strchr(m, '=');
        if (!eq) continue;
        *eq = '\0';
        snprintf(mutants[nmutants], sizeof mutants[0], "%s", m);
        snprintf(impls[nmutants++], sizeof impls[0], "%s", eq + 1);
    }
}

/* Runs the committed-vector comparison (committed = 1) or a generated set
 * through exe, with the oracle and impl; returns its status, the report in
 * *out. */
static int run(const char *exe, const char *impl, int committed, char **out)
{
    char out_path[4200], pairs[128], *argv[20];
    int n = 0, status;
    size_t len;
    snprintf(out_path, sizeof out_path, "%s/report.txt", tu_tmpdir());
    snprintf(pairs, sizeof pairs, "original:oracle,original:%s,oracle:%s", impl, impl);
    argv[n++] = (char *)exe;
    argv[n++] = "--no-progress";
    if (committed) {
        argv[n++] = "--results";
        argv[n++] = original;
        argv[n++] = "--pairs";
        argv[n++] = pairs;
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
    argv[n++] = (char *)impl;
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

static void expect_verdict(const char *out, const char *a, const char *b, const char *verdict,
                           const char *who)
{
    char text[160];
    snprintf(text, sizeof text, "verdict [vectors] %s:%s: %s", a, b, verdict);
    expect(out, text, who);
}

/* The real build passes the same runs for every implementation mutated. */
START_TEST(unmutated_build_passes)
{
    char *out;
    const char *impl = impls[_i];
    ck_assert_int_eq(run(verify_bin, impl, 1, &out), 0);
    expect_verdict(out, "original", impl, "PASS", "tdre-verify");
    expect_verdict(out, "oracle", impl, "PASS", "tdre-verify");
    free(out);
    ck_assert_int_eq(run(verify_bin, impl, 0, &out), 0);
    expect_verdict(out, "oracle", impl, "PASS", "tdre-verify");
    free(out);
}
END_TEST

START_TEST(mutant_is_caught_and_named)
{
    char exe[4200], *out;
    const char *impl = impls[_i], *name = mutants[_i];
    snprintf(exe, sizeof exe, "%s/verify-mutant-%s", TDRE_VERIFY_MUTANT_DIR, name);
    ck_assert_int_eq(run(exe, impl, 1, &out), 1);
    expect_verdict(out, "original", "oracle", "PASS", name);
    expect_verdict(out, "original", impl, "FAIL", name);
    expect_verdict(out, "oracle", impl, "FAIL", name);
    expect(out, "OVERALL: FAIL", name);
    free(out);
    ck_assert_int_eq(run(exe, impl, 0, &out), 1);
    expect_verdict(out, "oracle", impl, "FAIL", name);
    free(out);
    printf("mutant %s of %s: caught on the committed and the generated vectors\n", name, impl);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("verify_mutants");
    TCase *tc = tcase_create("mutants");
    locate();
    if (nmutants == 0) {
        fputs("no mutants configured (TDRE_VERIFY_MUTANTS)\n", stderr);
        return 1;
    }
    tcase_set_timeout(tc, 300);
    tcase_add_loop_test(tc, unmutated_build_passes, 0, nmutants);
    tcase_add_loop_test(tc, mutant_is_caught_and_named, 0, nmutants);
    suite_add_tcase(s, tc);
    return tu_check_run(s);
}
