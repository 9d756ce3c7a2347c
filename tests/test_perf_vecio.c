/*
 * test_perf_vecio.c: the fast roads of the CSV reader and writer (issue 10)
 * against the C library: every number the reader takes without strtod must
 * be strtod's double to the bit, and a row written with the fast formatter
 * must read back to the same bits. tdre-eval's pipeline (--threads 2) must
 * write what the single thread writes.
 */
#include <check.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "tu_check.h"
#include "vecio.h"
#include "vectors_rng.h"

/* Parses each text as the date of a row through tdre_csv_next and counts
 * the ones whose double is not strtod's. */
static int parse_mismatches(char **texts, size_t n)
{
    char *buf = NULL, err[256];
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    ck_assert_ptr_nonnull(f);
    fputs("isv,date,itype,alt,colat,elong\n", f);
    for (size_t i = 0; i < n; i++)
        fprintf(f, "0,%s,1,%s,%s%s,%s\n", texts[i], texts[i],
                texts[i][0] == '-' || texts[i][0] == '+' ? "" : "-", texts[i], texts[i]);
    fclose(f);
    FILE *in = fmemopen(buf, len, "r");
    tdre_csv *csv = tdre_csv_from_stream(in, "mem", err, sizeof err);
    ck_assert_int_eq(tdre_csv_header(csv, 0, err, sizeof err), 0);
    int bad = 0;
    for (size_t i = 0; i < n; i++) {
        tdre_vector v;
        int r = tdre_csv_next(csv, &v, NULL, err, sizeof err);
        double want = strtod(texts[i], NULL), neg;
        char minus[80];
        snprintf(minus, sizeof minus, "%s%s", texts[i][0] == '-' || texts[i][0] == '+' ? "" : "-",
                 texts[i]);
        neg = strtod(minus, NULL);
        if (r != 1 || memcmp(&v.date, &want, sizeof want) != 0 ||
            memcmp(&v.alt, &want, sizeof want) != 0 || memcmp(&v.colat, &neg, sizeof neg) != 0) {
            if (bad++ < 5)
                fprintf(stderr, "parse '%s': r %d, got %.17g, strtod %.17g (%s)\n", texts[i], r,
                        v.date, want, r == 1 ? "" : err);
        }
    }
    ck_assert_int_eq(tdre_csv_next(csv, &(tdre_vector){ 0 }, NULL, err, sizeof err), 0);
    tdre_csv_close(csv);
    fclose(in);
    free(buf);
    return bad;
}

START_TEST(parse_special_cases)
{
    /* Halfway cases of the 128-bit division (x.5 in [2^52, 2^53), x.25 and
     * x.75 in [2^51, 2^52), just above and below them), Clinger's limits
     * (2^53, 10^22, 10^23), 19 and 20 digits, 27 and 28 places, exponents,
     * zeros, and forms strtod alone takes. */
    static char *texts[] = {
        "4503599627370497.5", "4503599627370498.5", "4503599627370497.4999",
        "4503599627370497.5001", "2251799813685249.25", "2251799813685249.75",
        "2251799813685250.25", "2251799813685250.75", "9007199254740993",
        "9007199254740992", "9007199254740993.0", "900719925474099.35", "1e22", "1e23",
        "1e-22", "1e-23", "1234567890123456789", "12345678901234567890",
        "0.1234567890123456789", "0.000000000000000000000000001",
        "0.0000000000000000000000000001", "1.7976931348623157e308", "2.2250738585072014e-308",
        "4.9406564584124654e-324", "0", "0.0", "-0", "+1", "1.", ".5", "1e5", "1E+05",
        "2.5e-3", "0x1p3", "inf", "nan", "1e400", "1e-400", "007", "00.0012345678901234567",
        "1957.3456789012345", "6371.2", "42199.999999999993", "179.99999999999997",
        "3.0000000000000004e-05", "99999999999999999", "0.99999999999999994",
        "1e0000000000000000000001", "1e-0000000000000000000001",
        /* ties of the division, and the carry of rounding up to 2^53 or 2^54 */
        "18014398509481986.0", "18014398509481990.0", "9007199254740995.000",
        "1125899906842624.125", "1125899906842624.375", "2251799813685248.25",
        "2251799813685248.75", "9007199254740991.5", "9007199254740991.6",
        "18014398509481983.0", "900719925474099.35e1", "9007199254740993e-0",
        "0.9007199254740993e16", "9.007199254740993", "0.0000000009007199254740993",
        "12345678.12345678", "123456781234567.8", "0.000000000000000000000000001e-3",
        /* the steps of eight digits: 7 and 8 before the point, 8, 16 and 24
         * after it, 19 and 20 digits in all, leading zeros before and after */
        "1234567.1", "12345678.1", "1234567.12345678", "1.12345678", "1.1234567812345678",
        "0.123456781234567812", "1.123456781234567812", "12.12345678123456781",
        "1234.5678901234567890", "1234567.123456781234", "1234567.1234567812345",
        "0.000000001234567812345678", "0.0012345678901234567", "00000001.5",
        "000000001.5", "0.12345678", "0.1234567812345678", "9999999.9999999999999",
        "18446744073709551615", "18446744073709551616", "1844674407370955161.5",
        "1.0000000000000000000000001", "-1234567.8765432112345", "9.9999999999999999999",
        "99.999999999999999999", "9999.9999999999999999",
    };
    size_t n = sizeof texts / sizeof texts[0];
    /* inf, nan and 1e400 are refused in a date, whichever road reads them */
    char *ok[sizeof texts / sizeof texts[0]];
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        double v = strtod(texts[i], NULL);
        if (isfinite(v))
            ok[m++] = texts[i];
    }
    ck_assert_int_eq(parse_mismatches(ok, m), 0);
}
END_TEST

START_TEST(parse_random_decimals)
{
    /* %.17g, %.15g and %.19g of random doubles over the ranges of a vector
     * file and far beyond, and random digit strings with the point and an
     * exponent anywhere. */
    enum { N = 200000 };
    char **texts = malloc(N * sizeof *texts);
    uint64_t s = 10;
    for (size_t i = 0; i < N; i++) {
        char buf[80];
        uint64_t r = tdre_rng_next(&s);
        int kind = (int)(r % 4);
        if (kind < 3) {
            double mag = ldexp(1.0, (int)(tdre_rng_next(&s) % 200) - 100);
            double v = mag * (double)(tdre_rng_next(&s) >> 11) * 0x1p-53;
            snprintf(buf, sizeof buf, kind == 0 ? "%.17g" : kind == 1 ? "%.15g" : "%.19g", v);
        } else {
            int nd = 1 + (int)(tdre_rng_next(&s) % 20), point = (int)(tdre_rng_next(&s) % (nd + 1));
            int p = 0;
            for (int d = 0; d < nd; d++) {
                if (d == point && d > 0) buf[p++] = '.';
                buf[p++] = (char)('0' + tdre_rng_next(&s) % 10);
            }
            if (tdre_rng_next(&s) % 3 == 0)
                p += snprintf(buf + p, sizeof buf - (size_t)p, "e%d", (int)(tdre_rng_next(&s) % 61) - 30);
            buf[p] = '\0';
        }
        texts[i] = strdup(buf);
    }
    ck_assert_int_eq(parse_mismatches(texts, N), 0);
    for (size_t i = 0; i < N; i++) free(texts[i]);
    free(texts);
}
END_TEST

/* Writes one row of six (or eleven) fields under a header in the standard
 * order (which the reader takes in one pass) or in order[] with blanks
 * around the fields and an ignored column (which only the general reader
 * takes). */
static void put_row(FILE *f, char *const *text, int nf, const int *order)
{
    for (int i = 0; i < nf; i++) {
        int c = order ? order[i] : i;
        if (order)
            fprintf(f, "%s %s\t,", i ? "" : "  ", text[c]);
        else
            fprintf(f, "%s%s", i ? "," : "", text[c]);
    }
    fputs(order ? " extra \n" : "\n", f);
}

static const char *const std_header[11] = {
    "isv", "date", "itype", "alt", "colat", "elong", "x", "y", "z", "f", "status"
};

/* Reads a file written by put_row: the outcome of each row. */
typedef struct { int r; tdre_vector v; tdre_result res; char err[256]; } row_read;

static void read_rows(char *buf, size_t len, int want, row_read *out, size_t n)
{
    char err[256];
    FILE *in = fmemopen(buf, len, "r");
    tdre_csv *csv = tdre_csv_from_stream(in, "mem", err, sizeof err);
    ck_assert_int_eq(tdre_csv_header(csv, want, err, sizeof err), 0);
    for (size_t i = 0; i < n; i++) {
        memset(&out[i], 0, sizeof out[i]);
        out[i].r = tdre_csv_next(csv, &out[i].v, want ? &out[i].res : NULL, out[i].err,
                                 sizeof out[i].err);
    }
    ck_assert_int_eq(tdre_csv_next(csv, &(tdre_vector){ 0 }, NULL, err, sizeof err), 0);
    tdre_csv_close(csv);
    fclose(in);
}

/* A random number as tdre-eval writes them or with odd digits, points and
 * exponents, sometimes one the fast road refuses. */
static void random_number(uint64_t *s, char *buf, size_t size)
{
    uint64_t r = tdre_rng_next(s);
    double v = ldexp((double)(tdre_rng_next(s) >> 11), (int)(r % 90) - 60);
    switch ((r >> 8) % 8) {
    case 0: snprintf(buf, size, "%d", (int)(tdre_rng_next(s) % 4000) - 2000); break;
    case 1: snprintf(buf, size, "%.19g", -v); break;
    case 2: snprintf(buf, size, "%.3e", v); break;
    case 3: snprintf(buf, size, "0.%019llu", (unsigned long long)(tdre_rng_next(s) % 10000000000000000000u)); break;
    case 4: snprintf(buf, size, "%s", r >> 40 & 1 ? "+5" : "1e400"); break;
    default: snprintf(buf, size, "%.17g", (r >> 12 & 1) ? v : -v); break;
    }
}

/* The same random rows under a standard header (one pass) and a permuted,
 * blank-padded one (the general reader) give the same bits, the same
 * return codes and the same messages but for the column of the field. */
static void check_fast_and_general(int want)
{
    enum { N = 20000 };
    int nf = want ? 11 : 6, order[11] = { 5, 3, 0, 10, 2, 9, 1, 8, 4, 7, 6 };
    int perm[11], k = 0;
    if (!want)
        for (int i = 0; i < 11; i++)
            if (order[i] < 6) perm[k++] = order[i];
    char *fast = NULL, *slow = NULL;
    size_t flen = 0, slen = 0;
    FILE *f = open_memstream(&fast, &flen), *g = open_memstream(&slow, &slen);
    put_row(f, (char **)std_header, nf, NULL);
    put_row(g, (char **)std_header, nf, want ? order : perm);
    uint64_t s = 17;
    int fast_refused = 0;
    for (size_t i = 0; i < N; i++) {
        char num[8][64], isv[4], itype[4], status[40];
        for (int c = 0; c < 8; c++) random_number(&s, num[c], sizeof num[c]);
        uint64_t r = tdre_rng_next(&s);
        snprintf(isv, sizeof isv, "%s", r % 50 == 0 ? "2" : r & 2 ? "1" : "0");
        snprintf(itype, sizeof itype, "%s", r % 53 == 0 ? "01" : r & 4 ? "2" : "1");
        snprintf(status, sizeof status, "%s", r % 20 == 1 ? "date-out-of-range" : "ok");
        if (r % 20 == 1)
            for (int c = 4; c < 8; c++) strcpy(num[c], "nan");
        char *text[11] = { isv, num[0], itype, num[1], num[2], num[3],
                           num[4], num[5], num[6], num[7], status };
        put_row(f, text, nf, NULL);
        put_row(g, text, nf, want ? order : perm);
    }
    fclose(f);
    fclose(g);
    row_read *a = malloc(N * sizeof *a), *b = malloc(N * sizeof *b);
    read_rows(fast, flen, want, a, N);
    read_rows(slow, slen, want, b, N);
    for (size_t i = 0; i < N; i++) {
        ck_assert_int_eq(a[i].r, b[i].r);
        fast_refused += a[i].r != 1;
        if (a[i].r != 1) {
            /* same message; the line numbers agree, both headers are line 1 */
            ck_assert_str_eq(a[i].err, b[i].err);
            continue;
        }
        ck_assert_int_eq(a[i].v.isv, b[i].v.isv);
        ck_assert_int_eq(a[i].v.itype, b[i].v.itype);
        ck_assert_mem_eq(&a[i].v.date, &b[i].v.date, sizeof(double));
        ck_assert_mem_eq(&a[i].v.alt, &b[i].v.alt, sizeof(double));
        ck_assert_mem_eq(&a[i].v.colat, &b[i].v.colat, sizeof(double));
        ck_assert_mem_eq(&a[i].v.elong, &b[i].v.elong, sizeof(double));
        if (want) {
            ck_assert_mem_eq(&a[i].res.x, &b[i].res.x, 4 * sizeof(double));
            ck_assert_str_eq(a[i].res.status, b[i].res.status);
        }
    }
    /* both roads were taken: some rows were refused, most were not */
    ck_assert_int_gt(fast_refused, N / 100);
    ck_assert_int_lt(fast_refused, N / 2);
    free(a);
    free(b);
    free(fast);
    free(slow);
}

START_TEST(fast_rows_as_general_rows)
{
    check_fast_and_general(_i);
}
END_TEST

/* Lines the one-pass reader must leave to the general one, each with the
 * outcome and message the general reader has always given. */
typedef struct { const char *line; int r; const char *msg; } refusal;

static void check_refusals(const char *header, int want, const refusal *t, size_t n)
{
    char *buf = NULL, err[256];
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    fprintf(f, "%s\n", header);
    for (size_t i = 0; i < n; i++) fprintf(f, "%s\n", t[i].line);
    fclose(f);
    FILE *in = fmemopen(buf, len, "r");
    tdre_csv *csv = tdre_csv_from_stream(in, "mem", err, sizeof err);
    ck_assert_int_eq(tdre_csv_header(csv, want, err, sizeof err), 0);
    for (size_t i = 0; i < n; i++) {
        tdre_vector v;
        tdre_result res;
        char want_msg[256];
        err[0] = '\0';
        int r = tdre_csv_next(csv, &v, want ? &res : NULL, err, sizeof err);
        ck_assert_msg(r == t[i].r, "line '%s': %d, not %d (%s)", t[i].line, r, t[i].r, err);
        if (r == 1) continue;
        snprintf(want_msg, sizeof want_msg, "mem:%zu: %s", i + 2, t[i].msg);
        ck_assert_str_eq(err, want_msg);
    }
    tdre_csv_close(csv);
    fclose(in);
    free(buf);
}

START_TEST(fast_road_refusals)
{
    static const refusal vec[] = {
        { "0, 2000,1,10,20,30", 1, NULL },
        { "0,2000 ,1,10,20,30\t", 1, NULL },
        { "0,nan,1,10,20,30", -1, "column 'date': not a finite number: 'nan'" },
        { "0,inf,1,10,20,30", -1, "column 'date': not a finite number: 'inf'" },
        { "0,12345678901234567890,1,10,20,30", 1, NULL },
        { "0,+2000,1,+10,20,30", 1, NULL },
        { "+0,2000,1,10,20,30", 1, NULL },
        { "2,2000,1,10,20,30", -1, "column 'isv': not 0 or 1: '2'" },
        { "00,2000,01,10,20,30", 1, NULL },
        { "0,2000,3,10,20,30", -1, "column 'itype': not 1 or 2: '3'" },
        { "0,2000,1,10,20", -1, "5 fields where the header has 6" },
        { "0,2000,1,10,20,30,40", -1, "7 fields where the header has 6" },
        { "0,2000,1,10,20,30,", -1, "7 fields where the header has 6" },
        { "0,2000,1,10,20,30\r", 1, NULL },
        { "0,2000,1,10,20,30x", -1, "column 'elong': not a finite number: '30x'" },
        { "0,2000,1,10,20,30\r\r", -1, "column 'elong': not a finite number: '30?'" },
        { "0,,1,10,20,30", -1, "column 'date': not a finite number: ''" },
        { ",2000,1,10,20,30", -1, "column 'isv': not 0 or 1: ''" },
        { "0,2000,1,10,,30", -1, "column 'colat': not a finite number: ''" },
        { "0,2000.,1,.5,-0,0x10", 1, NULL },
        { "0,1e,1,10,20,30", -1, "column 'date': not a finite number: '1e'" },
        { "0,2000,1,10,20,3 0", -1, "column 'elong': not a finite number: '3 0'" },
        { "0,-,1,10,20,30", -1, "column 'date': not a finite number: '-'" },
        { "0,.,1,10,20,30", -1, "column 'date': not a finite number: '.'" },
        { "0,2000,1,1e400,20,30", -1, "column 'alt': not a finite number: '1e400'" },
        /* the bytes next to '0' and '9' are not digits */
        { "0,2000,1,10,20,3:", -1, "column 'elong': not a finite number: '3:'" },
        { "0,20/0,1,10,20,30", -1, "column 'date': not a finite number: '20/0'" },
        { "0,2000.12345678:,1,10,20,30", -1, "column 'date': not a finite number: '2000.12345678:'" },
    };
    static const refusal res[] = {
        { "0,2000,1,10,20,30,1,2,3,4,ok", 1, NULL },
        { "0,2000,1,10,20,30,nan,2,3,4,ok", -1, "column 'x': nan in a row whose status is ok: 'nan'" },
        { "0,2000,1,10,20,30,1,2,3,-nan,ok", -1, "column 'f': nan in a row whose status is ok: '-nan'" },
        { "0,2000,1,10,20,30,nan,nan,nan,nan,date-out-of-range", 1, NULL },
        { "0,2000,1,10,20,30,1,2,3,4,", -1, "column 'status': empty or too long: ''" },
        { "0,2000,1,10,20,30,1,2,3,4,a b", -1, "column 'status': not a word (blank or control byte): 'a b'" },
        { "0,2000,1,10,20,30,1,2,3,4,0123456789012345678901234567890", 1, NULL },
        { "0,2000,1,10,20,30,1,2,3,4,01234567890123456789012345678901", -1,
          "column 'status': empty or too long: '01234567890123456789012345678901'" },
        { "0,2000,1,10,20,30,1,2,3,4,ok,x", -1, "12 fields where the header has 11" },
        { "0,2000,1,10,20,30,1,2,3,4", -1, "10 fields where the header has 11" },
        { "0,2000,1,10,20,30,1,2,3,4,ok ", 1, NULL },
        { "0,2000,1,10,20,30,1,2,3,4,\xc3\xa9", -1, "column 'status': not a word (blank or control byte): '?" "?'" },
        { "0,2000,1,10,20,30,1,2,3,4,\x7f", -1, "column 'status': not a word (blank or control byte): '?'" },
        { "0,2000,1,10,20,30,1,2,3,inf,bad", -1, "column 'f': not a finite number: 'inf'" },
        /* nan: as the writer writes it (fast road) and in other forms */
        { "0,2000,1,10,20,30,-nan,nan,-nan,nan,date-out-of-range", 1, NULL },
        { "0,2000,1,10,20,30,nan,nan,nan,nan,ok", -1, "column 'x': nan in a row whose status is ok: 'nan'" },
        { "0,2000,1,10,20,30,1,2,-nan,4,ok", -1, "column 'z': nan in a row whose status is ok: '-nan'" },
        { "0,2000,1,10,20,30,NaN,+nan,nan(1),NAN,bad", 1, NULL },
        { "0,2000,1,10,20,30,nanx,2,3,4,bad", -1, "column 'x': not a finite number: 'nanx'" },
        { "0,2000,1,10,20,30,1,2,3,-na,bad", -1, "column 'f': not a finite number: '-na'" },
        { "0,2000,1,10,20,30,1,2,3,--nan,bad", -1, "column 'f': not a finite number: '--nan'" },
        { "0,nan,1,10,20,30,1,2,3,4,bad", -1, "column 'date': not a finite number: 'nan'" },
        { "0,2000,1,10,20,-nan,1,2,3,4,bad", -1, "column 'elong': not a finite number: '-nan'" },
        { "0,2000,1,10,20,30,1,2,3,nan,", -1, "column 'status': empty or too long: ''" },
    };
    static const refusal res_no_status[] = {
        { "0,2000,1,10,20,30,1,2,3,4", 1, NULL },
        { "0,2000,1,10,20,30,1,2,nan,4", -1, "column 'z': nan in a row whose status is ok: 'nan'" },
        { "0,2000,1,10,20,30,1,2,3,-nan", -1, "column 'f': nan in a row whose status is ok: '-nan'" },
        { "0,2000,1,10,20,30,1,2,3,4\r", 1, NULL },
    };
    check_refusals("isv,date,itype,alt,colat,elong", 0, vec, sizeof vec / sizeof vec[0]);
    check_refusals("isv,date,itype,alt,colat,elong,x,y,z,f,status", 1, res, sizeof res / sizeof res[0]);
    check_refusals("isv,date,itype,alt,colat,elong,x,y,z,f", 1, res_no_status,
                   sizeof res_no_status / sizeof res_no_status[0]);
}
END_TEST

/* nan in x..f of a row whose status is not ok has strtod's bits (the sign
 * of "-nan" included) on the fast road and on the general one. */
START_TEST(nan_bits_as_strtod)
{
    static const char *const files[] = {
        "isv,date,itype,alt,colat,elong,x,y,z,f,status\n0,2000,1,10,20,30,nan,-nan,-nan,nan,no\n",
        "status,f,z,y,x,elong,colat,alt,itype,date,isv\nno, nan, -nan, -nan, nan,30,20,10,1,2000,0\n",
    };
    double pos = strtod("nan", NULL), neg = strtod("-nan", NULL);
    ck_assert(isnan(pos) && isnan(neg) && !signbit(pos) && signbit(neg));
    for (int i = 0; i < 2; i++) {
        char err[256];
        tdre_vector v;
        tdre_result r;
        FILE *in = fmemopen((void *)files[i], strlen(files[i]), "r");
        tdre_csv *csv = tdre_csv_from_stream(in, "mem", err, sizeof err);
        ck_assert_int_eq(tdre_csv_header(csv, 1, err, sizeof err), 0);
        ck_assert_int_eq(tdre_csv_next(csv, &v, &r, err, sizeof err), 1);
        ck_assert_mem_eq(&r.x, &pos, sizeof pos);
        ck_assert_mem_eq(&r.y, &neg, sizeof neg);
        ck_assert_mem_eq(&r.z, &neg, sizeof neg);
        ck_assert_mem_eq(&r.f, &pos, sizeof pos);
        ck_assert_str_eq(r.status, "no");
        tdre_csv_close(csv);
        fclose(in);
    }
}
END_TEST

/* The reader's block (READ_CHUNK in vecio.c): rows are read from it in
 * place when they lie in it whole. */
#define BLOCK 65536

/* A file of header and filler rows (prefix, zeros, suffix: 10^j as their
 * last input, j <= 16) up to byte start, then the rows in tail. The zeros
 * make up the length, so that tail starts exactly at start. */
static char *file_with_tail_at(const char *header, const char *prefix, const char *suffix,
                               size_t start, const char *tail, size_t tail_len, size_t *len,
                               size_t *filler)
{
    size_t base = strlen(prefix) + 1 + strlen(suffix), rest = start - strlen(header);
    size_t rows = rest / base, extra = rest % base;
    char *buf = NULL;
    FILE *f = open_memstream(&buf, len);
    ck_assert_uint_ge(rows * 16, extra);
    fputs(header, f);
    for (size_t i = 0; i < rows; i++) {
        size_t zeros = extra < 16 ? extra : 16;
        extra -= zeros;
        fprintf(f, "%s1%.*s%s", prefix, (int)zeros, "0000000000000000", suffix);
    }
    ck_assert_uint_eq((size_t)ftell(f), start);
    fwrite(tail, 1, tail_len, f);
    *filler = rows;
    fclose(f);
    return buf;
}

/* The fields of a row's text, split at commas (at most 16 of 47 bytes). */
static int split_copy(const char *line, char field[16][48])
{
    int n = 0;
    size_t k = 0;
    for (const char *c = line; ; c++) {
        if (*c == ',' || *c == '\0' || *c == '\r' || *c == '\n') {
            field[n++][k] = '\0';
            k = 0;
            if (*c != ',') return n;
        } else {
            field[n][k++] = *c;
        }
    }
}

/* The row read (r, v, res) is what line says, each number strtod's bits. */
static void check_row_is(const char *line, int r, const tdre_vector *v, const tdre_result *res,
                         int want)
{
    char field[16][48];
    int n = split_copy(line, field);
    const double got[8] = { v->date, v->alt, v->colat, v->elong,
                            want ? res->x : 0, want ? res->y : 0, want ? res->z : 0,
                            want ? res->f : 0 };
    static const int col[8] = { 1, 3, 4, 5, 6, 7, 8, 9 };
    ck_assert_msg(r == 1, "row '%s' not read", line);
    ck_assert_int_eq(n, want ? 11 : 6);
    ck_assert_int_eq(v->isv, atoi(field[0]));
    ck_assert_int_eq(v->itype, atoi(field[2]));
    for (int k = 0; k < (want ? 8 : 4); k++) {
        double d = strtod(field[col[k]], NULL);
        ck_assert_msg(memcmp(&got[k], &d, sizeof d) == 0, "row '%s', field %d: %.17g, not %.17g",
                      line, col[k], got[k], d);
    }
    if (want) ck_assert_str_eq(res->status, field[10]);
}

/* True when each of the inputs of a vector row is printf's %.17g of itself. */
static int inputs_written_back(const char *line)
{
    char field[16][48], back[64];
    split_copy(line, field);
    for (int k = 1; k < 6; k += k == 1 ? 2 : 1) {
        snprintf(back, sizeof back, "%.17g", strtod(field[k], NULL));
        if (strcmp(back, field[k]) != 0) return 0;
    }
    return 1;
}

/*
 * A row whose bytes straddle the end of the reader's first block, at every
 * place from its first byte to after its line end, and the row after it:
 * the same values, line numbers and (in a vector file) claim of being
 * written back as anywhere else; a CR at the block's end and its LF in the
 * next block is one line end.
 */
static void check_rows_across_block(int want, const char *row, const char *eol)
{
    const char *header = want ? "isv,date,itype,alt,colat,elong,x,y,z,f,status\n"
                              : "isv,date,itype,alt,colat,elong\n";
    const char *suffix = want ? ",1,2,3,4,ok\n" : "\n";
    const char *after = want ? "1,2001.5,2,6371.25,90,-0.5,1,2,3,4,ok" : "1,2001.5,2,6371.25,90,-0.5";
    char tail[512];
    int tail_len = snprintf(tail, sizeof tail, "%s%s\n%s\n", row, eol, after);
    size_t row_len = strlen(row) + strlen(eol);
    for (size_t back = 0; back <= row_len + 1; back++) {
        char err[256];
        size_t len, filler;
        char *buf = file_with_tail_at(header, "0,2000,1,10,20,", suffix, BLOCK - back, tail,
                                      (size_t)tail_len, &len, &filler);
        FILE *in = fmemopen(buf, len, "r");
        tdre_csv *csv = tdre_csv_from_stream(in, "mem", err, sizeof err);
        tdre_vector v;
        tdre_result res;
        int r;
        ck_assert_int_eq(tdre_csv_header(csv, want, err, sizeof err), 0);
        for (size_t i = 0; i < filler; i++)
            ck_assert_int_eq(tdre_csv_next(csv, &v, want ? &res : NULL, err, sizeof err), 1);
        r = tdre_csv_next(csv, &v, want ? &res : NULL, err, sizeof err);
        ck_assert_msg(r == 1, "block end %zu bytes into the row: %s", back, err);
        ck_assert_int_eq(tdre_csv_line(csv), (long)filler + 2);
        check_row_is(row, r, &v, &res, want);
        if (!want) {
            const char *copy;
            size_t clen = tdre_csv_canonical_inputs(csv, &copy);
            char copied[TDRE_CSV_INPUTS_MAX];
            ck_assert_uint_eq(clen, inputs_written_back(row) ? strlen(row) : 0);
            if (clen) memcpy(copied, copy, sizeof copied);      /* as callers may */
            ck_assert(memcmp(copy, row, clen) == 0);
        }
        long line = tdre_csv_line(csv);
        r = tdre_csv_next(csv, &v, want ? &res : NULL, err, sizeof err);
        check_row_is(after, r, &v, &res, want);
        ck_assert_int_eq(tdre_csv_line(csv), line + 1);
        ck_assert_int_eq(tdre_csv_next(csv, &v, want ? &res : NULL, err, sizeof err), 0);
        tdre_csv_close(csv);
        fclose(in);
        free(buf);
    }
}

START_TEST(rows_across_block_end)
{
    static const char *const vec[] = {
        "1,1904.1758246691431,2,558.41004210773963,136.61891088274035,-179.87697210379883",
        "0,2017.2727272727273,1,91,120,-132",
        "0,1957.3456789012345,1,12345678.5,0.00012345678901234567,1e3",
    };
    static const char *const res[] = {
        "0,1904.1758246691431,1,558.41004210773963,136.61891088274035,354.87697210379883,"
        "-12345.678901234567,2345.6789012345678,-45678.901234567893,47000.123456789012,ok",
        "1,1800,1,-10,0,-180,nan,-nan,nan,nan,date-out-of-range",
    };
    for (size_t i = 0; i < sizeof vec / sizeof vec[0]; i++) {
        check_rows_across_block(0, vec[i], "");
        check_rows_across_block(0, vec[i], "\r");
    }
    for (size_t i = 0; i < sizeof res / sizeof res[0]; i++) {
        check_rows_across_block(1, res[i], "");
        check_rows_across_block(1, res[i], "\r");
    }
}
END_TEST

/*
 * The last line of a file without a line end, in a second block shorter
 * than the first: the bytes after it in the reader's buffer are the first
 * block's, which here continue the line's last number ("3" then "0\n" of
 * an older row). Its value is 3.
 */
START_TEST(last_line_in_short_block)
{
    const char *header = "isv,date,itype,alt,colat,elong\n", *row = "0,2000,1,1,2,30\n";
    size_t hlen = strlen(header), rlen = strlen(row), len = 0;
    char *buf = NULL, err[256];
    FILE *f = open_memstream(&buf, &len);
    fputs(header, f);
    /* rows of 16 bytes, which divides the block: a byte of the second
     * block has the place in its row of the byte of the first one that the
     * buffer held at the same place */
    while ((size_t)ftell(f) < BLOCK + 1600)
        fputs(row, f);
    fwrite(row, 1, 14, f);                  /* "0,2000,1,1,2,3", no line end */
    fclose(f);
    ck_assert_uint_eq(rlen, 16);
    ck_assert(buf[len - BLOCK] == '0' && buf[len - BLOCK + 1] == '\n');
    FILE *in = fmemopen(buf, len, "r");
    tdre_csv *csv = tdre_csv_from_stream(in, "mem", err, sizeof err);
    tdre_vector v;
    long rows = 0;
    ck_assert_int_eq(tdre_csv_header(csv, 0, err, sizeof err), 0);
    while (tdre_csv_next(csv, &v, NULL, err, sizeof err) == 1) {
        rows++;
        ck_assert(v.alt == 1.0 && v.colat == 2.0);
    }
    ck_assert_uint_eq((size_t)rows, (len - hlen) / rlen + 1);
    ck_assert(v.elong == 3.0);
    tdre_csv_close(csv);
    fclose(in);
    free(buf);
}
END_TEST

/* A NUL byte anywhere in a row, also in the reader's block where the row
 * is read in place, refuses the line with the message it always had; the
 * next row is read. */
START_TEST(nul_bytes_refused)
{
    static const struct { const char *text; size_t len; int want; } rows[] = {
#define ROW(s, w) { s, sizeof s - 1, w }
        ROW("0,2000,1,10,20,30\0\n", 0),        ROW("0,2000,1,10,20,30\0\r\n", 0),
        ROW("0,2000,1,10,20,3\0" "0\n", 0),     ROW("\0" "0,2000,1,10,20,30\n", 0),
        ROW("0,2000,1,10,20,30\r\0\n", 0),      ROW("0,2000,1,1\0" "0,20,30\n", 0),
        ROW("0,2000,1,10,20,30,1,2,3,4,ok\0\n", 1), ROW("0,2000,1,10,20,30,1,2,3,4,o\0k\n", 1),
        ROW("0,2000,1,10,20,30,nan\0,nan,nan,nan,no\n", 1),
        ROW("0,2000,1,10,20,30,1,2,3,4\0,ok\n", 1),
#undef ROW
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        const char *header = rows[i].want ? "isv,date,itype,alt,colat,elong,x,y,z,f,status\n"
                                          : "isv,date,itype,alt,colat,elong\n";
        const char *good = rows[i].want ? "1,2001.5,2,6371.25,90,-0.5,1,2,3,4,ok\n"
                                        : "1,2001.5,2,6371.25,90,-0.5\n";
        char buf[512], err[256];
        size_t len = 0;
        tdre_vector v;
        tdre_result res;
        /* a good row, the bad one, a good one: the bad one in the block */
        len += (size_t)snprintf(buf, sizeof buf, "%s%s", header, good);
        memcpy(buf + len, rows[i].text, rows[i].len);
        len += rows[i].len;
        len += (size_t)snprintf(buf + len, sizeof buf - len, "%s", good);
        FILE *in = fmemopen(buf, len, "r");
        tdre_csv *csv = tdre_csv_from_stream(in, "mem", err, sizeof err);
        ck_assert_int_eq(tdre_csv_header(csv, rows[i].want, err, sizeof err), 0);
        ck_assert_int_eq(tdre_csv_next(csv, &v, rows[i].want ? &res : NULL, err, sizeof err), 1);
        ck_assert_int_eq(tdre_csv_next(csv, &v, rows[i].want ? &res : NULL, err, sizeof err), -1);
        ck_assert_str_eq(err, "mem:3: NUL byte in the line");
        ck_assert_int_eq(tdre_csv_next(csv, &v, rows[i].want ? &res : NULL, err, sizeof err), 1);
        ck_assert_int_eq(tdre_csv_line(csv), 4);
        ck_assert(v.elong == -0.5);
        tdre_csv_close(csv);
        fclose(in);
    }
}
END_TEST

/* Rows read from the reader's line buffer (after a blank line) of every
 * length around its first sizes, their last number ending the line: read
 * as anywhere else (a memory checker sees the reads eight bytes at a time
 * stay within the buffer). */
START_TEST(rows_at_line_buffer_end)
{
    for (int want = 0; want < 2; want++)
        for (int n = 1; n < 560; n++) {
            char *buf = NULL, row[700], err[256];
            size_t len = 0;
            tdre_vector v;
            tdre_result res;
            snprintf(row, sizeof row, "0,2000,1,10,20,%s%.*s%s1.5%s", n > 300 ? "0000" : "", n % 300,
                     "0000000000000000000000000000000000000000000000000000000000000000000000000000"
                     "0000000000000000000000000000000000000000000000000000000000000000000000000000"
                     "0000000000000000000000000000000000000000000000000000000000000000000000000000"
                     "000000000000000000000000000000000000000000000000000000000000000000000000000",
                     n > 300 ? "0000" : "", want ? ",1,2,3,2.5,n" : "");
            FILE *f = open_memstream(&buf, &len);
            fprintf(f, "%s\n\n%s\n", want ? "isv,date,itype,alt,colat,elong,x,y,z,f,status"
                                          : "isv,date,itype,alt,colat,elong", row);
            fclose(f);
            FILE *in = fmemopen(buf, len, "r");
            tdre_csv *csv = tdre_csv_from_stream(in, "mem", err, sizeof err);
            ck_assert_int_eq(tdre_csv_header(csv, want, err, sizeof err), 0);
            int r = tdre_csv_next(csv, &v, want ? &res : NULL, err, sizeof err);
            ck_assert_msg(r == 1, "row of %zu bytes: %s", strlen(row), err);
            ck_assert(v.elong == 1.5);
            ck_assert(!want || res.f == 2.5);
            tdre_csv_close(csv);
            fclose(in);
            free(buf);
        }
}
END_TEST

START_TEST(write_reads_back)
{
    /* A written row reads back to the same bits, nan included. */
    char *buf = NULL, err[256];
    size_t len = 0;
    uint64_t s = 3;
    enum { N = 20000 };
    static tdre_vector v[N];
    static tdre_result r[N];
    FILE *f = open_memstream(&buf, &len);
    tdre_csv_write_header(f, 1);
    for (size_t i = 0; i < N; i++) {
        double x[8];
        for (int k = 0; k < 8; k++) {
            uint64_t bits = tdre_rng_next(&s) & ~(UINT64_C(0x7ff) << 52);
            bits |= (uint64_t)(1023 - 40 + (int)(tdre_rng_next(&s) % 80)) << 52;
            memcpy(&x[k], &bits, sizeof bits);
        }
        v[i] = (tdre_vector){ (int)(i & 1), x[0], 1 + (int)(i % 3 == 0), x[1], x[2], x[3] };
        r[i] = (tdre_result){ x[4], x[5], x[6], x[7], "ok" };
        if (i % 7 == 0) {
            r[i].x = r[i].y = r[i].z = r[i].f = NAN;
            strcpy(r[i].status, "date-out-of-range");
        }
        tdre_csv_write_row(f, &v[i], &r[i], 1);
    }
    fclose(f);
    FILE *in = fmemopen(buf, len, "r");
    tdre_csv *csv = tdre_csv_from_stream(in, "mem", err, sizeof err);
    ck_assert_int_eq(tdre_csv_header(csv, 1, err, sizeof err), 0);
    for (size_t i = 0; i < N; i++) {
        tdre_vector bv;
        tdre_result br;
        ck_assert_int_eq(tdre_csv_next(csv, &bv, &br, err, sizeof err), 1);
        ck_assert_int_eq(bv.isv, v[i].isv);
        ck_assert_int_eq(bv.itype, v[i].itype);
        ck_assert_mem_eq(&bv.date, &v[i].date, sizeof(double));
        ck_assert_mem_eq(&bv.alt, &v[i].alt, sizeof(double));
        ck_assert_mem_eq(&bv.colat, &v[i].colat, sizeof(double));
        ck_assert_mem_eq(&bv.elong, &v[i].elong, sizeof(double));
        ck_assert_str_eq(br.status, r[i].status);
        if (isnan(r[i].x)) {
            ck_assert(isnan(br.x) && isnan(br.f));
        } else {
            ck_assert_mem_eq(&br.x, &r[i].x, sizeof(double));
            ck_assert_mem_eq(&br.f, &r[i].f, sizeof(double));
        }
    }
    tdre_csv_close(csv);
    fclose(in);
    free(buf);
}
END_TEST

/* tdre-eval with the pipeline writes the bytes one thread writes, and the
 * same messages, over a file with malformed rows among many batches. */
START_TEST(eval_pipeline_same_output)
{
    const char *bin = tu_env_dir("TDRE_BIN"), *dir = tu_tmpdir();
    char eval[4096], in[4096], out1[4096], out2[4096], err1[4096], err2[4096];
    tu_path(eval, sizeof eval, bin, "tdre-eval");
    tu_path(in, sizeof in, dir, "in.csv");
    tu_path(out1, sizeof out1, dir, "out1.csv");
    tu_path(out2, sizeof out2, dir, "out2.csv");
    tu_path(err1, sizeof err1, dir, "err1.txt");
    tu_path(err2, sizeof err2, dir, "err2.txt");
    FILE *f = fopen(in, "w");
    uint64_t s = 5;
    fputs("isv,date,itype,alt,colat,elong\n", f);
    for (int i = 0; i < 30000; i++) {
        if (i % 4999 == 17)
            fputs("0,2000,1,bad,10,10\n", f);
        fprintf(f, "%d,%.17g,%d,%.17g,%.17g,%.17g\n", (int)(tdre_rng_next(&s) & 1),
                1890.0 + 140.0 * (double)(tdre_rng_next(&s) >> 11) * 0x1p-53,
                1 + (int)(tdre_rng_next(&s) & 1), 500.0 * (double)(tdre_rng_next(&s) >> 11) * 0x1p-53,
                180.0 * (double)(tdre_rng_next(&s) >> 11) * 0x1p-53,
                360.0 * (double)(tdre_rng_next(&s) >> 11) * 0x1p-53);
    }
    fclose(f);
    const char *impls[] = { "phase2", "oracle" };
    for (int k = 0; k < 2; k++) {
        char *argv1[] = { eval, "--impl", (char *)impls[k], "--threads", "1", in, NULL };
        char *argv2[] = { eval, "--impl", (char *)impls[k], "--threads", "2", in, NULL };
        ck_assert_int_eq(tu_run(argv1, NULL, out1, err1), 1);
        ck_assert_int_eq(tu_run(argv2, NULL, out2, err2), 1);
        size_t l1, l2, e1, e2;
        char *a = tu_slurp(out1, &l1), *b = tu_slurp(out2, &l2);
        char *c = tu_slurp(err1, &e1), *d = tu_slurp(err2, &e2);
        ck_assert_uint_gt(l1, 30000 * 20);
        ck_assert_uint_eq(l1, l2);
        ck_assert(memcmp(a, b, l1) == 0);
        ck_assert_uint_eq(e1, e2);
        ck_assert(memcmp(c, d, e1) == 0);
        ck_assert_ptr_nonnull(strstr(c, "in.csv:19: column 'alt'"));
        free(a);
        free(b);
        free(c);
        free(d);
    }
}
END_TEST

/* A bad --threads is a usage error, named. */
START_TEST(eval_threads_option)
{
    const char *bin = tu_env_dir("TDRE_BIN"), *dir = tu_tmpdir();
    char eval[4096], out[4096], errp[4096];
    tu_path(eval, sizeof eval, bin, "tdre-eval");
    tu_path(out, sizeof out, dir, "t.out");
    tu_path(errp, sizeof errp, dir, "t.err");
    const char *bad[] = { "0", "65", "x", "" };
    for (int k = 0; k < 4; k++) {
        char *argv[] = { eval, "--impl", "phase2", "--threads", (char *)bad[k], NULL };
        ck_assert_int_eq(tu_run(argv, NULL, out, errp), 2);
        size_t n;
        char *msg = tu_slurp(errp, &n);
        ck_assert_ptr_nonnull(strstr(msg, "--threads takes an integer 1..64"));
        free(msg);
    }
}
END_TEST

int main(void)
{
    Suite *s = suite_create("perf_vecio");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 300);
    tcase_add_test(tc, parse_special_cases);
    tcase_add_test(tc, parse_random_decimals);
    tcase_add_loop_test(tc, fast_rows_as_general_rows, 0, 2);
    tcase_add_test(tc, fast_road_refusals);
    tcase_add_test(tc, nan_bits_as_strtod);
    tcase_add_test(tc, rows_across_block_end);
    tcase_add_test(tc, last_line_in_short_block);
    tcase_add_test(tc, nul_bytes_refused);
    tcase_add_test(tc, rows_at_line_buffer_end);
    tcase_add_test(tc, write_reads_back);
    tcase_add_test(tc, eval_pipeline_same_output);
    tcase_add_test(tc, eval_threads_option);
    suite_add_tcase(s, tc);
    return tu_check_run(s);
}
