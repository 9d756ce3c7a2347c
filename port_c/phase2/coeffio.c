/*
 * coeffio.c: readers for the three coefficient formats (see coeffio.h and
 * docs/tables.md).
 *
 * All parsing works on (pointer, length) spans of one in-memory buffer, so
 * no read can pass its end whatever the bytes are; every loop advances
 * through the buffer, so time is linear in its size. Fields are copied into
 * a small NUL-terminated buffer before strtod, and their syntax is checked
 * by hand first: strtod alone would accept "nan", "inf", hex and leading
 * blanks.
 */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "coeffio.h"
#include "tdre.h"

#define NDIM (TDRE_COEFFS_NMAX + 1)
#define MAX_FIELDS (TDRE_COEFFS_EPOCHS + 8)
#define FIELD_CHARS 63              /* longest number field accepted */
#define MAX_FILE_BYTES (64L << 20)  /* coefficient files are tens of kB */

typedef struct {
    const char *s;
    size_t len;
} span;

/* The fields of one line; count keeps counting past MAX_FIELDS so that a
 * too-long row is reported with its real length. */
typedef struct {
    size_t count;
    span f[MAX_FIELDS];
} fields;

typedef struct {
    const char *name;   /* file name for messages */
    const char *p, *end;
    int line;           /* number of the line last read */
    char *err;
    size_t errlen;
} reader;

/* Line numbers where each g(n,m), h(n,m) was read; 0 = not yet. */
typedef struct {
    int g[NDIM][NDIM];
    int h[NDIM][NDIM];
} seen_lines;

static int fail_at(reader *r, int line, const char *fmt, ...)
{
    if (r->err && r->errlen > 0) {
        int k = snprintf(r->err, r->errlen, "%s:%d: ", r->name, line);
        if (k >= 0 && (size_t)k < r->errlen) {
            va_list ap;
            va_start(ap, fmt);
            vsnprintf(r->err + k, r->errlen - (size_t)k, fmt, ap);
            va_end(ap);
        }
    }
    return TDRE_EFORMAT;
}

#define FAIL(r, ...) fail_at((r), (r)->line, __VA_ARGS__)

/* A field quoted for a message: at most 24 bytes, non-printables as '?'. */
typedef struct {
    char s[32];
} quoted;

static quoted quote(span f)
{
    quoted q;
    size_t n = f.len < 24 ? f.len : 24;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)f.s[i];
        q.s[i] = (c >= 0x20 && c < 0x7f) ? (char)c : '?';
    }
    if (f.len > n) {
        memcpy(q.s + n, "...", 3);
        n += 3;
    }
    q.s[n] = '\0';
    return q;
}

static int next_line(reader *r, span *line)
{
    if (r->p >= r->end)
        return 0;
    const char *nl = memchr(r->p, '\n', (size_t)(r->end - r->p));
    const char *stop = nl ? nl : r->end;
    line->s = r->p;
    line->len = (size_t)(stop - r->p);
    r->p = nl ? nl + 1 : r->end;
    r->line++;
    return 1;
}

static int is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

static void split(span line, fields *out)
{
    size_t i = 0;
    out->count = 0;
    while (i < line.len) {
        while (i < line.len && is_blank(line.s[i]))
            i++;
        if (i == line.len)
            break;
        size_t start = i;
        while (i < line.len && !is_blank(line.s[i]))
            i++;
        if (out->count < MAX_FIELDS) {
            out->f[out->count].s = line.s + start;
            out->f[out->count].len = i - start;
        }
        out->count++;
    }
}

/* Blank lines and lines whose first field starts with '#'. */
static int is_comment(const fields *fl)
{
    return fl->count == 0 || fl->f[0].s[0] == '#';
}

static int span_is(span f, const char *word)
{
    size_t n = strlen(word);
    return f.len == n && memcmp(f.s, word, n) == 0;
}

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static size_t skip_digits(span f, size_t i)
{
    while (i < f.len && is_digit(f.s[i]))
        i++;
    return i;
}

/* Decimal syntax only: [sign] digits [. digits] [e [sign] digits], at least
 * one mantissa digit, nothing after. Then strtod, which must be finite. */
static int parse_real(span f, double *v)
{
    size_t i = 0;
    if (f.len == 0 || f.len > FIELD_CHARS)
        return -1;
    if (f.s[i] == '+' || f.s[i] == '-')
        i++;
    size_t int_start = i;
    i = skip_digits(f, i);
    size_t mantissa_digits = i - int_start;
    if (i < f.len && f.s[i] == '.') {
        size_t frac_start = ++i;
        i = skip_digits(f, i);
        mantissa_digits += i - frac_start;
    }
    if (mantissa_digits == 0)
        return -1;
    if (i < f.len && (f.s[i] == 'e' || f.s[i] == 'E')) {
        i++;
        if (i < f.len && (f.s[i] == '+' || f.s[i] == '-'))
            i++;
        size_t exp_start = i;
        i = skip_digits(f, i);
        if (i == exp_start)
            return -1;
    }
    if (i != f.len)
        return -1;
    char buf[FIELD_CHARS + 1];
    memcpy(buf, f.s, f.len);
    buf[f.len] = '\0';
    char *endp;
    errno = 0;
    double x = strtod(buf, &endp);
    if (endp != buf + f.len || !isfinite(x))
        return -1;
    *v = x;
    return 0;
}

/* [sign] digits; magnitudes beyond 99999 are reported as 99999 (callers
 * only compare with small limits). */
static int parse_int(span f, int *v)
{
    size_t i = 0;
    int neg = 0;
    if (f.len > 0 && (f.s[0] == '+' || f.s[0] == '-')) {
        neg = f.s[0] == '-';
        i++;
    }
    if (i == f.len)
        return -1;
    long x = 0;
    for (; i < f.len; i++) {
        if (!is_digit(f.s[i]))
            return -1;
        if (x < 99999)
            x = x * 10 + (f.s[i] - '0');
    }
    if (x > 99999)
        x = 99999;
    *v = (int)(neg ? -x : x);
    return 0;
}

static int real_field(reader *r, const fields *fl, size_t k, const char *what, double *v)
{
    if (parse_real(fl->f[k], v) != 0)
        return FAIL(r, "field %zu (%s) is not a number: '%s'", k + 1, what,
                    quote(fl->f[k]).s);
    return 0;
}

static int int_field(reader *r, const fields *fl, size_t k, const char *what, int *v)
{
    if (parse_int(fl->f[k], v) != 0)
        return FAIL(r, "field %zu (%s) is not an integer: '%s'", k + 1, what,
                    quote(fl->f[k]).s);
    return 0;
}

/* n and m of a coefficient row, checked against the degree limit. */
static int degree_order(reader *r, const fields *fl, size_t k, int nlimit, int *n, int *m)
{
    int rc = int_field(r, fl, k, "degree n", n);
    if (rc == 0)
        rc = int_field(r, fl, k + 1, "order m", m);
    if (rc != 0)
        return rc;
    if (*n < 1)
        return FAIL(r, "degree n=%d is below 1", *n);
    if (*n > TDRE_COEFFS_NMAX)
        return FAIL(r, "degree n=%d is above %d, the highest supported", *n,
                    TDRE_COEFFS_NMAX);
    if (*n > nlimit)
        return FAIL(r, "degree n=%d is above the declared maximum %d", *n, nlimit);
    if (*m < 0 || *m > *n)
        return FAIL(r, "order m=%d is outside 0..n (n=%d)", *m, *n);
    return 0;
}

static int check_epoch_order(reader *r, const tdre_coeffs *c, int e)
{
    if (e > 0 && !(c->epoch[e] > c->epoch[e - 1]))
        return FAIL(r, "epochs out of order: %.17g does not follow %.17g",
                    c->epoch[e], c->epoch[e - 1]);
    return 0;
}

/* Every g(n,m) for n <= nmax, and h(n,m) for m > 0, must have been read. */
static int check_complete(reader *r, const seen_lines *seen, int nmax, int line)
{
    for (int n = 1; n <= nmax; n++)
        for (int m = 0; m <= n; m++) {
            if (!seen->g[n][m])
                return fail_at(r, line, "missing g(%d,%d)", n, m);
            if (m > 0 && !seen->h[n][m])
                return fail_at(r, line, "missing h(%d,%d)", n, m);
        }
    return 0;
}

/* The table's degree: the highest n of any row (rows decide which (n, m)
 * must all be there, the values only each epoch's degree). */
static int highest_seen_degree(const seen_lines *seen)
{
    for (int n = TDRE_COEFFS_NMAX; n >= 1; n--)
        for (int m = 0; m <= n; m++)
            if (seen->g[n][m] || seen->h[n][m])
                return n;
    return 0;
}

static int mark_seen(reader *r, int lines[NDIM][NDIM], char kind, int n, int m)
{
    if (lines[n][m])
        return FAIL(r, "repeated %c(%d,%d) (first on line %d)", kind, n, m, lines[n][m]);
    lines[n][m] = r->line;
    return 0;
}

static int highest_nonzero_degree(double g[NDIM][NDIM], double h[NDIM][NDIM])
{
    for (int n = TDRE_COEFFS_NMAX; n >= 1; n--)
        for (int m = 0; m <= n; m++)
            if (g[n][m] != 0.0 || h[n][m] != 0.0)
                return n;
    return 0;
}

/* Per-epoch degree and SV degree from the values; an epoch of zeros is an
 * error (reported at the given line). */
static int detect_degrees(reader *r, tdre_coeffs *c, int line)
{
    for (int e = 0; e < c->nepochs; e++) {
        c->nmax[e] = highest_nonzero_degree(c->g[e], c->h[e]);
        if (c->nmax[e] == 0)
            return fail_at(r, line, "epoch %.17g has no nonzero coefficient", c->epoch[e]);
    }
    c->sv_nmax = highest_nonzero_degree(c->sv_g, c->sv_h);
    return 0;
}

/* ---- NOAA/IAGA table ---------------------------------------------------- */

typedef struct {
    int has_sv;
    double sv_end;
} noaa_heading;

/* "2010-15" -> 2015 (two digits continue the century of the start) or
 * "2010-2015"; the start must be the last epoch. */
static int noaa_sv_span(reader *r, span f, double last_epoch, double *end)
{
    const char *dash = memchr(f.s + 1, '-', f.len - 1);
    span a = { f.s, (size_t)(dash - f.s) };
    span b = { dash + 1, f.len - a.len - 1 };
    double start;
    int yy;
    if (parse_real(a, &start) != 0 || parse_int(b, &yy) != 0 || yy < 0
        || (b.len != 2 && b.len != 4))
        return FAIL(r, "SV column heading '%s' is not like 2010-15", quote(f).s);
    if (start != last_epoch)
        return FAIL(r, "SV column '%s' does not start at the last epoch %.17g", quote(f).s,
                    last_epoch);
    double e = yy;
    if (b.len == 2) {
        e = floor(start / 100.0) * 100.0 + yy;
        if (e <= start)
            e += 100.0;
    }
    if (!(e > start))
        return FAIL(r, "SV column '%s' ends before it starts", quote(f).s);
    *end = e;
    return 0;
}

static int noaa_heading_line(reader *r, const fields *fl, tdre_coeffs *c, noaa_heading *hd)
{
    if (fl->count < 4 || !span_is(fl->f[1], "n") || !span_is(fl->f[2], "m"))
        return FAIL(r, "heading must read 'g/h n m epoch... [SV span]'");
    size_t ncols = fl->count - 3;
    if (ncols > MAX_FIELDS - 3)
        ncols = MAX_FIELDS - 3;   /* the epoch-count check below reports it */
    span last = fl->f[3 + ncols - 1];
    hd->has_sv = last.len > 1 && memchr(last.s + 1, '-', last.len - 1) != NULL;
    size_t nep = ncols - (size_t)hd->has_sv;
    if (nep < 1 || fl->count - 3 - (size_t)hd->has_sv > TDRE_COEFFS_EPOCHS)
        return FAIL(r, "%zu epochs in the heading; 1..%d supported",
                    fl->count - 3 - (size_t)hd->has_sv, TDRE_COEFFS_EPOCHS);
    c->nepochs = (int)nep;
    for (int e = 0; e < c->nepochs; e++) {
        int rc = real_field(r, fl, 3 + (size_t)e, "epoch", &c->epoch[e]);
        if (rc == 0)
            rc = check_epoch_order(r, c, e);
        if (rc != 0)
            return rc;
    }
    if (hd->has_sv)
        return noaa_sv_span(r, last, c->epoch[c->nepochs - 1], &hd->sv_end);
    return 0;
}

static int noaa_row(reader *r, const fields *fl, tdre_coeffs *c, const noaa_heading *hd,
                    seen_lines *seen)
{
    size_t want = 3 + (size_t)c->nepochs + (size_t)hd->has_sv;
    if (fl->count != want)
        return FAIL(r, "ragged row: %zu fields, expected %zu (g/h, n, m, %d epochs%s)",
                    fl->count, want, c->nepochs, hd->has_sv ? ", SV" : "");
    int is_g = span_is(fl->f[0], "g");
    if (!is_g && !span_is(fl->f[0], "h"))
        return FAIL(r, "first field must be g or h, not '%s'", quote(fl->f[0]).s);
    int n, m;
    int rc = degree_order(r, fl, 1, TDRE_COEFFS_NMAX, &n, &m);
    if (rc != 0)
        return rc;
    if (!is_g && m == 0)
        return FAIL(r, "h(%d,0) does not exist", n);
    rc = mark_seen(r, is_g ? seen->g : seen->h, is_g ? 'g' : 'h', n, m);
    for (int e = 0; rc == 0 && e < c->nepochs; e++)
        rc = real_field(r, fl, 3 + (size_t)e, "coefficient",
                        is_g ? &c->g[e][n][m] : &c->h[e][n][m]);
    if (rc == 0 && hd->has_sv)
        rc = real_field(r, fl, want - 1, "SV", is_g ? &c->sv_g[n][m] : &c->sv_h[n][m]);
    return rc;
}

static int parse_noaa(reader *r, tdre_coeffs *c)
{
    static seen_lines seen_zero;
    seen_lines seen = seen_zero;
    noaa_heading hd = { 0, 0.0 };
    int have_heading = 0, rows = 0, any_text = 0;
    span line;
    fields fl;
    while (next_line(r, &line)) {
        split(line, &fl);
        if (fl.count > 0)
            any_text = 1;
        if (is_comment(&fl))
            continue;
        int rc = 0;
        if (!have_heading) {
            if (span_is(fl.f[0], "g/h")) {
                rc = noaa_heading_line(r, &fl, c, &hd);
                have_heading = 1;
            } else if (span_is(fl.f[0], "g") || span_is(fl.f[0], "h")) {
                rc = FAIL(r, "coefficient row before the heading 'g/h n m epoch...'");
            }
            /* other lines before it: the column-kind heading (IGRF/DGRF/SV) */
        } else {
            rc = noaa_row(r, &fl, c, &hd, &seen);
            rows++;
        }
        if (rc != 0)
            return rc;
    }
    if (!any_text)
        return fail_at(r, r->line > 0 ? r->line : 1, "empty file");
    if (!have_heading)
        return FAIL(r, "no heading line 'g/h n m epoch...' (not a NOAA table?)");
    if (rows == 0)
        return FAIL(r, "heading but no coefficient rows");
    int rc = check_complete(r, &seen, highest_seen_degree(&seen), r->line);
    if (rc == 0)
        rc = detect_degrees(r, c, r->line);
    c->valid_from = c->epoch[0];
    c->valid_to = hd.has_sv ? hd.sv_end : c->epoch[c->nepochs - 1];
    return rc;
}

/* ---- SHC ---------------------------------------------------------------- */

typedef struct {
    int nmax;
    int has_range;
    double first, last;
} shc_header;

static int shc_header_line(reader *r, const fields *fl, tdre_coeffs *c, shc_header *hd)
{
    int nmin, n_epochs;
    if (fl->count < 3 || fl->count > 7)
        return FAIL(r, "SHC header must read 'nmin nmax epochs [order steps first last]'");
    int rc = int_field(r, fl, 0, "nmin", &nmin);
    if (rc == 0)
        rc = int_field(r, fl, 1, "nmax", &hd->nmax);
    if (rc == 0)
        rc = int_field(r, fl, 2, "number of epochs", &n_epochs);
    double ignored;
    for (size_t k = 3; rc == 0 && k < fl->count; k++)
        rc = real_field(r, fl, k, "header", k == 5 ? &hd->first : k == 6 ? &hd->last : &ignored);
    if (rc != 0)
        return rc;
    hd->has_range = fl->count == 7;
    if (nmin != 1)
        return FAIL(r, "nmin=%d; only models starting at degree 1 are supported", nmin);
    if (hd->nmax < 1 || hd->nmax > TDRE_COEFFS_NMAX)
        return FAIL(r, "degree nmax=%d is outside 1..%d", hd->nmax, TDRE_COEFFS_NMAX);
    if (n_epochs < 1 || n_epochs > TDRE_COEFFS_EPOCHS)
        return FAIL(r, "%d epochs; 1..%d supported", n_epochs, TDRE_COEFFS_EPOCHS);
    c->nepochs = n_epochs;
    return 0;
}

static int shc_epoch_line(reader *r, const fields *fl, tdre_coeffs *c, const shc_header *hd)
{
    if (fl->count != (size_t)c->nepochs)
        return FAIL(r, "%zu epochs listed, header says %d", fl->count, c->nepochs);
    for (int e = 0; e < c->nepochs; e++) {
        int rc = real_field(r, fl, (size_t)e, "epoch", &c->epoch[e]);
        if (rc == 0)
            rc = check_epoch_order(r, c, e);
        if (rc != 0)
            return rc;
    }
    if (hd->has_range && (hd->first != c->epoch[0] || hd->last != c->epoch[c->nepochs - 1]))
        return FAIL(r, "epochs %.17g..%.17g differ from the header's range %.17g..%.17g",
                    c->epoch[0], c->epoch[c->nepochs - 1], hd->first, hd->last);
    return 0;
}

/* An (n, m) pair's first row is g, the second (m > 0) h. */
static int shc_row(reader *r, const fields *fl, tdre_coeffs *c, const shc_header *hd,
                   seen_lines *seen)
{
    size_t want = 2 + (size_t)c->nepochs;
    if (fl->count != want)
        return FAIL(r, "ragged row: %zu fields, expected %zu (n, m, %d epochs)", fl->count,
                    want, c->nepochs);
    int n, m;
    int rc = degree_order(r, fl, 0, hd->nmax, &n, &m);
    if (rc != 0)
        return rc;
    int is_g = !seen->g[n][m];
    if (!is_g && (m == 0 || seen->h[n][m]))
        return FAIL(r, "repeated (n,m)=(%d,%d) (first on line %d)", n, m, seen->g[n][m]);
    (is_g ? seen->g : seen->h)[n][m] = r->line;
    for (int e = 0; rc == 0 && e < c->nepochs; e++)
        rc = real_field(r, fl, 2 + (size_t)e, "coefficient",
                        is_g ? &c->g[e][n][m] : &c->h[e][n][m]);
    return rc;
}

static int parse_shc(reader *r, tdre_coeffs *c)
{
    static seen_lines seen_zero;
    seen_lines seen = seen_zero;
    shc_header hd = { 0, 0, 0.0, 0.0 };
    int stage = 0, rows = 0;   /* stage 0: header, 1: epochs, 2: rows */
    span line;
    fields fl;
    while (next_line(r, &line)) {
        split(line, &fl);
        if (is_comment(&fl))
            continue;
        int rc;
        if (stage == 0)
            rc = shc_header_line(r, &fl, c, &hd);
        else if (stage == 1)
            rc = shc_epoch_line(r, &fl, c, &hd);
        else {
            rc = shc_row(r, &fl, c, &hd, &seen);
            rows++;
        }
        if (rc != 0)
            return rc;
        if (stage < 2)
            stage++;
    }
    if (stage == 0)
        return fail_at(r, r->line > 0 ? r->line : 1, "empty file");
    if (rows == 0)
        return FAIL(r, "header but no coefficient rows");
    int rc = check_complete(r, &seen, hd.nmax, r->line);
    if (rc == 0)
        rc = detect_degrees(r, c, r->line);
    c->sv_nmax = 0;
    c->valid_from = c->epoch[0];
    c->valid_to = c->epoch[c->nepochs - 1];
    return rc;
}

/* ---- geomag70 COF ------------------------------------------------------- */

typedef struct {
    int nrec;            /* records begun */
    int nmax, nmax_sv;   /* declared by the current record's header */
    int header_line;
    int rows;
    int sv_line;         /* first row with nonzero SV in this record, 0 if none */
    double from, to;
    seen_lines seen;
} cof_record;

static int cof_is_end_marker(const fields *fl)
{
    span f = fl->f[0];
    if (fl->count != 1 || f.len < 8)
        return 0;
    for (size_t i = 0; i < f.len; i++)
        if (f.s[i] != '9')
            return 0;
    return 1;
}

/* Checks of a record once all its rows are read. */
static int cof_close(reader *r, const cof_record *rec, int is_last)
{
    if (rec->rows == 0)
        return fail_at(r, rec->header_line, "model header without coefficient rows");
    int rc = check_complete(r, &rec->seen, rec->nmax > rec->nmax_sv ? rec->nmax : rec->nmax_sv,
                            r->line);
    if (rc == 0 && !is_last && rec->sv_line)
        rc = fail_at(r, rec->sv_line, "SV in a record that is not the last (never used)");
    return rc;
}

static int cof_header(reader *r, const fields *fl, tdre_coeffs *c, cof_record *rec)
{
    if (fl->count < 7 || fl->count > 11)
        return FAIL(r, "model header must read 'name epoch nmax nmax_sv 0 from to ...'");
    int e = rec->nrec;
    if (e >= TDRE_COEFFS_EPOCHS)
        return FAIL(r, "more than %d model records", TDRE_COEFFS_EPOCHS);
    int unused;
    double ignored;
    int rc = real_field(r, fl, 1, "epoch", &c->epoch[e]);
    if (rc == 0)
        rc = int_field(r, fl, 2, "nmax", &rec->nmax);
    if (rc == 0)
        rc = int_field(r, fl, 3, "SV nmax", &rec->nmax_sv);
    if (rc == 0)
        rc = int_field(r, fl, 4, "unused", &unused);
    if (rc == 0)
        rc = real_field(r, fl, 5, "valid from", &rec->from);
    if (rc == 0)
        rc = real_field(r, fl, 6, "valid to", &rec->to);
    for (size_t k = 7; rc == 0 && k < fl->count && k < 9; k++)
        rc = real_field(r, fl, k, "altitude", &ignored);
    if (rc == 0)
        rc = check_epoch_order(r, c, e);
    if (rc != 0)
        return rc;
    if (rec->nmax < 1 || rec->nmax > TDRE_COEFFS_NMAX)
        return FAIL(r, "degree nmax=%d is outside 1..%d", rec->nmax, TDRE_COEFFS_NMAX);
    if (rec->nmax_sv < 0 || rec->nmax_sv > TDRE_COEFFS_NMAX)
        return FAIL(r, "SV degree %d is outside 0..%d", rec->nmax_sv, TDRE_COEFFS_NMAX);
    if (!(rec->from <= rec->to))
        return FAIL(r, "valid range %.17g..%.17g is empty", rec->from, rec->to);
    if (e == 0)
        c->valid_from = rec->from;
    c->valid_to = rec->to;
    c->nepochs = e + 1;
    rec->nrec = e + 1;
    rec->header_line = r->line;
    rec->rows = 0;
    rec->sv_line = 0;
    memset(&rec->seen, 0, sizeof rec->seen);
    return 0;
}

/* n m g h gdot hdot [name index]; SV is kept only from the last record, so
 * each record writes it and the next one overwrites it. */
static int cof_row(reader *r, const fields *fl, tdre_coeffs *c, cof_record *rec)
{
    if (fl->count != 6 && fl->count != 8)
        return FAIL(r, "ragged row: %zu fields, expected 'n m g h gdot hdot [name index]'",
                    fl->count);
    int n, m, e = rec->nrec - 1;
    int rc = degree_order(r, fl, 0, rec->nmax > rec->nmax_sv ? rec->nmax : rec->nmax_sv, &n, &m);
    double v[4];
    static const char *const what[4] = { "g", "h", "gdot", "hdot" };
    for (int k = 0; rc == 0 && k < 4; k++)
        rc = real_field(r, fl, 2 + (size_t)k, what[k], &v[k]);
    if (rc == 0)
        rc = mark_seen(r, rec->seen.g, 'g', n, m);
    if (rc != 0)
        return rc;
    rec->seen.h[n][m] = r->line;
    rec->rows++;
    if (m == 0 && (v[1] != 0.0 || v[3] != 0.0))
        return FAIL(r, "h(%d,0) must be 0", n);
    if (n > rec->nmax && (v[0] != 0.0 || v[1] != 0.0))
        return FAIL(r, "main-field coefficient of degree %d above the record's nmax %d", n,
                    rec->nmax);
    if (n > rec->nmax_sv && (v[2] != 0.0 || v[3] != 0.0))
        return FAIL(r, "SV coefficient of degree %d above the record's SV nmax %d", n,
                    rec->nmax_sv);
    if ((v[2] != 0.0 || v[3] != 0.0) && !rec->sv_line)
        rec->sv_line = r->line;
    c->g[e][n][m] = v[0];
    c->h[e][n][m] = v[1];
    c->sv_g[n][m] = v[2];
    c->sv_h[n][m] = v[3];
    return 0;
}

static int parse_cof(reader *r, tdre_coeffs *c)
{
    static cof_record rec_zero;
    cof_record rec = rec_zero;
    int any_text = 0;
    span line;
    fields fl;
    while (next_line(r, &line)) {
        split(line, &fl);
        if (fl.count == 0)
            continue;
        any_text = 1;
        if (cof_is_end_marker(&fl))
            break;
        int rc;
        char c0 = fl.f[0].s[0];
        if (!(is_digit(c0) || c0 == '+' || c0 == '-' || c0 == '.')) {   /* a name: header */
            rc = rec.nrec > 0 ? cof_close(r, &rec, 0) : 0;
            if (rc == 0)
                rc = cof_header(r, &fl, c, &rec);
        } else if (rec.nrec == 0) {
            rc = FAIL(r, "coefficient row before the first model header");
        } else {
            /* the previous record's SV is not the last: drop it */
            if (rec.rows == 0)
                memset(c->sv_g, 0, sizeof c->sv_g), memset(c->sv_h, 0, sizeof c->sv_h);
            rc = cof_row(r, &fl, c, &rec);
        }
        if (rc != 0)
            return rc;
    }
    if (!any_text)
        return fail_at(r, r->line > 0 ? r->line : 1, "empty file");
    if (rec.nrec == 0)
        return FAIL(r, "no model header (not a COF file?)");
    int rc = cof_close(r, &rec, 1);
    if (rc == 0)
        rc = detect_degrees(r, c, r->line);
    return rc;
}

/* ---- format detection and entry points ---------------------------------- */

/* Looks at the first three non-comment lines: an SHC file starts with
 * integers, a NOAA table has a 'g/h' heading, a COF file starts with a
 * model header (a name then numbers). */
static int detect_format(reader r, int *format)
{
    span line;
    fields fl;
    int looked = 0;
    double x;
    while (looked < 3 && next_line(&r, &line)) {
        split(line, &fl);
        if (is_comment(&fl))
            continue;
        looked++;
        int k;
        if (looked == 1 && parse_int(fl.f[0], &k) == 0) {
            *format = TDRE_COEFFS_SHC;
            return 0;
        }
        if (span_is(fl.f[0], "g/h")) {
            *format = TDRE_COEFFS_NOAA;
            return 0;
        }
        if (looked == 1 && fl.count >= 7 && parse_real(fl.f[0], &x) != 0
            && parse_real(fl.f[1], &x) == 0 && parse_int(fl.f[2], &k) == 0) {
            *format = TDRE_COEFFS_COF;
            return 0;
        }
    }
    if (looked == 0)
        return fail_at(&r, r.line > 0 ? r.line : 1, "empty file");
    return fail_at(&r, 1, "format not recognised (expected a NOAA table, SHC or COF)");
}

static void set_name(tdre_coeffs *c, const char *path)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    size_t n = strcspn(base, ".");
    if (n >= sizeof c->name)
        n = sizeof c->name - 1;
    memcpy(c->name, base, n);
    c->name[n] = '\0';
}

int tdre_coeffs_parse(const char *name, const char *text, size_t len, int format,
                      tdre_coeffs *out, char *err, size_t errlen)
{
    if (err && errlen > 0)
        err[0] = '\0';
    if (!out)
        return TDRE_EINVAL;
    memset(out, 0, sizeof *out);
    if (!name)
        name = "(text)";
    if (!text)
        len = 0;
    reader r = { name, text, text + len, 0, err, errlen };
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        r.p += 3;
    int rc = 0;
    if (format == TDRE_COEFFS_AUTO)
        rc = detect_format(r, &format);
    if (rc == 0) {
        switch (format) {
        case TDRE_COEFFS_NOAA: rc = parse_noaa(&r, out); break;
        case TDRE_COEFFS_SHC: rc = parse_shc(&r, out); break;
        case TDRE_COEFFS_COF: rc = parse_cof(&r, out); break;
        default:
            if (err && errlen > 0)
                snprintf(err, errlen, "%s: unknown format code %d", name, format);
            rc = TDRE_EINVAL;
        }
    }
    if (rc != 0)
        memset(out, 0, sizeof *out);
    else
        set_name(out, name);
    return rc;
}

static int read_all(const char *path, char **text, size_t *len, char *err, size_t errlen)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        if (err && errlen > 0)
            snprintf(err, errlen, "%s:0: cannot open: %s", path, strerror(errno));
        return TDRE_EIO;
    }
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    int rc = buf ? TDRE_OK : TDRE_ENOMEM;
    while (rc == TDRE_OK) {
        if (n == cap) {
            char *bigger = cap < (size_t)MAX_FILE_BYTES ? realloc(buf, cap * 2) : NULL;
            if (!bigger) {
                rc = cap < (size_t)MAX_FILE_BYTES ? TDRE_ENOMEM : TDRE_EFORMAT;
                break;
            }
            buf = bigger;
            cap *= 2;
        }
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0)
            break;
    }
    int read_error = ferror(f);
    fclose(f);
    if (rc == TDRE_OK && read_error)
        rc = TDRE_EIO;
    if (rc != TDRE_OK) {
        free(buf);
        if (err && errlen > 0)
            snprintf(err, errlen, "%s:0: %s", path,
                     rc == TDRE_EIO ? "read error"
                     : rc == TDRE_ENOMEM ? "out of memory"
                     : "file too large for a coefficient file");
        return rc;
    }
    *text = buf;
    *len = n;
    return TDRE_OK;
}

int tdre_coeffs_read(const char *path, int format, tdre_coeffs *out, char *err, size_t errlen)
{
    char *text = NULL;
    size_t len = 0;
    if (!path || !out)
        return TDRE_EINVAL;
    memset(out, 0, sizeof *out);
    int rc = read_all(path, &text, &len, err, errlen);
    if (rc == TDRE_OK)
        rc = tdre_coeffs_parse(path, text, len, format, out, err, errlen);
    free(text);
    return rc;
}

int tdre_coeffs_format_from_name(const char *name)
{
    static const char *const names[] = { "auto", "noaa", "shc", "cof" };
    for (int i = 0; name && i < 4; i++)
        if (strcmp(name, names[i]) == 0)
            return i;
    return -1;
}

const char *tdre_coeffs_format_name(int format)
{
    static const char *const names[] = { "auto", "noaa", "shc", "cof" };
    return format >= 0 && format < 4 ? names[format] : "?";
}
