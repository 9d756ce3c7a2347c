/*
 * vectors_fmt.c: exact "%.17g" formatting by integer arithmetic.
 *
 * v = m * 2^e exactly. Its 17 significant digits are m * 10^p * 2^e for the
 * p that puts the result in [10^16, 10^17), rounded half to even as the C
 * library does in the default rounding mode. With m < 2^53 and p <= 27,
 * m * 5^p is one 64-bit by 64-bit multiplication, and the bits shifted out
 * decide the rounding exactly: that covers |v| from about 1e-11 to 1e16,
 * where every number of the harness lives, in one pass without a retry.
 * Up to p = 32 the same holds with two multiplications (the general road,
 * which may guess the decimal exponent twice). Values outside that
 * (|v| above about 1e16 or below about 1e-16, subnormals, inf, nan) go to
 * snprintf, which is slower but never wrong.
 */
#include "vectors_fmt.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define SIG_DIGITS 17
#define MAX_POW5 32

static size_t fmt_with_libc(char *buf, double v)
{
    char tmp[TDRE_VECTORS_FMT_MAX + 8];
    int n = snprintf(tmp, sizeof tmp, "%.17g", v);
    memcpy(buf, tmp, (size_t)n);
    return (size_t)n;
}

const uint64_t tdre_pow5[28] = {
    UINT64_C(1), UINT64_C(5), UINT64_C(25), UINT64_C(125), UINT64_C(625),
    UINT64_C(3125), UINT64_C(15625), UINT64_C(78125), UINT64_C(390625),
    UINT64_C(1953125), UINT64_C(9765625), UINT64_C(48828125), UINT64_C(244140625),
    UINT64_C(1220703125), UINT64_C(6103515625), UINT64_C(30517578125),
    UINT64_C(152587890625), UINT64_C(762939453125), UINT64_C(3814697265625),
    UINT64_C(19073486328125), UINT64_C(95367431640625), UINT64_C(476837158203125),
    UINT64_C(2384185791015625), UINT64_C(11920928955078125),
    UINT64_C(59604644775390625), UINT64_C(298023223876953125),
    UINT64_C(1490116119384765625), UINT64_C(7450580596923828125)
};

#ifdef __SIZEOF_INT128__

typedef unsigned __int128 u128;

static const uint64_t pow10_16 = 10000000000000000u;
static const uint64_t pow10_17 = 100000000000000000u;


/* The one-multiplication window: decimal exponents of the first digit. */
#define FAST_X_MIN (SIG_DIGITS - 1 - 27)
#define FAST_X_MAX (SIG_DIGITS - 1)

/* 10^k as doubles for k = FAST_X_MIN .. FAST_X_MAX + 1. Exact for k >= 0;
 * for k < 0 a comparison with the nearest double can only be wrong when v
 * is that double, and then the digits land outside [10^16, 10^17), which
 * is checked: the general road takes over. */
static const double pow10_fast[FAST_X_MAX - FAST_X_MIN + 2] = {
    1e-11, 1e-10, 1e-9, 1e-8, 1e-7, 1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1,
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12,
    1e13, 1e14, 1e15, 1e16, 1e17
};

static u128 times_pow5(uint64_t m, int p)
{
    if (p <= 27)
        return (u128)m * tdre_pow5[p];
    return (u128)m * tdre_pow5[27] * tdre_pow5[p - 27];
}

/* floor(k * log10(2)) for |k| < 1500, in integers. */
static int floor_log10_pow2(int k)
{
    long t = (long)k * 78913L;
    return (int)(t >= 0 ? t / 262144L : -((-t + 262143L) / 262144L));
}

/* m * 10^p * 2^e split into its integer part *q and what decides rounding:
 * *cmp_half < 0, == 0, > 0 as the fraction is below, at, above one half.
 * Returns 0 when the numbers leave the 128-bit window. */
static int scale(uint64_t m, int e, int p, uint64_t *q, int *cmp_half)
{
    if (p < 0 || p > MAX_POW5)
        return 0;
    u128 full = times_pow5(m, p);
    int sh = p + e;
    if (sh >= 0) {
        if (sh >= 64 || (full >> (127 - sh)) != 0)
            return 0;
        full <<= sh;
        if (full >> 64)
            return 0;
        *q = (uint64_t)full;
        *cmp_half = -1;
        return 1;
    }
    int s = -sh;
    if (s >= 127)
        return 0;
    u128 quot = full >> s;
    if (quot >> 64)
        return 0;
    u128 rem = full - (quot << s);
    u128 half = (u128)1 << (s - 1);
    *q = (uint64_t)quot;
    *cmp_half = rem < half ? -1 : rem > half ? 1 : 0;
    return 1;
}

/* Rounds q half to even by the fraction's comparison with one half and
 * carries 10^17 over into the exponent. */
static void round_digits(uint64_t *q, int cmp_half, int *exp10)
{
    if (cmp_half > 0 || (cmp_half == 0 && (*q & 1)))
        ++*q;
    if (*q == pow10_17) {
        *q = pow10_16;
        ++*exp10;
    }
}

/* The general road: the 17 digits of |v| (m * 2^e) and the decimal exponent
 * of the first, guessing the exponent from the binary one and correcting. */
static int digits17_general(uint64_t m, int e, uint64_t *digits, int *exp10)
{
    int x = floor_log10_pow2(e + 52);
    uint64_t q;
    int cmp;
    for (int tries = 0; tries < 3; tries++) {
        if (!scale(m, e, SIG_DIGITS - 1 - x, &q, &cmp))
            return 0;
        if (q >= pow10_17)
            x++;
        else if (q < pow10_16)
            x--;
        else
            break;
    }
    if (q < pow10_16 || q >= pow10_17)
        return 0;
    round_digits(&q, cmp, &x);
    *digits = q;
    *exp10 = x;
    return 1;
}

/*
 * The fast road for |v| = av in [10^FAST_X_MIN, 10^(FAST_X_MAX + 1)): the
 * decimal exponent by one comparison, then one multiplication and a shift
 * below 64 bits. 0 sends v to the general road.
 */
static int digits17_fast(double av, uint64_t m, int e, uint64_t *digits, int *exp10)
{
    int x = floor_log10_pow2(e + 52);     /* x or x - 1 of av */
    if (x < FAST_X_MIN || x > FAST_X_MAX)
        return 0;
    x += av >= pow10_fast[x + 1 - FAST_X_MIN];
    int p = SIG_DIGITS - 1 - x, s = -(p + e);
    if (p < 0 || s <= 0 || s >= 64)
        return 0;
    u128 full = (u128)m * tdre_pow5[p];
    uint64_t hi = (uint64_t)(full >> 64), lo = (uint64_t)full;
    if (hi >> s)
        return 0;
    uint64_t q = hi << (64 - s) | lo >> s;
    uint64_t rem = lo & ((UINT64_C(1) << s) - 1), half = UINT64_C(1) << (s - 1);
    if (q < pow10_16 || q >= pow10_17)
        return 0;
    round_digits(&q, (rem > half) - (rem < half), &x);
    *digits = q;
    *exp10 = x;
    return 1;
}

/*
 * n < 10^8 as eight digits, first digit in the lowest byte, without the
 * '0' added: the halves, quarters and digits are split in parallel lanes
 * of one 64-bit word (each division by a multiplication whose error stays
 * below the remainder's gap at these sizes: lanes are independent, and
 * test_vectors_units puts every 4-digit group in each of them).
 */
static inline uint64_t digits8(uint32_t n)
{
    uint64_t w = n / 10000u | (uint64_t)(n % 10000u) << 32;
    uint64_t hundreds = (w * 10486u) >> 20 & UINT64_C(0x0000007F0000007F);
    w = hundreds | (w - hundreds * 100u) << 16;
    uint64_t tens = (w * 103u) >> 10 & UINT64_C(0x000F000F000F000F);
    return tens | (w - tens * 10u) << 8;
}

/* The 17 digits of a number: the first as a character, the other 16 as
 * two words of eight characters (first one in the lowest byte), and how
 * many are left when trailing zeros are dropped (at least 1). They stay in
 * registers until each lands where its layout puts it: writing them to a
 * buffer and reading them back at another offset stalls the processor
 * (a load that spans several recent stores cannot be forwarded). */
typedef struct {
    char first;
    uint64_t a, b;
    int len;
} digits17;

static digits17 split_digits17(uint64_t q)
{
    static const uint64_t ascii = UINT64_C(0x3030303030303030);
    uint64_t first = q / pow10_16, rest = q - first * pow10_16;
    uint64_t a = digits8((uint32_t)(rest / 100000000u));
    uint64_t b = digits8((uint32_t)(rest % 100000000u));
    digits17 d = { (char)('0' + first), a + ascii, b + ascii, 1 };
    /* Trailing zero digits are the zero bytes at the top of a lane word. */
    if (b)
        d.len = SIG_DIGITS - __builtin_clzll(b) / 8;
    else if (a)
        d.len = SIG_DIGITS - 8 - __builtin_clzll(a) / 8;
    return d;
}

/* Eight characters at p, the lowest byte first on any byte order. */
static void store8(char *p, uint64_t w)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    w = __builtin_bswap64(w);
#endif
    memcpy(p, &w, 8);
}

/* All 17 digits from out[0] on. */
static void store_digits(char *out, const digits17 *d)
{
    out[0] = d->first;
    store8(out + 1, d->a);
    store8(out + 9, d->b);
}

/* w with a point as its byte j (0..7): the bytes from j on move up one and
 * the top one falls out (the caller writes it next). */
static uint64_t insert_point(uint64_t w, int j)
{
    uint64_t below = (UINT64_C(1) << (8 * j)) - 1;
    uint64_t above = (~UINT64_C(0) << (8 * j)) << 8;
    return (w & below) | (uint64_t)'.' << (8 * j) | ((w << 8) & above);
}

/*
 * %g's layouts. Each writes whole words past the end of its text (never
 * past TDRE_VECTORS_FMT_MAX): stores of a constant size are a few moves,
 * where a copy of a variable size would be a call into the C library.
 */
static size_t put_fixed(char *out, const digits17 *d, int x)
{
    int point = x + 1;              /* digits before the point */
    if (x < 0) {
        memcpy(out, "0.000000", 8);
        store_digits(out + 1 - x, d);
        return (size_t)(1 - x + d->len);
    }
    if (d->len <= point) {
        store_digits(out, d);
        return (size_t)point;
    }
    out[0] = d->first;
    if (point <= 8) {
        store8(out + 1, insert_point(d->a, point - 1));
        store8(out + 9, d->a >> 56 | d->b << 8);
    } else {
        store8(out + 1, d->a);
        store8(out + 9, insert_point(d->b, point - 9));
    }
    out[17] = (char)(d->b >> 56);
    return (size_t)d->len + 1;
}

static size_t put_exponent(char *out, const digits17 *d, int x)
{
    size_t n = 1;
    out[0] = d->first;
    if (d->len > 1) {
        out[1] = '.';
        store8(out + 2, d->a);
        store8(out + 10, d->b);
        n = (size_t)d->len + 1;
    }
    out[n++] = 'e';
    out[n++] = x < 0 ? '-' : '+';
    int ax = x < 0 ? -x : x;
    if (ax >= 100)
        out[n++] = (char)('0' + ax / 100);
    out[n++] = (char)('0' + ax / 10 % 10);
    out[n++] = (char)('0' + ax % 10);
    return n;
}

size_t tdre_vectors_fmt_double(char *buf, double v)
{
    uint64_t bits;
    memcpy(&bits, &v, sizeof bits);
    int biased = (int)(bits >> 52 & 0x7ff);
    uint64_t frac = bits & ((UINT64_C(1) << 52) - 1);
    size_t n = 0;

    if (biased == 0x7ff || (biased == 0 && frac != 0))
        return fmt_with_libc(buf, v);
    if (bits >> 63)
        buf[n++] = '-';
    if (biased == 0) {
        buf[n++] = '0';
        return n;
    }
    uint64_t m = frac | UINT64_C(1) << 52, q;
    int e = biased - 1075, x;
    if (!digits17_fast(v < 0 ? -v : v, m, e, &q, &x) && !digits17_general(m, e, &q, &x))
        return fmt_with_libc(buf, v);

    digits17 d = split_digits17(q);
    if (x < -4 || x >= SIG_DIGITS)
        return n + put_exponent(buf + n, &d, x);
    return n + put_fixed(buf + n, &d, x);
}

#else /* no 128-bit integers: always the C library */

size_t tdre_vectors_fmt_double(char *buf, double v)
{
    return fmt_with_libc(buf, v);
}

#endif
