/*
 * test_vectors.c: `tdre-gen vectors` as a user meets it. Each run is the
 * command's entry point in a child process (stdout and stderr to files), so
 * exit statuses, partial output and peak memory are those of a real run.
 * Expected values come from the documentation (docs/vectors.md) and from
 * the C library, never from the generator.
 */
#define _DEFAULT_SOURCE /* mknod, makedev */
#include <check.h>
#include <dirent.h>
#include <fcntl.h>
#include <math.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "gen.h"
#include "testutil.h"
#include "tu_check.h"

#define HEADER "isv,date,itype,alt,colat,elong\n"
/* docs/vectors.md: 9 dates per epoch, 2 below, 2 above; 108 positions. */
#define EDGE_POSITIONS 108
#define EDGES(epochs) (((epochs) * 9 + 4) * EDGE_POSITIONS)
#define EDGES_IGRF11 EDGES(25)

/* ---- running the command ---------------------------------------------- */

static int gen_runv(const char *out, const char *err, const char *const *args)
{
    char *argv[64];
    int argc = 0;
    argv[argc++] = (char *)"vectors";
    for (; *args && argc < 63; args++)
        argv[argc++] = (char *)*args;
    argv[argc] = NULL;
    fflush(stdout);
    fflush(stderr);
    pid_t pid = fork();
    ck_assert_int_ge(pid, 0);
    if (pid == 0) {
        int fo = open(out ? out : "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0644);
        int fe = open(err ? err : "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (fo < 0 || fe < 0)
            _exit(127);
        dup2(fo, 1);
        dup2(fe, 2);
        int rc = tdre_gen_vectors_main(argc, argv);
        fflush(stdout);
        fflush(stderr);
        _exit(rc);
    }
    int status;
    ck_assert_int_eq(waitpid(pid, &status, 0), pid);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

#define GEN(out, err, ...) gen_runv(out, err, (const char *const[]){__VA_ARGS__, NULL})

static const char *tmp(const char *name)
{
    static char bufs[8][512];
    static int next;
    char *b = bufs[next++ % 8];
    return tu_path(b, 512, tu_tmpdir(), name);
}

/* Output of a successful run, NUL-terminated and malloc'd. */
static char *gen_text(size_t *len, const char *const *args)
{
    const char *out = tmp("gen.out"), *err = tmp("gen.err");
    ck_assert_int_eq(gen_runv(out, err, args), 0);
    size_t elen;
    char *etext = tu_slurp(err, &elen);
    ck_assert_msg(etext && elen == 0, "unexpected stderr: %s", etext ? etext : "?");
    free(etext);
    char *text = tu_slurp(out, len);
    ck_assert_ptr_nonnull(text);
    return text;
}

#define GEN_TEXT(len, ...) gen_text(len, (const char *const[]){__VA_ARGS__, NULL})

/* ---- reading the output strictly -------------------------------------- */

typedef struct {
    int isv, itype;
    double date, alt, colat, elong;
} row;

/* One field as a double that must read back to exactly the printed text. */
static double field_double(const char *f, size_t len, long line)
{
    char text[64], again[64];
    ck_assert_msg(len > 0 && len < sizeof text, "line %ld: bad field length", line);
    memcpy(text, f, len);
    text[len] = '\0';
    char *end;
    double v = strtod(text, &end);
    ck_assert_msg(*end == '\0' && isfinite(v), "line %ld: '%s' is not a number", line, text);
    snprintf(again, sizeof again, "%.17g", v);
    ck_assert_msg(strcmp(text, again) == 0, "line %ld: '%s' is not %%.17g ('%s')", line,
                  text, again);
    return v;
}

static int field_int(const char *f, size_t len, const char *allowed, long line)
{
    ck_assert_msg(len == 1 && strchr(allowed, f[0]), "line %ld: bad integer field", line);
    return f[0] - '0';
}

static void parse_line(const char *p, const char *eol, row *r, long line)
{
    const char *f[6];
    size_t n[6];
    int k = 0;
    f[0] = p;
    for (const char *q = p; q <= eol; q++)
        if (q == eol || *q == ',') {
            ck_assert_msg(k < 6, "line %ld: more than 6 fields", line);
            n[k] = (size_t)(q - f[k]);
            if (++k < 6)
                f[k] = q + 1;
        }
    ck_assert_msg(k == 6, "line %ld: %d fields", line, k);
    r->isv = field_int(f[0], n[0], "01", line);
    r->date = field_double(f[1], n[1], line);
    r->itype = field_int(f[2], n[2], "12", line);
    r->alt = field_double(f[3], n[3], line);
    r->colat = field_double(f[4], n[4], line);
    r->elong = field_double(f[5], n[5], line);
}

/* All rows of a CSV text (header checked); returns the count. */
static long parse_rows(const char *text, row **rows)
{
    ck_assert_msg(strncmp(text, HEADER, strlen(HEADER)) == 0, "bad header");
    long cap = 1024, n = 0;
    *rows = malloc((size_t)cap * sizeof **rows);
    for (const char *p = text + strlen(HEADER); *p; n++) {
        const char *eol = strchr(p, '\n');
        ck_assert_msg(eol != NULL, "line %ld: no newline", n + 2);
        if (n == cap)
            *rows = realloc(*rows, (size_t)(cap *= 2) * sizeof **rows);
        parse_line(p, eol, &(*rows)[n], n + 2);
        p = eol + 1;
    }
    return n;
}

static long gen_rows(row **rows, const char *const *args)
{
    size_t len;
    char *text = gen_text(&len, args);
    long n = parse_rows(text, rows);
    free(text);
    return n;
}

#define GEN_ROWS(rows, ...) gen_rows(rows, (const char *const[]){__VA_ARGS__, NULL})

static int in(double v, double lo, double hi)
{
    return v >= lo && v <= hi;
}

/* ---- determinism ------------------------------------------------------- */

START_TEST(same_seed_same_bytes)
{
    size_t la, lb;
    char *a = GEN_TEXT(&la, "--count", "20000", "--seed", "42");
    char *b = GEN_TEXT(&lb, "--seed", "42", "--count=20000");
    ck_assert_uint_eq(la, lb);
    ck_assert(memcmp(a, b, la) == 0);
    free(a);
    free(b);
}
END_TEST

START_TEST(different_seeds_differ)
{
    row *a, *b;
    long na = GEN_ROWS(&a, "--count", "10000", "--seed", "1");
    long nb = GEN_ROWS(&b, "--count", "10000", "--seed", "2");
    ck_assert_int_eq(na, nb);
    ck_assert_int_eq(na, EDGES_IGRF11 + 10000);
    long same_edges = 0, differ = 0;
    for (long i = 0; i < EDGES_IGRF11; i++)
        same_edges += memcmp(&a[i], &b[i], sizeof a[i]) == 0;
    for (long i = EDGES_IGRF11; i < na; i++)
        differ += a[i].date != b[i].date || a[i].colat != b[i].colat;
    /* edges do not depend on the seed; random rows all move with it, and
     * most grid rows (their isv/itype draws) do too */
    ck_assert_int_eq(same_edges, EDGES_IGRF11);
    ck_assert_int_ge(differ, 5000);
    free(a);
    free(b);
}
END_TEST

/* ---- sharding --------------------------------------------------------- */

static void check_shards(const char *count, const char *families, int shards)
{
    size_t full_len;
    char *full = GEN_TEXT(&full_len, "--count", count, "--families", families, "--seed", "9");
    size_t body_len = full_len - strlen(HEADER), at = 0;
    const char *body = full + strlen(HEADER);
    for (int i = 0; i < shards; i++) {
        char spec[32];
        size_t len;
        snprintf(spec, sizeof spec, "%d/%d", i, shards);
        char *part = GEN_TEXT(&len, "--families", families, "--shard", spec, "--seed", "9",
                              "--count", count);
        ck_assert_msg(strncmp(part, HEADER, strlen(HEADER)) == 0, "shard %s: header", spec);
        size_t plen = len - strlen(HEADER);
        ck_assert_msg(at + plen <= body_len, "shard %s runs past the full set", spec);
        ck_assert_msg(memcmp(body + at, part + strlen(HEADER), plen) == 0,
                      "shard %s is not the next slice of the full set", spec);
        at += plen;
        free(part);
    }
    ck_assert_msg(at == body_len, "shards of %s cover %zu of %zu bytes", families, at, body_len);
    free(full);
}

START_TEST(shards_partition_the_set)
{
    check_shards("3001", "random,grid,edges", 1);
    check_shards("3001", "random,grid,edges", 2);
    check_shards("3001", "random,grid,edges", 7);
    check_shards("999", "grid", 3);
    check_shards("0", "edges", 5);
    check_shards("5", "random", 8); /* more shards than rows: some are empty */
}
END_TEST

/* ---- the domain --------------------------------------------------------- */

START_TEST(rows_lie_in_the_requested_domain)
{
    row *r;
    long n = GEN_ROWS(&r, "--count", "30000", "--families", "random,grid", "--dates",
                      "1950:2000.5", "--alt-geodetic", "0:500", "--radius-geocentric",
                      "7000:8000", "--seed", "5");
    ck_assert_int_eq(n, 30000);
    for (long i = 0; i < n; i++) {
        ck_assert_msg(in(r[i].date, 1950, 2000.5), "row %ld date %.17g", i, r[i].date);
        ck_assert_msg(in(r[i].colat, 0, 180), "row %ld colat %.17g", i, r[i].colat);
        ck_assert_msg(in(r[i].elong, -180, 360), "row %ld elong %.17g", i, r[i].elong);
        if (r[i].itype == 1)
            ck_assert_msg(in(r[i].alt, 0, 500), "row %ld alt %.17g", i, r[i].alt);
        else
            ck_assert_msg(in(r[i].alt, 7000, 8000), "row %ld radius %.17g", i, r[i].alt);
    }
    free(r);
}
END_TEST

START_TEST(default_domain_follows_the_model)
{
    static const struct {
        const char *model;
        double last;
    } models[] = {{"igrf11", 2020}, {"igrf12", 2020}, {"igrf13", 2025}, {"igrf14", 2030}};
    for (size_t m = 0; m < 4; m++) {
        row *r;
        long n = GEN_ROWS(&r, "--model", models[m].model, "--families", "grid,random",
                          "--count", "5000");
        ck_assert_int_eq(n, 5000);
        double lo = 1e9, hi = -1e9;
        for (long i = 0; i < n; i++) {
            lo = r[i].date < lo ? r[i].date : lo;
            hi = r[i].date > hi ? r[i].date : hi;
            double alo = r[i].itype == 1 ? -10 : 3485, ahi = r[i].itype == 1 ? 1000 : 42200;
            ck_assert_msg(in(r[i].alt, alo, ahi), "%s row %ld alt %.17g", models[m].model, i,
                          r[i].alt);
        }
        /* the grid includes both ends of the range */
        ck_assert_msg(lo == 1900 && hi == models[m].last, "%s dates %.17g..%.17g",
                      models[m].model, lo, hi);
        free(r);
    }
}
END_TEST

START_TEST(tdre_eval_reader_reads_every_row)
{
    const char *out = tmp("eval.csv");
    ck_assert_int_eq(GEN(out, NULL, "--count", "4000", "-o", out), 0);
    size_t len;
    char *text = tu_slurp(out, &len);
    row *r;
    long n = parse_rows(text, &r);
    ck_assert_int_eq(n, EDGES_IGRF11 + 4000);
    char err[512];
    tdre_csv *csv = tdre_csv_open(out, err, sizeof err);
    ck_assert_msg(csv != NULL, "%s", err);
    ck_assert_msg(tdre_csv_header(csv, 0, err, sizeof err) == 0, "%s", err);
    tdre_vector v;
    long i = 0;
    int got;
    while ((got = tdre_csv_next(csv, &v, NULL, err, sizeof err)) == 1) {
        ck_assert_int_lt(i, n);
        ck_assert_msg(v.isv == r[i].isv && v.itype == r[i].itype &&
                          tu_same_bits(v.date, r[i].date) && tu_same_bits(v.alt, r[i].alt) &&
                          tu_same_bits(v.colat, r[i].colat) &&
                          tu_same_bits(v.elong, r[i].elong),
                      "row %ld read differently", i);
        i++;
    }
    ck_assert_msg(got == 0, "reader: %s", err);
    ck_assert_int_eq(i, n);
    tdre_csv_close(csv);
    free(r);
    free(text);
}
END_TEST

static double fraction(const row *r, long n, int isv_not_itype)
{
    long k = 0;
    for (long i = 0; i < n; i++)
        k += isv_not_itype ? r[i].isv == 1 : r[i].itype == 2;
    return (double)k / (double)n;
}

START_TEST(mixes_set_the_proportions)
{
    static const struct {
        const char *isv, *itype;
        double want_isv, want_itype;
    } cases[] = {{"0", "1", 0, 1}, {"1", "0", 1, 0}, {"0.25", "0.8", 0.25, 0.8}};
    for (size_t c = 0; c < 3; c++) {
        row *r;
        long n = GEN_ROWS(&r, "--families", "random,grid", "--count", "40000", "--isv-mix",
                          cases[c].isv, "--itype-mix", cases[c].itype);
        double fi = fraction(r, n, 1), ft = fraction(r, n, 0);
        ck_assert_msg(fabs(fi - cases[c].want_isv) < 0.02, "isv fraction %g", fi);
        ck_assert_msg(fabs(ft - cases[c].want_itype) < 0.02, "itype fraction %g", ft);
        free(r);
    }
}
END_TEST

/* ---- edges -------------------------------------------------------------- */

static long count_where(const row *r, long n, double date, int itype, double alt,
                        double colat, double elong)
{
    long k = 0;
    for (long i = 0; i < n; i++)
        k += (isnan(date) || r[i].date == date) && (itype == 0 || r[i].itype == itype) &&
             (isnan(alt) || r[i].alt == alt) && (isnan(colat) || r[i].colat == colat) &&
             (isnan(elong) || r[i].elong == elong);
    return k;
}

#define ANY NAN

static int row_cmp(const void *a, const void *b)
{
    return memcmp(a, b, sizeof(row));
}

START_TEST(edges_has_every_documented_edge)
{
    row *r;
    long n = GEN_ROWS(&r, "--families", "edges", "--count", "0");
    ck_assert_int_eq(n, EDGES_IGRF11);
    static const double offsets[] = {0, 1e-9, -1e-9, 1e-7, -1e-7, 1e-6, -1e-6, 1e-5, -1e-5};
    for (int y = 1900; y <= 2020; y += 5)
        for (int o = 0; o < 9; o++) {
            double d = (double)y + offsets[o];
            /* every position at every edge date, ISV 0 and 1 */
            ck_assert_msg(count_where(r, n, d, 0, ANY, ANY, ANY) == EDGE_POSITIONS,
                          "date %.17g", d);
        }
    static const char *outside[] = {"1800", "1899.999", "2020.0001", "2030"};
    for (int i = 0; i < 4; i++)
        ck_assert_msg(count_where(r, n, strtod(outside[i], NULL), 0, ANY, ANY, ANY) ==
                          EDGE_POSITIONS,
                      "date %s", outside[i]);
    ck_assert_int_gt(count_where(r, n, 1995.0 - 1e-9, 2, ANY, 0, ANY), 0);
    for (int itype = 1; itype <= 2; itype++) {
        ck_assert_int_gt(count_where(r, n, ANY, itype, ANY, 0, ANY), 0);
        ck_assert_int_gt(count_where(r, n, ANY, itype, ANY, 180, ANY), 0);
    }
    ck_assert_int_gt(count_where(r, n, ANY, 1, -10, ANY, ANY), 0);
    ck_assert_int_gt(count_where(r, n, ANY, 1, 35786, ANY, ANY), 0);
    ck_assert_int_gt(count_where(r, n, ANY, 2, 3485, ANY, ANY), 0);
    ck_assert_int_gt(count_where(r, n, ANY, 2, 42164, ANY, ANY), 0);
    for (int e = 0; e < 3; e++)
        ck_assert_int_gt(count_where(r, n, ANY, 0, ANY, ANY, (double[]){-180, 0, 360}[e]), 0);
    ck_assert_double_eq(fraction(r, n, 1), 0.5);
    /* all combinations: no row twice */
    qsort(r, (size_t)n, sizeof *r, row_cmp);
    for (long i = 1; i < n; i++)
        ck_assert_msg(row_cmp(&r[i - 1], &r[i]) != 0, "edge row repeated");
    free(r);
}
END_TEST

START_TEST(edges_follow_the_model)
{
    row *r;
    long n = GEN_ROWS(&r, "--families", "edges", "--model", "igrf14");
    ck_assert_int_eq(n, EDGES(27));
    ck_assert_int_eq(count_where(r, n, 2030.0 - 1e-9, 0, ANY, ANY, ANY), EDGE_POSITIONS);
    ck_assert_int_eq(count_where(r, n, 2030.0 + 1e-5, 0, ANY, ANY, ANY), EDGE_POSITIONS);
    ck_assert_int_eq(count_where(r, n, 2030.0001, 0, ANY, ANY, ANY), EDGE_POSITIONS);
    ck_assert_int_eq(count_where(r, n, 2035.0, 0, ANY, ANY, ANY), 0);
    free(r);
}
END_TEST

START_TEST(edges_are_written_whatever_the_count)
{
    size_t le, lm;
    char *edges = GEN_TEXT(&le, "--families", "edges");
    char *mixed = GEN_TEXT(&lm, "--count", "7");
    ck_assert_uint_gt(lm, le);
    ck_assert(memcmp(edges, mixed, le) == 0); /* edges first, in full */
    free(edges);
    free(mixed);
}
END_TEST

/* ---- grid and stratified random ----------------------------------------- */

static long distinct(double *v, long n)
{
    long k = 0;
    for (long i = 0; i < n; i++) {
        long j = 0;
        while (j < k && v[j] != v[i])
            j++;
        if (j == k)
            v[k++] = v[i];
    }
    return k;
}

START_TEST(grid_is_a_full_lattice)
{
    row *r;
    long n = GEN_ROWS(&r, "--families", "grid", "--count", "1000");
    /* the largest lattice that fits: more than half the count, never more */
    ck_assert(n > 500 && n <= 1000);
    double *d = malloc((size_t)n * sizeof *d), *c = malloc((size_t)n * sizeof *c),
           *e = malloc((size_t)n * sizeof *e);
    for (long i = 0; i < n; i++) {
        d[i] = r[i].date;
        c[i] = r[i].colat;
        e[i] = r[i].elong;
    }
    long nd = distinct(d, n), nc = distinct(c, n), ne = distinct(e, n);
    ck_assert_int_eq(n % (nd * nc * ne), 0);
    long per = n / (nd * nc * ne);
    for (long i = 0; i < nd; i++)
        for (long j = 0; j < nc; j++)
            for (long k = 0; k < ne; k++)
                ck_assert_int_eq(count_where(r, n, d[i], 0, ANY, c[j], e[k]), per);
    ck_assert_int_eq(count_where(r, n, 1900, 0, ANY, ANY, ANY), n / nd);
    ck_assert_int_eq(count_where(r, n, 2020, 0, ANY, ANY, ANY), n / nd);
    ck_assert_int_eq(count_where(r, n, ANY, 0, ANY, 0, ANY), n / nc);
    ck_assert_int_eq(count_where(r, n, ANY, 0, ANY, 180, ANY), n / nc);
    ck_assert_int_eq(count_where(r, n, ANY, 0, ANY, ANY, -180), n / ne);
    free(d);
    free(c);
    free(e);
    free(r);
}
END_TEST

/* Every one of n strata of [lo, hi] holds exactly one of the values. */
static void one_per_stratum(const row *r, long n, size_t field, double lo, double hi)
{
    char *seen = calloc((size_t)n, 1);
    for (long i = 0; i < n; i++) {
        double v = *(const double *)((const char *)&r[i] + field);
        long s = (long)floor((v - lo) / (hi - lo) * (double)n);
        s = s < 0 ? 0 : s >= n ? n - 1 : s;
        ck_assert_msg(!seen[s], "stratum %ld twice (field at %zu)", s, field);
        seen[s] = 1;
    }
    free(seen);
}

START_TEST(stratified_half_is_a_latin_hypercube)
{
    row *r;
    long n = GEN_ROWS(&r, "--families", "random", "--count", "2000", "--seed", "3",
                      "--itype-mix", "0");
    ck_assert_int_eq(n, 2000);
    const row *strat = r + 1000; /* documented: uniform half, then stratified */
    one_per_stratum(strat, 1000, offsetof(row, date), 1900, 2020);
    one_per_stratum(strat, 1000, offsetof(row, colat), 0, 180);
    one_per_stratum(strat, 1000, offsetof(row, elong), -180, 360);
    one_per_stratum(strat, 1000, offsetof(row, alt), -10, 1000);
    free(r);
}
END_TEST

/* ---- usage errors ---------------------------------------------------------- */

START_TEST(bad_flags_exit_2_with_a_message)
{
    static const char *const cases[][4] = {
        {"--frobnicate", NULL, NULL},      {"--count", "abc", NULL},
        {"--count", "-5", NULL},           {"--count", NULL, NULL},
        {"--count", "1e3", NULL},          {"--seed", "x1", NULL},
        {"--dates", "2000:1990", NULL},    {"--dates", "nan:2000", NULL},
        {"--dates", "1990", NULL},         {"--alt-geodetic", "5:-5", NULL},
        {"--radius-geocentric", "0:10", NULL}, {"--isv-mix", "1.5", NULL},
        {"--itype-mix", "-0.1", NULL},     {"--families", "random,foo", NULL},
        {"--families", "", NULL},          {"--model", "igrf99", NULL},
        {"--shard", "3/3", NULL},          {"--shard", "0/0", NULL},
        {"--shard", "1", NULL},            {"--stats=1", NULL, NULL},
        {"-o", "", NULL},                  {"--count", "10", "extra"},
    };
    const char *out = tmp("bad.out"), *err = tmp("bad.err");
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int rc = gen_runv(out, err, cases[i]);
        size_t lo, le;
        char *o = tu_slurp(out, &lo), *e = tu_slurp(err, &le);
        ck_assert_msg(rc == 2, "%s %s: exit %d", cases[i][0], cases[i][1], rc);
        ck_assert_msg(lo == 0, "%s: wrote output", cases[i][0]);
        ck_assert_msg(strstr(e, "tdre-gen vectors: ") == e && strchr(e, '\n'),
                      "%s: message '%s'", cases[i][0], e);
        free(o);
        free(e);
    }
}
END_TEST

START_TEST(help_documents_every_flag)
{
    size_t len;
    char *text = GEN_TEXT(&len, "--help");
    static const char *flags[] = {"--count", "--seed", "--model", "--dates",
                                  "--alt-geodetic", "--radius-geocentric", "--isv-mix",
                                  "--itype-mix", "--families", "--shard", "--output",
                                  "--stats", "--help", HEADER};
    for (size_t i = 0; i < sizeof flags / sizeof flags[0]; i++)
        ck_assert_msg(strstr(text, flags[i]), "help lacks %s", flags[i]);
    free(text);
}
END_TEST

/* ---- output files ---------------------------------------------------------- */

static int files_in(const char *dir)
{
    DIR *d = opendir(dir);
    int n = 0;
    for (struct dirent *e; (e = readdir(d));)
        n += e->d_name[0] != '.';
    closedir(d);
    return n;
}

START_TEST(output_file_is_whole_and_alone)
{
    char dir[512];
    tu_path(dir, sizeof dir, tu_tmpdir(), "outdir");
    ck_assert_int_eq(mkdir(dir, 0755), 0);
    char file[600];
    snprintf(file, sizeof file, "%s/v.csv", dir);
    ck_assert_int_eq(tu_write(file, "old contents\n"), 0);
    ck_assert_int_eq(GEN(NULL, NULL, "--count", "3000", "-o", file), 0);
    size_t lf, ls;
    char *f = tu_slurp(file, &lf);
    char *s = GEN_TEXT(&ls, "--count", "3000");
    ck_assert_uint_eq(lf, ls);
    ck_assert(memcmp(f, s, ls) == 0);
    ck_assert_int_eq(files_in(dir), 1); /* no temporary left beside it */
    free(f);
    f = GEN_TEXT(&lf, "--count", "3000", "-o", "-");
    ck_assert_uint_eq(lf, ls);
    ck_assert(memcmp(f, s, ls) == 0);
    free(f);
    free(s);

    const char *err = tmp("o.err");
    ck_assert_int_eq(GEN(NULL, err, "-o", "/nonexistent-dir/v.csv"), 1);
    char *e = tu_slurp(err, &ls);
    ck_assert_msg(strstr(e, "/nonexistent-dir/v.csv"), "message '%s'", e);
    free(e);

    /* A device is written in place, never renamed over. The test makes its
     * own null device (as root; otherwise a fifo drained by a child), so
     * that a regression cannot replace the machine's /dev/null. */
    struct stat st;
    const char *dev = tmp("null-device");
    if (mknod(dev, S_IFCHR | 0666, makedev(1, 3)) == 0) {
        ck_assert_int_eq(GEN(NULL, NULL, "--count", "1000", "-o", dev), 0);
        ck_assert_int_eq(stat(dev, &st), 0);
        ck_assert_msg(S_ISCHR(st.st_mode), "the device was replaced by a file");
    } else {
        pid_t reader;
        ck_assert_int_eq(mkfifo(dev, 0600), 0);
        reader = fork();
        if (reader == 0) {
            char sinkbuf[4096];
            int fd = open(dev, O_RDONLY);
            while (fd >= 0 && read(fd, sinkbuf, sizeof sinkbuf) > 0) {}
            _exit(0);
        }
        ck_assert_int_eq(GEN(NULL, NULL, "--count", "1000", "-o", dev), 0);
        waitpid(reader, NULL, 0);
        ck_assert_int_eq(stat(dev, &st), 0);
        ck_assert_msg(S_ISFIFO(st.st_mode), "the fifo was replaced by a file");
    }
}
END_TEST

/* A run killed while writing leaves neither the target nor its temporary. */
START_TEST(killed_run_leaves_no_file)
{
    char dir[512], file[600];
    tu_path(dir, sizeof dir, tu_tmpdir(), "killdir");
    ck_assert_int_eq(mkdir(dir, 0755), 0);
    snprintf(file, sizeof file, "%s/v.csv", dir);
    fflush(stdout);
    fflush(stderr);
    pid_t pid = fork();
    ck_assert_int_ge(pid, 0);
    if (pid == 0) {
        char *argv[] = {(char *)"vectors", (char *)"--count", (char *)"1000000000",
                        (char *)"-o", file, NULL};
        signal(SIGTERM, SIG_DFL); /* as a fresh process has it, not Check's */
        _exit(tdre_gen_vectors_main(5, argv));
    }
    struct timespec pause = {0, 20 * 1000 * 1000};
    int i = 0;
    while (files_in(dir) == 0 && i++ < 1500)
        nanosleep(&pause, NULL);
    ck_assert_msg(files_in(dir) == 1, "no temporary file appeared");
    kill(pid, SIGTERM);
    int status;
    ck_assert_int_eq(waitpid(pid, &status, 0), pid);
    ck_assert_msg(WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM,
                  "not ended by SIGTERM");
    ck_assert_int_eq(files_in(dir), 0);
}
END_TEST

/* ---- the installed command ------------------------------------------------- */

#ifdef TDRE_TEST_GEN_BINARY
START_TEST(tdre_gen_binary_writes_the_same_bytes)
{
    char bin[4096];
    const char *dir = tu_env_dir("TDRE_BIN");
    ck_assert_msg(dir != NULL, "TDRE_BIN not set");
    tu_path(bin, sizeof bin, dir, "tdre-gen");
    char *argv[] = {bin, (char *)"vectors", (char *)"--count", (char *)"5000",
                    (char *)"--seed", (char *)"7", NULL};
    const char *out = tmp("bin.out");
    ck_assert_int_eq(tu_run(argv, NULL, out, NULL), 0);
    size_t lb, li;
    char *b = tu_slurp(out, &lb);
    char *i = GEN_TEXT(&li, "--count", "5000", "--seed", "7");
    ck_assert_uint_eq(lb, li);
    ck_assert(memcmp(b, i, li) == 0);
    char *bad[] = {bin, (char *)"vectors", (char *)"--shard", (char *)"2/2", NULL};
    ck_assert_int_eq(tu_run(bad, NULL, NULL, NULL), 2);
    free(b);
    free(i);
}
END_TEST
#endif

/* ---- memory ------------------------------------------------------------------ */

START_TEST(ten_million_rows_in_under_20_mb)
{
    const char *err = tmp("mem.err");
    ck_assert_int_eq(GEN(NULL, err, "--families", "random,grid", "--count", "10000000",
                         "-o", "/dev/null", "--stats"),
                     0);
    struct rusage ru;
    ck_assert_int_eq(getrusage(RUSAGE_CHILDREN, &ru), 0);
    size_t len;
    char *e = tu_slurp(err, &len);
    fprintf(stderr, "%speak RSS %ld KiB\n", e, ru.ru_maxrss);
    ck_assert_msg(strstr(e, " 10000000 rows in ") && strstr(e, "rows/s"), "stats '%s'", e);
    ck_assert_int_lt(ru.ru_maxrss, 20 * 1024);
    free(e);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("vectors");
    TCase *tc = tcase_create("cli");
    tcase_set_timeout(tc, 600);
    tcase_add_test(tc, same_seed_same_bytes);
    tcase_add_test(tc, different_seeds_differ);
    tcase_add_test(tc, shards_partition_the_set);
    tcase_add_test(tc, rows_lie_in_the_requested_domain);
    tcase_add_test(tc, default_domain_follows_the_model);
    tcase_add_test(tc, tdre_eval_reader_reads_every_row);
    tcase_add_test(tc, mixes_set_the_proportions);
    tcase_add_test(tc, edges_has_every_documented_edge);
    tcase_add_test(tc, edges_follow_the_model);
    tcase_add_test(tc, edges_are_written_whatever_the_count);
    tcase_add_test(tc, grid_is_a_full_lattice);
    tcase_add_test(tc, stratified_half_is_a_latin_hypercube);
    tcase_add_test(tc, bad_flags_exit_2_with_a_message);
    tcase_add_test(tc, help_documents_every_flag);
    tcase_add_test(tc, output_file_is_whole_and_alone);
    tcase_add_test(tc, killed_run_leaves_no_file);
#ifdef TDRE_TEST_GEN_BINARY
    tcase_add_test(tc, tdre_gen_binary_writes_the_same_bytes);
#endif
    suite_add_tcase(s, tc);
    /* Tagged: CTest runs it as test_vectors_memory (label nosan: no
     * process under AddressSanitizer has a peak RSS that means anything). */
    TCase *mem = tcase_create("memory");
    tcase_set_tags(mem, "memory");
    tcase_set_timeout(mem, 600);
    tcase_add_test(mem, ten_million_rows_in_under_20_mb);
    suite_add_tcase(s, mem);
    return tu_check_run(s);
}
