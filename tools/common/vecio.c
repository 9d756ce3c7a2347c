/*
 * vecio.c: reading and writing the harness's CSV files (see vecio.h).
 */
#include "vecio.h"

#include "vectors_fmt.h"

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

enum { COL_ISV, COL_DATE, COL_ITYPE, COL_ALT, COL_COLAT, COL_ELONG,
       COL_X, COL_Y, COL_Z, COL_F, COL_STATUS, NCOLS };

static const char *const column_name[NCOLS] = {
    "isv", "date", "itype", "alt", "colat", "elong", "x", "y", "z", "f", "status"
};

#define MAX_LINE   65536
#define TEXT_(x)   #x
#define TEXT(x)    TEXT_(x)
#define MAX_FIELDS 256

struct tdre_csv {
    FILE *in;
    int owns_stream;
    char *name;
    char *line;
    size_t cap;
    char *buf;              /* bytes read ahead from in: buf[pos .. end) */
    size_t pos, end;
    int at_eof;
    long lineno;
    int col_of[NCOLS];      /* field index of each known column, -1 if absent */
    int nfields;            /* fields in the header */
    int layout;             /* the header's columns in tdre-eval's order: a LAYOUT_ */
    size_t canonical_len;   /* of the last row's inputs as written back, or 0 */
};

/* Headers in the order tdre-gen and tdre-eval write them, for which a row
 * can be read in one pass without splitting it (see fast_row). */
enum { LAYOUT_OTHER, LAYOUT_VECTOR, LAYOUT_RESULT, LAYOUT_RESULT_STATUS };

tdre_csv *tdre_csv_from_stream(FILE *stream, const char *name, char *err, size_t errlen)
{
    tdre_csv *csv = calloc(1, sizeof *csv);
    if (!csv || !(csv->name = strdup(name))) {
        free(csv);
        snprintf(err, errlen, "%s: out of memory", name);
        return NULL;
    }
    csv->in = stream;
    for (int c = 0; c < NCOLS; c++) csv->col_of[c] = -1;
    return csv;
}

tdre_csv *tdre_csv_open(const char *path, char *err, size_t errlen)
{
    FILE *in;
    tdre_csv *csv;
    if (strcmp(path, "-") == 0)
        return tdre_csv_from_stream(stdin, "<stdin>", err, errlen);
    in = fopen(path, "r");
    if (!in) {
        snprintf(err, errlen, "%s: cannot open: %s", path, strerror(errno));
        return NULL;
    }
    csv = tdre_csv_from_stream(in, path, err, errlen);
    if (!csv) fclose(in);
    else csv->owns_stream = 1;
    return csv;
}

void tdre_csv_close(tdre_csv *csv)
{
    if (!csv) return;
    if (csv->owns_stream) fclose(csv->in);
    free(csv->line);
    free(csv->buf);
    free(csv->name);
    free(csv);
}

long tdre_csv_line(const tdre_csv *csv) { return csv->lineno; }

size_t tdre_csv_canonical_inputs(const tdre_csv *csv, const char **text)
{
    *text = csv->line;
    return csv->canonical_len;
}

int tdre_csv_has_status(const tdre_csv *csv) { return csv->col_of[COL_STATUS] >= 0; }

#define READ_CHUNK 65536

/* Makes buf hold unread bytes: 1, or 0 at end of file, -1 on a read error. */
static int fill(tdre_csv *csv)
{
    if (csv->pos < csv->end) return 1;
    if (csv->at_eof) return 0;
    if (!csv->buf && !(csv->buf = malloc(READ_CHUNK))) return -1;
    csv->pos = 0;
    csv->end = fread(csv->buf, 1, READ_CHUNK, csv->in);
    if (csv->end > 0) return 1;
    csv->at_eof = 1;
    return ferror(csv->in) ? -1 : 0;
}

/* Appends n bytes to csv->line, of which at most MAX_LINE - 1 are kept in
 * all; 1 when some had to be dropped, -1 out of memory. */
static int append(tdre_csv *csv, size_t *len, const char *bytes, size_t n)
{
    size_t room = MAX_LINE - 1 - *len, keep = n < room ? n : room;
    if (*len + keep + 1 > csv->cap) {
        size_t cap = csv->cap;
        while (*len + keep + 1 > cap) cap *= 2;
        char *grown = realloc(csv->line, cap);
        if (!grown) return -1;
        csv->line = grown;
        csv->cap = cap;
    }
    memcpy(csv->line + *len, bytes, keep);
    *len += keep;
    return keep < n;
}

/*
 * Reads one line without its end (LF or CRLF) into csv->line. 1 read,
 * 0 end of file, -1 too long (the rest of it is consumed), -2 read error,
 * -3 a NUL byte in the line (the C string would end there and hide the
 * rest of the line, e.g. garbage after a number). Reads the stream in
 * large blocks and finds line ends with memchr: a byte at a time would
 * make reading the bottleneck of a long run.
 */
static int read_line(tdre_csv *csv)
{
    size_t len = 0;
    int too_long = 0, nul = 0, any = 0, f;
    if (!csv->line) {
        /* Zeroed: tdre_csv_canonical_inputs' callers copy a fixed size. */
        csv->cap = 256;
        if (!(csv->line = calloc(1, csv->cap))) return -2;
    }
    while ((f = fill(csv)) > 0) {
        const char *start = csv->buf + csv->pos;
        size_t avail = csv->end - csv->pos;
        const char *nl = memchr(start, '\n', avail);
        size_t take = nl ? (size_t)(nl - start) : avail;
        int r;
        any = 1;
        if (memchr(start, '\0', take)) nul = 1;
        if ((r = append(csv, &len, start, take)) < 0) return -2;
        too_long |= r;
        csv->pos += take + (nl != NULL);
        if (nl) break;
    }
    if (f < 0) return -2;
    if (!any) return 0;
    csv->lineno++;
    if (len > 0 && csv->line[len - 1] == '\r') len--;
    csv->line[len] = '\0';
    return too_long ? -1 : nul ? -3 : 1;
}

/* Why read_line refused a line (-1 or -3). */
static const char *line_problem(int r)
{
    return r == -1 ? "line longer than " TEXT(MAX_LINE) " bytes" : "NUL byte in the line";
}

/* Splits csv->line in place at commas; blanks around fields are dropped.
 * One pass over the line: this runs for every row of a long file. */
static int split_fields(char *line, char **field, int maxfields)
{
    int n = 0;
    char *s = line;
    for (;;) {
        while (*s == ' ' || *s == '\t') s++;
        char *start = s, *end = s;      /* end: after the last non-blank */
        for (; *s != '\0' && *s != ','; s++)
            if (*s != ' ' && *s != '\t') end = s + 1;
        char stop = *s;
        *end = '\0';
        if (n == maxfields) return -1;
        field[n++] = start;
        if (stop == '\0') return n;
        s++;
    }
}

static int is_blank(const char *s)
{
    while (*s == ' ' || *s == '\t') s++;
    return *s == '\0';
}

/* Which LAYOUT_ the header is: its columns exactly isv..elong[,x,y,z,f[,status]]. */
static int standard_layout(const tdre_csv *csv)
{
    int c = 0;
    while (c < NCOLS && csv->col_of[c] == c) c++;
    if (c != csv->nfields) return LAYOUT_OTHER;
    return c == COL_X ? LAYOUT_VECTOR : c == COL_STATUS ? LAYOUT_RESULT
         : c == NCOLS ? LAYOUT_RESULT_STATUS : LAYOUT_OTHER;
}

int tdre_csv_header(tdre_csv *csv, int want_results, char *err, size_t errlen)
{
    char *field[MAX_FIELDS];
    int n, r, need = want_results ? COL_STATUS : COL_X;
    do {
        r = read_line(csv);
        if (r == 0) {
            snprintf(err, errlen, "%s: empty file: no header line", csv->name);
            return -1;
        }
        if (r < 0) {
            snprintf(err, errlen, "%s:%ld: %s%s", csv->name, csv->lineno + (r == -2),
                     r == -2 ? "read error: " : line_problem(r),
                     r == -2 ? strerror(errno) : "");
            return -1;
        }
    } while (is_blank(csv->line));
    /* A UTF-8 byte-order mark is not part of the first column's name. */
    if (strncmp(csv->line, "\xEF\xBB\xBF", 3) == 0)
        memmove(csv->line, csv->line + 3, strlen(csv->line + 3) + 1);
    n = split_fields(csv->line, field, MAX_FIELDS);
    if (n < 0) {
        snprintf(err, errlen, "%s:%ld: more than %d columns", csv->name, csv->lineno, MAX_FIELDS);
        return -1;
    }
    csv->nfields = n;
    for (int i = 0; i < n; i++)
        for (int c = 0; c < NCOLS; c++)
            if (strcmp(field[i], column_name[c]) == 0) {
                if (csv->col_of[c] >= 0) {
                    snprintf(err, errlen, "%s:%ld: column '%s' named twice",
                             csv->name, csv->lineno, column_name[c]);
                    return -1;
                }
                csv->col_of[c] = i;
            }
    csv->layout = standard_layout(csv);
    for (int c = 0; c < need; c++)
        if (csv->col_of[c] < 0) {
            snprintf(err, errlen, "%s:%ld: header lacks column '%s' (needs %s)",
                     csv->name, csv->lineno, column_name[c],
                     want_results ? "isv,date,itype,alt,colat,elong,x,y,z,f"
                                  : "isv,date,itype,alt,colat,elong");
            return -1;
        }
    return 0;
}

/* 10^0 .. 10^22: exact doubles. */
static const double pow10_exact[23] = {
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
    1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22
};

#ifdef __SIZEOF_INT128__
/* 10^0 .. 10^16 as integers. */
static const uint64_t pow10_u64[17] = {
    UINT64_C(1), UINT64_C(10), UINT64_C(100), UINT64_C(1000), UINT64_C(10000),
    UINT64_C(100000), UINT64_C(1000000), UINT64_C(10000000), UINT64_C(100000000),
    UINT64_C(1000000000), UINT64_C(10000000000), UINT64_C(100000000000),
    UINT64_C(1000000000000), UINT64_C(10000000000000), UINT64_C(100000000000000),
    UINT64_C(1000000000000000), UINT64_C(10000000000000000)
};

/* 5^0 .. 5^14; 5^k up to 5^27 (below 2^63) is a product of two of them. */
static const uint64_t pow5[15] = {
    UINT64_C(1), UINT64_C(5), UINT64_C(25), UINT64_C(125), UINT64_C(625),
    UINT64_C(3125), UINT64_C(15625), UINT64_C(78125), UINT64_C(390625),
    UINT64_C(1953125), UINT64_C(9765625), UINT64_C(48828125), UINT64_C(244140625),
    UINT64_C(1220703125), UINT64_C(6103515625)
};

/* m 2^e for 2^52 <= m <= 2^53 and a normal result, from its bits: ldexp
 * is a library call for every number of a long file. */
static double make_double(uint64_t m, int e)
{
    if (m == UINT64_C(1) << 53) {
        m >>= 1;
        e++;
    }
    uint64_t bits = (uint64_t)(e + 52 + 1023) << 52 | (m & ((UINT64_C(1) << 52) - 1));
    double r;
    memcpy(&r, &bits, sizeof r);
    return r;
}

/*
 * Whether %.17g writes back the nd <= 17 digits the double was read from:
 * the value t = w / 10^k was rounded to v = m 2^(drop-s-k), where
 * w 2^s = q 5^k + rem and delta = m 2^drop - q, so that
 *   v - t = 2^(-s-k) (delta 5^k - rem) / 5^k,
 * and the 17 digits of v are those of t when |v - t| is below half a unit
 * of t's 17th digit, 10^(nd-17-k) / 2, that is when
 *   |delta 5^k - rem| 10^(17-nd) 2 < 2^s.
 * (Equality, a tie on the 17-digit grid, counts as not written back.)
 */
static int writes_back(int64_t delta, uint64_t d, uint64_t rem, int s, int nd)
{
    unsigned __int128 dd = (unsigned __int128)(delta < 0 ? -delta : delta) * d;
    unsigned __int128 gap = delta < 0 ? dd + rem : dd >= rem ? dd - rem : rem - dd;
    if (nd > 17 || s > 120) return 0;
    return gap * (unsigned __int128)pow10_u64[17 - nd] * 2 < (unsigned __int128)1 << s;
}

/* w / 10^k correctly rounded (to nearest, ties to even) for 0 < k <= 27
 * and 0 < w < 2^64: 10^k = 5^k 2^k with 5^k < 2^63, so w 2^s / 5^k is one
 * 128-bit division whose quotient has 55 or more bits and whose remainder
 * says whether anything is left below them. The result lies between
 * 2^-90 and 2^64: always a normal double. With back (not NULL), also
 * whether %.17g of the result writes back w's nd digits (writes_back). */
static double divide_pow10(uint64_t w, int k, int nd, int *back)
{
    uint64_t d = pow5[k > 14 ? 14 : k] * pow5[k > 14 ? k - 14 : 0];
    int bw = 64 - __builtin_clzll(w), bd = 64 - __builtin_clzll(d);
    int s = 56 + bd - bw;
    if (s < 0) s = 0;
    unsigned __int128 num = (unsigned __int128)w << s;
    uint64_t q = (uint64_t)(num / d), rem = (uint64_t)(num % d);
    int sticky = rem != 0;
    int b = 64 - __builtin_clzll(q), drop = b - 53;
    uint64_t m = q >> drop, rest = q & ((UINT64_C(1) << drop) - 1);
    uint64_t half = UINT64_C(1) << (drop - 1);
    if (rest > half || (rest == half && (sticky || (m & 1))))
        m++;
    if (back)
        *back = writes_back((int64_t)(m << drop) - (int64_t)q, d, rem, s, nd);
    return make_double(m, drop - s - k);
}
#endif

/* Adds the digits at s to w, which holds nd significant digits (leading
 * zeros do not count): the byte after the digits, or NULL past 19. (Eight
 * digits at a time by SWAR was measured: no faster on vector files.) */
static const char *add_digits(const char *s, uint64_t *w, int *nd)
{
    uint64_t acc = *w;
    int n = *nd;
    if (n == 0)
        while (*s == '0') s++;
    for (; *s >= '0' && *s <= '9'; s++) {
        if (n == 19) return NULL;
        acc = acc * 10 + (uint64_t)(*s - '0');
        n++;
    }
    *w = acc;
    *nd = n;
    return s;
}

/*
 * Whether a number's text has the layout %.17g gives its value, all but the
 * digits themselves: no '+', no exponent, no leading zeros but the one of
 * "0.", no trailing zeros after a point, a point only before digits, and a
 * first digit at 10^x for -4 <= x < 17 (where %g writes fixed notation).
 * int_len and frac_len count the digits before and after the point.
 */
static int fixed_layout(const char *digits, int int_len, int frac_len, int has_point)
{
    if (int_len == 0 || (has_point && (frac_len == 0 || digits[int_len + frac_len] == '0')))
        return 0;
    if (digits[0] != '0')
        return int_len <= 17;
    if (int_len > 1) return 0;
    if (!has_point) return 1;               /* "0" */
    int zeros = 0;
    while (zeros < frac_len && digits[2 + zeros] == '0') zeros++;
    return zeros < frac_len && zeros <= 3;
}

/*
 * The common decimal forms ([+-]digits[.digits][e[+-]digits], at most 19
 * significant digits) converted without strtod, correctly rounded as strtod
 * does: Clinger's exact cases (w and 10^k both exact doubles: one rounding)
 * and a 128-bit division for up to 27 places. Stops at the first byte after
 * the number (*end). Returns 0 for anything else (nan, inf, hex, more
 * digits, odd syntax, errors): strtod decides those.
 *
 * With canon (not NULL), also tells whether the text is byte for byte what
 * %.17g writes for the value, so that a writer may copy it instead of
 * formatting the number again: the layout (fixed_layout) and the digits
 * (integers read exactly, fractions through the division, which knows how
 * far the double lies from the text: writes_back). Anything it cannot
 * tell cheaply counts as not written back.
 */
static int scan_decimal(const char *s, const char **end, double *v, int *canon)
{
    uint64_t w = 0;
    int neg = 0, nd = 0, k = 0, any, int_len, has_point = 0, plain = *s != '+';
    const char *from, *digits;
    if (*s == '-' || *s == '+') neg = *s++ == '-';
    digits = from = s;
    if (!(s = add_digits(s, &w, &nd))) return 0;
    int_len = (int)(s - from);
    any = s != from;
    if (*s == '.') {
        has_point = 1;
        from = ++s;
        if (!(s = add_digits(s, &w, &nd))) return 0;
        k = (int)(s - from);
        any |= k != 0;
    }
    if (!any) return 0;
    if (*s == 'e' || *s == 'E') {
        int eneg = 0, e = 0;
        plain = 0;
        s++;
        if (*s == '-' || *s == '+') eneg = *s++ == '-';
        if (!(*s >= '0' && *s <= '9')) return 0;
        for (; *s >= '0' && *s <= '9'; s++)
            if (e < 100000) e = e * 10 + (*s - '0');
        k += eneg ? e : -e;
    }
    *end = s;
    if (canon)
        *canon = plain && nd <= 17 && fixed_layout(digits, int_len, k, has_point);
    double r;
    if (w == 0)
        r = 0.0;
    else if (w <= (UINT64_C(1) << 53) && k == 0)
        r = (double)w;                      /* exact: writes back */
#ifdef __SIZEOF_INT128__
    else if (canon && *canon && k > 0 && k <= 27)
        r = divide_pow10(w, k, nd, canon);
#endif
    else if (w <= (UINT64_C(1) << 53) && k >= -22 && k <= 22)
        r = k >= 0 ? (double)w / pow10_exact[k] : (double)w * pow10_exact[-k];
#ifdef __SIZEOF_INT128__
    else if (k > 0 && k <= 27)
        r = divide_pow10(w, k, nd, NULL);
#endif
    else
        return 0;
    if (canon && w == 0)
        *canon = *canon && !has_point;      /* "0" and "-0" */
    else if (canon && k != 0 && !(k > 0 && k <= 27))
        *canon = 0;
    *v = neg ? -r : r;
    return 1;
}

/* A whole field in a form scan_decimal takes. */
static int parse_decimal(const char *s, double *v)
{
    const char *end;
    double r;
    if (!scan_decimal(s, &end, &r, NULL) || *end != '\0') return 0;
    *v = r;
    return 1;
}

/* Parses a whole field as a double; finite unless allow_nan (then nan too). */
static int parse_double(const char *s, double *v, int allow_nan)
{
    char *end;
    if (*s == '\0') return -1;
    if (parse_decimal(s, v)) return 0;
    errno = 0;
    *v = strtod(s, &end);
    if (*end != '\0') return -1;
    if (isnan(*v)) return allow_nan ? 0 : -1;
    if (isinf(*v)) return -1;
    return 0;
}

static int parse_choice(const char *s, int a, int b, int *v)
{
    char *end;
    long l;
    if (*s == '\0') return -1;
    if (s[1] == '\0' && s[0] - '0' >= 0 && s[0] - '0' <= 9) {   /* the usual one digit */
        l = s[0] - '0';
        if (l != a && l != b) return -1;
        *v = (int)l;
        return 0;
    }
    l = strtol(s, &end, 10);
    if (*end != '\0' || (l != a && l != b)) return -1;
    *v = (int)l;
    return 0;
}

/* The field as quoted in a message: at most 40 bytes, and bytes that are
 * not printable ASCII as '?', so that a message never carries control
 * sequences to a terminal. */
static int bad_field(tdre_csv *csv, int col, const char *text, const char *why,
                     char *err, size_t errlen)
{
    char shown[48];
    size_t n = 0;
    for (; text[n] && n < 40; n++) {
        unsigned char c = (unsigned char)text[n];
        shown[n] = c >= 0x20 && c < 0x7f ? (char)c : '?';
    }
    if (text[n]) { memcpy(shown + n, "...", 3); n += 3; }
    shown[n] = '\0';
    snprintf(err, errlen, "%s:%ld: column '%s': %s: '%s'", csv->name, csv->lineno,
             column_name[col], why, shown);
    return -1;
}

/* A number scan_decimal takes, then the byte stop: the byte after stop (at
 * stop itself when it is the line's end), or NULL. *canon is cleared
 * unless the number is as %.17g writes it (canon may be NULL). */
static const char *fast_number(const char *p, char stop, double *v, int *canon)
{
    const char *end;
    int back;
    if (!scan_decimal(p, &end, v, canon ? &back : NULL) || *end != stop) return NULL;
    if (canon) *canon &= back;
    return stop ? end + 1 : end;
}

/* A one-digit field a or b, then a comma: the byte after it, or NULL. */
static const char *fast_choice(const char *p, char a, char b, int *v)
{
    if ((p[0] != a && p[0] != b) || p[1] != ',') return NULL;
    *v = p[0] - '0';
    return p + 2;
}

/* The status field up to the line's end, when a word the general reader
 * would take as it is: 1 (copied) or 0. */
static int fast_status(const char *p, char *status)
{
    size_t n = 0;
    for (; p[n]; n++)
        if (p[n] <= ' ' || p[n] == 0x7f || p[n] == ',' || n + 1 == TDRE_STATUS_LEN) return 0;
    if (n == 0) return 0;
    memcpy(status, p, n + 1);
    return 1;
}

/*
 * The usual row of a file whose header is in the standard order, read in
 * one pass over the line without splitting it: one-digit isv and itype,
 * numbers scan_decimal takes, no blanks, a status word. 1 when read; 0 for
 * anything else, with the line untouched and nothing stored, so that the
 * general reader reads the same line and gives its own result or message.
 * Splitting the line and parsing each field apart cost more than the
 * evaluation of a row. Numbers from scan_decimal are never nan, so the
 * check of nan in an ok row has nothing to find here.
 */
static int fast_row(tdre_csv *csv, tdre_vector *vec, tdre_result *res)
{
    const char *p = csv->line;
    tdre_vector v;
    tdre_result r;
    int with_x = csv->layout == LAYOUT_RESULT || csv->layout == LAYOUT_RESULT_STATUS;
    int canon = !res, *c = res ? NULL : &canon;
    if (res ? !with_x : csv->layout != LAYOUT_VECTOR) return 0;
    if (!(p = fast_choice(p, '0', '1', &v.isv)) || !(p = fast_number(p, ',', &v.date, c)) ||
        !(p = fast_choice(p, '1', '2', &v.itype)) || !(p = fast_number(p, ',', &v.alt, c)) ||
        !(p = fast_number(p, ',', &v.colat, c)) ||
        !(p = fast_number(p, with_x ? ',' : '\0', &v.elong, c)))
        return 0;
    if (canon && p - csv->line < TDRE_CSV_INPUTS_MAX)
        csv->canonical_len = (size_t)(p - csv->line);
    if (res) {
        char last = csv->layout == LAYOUT_RESULT_STATUS ? ',' : '\0';
        if (!(p = fast_number(p, ',', &r.x, NULL)) || !(p = fast_number(p, ',', &r.y, NULL)) ||
            !(p = fast_number(p, ',', &r.z, NULL)) || !(p = fast_number(p, last, &r.f, NULL)))
            return 0;
        r.status[0] = '\0';
        if (last && !fast_status(p, r.status)) return 0;
        *res = r;
    }
    *vec = v;
    return 1;
}

int tdre_csv_next(tdre_csv *csv, tdre_vector *vec, tdre_result *res,
                  char *err, size_t errlen)
{
    char *field[MAX_FIELDS];
    double *dcol[NCOLS] = { NULL };
    int n, r;
    do {
        r = read_line(csv);
        if (r == 0) return 0;
        if (r == -2) {
            snprintf(err, errlen, "%s:%ld: read error: %s", csv->name, csv->lineno + 1,
                     strerror(errno));
            return -2;
        }
        if (r < 0) {
            snprintf(err, errlen, "%s:%ld: %s", csv->name, csv->lineno, line_problem(r));
            return -1;
        }
    } while (is_blank(csv->line));
    csv->canonical_len = 0;
    if (fast_row(csv, vec, res)) return 1;
    n = split_fields(csv->line, field, MAX_FIELDS);
    if (n < 0) {
        snprintf(err, errlen, "%s:%ld: more than %d fields where the header has %d",
                 csv->name, csv->lineno, MAX_FIELDS, csv->nfields);
        return -1;
    }
    if (n != csv->nfields) {
        snprintf(err, errlen, "%s:%ld: %d fields where the header has %d",
                 csv->name, csv->lineno, n, csv->nfields);
        return -1;
    }
    if (parse_choice(field[csv->col_of[COL_ISV]], 0, 1, &vec->isv))
        return bad_field(csv, COL_ISV, field[csv->col_of[COL_ISV]], "not 0 or 1", err, errlen);
    if (parse_choice(field[csv->col_of[COL_ITYPE]], 1, 2, &vec->itype))
        return bad_field(csv, COL_ITYPE, field[csv->col_of[COL_ITYPE]], "not 1 or 2", err, errlen);
    dcol[COL_DATE] = &vec->date;
    dcol[COL_ALT] = &vec->alt;
    dcol[COL_COLAT] = &vec->colat;
    dcol[COL_ELONG] = &vec->elong;
    if (res) {
        dcol[COL_X] = &res->x;
        dcol[COL_Y] = &res->y;
        dcol[COL_Z] = &res->z;
        dcol[COL_F] = &res->f;
        res->status[0] = '\0';
    }
    for (int c = 0; c < COL_STATUS; c++) {
        int i = csv->col_of[c];
        if (!dcol[c]) continue;
        if (i < 0) {            /* a result column the file does not have */
            *dcol[c] = NAN;
            continue;
        }
        if (parse_double(field[i], dcol[c], c >= COL_X))
            return bad_field(csv, c, field[i], "not a finite number", err, errlen);
    }
    if (res && csv->col_of[COL_STATUS] >= 0) {
        const char *s = field[csv->col_of[COL_STATUS]];
        if (strlen(s) >= TDRE_STATUS_LEN || *s == '\0')
            return bad_field(csv, COL_STATUS, s, "empty or too long", err, errlen);
        /* A status is a word such as date-out-of-range: a blank or control
         * byte in it (a stray CR, a tab) would not survive being written
         * and read again. */
        for (const char *c = s; *c; c++)
            if (*c <= ' ' || *c == 0x7f)
                return bad_field(csv, COL_STATUS, s, "not a word (blank or control byte)",
                                 err, errlen);
        strcpy(res->status, s);
    }
    if (res && strcmp(res->status[0] ? res->status : "ok", "ok") == 0)
        for (int c = COL_X; c <= COL_F; c++)
            if (csv->col_of[c] >= 0 && isnan(*dcol[c]))
                return bad_field(csv, c, field[csv->col_of[c]], "nan in a row whose status is ok",
                                 err, errlen);
    return 1;
}

void tdre_csv_write_header(FILE *out, int with_status)
{
    fputs(with_status ? "isv,date,itype,alt,colat,elong,x,y,z,f,status\n"
                      : "isv,date,itype,alt,colat,elong,x,y,z,f\n", out);
}

/* %.17g; a row without a value has four nan, which the formatter would
 * hand to snprintf: written here as the C library writes them. */
static size_t put_double(char *p, double v)
{
    if (isnan(v)) {
        const char *text = signbit(v) ? "-nan" : "nan";
        size_t len = signbit(v) ? 4 : 3;
        memcpy(p, text, len);
        return len;
    }
    return tdre_vectors_fmt_double(p, v);
}

size_t tdre_csv_format_results(char *line, const tdre_result *r, int with_status)
{
    const double value[4] = { r->x, r->y, r->z, r->f };
    char *p = line;
    for (int k = 0; k < 4; k++) {
        *p++ = ',';
        p += put_double(p, value[k]);
    }
    if (with_status) {
        const char *status = r->status[0] ? r->status : "ok";
        size_t len = strlen(status);
        *p++ = ',';
        memcpy(p, status, len);
        p += len;
    }
    *p++ = '\n';
    return (size_t)(p - line);
}

size_t tdre_csv_format_row(char *line, const tdre_vector *v, const tdre_result *r,
                           int with_status)
{
    /* The fast exact %.17g of the vector generator: printf's conversion
     * would dominate a long run. */
    const double value[4] = { v->date, v->alt, v->colat, v->elong };
    char *p = line;
    for (int k = 0; k < 4; k++) {
        if (k == 0 || k == 1) {
            *p++ = (char)('0' + (k == 0 ? v->isv : v->itype));
            *p++ = ',';
        }
        p += put_double(p, value[k]);
        if (k < 3) *p++ = ',';
    }
    return (size_t)(p - line) + tdre_csv_format_results(p, r, with_status);
}

void tdre_csv_write_row(FILE *out, const tdre_vector *v, const tdre_result *r,
                        int with_status)
{
    char line[TDRE_CSV_ROW_MAX];
    fwrite(line, 1, tdre_csv_format_row(line, v, r, with_status), out);
}
