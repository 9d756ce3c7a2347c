/*
 * tables_emit.c: the three output kinds of `tdre-gen tables` and the text
 * buffer they are built in (written out only when complete).
 */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tables_parts.h"
#include "tdre.h"

#define F77_LAST_COLUMN 72
#define F77_DATA_LINES 10    /* continuation lines per DATA statement (limit 19) */
#define GH_C_PER_LINE 8

void outbuf_printf(outbuf *b, const char *fmt, ...)
{
    if (b->failed)
        return;
    for (;;) {
        va_list ap;
        va_start(ap, fmt);
        size_t room = b->cap - b->len;
        int k = vsnprintf(b->text ? b->text + b->len : NULL, room, fmt, ap);
        va_end(ap);
        if (k < 0) {
            b->failed = 1;
            return;
        }
        if ((size_t)k < room) {
            b->len += (size_t)k;
            return;
        }
        size_t cap = b->cap ? b->cap * 2 : 65536;
        while (cap - b->len <= (size_t)k)
            cap *= 2;
        char *t = realloc(b->text, cap);
        if (!t) {
            b->failed = 1;
            return;
        }
        b->text = t;
        b->cap = cap;
    }
}

static int write_fully(FILE *f, const outbuf *b)
{
    return fwrite(b->text ? b->text : "", 1, b->len, f) == b->len && fflush(f) == 0;
}

/* 1 if path holds exactly b's bytes. */
static int file_holds(const char *path, const outbuf *b)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return 0;
    char chunk[8192];
    size_t at = 0, got;
    int same = 1;
    while (same && (got = fread(chunk, 1, sizeof chunk, f)) > 0) {
        same = at + got <= b->len && memcmp(chunk, b->text + at, got) == 0;
        at += got;
    }
    same = same && !ferror(f) && at == b->len;
    fclose(f);
    return same;
}

/* An unchanged file is left alone (so `make tables` does not make the
 * library rebuild); otherwise written beside and renamed over. */
int outbuf_write(const outbuf *b, const char *path, char *err, size_t errlen)
{
    if (path && b->len > 0 && file_holds(path, b))
        return TDRE_OK;
    if (!path) {
        if (!write_fully(stdout, b)) {
            snprintf(err, errlen, "cannot write standard output: %s", strerror(errno));
            return TDRE_EIO;
        }
        return TDRE_OK;
    }
    size_t n = strlen(path) + 16;
    char *tmp = malloc(n);
    if (!tmp) {
        snprintf(err, errlen, "out of memory");
        return TDRE_ENOMEM;
    }
    snprintf(tmp, n, "%s.tmpXXXXXX", path);
    int fd = mkstemp(tmp);
    FILE *f = fd >= 0 ? fdopen(fd, "wb") : NULL;
    int ok = f && fchmod(fd, 0644) == 0 && write_fully(f, b) && fsync(fd) == 0;
    int saved = errno;
    if (f)
        ok = (fclose(f) == 0) && ok;
    else if (fd >= 0)
        close(fd);
    if (ok && rename(tmp, path) != 0) {
        saved = errno;
        ok = 0;
    }
    if (!ok) {
        if (fd >= 0)
            unlink(tmp);
        snprintf(err, errlen, "cannot write %s: %s", path, strerror(saved));
    }
    free(tmp);
    return ok ? TDRE_OK : TDRE_EIO;
}

/* Significant digits (no trailing zeros) and decimal exponent of the
 * shortest %.Ne form of v that strtod reads back as v. */
static void shortest_digits(double v, char digits[24], int *exponent, int *negative)
{
    char e[40];
    for (int p = 0; p <= 16; p++) {
        snprintf(e, sizeof e, "%.*e", p, v);
        if (strtod(e, NULL) == v)
            break;
    }
    *negative = e[0] == '-';
    const char *s = e + *negative;
    size_t k = 0;
    for (; *s && *s != 'e'; s++)
        if (*s != '.' && k < 23)
            digits[k++] = *s;
    while (k > 1 && digits[k - 1] == '0')
        k--;
    digits[k] = '\0';
    *exponent = *s == 'e' ? atoi(s + 1) : 0;
}

/* Plain notation (-29554.63, 330, 0.0001) for exponents -6..14, else
 * d.ddde+X; buf holds at most 1 + 17 digits + 7 zeros + '.' + NUL. */
void tables_shortest(double v, char buf[32])
{
    char digits[24];
    int exponent, negative;
    shortest_digits(v, digits, &exponent, &negative);
    int nd = (int)strlen(digits), k = 0;
    if (negative)
        buf[k++] = '-';
    if (exponent < -6 || exponent > 14) {
        snprintf(buf + k, (size_t)(32 - k), "%c%s%se%d", digits[0], nd > 1 ? "." : "",
                 digits + 1, exponent);
        return;
    }
    if (exponent < 0) {
        buf[k++] = '0';
        buf[k++] = '.';
        for (int z = -1; z > exponent; z--)
            buf[k++] = '0';
    }
    for (int i = 0; i < nd || i <= exponent; i++) {
        if (i == exponent + 1 && exponent >= 0)
            buf[k++] = '.';
        buf[k++] = i < nd ? digits[i] : '0';
    }
    buf[k] = '\0';
}

/* The shortest decimal of v as a literal that reads as a double in C
 * ("-0.0" keeps the sign an integer literal would lose). */
static void double_literal(double v, char buf[32])
{
    tables_shortest(v, buf);
    if (strcmp(buf, "-0") == 0)
        strcpy(buf, "-0.0");
}

/* The shortest decimal of v as a single-precision literal: a '.' is always
 * present ("5922." in Fortran, "5922.f" in C), exponent letter as given. */
static void float_literal(double v, char exp_letter, const char *suffix, char buf[64])
{
    char d[32], exponent[16] = "";
    tables_shortest(v, d);
    char *e = strchr(d, 'e');
    if (e) {
        snprintf(exponent, sizeof exponent, "%c%s", exp_letter, e + 1);
        *e = '\0';
    }
    snprintf(buf, 64, "%s%s%s%s", d, strchr(d, '.') ? "" : ".", exponent, suffix);
}

/* Double rounding guard: the C float literal, the Fortran REAL literal and
 * (float) of the double must be the same single-precision number. */
static int check_single(const char *model, const char *what, double v, char *err, size_t errlen)
{
    char d[32];
    tables_shortest(v, d);
    float direct = strtof(d, NULL);
    float twice = (float)strtod(d, NULL);
    if (direct != twice || !isfinite(direct)) {
        snprintf(err, errlen, "%s: %s = %s: strtof gives %.9g but (float)strtod gives %.9g; "
                 "C and Fortran single-precision literals would disagree",
                 model, what, d, (double)direct, (double)twice);
        return TDRE_EFORMAT;
    }
    return TDRE_OK;
}

static int check_model_single(const tdre_coeffs *c, char *err, size_t errlen)
{
    char what[64];
    for (int e = 0; e <= c->nepochs; e++) {
        const double(*g)[TDRE_COEFFS_NMAX + 1] = e < c->nepochs ? c->g[e] : c->sv_g;
        const double(*h)[TDRE_COEFFS_NMAX + 1] = e < c->nepochs ? c->h[e] : c->sv_h;
        for (int n = 1; n <= TDRE_COEFFS_NMAX; n++)
            for (int m = 0; m <= n; m++) {
                int rc = 0;
                if (e < c->nepochs)
                    snprintf(what, sizeof what, "g/h(%d,%d) of %.17g", n, m, c->epoch[e]);
                else
                    snprintf(what, sizeof what, "SV g/h(%d,%d)", n, m);
                rc = check_single(c->name, what, g[n][m], err, errlen);
                if (rc == 0)
                    rc = check_single(c->name, what, h[n][m], err, errlen);
                if (rc != 0)
                    return rc;
            }
    }
    return TDRE_OK;
}

/* ---- phase 2 table ------------------------------------------------------ */

static void c_header(outbuf *b, const char *command)
{
    outbuf_printf(b, "/* %s\n * Generated file: do not edit (see docs/tables.md). */\n", command);
}

static void c_number_list(outbuf *b, const double *v, int count)
{
    char d[32];
    for (int i = 0; i < count; i++) {
        double_literal(v[i], d);
        outbuf_printf(b, "%s%s", i ? ", " : "", d);
    }
}

/* A per-epoch list, ten to a line. */
static void c_epoch_list(outbuf *b, const char *field, const double *v, const int *iv, int count)
{
    char d[32];
    outbuf_printf(b, "    .%s = {", field);
    for (int i = 0; i < count; i++) {
        if (v)
            double_literal(v[i], d);
        else
            snprintf(d, sizeof d, "%d", iv[i]);
        outbuf_printf(b, "%s%s,", i % 10 ? " " : "\n        ", d);
    }
    outbuf_printf(b, "\n    },\n");
}

/* rows [1] .. [nmax] of one g or h matrix, m = 0..n */
static void c_matrix(outbuf *b, const double a[][TDRE_COEFFS_NMAX + 1], int nmax,
                     const char *indent)
{
    for (int n = 1; n <= nmax; n++) {
        outbuf_printf(b, "%s[%d] = { ", indent, n);
        c_number_list(b, a[n], n + 1);
        outbuf_printf(b, " },\n");
    }
}

static void c_epochs_field(outbuf *b, const char *field, const tdre_coeffs *c, int is_g)
{
    char d[32];
    outbuf_printf(b, "    .%s = {\n", field);
    for (int e = 0; e < c->nepochs; e++) {
        double_literal(c->epoch[e], d);
        outbuf_printf(b, "        { /* %s */\n", d);
        c_matrix(b, is_g ? c->g[e] : c->h[e], c->nmax[e], "            ");
        outbuf_printf(b, "        },\n");
    }
    outbuf_printf(b, "    },\n");
}

int tables_emit_c(outbuf *b, const tdre_coeffs *c, const char *name, const char *command,
                  char *err, size_t errlen)
{
    int rc = check_model_single(c, err, errlen);
    if (rc != 0)
        return rc;
    char from[32], to[32];
    double_literal(c->valid_from, from);
    double_literal(c->valid_to, to);
    c_header(b, command);
    outbuf_printf(b, "#include \"builtin.h\"\n\nconst tdre_coeffs tdre_table_%s = {\n", name);
    outbuf_printf(b, "    .name = \"%s\",\n    .nepochs = %d,\n", c->name, c->nepochs);
    c_epoch_list(b, "epoch", c->epoch, NULL, c->nepochs);
    c_epoch_list(b, "nmax", NULL, c->nmax, c->nepochs);
    c_epochs_field(b, "g", c, 1);
    c_epochs_field(b, "h", c, 0);
    outbuf_printf(b, "    .sv_nmax = %d,\n", c->sv_nmax);
    if (c->sv_nmax > 0) {
        outbuf_printf(b, "    .sv_g = {\n");
        c_matrix(b, c->sv_g, c->sv_nmax, "        ");
        outbuf_printf(b, "    },\n    .sv_h = {\n");
        c_matrix(b, c->sv_h, c->sv_nmax, "        ");
        outbuf_printf(b, "    },\n");
    }
    outbuf_printf(b, "    .valid_from = %s,\n    .valid_to = %s,\n};\n", from, to);
    return TDRE_OK;
}

/* ---- legacy packed layout ----------------------------------------------- */

/* One block of the packed array per epoch, then SV, then the final 0. */
typedef struct {
    char piece[8];   /* Fortran name: G<year> or S<year> */
    char what[48];   /* comment */
    int start, count;
} gh_block;

static int gh_blocks(const tdre_coeffs *c, gh_block *blk, int size)
{
    int start = 0, k = 0;
    for (int e = 0; e <= c->nepochs; e++) {
        int sv = e == c->nepochs;
        double year = c->epoch[sv ? e - 1 : e];
        int degree = sv ? 13 : tables_legacy_degree(year);
        snprintf(blk[k].piece, sizeof blk[k].piece, "%c%04d", sv ? 'S' : 'G', (int)year);
        if (sv)
            snprintf(blk[k].what, sizeof blk[k].what, "SV from %d, degree %d (13 slots)",
                     (int)year, c->sv_nmax);
        else
            snprintf(blk[k].what, sizeof blk[k].what, "%d, degree %d", (int)year, degree);
        blk[k].start = start;
        blk[k].count = degree * (degree + 2);
        start += blk[k++].count;
    }
    return start == size - 1 ? k : -1;
}

static int gh_check(const tdre_coeffs *c, const double *gh, int size, char *err, size_t errlen)
{
    char what[32];
    for (int i = 0; i < size; i++) {
        snprintf(what, sizeof what, "GH(%d)", i + 1);
        int rc = check_single(c->name, what, gh[i], err, errlen);
        if (rc != 0)
            return rc;
    }
    return TDRE_OK;
}

int tables_emit_gh_c(outbuf *b, const tdre_coeffs *c, const double *gh, int size,
                     const char *name, const char *command, char *err, size_t errlen)
{
    gh_block blk[TDRE_COEFFS_EPOCHS + 1];
    int nblk = gh_blocks(c, blk, size);
    int rc = nblk < 0 ? TDRE_EFORMAT : gh_check(c, gh, size, err, errlen);
    if (nblk < 0)
        snprintf(err, errlen, "%s: internal error: packed layout size", c->name);
    if (rc != 0)
        return rc;
    char lit[64];
    c_header(b, command);
    outbuf_printf(b, "/*\n * Legacy packed coefficient array of %s (igrf11.f layout), 0-based:\n"
                  " * GH(i) of the Fortran is tdre_%s_gh[i-1]. Float literals, so each\n"
                  " * value is the double nearest its single-precision literal, like the\n"
                  " * Fortran's default-REAL DATA constants.\n */\n", c->name, name);
    outbuf_printf(b, "#include \"builtin.h\"\n\nconst double tdre_%s_gh[%d] = {\n", name, size);
    for (int k = 0; k < nblk; k++) {
        outbuf_printf(b, "    /* GH(%d..%d): %s */", blk[k].start + 1,
                      blk[k].start + blk[k].count, blk[k].what);
        for (int i = 0; i < blk[k].count; i++) {
            float_literal(gh[blk[k].start + i], 'e', "f", lit);
            outbuf_printf(b, "%s%s,", i % GH_C_PER_LINE ? " " : "\n    ", lit);
        }
        outbuf_printf(b, "\n");
    }
    float_literal(gh[size - 1], 'e', "f", lit);
    outbuf_printf(b, "    /* GH(%d) */\n    %s\n};\n", size, lit);
    return TDRE_OK;
}

/* A fixed-form comment holding text, wrapped at word boundaries. */
static void f77_comment(outbuf *b, const char *text)
{
    const char *p = text;
    while (*p) {
        size_t room = F77_LAST_COLUMN - 6, n = strlen(p);
        if (n > room) {
            n = room;
            while (n > 0 && p[n] != ' ')
                n--;
            if (n == 0)
                n = room;
        }
        outbuf_printf(b, "C     %.*s\n", (int)n, p);
        p += n;
        while (*p == ' ')
            p++;
    }
}

/* DATA (PIECE(I), I = a, z) / v, v, ... / split so that each statement has
 * at most F77_DATA_LINES continuation lines within column 72. */
static void f77_data(outbuf *b, const gh_block *blk, const double *gh, int width)
{
    int per_line = (F77_LAST_COLUMN - 6) / (width + 2);
    int per_stmt = per_line * F77_DATA_LINES;
    char lit[64];
    for (int first = 0; first < blk->count; first += per_stmt) {
        int last = first + per_stmt < blk->count ? first + per_stmt : blk->count;
        outbuf_printf(b, "      DATA (%s(I), I = %d, %d) /", blk->piece, first + 1, last);
        for (int i = first; i < last; i++) {
            float_literal(gh[blk->start + i], 'E', "", lit);
            outbuf_printf(b, "%s %*s%c", (i - first) % per_line ? "" : "\n     &", width, lit,
                          i + 1 < last ? ',' : '/');
        }
        outbuf_printf(b, "\n");
    }
}

int tables_emit_gh_f77(outbuf *b, const tdre_coeffs *c, const double *gh, int size,
                       const char *command, char *err, size_t errlen)
{
    gh_block blk[TDRE_COEFFS_EPOCHS + 1];
    int nblk = gh_blocks(c, blk, size);
    int rc = nblk < 0 ? TDRE_EFORMAT : gh_check(c, gh, size, err, errlen);
    if (nblk < 0)
        snprintf(err, errlen, "%s: internal error: packed layout size", c->name);
    if (rc != 0)
        return rc;
    char lit[64];
    int width = 0;
    for (int i = 0; i < size; i++) {
        float_literal(gh[i], 'E', "", lit);
        if ((int)strlen(lit) > width)
            width = (int)strlen(lit);
    }
    f77_comment(b, command);
    f77_comment(b, "Generated file: do not edit (see docs/tables.md).");
    outbuf_printf(b, "C\n");
    f77_comment(b, "Legacy packed coefficient array GH of the model, filled through"
                   " EQUIVALENCEd pieces G<epoch> (main field) and S<epoch> (SV) by DATA"
                   " statements with default-REAL constants (single precision, as in the"
                   " legacy program). The implied-DO variable I of the DATA statements is"
                   " local to them.");
    outbuf_printf(b, "      DOUBLE PRECISION GH(%d)\n", size);
    for (int k = 0; k < nblk; k++)
        outbuf_printf(b, "      DOUBLE PRECISION %s(%d)\n", blk[k].piece, blk[k].count);
    for (int k = 0; k < nblk; k++)
        outbuf_printf(b, "      EQUIVALENCE (GH(%d), %s(1))\n", blk[k].start + 1, blk[k].piece);
    for (int k = 0; k < nblk; k++) {
        outbuf_printf(b, "C     GH(%d..%d): %s\n", blk[k].start + 1, blk[k].start + blk[k].count,
                      blk[k].what);
        f77_data(b, &blk[k], gh, width);
    }
    float_literal(gh[size - 1], 'E', "", lit);
    outbuf_printf(b, "      DATA GH(%d) /%s/\n", size, lit);
    return TDRE_OK;
}
