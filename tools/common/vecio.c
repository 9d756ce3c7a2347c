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

/* For the few small functions of every number: the compiler leaves some
 * out of line, at a call's cost for each. */
#ifdef __GNUC__
#define INLINE inline __attribute__((always_inline))
#define NOINLINE __attribute__((noinline))
#else
#define INLINE inline
#define NOINLINE
#endif

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
    const char *row;        /* the last row's text: in buf, or csv->line */
    double nan_text[2];     /* strtod's "nan" and "-nan" */
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
    csv->nan_text[0] = strtod("nan", NULL);
    csv->nan_text[1] = strtod("-nan", NULL);
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
    *text = csv->row;
    return csv->canonical_len;
}

int tdre_csv_has_status(const tdre_csv *csv) { return csv->col_of[COL_STATUS] >= 0; }

#define READ_CHUNK 65536

/* A line found whole in the read buffer is never too long (fast_row). */
_Static_assert(READ_CHUNK <= MAX_LINE, "a block may hold a line too long to keep");

/* Bytes kept after the data in buf: a NUL that stops every scan there (no
 * number, separator or line end is a NUL), then room for the eight bytes
 * add_digits reads at a time and for the TDRE_CSV_INPUTS_MAX bytes callers
 * of tdre_csv_canonical_inputs copy from the start of a row in buf. Zeroed
 * once, so that every byte read is set. */
#define BUF_PAD (TDRE_CSV_INPUTS_MAX + 8)

/* Bytes kept after the NUL of csv->line, for add_digits. */
#define LINE_PAD 8

/* Makes buf hold unread bytes: 1, or 0 at end of file, -1 on a read error. */
static int fill(tdre_csv *csv)
{
    if (csv->pos < csv->end) return 1;
    if (csv->at_eof) return 0;
    if (!csv->buf && !(csv->buf = calloc(1, READ_CHUNK + BUF_PAD))) return -1;
    csv->pos = 0;
    csv->end = fread(csv->buf, 1, READ_CHUNK, csv->in);
    csv->buf[csv->end] = '\0';
    if (csv->end > 0) return 1;
    csv->at_eof = 1;
    return ferror(csv->in) ? -1 : 0;
}

/* Appends n bytes to csv->line, of which at most MAX_LINE - 1 are kept in
 * all; 1 when some had to be dropped, -1 out of memory. */
static int append(tdre_csv *csv, size_t *len, const char *bytes, size_t n)
{
    size_t room = MAX_LINE - 1 - *len, keep = n < room ? n : room;
    if (*len + keep + 1 + LINE_PAD > csv->cap) {
        size_t cap = csv->cap;
        while (*len + keep + 1 + LINE_PAD > cap) cap *= 2;
        char *grown = realloc(csv->line, cap);
        if (!grown) return -1;
        memset(grown + csv->cap, 0, cap - csv->cap);
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

/* 10^0 .. 10^19 as integers. */
static const uint64_t pow10_u64[20] = {
    UINT64_C(1), UINT64_C(10), UINT64_C(100), UINT64_C(1000), UINT64_C(10000),
    UINT64_C(100000), UINT64_C(1000000), UINT64_C(10000000), UINT64_C(100000000),
    UINT64_C(1000000000), UINT64_C(10000000000), UINT64_C(100000000000),
    UINT64_C(1000000000000), UINT64_C(10000000000000), UINT64_C(100000000000000),
    UINT64_C(1000000000000000), UINT64_C(10000000000000000),
    UINT64_C(100000000000000000), UINT64_C(1000000000000000000),
    UINT64_C(10000000000000000000)
};

#ifdef __SIZEOF_INT128__
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
    /* |delta| <= 8 and d, rem < 2^63: no overflow; the absolute value
     * without a branch on the sign, which is as often one as the other */
    __int128 diff = (__int128)delta * (__int128)d - (__int128)rem;
    unsigned __int128 gap = (unsigned __int128)(diff < 0 ? -diff : diff);
    if (nd > 17 || s > 120) return 0;
    return gap * (unsigned __int128)pow10_u64[17 - nd] * 2 < (unsigned __int128)1 << s;
}

/* num / d and its remainder, for a quotient below 2^64. On x86-64 one
 * divq gives both (it faults on a larger quotient); the library's 128-bit
 * division was a fifth of the reader's time. */
static uint64_t divide_u128(unsigned __int128 num, uint64_t d, uint64_t *rem)
{
#if defined(__x86_64__) && defined(__GNUC__)
    uint64_t q, r;
    __asm__("divq %4" : "=a"(q), "=d"(r)
            : "a"((uint64_t)num), "d"((uint64_t)(num >> 64)), "rm"(d) : "cc");
    *rem = r;
    return q;
#else
    *rem = (uint64_t)(num % d);
    return (uint64_t)(num / d);
#endif
}

/* w / 10^k correctly rounded (to nearest, ties to even) for 0 < k <= 27
 * and 0 < w < 2^64: 10^k = 5^k 2^k with 5^k < 2^63, so w 2^s / 5^k is one
 * 128-bit division whose quotient has 55 or more bits and whose remainder
 * says whether anything is left below them. The quotient is below 2^64, as
 * divide_u128 needs: with s = 56 + bd - bw, w 2^s < 2^(56+bd) and
 * d >= 2^(bd-1), so it is below 2^57; with s = 0 it is at most w. The
 * result lies between 2^-90 and 2^64: always a normal double. With back
 * (not NULL), also whether %.17g of the result writes back w's nd digits
 * (writes_back). */
static INLINE double divide_pow10(uint64_t w, int k, int nd, int *back)
{
    uint64_t d = tdre_pow5[k];
    int bw = 64 - __builtin_clzll(w), bd = 64 - __builtin_clzll(d);
    int s = 56 + bd - bw;
    if (s < 0) s = 0;
    uint64_t rem, q = divide_u128((unsigned __int128)w << s, d, &rem);
    int sticky = rem != 0;
    int b = 64 - __builtin_clzll(q), drop = b - 53;
    uint64_t m = q >> drop, rest = q & ((UINT64_C(1) << drop) - 1);
    uint64_t half = UINT64_C(1) << (drop - 1);
    /* bitwise, not branches: up or down is as likely, and a mispredicted
     * branch per number cost more than the rest of the rounding */
    m += (uint64_t)((rest > half) | ((rest == half) & (sticky | (int)(m & 1))));
    if (back)
        *back = writes_back((int64_t)(m << drop) - (int64_t)q, d, rem, s, nd);
    return make_double(m, drop - s - k);
}
#endif

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
/* The length (0..8) of the run of digits at the start of eight bytes b
 * (the first in the low byte) from which '0' was taken away by xor: a byte
 * is a digit when it is now at most 9, that is when neither its high bit
 * nor the carry of adding 0x76 to its low seven bits is set (the sum stays
 * within the byte, so no lane disturbs the next). */
static int digit_run(uint64_t b)
{
    uint64_t stop = (((b & UINT64_C(0x7F7F7F7F7F7F7F7F)) + UINT64_C(0x7676767676767676)) | b)
                    & UINT64_C(0x8080808080808080);
    return stop ? __builtin_ctzll(stop) >> 3 : 8;
}

/* The value of eight digits 0..9, the first (most significant) in the low
 * byte: pairs, then fours, then the eight, each by one multiplication that
 * adds a lane times 10^j to the lane above (2561 = 10 2^8 + 1, ...); the
 * lanes in between are masked away, and the last product leaves the value
 * alone in the upper half. */
static uint64_t eight_value(uint64_t b)
{
    b = (b * 2561) >> 8;
    b = ((b & UINT64_C(0x00FF00FF00FF00FF)) * 6553601) >> 16;
    return ((b & UINT64_C(0x0000FFFF0000FFFF)) * UINT64_C(42949672960001)) >> 32;
}

/*
 * Adds the digits at s to w, which holds nd significant digits (leading
 * zeros do not count): the byte after the digits, or NULL past 19. Up to
 * eight digits per step, however many there are (a %.17g number has 17, a
 * grid point 1 to 4, and a byte at a time was half the reader's time): the
 * run's length from a mask of the bytes that are not digits, its value from
 * the bytes shifted so that the bytes after the run fall out and zeros lead.
 * Reads eight bytes from every byte of the run and the one after it: the
 * buffers it reads keep eight bytes after the string's end (LINE_PAD,
 * BUF_PAD), and a string's end is never a digit.
 */
static INLINE const char *add_digits(const char *s, uint64_t *w, int *nd)
{
    uint64_t acc = *w, b;
    int n = *nd, run;
    if (n == 0)
        while (*s == '0') s++;
    do {
        memcpy(&b, s, sizeof b);
        b ^= UINT64_C(0x3030303030303030);
        run = digit_run(b);
        if (run == 0) break;
        if (n + run > 19) return NULL;
        acc = acc * pow10_u64[run] + eight_value(b << (64 - 8 * run));
        n += run;
        s += run;
    } while (run == 8);
    *w = acc;
    *nd = n;
    return s;
}
#else
/* Adds the digits at s to w, which holds nd significant digits (leading
 * zeros do not count): the byte after the digits, or NULL past 19. */
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
#endif

/*
 * Whether a number's text has the layout %.17g gives its value, all but the
 * digits themselves: no '+', no exponent, no leading zeros but the one of
 * "0.", no trailing zeros after a point, a point only before digits, and a
 * first digit at 10^x for -4 <= x < 17 (where %g writes fixed notation).
 * int_len and frac_len count the digits before and after the point.
 */
static INLINE int fixed_layout(const char *digits, int int_len, int frac_len, int has_point)
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

/* A number's text as read: its value is w / 10^k, negated when neg. */
typedef struct {
    uint64_t w;     /* the digits, nd of them significant (at most 19) */
    int nd, k, neg;
    /* for fixed_layout, which is asked only when a writer may copy the text */
    const char *digits;
    int int_len, has_point, plain;
} decimal;

/*
 * The common decimal forms, [+-]digits[.digits][e[+-]digits] with at most
 * 19 significant digits: the byte after the number, or NULL for anything
 * else (nan, inf, hex, more digits, odd syntax): strtod decides those.
 */
static const char *scan_syntax(const char *s, decimal *d)
{
    uint64_t w = 0;
    int nd = 0, k = 0, any, int_len, has_point = 0, plain = *s != '+';
    const char *from, *digits;
    d->neg = 0;
    if (*s == '-' || *s == '+') d->neg = *s++ == '-';
    digits = from = s;
    if (!(s = add_digits(s, &w, &nd))) return NULL;
    int_len = (int)(s - from);
    any = s != from;
    if (*s == '.') {
        has_point = 1;
        from = ++s;
        if (!(s = add_digits(s, &w, &nd))) return NULL;
        k = (int)(s - from);
        any |= k != 0;
    }
    if (!any) return NULL;
    if (*s == 'e' || *s == 'E') {
        int eneg = 0, e = 0;
        plain = 0;
        s++;
        if (*s == '-' || *s == '+') eneg = *s++ == '-';
        if (!(*s >= '0' && *s <= '9')) return NULL;
        for (; *s >= '0' && *s <= '9'; s++)
            if (e < 100000) e = e * 10 + (*s - '0');
        k += eneg ? e : -e;
    }
    d->w = w;
    d->nd = nd;
    d->k = k;
    d->digits = digits;
    d->int_len = int_len;
    d->has_point = has_point;
    d->plain = plain;
    return s;
}

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
/* The number of decimal digits of w (0 for 0): from its bits times
 * log10(2) (1233 / 4096, low by at most one), then one comparison. */
static INLINE int decimal_length(uint64_t w)
{
    int t = (64 - __builtin_clzll(w | 1)) * 1233 >> 12;
    return t + (w >= pow10_u64[t]);
}

/* The next run of digits at s, as digit_run and eight_value see them: its
 * length (0..8) and value. */
static INLINE int next_run(const char *s, uint64_t *value)
{
    uint64_t b;
    memcpy(&b, s, sizeof b);
    b ^= UINT64_C(0x3030303030303030);
    int run = digit_run(b);
    *value = run ? eight_value(b << (64 - 8 * run)) : 0;
    return run;
}

/*
 * The numbers the writers give, [-]digits[.digits] with 1 to 7 digits
 * before the point, at least one after it and 19 in all, read as
 * scan_syntax reads them, in steps of eight bytes with few branches: its
 * loops over single digits and the cases it tells apart were most of the
 * reader's time. NULL for anything else (then scan_syntax reads it). Reads
 * eight bytes from the start, after the point and after each step of eight
 * digits: all within digits or at the byte that ends them (see add_digits).
 */
static INLINE const char *quick_syntax(const char *s, decimal *d)
{
    const char *digits = s + (*s == '-');
    uint64_t w, more;
    int int_len = next_run(digits, &w), k = 0, run;
    if (int_len == 0 || int_len == 8) return NULL;
    d->neg = *s == '-';
    s = digits + int_len;
    d->has_point = *s == '.';
    if (d->has_point) {
        /* unrolled: each step's branch is then predicted on its own */
        k = next_run(s + 1, &more);
        w = w * pow10_u64[k] + more;
        if (k == 8) {
            run = next_run(s + 9, &more);
            if (int_len + 8 + run > 19) return NULL;
            w = w * pow10_u64[run] + more;
            k += run;
            if (run == 8) {
                run = next_run(s + 17, &more);
                if (run == 8 || int_len + 16 + run > 19) return NULL;
                w = w * pow10_u64[run] + more;
                k += run;
            }
        }
        if (k == 0) return NULL;
        s += 1 + k;
    }
    if (*s == 'e' || *s == 'E') return NULL;
    d->w = w;
    d->k = k;
    /* leading zeros do not count: after one, the significant digits are w's */
    d->nd = *digits != '0' ? int_len + k : decimal_length(w);
    d->digits = digits;
    d->int_len = int_len;
    d->plain = 1;
    return s;
}

#else
/* Without eight bytes at a time, scan_syntax reads every number. */
static const char *quick_syntax(const char *s, decimal *d)
{
    (void)s;
    (void)d;
    return NULL;
}
#endif

/*
 * d's value, correctly rounded as strtod rounds: Clinger's exact cases (w
 * and 10^k both exact doubles: one rounding) and a 128-bit division for up
 * to 27 places. 0 when neither applies: strtod decides.
 *
 * With canon (not NULL), also tells whether the text is byte for byte what
 * %.17g writes for the value, so that a writer may copy it instead of
 * formatting the number again: the layout (fixed_layout) and the digits
 * (integers read exactly, fractions through the division, which knows how
 * far the double lies from the text: writes_back). Anything it cannot
 * tell cheaply counts as not written back.
 */
static INLINE int decimal_value(const decimal *d, double *v, int *canon)
{
    uint64_t w = d->w;
    int k = d->k;
    double r;
    if (canon)
        *canon = d->plain && d->nd <= 17 && fixed_layout(d->digits, d->int_len, k, d->has_point);
    if (w == 0)
        r = 0.0;
    else if (w <= (UINT64_C(1) << 53) && k == 0)
        r = (double)w;                      /* exact: writes back */
#ifdef __SIZEOF_INT128__
    else if (canon && *canon && k > 0 && k <= 27)
        r = divide_pow10(w, k, d->nd, canon);
#endif
    else if (w <= (UINT64_C(1) << 53) && k >= -22 && k <= 22)
        r = k >= 0 ? (double)w / pow10_exact[k] : (double)w * pow10_exact[-k];
#ifdef __SIZEOF_INT128__
    else if (k > 0 && k <= 27)
        r = divide_pow10(w, k, d->nd, NULL);
#endif
    else
        return 0;
    if (canon && w == 0)
        *canon = *canon && !d->has_point;   /* "0" and "-0" */
    else if (canon && k != 0 && !(k > 0 && k <= 27))
        *canon = 0;
    *v = d->neg ? -r : r;
    return 1;
}

/* A number in a form scan_syntax takes, converted without strtod (see
 * decimal_value): 1, with the byte after it in *end; 0 for anything else.
 * Out of line: in fast_number, where it is rarely called, its decimal would
 * keep quick_syntax's in memory too. */
static NOINLINE int scan_decimal(const char *s, const char **end, double *v, int *canon)
{
    decimal d;
    return (*end = scan_syntax(s, &d)) && decimal_value(&d, v, canon);
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

/* A number scan_decimal takes, then the byte stop: the byte after stop, or
 * NULL; with stop '\0', the byte after the number (the caller checks the
 * line's end there). *canon is cleared unless the number is as %.17g
 * writes it (canon may be NULL). */
static INLINE const char *fast_number(const char *p, char stop, double *v, int *canon)
{
    const char *end;
    decimal d;
    int back;
    if ((end = quick_syntax(p, &d))) {
        if (!decimal_value(&d, v, canon ? &back : NULL)) return NULL;
    } else if (!scan_decimal(p, &end, v, canon ? &back : NULL)) {
        return NULL;
    }
    if (canon) *canon &= back;
    if (!stop) return end;
    return *end == stop ? end + 1 : NULL;
}

/* An input column's number of a vector file, as fast_number reads it, and
 * whether it is its own %.17g. One copy out of line, and one in
 * fast_value: inline in each of the eight places, numbers took 14 KiB. */
static NOINLINE const char *fast_input(const char *p, char stop, double *v, int *canon)
{
    return fast_number(p, stop, v, canon);
}

/* A number of a result file as fast_number reads it, or, when nan is not
 * NULL (x, y, z, f), nan as the writer writes it ("nan", "-nan": a row
 * without a value), with the bits strtod gives the general reader (kept in
 * csv); then *nan is set. */
static NOINLINE const char *fast_value(const tdre_csv *csv, const char *p, char stop,
                                       double *v, int *nan)
{
    int neg = *p == '-';
    if (nan && p[neg] == 'n' && p[neg + 1] == 'a' && p[neg + 2] == 'n') {
        *v = csv->nan_text[neg];
        *nan = 1;
        p += neg + 3;
        if (!stop) return p;
        return *p == stop ? p + 1 : NULL;
    }
    return fast_number(p, stop, v, NULL);
}

/* A one-digit field a or b, then a comma: the byte after it, or NULL. */
static const char *fast_choice(const char *p, char a, char b, int *v)
{
    if ((p[0] != a && p[0] != b) || p[1] != ',') return NULL;
    *v = p[0] - '0';
    return p + 2;
}

/* date,itype,alt,colat,elong of a vector row at p (after isv's comma): the
 * byte after elong, or NULL. *canon is cleared unless each number is its
 * own %.17g. */
static const char *vector_inputs(const char *p, tdre_vector *v, int *canon)
{
    if (!(p = fast_input(p, ',', &v->date, canon)) || !(p = fast_choice(p, '1', '2', &v->itype)) ||
        !(p = fast_input(p, ',', &v->alt, canon)) || !(p = fast_input(p, ',', &v->colat, canon)))
        return NULL;
    return fast_input(p, '\0', &v->elong, canon);
}

/* The same in a result row, with elong's comma: the byte after it. */
static const char *result_inputs(const tdre_csv *csv, const char *p, tdre_vector *v)
{
    if (!(p = fast_value(csv, p, ',', &v->date, NULL)) || !(p = fast_choice(p, '1', '2', &v->itype)) ||
        !(p = fast_value(csv, p, ',', &v->alt, NULL)) || !(p = fast_value(csv, p, ',', &v->colat, NULL)))
        return NULL;
    return fast_value(csv, p, ',', &v->elong, NULL);
}

/* The status field, when a word the general reader would take as it is
 * (copied into status): the byte after it, or NULL. */
static const char *fast_status(const char *p, char *status)
{
    size_t n = 0;
    while (n < TDRE_STATUS_LEN - 1 && p[n] > ' ' && p[n] != 0x7f && p[n] != ',') n++;
    if (n == 0) return NULL;
    memcpy(status, p, n);
    status[n] = '\0';
    return p + n;
}

/* Past the line's end at p, eol or CRLF ('\n' never occurs in csv->line,
 * whose end is its NUL): the next line's first byte, or NULL. */
static const char *past_line_end(const char *p, char eol)
{
    if (*p == eol) return p + 1;
    return *p == '\r' && p[1] == '\n' ? p + 2 : NULL;
}

/* x,y,z,f[,status] of a result row at p (after elong's comma): the byte
 * after them, or NULL. nan only in a row whose status is not ok: the
 * general reader names the column of any other. */
static const char *fast_results(const tdre_csv *csv, const char *p, tdre_result *r)
{
    char last = csv->layout == LAYOUT_RESULT_STATUS ? ',' : '\0';
    int nan = 0;
    if (!(p = fast_value(csv, p, ',', &r->x, &nan)) || !(p = fast_value(csv, p, ',', &r->y, &nan)) ||
        !(p = fast_value(csv, p, ',', &r->z, &nan)) || !(p = fast_value(csv, p, last, &r->f, &nan)))
        return NULL;
    r->status[0] = '\0';
    if (last && !(p = fast_status(p, r->status))) return NULL;
    if (nan && strcmp(r->status[0] ? r->status : "ok", "ok") == 0) return NULL;
    return p;
}

/*
 * The usual row of a file whose header is in the standard order, read in
 * one pass over the line without splitting it: one-digit isv and itype,
 * numbers scan_decimal takes, no blanks, a status word. The line starts at
 * line and ends at eol or CRLF: csv->line (eol '\0'), or the read buffer
 * (eol '\n'), where no line of the fast road is too long (the buffer is
 * not longer than a line may be) and none has a NUL (none of its bytes is
 * a NUL, and the buffer's data is followed by one). Returns the byte after
 * the line's end; NULL for anything else, with nothing stored, so that the
 * general reader reads the same line and gives its own result or message.
 * Splitting the line and parsing each field apart cost more than the
 * evaluation of a row. *canonical: the length of the inputs' text when it
 * is as tdre_csv_format_row writes it, else 0.
 */
static const char *fast_row(const tdre_csv *csv, const char *line, char eol,
                            tdre_vector *vec, tdre_result *res, size_t *canonical)
{
    const char *p = line;
    tdre_vector v;
    tdre_result r;
    int with_x = csv->layout == LAYOUT_RESULT || csv->layout == LAYOUT_RESULT_STATUS;
    int canon = 1;
    if (res ? !with_x : csv->layout != LAYOUT_VECTOR) return NULL;
    if (!(p = fast_choice(p, '0', '1', &v.isv))) return NULL;
    *canonical = 0;
    if (!res) {
        if (!(p = vector_inputs(p, &v, &canon))) return NULL;
        *canonical = canon && p - line < TDRE_CSV_INPUTS_MAX ? (size_t)(p - line) : 0;
    } else if (!(p = result_inputs(csv, p, &v)) || !(p = fast_results(csv, p, &r))) {
        return NULL;
    }
    if (!(p = past_line_end(p, eol))) return NULL;
    if (res) *res = r;
    *vec = v;
    return p;
}

/* The next row on the fast road straight from the read buffer, when it lies
 * there whole: no copy into csv->line, no search for its end. 1 when read,
 * 0 when the general road must read it (from the same place). */
static int fast_row_in_buffer(tdre_csv *csv, tdre_vector *vec, tdre_result *res)
{
    const char *start = csv->buf + csv->pos, *next;
    size_t canonical;
    if (csv->pos >= csv->end || csv->layout == LAYOUT_OTHER ||
        !(next = fast_row(csv, start, '\n', vec, res, &canonical)))
        return 0;
    csv->row = start;
    csv->canonical_len = canonical;
    csv->pos = (size_t)(next - csv->buf);
    csv->lineno++;
    return 1;
}

/* Reads the next line that is not blank into csv->line: 1, 0 at end of
 * file, or tdre_csv_next's -1 or -2 with its message. */
static int next_line(tdre_csv *csv, char *err, size_t errlen)
{
    int r;
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
    return 1;
}

/* The status field s into res->status, or the message why not (-1). */
static int status_field(tdre_csv *csv, const char *s, tdre_result *res, char *err, size_t errlen)
{
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
    return 0;
}

/* The row in csv->line, in any column order, split into fields: 1, or -1
 * with the message naming the first bad field. */
static int general_row(tdre_csv *csv, tdre_vector *vec, tdre_result *res, char *err, size_t errlen)
{
    char *field[MAX_FIELDS];
    double *dcol[NCOLS] = { NULL };
    int n = split_fields(csv->line, field, MAX_FIELDS);
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
    if (res && csv->col_of[COL_STATUS] >= 0 &&
        status_field(csv, field[csv->col_of[COL_STATUS]], res, err, errlen) != 0)
        return -1;
    if (res && strcmp(res->status[0] ? res->status : "ok", "ok") == 0)
        for (int c = COL_X; c <= COL_F; c++)
            if (csv->col_of[c] >= 0 && isnan(*dcol[c]))
                return bad_field(csv, c, field[csv->col_of[c]], "nan in a row whose status is ok",
                                 err, errlen);
    return 1;
}

int tdre_csv_next(tdre_csv *csv, tdre_vector *vec, tdre_result *res,
                  char *err, size_t errlen)
{
    int r;
    if (fast_row_in_buffer(csv, vec, res)) return 1;
    csv->canonical_len = 0;
    if ((r = next_line(csv, err, errlen)) != 1) return r;
    csv->row = csv->line;
    if (fast_row(csv, csv->line, '\0', vec, res, &csv->canonical_len)) return 1;
    csv->canonical_len = 0;
    return general_row(csv, vec, res, err, errlen);
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
