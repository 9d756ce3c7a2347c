/*
 * tables_model.c: model transformations of `tdre-gen tables`: SV derived
 * from an SHC file's predicted last epoch, and the legacy packed layout.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tables_parts.h"
#include "tdre.h"

#define NDIM (TDRE_COEFFS_NMAX + 1)
#define LEGACY_SV_DEGREE 13   /* the SV block is sized like a degree-13 model */

/* Fewest decimals (0..6) in which every coefficient of epoch e is written. */
static int decimals_of_epoch(const tdre_coeffs *c, int e)
{
    for (int k = 0, scale = 1; k <= 6; k++, scale *= 10) {
        int exact = 1;
        for (int n = 1; exact && n <= TDRE_COEFFS_NMAX; n++)
            for (int m = 0; exact && m <= n; m++) {
                double g = c->g[e][n][m] * scale, h = c->h[e][n][m] * scale;
                exact = fabs(g - nearbyint(g)) <= 1e-6 && fabs(h - nearbyint(h)) <= 1e-6;
            }
        if (exact)
            return k;
    }
    return -1;
}

/* (a - b) / years in units of 10^-k, rounded half away from zero; done on
 * integers so that the result is the decimal a person would write. */
static double rounded_rate(double a, double b, long long years, double scale)
{
    long long d = llround(a * scale) - llround(b * scale);
    long long q = d >= 0 ? (2 * d + years) / (2 * years) : -((-2 * d + years) / (2 * years));
    return (double)q / scale;
}

int tables_sv_from_last(tdre_coeffs *c, const char *source, char *err, size_t errlen)
{
    int last = c->nepochs - 1, prev = last - 1;
    if (c->nepochs < 2 || c->sv_nmax > 0) {
        snprintf(err, errlen, "%s: --sv-from-last needs at least two epochs and no SV column",
                 source);
        return TDRE_EFORMAT;
    }
    double years = c->epoch[last] - c->epoch[prev];
    int kl = decimals_of_epoch(c, last), kp = decimals_of_epoch(c, prev);
    if (years != floor(years) || years < 1 || years > 100 || kl < 0 || kp < 0) {
        snprintf(err, errlen, "%s: --sv-from-last needs a whole-year last interval and "
                 "coefficients with at most 6 decimals", source);
        return TDRE_EFORMAT;
    }
    double scale = pow(10.0, kl > kp ? kl : kp);   /* exact for these powers */
    for (int n = 1; n <= TDRE_COEFFS_NMAX; n++)
        for (int m = 0; m <= n; m++) {
            c->sv_g[n][m] = rounded_rate(c->g[last][n][m], c->g[prev][n][m], (long long)years, scale);
            c->sv_h[n][m] = rounded_rate(c->h[last][n][m], c->h[prev][n][m], (long long)years, scale);
        }
    c->valid_to = c->epoch[last];
    c->epoch[last] = 0.0;
    c->nmax[last] = 0;
    memset(c->g[last], 0, sizeof c->g[last]);
    memset(c->h[last], 0, sizeof c->h[last]);
    c->nepochs--;
    c->sv_nmax = 0;
    for (int n = 1; n <= TDRE_COEFFS_NMAX; n++)
        for (int m = 0; m <= n; m++)
            if (c->sv_g[n][m] != 0.0 || c->sv_h[n][m] != 0.0)
                c->sv_nmax = n;
    return TDRE_OK;
}

int tables_legacy_degree(double epoch)
{
    return epoch < 1995.0 ? 10 : 13;
}

/* Appends one model in the legacy order: g(n,0), then g(n,m), h(n,m). */
static int pack_block(double *dst, const double g[NDIM][NDIM], const double h[NDIM][NDIM],
                      int degree)
{
    int k = 0;
    for (int n = 1; n <= degree; n++) {
        dst[k++] = g[n][0];
        for (int m = 1; m <= n; m++) {
            dst[k++] = g[n][m];
            dst[k++] = h[n][m];
        }
    }
    return k;
}

static int block_size(int degree)
{
    return degree * (degree + 2);
}

int tables_pack_legacy(const tdre_coeffs *c, double **gh, int *size, char *err, size_t errlen)
{
    int total = block_size(LEGACY_SV_DEGREE) + 1;
    if (c->sv_nmax < 1) {
        snprintf(err, errlen, "%s: no SV; the legacy layout ends with an SV block "
                 "(for an SHC file use --sv-from-last)", c->name);
        return TDRE_EFORMAT;
    }
    for (int e = 0; e < c->nepochs; e++) {
        int degree = tables_legacy_degree(c->epoch[e]);
        if (c->epoch[e] != 1900.0 + 5.0 * e || c->nmax[e] > degree) {
            snprintf(err, errlen, "%s: epoch %.17g (degree %d) does not fit the legacy layout "
                     "(epochs 1900, 1905, ...; degree <= 10 before 1995, <= 13 after)",
                     c->name, c->epoch[e], c->nmax[e]);
            return TDRE_EFORMAT;
        }
        total += block_size(degree);
    }
    double *v = calloc((size_t)total, sizeof *v);
    if (!v) {
        snprintf(err, errlen, "out of memory");
        return TDRE_ENOMEM;
    }
    int k = 0;
    for (int e = 0; e < c->nepochs; e++)
        k += pack_block(v + k, c->g[e], c->h[e], tables_legacy_degree(c->epoch[e]));
    pack_block(v + k, c->sv_g, c->sv_h, LEGACY_SV_DEGREE);
    *gh = v;
    *size = total;
    return TDRE_OK;
}
