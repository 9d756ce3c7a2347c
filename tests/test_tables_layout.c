/*
 * test_tables_layout.c: the committed generated tables hold what the
 * coefficient files say: the packed GH array of igrf11.f (C and Fortran
 * forms, against positions and values from spec/legacy-igrf11.md and the
 * file's text) and the phase 2 tables tdre_table_igrf11..14.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "builtin.h"
#include "coeffio.h"
#include "tables_parts.h"
#include "tdre.h"
#include "testutil.h"
#include "tu_check.h"

#define GH_SIZE 3256

static const char *shared, *src;
static tdre_coeffs model;

/* GH(i) of the Fortran, 1-based as in the spec. */
static double GH(int i)
{
    return tdre_igrf11_gh[i - 1];
}

START_TEST(gh_positions_from_the_spec)
{
    ck_assert(GH(1) == -31543.0 && GH(2) == -2298.0 && GH(3) == 5922.0);   /* 1900 */
    ck_assert(GH(121) == -31464.0);                                      /* 1905 g10 */
    ck_assert(GH(2161) == -29775.0);                                     /* 1990 g10 */
    ck_assert(GH(2281) == -29692.0);                                     /* 1995 g10 */
    ck_assert(GH(2476) == (double)-29619.4f);                            /* 2000 g10 */
    ck_assert(GH(2671) == -29554.630859375);                             /* 2005 g10 */
    ck_assert(GH(2866) == (double)-29496.5f && GH(2868) == (double)4945.1f);  /* 2010 */
    ck_assert(GH(3061) == (double)11.4f && GH(3063) == (double)-28.8f);       /* SV */
    ck_assert(GH(3256) == 0.0);
    for (int i = 2281 + 120; i <= 2475; i++)   /* 1995 above degree 10 */
        ck_assert_msg(GH(i) == 0.0, "GH(%d)", i);
    for (int i = 3061 + 80; i <= 3255; i++)    /* SV above degree 8 */
        ck_assert_msg(GH(i) == 0.0, "GH(%d)", i);
    ck_assert(GH(3061 + 79) == (double)0.4f);  /* SV h(8,8), the last of the file */
}
END_TEST

/* Packed offset of g(n,m) (h: + 1) within a model, written from the spec:
 * per n, g(n,0) then g(n,m), h(n,m); degrees below n take n*n - 1 places. */
static int offset(int n, int m, int is_h)
{
    return n * n - 1 + (m == 0 ? 0 : 2 * m - 1) + is_h;
}

START_TEST(gh_holds_every_coefficient_as_single)
{
    char dir[4096], path[4096], err[512];
    tu_path(dir, sizeof dir, shared, "data/coeffs");
    ck_assert_int_eq(tdre_coeffs_read(tu_path(path, sizeof path, dir, "igrf11coeffs.txt"),
                                      TDRE_COEFFS_NOAA, &model, err, sizeof err), 0);
    for (int e = 0; e <= model.nepochs; e++) {
        int sv = e == model.nepochs;
        int base = sv ? 3060 : e < 19 ? 120 * e : 2280 + 195 * (e - 19);
        int degree = sv ? 8 : e < 19 ? 10 : 13;
        for (int n = 1; n <= degree; n++)
            for (int m = 0; m <= n; m++)
                for (int is_h = 0; is_h <= (m > 0); is_h++) {
                    double v = sv ? (is_h ? model.sv_h : model.sv_g)[n][m]
                                  : (is_h ? model.h[e] : model.g[e])[n][m];
                    int i = base + offset(n, m, is_h);
                    ck_assert_msg(tu_same_bits(tdre_igrf11_gh[i], (double)(float)v),
                                  "GH(%d) = %.17g, want (float)%.17g", i + 1,
                                  tdre_igrf11_gh[i], v);
                }
    }
}
END_TEST

/* Reads the DATA statements of reference_f/igrf11gh.inc (pieces placed by
 * its EQUIVALENCE statements) and checks column limits on the way. */
static void parse_f77(const char *text, double *gh, int *set)
{
    char names[64][8];
    int starts[64], npieces = 0, pos = -1, continuations = 0, lineno = 0;
    const char *p = text;
    while (*p) {
        const char *eol = strchr(p, '\n');
        ck_assert_ptr_nonnull(eol);
        int len = (int)(eol - p);
        char line[128];
        lineno++;
        ck_assert_msg(len <= 72, "igrf11gh.inc:%d: past column 72", lineno);
        memcpy(line, p, (size_t)len);
        line[len] = '\0';
        p = eol + 1;
        char name[8];
        int at, first, last;
        if (line[0] == 'C')
            continue;
        if (len > 5 && line[5] != ' ') {
            ck_assert_msg(++continuations <= 19, "igrf11gh.inc:%d: over 19 continuations",
                          lineno);
        } else {
            continuations = 0;
            if (sscanf(line, " EQUIVALENCE (GH(%d), %7[A-Z0-9](1))", &at, name) == 2) {
                ck_assert(npieces < 64);
                strcpy(names[npieces], name);
                starts[npieces++] = at;
            } else if (sscanf(line, " DATA (%7[A-Z0-9](I), I = %d, %d) /", name, &first,
                              &last) == 3) {
                pos = -1;
                for (int k = 0; k < npieces; k++)
                    if (strcmp(names[k], name) == 0)
                        pos = starts[k] + first - 1;
                ck_assert_msg(pos > 0, "igrf11gh.inc:%d: unknown piece %s", lineno, name);
            } else if (sscanf(line, " DATA GH(%d) /", &at) == 1) {
                char *v = strchr(line, '/') + 1;
                gh[at] = (double)strtof(v, NULL);
                set[at]++;
            }
            continue;
        }
        for (char *tok = strtok(line + 6, ",/ "); tok; tok = strtok(NULL, ",/ ")) {
            ck_assert_msg(pos > 0 && pos <= GH_SIZE, "igrf11gh.inc:%d: value outside GH", lineno);
            char *end;
            gh[pos] = (double)strtof(tok, &end);   /* a REAL literal: single precision */
            ck_assert_msg(*end == '\0', "igrf11gh.inc:%d: '%s'", lineno, tok);
            set[pos++]++;
        }
    }
}

START_TEST(f77_include_equals_c_array)
{
    static double gh[GH_SIZE + 1];
    static int set[GH_SIZE + 1];
    char path[4096];
    size_t len;
    char *text = tu_slurp(tu_path(path, sizeof path, src, "reference_f/igrf11gh.inc"), &len);
    ck_assert_ptr_nonnull(text);
    ck_assert(strstr(text, "      DOUBLE PRECISION GH(3256)\n") != NULL);
    parse_f77(text, gh, set);
    for (int i = 1; i <= GH_SIZE; i++) {
        ck_assert_msg(set[i] == 1, "GH(%d) set %d times", i, set[i]);
        ck_assert_msg(tu_same_bits(gh[i], GH(i)), "GH(%d): Fortran %.17g, C %.17g", i, gh[i],
                      GH(i));
    }
    free(text);
}
END_TEST

static void assert_table_is(const tdre_coeffs *t, const char *name, const char *file, int sv)
{
    char dir[4096], path[4096], err[512];
    tu_path(dir, sizeof dir, shared, "data/coeffs");
    ck_assert_int_eq(tdre_coeffs_read(tu_path(path, sizeof path, dir, file), TDRE_COEFFS_AUTO,
                                      &model, err, sizeof err), 0);
    if (sv)
        ck_assert_int_eq(tables_sv_from_last(&model, file, err, sizeof err), 0);
    ck_assert_str_eq(t->name, name);
    ck_assert_int_eq(t->nepochs, model.nepochs);
    ck_assert_int_eq(t->sv_nmax, model.sv_nmax);
    ck_assert(t->valid_from == model.valid_from && t->valid_to == model.valid_to);
    ck_assert(memcmp(t->epoch, model.epoch, sizeof model.epoch) == 0);
    ck_assert(memcmp(t->nmax, model.nmax, sizeof model.nmax) == 0);
    for (int e = 0; e < model.nepochs; e++)
        for (int n = 0; n <= TDRE_COEFFS_NMAX; n++)
            for (int m = 0; m <= TDRE_COEFFS_NMAX; m++)
                ck_assert_msg(tu_same_bits(t->g[e][n][m], model.g[e][n][m])
                                  && tu_same_bits(t->h[e][n][m], model.h[e][n][m]),
                              "%s: epoch %d (%d,%d)", name, e, n, m);
    ck_assert(memcmp(t->sv_g, model.sv_g, sizeof model.sv_g) == 0);
    ck_assert(memcmp(t->sv_h, model.sv_h, sizeof model.sv_h) == 0);
}

START_TEST(phase2_tables_equal_the_files)
{
    assert_table_is(&tdre_table_igrf11, "IGRF11", "igrf11coeffs.txt", 0);
    assert_table_is(&tdre_table_igrf12, "IGRF12", "IGRF12.COF", 0);
    assert_table_is(&tdre_table_igrf13, "IGRF13", "igrf13coeffs.txt", 0);
    assert_table_is(&tdre_table_igrf14, "IGRF14", "IGRF14.SHC", 1);
}
END_TEST

START_TEST(phase2_table_facts)
{
    ck_assert(tdre_table_igrf11.valid_to == 2015.0 && tdre_table_igrf11.sv_nmax == 8);
    ck_assert(tdre_table_igrf12.epoch[23] == 2015.0 && tdre_table_igrf12.valid_to == 2020.0);
    ck_assert(tdre_table_igrf13.epoch[24] == 2020.0 && tdre_table_igrf13.sv_g[1][0] == 5.7);
    /* IGRF-14: 2025 with SV (2030 - 2025) / 5 = (-29287.0 + 29350.0) / 5 */
    ck_assert(tdre_table_igrf14.nepochs == 26 && tdre_table_igrf14.epoch[25] == 2025.0);
    ck_assert(tdre_table_igrf14.g[25][1][0] == -29350.0);
    ck_assert(tdre_table_igrf14.sv_g[1][0] == 12.6 && tdre_table_igrf14.valid_to == 2030.0);
}
END_TEST

int main(void)
{
    shared = tu_env_dir("TDRE_SHARED");
    src = tu_env_dir("TDRE_SOURCE_DIR");
    if (!src) {
        fputs("TDRE_SOURCE_DIR not set\n", stderr);
        return 77;
    }
    Suite *s = suite_create("tables_layout");
    TCase *tc = tcase_create("committed tables");
    tcase_add_test(tc, gh_positions_from_the_spec);
    tcase_add_test(tc, f77_include_equals_c_array);
    tcase_add_test(tc, phase2_table_facts);
    suite_add_tcase(s, tc);
    if (shared) {   /* against ../shared's files */
        TCase *tf = tcase_create("against the files");
        tcase_add_test(tf, gh_holds_every_coefficient_as_single);
        tcase_add_test(tf, phase2_tables_equal_the_files);
        suite_add_tcase(s, tf);
    }
    return tu_check_run(s);
}
