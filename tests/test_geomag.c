/*
 * test_geomag.c: tdre-geomag as a user runs it. With argv[1] "shared": the
 * four geomag70 samples of ../shared reproduced field for field (expected
 * text from the shared files only). Otherwise: errors, layouts, and that
 * nothing waits on standard input.
 */
#include <check.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <fcntl.h>
#include <dirent.h>

#include "testutil.h"
#include "tu_check.h"

#define WATCHDOG_SECONDS 20   /* a hang, not a speed measure */

enum { STDIN_DEVNULL, STDIN_CLOSED, STDIN_OPEN_PIPE };

static char geomag_bin[4096];
static const char *shared_dir;

static void locate(void)
{
    const char *bin = tu_env_dir("TDRE_BIN");
    if (!bin) {
        fprintf(stderr, "TDRE_BIN must be set (run through ctest)\n");
        exit(1);
    }
    tu_path(geomag_bin, sizeof geomag_bin, bin, "tdre-geomag");
}

/* Runs tdre-geomag with args (NULL-terminated), output and messages to
 * files; killed by SIGALRM if it runs for WATCHDOG_SECONDS. Standard input
 * per mode; STDIN_OPEN_PIPE is a pipe whose writer stays open and silent,
 * so a read from it would block. Exit status, or -1 if killed. */
static int run(int stdin_mode, const char *out, const char *err, const char *const *args)
{
    char *argv[16];
    int n = 0, status, fds[2] = { -1, -1 };
    pid_t pid;
    argv[n++] = geomag_bin;
    while (*args && n < 15) argv[n++] = (char *)*args++;
    argv[n] = NULL;
    if (stdin_mode == STDIN_OPEN_PIPE && pipe(fds) != 0) return -2;
    fflush(NULL);
    pid = fork();
    if (pid < 0) return -2;
    if (pid == 0) {
        int o = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        int e = open(err, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (o < 0 || e < 0) _exit(127);
        dup2(o, 1);
        dup2(e, 2);
        if (stdin_mode == STDIN_CLOSED) close(0);
        else if (stdin_mode == STDIN_OPEN_PIPE) { dup2(fds[0], 0); close(fds[0]); close(fds[1]); }
        else { int z = open("/dev/null", O_RDONLY); dup2(z, 0); }
        alarm(WATCHDOG_SECONDS);   /* survives exec */
        execv(argv[0], argv);
        _exit(127);
    }
    if (fds[0] >= 0) close(fds[0]);
    if (waitpid(pid, &status, 0) != pid) status = -1;
    if (fds[1] >= 0) close(fds[1]);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static char *tmp(char *buf, const char *name)
{
    return tu_path(buf, 4096, tu_tmpdir(), name);
}

/* File mode on text written to NAME.txt: tdre-geomag [FORMAT_OPT] MODEL f
 * NAME.txt NAME.out. Returns the exit status; *out_text and *err_text get
 * the output file and the messages (malloc'd). */
static int run_file(int stdin_mode, const char *format_opt, const char *model, const char *name,
                    const char *text, char **out_text, char **err_text)
{
    char in[4096], out[4096], err[4096], base[256];
    const char *args[8];
    int n = 0, status;
    snprintf(base, sizeof base, "%s.txt", name);
    tu_write(tmp(in, base), text);
    snprintf(base, sizeof base, "%s.out", name);
    tmp(out, base);
    snprintf(base, sizeof base, "%s.err", name);
    tmp(err, base);
    if (format_opt) args[n++] = format_opt;
    args[n++] = model;
    args[n++] = "f";
    args[n++] = in;
    args[n++] = out;
    args[n] = NULL;
    status = run(stdin_mode, out, err, args);
    *out_text = tu_slurp(out, NULL);
    *err_text = tu_slurp(err, NULL);
    ck_assert_ptr_nonnull(*out_text);
    ck_assert_ptr_nonnull(*err_text);
    return status;
}

/* Lines of a text (changed in place); returns the count. */
static int lines_of(char *text, char **line, int max)
{
    int n = 0;
    for (char *p = text; *p && n < max;) {
        line[n++] = p;
        p += strcspn(p, "\n");
        if (*p) *p++ = '\0';
    }
    return n;
}

/* Blank-separated fields of a line into a static-sized array; the count. */
static int fields_of(const char *line, char field[32][32])
{
    int n = 0;
    const char *p = line;
    while (*p && n < 32) {
        size_t len;
        p += strspn(p, " \t");
        len = strcspn(p, " \t");
        if (!len) break;
        snprintf(field[n++], 32, "%.*s", (int)(len < 31 ? len : 31), p);
        p += len;
    }
    return n;
}

/* ---- the samples -------------------------------------------------------- */

/* The inputs a sample's rows echo (their first five fields), one a line. */
static void write_sample_inputs(const char *path, char *const *sample_line, int n)
{
    char f[32][32];
    FILE *out = fopen(path, "w");
    ck_assert_ptr_nonnull(out);
    for (int k = 1; k < n; k++) {
        ck_assert_int_ge(fields_of(sample_line[k], f), 5);
        fprintf(out, "%s %s %s %s %s\n", f[0], f[1], f[2], f[3], f[4]);
    }
    ck_assert_int_eq(fclose(out), 0);
}

/* Runs MODEL on the inputs echoed in the sample and compares every column of
 * every row as printed text. */
static void check_sample(const char *sample, const char *model)
{
    char sample_path[4096], in[4096], out[4096], err[4096];
    char *want_text, *got_text, *want[64], *got[64];
    char wf[32][32], gf[32][32];
    int nwant, ngot, rows_same = 0, cols_same = 0, cols = 0, lines_same = 0;
    tu_path(sample_path, sizeof sample_path, shared_dir, sample);
    want_text = tu_slurp(sample_path, NULL);
    ck_assert_ptr_nonnull(want_text);
    nwant = lines_of(want_text, want, 64);
    ck_assert_int_ge(nwant, 17);
    write_sample_inputs(tmp(in, "sample.in"), want, nwant);
    const char *args[] = { model, "f", in, tmp(out, "sample.out"), NULL };
    ck_assert_int_eq(run(STDIN_CLOSED, out, tmp(err, "sample.err"), args), 0);
    got_text = tu_slurp(out, NULL);
    ck_assert_ptr_nonnull(got_text);
    ngot = lines_of(got_text, got, 64);
    ck_assert_int_eq(ngot, nwant);
    ck_assert_str_eq(got[0], want[0]);
    for (int k = 1; k < nwant; k++) {
        int nw = fields_of(want[k], wf), ng = fields_of(got[k], gf), same = nw == ng;
        for (int c = 0; c < nw; c++) {
            int eq = c < ng && strcmp(wf[c], gf[c]) == 0;
            if (!eq)
                fprintf(stderr, "%s row %d column %d: got '%s', sample '%s'\n", sample, k, c + 1,
                        c < ng ? gf[c] : "", wf[c]);
            cols_same += eq;
            same &= eq;
        }
        cols += nw;
        rows_same += same;
        lines_same += strcmp(got[k], want[k]) == 0;
    }
    printf("%s with %s: %d/%d rows and %d/%d columns identical as printed, "
           "%d/%d lines identical to the character\n", sample, model, rows_same, nwant - 1,
           cols_same, cols, lines_same, nwant - 1);
    ck_assert_int_eq(rows_same, nwant - 1);
    ck_assert_int_eq(cols_same, cols);
    ck_assert_int_eq(lines_same, nwant - 1);
    free(want_text);
    free(got_text);
}

static char *coeffs(char *buf, const char *name)
{
    char rel[256];
    snprintf(rel, sizeof rel, "data/coeffs/%s", name);
    return tu_path(buf, 4096, shared_dir, rel);
}

/* Fields of a csv line (quotes respected, changed in place); the count. */
static int csv_fields(char *line, char **field, int max)
{
    int n = 0;
    char *p = line;
    while (n < max) {
        field[n++] = p;
        if (*p == '"') {
            char *w = p;
            for (p++; *p && !(*p == '"' && p[1] != '"'); p++) {
                if (*p == '"') p++;
                *w++ = *p;
            }
            *w = '\0';
            if (*p) p++;
            if (*p != ',') break;
            *p++ = '\0';
            continue;
        }
        p += strcspn(p, ",");
        if (!*p) break;
        *p++ = '\0';
    }
    return n;
}

static int column(char *const *names, int n, const char *name)
{
    for (int k = 0; k < n; k++)
        if (strcmp(names[k], name) == 0) return k;
    ck_abort_msg("csv header lacks %s", name);
    return -1;
}

/* The csv layout carries the same numbers unrounded: rounded as geomag70
 * prints them, every value gives the IGRF-11 sample's text (D and I as
 * degrees and minutes, dD and dI in minutes per year). */
START_TEST(sample_igrf11_csv_rounds_to_the_sample)
{
    static const char *const names[12] = {
        "h_nT", "x_nT", "y_nT", "z_nT", "f_nT", "dd_min_per_yr", "di_min_per_yr",
        "dh_nT_per_yr", "dx_nT_per_yr", "dy_nT_per_yr", "dz_nT_per_yr", "df_nT_per_yr"
    };
    char sample_path[4096], in[4096], out[4096], err[4096], wf[32][32];
    char *want_text, *got_text, *want[64], *got[64], *head[40], *row[40];
    int nwant, nhead, checked = 0;
    tu_path(sample_path, sizeof sample_path, shared_dir, "data/geomag70/sample_out_IGRF11.txt");
    want_text = tu_slurp(sample_path, NULL);
    ck_assert_ptr_nonnull(want_text);
    nwant = lines_of(want_text, want, 64);
    write_sample_inputs(tmp(in, "csv_sample.in"), want, nwant);
    const char *args[] = { "--format", "csv", "IGRF11", "f", in, tmp(out, "csv_sample.out"), NULL };
    ck_assert_int_eq(run(STDIN_CLOSED, out, tmp(err, "csv_sample.err"), args), 0);
    got_text = tu_slurp(out, NULL);
    ck_assert_int_eq(lines_of(got_text, got, 64), nwant);
    nhead = csv_fields(got[0], head, 40);
    for (int k = 1; k < nwant; k++) {
        char text[64], dm[64];
        int nrow = csv_fields(got[k], row, 40);
        ck_assert_int_eq(nrow, nhead);
        ck_assert_int_eq(fields_of(want[k], wf), 21);
        for (int c = 0; c < 5; c++)
            ck_assert_str_eq(row[1 + c], wf[c]);
        ck_assert_str_eq(row[column(head, nhead, "status")], "ok");
        for (int c = 0; c < 2; c++) {
            double deg = atof(row[column(head, nhead, c ? "i_deg" : "d_deg")]);
            int whole = (int)deg;
            double minutes = (deg - whole) * 60.0;
            snprintf(dm, sizeof dm, "%dd %.0fm", whole, whole != 0 ? fabs(minutes) : minutes);
            snprintf(text, sizeof text, "%s %s", wf[5 + 2 * c], wf[6 + 2 * c]);
            ck_assert_msg(strcmp(dm, text) == 0, "row %d: %s from csv, %s in the sample", k, dm, text);
        }
        for (int c = 0; c < 12; c++) {
            snprintf(text, sizeof text, "%.1f", atof(row[column(head, nhead, names[c])]));
            ck_assert_msg(strcmp(text, wf[9 + c]) == 0, "row %d %s: %s from csv, %s in the sample",
                          k, names[c], text, wf[9 + c]);
            checked++;
        }
    }
    ck_assert_int_eq(checked, 12 * (nwant - 1));
    free(want_text);
    free(got_text);
}
END_TEST

START_TEST(sample_igrf11_builtin)
{
    check_sample("data/geomag70/sample_out_IGRF11.txt", "IGRF11");
}
END_TEST

START_TEST(sample_igrf12_cof)
{
    char m[4096];
    check_sample("data/geomag70/sample_out_IGRF12.txt", coeffs(m, "IGRF12.COF"));
}
END_TEST

START_TEST(sample_igrf13_noaa_table)
{
    char m[4096];
    check_sample("data/geomag70/sample_out_IGRF13.txt", coeffs(m, "igrf13coeffs.txt"));
}
END_TEST

START_TEST(sample_igrf13_shc)
{
    char m[4096];
    check_sample("data/geomag70/sample_out_IGRF13.txt", coeffs(m, "IGRF13.SHC"));
}
END_TEST

START_TEST(sample_wmm2015_cof)
{
    char m[4096];
    check_sample("data/geomag70/sample_out_WMM2015.txt", coeffs(m, "WMM2015.COF"));
}
END_TEST

/* ---- errors ------------------------------------------------------------- */

static const char bad_lines[] =
    "2014.5 D K100 70.3 30.8\n"          /* 1 ok */
    "2014,13,1 D K100 70.3 30.8\n"       /* 2 month 13 */
    "2014,1,32 D K100 70.3 30.8\n"       /* 3 day 32 */
    "2014,2,30 D K100 70.3 30.8\n"       /* 4 Feb 30 */
    "2014.5 D K100 91 30.8\n"            /* 5 latitude beyond 90 */
    "this-is-not-a-line\n"               /* 6 unreadable */
    "2014.5 D K100\n"                    /* 7 too few fields */
    "2014.5 D K700 70.3 30.8\n"          /* 8 altitude above the model */
    "2014.5 D K-5 70.3 30.8\n"           /* 9 altitude below the model */
    "1850.5 D K100 70.3 30.8\n"          /* 10 date before the model */
    "2030.5 D K100 70.3 30.8\n"          /* 11 date after the model */
    "2014.5 X K100 70.3 30.8\n"          /* 12 coordinate system */
    "2014.5 D 100 70.3 30.8\n"           /* 13 altitude without unit */
    "2014.5 C K6000 70.3 30.8\n"         /* 14 radius below the model */
    "\n"                                 /* 15 blank: skipped */
    "2013.5 D F30000 43,22,1 -30,8,\n";  /* 16 ok */

static const int bad_line_numbers[] = { 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14 };

static void check_each_error_named(const char *errtext, const char *file)
{
    char want[4200];
    for (size_t k = 0; k < sizeof bad_line_numbers / sizeof bad_line_numbers[0]; k++) {
        snprintf(want, sizeof want, "%s:%d: ", file, bad_line_numbers[k]);
        ck_assert_msg(strstr(errtext, want) != NULL, "no message for %s in:\n%s", want, errtext);
    }
    for (int ok = 1; ok <= 16; ok += 15) {
        snprintf(want, sizeof want, "%s:%d: ", file, ok);
        ck_assert_msg(strstr(errtext, want) == NULL, "message for the good line %d", ok);
    }
    snprintf(want, sizeof want, "%s:15: ", file);
    ck_assert_msg(strstr(errtext, want) == NULL, "message for the blank line");
}

/* Every bad line named file:line, the good ones computed, exit status 1. */
START_TEST(each_bad_line_is_named_and_the_rest_computed)
{
    char *text, *errtext, *line[32], f[32][32];
    ck_assert_int_eq(run_file(STDIN_CLOSED, NULL, "IGRF11", "bad", bad_lines, &text, &errtext), 1);
    check_each_error_named(errtext, "bad.txt");
    ck_assert_ptr_nonnull(strstr(errtext, "month 13"));
    ck_assert_ptr_nonnull(strstr(errtext, "day 32"));
    ck_assert_ptr_nonnull(strstr(errtext, "day 30"));
    ck_assert_ptr_nonnull(strstr(errtext, "latitude"));
    ck_assert_ptr_nonnull(strstr(errtext, "altitude K700"));
    ck_assert_int_eq(lines_of(text, line, 32), 3);
    ck_assert_ptr_nonnull(strstr(line[0], "Date Coord-System"));
    ck_assert_int_eq(fields_of(line[1], f), 21);
    ck_assert_str_eq(f[0], "2014.5");
    ck_assert_int_eq(fields_of(line[2], f), 21);
    ck_assert_str_eq(f[4], "-30,8,");
    free(text);
    free(errtext);
}
END_TEST

/* geomag70 loops for ever on an out-of-range altitude; here the line fails,
 * and standard input is never read (an open, silent pipe would block). */
START_TEST(out_of_range_altitude_finishes)
{
    char *text, *errtext;
    int modes[3] = { STDIN_OPEN_PIPE, STDIN_CLOSED, STDIN_DEVNULL };
    for (int k = 0; k < 3; k++) {
        ck_assert_int_eq(run_file(modes[k], NULL, "IGRF11", "alt",
                                  "2014.5 D K100 70.3 30.8\n2014.5 D K5000 70.3 30.8\n"
                                  "2012.5 D K100 70.3 30.8\n", &text, &errtext), 1);
        ck_assert_ptr_nonnull(strstr(errtext, "alt.txt:2: "));
        ck_assert_ptr_null(strstr(errtext, "alt.txt:3: "));
        ck_assert_ptr_nonnull(strstr(text, "2012.5 D K100"));
        free(text);
        free(errtext);
    }
}
END_TEST

START_TEST(date_out_of_range_finishes)
{
    char *text, *errtext;
    ck_assert_int_eq(run_file(STDIN_OPEN_PIPE, NULL, "IGRF13", "date",
                              "1700.5 D K100 70.3 30.8\n2099,1,1 D K100 70.3 30.8\n",
                              &text, &errtext), 1);
    ck_assert_ptr_nonnull(strstr(errtext, "date.txt:1: date 1700.5"));
    ck_assert_ptr_nonnull(strstr(errtext, "date.txt:2: date 2099,1,1"));
    free(text);
    free(errtext);
}
END_TEST

START_TEST(unreadable_input_is_exit_2_and_output_untouched)
{
    char in[4096], out[4096], err[4096], *text;
    tu_write(tmp(out, "kept.out"), "previous contents\n");
    const char *args[] = { "IGRF11", "f", tmp(in, "missing.txt"), out, NULL };
    ck_assert_int_eq(run(STDIN_OPEN_PIPE, tmp(err, "stdout.txt"), tmp(err, "missing.err"), args), 2);
    text = tu_slurp(err, NULL);
    ck_assert_ptr_nonnull(strstr(text, "missing.txt"));
    free(text);
    text = tu_slurp(out, NULL);
    ck_assert_str_eq(text, "previous contents\n");
    free(text);
    /* A directory opens but cannot be read as lines. */
    const char *dir_args[] = { "IGRF11", "f", tu_tmpdir(), out, NULL };
    ck_assert_int_eq(run(STDIN_CLOSED, tmp(err, "stdout.txt"), tmp(err, "dir.err"), dir_args), 2);
    text = tu_slurp(out, NULL);
    ck_assert_str_eq(text, "previous contents\n");
    free(text);
}
END_TEST

START_TEST(unwritable_output_is_exit_2)
{
    char in[4096], out[4096], err[4096], *text;
    tu_write(tmp(in, "one.txt"), "2014.5 D K100 70.3 30.8\n");
    tmp(out, "no/such/dir/out.txt");
    const char *args[] = { "IGRF11", "f", in, out, NULL };
    ck_assert_int_eq(run(STDIN_CLOSED, tmp(err, "stdout.txt"), tmp(err, "unw.err"), args), 2);
    text = tu_slurp(err, NULL);
    ck_assert_ptr_nonnull(strstr(text, "no/such/dir/out.txt"));
    free(text);
}
END_TEST

/* Written beside, then renamed: no temporary is left, the old file replaced whole. */
START_TEST(output_replaced_whole_without_leftovers)
{
    char in[4096], out[4096], err[4096], dir[4096], *text;
    DIR *d;
    struct dirent *e;
    int entries = 0;
    snprintf(dir, sizeof dir, "%s/outdir", tu_tmpdir());
    ck_assert_int_eq(mkdir(dir, 0755), 0);
    tu_path(out, sizeof out, dir, "result.txt");
    tu_write(out, "old\n");
    tu_write(tmp(in, "one.txt"), "2014.5 D K100 70.3 30.8\n");
    const char *args[] = { "IGRF11", "f", in, out, NULL };
    ck_assert_int_eq(run(STDIN_CLOSED, tmp(err, "stdout.txt"), tmp(err, "w.err"), args), 0);
    text = tu_slurp(out, NULL);
    ck_assert_ptr_nonnull(strstr(text, "Date Coord-System"));
    ck_assert_ptr_null(strstr(text, "old"));
    free(text);
    d = opendir(dir);
    while ((e = readdir(d)) != NULL)
        if (e->d_name[0] != '.') entries++;
    closedir(d);
    ck_assert_int_eq(entries, 1);
}
END_TEST

/* The header record that holds the date bounds the altitude (here 100 km
 * until 2015, then 200 km, not the default 600); for C the bound is a
 * radius, 6371.2 km more. */
START_TEST(cof_header_altitude_limits)
{
    char cof[4096], *text, *errtext;
    tu_write(tmp(cof, "T.COF"),
             "    TEST  2010.00  1  0  0 2010.00 2015.00    -1.0 100.0             TEST   0\n"
             " 1  0 -29496.50      0.00      0.00      0.00                       TEST   1\n"
             " 1  1  -1585.90   4945.10      0.00      0.00                       TEST   2\n"
             "    TEST  2015.00  1  1  0 2015.00 2020.00    -2.0 200.0             TEST   0\n"
             " 1  0 -29438.50      0.00     10.70      0.00                       TEST   1\n"
             " 1  1  -1501.10   4796.20     17.90    -26.80                       TEST   2\n");
    ck_assert_int_eq(run_file(STDIN_CLOSED, NULL, cof, "cof",
                              "2012.5 D K99 10 10\n2012.5 D K101 10 10\n"
                              "2012.5 C K6471 10 10\n2012.5 C K6472 10 10\n"
                              "2012.5 D K-1.5 10 10\n2016.5 D K150 10 10\n"
                              "2016.5 D K-1.5 10 10\n2016.5 D K201 10 10\n"
                              "2016.5 C K6571 10 10\n", &text, &errtext), 1);
    for (const char *ok = "1\0003\0006\0007\0009\0"; *ok; ok += strlen(ok) + 1) {
        char want[64];
        snprintf(want, sizeof want, "cof.txt:%s: ", ok);
        ck_assert_msg(strstr(errtext, want) == NULL, "line %s failed:\n%s", ok, errtext);
    }
    ck_assert_ptr_nonnull(strstr(errtext, "cof.txt:2: altitude K101"));
    ck_assert_ptr_nonnull(strstr(errtext, "cof.txt:4: radius K6472"));
    ck_assert_ptr_nonnull(strstr(errtext, "cof.txt:5: altitude K-1.5"));
    ck_assert_ptr_nonnull(strstr(errtext, "cof.txt:8: altitude K201"));
    free(text);
    free(errtext);
}
END_TEST

/* geomag70 computes a year past a model's end: allowed, with a warning. */
START_TEST(year_after_the_end_warns)
{
    char *text, *errtext;
    ck_assert_int_eq(run_file(STDIN_CLOSED, NULL, "IGRF11", "grace",
                              "2015,6,1 D K0 10 10\n2016.5 D K0 10 10\n", &text, &errtext), 1);
    ck_assert_ptr_nonnull(strstr(errtext, "grace.txt:1: warning: date 2015,6,1"));
    ck_assert_ptr_nonnull(strstr(errtext, "grace.txt:2: date 2016.5"));
    ck_assert_ptr_nonnull(strstr(text, "\n2015,6,1 D K0 10 10 "));
    free(text);
    free(errtext);
}
END_TEST

/* A pipe (or device, such as /dev/null) as OUTPUT is written in place: a
 * rename over it would replace it with a regular file. Tested on a FIFO of
 * our own, read by a child, so a regression cannot harm a real device. */
START_TEST(pipe_output_is_written_in_place)
{
    char in[4096], fifo[4096], copy[4096], err[4096], *text;
    struct stat st;
    int status;
    pid_t reader;
    tu_write(tmp(in, "one.txt"), "2014.5 D K100 70.3 30.8\n");
    ck_assert_int_eq(mkfifo(tmp(fifo, "fifo"), 0600), 0);
    tmp(copy, "fifo.copy");
    fflush(NULL);
    reader = fork();
    ck_assert_int_ge(reader, 0);
    if (reader == 0) {
        char buf[4096];
        ssize_t got;
        int r, w;
        alarm(WATCHDOG_SECONDS);
        r = open(fifo, O_RDONLY);
        w = open(copy, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (r < 0 || w < 0) _exit(1);
        while ((got = read(r, buf, sizeof buf)) > 0)
            if (write(w, buf, (size_t)got) != got) _exit(1);
        _exit(0);
    }
    const char *args[] = { "IGRF11", "f", in, fifo, NULL };
    ck_assert_int_eq(run(STDIN_CLOSED, tmp(err, "stdout.txt"), tmp(err, "fifo.err"), args), 0);
    ck_assert_int_eq(waitpid(reader, &status, 0), reader);
    ck_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    ck_assert_int_eq(stat(fifo, &st), 0);
    ck_assert(S_ISFIFO(st.st_mode));
    text = tu_slurp(copy, NULL);
    ck_assert_ptr_nonnull(strstr(text, "Date Coord-System"));
    ck_assert_ptr_nonnull(strstr(text, "2014.5 D K100 70.3 30.8    13d 51m"));
    free(text);
}
END_TEST

/* ---- layouts and modes -------------------------------------------------- */

START_TEST(csv_has_a_row_per_input_with_status)
{
    char *text, *errtext, *line[32];
    ck_assert_int_eq(run_file(STDIN_CLOSED, "--format=csv", "IGRF11", "bad", bad_lines, &text,
                              &errtext), 1);
    ck_assert_int_eq(lines_of(text, line, 32), 1 + 15);   /* header, every non-blank line */
    ck_assert_ptr_nonnull(strstr(line[0], "line,"));
    ck_assert_ptr_nonnull(strstr(line[0], ",h_nT,"));
    ck_assert_ptr_nonnull(strstr(line[0], ",status,message"));
    ck_assert_ptr_nonnull(strstr(line[1], ",ok,"));
    ck_assert_ptr_nonnull(strstr(line[1], ",9987.94"));   /* H of the IGRF-11 sample, unrounded */
    ck_assert_ptr_nonnull(strstr(line[2], ",malformed,"));
    ck_assert_ptr_nonnull(strstr(line[5], ",position-out-of-range,"));
    ck_assert_ptr_nonnull(strstr(line[8], ",altitude-out-of-range,"));
    ck_assert_ptr_nonnull(strstr(line[10], ",date-out-of-range,"));
    ck_assert_ptr_nonnull(strstr(line[15], "\"-30,8,\""));   /* commas quoted */
    free(text);
    free(errtext);
}
END_TEST

START_TEST(json_is_an_array_of_objects)
{
    char *text, *errtext;
    int objects = 0;
    ck_assert_int_eq(run_file(STDIN_CLOSED, "--format=json", "IGRF11", "bad", bad_lines, &text,
                              &errtext), 1);
    ck_assert_int_eq(text[0], '[');
    ck_assert_ptr_nonnull(strstr(text, "\n]\n"));
    for (const char *p = text; (p = strstr(p, "{\"line\": ")) != NULL; p++) objects++;
    ck_assert_int_eq(objects, 15);
    ck_assert_ptr_nonnull(strstr(text, "\"status\": \"date-out-of-range\""));
    ck_assert_ptr_nonnull(strstr(text, "\"h_nT\": null"));
    ck_assert_ptr_nonnull(strstr(text, "\"raw\": \"this-is-not-a-line\""));
    ck_assert_ptr_null(strstr(text, "nan"));
    free(text);
    free(errtext);
    /* Quotes, backslashes, control and non-ASCII bytes are escaped. */
    ck_assert_int_eq(run_file(STDIN_CLOSED, "--format=json", "IGRF11", "esc",
                              "2014.5 D K100 \"7\\0\x01\xff 30.8\n", &text, &errtext), 1);
    ck_assert_ptr_nonnull(strstr(text, "\"lat_text\": \"\\\"7\\\\0\\u0001\\u00ff\""));
    free(text);
    free(errtext);
}
END_TEST

/* Negative coordinates are arguments, not options; exit status per point. */
START_TEST(spot_mode)
{
    char out[4096], err[4096], *text;
    const char *ok[] = { "IGRF11", "2013.7", "D", "F30000", "-70.3", "-30.8", NULL };
    const char *csv[] = { "--format", "geomag70", "igrf11", "2013.7", "D", "F30000", "-70,18,0",
                          "-30,48,0", NULL };
    const char *bad[] = { "IGRF11", "2013,2,29", "D", "K0", "10", "10", NULL };
    ck_assert_int_eq(run(STDIN_OPEN_PIPE, tmp(out, "spot.out"), tmp(err, "spot.err"), ok), 0);
    text = tu_slurp(out, NULL);
    ck_assert_ptr_nonnull(strstr(text, "-60d 28m"));   /* I of the IGRF-11 sample row */
    free(text);
    ck_assert_int_eq(run(STDIN_OPEN_PIPE, out, err, csv), 0);
    text = tu_slurp(out, NULL);
    ck_assert_ptr_nonnull(strstr(text, "-70,18,0 -30,48,0     0d -37m   -60d 28m   19004.1"));
    free(text);
    ck_assert_int_eq(run(STDIN_OPEN_PIPE, out, err, bad), 1);
    text = tu_slurp(err, NULL);
    ck_assert_ptr_nonnull(strstr(text, "day 29"));
    free(text);
}
END_TEST

/* Within 0.001 degree of a pole X, Y, D and their SV are NaN; the rest is not. */
START_TEST(pole_prints_nan_columns)
{
    char out[4096], err[4096], *text, *line[4], f[32][32];
    const char *args[] = { "--format", "geomag70", "IGRF13", "2020.5", "D", "K0", "89.9995", "0",
                           NULL };
    ck_assert_int_eq(run(STDIN_CLOSED, tmp(out, "pole.out"), tmp(err, "pole.err"), args), 0);
    text = tu_slurp(out, NULL);
    ck_assert_int_eq(lines_of(text, line, 4), 2);
    /* echo 5, D 1 (NaN), I 2, H X Y Z F, dD dI dH dX dY dZ dF */
    ck_assert_int_eq(fields_of(line[1], f), 20);
    ck_assert_str_eq(f[5], "NaN");
    ck_assert_str_ne(f[8], "NaN");                 /* H */
    ck_assert_str_eq(f[9], "NaN");                 /* X */
    ck_assert_str_eq(f[10], "NaN");                /* Y */
    ck_assert_str_ne(f[11], "NaN");                /* Z */
    ck_assert_str_eq(f[13], "NaN");                /* dD */
    ck_assert_str_eq(f[16], "NaN");                /* dX */
    ck_assert_str_eq(f[17], "NaN");                /* dY */
    ck_assert_str_ne(f[18], "NaN");                /* dZ */
    free(text);
}
END_TEST

/* Near the north dip pole of 2017 (found by search): H < 100 nT, so D and
 * dD are NaN while X and Y are not. */
START_TEST(weak_horizontal_field_prints_nan_declination)
{
    char out[4096], err[4096], *text, *line[4], f[32][32];
    const char *args[] = { "--format", "geomag70", "IGRF12", "2017.3", "D", "K0", "86.441",
                           "188.85", NULL };
    ck_assert_int_eq(run(STDIN_CLOSED, tmp(out, "dip.out"), tmp(err, "dip.err"), args), 0);
    text = tu_slurp(out, NULL);
    ck_assert_int_eq(lines_of(text, line, 4), 2);
    ck_assert_int_eq(fields_of(line[1], f), 20);
    ck_assert_str_eq(f[5], "NaN");                 /* D */
    ck_assert(atof(f[8]) > 0.0 && atof(f[8]) < 100.0);   /* H */
    ck_assert_str_ne(f[9], "NaN");                 /* X */
    ck_assert_str_ne(f[10], "NaN");                /* Y */
    ck_assert_str_eq(f[13], "NaN");                /* dD */
    ck_assert_str_ne(f[16], "NaN");                /* dX */
    free(text);
}
END_TEST

START_TEST(help_and_usage)
{
    char out[4096], err[4096], *text;
    const char *help[] = { "--help", NULL };
    const char *none[] = { NULL };
    const char *model_only[] = { "IGRF11", NULL };
    const char *bad_format[] = { "--format", "xml", "IGRF11", "f", "a", "b", NULL };
    const char *bad_model[] = { "IGRF99", "f", "a", "b", NULL };
    ck_assert_int_eq(run(STDIN_CLOSED, tmp(out, "help.out"), tmp(err, "help.err"), help), 0);
    text = tu_slurp(out, NULL);
    for (const char *w = "--format\0geomag70\0csv\0json\0Exit status\0yyyy,mm,dd\0"; *w;
         w += strlen(w) + 1)
        ck_assert_msg(strstr(text, w) != NULL, "--help lacks %s", w);
    free(text);
    ck_assert_int_eq(run(STDIN_OPEN_PIPE, out, err, none), 2);
    ck_assert_int_eq(run(STDIN_OPEN_PIPE, out, err, model_only), 2);
    ck_assert_int_eq(run(STDIN_OPEN_PIPE, out, err, bad_format), 2);
    ck_assert_int_eq(run(STDIN_OPEN_PIPE, out, err, bad_model), 2);
}
END_TEST

int main(int argc, char **argv)
{
    Suite *s = suite_create("geomag");
    TCase *tc = tcase_create("geomag");
    locate();
    if (argc > 1 && strcmp(argv[1], "shared") == 0) {
        shared_dir = tu_shared_or_skip();
        tcase_add_test(tc, sample_igrf11_builtin);
        tcase_add_test(tc, sample_igrf11_csv_rounds_to_the_sample);
        tcase_add_test(tc, sample_igrf12_cof);
        tcase_add_test(tc, sample_igrf13_noaa_table);
        tcase_add_test(tc, sample_igrf13_shc);
        tcase_add_test(tc, sample_wmm2015_cof);
    } else {
        tcase_add_test(tc, each_bad_line_is_named_and_the_rest_computed);
        tcase_add_test(tc, out_of_range_altitude_finishes);
        tcase_add_test(tc, date_out_of_range_finishes);
        tcase_add_test(tc, unreadable_input_is_exit_2_and_output_untouched);
        tcase_add_test(tc, unwritable_output_is_exit_2);
        tcase_add_test(tc, output_replaced_whole_without_leftovers);
        tcase_add_test(tc, pipe_output_is_written_in_place);
        tcase_add_test(tc, cof_header_altitude_limits);
        tcase_add_test(tc, year_after_the_end_warns);
        tcase_add_test(tc, csv_has_a_row_per_input_with_status);
        tcase_add_test(tc, json_is_an_array_of_objects);
        tcase_add_test(tc, spot_mode);
        tcase_add_test(tc, pole_prints_nan_columns);
        tcase_add_test(tc, weak_horizontal_field_prints_nan_declination);
        tcase_add_test(tc, help_and_usage);
    }
    suite_add_tcase(s, tc);
    return tu_check_run(s);
}
