/*
 * test_tables_bad.c: every kind of malformed coefficient file gets the
 * right error code and a message naming the file and the line
 * (tests/data/coeffs-bad/, one defect per file, hand written).
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "coeffio.h"
#include "tdre.h"
#include "testutil.h"
#include "tu_check.h"

static tdre_coeffs model;
static char bad_dir[4096];

static const struct {
    const char *file;
    int line;
    const char *says;
} cases[] = {
    { "empty.txt", 1, "empty file" },
    { "noaa-ragged.txt", 8, "ragged row" },
    { "noaa-nonnumber.txt", 7, "not a number: 'abc'" },
    { "noaa-nan.txt", 6, "not a number: 'nan'" },
    { "noaa-inf.txt", 6, "not a number: 'inf'" },
    { "noaa-garbage.txt", 10, "not a number: '1657.76x'" },
    { "noaa-missing.txt", 10, "missing h(2,1)" },
    { "noaa-repeated.txt", 9, "repeated g(2,1) (first on line 8)" },
    { "noaa-degree.txt", 12, "degree n=14 is above 13" },
    { "noaa-epochs.txt", 3, "epochs out of order" },
    { "noaa-header-only.txt", 3, "no coefficient rows" },
    { "shc-ragged.SHC", 5, "ragged row" },
    { "shc-nonnumber.SHC", 10, "not a number: '--1657.76'" },
    { "shc-missing.SHC", 10, "missing h(2,2)" },
    { "shc-repeated.SHC", 7, "repeated (n,m)=(1,0) (first on line 4)" },
    { "shc-degree.SHC", 2, "nmax=14 is outside 1..13" },
    { "shc-epochs.SHC", 3, "epochs out of order" },
    { "shc-header-only.SHC", 3, "no coefficient rows" },
    { "cof-ragged.COF", 4, "ragged row" },
    { "cof-nonnumber.COF", 5, "not a number: '-2481.6O'" },
    { "cof-missing.COF", 5, "missing g(2,2)" },
    { "cof-repeated.COF", 6, "repeated g(2,1) (first on line 5)" },
    { "cof-degree.COF", 1, "nmax=14 is outside 1..13" },
    { "cof-epochs.COF", 7, "epochs out of order" },
    { "cof-header-only.COF", 1, "without coefficient rows" },
};

START_TEST(malformed_file)
{
    char path[4096], err[512], prefix[4200];
    tu_path(path, sizeof path, bad_dir, cases[_i].file);
    snprintf(prefix, sizeof prefix, "%s:%d: ", path, cases[_i].line);
    model.nepochs = 99;
    int rc = tdre_coeffs_read(path, TDRE_COEFFS_AUTO, &model, err, sizeof err);
    ck_assert_msg(rc == TDRE_EFORMAT, "%s: rc %d (%s)", cases[_i].file, rc, err);
    ck_assert_msg(strncmp(err, prefix, strlen(prefix)) == 0, "'%s' should start '%s'", err,
                  prefix);
    ck_assert_msg(strstr(err, cases[_i].says) != NULL, "'%s' should say '%s'", err,
                  cases[_i].says);
    ck_assert_int_eq(model.nepochs, 0);   /* nothing half read is returned */
}
END_TEST

#define NOAA_HEAD "g/h n m 2000.0 2000-05\n"
#define COF_HEAD "   T2000  2000.00  1  1  0 2000.00 2005.00  -1.0  600.0  T2000  0\n"

/* Defects that need no file of their own: text, line, message. */
static const struct {
    const char *text;
    int line;
    const char *says;
} texts[] = {
    { NOAA_HEAD "g 1 0 -29619.4 11.4\ng 1 1 -1728.2 16.7\nh 1 0 5186.1 -28.8\n", 4,
      "h(1,0) does not exist" },
    { NOAA_HEAD "g 1 0 -29619.4 11.4\ng 1 2 -1728.2 16.7\n", 3, "order m=2 is outside 0..n" },
    { NOAA_HEAD "g 0 0 1 1\n", 2, "degree n=0 is below 1" },
    { NOAA_HEAD "x 1 0 1 1\n", 2, "first field must be g or h" },
    { "g 1 0 1 1\n" NOAA_HEAD, 1, "coefficient row before the heading" },
    { "g/h n m 2000.0 1990-95\ng 1 0 1 1\n", 1, "does not start at the last epoch" },
    { "g/h n m 2000.0 2000-x\ng 1 0 1 1\n", 1, "is not like 2010-15" },
    { "g/h n m 2000.0 2005.0\ng 1 0 1 0\ng 1 1 1 0\nh 1 1 1 0\n", 4,
      "epoch 2005 has no nonzero coefficient" },
    { "1 1 2 2 1 2000.0 2010.0\n2000.0 2005.0\n1 0 1 2\n1 1 1 2\n1 1 1 2\n", 2,
      "differ from the header's range" },
    { "2 1 1\n2000.0\n1 0 1\n", 1, "nmin=2" },
    { "1 1 1\n2000.0\n1 0 1\n1 1 1\n1 1 1\n1 1 1\n", 6, "repeated (n,m)=(1,1)" },
    { "1 1 1\n2000.0\n2 0 1\n", 3, "above the declared maximum 1" },
    { COF_HEAD " 1  0  1.0  0.0  1.0  0.0\n 1  1  1.0  2.0  0.0  0.0\n"
      "   T2005  2005.00  1  1  0 2005.00 2010.00  -1.0  600.0  T2005  0\n"
      " 1  0  1.0  0.0  0.0  0.0\n 1  1  1.0  2.0  0.0  0.0\n", 2, "SV in a record that is not the last" },
    { COF_HEAD " 1  0  1.0  3.0  0.0  0.0\n 1  1  1.0  2.0  0.0  0.0\n", 2, "h(1,0) must be 0" },
    { "hello world\n", 1, "format not recognised" },
    { "# only\n# comments\n", 2, "empty file" },
    { "   \t \r\n\n", 2, "empty file" },
};

START_TEST(malformed_text)
{
    char err[512], prefix[64];
    snprintf(prefix, sizeof prefix, "text:%d: ", texts[_i].line);
    int rc = tdre_coeffs_parse("text", texts[_i].text, strlen(texts[_i].text), TDRE_COEFFS_AUTO,
                               &model, err, sizeof err);
    ck_assert_msg(rc == TDRE_EFORMAT, "case %d: rc %d (%s)", _i, rc, err);
    ck_assert_msg(strncmp(err, prefix, strlen(prefix)) == 0, "'%s' should start '%s'", err,
                  prefix);
    ck_assert_msg(strstr(err, texts[_i].says) != NULL, "'%s' should say '%s'", err,
                  texts[_i].says);
}
END_TEST

/* geomag70's end-of-file line of nines ends the model. */
START_TEST(cof_end_marker)
{
    char err[256];
    const char *text = COF_HEAD " 1  0  1.0  0.0  0.5  0.0\n 1  1  1.0  2.0  0.0  0.0\n"
                       "999999999999999999999999999999999999999999999999\n"
                       "anything after it\n";
    ck_assert_int_eq(tdre_coeffs_parse("t", text, strlen(text), TDRE_COEFFS_AUTO, &model, err,
                                       sizeof err), TDRE_OK);
    ck_assert(model.nepochs == 1 && model.sv_g[1][0] == 0.5 && model.valid_to == 2005.0);
}
END_TEST

START_TEST(unreadable_paths)
{
    char err[512], path[4096];
    const char *missing = "/nonexistent-dir/igrf.txt";
    ck_assert_int_eq(tdre_coeffs_read(missing, TDRE_COEFFS_AUTO, &model, err, sizeof err),
                     TDRE_EIO);
    ck_assert_msg(strncmp(err, "/nonexistent-dir/igrf.txt:0: cannot open", 40) == 0, "%s", err);
    /* a directory opens but cannot be read */
    tu_path(path, sizeof path, bad_dir, ".");
    ck_assert_int_eq(tdre_coeffs_read(path, TDRE_COEFFS_AUTO, &model, err, sizeof err),
                     TDRE_EIO);
    ck_assert_msg(strncmp(err, path, strlen(path)) == 0, "%s", err);
}
END_TEST

static int parse(const char *text, size_t len, int format, char *err, size_t errlen)
{
    return tdre_coeffs_parse("mem", text, len, format, &model, err, errlen);
}

static const char small_noaa[] =
    "# c\n  IGRF SV\ng/h n m 2000.0 2000-05\n"
    "g 1 0 -29619.4 11.4\ng 1 1 -1728.2 16.7\nh 1 1 5186.1 -28.8\n";

START_TEST(crlf_bom_and_no_final_newline)
{
    char err[256], text[512];
    ck_assert_int_eq(parse(small_noaa, strlen(small_noaa), TDRE_COEFFS_AUTO, err, sizeof err), 0);
    ck_assert(model.g[0][1][0] == -29619.4 && model.sv_h[1][1] == -28.8);
    ck_assert(model.valid_to == 2005.0 && model.nmax[0] == 1 && model.sv_nmax == 1);
    /* BOM, CRLF and no newline at the end give the same model */
    size_t k = 0;
    memcpy(text, "\xEF\xBB\xBF", 3);
    k = 3;
    for (const char *p = small_noaa; *p; p++) {
        if (*p == '\n')
            text[k++] = '\r';
        text[k++] = *p;
    }
    k -= 2;
    tdre_coeffs plain = model;
    ck_assert_int_eq(parse(text, k, TDRE_COEFFS_AUTO, err, sizeof err), 0);
    ck_assert(memcmp(plain.g, model.g, sizeof model.g) == 0);
    ck_assert(memcmp(plain.sv_h, model.sv_h, sizeof model.sv_h) == 0);
}
END_TEST

START_TEST(nul_bytes_and_huge_numbers)
{
    char err[256], text[512];
    size_t n = strlen(small_noaa);
    memcpy(text, small_noaa, n);
    text[n - 3] = '\0';   /* inside "-28.8" on line 6 */
    ck_assert_int_eq(parse(text, n, TDRE_COEFFS_AUTO, err, sizeof err), TDRE_EFORMAT);
    ck_assert_msg(strncmp(err, "mem:6: ", 7) == 0, "%s", err);
    const char *huge = "# c\ng/h n m 2000.0\ng 1 0 1e999\ng 1 1 1\nh 1 1 1\n";
    ck_assert_int_eq(parse(huge, strlen(huge), TDRE_COEFFS_AUTO, err, sizeof err),
                     TDRE_EFORMAT);
    ck_assert_msg(strncmp(err, "mem:3: ", 7) == 0, "%s", err);
    const char *hex = "g/h n m 2000.0\ng 1 0 0x10\ng 1 1 1\nh 1 1 1\n";
    ck_assert_int_eq(parse(hex, strlen(hex), TDRE_COEFFS_NOAA, err, sizeof err), TDRE_EFORMAT);
    ck_assert_msg(strncmp(err, "mem:2: ", 7) == 0, "%s", err);
}
END_TEST

/* Every prefix of a valid text: a model or a located error, never a crash. */
START_TEST(every_truncation)
{
    char err[256];
    size_t n = strlen(small_noaa);
    char *copy = malloc(n);   /* exact size: a read past the end is a real overrun */
    memcpy(copy, small_noaa, n);
    for (size_t len = 0; len <= n; len++) {
        int rc = parse(copy, len, TDRE_COEFFS_AUTO, err, sizeof err);
        ck_assert(rc == TDRE_OK || rc == TDRE_EFORMAT);
        if (rc)
            ck_assert_msg(strncmp(err, "mem:", 4) == 0, "%s", err);
    }
    free(copy);
    ck_assert_int_eq(parse(NULL, 0, TDRE_COEFFS_AUTO, err, sizeof err), TDRE_EFORMAT);
    ck_assert_int_eq(parse("x", 1, 7, err, sizeof err), TDRE_EINVAL);
}
END_TEST

int main(void)
{
    const char *src = tu_env_dir("TDRE_SOURCE_DIR");
    if (!src) {
        fputs("TDRE_SOURCE_DIR not set\n", stderr);
        return 77;
    }
    tu_path(bad_dir, sizeof bad_dir, src, "tests/data/coeffs-bad");
    Suite *s = suite_create("tables_bad");
    TCase *tc = tcase_create("malformed");
    tcase_add_loop_test(tc, malformed_file, 0, (int)(sizeof cases / sizeof cases[0]));
    tcase_add_loop_test(tc, malformed_text, 0, (int)(sizeof texts / sizeof texts[0]));
    tcase_add_test(tc, cof_end_marker);
    tcase_add_test(tc, unreadable_paths);
    tcase_add_test(tc, crlf_bom_and_no_final_newline);
    tcase_add_test(tc, nul_bytes_and_huge_numbers);
    tcase_add_test(tc, every_truncation);
    suite_add_tcase(s, tc);
    return tu_check_run(s);
}
