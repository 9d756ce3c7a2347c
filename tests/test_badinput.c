/*
 * test_badinput.c: the bad-input corpus (tests/badinput/), one Check test per
 * case of a manifest.
 *
 * Built once per tool (tests/badinput.cmake defines TDRE_BADINPUT_TOOL, e.g.
 * "eval"); reads tests/badinput/<tool>.tsv, whose format is described at its
 * top and in tests/badinput/README.md. Each case runs the tool from inside
 * tests/badinput (so messages name the files as the manifest writes them)
 * with standard input from /dev/null, and checks its exit status, that each
 * expected message is on standard error, and what it wrote.
 */
#define _GNU_SOURCE
#include <check.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "testutil.h"

#ifndef TDRE_BADINPUT_TOOL
#error "TDRE_BADINPUT_TOOL must name the tool (eval, gen, verify, geomag)"
#endif

#define MAX_CASES 400
#define MAX_ARGS 32
#define RUN_SECONDS 60   /* a tool still running by then hangs: the case fails */

typedef struct {
    int lineno;          /* in the manifest */
    char *name;
    int status;          /* expected exit status */
    char *input;         /* "-" none, "gen:KIND" generated, or a path */
    char *check;         /* comma-separated checks */
    char *message;       /* " ;; "-separated substrings of stderr, or "-" */
    char *command;       /* tool and arguments, space-separated */
} bad_case;

static bad_case cases[MAX_CASES];
static int ncases;
static char corpus_dir[4096];

/* ---- the manifest --------------------------------------------------------- */

static void load_manifest(void)
{
    char path[4200], *text, *line;
    const char *src = tu_env_dir("TDRE_SOURCE_DIR");
    if (!src) {
        fprintf(stderr, "TDRE_SOURCE_DIR not set\n");
        exit(1);
    }
    snprintf(corpus_dir, sizeof corpus_dir, "%s/tests/badinput", src);
    snprintf(path, sizeof path, "%s/%s.tsv", corpus_dir, TDRE_BADINPUT_TOOL);
    if (!(text = tu_slurp(path, NULL))) {
        fprintf(stderr, "%s: cannot read\n", path);
        exit(1);
    }
    int lineno = 0;
    for (line = text; line && *line; ) {
        char *f[6], *fsave = NULL, *nl = strchr(line, '\n');
        int n = 0;
        if (nl) *nl = '\0';
        lineno++;
        if (line[0] == '#' || line[strspn(line, " \t")] == '\0') {
            line = nl ? nl + 1 : NULL;
            continue;
        }
        for (char *t = strtok_r(line, "\t", &fsave); t && n < 6; t = strtok_r(NULL, "\t", &fsave))
            f[n++] = t;
        if (n != 6 || ncases == MAX_CASES) {
            fprintf(stderr, "%s: malformed entry %d ('%s'): need 6 tab-separated fields\n",
                    path, ncases + 1, f[0]);
            exit(1);
        }
        cases[ncases++] = (bad_case){ lineno, f[0], atoi(f[1]), f[2], f[3], f[4], f[5] };
        line = nl ? nl + 1 : NULL;
    }
}

/* ---- running one case ----------------------------------------------------- */

typedef struct {
    char dir[4096];      /* the case's own temporary directory */
    char out[4200];      /* @OUT: dir/out/result.csv */
    char input[4200];    /* @IN */
    char stdout_path[4200], stderr_path[4200];
    char *argv[MAX_ARGS + 1];
    char stdin_path[4200];
    int stdout_full;     /* '>/dev/full' in the command */
} run_setup;

/* A string with @IN, @OUT, @TMP, @BIN replaced (malloc'd). */
static char *expand(const char *s, const run_setup *r)
{
    size_t cap = strlen(s) + 8192, n = 0;
    char *out = malloc(cap);
    while (*s) {
        const char *with = NULL;
        size_t skip = 0;
        if (strncmp(s, "@IN", 3) == 0) { with = r->input; skip = 3; }
        else if (strncmp(s, "@OUT", 4) == 0) { with = r->out; skip = 4; }
        else if (strncmp(s, "@TMP", 4) == 0) { with = r->dir; skip = 4; }
        if (with) {
            n += (size_t)sprintf(out + n, "%s", with);
            s += skip;
        } else {
            out[n++] = *s++;
        }
    }
    out[n] = '\0';
    return out;
}

static void write_repeated(FILE *f, int c, size_t count)
{
    for (size_t i = 0; i < count; i++) fputc(c, f);
}

static const char good_row_a[] = "0,2010.5,1,0,45,10\n";
static const char good_row_b[] = "1,1995.25,2,6371.2,120,-75.5\n";
static const char vec_header[] = "isv,date,itype,alt,colat,elong\n";

/* Inputs too big or too odd to keep as files (see README.md). */
static void generate_input(const char *kind, run_setup *r)
{
    FILE *f;
    snprintf(r->input, sizeof r->input, "%s/%s.csv", r->dir, kind);
    if (strcmp(kind, "dir") == 0) {   /* a directory given as the input file */
        snprintf(r->input, sizeof r->input, "%s", r->dir);
        return;
    }
    ck_assert_msg((f = fopen(r->input, "w")) != NULL, "cannot write %s", r->input);
    if (strcmp(kind, "longline") == 0) {
        /* good, a 70000-byte row, good: the long row alone is refused */
        fputs(vec_header, f);
        fputs(good_row_a, f);
        fputs("0,2010.5,1,0,45,", f);
        write_repeated(f, '1', 70000);
        fputc('\n', f);
        fputs(good_row_b, f);
    } else if (strcmp(kind, "longheader") == 0) {
        fputs("isv,date,itype,alt,colat,elong,", f);
        write_repeated(f, 'c', 70000);
        fputc('\n', f);
        fputs(good_row_a, f);
    } else if (strcmp(kind, "longpadding") == 0) {
        /* a row of 60000 bytes, under the limit: blanks around a field are
         * allowed, so it is valid and equals good_row_a */
        fputs(vec_header, f);
        fputs("0,2010.5,1,0,45,", f);
        write_repeated(f, ' ', 60000);
        fputs("10\n", f);
        fputs(good_row_b, f);
    } else if (strcmp(kind, "manyfields") == 0) {
        fputs(vec_header, f);
        fputs(good_row_a, f);
        fputs("0,2010.5,1,0,45,10", f);
        for (int i = 0; i < 300; i++) fputs(",7", f);
        fputc('\n', f);
        fputs(good_row_b, f);
    } else if (strcmp(kind, "manycolumns") == 0) {
        fputs("isv,date,itype,alt,colat,elong", f);
        for (int i = 0; i < 300; i++) fprintf(f, ",extra%d", i);
        fputc('\n', f);
    } else if (strcmp(kind, "nul") == 0) {
        /* a NUL byte would end the C string early and hide "garbage" */
        fputs(vec_header, f);
        fputs(good_row_a, f);
        fputs("0,2010.5,1,0,45,10", f);
        fputc('\0', f);
        fputs("garbage\n", f);
        fputs(good_row_b, f);
    } else if (strcmp(kind, "manyrows") == 0 || strcmp(kind, "manyrows-bad") == 0) {
        /* 10000 rows, several batches of the pipeline; rows 1000, 2000, ...
         * 9000 (lines 1002, 2002, ... 9002) are malformed in -bad and left
         * out in the other, so the two give the same output */
        int bad = strcmp(kind, "manyrows-bad") == 0;
        fputs(vec_header, f);
        for (int i = 0; i < 10000; i++) {
            if (i % 1000 == 0 && i > 0) {
                if (bad) fprintf(f, "0,%d.5x,1,0,45,10\n", 1900 + i % 120);
                continue;
            }
            fprintf(f, "%d,%d.5,%d,%d,%d,%d\n", i % 2, 1900 + i % 120, 1 + i % 2,
                    i % 2 ? 6371 + i % 500 : i % 500, i % 181, i % 360 - 180);
        }
    } else if (strcmp(kind, "geomag-longline") == 0) {
        /* tdre-geomag: good line, a date of 100000 digits, good line */
        fputs("2015.5 D K100 70.3 30.8\n", f);
        write_repeated(f, '2', 100000);
        fputs(" D K100 70.3 30.8\n", f);
        fputs("2018,10,7 D M1042 -70,18,0 -30,48,0\n", f);
    } else if (strcmp(kind, "shc-longline") == 0) {
        /* tdre-gen tables: gen/good.shc with a coefficient of 100000 digits */
        fputs("# tiny model\n1 2 2 2 1 2000.0 2005.0\n2000.0 2005.0\n", f);
        fputs("1 0 -29619.4 -29554.63\n1 1 ", f);
        write_repeated(f, '7', 100000);
        fputs(" -1669.05\n", f);
    } else {
        ck_abort_msg("unknown generated input '%s'", kind);
    }
    fclose(f);
}

/* r->argv from the command, with r's @IN, @OUT, @TMP; '<FILE' sets standard
 * input, '>/dev/full' standard output; the tool is taken from build/bin. */
static void build_argv(const bad_case *c, run_setup *r)
{
    char *cmd = strdup(c->command), *word, *save = NULL;
    const char *bin = tu_env_dir("TDRE_BIN");
    int argc = 0;
    for (word = strtok_r(cmd, " ", &save); word; word = strtok_r(NULL, " ", &save)) {
        char *w = expand(word, r);
        ck_assert_msg(argc < MAX_ARGS, "%s: too many arguments", c->name);
        if (w[0] == '<') {
            snprintf(r->stdin_path, sizeof r->stdin_path, "%s", w + 1);
            free(w);
            continue;
        }
        if (strcmp(w, ">/dev/full") == 0) {
            r->stdout_full = 1;
            free(w);
            continue;
        }
        if (argc == 0) {
            char *path = malloc(strlen(bin) + strlen(w) + 2);
            sprintf(path, "%s/%s", bin, w);
            free(w);
            w = path;
        }
        r->argv[argc++] = w;
    }
    r->argv[argc] = NULL;
    free(cmd);
}

static void free_argv(run_setup *r)
{
    for (int i = 0; r->argv[i]; i++) free(r->argv[i]);
}

static void setup_run(const bad_case *c, run_setup *r)
{
    memset(r, 0, sizeof *r);
    snprintf(r->dir, sizeof r->dir, "%s/%s", tu_tmpdir(), c->name);
    ck_assert_msg(mkdir(r->dir, 0755) == 0, "%s: mkdir %s: %s", c->name, r->dir, strerror(errno));
    snprintf(r->out, sizeof r->out, "%s/out", r->dir);
    ck_assert(mkdir(r->out, 0755) == 0);
    strcat(r->out, "/result.csv");
    snprintf(r->stdout_path, sizeof r->stdout_path, "%s/stdout", r->dir);
    snprintf(r->stderr_path, sizeof r->stderr_path, "%s/stderr", r->dir);
    if (strncmp(c->input, "gen:", 4) == 0) generate_input(c->input + 4, r);
    else if (strcmp(c->input, "-") != 0) snprintf(r->input, sizeof r->input, "%s", c->input);
    build_argv(c, r);
}

static void redirect(const char *path, int fd, int flags)
{
    int f = open(path, flags, 0644);
    if (f < 0) _exit(126);
    dup2(f, fd);
    close(f);
}

/* Runs the case's command from the corpus directory; the exit status, or
 * -1 when the tool was killed by a signal (a crash, or RUN_SECONDS up). */
static int run(const run_setup *r, char *const argv[])
{
    int status;
    pid_t pid;
    fflush(NULL);
    if ((pid = fork()) < 0) return -2;
    if (pid == 0) {
        if (chdir(corpus_dir) != 0) _exit(126);
        redirect(r->stdin_path[0] ? r->stdin_path : "/dev/null", 0, O_RDONLY);
        redirect(r->stdout_full ? "/dev/full" : r->stdout_path, 1, O_WRONLY | O_CREAT | O_TRUNC);
        redirect(r->stderr_path, 2, O_WRONLY | O_CREAT | O_TRUNC);
        alarm(RUN_SECONDS);   /* survives exec: a hang ends in SIGALRM */
        execv(argv[0], argv);
        _exit(127);
    }
    if (waitpid(pid, &status, 0) != pid) return -2;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* ---- checks --------------------------------------------------------------- */

static int uses_out(const bad_case *c)
{
    return strstr(c->command, "@OUT") != NULL;
}

/* What the tool wrote: the -o file when the command names @OUT, else stdout. */
static char *output_of(const bad_case *c, const run_setup *r, size_t *len)
{
    return tu_slurp(uses_out(c) ? r->out : r->stdout_path, len);
}

/* Entries of the output directory other than 'keep' (a leftover temporary). */
static int out_dir_others(const run_setup *r, const char *keep)
{
    char dir[4200];
    int n = 0;
    struct dirent *e;
    snprintf(dir, sizeof dir, "%s/out", r->dir);
    DIR *d = opendir(dir);
    if (!d) return -1;
    while ((e = readdir(d)))
        if (e->d_name[0] != '.' || (e->d_name[1] && strcmp(e->d_name, "..") != 0))
            n += !(keep && strcmp(e->d_name, keep) == 0);
    closedir(d);
    return n;
}

/* Commas that separate fields: those outside double quotes. */
static int count_separators(const char *s, size_t len)
{
    int n = 0, quoted = 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '"') quoted = !quoted;
        else if (s[i] == ',' && !quoted) n++;
    }
    return n;
}

/* Every line has as many fields as the header: no half row was written. */
static void check_rows(const bad_case *c, const char *out, size_t len, int want_rows)
{
    const char *line = out, *end = out + len;
    int header_commas = -1, rows = -1;
    ck_assert_msg(len == 0 || out[len - 1] == '\n', "%s: output does not end in a newline",
                  c->name);
    while (line < end) {
        const char *nl = memchr(line, '\n', (size_t)(end - line));
        int commas = count_separators(line, (size_t)(nl - line));
        if (header_commas < 0) header_commas = commas;
        ck_assert_msg(commas == header_commas,
                      "%s: output line %d has %d fields, the header %d (a half row?)",
                      c->name, rows + 2, commas + 1, header_commas + 1);
        rows++;
        line = nl + 1;
    }
    if (want_rows >= 0)
        ck_assert_msg(rows == want_rows, "%s: %d rows written, expected %d",
                      c->name, rows < 0 ? 0 : rows, want_rows);
}

/* Past the first line when skip_first (a generated file's command line). */
static const char *body(const char *s, size_t *len, int skip_first)
{
    const char *nl = skip_first ? memchr(s, '\n', *len) : NULL;
    if (!nl) return s;
    *len -= (size_t)(nl + 1 - s);
    return nl + 1;
}

/* The same command with @IN := other writes the same bytes (after the
 * first line when skip_first). */
static void check_same(const bad_case *c, const run_setup *r, const char *other, int skip_first)
{
    run_setup again = *r;
    char *mine, *theirs;
    size_t mine_len, theirs_len;
    if (strncmp(other, "gen:", 4) == 0) generate_input(other + 4, &again);
    else snprintf(again.input, sizeof again.input, "%s", other);
    snprintf(again.stdout_path, sizeof again.stdout_path, "%s/stdout.same", r->dir);
    snprintf(again.stderr_path, sizeof again.stderr_path, "%s/stderr.same", r->dir);
    snprintf(again.out, sizeof again.out, "%s/out/result.same.csv", r->dir);
    again.stdin_path[0] = '\0';
    again.stdout_full = 0;
    build_argv(c, &again);
    ck_assert_msg(run(&again, again.argv) >= 0, "%s: the run on %s crashed", c->name, other);
    mine = output_of(c, r, &mine_len);
    theirs = tu_slurp(uses_out(c) ? again.out : again.stdout_path, &theirs_len);
    ck_assert_msg(mine && theirs, "%s: an output is missing", c->name);
    const char *a = body(mine, &mine_len, skip_first), *b = body(theirs, &theirs_len, skip_first);
    ck_assert_msg(mine_len > 0 && mine_len == theirs_len && memcmp(a, b, mine_len) == 0,
                  "%s: output differs from the output for %s (valid rows must be "
                  "processed as if the bad ones were not there)", c->name, other);
    free_argv(&again);
    free(mine);
    free(theirs);
}

/* Every row after the header ends in the status column with this value,
 * and its x, y, z, f are nan. */
static void check_status_column(const bad_case *c, char *out, const char *want)
{
    char *save = NULL, *line = strtok_r(out, "\n", &save);
    int row = 0;
    while ((line = strtok_r(NULL, "\n", &save))) {
        char *last = strrchr(line, ',');
        row++;
        ck_assert_msg(last && strcmp(last + 1, want) == 0,
                      "%s: row %d has status '%s', expected '%s'", c->name, row,
                      last ? last + 1 : line, want);
        ck_assert_msg(strstr(line, ",nan,nan,nan,nan,") != NULL,
                      "%s: row %d has a value though its status is '%s'", c->name, row, want);
    }
}

static const char sentinel[] = "an older file that a failing run must leave alone\n";

static void check_one(const bad_case *c, const run_setup *r, const char *check)
{
    size_t len;
    char *out;
    if (strcmp(check, "-") == 0) return;
    if (strncmp(check, "rows=", 5) == 0) {
        out = output_of(c, r, &len);
        ck_assert_msg(out != NULL, "%s: no output written", c->name);
        check_rows(c, out, len, atoi(check + 5));
        free(out);
    } else if (strncmp(check, "same=", 5) == 0) {
        check_same(c, r, check + 5, 0);
    } else if (strncmp(check, "status=", 7) == 0) {
        out = output_of(c, r, &len);
        ck_assert_msg(out != NULL, "%s: no output written", c->name);
        check_status_column(c, out, check + 7);
        free(out);
    } else if (strncmp(check, "samebody=", 9) == 0) {
        check_same(c, r, check + 9, 1);
    } else if (strcmp(check, "none") == 0) {
        ck_assert_msg(access(r->out, F_OK) != 0, "%s: a file was left at the -o path", c->name);
        ck_assert_msg(out_dir_others(r, NULL) == 0, "%s: a temporary file was left beside the -o path",
                      c->name);
    } else if (strcmp(check, "kept") == 0) {
        out = tu_slurp(r->out, &len);
        ck_assert_msg(out && strcmp(out, sentinel) == 0,
                      "%s: the file already at the -o path was changed by a failing run", c->name);
        ck_assert_msg(out_dir_others(r, "result.csv") == 0,
                      "%s: a temporary file was left beside the -o path", c->name);
        free(out);
    } else if (strcmp(check, "nostdout") == 0) {
        out = tu_slurp(r->stdout_path, &len);
        ck_assert_msg(out && len == 0, "%s: wrote to standard output", c->name);
        free(out);
    } else {
        ck_abort_msg("%s: unknown check '%s' in the manifest", c->name, check);
    }
}

START_TEST(bad_input_case)
{
    const bad_case *c = &cases[_i];
    run_setup r;
    char *err, *checks, *check, *save = NULL;
    int status;
    setup_run(c, &r);
    if (strstr(c->check, "kept")) ck_assert(tu_write(r.out, sentinel) == 0);
    status = run(&r, r.argv);
    err = tu_slurp(r.stderr_path, NULL);
    ck_assert_msg(status != -1, "%s (manifest line %d): killed by a signal (crash or hang)",
                  c->name, c->lineno);
    ck_assert_msg(status == c->status, "%s (manifest line %d): exit status %d, expected %d; "
                  "stderr:\n%s", c->name, c->lineno, status, c->status, err ? err : "");
    /* A failure is explained on standard error, unless it is a verdict the
     * case expects in a report on standard output. */
    if (c->status != 0 && !strstr(c->message, "stdout:"))
        ck_assert_msg(err && *err, "%s: failed without a message", c->name);
    if (strcmp(c->message, "-") != 0) {
        char *want = expand(c->message, &r), *part = want, *sep;
        char *out = tu_slurp(r.stdout_path, NULL);
        do {
            if ((sep = strstr(part, " ;; "))) *sep = '\0';
            if (strncmp(part, "stdout:", 7) == 0)   /* a report, on standard output */
                ck_assert_msg(out && strstr(out, part + 7), "%s (manifest line %d): '%s' "
                              "not on standard output", c->name, c->lineno, part + 7);
            else
                ck_assert_msg(err && strstr(err, part), "%s (manifest line %d): message '%s' "
                              "not on standard error, which was:\n%s", c->name, c->lineno,
                              part, err ? err : "");
            part = sep ? sep + 4 : NULL;
        } while (part);
        free(out);
        free(want);
    }
    checks = strdup(c->check);
    for (check = strtok_r(checks, ",", &save); check; check = strtok_r(NULL, ",", &save))
        check_one(c, &r, check);
    free(checks);
    free(err);
    free_argv(&r);
}
END_TEST

int main(void)
{
    char tool[4200];
    int failed;
    const char *bin = tu_env_dir("TDRE_BIN");
    load_manifest();
    if (!bin) {
        fprintf(stderr, "TDRE_BIN not set\n");
        return 1;
    }
    snprintf(tool, sizeof tool, "%s/%.*s", bin, (int)strcspn(cases[0].command, " "),
             cases[0].command);
    if (access(tool, X_OK) != 0) {
        printf("skipped: %s not built\n", tool);
        return 77;
    }
    Suite *s = suite_create("badinput-" TDRE_BADINPUT_TOOL);
    TCase *tc = tcase_create("cases");
    tcase_set_timeout(tc, 2 * RUN_SECONDS + 30);
    tcase_add_loop_test(tc, bad_input_case, 0, ncases);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
