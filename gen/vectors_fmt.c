/*
 * vectors_fmt.c: exact "%.17g" formatting by integer arithmetic.
 *
 * v = m * 2^e exactly. Its 17 significant digits are m * 10^p * 2^e for the
 * p that puts the result in [10^16, 10^17), rounded half to even as the C
 * library does in the default rounding mode. With m < 2^53 and p <= 32,
 * m * 5^p fits in 128 bits, so the digits come from one multiplication and
 * one shift; the remainder decides the rounding exactly. Values outside that
 * window (|v| above about 1e16 or below about 1e-16, subnormals, inf, nan)
 * go to snprintf, which is slower but never wrong.
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

#ifdef __SIZEOF_INT128__

typedef unsigned __int128 u128;

static const uint64_t pow10_16 = 10000000000000000u;
static const uint64_t pow10_17 = 100000000000000000u;

/* 5^0 .. 5^27, the powers that fit in 64 bits; larger ones are products. */
static const uint64_t pow5_64[28] = {
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

static u128 times_pow5(uint64_t m, int p)
{
    if (p <= 27)
        return (u128)m * pow5_64[p];
    return (u128)m * pow5_64[27] * pow5_64[p - 27];
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

/* The 17 digits of |v| (m * 2^e) and the decimal exponent X of the first. */
static int digits17(uint64_t m, int e, uint64_t *digits, int *exp10)
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
    if (cmp > 0 || (cmp == 0 && (q & 1)))
        q++;
    if (q == pow10_17) {
        q = pow10_16;
        x++;
    }
    *digits = q;
    *exp10 = x;
    return 1;
}

/* "00" .. "99": two digits per division, on 32-bit halves, which is what
 * printing long result files spends its time on. */
static const char digit_pairs[] =
    "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
    "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
    "8081828384858687888990919293949596979899";

/* The 17 decimal digits of digits (< 10^17) into d[0..16]. */
static void put_digits17(char d[SIG_DIGITS], uint64_t digits)
{
    uint32_t hi = (uint32_t)(digits / 100000000u);  /* 9 digits */
    uint32_t lo = (uint32_t)(digits % 100000000u);  /* 8 digits */
    for (int i = SIG_DIGITS - 1; i > 9; i -= 2, lo /= 100)
        memcpy(&d[i - 1], &digit_pairs[2 * (lo % 100)], 2);
    for (int i = 8; i > 0; i -= 2, hi /= 100)
        memcpy(&d[i - 1], &digit_pairs[2 * (hi % 100)], 2);
    d[0] = (char)('0' + hi);
}

static size_t put_fixed(char *out, const char *d, int len, int x)
{
    size_t n = 0;
    if (x >= 0) {
        memcpy(out, d, (size_t)x + 1);
        n = (size_t)x + 1;
        if (len > x + 1) {
            out[n++] = '.';
            memcpy(out + n, d + x + 1, (size_t)(len - x - 1));
            n += (size_t)(len - x - 1);
        }
        return n;
    }
    out[n++] = '0';
    out[n++] = '.';
    for (int i = 0; i < -x - 1; i++)
        out[n++] = '0';
    memcpy(out + n, d, (size_t)len);
    return n + (size_t)len;
}

static size_t put_exponent(char *out, const char *d, int len, int x)
{
    size_t n = 0;
    out[n++] = d[0];
    if (len > 1) {
        out[n++] = '.';
        memcpy(out + n, d + 1, (size_t)len - 1);
        n += (size_t)len - 1;
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
    uint64_t digits;
    int x;
    if (!digits17(frac | UINT64_C(1) << 52, biased - 1075, &digits, &x))
        return fmt_with_libc(buf, v);

    char d[SIG_DIGITS];
    put_digits17(d, digits);
    int len = SIG_DIGITS;
    while (len > 1 && d[len - 1] == '0')
        len--;
    if (x < -4 || x >= SIG_DIGITS)
        return n + put_exponent(buf + n, d, len, x);
    return n + put_fixed(buf + n, d, len, x);
}

#else /* no 128-bit integers: always the C library */

size_t tdre_vectors_fmt_double(char *buf, double v)
{
    return fmt_with_libc(buf, v);
}

#endif
