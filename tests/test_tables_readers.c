/*
 * test_tables_readers.c: the coefficient readers (port_c/phase2/coeffio.c)
 * on the published files in ../shared: the three formats agree where they
 * carry the same model, every IGRF generation reads, and the SV that
 * tdre-gen derives from an SHC file's predicted epoch is the published SV.
 * Expected numbers are copied by hand from the files' text.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "coeffio.h"
#include "tables_parts.h"
#include "tdre.h"
#include "testutil.h"
#include "tu_check.h"

static const char *shared;
static tdre_coeffs a, b;

static void read_model(const char *file, int format, tdre_coeffs *c)
{
    char path[4096], dir[4096], err[512];
    tu_path(dir, sizeof dir, shared, "data/coeffs");
    tu_path(path, sizeof path, dir, file);
    int rc = tdre_coeffs_read(path, format, c, err, sizeof err);
    ck_assert_msg(rc == TDRE_OK, "%s: rc %d: %s", file, rc, err);
}

/* Same epochs, degrees and coefficients (to the bit) for epochs 0..n-1. */
static void assert_same_epochs(const tdre_coeffs *x, const tdre_coeffs *y, int n)
{
    for (int e = 0; e < n; e++) {
        ck_assert_msg(x->epoch[e] == y->epoch[e], "epoch %d: %g vs %g", e, x->epoch[e],
                      y->epoch[e]);
        ck_assert_int_eq(x->nmax[e], y->nmax[e]);
        for (int k = 1; k <= TDRE_COEFFS_NMAX; k++)
            for (int m = 0; m <= k; m++) {
                ck_assert_msg(tu_same_bits(x->g[e][k][m], y->g[e][k][m]),
                              "g(%d,%d) of %g: %.17g vs %.17g", k, m, x->epoch[e],
                              x->g[e][k][m], y->g[e][k][m]);
                ck_assert_msg(tu_same_bits(x->h[e][k][m], y->h[e][k][m]),
                              "h(%d,%d) of %g: %.17g vs %.17g", k, m, x->epoch[e],
                              x->h[e][k][m], y->h[e][k][m]);
            }
    }
}

static void assert_same_sv(const tdre_coeffs *x, const tdre_coeffs *y)
{
    ck_assert_int_eq(x->sv_nmax, y->sv_nmax);
    for (int k = 1; k <= TDRE_COEFFS_NMAX; k++)
        for (int m = 0; m <= k; m++) {
            ck_assert_msg(x->sv_g[k][m] == y->sv_g[k][m], "SV g(%d,%d): %.17g vs %.17g", k, m,
                          x->sv_g[k][m], y->sv_g[k][m]);
            ck_assert_msg(x->sv_h[k][m] == y->sv_h[k][m], "SV h(%d,%d): %.17g vs %.17g", k, m,
                          x->sv_h[k][m], y->sv_h[k][m]);
        }
}

/* The same model in two formats: every epoch of the first is in the second
 * (which has one more, the predicted one) with the same coefficients. */
static const struct {
    const char *file_a, *file_b;
    int format_a, format_b, epochs_a;
} same_model[] = {
    { "igrf11coeffs.txt", "IGRF11.SHC", TDRE_COEFFS_AUTO, TDRE_COEFFS_AUTO, 23 },
    { "igrf13coeffs.txt", "IGRF13.SHC", TDRE_COEFFS_NOAA, TDRE_COEFFS_SHC, 25 },
    { "IGRF12.COF", "IGRF12.SHC", TDRE_COEFFS_COF, TDRE_COEFFS_AUTO, 24 },
};

START_TEST(formats_agree)
{
    read_model(same_model[_i].file_a, same_model[_i].format_a, &a);
    read_model(same_model[_i].file_b, same_model[_i].format_b, &b);
    ck_assert_int_eq(a.nepochs, same_model[_i].epochs_a);
    ck_assert_int_eq(b.nepochs, same_model[_i].epochs_a + 1);
    assert_same_epochs(&a, &b, a.nepochs);
}
END_TEST

/* SHC's last epoch is last SV epoch + 5 SV: deriving SV back gives the
 * published SV column (NOAA) or SV record (COF). */
START_TEST(sv_from_shc_equals_published_sv)
{
    static const char *const pairs[][2] = {
        { "igrf11coeffs.txt", "IGRF11.SHC" },
        { "IGRF12.COF", "IGRF12.SHC" },
        { "igrf13coeffs.txt", "IGRF13.SHC" },
    };
    char err[256];
    for (int i = 0; i < 3; i++) {
        read_model(pairs[i][0], TDRE_COEFFS_AUTO, &a);
        read_model(pairs[i][1], TDRE_COEFFS_AUTO, &b);
        ck_assert_int_eq(tables_sv_from_last(&b, pairs[i][1], err, sizeof err), TDRE_OK);
        ck_assert_int_eq(b.nepochs, a.nepochs);
        ck_assert(b.valid_to == a.valid_to);
        assert_same_epochs(&a, &b, a.nepochs);
        assert_same_sv(&a, &b);
    }
}
END_TEST

START_TEST(igrf11_table_values)
{
    read_model("igrf11coeffs.txt", TDRE_COEFFS_AUTO, &a);
    ck_assert_str_eq(a.name, "igrf11coeffs");
    ck_assert(a.epoch[0] == 1900.0 && a.epoch[22] == 2010.0);
    ck_assert(a.g[0][1][0] == -31543.0);
    ck_assert(a.h[0][1][1] == 5922.0);
    ck_assert(a.g[21][1][0] == -29554.63);
    ck_assert(a.h[22][1][1] == 4945.1);
    ck_assert(a.h[22][13][13] == -0.8);
    ck_assert(a.h[0][1][0] == 0.0);
    ck_assert(a.sv_g[1][0] == 11.4 && a.sv_h[1][1] == -28.8 && a.sv_g[8][1] == 0.1);
    ck_assert_int_eq(a.sv_nmax, 8);
    ck_assert_int_eq(a.nmax[18], 10);   /* 1990 */
    ck_assert_int_eq(a.nmax[19], 10);   /* 1995: zeros above 10 */
    ck_assert_int_eq(a.nmax[20], 13);   /* 2000 */
    ck_assert(a.valid_from == 1900.0 && a.valid_to == 2015.0);   /* "2010-15" */
    read_model("igrf13coeffs.txt", TDRE_COEFFS_AUTO, &a);
    ck_assert(a.g[24][1][0] == -29404.8 && a.sv_g[1][0] == 5.7);
    ck_assert(a.valid_to == 2025.0);
}
END_TEST

START_TEST(cof_values)
{
    read_model("WMM2015.COF", TDRE_COEFFS_AUTO, &a);
    ck_assert_int_eq(a.nepochs, 1);
    ck_assert(a.epoch[0] == 2015.0);
    ck_assert_int_eq(a.nmax[0], 12);
    ck_assert(a.valid_from == 2014.75 && a.valid_to == 2020.0);
    ck_assert(a.g[0][1][0] == -29438.5 && a.h[0][1][1] == 4796.2);
    ck_assert(a.h[0][12][12] == 0.7);
    ck_assert(a.sv_g[1][0] == 10.7 && a.sv_h[1][1] == -26.8);
    read_model("IGRF12.COF", TDRE_COEFFS_AUTO, &a);
    ck_assert(a.valid_from == 1900.0 && a.valid_to == 2020.0);
    ck_assert_int_eq(a.nmax[19], 10);   /* DGRF95 record is degree 10 */
    ck_assert_int_eq(a.sv_nmax, 8);
    ck_assert(a.g[23][1][0] == -29442.0 && a.sv_g[1][0] == 10.3);
}
END_TEST

/* Every generation's SHC reads with the epochs its header line announces. */
START_TEST(every_shc_generation_reads)
{
    static const struct {
        int epochs;
        double first, last;
    } want[15] = {
        { 0, 0, 0 },           { 3, 1965, 1975 },  { 4, 1965, 1980 },  { 5, 1965, 1985 },
        { 10, 1945, 1990 },    { 10, 1945, 1990 }, { 11, 1945, 1995 }, { 21, 1900, 2000 },
        { 22, 1900, 2005 },    { 22, 1900, 2005 }, { 23, 1900, 2010 }, { 24, 1900, 2015 },
        { 25, 1900, 2020 },    { 26, 1900, 2025 }, { 27, 1900, 2030 },
    };
    char file[32];
    for (int gen = 1; gen <= 14; gen++) {
        snprintf(file, sizeof file, "IGRF%d.SHC", gen);
        read_model(file, TDRE_COEFFS_AUTO, &a);
        ck_assert_msg(a.nepochs == want[gen].epochs, "%s: %d epochs", file, a.nepochs);
        ck_assert(a.epoch[0] == want[gen].first);
        ck_assert(a.epoch[a.nepochs - 1] == want[gen].last);
        ck_assert(a.valid_from == want[gen].first && a.valid_to == want[gen].last);
        ck_assert_int_eq(a.sv_nmax, 0);
        for (int e = 0; e < a.nepochs; e++)
            ck_assert(a.nmax[e] >= 8 && a.nmax[e] <= 13);
    }
}
END_TEST

/* Forcing a format on another format's file is an error, not a misread. */
START_TEST(forced_wrong_format_fails)
{
    char path[4096], dir[4096], err[512];
    static const char *const files[3] = { "igrf11coeffs.txt", "IGRF11.SHC", "IGRF12.COF" };
    static const int formats[3] = { TDRE_COEFFS_NOAA, TDRE_COEFFS_SHC, TDRE_COEFFS_COF };
    tu_path(dir, sizeof dir, shared, "data/coeffs");
    for (int i = 0; i < 3; i++)
        for (int f = 0; f < 3; f++) {
            tu_path(path, sizeof path, dir, files[i]);
            int rc = tdre_coeffs_read(path, formats[f], &a, err, sizeof err);
            ck_assert_int_eq(rc, f == i ? TDRE_OK : TDRE_EFORMAT);
            if (rc != TDRE_OK)
                ck_assert_msg(strncmp(err, path, strlen(path)) == 0 && a.nepochs == 0, "%s", err);
        }
    ck_assert_int_eq(tdre_coeffs_format_from_name("shc"), TDRE_COEFFS_SHC);
    ck_assert_int_eq(tdre_coeffs_format_from_name("xyz"), -1);
}
END_TEST

/* Random damage to real files: the reader answers OK or a located error
 * and never crashes (a fork per test catches a crash as a failure). */
START_TEST(damaged_files_never_crash)
{
    static const char *const files[4] = { "igrf11coeffs.txt", "IGRF14.SHC", "IGRF12.COF",
                                          "WMM2015.COF" };
    char path[4096], dir[4096], err[512];
    tu_path(dir, sizeof dir, shared, "data/coeffs");
    unsigned long long state = 0x9E3779B97F4A7C15ull;
    for (int i = 0; i < 4; i++) {
        size_t len;
        tu_path(path, sizeof path, dir, files[i]);
        char *orig = tu_slurp(path, &len);
        ck_assert_ptr_nonnull(orig);
        char *text = malloc(len);
        for (int round = 0; round < 400; round++) {
            memcpy(text, orig, len);
            for (int k = 0; k < 1 + round % 5; k++) {
                state = state * 6364136223846793005ull + 1442695040888963407ull;
                size_t at = (size_t)(state >> 33) % len;
                text[at] = (char)(state >> 20);
            }
            size_t cut = round % 3 == 0 ? (size_t)(state >> 40) % len : len;
            int rc = tdre_coeffs_parse("damaged", text, cut, TDRE_COEFFS_AUTO, &a, err,
                                       sizeof err);
            ck_assert(rc == TDRE_OK || rc == TDRE_EFORMAT);
            if (rc != TDRE_OK)
                ck_assert_msg(strncmp(err, "damaged:", 8) == 0, "%s", err);
        }
        free(text);
        free(orig);
    }
}
END_TEST

int main(void)
{
    shared = tu_shared_or_skip();
    Suite *s = suite_create("tables_readers");
    TCase *tc = tcase_create("shared files");
    tcase_add_loop_test(tc, formats_agree, 0, (int)(sizeof same_model / sizeof same_model[0]));
    tcase_add_test(tc, sv_from_shc_equals_published_sv);
    tcase_add_test(tc, igrf11_table_values);
    tcase_add_test(tc, cof_values);
    tcase_add_test(tc, every_shc_generation_reads);
    tcase_add_test(tc, forced_wrong_format_fails);
    tcase_add_test(tc, damaged_files_never_crash);
    suite_add_tcase(s, tc);
    return tu_check_run(s);
}
