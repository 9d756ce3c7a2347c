/*
 * test_phase1_messages.c: phase 1's legacy messages go to standard error by
 * default (phase1.h), never to standard output, and say what the Fortran's
 * unit-6 messages say. Every other caller redirects them, so without this
 * suite the default branch of phase 1 would go unexercised (docs/coverage.md).
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "phase1.h"
#include "tu_check.h"

/* Runs phase 1 once with descriptors 1 and 2 captured into *out, *err. */
static void run_captured(double date, double res[4], char **out, char **err)
{
    FILE *fo = tmpfile(), *fe = tmpfile();
    ck_assert_ptr_nonnull(fo);
    ck_assert_ptr_nonnull(fe);
    fflush(stdout);
    fflush(stderr);
    int so = dup(STDOUT_FILENO), se = dup(STDERR_FILENO);
    ck_assert_int_ge(so, 0);
    ck_assert_int_ge(se, 0);
    ck_assert_int_ge(dup2(fileno(fo), STDOUT_FILENO), 0);
    ck_assert_int_ge(dup2(fileno(fe), STDERR_FILENO), 0);
    tdre_phase1_messages = NULL;
    tdre_phase1_igrf11syn(0, date, 1, 0.0, 45.0, 10.0, &res[0], &res[1], &res[2], &res[3]);
    fflush(stdout);
    fflush(stderr);
    dup2(so, STDOUT_FILENO);
    dup2(se, STDERR_FILENO);
    close(so);
    close(se);
    FILE *f[2] = { fo, fe };
    char **text[2] = { out, err };
    for (int i = 0; i < 2; i++) {
        long n = ftell(f[i]);
        ck_assert_int_ge(n, 0);
        *text[i] = calloc((size_t)n + 1, 1);
        ck_assert_ptr_nonnull(*text[i]);
        rewind(f[i]);
        ck_assert_uint_eq(fread(*text[i], 1, (size_t)n, f[i]), (size_t)n);
        fclose(f[i]);
    }
}

START_TEST(out_of_range_goes_to_stderr)
{
    double r[4];
    char *out, *err;
    run_captured(1800.0, r, &out, &err);
    ck_assert_str_eq(out, "");
    ck_assert_ptr_nonnull(strstr(err, "will not work with a date of  1800.000"));
    ck_assert_ptr_nonnull(strstr(err, "F = 1.0D+8., X = Y = Z = 0."));
    /* The legacy out-of-range answer (../shared/spec/legacy-igrf11.md). */
    ck_assert(r[0] == 0.0 && r[1] == 0.0 && r[2] == 0.0 && r[3] == 1.0e8);
    free(out);
    free(err);
}
END_TEST

START_TEST(late_date_warns_on_stderr)
{
    double r[4];
    char *out, *err;
    run_captured(2017.5, r, &out, &err);
    ck_assert_str_eq(out, "");
    ck_assert_ptr_nonnull(strstr(err, "intended for use up to 2015.0"));
    ck_assert_ptr_nonnull(strstr(err, "values for  2017.500 will be computed"));
    /* A value is still computed: a main field of the Earth's size. */
    ck_assert(r[3] > 20000.0 && r[3] < 70000.0);
    free(out);
    free(err);
}
END_TEST

START_TEST(in_range_is_silent)
{
    double r[4];
    char *out, *err;
    run_captured(2005.5, r, &out, &err);
    ck_assert_str_eq(out, "");
    ck_assert_str_eq(err, "");
    free(out);
    free(err);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("phase1-messages");
    TCase *tc = tcase_create("default-stream");
    tcase_add_test(tc, out_of_range_goes_to_stderr);
    tcase_add_test(tc, late_date_warns_on_stderr);
    tcase_add_test(tc, in_range_is_silent);
    suite_add_tcase(s, tc);
    return tu_check_run(s);
}
