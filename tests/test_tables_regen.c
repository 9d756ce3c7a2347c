/*
 * test_tables_regen.c: `tdre-gen tables` reproduces every committed table
 * of gen/tables.list byte for byte, names its command in the header, and
 * leaves no file behind when it fails.
 */
#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

#define MAX_ENTRIES 32
#define MAX_OPTS 4

typedef struct {
    char out[256], kind[16], name[32], in[256];
    char opts[MAX_OPTS][64];
    int nopts;
} entry;

static const char *shared, *src, *bin;
static entry entries[MAX_ENTRIES];
static int nentries;

static void load_list(void)
{
    char path[4096], line[1024];
    FILE *f = fopen(tu_path(path, sizeof path, src, "gen/tables.list"), "r");
    if (!f) {
        perror(path);
        exit(1);
    }
    while (fgets(line, sizeof line, f) && nentries < MAX_ENTRIES) {
        entry *e = &entries[nentries];
        char o[MAX_OPTS][64];
        if (line[0] == '#')
            continue;
        int n = sscanf(line, "%255s %15s %31s %255s %63s %63s %63s %63s", e->out, e->kind,
                       e->name, e->in, o[0], o[1], o[2], o[3]);
        if (n < 4)
            continue;
        e->nopts = n - 4;
        for (int k = 0; k < e->nopts; k++)
            strcpy(e->opts[k], o[k]);
        nentries++;
    }
    fclose(f);
}

/* tdre-gen tables for an entry, to out_path (-o) or, if NULL, stdout_path. */
static int run_entry(const entry *e, const char *input, const char *out_path,
                     const char *stdout_path, const char *err_path)
{
    char exe[4096], in[4096];
    char *argv[20];
    int k = 0;
    tu_path(exe, sizeof exe, bin, "tdre-gen");
    if (input)
        snprintf(in, sizeof in, "%s", input);
    else
        tu_path(in, sizeof in, shared, e->in);
    argv[k++] = exe;
    argv[k++] = "tables";
    argv[k++] = "--format";
    argv[k++] = (char *)e->kind;
    argv[k++] = "--name";
    argv[k++] = (char *)e->name;
    for (int i = 0; i < e->nopts; i++)
        argv[k++] = (char *)e->opts[i];
    argv[k++] = "--shared";
    argv[k++] = (char *)shared;
    if (out_path) {
        argv[k++] = "-o";
        argv[k++] = (char *)out_path;
    }
    argv[k++] = in;
    argv[k] = NULL;
    return tu_run(argv, NULL, stdout_path, err_path);
}

static void assert_same_file(const char *made, const char *committed)
{
    size_t la, lb;
    char *a = tu_slurp(made, &la), *b = tu_slurp(committed, &lb);
    ck_assert_msg(a && b, "cannot read %s or %s", made, committed);
    size_t i = 0, line = 1;
    while (i < la && i < lb && a[i] == b[i])
        line += a[i++] == '\n';
    ck_assert_msg(i == la && i == lb, "%s differs from the regenerated file at line %zu",
                  committed, line);
    free(a);
    free(b);
}

START_TEST(regenerates_byte_for_byte)
{
    const entry *e = &entries[_i];
    char made[4096], piped[4096], committed[4096], err[4096];
    const char *tmp = tu_tmpdir();
    tu_path(made, sizeof made, tmp, "made");
    tu_path(piped, sizeof piped, tmp, "piped");
    tu_path(err, sizeof err, tmp, "err");
    tu_path(committed, sizeof committed, src, e->out);
    ck_assert_int_eq(run_entry(e, NULL, made, NULL, err), 0);
    assert_same_file(made, committed);
    ck_assert_int_eq(run_entry(e, NULL, NULL, piped, err), 0);
    assert_same_file(piped, committed);
}
END_TEST

START_TEST(headers_name_the_command)
{
    char path[4096];
    for (int i = 0; i < nentries; i++) {
        size_t len;
        char *text = tu_slurp(tu_path(path, sizeof path, src, entries[i].out), &len);
        ck_assert_ptr_nonnull(text);
        char *third = text;
        for (int k = 0; k < 3 && third; k++)
            third = strchr(third + 1, '\n');
        ck_assert_msg(third && strstr(text, "do not edit") && strstr(text, "do not edit") < third,
                      "%s: no 'do not edit' in its first lines", entries[i].out);
        ck_assert_msg(strstr(text, "tdre-gen tables --format ") < third, "%s", entries[i].out);
        free(text);
    }
    size_t len;
    char *c = tu_slurp(tu_path(path, sizeof path, src, "port_c/tables/igrf11.c"), &len);
    const char *want = "/* tdre-gen tables --format c --name igrf11 "
                       "../shared/data/coeffs/igrf11coeffs.txt\n";
    ck_assert_msg(c && strncmp(c, want, strlen(want)) == 0, "igrf11.c header");
    free(c);
    char *f = tu_slurp(tu_path(path, sizeof path, src, "reference_f/igrf11gh.inc"), &len);
    want = "C     tdre-gen tables --format gh-f77 --name igrf11\n"
           "C     ../shared/data/coeffs/igrf11coeffs.txt\n";
    ck_assert_msg(f && strncmp(f, want, strlen(want)) == 0, "igrf11gh.inc header");
    free(f);
}
END_TEST

static int count_entries_starting(const char *dir, const char *prefix)
{
    DIR *d = opendir(dir);
    int n = 0;
    struct dirent *de;
    while (d && (de = readdir(d)))
        n += strncmp(de->d_name, prefix, strlen(prefix)) == 0;
    if (d)
        closedir(d);
    return n;
}

/* A failing run leaves neither the target nor a temporary beside it, and
 * an existing target untouched. */
static void assert_fails_cleanly(const entry *e, const char *input, const char *says)
{
    char target[4096], err[4096];
    const char *tmp = tu_tmpdir();
    tu_path(target, sizeof target, tmp, "target");
    tu_path(err, sizeof err, tmp, "err");
    remove(target);
    ck_assert_int_eq(run_entry(e, input, target, NULL, err), 1);
    ck_assert_int_eq(count_entries_starting(tmp, "target"), 0);
    size_t len;
    char *msg = tu_slurp(err, &len);
    ck_assert_msg(msg && strstr(msg, says), "stderr '%s' should say '%s'", msg ? msg : "", says);
    free(msg);
    ck_assert_int_eq(tu_write(target, "keep\n"), 0);
    ck_assert_int_eq(run_entry(e, input, target, NULL, err), 1);
    char *kept = tu_slurp(target, &len);
    ck_assert_msg(kept && strcmp(kept, "keep\n") == 0, "existing target was changed");
    free(kept);
    ck_assert_int_eq(count_entries_starting(tmp, "target"), 1);
}

START_TEST(failure_leaves_no_file)
{
    entry c = { .kind = "c", .name = "bad" };
    entry ghf = { .kind = "gh-f77", .name = "bad" };
    entry ghc = { .kind = "gh-c", .name = "bad", .nopts = 1, .opts = { "--sv-from-last" } };
    entry ghc_plain = { .kind = "gh-c", .name = "bad" };
    char path[4096], bad[4096];
    const char *tmp = tu_tmpdir();
    /* malformed input */
    assert_fails_cleanly(&c, tu_path(bad, sizeof bad, src,
                                     "tests/data/coeffs-bad/noaa-ragged.txt"), "ragged row");
    /* a coefficient whose decimal rounds differently to float directly and
     * through double (1 + 2^-24 + a little): C and Fortran would disagree */
    tu_path(path, sizeof path, tmp, "rounding.txt");
    ck_assert_int_eq(tu_write(path, "g/h n m 2000.0 2000-05\ng 1 0 1.0000000596046448 1\n"
                                    "g 1 1 1 1\nh 1 1 1 1\n"), 0);
    assert_fails_cleanly(&c, path, "strtof");
    /* the same in a model with the igrf11.f structure, for the GH forms */
    size_t len;
    char *igrf11 = tu_slurp(tu_path(bad, sizeof bad, shared, "data/coeffs/igrf11coeffs.txt"),
                            &len);
    char *at = igrf11 ? strstr(igrf11, " -29554.63 ") : NULL;
    ck_assert_ptr_nonnull(at);
    memcpy(at, " 1.00000006 ", 12);   /* same width; 1.00000006 rounds the same both ways */
    ck_assert_int_eq(tu_write(path, igrf11), 0);
    char control[4096];
    tu_path(control, sizeof control, tmp, "control");
    ck_assert_int_eq(run_entry(&ghf, path, NULL, control, NULL), 0);   /* only the value fails */
    char *text = malloc(len + 64);
    size_t k = (size_t)(at - igrf11);
    memcpy(text, igrf11, k);
    strcpy(text + k, " 1.0000000596046448");
    strcat(text + k, at + 11);
    ck_assert_int_eq(tu_write(path, text), 0);
    assert_fails_cleanly(&ghf, path, "strtof");
    assert_fails_cleanly(&ghc_plain, path, "strtof");
    free(text);
    free(igrf11);
    /* models without the igrf11.f structure */
    assert_fails_cleanly(&ghc, tu_path(bad, sizeof bad, shared, "data/coeffs/IGRF1.SHC"),
                         "does not fit the legacy layout");
    assert_fails_cleanly(&ghf, tu_path(bad, sizeof bad, shared, "data/coeffs/IGRF11.SHC"),
                         "no SV");
    /* unwritable destination */
    char err[4096];
    tu_path(err, sizeof err, tmp, "err");
    ck_assert_int_eq(run_entry(&entries[0], NULL, "/nonexistent-dir/out.c", NULL, err), 1);
}
END_TEST

START_TEST(usage)
{
    char exe[4096], out[4096];
    const char *tmp = tu_tmpdir();
    tu_path(exe, sizeof exe, bin, "tdre-gen");
    tu_path(out, sizeof out, tmp, "help");
    char *help[] = { exe, "tables", "--help", NULL };
    ck_assert_int_eq(tu_run(help, NULL, out, NULL), 0);
    size_t len;
    char *text = tu_slurp(out, &len);
    static const char *const opts[] = { "--format", "--name", "--input-format", "--sv-from-last",
                                        "--shared", "-o FILE", "gh-f77", "gh-c" };
    for (int i = 0; i < 8; i++)
        ck_assert_msg(text && strstr(text, opts[i]), "--help does not document %s", opts[i]);
    free(text);
    char *none[] = { exe, "tables", NULL };
    ck_assert_int_eq(tu_run(none, NULL, NULL, NULL), 2);
    char *bogus[] = { exe, "tables", "--format", "pdf", "--name", "x", "f", NULL };
    ck_assert_int_eq(tu_run(bogus, NULL, NULL, NULL), 2);
    char *badname[] = { exe, "tables", "--format", "c", "--name", "X-1", "f", NULL };
    ck_assert_int_eq(tu_run(badname, NULL, NULL, NULL), 2);
}
END_TEST

int main(void)
{
    shared = tu_shared_or_skip();
    src = tu_env_dir("TDRE_SOURCE_DIR");
    bin = tu_env_dir("TDRE_BIN");
    if (!src || !bin) {
        fputs("TDRE_SOURCE_DIR or TDRE_BIN not set\n", stderr);
        return 77;
    }
    load_list();
    Suite *s = suite_create("tables_regen");
    TCase *tc = tcase_create("regen");
    tcase_add_loop_test(tc, regenerates_byte_for_byte, 0, nentries);
    tcase_add_test(tc, headers_name_the_command);
    tcase_add_test(tc, failure_leaves_no_file);
    tcase_add_test(tc, usage);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr) + (nentries < 6);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
