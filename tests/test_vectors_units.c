/*
 * test_vectors_units.c: the generator's two building blocks against
 * references outside it: the number formatter against the C library's
 * printf("%.17g"), the random stream against splitmix64's published outputs.
 */
#include <check.h>
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vectors_fmt.h"
#include "vectors_rng.h"
#include "tu_check.h"

/* Compares one value; returns 1 when it differs (and reports the first few). */
static int differs(double v)
{
    static int reported;
    char ours[TDRE_VECTORS_FMT_MAX + 16], libc[64];
    /* Bytes past the room the formatter may use must stay as they were. */
    memset(ours, '#', sizeof ours);
    size_t n = tdre_vectors_fmt_double(ours, v);
    int overrun = 0;
    for (size_t i = TDRE_VECTORS_FMT_MAX; i < sizeof ours; i++)
        overrun |= ours[i] != '#';
    ours[n] = '\0';
    snprintf(libc, sizeof libc, "%.17g", v);
    if (strcmp(ours, libc) == 0 && !overrun)
        return 0;
    if (reported++ < 5)
        fprintf(stderr, "fmt: ours '%s', printf '%s'\n", ours, libc);
    return 1;
}

START_TEST(fmt_special_values)
{
    /* Zeros, the switch to exponent form at 1e-5 and 1e17, halfway cases
     * (…456.25 must round to even …456.2, …456.75 to …456.8), carries
     * (9.99…), extremes and the generator's own edge values. */
    static const double values[] = {
        0.0, 1.0, 0.1, 0.5, 1e-4, 1e-5, 9.9999999999999995e-5, 0.00010000000000000001,
        1e15, 1e16, 1e16 - 2, 1e17, 99999999999999999.0, 123456789012345678.0,
        1234567890123456.25, 1234567890123456.75, 9007199254740993.0,
        0.99999999999999989, 9.9999999999999982, 1e-300, 4.9406564584124654e-324,
        2.2250738585072014e-308, DBL_MAX, 1995.0 - 1e-9, 2020.0001, 1899.999,
        3485.0, 6371.2, 42164.0, 35786.0, -10.0, 180.0, 360.0, 1e-9, 1e-7,
    };
    int bad = 0;
    for (size_t i = 0; i < sizeof values / sizeof values[0]; i++)
        bad += differs(values[i]) + differs(-values[i]);
    bad += differs(-0.0) + differs(1.0 / 0.0) + differs(-1.0 / 0.0);
    ck_assert_int_eq(bad, 0);
}
END_TEST

START_TEST(fmt_random_bits_and_ranges)
{
    /* Every bit pattern is a double somewhere; the ranges are where the
     * generator's numbers live, down to tiny colatitudes. */
    uint64_t s = 20260101;
    long bad = 0;
    for (long i = 0; i < 1000000; i++) {
        uint64_t bits = tdre_rng_next(&s);
        double v;
        memcpy(&v, &bits, sizeof v);
        if (v == v)
            bad += differs(v);
        double u = tdre_rng_unit(&s);
        bad += differs(1900.0 + 130.0 * u) + differs(180.0 * u) + differs(-180.0 + 540.0 * u);
        bad += differs(3485.0 + 38715.0 * u) + differs(-10.0 + 1010.0 * u);
        bad += differs(u * 1e-12) + differs(u * 1e12) + differs(u);
    }
    ck_assert_int_eq(bad, 0);
}
END_TEST

START_TEST(fmt_powers_of_ten_and_short_decimals)
{
    /* The decimal exponent is found by comparing with a double 10^k, which
     * is not 10^k for k < 0: the doubles next to each power decide whether
     * the comparison and its safety net are right. Short decimals and
     * integers end in zeros that are dropped by counting bytes. */
    int bad = 0;
    for (int k = -330; k <= 310; k++) {
        char text[16];
        snprintf(text, sizeof text, "1e%d", k);
        double p = strtod(text, NULL), up = p, down = p;
        for (int i = 0; i < 8; i++) {
            bad += differs(up) + differs(down);
            up = nextafter(up, INFINITY);
            down = nextafter(down, 0.0);
        }
    }
    for (long i = -100000; i <= 100000; i++)
        bad += differs((double)i) + differs((double)i / 8.0) + differs((double)i / 1000.0) +
               differs((double)i * 1e11);
    ck_assert_int_eq(bad, 0);
}
END_TEST

START_TEST(fmt_every_digit_group)
{
    /* The digits are made four at a time in parallel lanes by multiplying
     * and shifting, which is exact only while the products' error stays
     * below the gap between remainders: every 4-digit group is put in each
     * of the four lanes of the digits after the first (the last lane moves
     * by the double's rounding, its neighbours cover it). */
    int bad = 0;
    for (int lane = 0; lane < 4; lane++)
        for (int n = 0; n < 10000; n++) {
            char text[32];
            int pos = 2 + 4 * lane;                 /* after "d." */
            snprintf(text, sizeof text, "7.3141592653589793");
            char group[5];
            snprintf(group, sizeof group, "%04d", n);
            memcpy(text + pos, group, 4);
            double v = strtod(text, NULL);
            bad += differs(v) + differs(v * 1e-3) + differs(v * 1e5);
        }
    ck_assert_int_eq(bad, 0);
}
END_TEST

START_TEST(rng_matches_splitmix64_reference)
{
    /* splitmix64 seeded with 1234567: the first five outputs as published
     * with the reference implementation. */
    static const uint64_t expected[] = {
        UINT64_C(6457827717110365317), UINT64_C(3203168211198807973),
        UINT64_C(9817491932198370423), UINT64_C(4593380528125082431),
        UINT64_C(16408922859458223821),
    };
    uint64_t state = 1234567;
    for (int i = 0; i < 5; i++)
        ck_assert_uint_eq(tdre_rng_next(&state), expected[i]);
}
END_TEST

START_TEST(rng_unit_interval)
{
    uint64_t s = 3;
    double lo = 1.0, hi = 0.0;
    for (int i = 0; i < 1000000; i++) {
        double u = tdre_rng_unit(&s);
        ck_assert(u >= 0.0 && u < 1.0);
        lo = u < lo ? u : lo;
        hi = u > hi ? u : hi;
    }
    ck_assert(lo < 1e-5 && hi > 1.0 - 1e-5);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("vectors_units");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 300);
    tcase_add_test(tc, fmt_special_values);
    tcase_add_test(tc, fmt_random_bits_and_ranges);
    tcase_add_test(tc, fmt_powers_of_ten_and_short_decimals);
    tcase_add_test(tc, fmt_every_digit_group);
    tcase_add_test(tc, rng_matches_splitmix64_reference);
    tcase_add_test(tc, rng_unit_interval);
    suite_add_tcase(s, tc);
    return tu_check_run(s);
}
