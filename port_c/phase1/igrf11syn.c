/*
 * igrf11syn.c: phase 1, IGRF11SYN transcribed statement by statement.
 *
 * Read it beside reference_f/igrf11.f: the same names, the same order of
 * every operation, each GO TO turned into structured flow with its label
 * in a comment. Deliberately not idiomatic C: the point of phase 1 is that
 * nothing but the language changed. The single-precision literals of the
 * Fortran (0.2, 0.017453292, 6371.2, a2, b2 and every coefficient) are
 * written as float literals so C promotes them to double exactly as
 * gfortran does.
 */
#include "phase1.h"

#include <math.h>
#include <stdio.h>

/* GH(3256), generated with the Fortran DATA statements (port_c/tables). */
extern const double tdre_igrf11_gh[3256];

/* Fortran's 1-based GH(i), P(k), Q(k), CL(m), SL(m). */
#define GH(i) tdre_igrf11_gh[(i) - 1]
#define P(k)  p[(k) - 1]
#define Q(k)  q[(k) - 1]
#define CL(m) cl[(m) - 1]
#define SL(m) sl[(m) - 1]

/* Unit 6 of the Fortran: where the legacy messages go. */
FILE *tdre_phase1_messages = NULL;
#define MESSAGES (tdre_phase1_messages ? tdre_phase1_messages : stderr)

void tdre_phase1_igrf11syn(int isv, double date, int itype, double alt,
                           double colat, double elong,
                           double *x_out, double *y_out, double *z_out,
                           double *f_out)
{
    double p[105], q[105], cl[13], sl[13];
    double x, y, z, t, tc, one, two, three, r, ct, st, cd, sd;
    double a2, b2, rho, ratio, rr, fn = 0.0, gn = 0.0, fm, gmm;
    int ll, nmx, nc, l, m, n, k, kmx, i, j;

    x = 0.0;
    y = 0.0;
    z = 0.0;
    /* Written so that a NaN date also takes the out-of-range path: the
     * Fortran would go on and index GH with an undefined integer. The only
     * deliberate difference from it (docs/quirks.md). */
    if (!(date >= 1900.0 && date <= 2020.0)) {         /* GO TO 11 */
        fprintf(MESSAGES, "This subroutine will not work with a date of %9.3f\n"
                        "Date must be in the range 1900.0 <= date <= 2020.0\n"
                        "On return F = 1.0D+8., X = Y = Z = 0.\n", date);
        *x_out = x;
        *y_out = y;
        *z_out = z;
        *f_out = 1.0e8;
        return;
    }
    if (date > 2015.0)
        fprintf(MESSAGES, "This version of the IGRF is intended for use up to 2015.0.\n"
                        "values for %9.3f will be computed but may be of reduced accuracy\n",
                date);
    if (date < 2010.0) {
        /* Interpolation between the 5-year models; 0.2 is a REAL literal. */
        t = (double)0.2f * (date - 1900.0);
        ll = (int)t;
        one = ll;
        t = t - one;
        if (date >= 1995.0) {
            nmx = 13;
            nc = nmx * (nmx + 2);
            ll = (int)((double)0.2f * (date - 1995.0));
            ll = 120 * 19 + nc * ll;
        } else {                                        /* 2 */
            nmx = 10;
            nc = nmx * (nmx + 2);
            ll = nc * ll;
        }
        tc = 1.0 - t;                                   /* 3 */
        if (isv != 0) {
            tc = -(double)0.2f;
            t = (double)0.2f;
        }
    } else {                                            /* 1 */
        /* Extrapolation from 2010 with the secular variation. */
        t = date - 2010.0;
        tc = 1.0;
        if (isv != 0) {
            t = 1.0;
            tc = 0.0;
        }
        ll = 2865;                                      /* 5 */
        nmx = 13;
        nc = nmx * (nmx + 2);
    }

    r = alt;                                            /* 4 */
    one = colat * (double)0.017453292f;
    ct = cos(one);
    st = sin(one);
    one = elong * (double)0.017453292f;
    CL(1) = cos(one);
    SL(1) = sin(one);
    cd = 1.0;
    sd = 0.0;
    l = 1;
    m = 1;
    n = 0;
    if (itype != 2) {
        a2 = (double)40680631.6f;
        b2 = (double)40408296.0f;
        one = a2 * st * st;
        two = b2 * ct * ct;
        three = one + two;
        rho = sqrt(three);
        r = sqrt(alt * (alt + 2.0 * rho) + (a2 * one + b2 * two) / three);
        cd = (alt + rho) / r;
        sd = (a2 - b2) / rho * ct * st / r;
        one = ct;
        ct = ct * cd - st * sd;
        st = st * cd + one * sd;
    }

    ratio = (double)6371.2f / r;                        /* 6 */
    rr = ratio * ratio;
    P(1) = 1.0;
    P(3) = st;
    Q(1) = 0.0;
    Q(3) = ct;
    kmx = (nmx + 1) * (nmx + 2) / 2;
    for (k = 2; k <= kmx; k++) {                        /* DO 10 */
        if (n < m) {
            m = 0;
            n = n + 1;
            rr = rr * ratio;
            fn = n;
            gn = n - 1;
        }
        fm = m;                                         /* 7 */
        if (m == n) {
            if (k != 3) {
                one = sqrt(1.0 - 0.5 / fm);
                j = k - n - 1;
                P(k) = one * st * P(j);
                Q(k) = one * (st * Q(j) + ct * P(j));
                CL(m) = CL(m - 1) * CL(1) - SL(m - 1) * SL(1);
                SL(m) = SL(m - 1) * CL(1) + CL(m - 1) * SL(1);
            }
        } else {                                        /* 8 */
            gmm = m * m;
            one = sqrt(fn * fn - gmm);
            two = sqrt(gn * gn - gmm) / one;
            three = (fn + gn) / one;
            i = k - n;
            j = i - n + 1;
            P(k) = three * ct * P(i) - two * P(j);
            Q(k) = three * (ct * Q(i) - st * P(i)) - two * Q(j);
        }
        one = (tc * GH(ll + l) + t * GH(ll + l + nc)) * rr;    /* 9 */
        if (m != 0) {
            two = (tc * GH(ll + l + 1) + t * GH(ll + l + nc + 1)) * rr;
            three = one * CL(m) + two * SL(m);
            x = x + three * Q(k);
            z = z - (fn + 1.0) * three * P(k);
            if (st != 0.0)
                y = y + (one * SL(m) - two * CL(m)) * fm * P(k) / st;
            else                                        /* 14 */
                y = y + (one * SL(m) - two * CL(m)) * Q(k) * ct;
            l = l + 2;                                  /* 15 */
        } else {                                        /* 13 */
            x = x + one * Q(k);
            z = z - (fn + 1.0) * one * P(k);
            l = l + 1;
        }
        m = m + 1;                                      /* 10 */
    }

    one = x;
    x = x * cd + z * sd;
    z = z * cd - one * sd;
    *x_out = x;
    *y_out = y;
    *z_out = z;
    *f_out = sqrt(x * x + y * y + z * z);
}
