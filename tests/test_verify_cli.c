/*
 * test_verify_cli.c: tdre-verify as a user runs it: result files with a
 * dropped, duplicated, altered or malformed row are caught and the row
 * named; rows out of order still pair; statistics in the JSON report
 * match values worked out by hand; shards merge into the whole; a part
 * that cannot run is never a pass.
 */
#include <check.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "testutil.h"
#include "tu_check.h"

static char verify_bin[4096], gen_bin[4096], original[4096];

static void locate(void)
{
    const char *bin = tu_env_dir("TDRE_BIN"), *src = tu_env_dir("TDRE_SOURCE_DIR");
    if (!bin || !src) {
        fprintf(stderr, "TDRE_BIN and TDRE_SOURCE_DIR must be set (run through ctest)\n");
        exit(1);
    }
    tu_path(verify_bin, sizeof verify_bin, bin, "tdre-verify");
    tu_path(gen_bin, sizeof gen_bin, bin, "tdre-gen");
    tu_path(original, sizeof original, src, "vectors/igrf11-original.csv");
}

/* Paths handed out by tmp(), freed when the (forked) test process exits. */
static char *tmp_paths[64];
static int ntmp_paths;

static void free_tmp_paths(void)
{
    while (ntmp_paths > 0) free(tmp_paths[--ntmp_paths]);
}

/* A path in the test's temporary directory (kept for the whole test). */
static char *tmp(const char *name)
{
    char path[4096], *p;
    snprintf(path, sizeof path, "%s/%s", tu_tmpdir(), name);
    ck_assert_int_lt(ntmp_paths, 64);
    p = strdup(path);
    ck_assert_ptr_nonnull(p);
    if (ntmp_paths == 0) atexit(free_tmp_paths);
    tmp_paths[ntmp_paths++] = p;
    return p;
}

/* Runs tdre-verify with args (NULL-terminated); stdout text in *out. */
static int run_verify(char **out, const char *first, ...)
{
    char *argv[64];
    int n = 0, status;
    const char *arg;
    va_list ap;
    char *out_path = tmp("verify.out"), *err_path = tmp("verify.err");
    size_t len;
    argv[n++] = verify_bin;
    argv[n++] = "--no-progress";
    va_start(ap, first);
    for (arg = first; arg && n < 63; arg = va_arg(ap, const char *)) argv[n++] = (char *)arg;
    va_end(ap);
    argv[n] = NULL;
    status = tu_run(argv, NULL, out_path, err_path);
    *out = tu_slurp(out_path, &len);
    ck_assert_ptr_nonnull(*out);
    {
        char *err = tu_slurp(err_path, &len);
        if (err && *err) fprintf(stderr, "tdre-verify stderr: %s", err);
        free(err);
    }
    return status;
}

/* A copy of the committed result file changed by edit() at data row k
 * (file line k + 1). */
typedef void edit_fn(FILE *out, char **lines, size_t n, size_t k);

static char *edited_copy(const char *name, edit_fn *edit, size_t k)
{
    size_t len, n = 0;
    char *text = tu_slurp(original, &len), *path = tmp(name);
    char **lines = malloc(sizeof *lines * 10000);
    FILE *out;
    ck_assert_ptr_nonnull(text);
    for (char *p = strtok(text, "\n"); p; p = strtok(NULL, "\n")) lines[n++] = p;
    out = fopen(path, "w");
    ck_assert_ptr_nonnull(out);
    edit(out, lines, n, k);
    fclose(out);
    free(lines);
    free(text);
    return path;
}

static void drop(FILE *out, char **lines, size_t n, size_t k)
{
    for (size_t i = 0; i < n; i++)
        if (i != k) fprintf(out, "%s\n", lines[i]);
}

static void duplicate(FILE *out, char **lines, size_t n, size_t k)
{
    for (size_t i = 0; i < n; i++) {
        fprintf(out, "%s\n", lines[i]);
        if (i == k) fprintf(out, "%s\n", lines[i]);
    }
}

/* Field f (0-based) of row k moved by a part in 1e9. */
static void alter_field(FILE *out, char **lines, size_t n, size_t k, int f)
{
    for (size_t i = 0; i < n; i++) {
        char *p = lines[i], *end;
        double v;
        if (i != k) {
            fprintf(out, "%s\n", lines[i]);
            continue;
        }
        for (int c = 0; c < f; c++) p = strchr(p, ',') + 1;
        v = strtod(p, &end);
        fprintf(out, "%.*s%.17g%s\n", (int)(p - lines[i]), lines[i], v + fabs(v) * 1e-9 + 1e-9, end);
    }
}

static void alter_output(FILE *out, char **lines, size_t n, size_t k) { alter_field(out, lines, n, k, 6); }
static void alter_input(FILE *out, char **lines, size_t n, size_t k) { alter_field(out, lines, n, k, 4); }

static void swap_two(FILE *out, char **lines, size_t n, size_t k)
{
    char *t = lines[k];
    lines[k] = lines[k + 1];
    lines[k + 1] = t;
    drop(out, lines, n, n);
}

static void move_to_end(FILE *out, char **lines, size_t n, size_t k)
{
    drop(out, lines, n, k);
    fprintf(out, "%s\n", lines[k]);
}

static void malformed(FILE *out, char **lines, size_t n, size_t k)
{
    for (size_t i = 0; i < n; i++) fprintf(out, "%s\n", i == k ? "0,2000,1,zero,10,20,1,2,3,4" : lines[i]);
}

static const char *bitwise_conf(void)
{
    char *p = tmp("pair.conf");
    ck_assert_int_eq(tu_write(p, "[original:edited]\nmain = bitwise\n"), 0);
    return p;
}

static int compare_edited(const char *edited, char **out)
{
    char spec_a[4200], spec_b[4200];
    snprintf(spec_a, sizeof spec_a, "original=%s", original);
    snprintf(spec_b, sizeof spec_b, "edited=%s", edited);
    return run_verify(out, "--tolerances", bitwise_conf(), "--results", spec_a, "--results", spec_b,
                      NULL);
}

static void expect_text(const char *out, const char *fmt, const char *a, long line)
{
    char want[4400];
    snprintf(want, sizeof want, fmt, a, line);
    ck_assert_msg(strstr(out, want), "report lacks \"%s\":\n%s", want, out);
}

START_TEST(dropped_row_is_named)
{
    char *out, *edited = edited_copy("dropped.csv", drop, 100);
    ck_assert_int_eq(compare_edited(edited, &out), 1);
    expect_text(out, "%s:%ld: row missing from", original, 101);
    ck_assert_ptr_nonnull(strstr(out, "verdict [vectors] original:edited: FAIL"));
    free(out);
}
END_TEST

START_TEST(duplicated_row_is_named)
{
    char *out, *edited = edited_copy("duplicated.csv", duplicate, 100);
    ck_assert_int_eq(compare_edited(edited, &out), 1);
    expect_text(out, "%s:%ld: duplicate row (same input as line 101)", edited, 102);
    ck_assert_ptr_nonnull(strstr(out, "original:edited: FAIL"));
    free(out);
}
END_TEST

START_TEST(altered_output_is_named)
{
    char *out, *edited = edited_copy("altered.csv", alter_output, 200);
    ck_assert_int_eq(compare_edited(edited, &out), 1);
    expect_text(out, "[%s:%ld]", edited, 201);
    ck_assert_ptr_nonnull(strstr(out, "original:edited: FAIL (1 of "));
    free(out);
}
END_TEST

START_TEST(altered_input_is_named)
{
    char *out, *edited = edited_copy("altered_in.csv", alter_input, 300);
    ck_assert_int_eq(compare_edited(edited, &out), 1);
    expect_text(out, "%s:%ld: extra row, not in", edited, 301);
    expect_text(out, "%s:%ld: row missing from", original, 301);
    free(out);
}
END_TEST

START_TEST(malformed_row_is_named)
{
    char *out, *edited = edited_copy("malformed.csv", malformed, 400);
    ck_assert_int_eq(compare_edited(edited, &out), 1);
    expect_text(out, "%s:%ld:", edited, 401);
    ck_assert_ptr_nonnull(strstr(out, "original:edited: FAIL"));
    free(out);
}
END_TEST

/* Pairing is by input, not by position. */
START_TEST(rows_out_of_order_still_pair)
{
    char *out, *swapped = edited_copy("swapped.csv", swap_two, 10), *moved;
    ck_assert_int_eq(compare_edited(swapped, &out), 0);
    ck_assert_ptr_nonnull(strstr(out, "original:edited: PASS (0 of 8153 rows"));
    free(out);
    moved = edited_copy("moved.csv", move_to_end, 20);
    ck_assert_int_eq(compare_edited(moved, &out), 0);
    free(out);
}
END_TEST

/* Finds "key": NUMBER after the x component of the first group. */
static double json_number(const char *json, const char *key)
{
    const char *x = strstr(json, "\"component\": \"x\""), *k;
    char want[64];
    ck_assert_ptr_nonnull(x);
    snprintf(want, sizeof want, "\"%s\": ", key);
    k = strstr(x, want);
    ck_assert_ptr_nonnull(k);
    return strtod(k + strlen(want), NULL);
}

/* x differs by 1, 2, 3 nT on |B| = 100, 100, 100: mean 2, sd 1,
 * rms sqrt(14/3), median 2, 99.9th percentile 2 + 0.998, max rel 0.03. */
START_TEST(statistics_by_hand)
{
    char *a = tmp("a.csv"), *b = tmp("b.csv"), *conf = tmp("ab.conf"), *json = tmp("ab.json");
    char *out, *text;
    size_t len;
    const char *head = "isv,date,itype,alt,colat,elong,x,y,z,f\n";
    char buf[1024];
    snprintf(buf, sizeof buf, "%s0,2000,1,0,10,20,100,0,0,100\n0,2000,1,0,11,20,100,0,0,100\n"
             "0,2000,1,0,12,20,100,0,0,100\n", head);
    ck_assert_int_eq(tu_write(a, buf), 0);
    snprintf(buf, sizeof buf, "%s0,2000,1,0,10,20,101,0,0,100\n0,2000,1,0,12,20,103,0,0,100\n"
             "0,2000,1,0,11,20,102,0,0,100\n", head);
    ck_assert_int_eq(tu_write(b, buf), 0);
    ck_assert_int_eq(tu_write(conf, "[a:b]\nmain = abs 10\n"), 0);
    ck_assert_int_eq(run_verify(&out, "--tolerances", conf, "--results", a, "--results", b,
                                "--json", json, NULL), 0);
    text = tu_slurp(json, &len);
    ck_assert_ptr_nonnull(text);
    ck_assert_double_eq(json_number(text, "count"), 3);
    ck_assert_double_eq(json_number(text, "max_abs"), 3);
    ck_assert_double_eq_tol(json_number(text, "mean"), 2, 1e-15);
    ck_assert_double_eq_tol(json_number(text, "sd"), 1, 1e-15);
    ck_assert_double_eq_tol(json_number(text, "rms"), sqrt(14.0 / 3.0), 1e-15);
    ck_assert_double_eq_tol(json_number(text, "median_abs"), 2, 1e-15);
    ck_assert_double_eq_tol(json_number(text, "p999_abs"), 2.998, 1e-12);
    ck_assert_double_eq_tol(json_number(text, "max_rel"), 0.03, 1e-17);
    ck_assert_ptr_nonnull(strstr(text, "\"more\": 3"));
    free(text);
    free(out);
}
END_TEST

static long judged_in(const char *json_path)
{
    size_t len;
    char *text = tu_slurp(json_path, &len), *j;
    long v;
    ck_assert_ptr_nonnull(text);
    j = strstr(text, "\"judged\": ");
    ck_assert_ptr_nonnull(j);
    v = strtol(j + 10, NULL, 10);
    free(text);
    return v;
}

/* Two shards saved and merged count what the whole set counts. */
START_TEST(shards_merge_into_the_whole)
{
    char *out, *s0 = tmp("s0.stats"), *s1 = tmp("s1.stats"), *whole = tmp("whole.json");
    char *merged = tmp("merged.json");
    const char *common[] = { "--gen", gen_bin, "--count", "3000", "--impl", "oracle", "--impl", "phase1" };
    ck_assert_int_eq(run_verify(&out, common[0], common[1], common[2], common[3], common[4], common[5],
                                common[6], common[7], "--shard", "0/2", "--save-stats", s0,
                                "--quiet", NULL), 0);
    free(out);
    ck_assert_int_eq(run_verify(&out, common[0], common[1], common[2], common[3], common[4], common[5],
                                common[6], common[7], "--shard", "1/2", "--save-stats", s1,
                                "--quiet", NULL), 0);
    free(out);
    ck_assert_int_eq(run_verify(&out, common[0], common[1], common[2], common[3], common[4], common[5],
                                common[6], common[7], "--json", whole, NULL), 0);
    free(out);
    {
        char *argv[] = { verify_bin, "merge", "--json", merged, s0, s1, NULL };
        ck_assert_int_eq(tu_run(argv, NULL, tmp("merge.out"), NULL), 0);
    }
    ck_assert_int_gt(judged_in(whole), 3000);
    ck_assert_int_eq(judged_in(merged), judged_in(whole));
}
END_TEST

/* geomag70's samples without tdre-geomag: NOT AVAILABLE, status 3. */
START_TEST(missing_part_is_not_a_pass)
{
    char *out, spec[4200];
    snprintf(spec, sizeof spec, "original=%s", original);
    ck_assert_int_eq(run_verify(&out, "--results", spec, "--impl", "oracle", "--geomag",
                                "--geomag-bin", "/nonexistent/tdre-geomag", NULL), 3);
    ck_assert_ptr_nonnull(strstr(out, "verdict geomag IGRF11: NOT AVAILABLE"));
    ck_assert_ptr_nonnull(strstr(out, "OVERALL: INCOMPLETE"));
    free(out);
    ck_assert_int_eq(run_verify(&out, "--results", spec, "--impl", "oracle", "--not-run", "phase 9",
                                "--allow-incomplete", NULL), 0);
    ck_assert_ptr_nonnull(strstr(out, "verdict phase 9: NOT RUN"));
    free(out);
}
END_TEST

START_TEST(pair_without_tolerance_is_refused)
{
    char *out, spec[4200];
    snprintf(spec, sizeof spec, "mine=%s", original);
    ck_assert_int_eq(run_verify(&out, "--results", spec, "--impl", "oracle", NULL), 2);
    free(out);
}
END_TEST

/* Unreadable input and a failing generator: status 2, the cause named. */
START_TEST(unreadable_inputs_are_named)
{
    char *out, *err_text, *err_path = tmp("bad.err"), *out_path = tmp("bad.out");
    size_t len;
    char *argv1[] = { verify_bin, "--results", "original=/nonexistent/o.csv", "--impl", "oracle", NULL };
    char *argv2[] = { verify_bin, "--gen", "/nonexistent/tdre-gen", "--count", "10", "--impl", "oracle",
                      "--impl", "phase1", NULL };
    ck_assert_int_eq(tu_run(argv1, NULL, out_path, err_path), 2);
    err_text = tu_slurp(err_path, &len);
    ck_assert_msg(strstr(err_text, "/nonexistent/o.csv: cannot open"), "%s", err_text);
    free(err_text);
    ck_assert_int_eq(tu_run(argv2, NULL, out_path, err_path), 2);
    err_text = tu_slurp(err_path, &len);
    ck_assert_msg(strstr(err_text, "the generator failed"), "%s", err_text);
    free(err_text);
    out = tu_slurp(out_path, &len);
    ck_assert_ptr_null(strstr(out, "PASS"));
    free(out);
}
END_TEST

/* Not a terminal: no progress bar. --html writes the page (and, with
 * gnuplot, the plots), --json the same verdict. */
START_TEST(quiet_logs_and_html)
{
    char *out = tmp("p.out"), *err = tmp("p.err"), *html = tmp("r.html"), *json = tmp("r.json");
    char *text;
    size_t len;
    char *argv[] = { verify_bin, "--gen", gen_bin, "--count", "2000", "--impl", "oracle",
                     "--impl", "phase2-legacy", "--map", "oracle:phase2-legacy", "--html", html,
                     "--json", json, NULL };
    ck_assert_int_eq(tu_run(argv, NULL, out, err), 0);
    text = tu_slurp(err, &len);
    ck_assert_msg(!strchr(text, '\r') && !strstr(text, "rows"), "progress in a log: %s", text);
    free(text);
    text = tu_slurp(html, &len);
    ck_assert_ptr_nonnull(text);
    ck_assert_ptr_nonnull(strstr(text, "<h1>tdre verify: <span class=\"pass\">PASS</span></h1>"));
    ck_assert_ptr_nonnull(strstr(text, "oracle:phase2-legacy"));
    free(text);
    text = tu_slurp(json, &len);
    ck_assert_ptr_nonnull(strstr(text, "\"verdict\": \"PASS\", \"exit_status\": 0"));
    free(text);
    if (system("command -v gnuplot >/dev/null 2>&1") == 0)
        ck_assert_int_eq(access(tmp("verify-ulp.png"), F_OK), 0);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("verify_cli");
    TCase *tc = tcase_create("cli");
    locate();
    tcase_set_timeout(tc, 300);
    tcase_add_test(tc, dropped_row_is_named);
    tcase_add_test(tc, duplicated_row_is_named);
    tcase_add_test(tc, altered_output_is_named);
    tcase_add_test(tc, altered_input_is_named);
    tcase_add_test(tc, malformed_row_is_named);
    tcase_add_test(tc, rows_out_of_order_still_pair);
    tcase_add_test(tc, statistics_by_hand);
    tcase_add_test(tc, shards_merge_into_the_whole);
    tcase_add_test(tc, missing_part_is_not_a_pass);
    tcase_add_test(tc, pair_without_tolerance_is_refused);
    tcase_add_test(tc, unreadable_inputs_are_named);
    tcase_add_test(tc, quiet_logs_and_html);
    suite_add_tcase(s, tc);
    return tu_check_run(s);
}
