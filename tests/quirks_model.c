/*
 * quirks_model.c: IGRF11SYN with switchable legacy traits (test only).
 *
 * With no switch set this is the algorithm of port_c/phase1/igrf11syn.c,
 * operation for operation (tests/test_quirks.c proves it bit for bit); it is
 * split into the time, position and series steps so that each QM_* switch
 * touches one place. Variable names are the Fortran ones.
 */
#include "quirks_model.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "builtin.h"
#include "tables_parts.h"

#define GH_SIZE 3256
#define LAYOUT_10 120   /* block length of a degree-10 model */
#define LAYOUT_13 195   /* block length of a degree-13 model */
#define BASE_1995 2280  /* GH index before the 1995 block */
#define BASE_2010 2865  /* GH index before the 2010 block (the SV block follows) */

static const char *const trait_names[QM_NTRAITS] = {
    "coef-decimal", "deg2rad-pi", "wgs84-exact", "radius-double", "epoch-exact",
    "index-consistent", "degree-by-block", "sv-exact", "no-pole-branch", "range-nan",
    "valid-to-2015", "sv-f-derivative", "assoc-series", "assoc-geodetic", "pow-ratio",
    "trig-direct", "degree-13"
};

const char *qm_trait_name(int i)
{
    return i >= 0 && i < QM_NTRAITS ? trait_names[i] : NULL;
}

const double *qm_gh(int decimal)
{
    static double *gh;
    char err[256];
    int size = 0;
    if (!decimal)
        return tdre_igrf11_gh;
    /* The decimals in the layout the generator packs the legacy array with
     * (gen/tables_model.c), so the two differ only by the float rounding. */
    if (!gh && (tables_pack_legacy(&tdre_table_igrf11, &gh, &size, err, sizeof err) != 0
                || size != GH_SIZE)) {
        fprintf(stderr, "quirks_model: cannot pack tdre_table_igrf11: %s (size %d)\n",
                size ? "wrong size" : err, size);
        exit(1);
    }
    return gh;
}

/* Which blocks are read and with what weights (the Fortran LL, NC, T, TC). */
typedef struct {
    double t, tc;   /* weight of the block after base, of the block at base */
    int ll;         /* GH index just before the block */
    int nmx, nc;    /* degree of the layout read, and its block length */
} qm_time;

static void time_interpolated(unsigned clean, int isv, double date, qm_time *tm)
{
    double t;
    int ll;
    if (clean & QM_EPOCH_EXACT) {
        double q = (date - 1900.0) / 5.0;
        ll = (int)q;
        t = q - ll;
    } else {
        double one;
        t = (double)0.2f * (date - 1900.0);
        ll = (int)t;
        one = ll;
        t = t - one;
    }
    int by_block = (clean & (QM_EPOCH_EXACT | QM_DEGREE_BY_BLOCK)) != 0;
    if (by_block ? ll >= 19 : date >= 1995.0) {
        int block;
        if (clean & (QM_EPOCH_EXACT | QM_INDEX_CONSISTENT))
            block = ll - 19;
        else
            block = (int)((double)0.2f * (date - 1995.0));
        tm->nmx = 13;
        tm->nc = LAYOUT_13;
        tm->ll = BASE_1995 + tm->nc * block;
    } else {
        tm->nmx = 10;
        tm->nc = LAYOUT_10;
        tm->ll = tm->nc * ll;
    }
    tm->tc = 1.0 - t;
    tm->t = t;
    if (isv != 0) {
        tm->tc = (clean & QM_SV_EXACT) ? -0.2 : -(double)0.2f;
        tm->t = (clean & QM_SV_EXACT) ? 0.2 : (double)0.2f;
    }
}

static void time_extrapolated(int isv, double date, qm_time *tm)
{
    tm->t = date - 2010.0;
    tm->tc = 1.0;
    if (isv != 0) {
        tm->t = 1.0;
        tm->tc = 0.0;
    }
    tm->ll = BASE_2010;
    tm->nmx = 13;
    tm->nc = LAYOUT_13;
}

/* Where the field is computed, in the frame of the series. */
typedef struct {
    double r, ct, st, cd, sd;   /* radius; cos, sin of colatitude; rotation back */
    double lon;                 /* longitude in radians (QM_TRIG_DIRECT) */
    double cl1, sl1;            /* cos, sin of longitude */
} qm_position;

static void position(unsigned clean, int itype, double alt, double colat, double elong,
                     qm_position *ps)
{
    double deg = (clean & QM_DEG2RAD_PI) ? 4.0 * atan(1.0) / 180.0 : (double)0.017453292f;
    double one = colat * deg;
    ps->r = alt;
    ps->ct = cos(one);
    ps->st = sin(one);
    ps->lon = elong * deg;
    ps->cl1 = cos(ps->lon);
    ps->sl1 = sin(ps->lon);
    ps->cd = 1.0;
    ps->sd = 0.0;
    if (itype == 2)
        return;
    double a2, b2, two, three, rho, ct = ps->ct, st = ps->st;
    if (clean & QM_WGS84_EXACT) {
        double a = 6378.137, b = a * (1.0 - 1.0 / 298.257223563);
        a2 = a * a;
        b2 = b * b;
    } else {
        a2 = (double)40680631.6f;
        b2 = (double)40408296.0f;
    }
    int assoc = (clean & QM_ASSOC_GEODETIC) != 0;
    one = assoc ? a2 * (st * st) : a2 * st * st;
    two = assoc ? b2 * (ct * ct) : b2 * ct * ct;
    three = one + two;
    rho = sqrt(three);
    ps->r = sqrt(alt * (alt + 2.0 * rho) + (a2 * one + b2 * two) / three);
    ps->cd = (alt + rho) / ps->r;
    ps->sd = assoc ? (a2 - b2) * (ct * st) / (rho * ps->r) : (a2 - b2) / rho * ct * st / ps->r;
    ps->ct = ct * ps->cd - st * ps->sd;
    ps->st = st * ps->cd + ct * ps->sd;
}

/* Coefficient at packed position l of the interpolated model, times rr.
 * Positions past the layout read exist only with QM_DEGREE_13: zero. */
static double coefficient(const double *gh, const qm_time *tm, int l, double rr)
{
    double now = l <= tm->nc ? gh[tm->ll + l - 1] : 0.0;
    double next = l <= tm->nc ? gh[tm->ll + l + tm->nc - 1] : 0.0;
    return (tm->tc * now + tm->t * next) * rr;
}

/* The Malin and Barraclough series: x, y, z in the frame of the series. */
static void series(unsigned clean, const qm_time *tm, const qm_position *ps,
                   double *x_out, double *y_out, double *z_out)
{
    double p[105], q[105], cl[13], sl[13];
    double x = 0.0, y = 0.0, z = 0.0, fn = 0.0, gn = 0.0, one, two, three, fm, gmm;
    double ct = ps->ct, st = ps->st;
    double ratio = ((clean & QM_RADIUS_DOUBLE) ? 6371.2 : (double)6371.2f) / ps->r;
    double rr = ratio * ratio;
    const double *gh = qm_gh((clean & QM_COEF_DECIMAL) != 0);
    int assoc = (clean & QM_ASSOC_SERIES) != 0, pole = !(clean & QM_NO_POLE_BRANCH);
    int nmx = (clean & QM_DEGREE_13) ? 13 : tm->nmx;
    int kmx = (nmx + 1) * (nmx + 2) / 2, l = 1, m = 1, n = 0;
    cl[0] = ps->cl1;
    sl[0] = ps->sl1;
    p[0] = 1.0;
    p[2] = st;
    q[0] = 0.0;
    q[2] = ct;
    for (int k = 2; k <= kmx; k++) {
        if (n < m) {
            m = 0;
            n = n + 1;
            rr = (clean & QM_POW_RATIO) ? pow(ratio, n + 2) : rr * ratio;
            fn = n;
            gn = n - 1;
        }
        fm = m;
        if (m == n) {
            if (k != 3) {
                int j = k - n - 1;
                one = sqrt(1.0 - 0.5 / fm);
                p[k - 1] = assoc ? one * (st * p[j - 1]) : one * st * p[j - 1];
                q[k - 1] = one * (st * q[j - 1] + ct * p[j - 1]);
                if (clean & QM_TRIG_DIRECT) {
                    cl[m - 1] = cos(m * ps->lon);
                    sl[m - 1] = sin(m * ps->lon);
                } else {
                    cl[m - 1] = cl[m - 2] * cl[0] - sl[m - 2] * sl[0];
                    sl[m - 1] = sl[m - 2] * cl[0] + cl[m - 2] * sl[0];
                }
            }
        } else {
            int i = k - n, j = i - n + 1;
            gmm = m * m;
            one = sqrt(fn * fn - gmm);
            two = sqrt(gn * gn - gmm) / one;
            three = (fn + gn) / one;
            p[k - 1] = (assoc ? three * (ct * p[i - 1]) : three * ct * p[i - 1]) - two * p[j - 1];
            q[k - 1] = three * (ct * q[i - 1] - st * p[i - 1]) - two * q[j - 1];
        }
        one = coefficient(gh, tm, l, rr);
        if (m != 0) {
            two = coefficient(gh, tm, l + 1, rr);
            three = one * cl[m - 1] + two * sl[m - 1];
            x = x + three * q[k - 1];
            z = z - (assoc ? (fn + 1.0) * (three * p[k - 1]) : (fn + 1.0) * three * p[k - 1]);
            double h = one * sl[m - 1] - two * cl[m - 1];
            if (st != 0.0 || !pole)
                y = y + (assoc ? h * (fm * p[k - 1] / st) : h * fm * p[k - 1] / st);
            else
                y = y + (assoc ? h * (q[k - 1] * ct) : h * q[k - 1] * ct);
            l = l + 2;
        } else {
            x = x + one * q[k - 1];
            z = z - (assoc ? (fn + 1.0) * (one * p[k - 1]) : (fn + 1.0) * one * p[k - 1]);
            l = l + 1;
        }
        m = m + 1;
    }
    *x_out = x;
    *y_out = y;
    *z_out = z;
}

void qm_igrf11syn(unsigned clean, int isv, double date, int itype, double alt,
                  double colat, double elong, double *x_out, double *y_out,
                  double *z_out, double *f_out)
{
    double x, y, z, last = (clean & QM_VALID_TO_2015) ? 2015.0 : 2020.0;
    qm_time tm;
    qm_position ps;
    if (date < 1900.0 || date > last) {
        int nan_out = (clean & QM_RANGE_NAN) != 0;
        *x_out = *y_out = *z_out = nan_out ? NAN : 0.0;
        *f_out = nan_out ? NAN : 1.0e8;
        return;
    }
    if (date < 2010.0)
        time_interpolated(clean, isv, date, &tm);
    else
        time_extrapolated(isv, date, &tm);
    position(clean, itype, alt, colat, elong, &ps);
    series(clean, &tm, &ps, &x, &y, &z);
    double one = x;
    x = x * ps.cd + z * ps.sd;
    z = z * ps.cd - one * ps.sd;
    *x_out = x;
    *y_out = y;
    *z_out = z;
    *f_out = sqrt(x * x + y * y + z * z);
    if (isv != 0 && (clean & QM_SV_F_DERIVATIVE)) {
        double x0, y0, z0, f0;
        qm_igrf11syn(clean, 0, date, itype, alt, colat, elong, &x0, &y0, &z0, &f0);
        *f_out = (x0 * x + y0 * y + z0 * z) / f0;
    }
}
