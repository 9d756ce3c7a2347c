/*
 * fuzz_csv.c: libFuzzer target for the vector/result CSV reader
 * (tools/common/vecio.c), through tdre_csv_from_stream on fmemopen.
 *
 * Built twice: as fuzz_csv_vectors (tdre-eval's input) and, with
 * TDRE_FUZZ_RESULTS, as fuzz_csv_results (result files, as tdre-verify
 * reads them). Beyond the sanitizers, it checks what the reader promises:
 * a row it accepts holds only valid values, came from a line without a NUL
 * byte, holds the numbers strtod gives for its fields (the reader converts
 * decimals itself), writes back with %.17g (the writer formats them itself)
 * and reads back to the same bits; a rejected
 * row names the file; the reader ends in at most one call per line.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vecio.h"

#ifdef TDRE_FUZZ_RESULTS
#define WANT_RESULTS 1
#else
#define WANT_RESULTS 0
#endif

#define NAME "fuzz.csv"

/* An invariant broken: libFuzzer records the input as a crash. */
#define REQUIRE(cond) do { if (!(cond)) { \
    fprintf(stderr, "fuzz_csv: invariant failed: %s (line %d)\n", #cond, __LINE__); \
    abort(); } } while (0)

static int same_bits(double a, double b)
{
    return memcmp(&a, &b, sizeof a) == 0;
}

static void check_accepted(const tdre_vector *v, const tdre_result *r, int has_status)
{
    REQUIRE(v->isv == 0 || v->isv == 1);
    REQUIRE(v->itype == 1 || v->itype == 2);
    REQUIRE(isfinite(v->date) && isfinite(v->alt) && isfinite(v->colat) && isfinite(v->elong));
    if (!WANT_RESULTS) return;
    REQUIRE(!isinf(r->x) && !isinf(r->y) && !isinf(r->z) && !isinf(r->f));
    REQUIRE(memchr(r->status, '\0', sizeof r->status) != NULL);
    if (isnan(r->x) || isnan(r->y) || isnan(r->z) || isnan(r->f))
        REQUIRE(has_status && r->status[0] && strcmp(r->status, "ok") != 0);
}

/* What the reader accepted, written as tdre-eval writes it, must read back
 * to the same bits. */
static void check_round_trip(const tdre_vector *v, const tdre_result *r, int has_status)
{
    char buf[1024], err[256];
    tdre_result res = { 0, 0, 0, 0, "" }, back_res;
    tdre_vector back;
    FILE *out = fmemopen(buf, sizeof buf, "w");
    REQUIRE(out != NULL);
    if (WANT_RESULTS) res = *r;
    tdre_csv_write_header(out, has_status);
    tdre_csv_write_row(out, v, &res, has_status);
    REQUIRE(fclose(out) == 0);
    FILE *in = fmemopen(buf, strlen(buf), "r");
    REQUIRE(in != NULL);
    tdre_csv *csv = tdre_csv_from_stream(in, "round-trip", err, sizeof err);
    REQUIRE(csv != NULL);
    REQUIRE(tdre_csv_header(csv, WANT_RESULTS, err, sizeof err) == 0);
    REQUIRE(tdre_csv_next(csv, &back, WANT_RESULTS ? &back_res : NULL, err, sizeof err) == 1);
    REQUIRE(back.isv == v->isv && back.itype == v->itype);
    REQUIRE(same_bits(back.date, v->date) && same_bits(back.alt, v->alt));
    REQUIRE(same_bits(back.colat, v->colat) && same_bits(back.elong, v->elong));
    if (WANT_RESULTS) {
        /* nan is written as "nan" and read back as a nan (its bits may differ). */
        REQUIRE(isnan(r->x) ? isnan(back_res.x) : same_bits(back_res.x, r->x));
        REQUIRE(isnan(r->y) ? isnan(back_res.y) : same_bits(back_res.y, r->y));
        REQUIRE(isnan(r->z) ? isnan(back_res.z) : same_bits(back_res.z, r->z));
        REQUIRE(isnan(r->f) ? isnan(back_res.f) : same_bits(back_res.f, r->f));
        if (has_status) REQUIRE(strcmp(back_res.status, r->status[0] ? r->status : "ok") == 0);
    }
    REQUIRE(tdre_csv_next(csv, &back, WANT_RESULTS ? &back_res : NULL, err, sizeof err) == 0);
    tdre_csv_close(csv);
    fclose(in);
}

/* The bytes of line number lineno (1-based) of text hold no NUL: a NUL
 * would end the C string early and hide what follows (e.g. garbage after
 * a number) from the reader. */
static int line_has_nul(const char *text, size_t size, long lineno)
{
    const char *p = text, *end = text + size;
    for (long l = 1; l < lineno && p < end; l++) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        p = nl ? nl + 1 : end;
    }
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    return memchr(p, '\0', (size_t)((nl ? nl : end) - p)) != NULL;
}

/* Line lineno (1-based) of text, without its end (LF, CRLF), in a malloc'd
 * string. */
static char *copy_line(const char *text, size_t size, long lineno)
{
    const char *p = text, *end = text + size;
    for (long l = 1; l < lineno && p < end; l++) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        p = nl ? nl + 1 : end;
    }
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    size_t len = (size_t)((nl ? nl : end) - p);
    if (len > 0 && p[len - 1] == '\r') len--;
    char *line = malloc(len + 1);
    REQUIRE(line != NULL);
    memcpy(line, p, len);
    line[len] = '\0';
    return line;
}

/* Splits at commas and trims blanks and tabs, as the format says. */
static int split_trim(char *line, char **field, int max)
{
    int n = 0;
    for (char *s = line;;) {
        char *comma = strchr(s, ',');
        if (comma) *comma = '\0';
        while (*s == ' ' || *s == '\t') s++;
        char *t = s + strlen(s);
        while (t > s && (t[-1] == ' ' || t[-1] == '\t')) *--t = '\0';
        if (n == max) return -1;
        field[n++] = s;
        if (!comma) return n;
        s = comma + 1;
    }
}

static const char *const numeric[] = { "date", "alt", "colat", "elong", "x", "y", "z", "f" };
static int numeric_col[8];     /* field index of each, -1 if absent */

/* The header as the format defines it: first line that is not blank, after
 * a UTF-8 byte-order mark. */
static void read_header(const char *text, size_t size)
{
    char *field[300];
    for (int k = 0; k < 8; k++) numeric_col[k] = -1;
    for (long l = 1;; l++) {
        char *line = copy_line(text, size, l);
        char *p = line;
        if (p[strspn(p, " \t")] == '\0') { free(line); continue; }
        if (strncmp(p, "\xEF\xBB\xBF", 3) == 0) p += 3;
        int n = split_trim(p, field, 300);
        for (int i = 0; i < n; i++)
            for (int k = 0; k < 8; k++)
                if (strcmp(field[i], numeric[k]) == 0) numeric_col[k] = i;
        free(line);
        return;
    }
}

/* The reader's numbers are those of strtod (correctly rounded) for the same
 * field text: its own decimal conversion must not differ by a bit. */
static void check_against_strtod(const char *text, size_t size, long lineno,
                                 const tdre_vector *v, const tdre_result *r)
{
    const double got[8] = { v->date, v->alt, v->colat, v->elong,
                            WANT_RESULTS ? r->x : 0, WANT_RESULTS ? r->y : 0,
                            WANT_RESULTS ? r->z : 0, WANT_RESULTS ? r->f : 0 };
    char *field[300], *line = copy_line(text, size, lineno);
    int n = split_trim(line, field, 300);
    for (int k = 0; k < (WANT_RESULTS ? 8 : 4); k++) {
        int i = numeric_col[k];
        if (i < 0 || i >= n) continue;
        double want = strtod(field[i], NULL);
        if (isnan(want)) REQUIRE(isnan(got[k]));
        else {
            if (!same_bits(want, got[k]))
                fprintf(stderr, "fuzz_csv: '%s' read as %.17g, strtod gives %.17g\n",
                        field[i], got[k], want);
            REQUIRE(same_bits(want, got[k]));
        }
    }
    free(line);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char err[512];
    tdre_vector v;
    tdre_result r;
    size_t lines = 1, calls = 0;
    int rc;
    if (size == 0) return 0;   /* fmemopen refuses empty buffers; tests/badinput covers it */
    char *text = malloc(size);
    if (!text) return 0;
    memcpy(text, data, size);
    for (size_t i = 0; i < size; i++) lines += text[i] == '\n';
    FILE *in = fmemopen(text, size, "r");
    REQUIRE(in != NULL);
    tdre_csv *csv = tdre_csv_from_stream(in, NAME, err, sizeof err);
    REQUIRE(csv != NULL);
    if (tdre_csv_header(csv, WANT_RESULTS, err, sizeof err) != 0) {
        REQUIRE(strncmp(err, NAME ":", strlen(NAME) + 1) == 0);
    } else {
        int has_status = tdre_csv_has_status(csv);
        read_header(text, size);
        while ((rc = tdre_csv_next(csv, &v, WANT_RESULTS ? &r : NULL, err, sizeof err)) != 0) {
            REQUIRE(++calls <= lines);
            REQUIRE(rc == 1 || rc == -1 || rc == -2);
            if (rc == 1) {
                REQUIRE(tdre_csv_line(csv) >= 2 && (size_t)tdre_csv_line(csv) <= lines);
                check_accepted(&v, &r, has_status);
                REQUIRE(!line_has_nul(text, size, tdre_csv_line(csv)));
                check_against_strtod(text, size, tdre_csv_line(csv), &v, &r);
                check_round_trip(&v, &r, has_status);
            } else {
                REQUIRE(strncmp(err, NAME ":", strlen(NAME) + 1) == 0);
                if (rc == -2) break;
            }
        }
    }
    tdre_csv_close(csv);
    fclose(in);
    free(text);
    return 0;
}
