/*
 * synth.c: the spherical-harmonic sums of igrf11.f, for one point or for
 * TDRE_LANES points at a time.
 *
 * Every operation is the legacy one, in the legacy order, so the legacy
 * profile is bit for bit the Fortran; the lanes only run side by side (the
 * lane loops are what the compiler vectorises: IEEE +, -, *, / and sqrt give
 * the same bits in a vector register as in a scalar one). The square roots of
 * the recursion come from the model's table instead of being recomputed.
 */
#include "model.h"

/* The pole branch of the legacy program (ST exactly 0) computes its y term
 * as (d q) ct instead of ((d m) p) / st. Selecting u, v, w per lane and
 * dividing by w = 1 keeps both forms bit for bit without a branch. */
static inline __attribute__((always_inline)) void
synth(const tdre_model *m, tdre_lanes *ln, const int nl, int nmax, int two)
{
    double p[TDRE_KMAX + 1][TDRE_LANES], q[TDRE_KMAX + 1][TDRE_LANES];
    double cl[TDRE_COEFFS_NMAX + 1][TDRE_LANES], sl[TDRE_COEFFS_NMAX + 1][TDRE_LANES];
    double rr[TDRE_LANES], x[TDRE_LANES], y[TDRE_LANES], z[TDRE_LANES];
    double x2[TDRE_LANES], y2[TDRE_LANES], z2[TDRE_LANES];
    const double *ct = ln->ct, *st = ln->st, *ratio = ln->ratio;

    for (int b = 0; b < nl; b++) {
        p[1][b] = 1.0;
        p[3][b] = st[b];
        q[1][b] = 0.0;
        q[3][b] = ct[b];
        rr[b] = ratio[b] * ratio[b];
        cl[1][b] = ln->cl1[b];
        sl[1][b] = ln->sl1[b];
        x[b] = y[b] = z[b] = 0.0;
        x2[b] = y2[b] = z2[b] = 0.0;
    }
    const int kmax = (nmax + 1) * (nmax + 2) / 2;
    int l = 0;
    for (int k = 2; k <= kmax; k++) {
        const tdre_rec *r = &m->rec[k];
        const int mm = r->m, i = r->i, j = r->j;
        const double ra = r->a, rb = r->b, fn1 = r->fn1, fm = r->fm;
        if (r->newn)
            for (int b = 0; b < nl; b++)
                rr[b] = rr[b] * ratio[b];
        if (r->kind == TDRE_REC_SECTORAL) {
            for (int b = 0; b < nl; b++) {
                p[k][b] = ra * st[b] * p[j][b];
                q[k][b] = ra * (st[b] * q[j][b] + ct[b] * p[j][b]);
                cl[mm][b] = cl[mm - 1][b] * cl[1][b] - sl[mm - 1][b] * sl[1][b];
                sl[mm][b] = sl[mm - 1][b] * cl[1][b] + cl[mm - 1][b] * sl[1][b];
            }
        } else if (r->kind == TDRE_REC_GENERAL) {
            for (int b = 0; b < nl; b++) {
                p[k][b] = ra * ct[b] * p[i][b] - rb * p[j][b];
                q[k][b] = ra * (ct[b] * q[i][b] - st[b] * p[i][b]) - rb * q[j][b];
            }
        }
        if (mm == 0) {
            for (int b = 0; b < nl; b++) {
                double one = ln->c1[l][b] * rr[b];
                x[b] = x[b] + one * q[k][b];
                z[b] = z[b] - fn1 * one * p[k][b];
            }
            if (two)
                for (int b = 0; b < nl; b++) {
                    double one = ln->c2[l][b] * rr[b];
                    x2[b] = x2[b] + one * q[k][b];
                    z2[b] = z2[b] - fn1 * one * p[k][b];
                }
            l += 1;
            continue;
        }
        for (int b = 0; b < nl; b++) {
            double one = ln->c1[l][b] * rr[b];
            double tw = ln->c1[l + 1][b] * rr[b];
            double three = one * cl[mm][b] + tw * sl[mm][b];
            double u = ln->pole[b] ? q[k][b] : fm;
            double v = ln->pole[b] ? ct[b] : p[k][b];
            x[b] = x[b] + three * q[k][b];
            z[b] = z[b] - fn1 * three * p[k][b];
            y[b] = y[b] + (one * sl[mm][b] - tw * cl[mm][b]) * u * v / ln->stdiv[b];
        }
        if (two)
            for (int b = 0; b < nl; b++) {
                double one = ln->c2[l][b] * rr[b];
                double tw = ln->c2[l + 1][b] * rr[b];
                double three = one * cl[mm][b] + tw * sl[mm][b];
                double u = ln->pole[b] ? q[k][b] : fm;
                double v = ln->pole[b] ? ct[b] : p[k][b];
                x2[b] = x2[b] + three * q[k][b];
                z2[b] = z2[b] - fn1 * three * p[k][b];
                y2[b] = y2[b] + (one * sl[mm][b] - tw * cl[mm][b]) * u * v / ln->stdiv[b];
            }
        l += 2;
    }
    for (int b = 0; b < nl; b++) {
        ln->x[b] = x[b];
        ln->y[b] = y[b];
        ln->z[b] = z[b];
        ln->x2[b] = x2[b];
        ln->y2[b] = y2[b];
        ln->z2[b] = z2[b];
    }
}

void tdre_synth_1(const tdre_model *m, tdre_lanes *ln, int nmax, int two)
{
    synth(m, ln, 1, nmax, two);
}

void tdre_synth_4(const tdre_model *m, tdre_lanes *ln, int nmax, int two)
{
    synth(m, ln, TDRE_LANES, nmax, two);
}
