/*
 * recipe.c: which coefficients a date takes, and with which weights, in
 * each profile. The weights are applied as wa A + wb B, the legacy form
 * TC*GH(LL+L) + T*GH(LL+L+NC), so the legacy profile is reproduced exactly.
 */
#include "model.h"

static const double zeros[TDRE_NCOEF];

static void legacy_recipe(const tdre_model *m, double date, tdre_recipe *rc)
{
    tdre_legacy_index main, sv;
    tdre_legacy_index_at(&m->layout, date, 0, &main);
    tdre_legacy_index_at(&m->layout, date, 1, &sv);
    rc->a = &m->lgh[main.base + 1];
    rc->b = &m->lgh[main.base + 1 + main.nc];
    rc->wa = main.tc;
    rc->wb = main.t;
    rc->a2 = rc->a;
    rc->b2 = rc->b;
    rc->sa = sv.tc;
    rc->sb = sv.t;
    rc->ncoef = main.nc;
    rc->nmax = main.nmax;
    if (date >= m->layout.elast)
        rc->flags |= TDRE_FLAG_EXTRAPOLATED;
    if (date > m->warn_after)
        rc->flags |= TDRE_FLAG_LEGACY_WARN;
}

/* Last epoch index from which the model extrapolates with its SV, or -1
 * when it has none (then the last interval is used up to the last epoch). */
static int extrapolation_epoch(const tdre_model *m, double date)
{
    int last = m->nepochs - 1;
    if (m->sv_nmax == 0)
        return last == 0 ? 0 : -1;
    if (last == 0 || date >= m->epoch[last])
        return last;
    return -1;
}

/* Interval [epoch[e], epoch[e+1]) holding date; the last interval for a
 * date equal to the last epoch of a model without SV. */
static int interval_of(const tdre_model *m, double date)
{
    /* the last k in 1 .. nepochs - 2 with epoch[k] <= date, else 0; epochs
     * ascend, so by bisection (this runs once per point of a batch) */
    int lo = 0, hi = m->nepochs - 1;     /* epoch[lo] <= date or lo = 0; hi: too far */
    while (hi - lo > 1) {
        int mid = lo + (hi - lo) / 2;
        if (m->epoch[mid] <= date)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

static int max_int(int a, int b)
{
    return a > b ? a : b;
}

static void exact_recipe(const tdre_model *m, double date, tdre_recipe *rc)
{
    int last = extrapolation_epoch(m, date);
    if (last >= 0) {
        rc->a = m->gh[last];
        rc->b = m->gh[m->nepochs];
        rc->wa = 1.0;
        rc->wb = date - m->epoch[last];
        if (m->profile == TDRE_PROFILE_GEOMAG70) {
            rc->a2 = rc->a;
            rc->b2 = rc->b;
            rc->sa = 1.0;
            rc->sb = (date + 1.0) - m->epoch[last];
        } else {
            rc->a2 = rc->b;     /* SV = the SV coefficients themselves */
            rc->b2 = zeros;
            rc->sa = 1.0;
            rc->sb = 0.0;
        }
        rc->nmax = max_int(m->nmax[last], m->sv_nmax);
        if (date > m->epoch[last])
            rc->flags |= TDRE_FLAG_EXTRAPOLATED;
    } else {
        int e = interval_of(m, date);
        double span = m->epoch[e + 1] - m->epoch[e];
        double t = (date - m->epoch[e]) / span;
        rc->a = m->gh[e];
        rc->b = m->gh[e + 1];
        rc->wa = 1.0 - t;
        rc->wb = t;
        if (m->profile == TDRE_PROFILE_GEOMAG70) {
            double t1 = ((date + 1.0) - m->epoch[e]) / span;
            rc->a2 = rc->a;
            rc->b2 = rc->b;
            rc->sa = 1.0 - t1;
            rc->sb = t1;
        } else {
            rc->a2 = m->svi[e];   /* (B - A) / span, worked out once */
            rc->b2 = zeros;
            rc->sa = 1.0;
            rc->sb = 0.0;
        }
        rc->nmax = max_int(m->nmax[e], m->nmax[e + 1]);
    }
    rc->ncoef = rc->nmax * (rc->nmax + 2);
}

void tdre_recipe_at(const tdre_model *m, double date, tdre_recipe *rc)
{
    rc->flags = 0;
    if (m->profile == TDRE_PROFILE_LEGACY) {
        legacy_recipe(m, date, rc);
        return;
    }
    exact_recipe(m, date, rc);
    if (date > m->warn_after)
        rc->flags |= TDRE_FLAG_LEGACY_WARN;
}

/* Runs once per date and point in a batch of random dates: vectorised like
 * the kernel (see synth.c), the AVX2 clone chosen at run time. */
static void weigh(double *restrict c, const double *restrict a, const double *restrict b,
                  double wa, double wb, int nc)
{
    for (int l = 0; l < nc; l++)
        c[l] = wa * a[l] + wb * b[l];
    for (int l = nc; l < TDRE_NCOEF; l++)
        c[l] = 0.0;
}

#if TDRE_CLONES
__attribute__((target_clones("avx2", "default")))
#endif
void tdre_recipe_apply(const tdre_recipe *rc, double *c1, double *c2, int two)
{
    weigh(c1, rc->a, rc->b, rc->wa, rc->wb, rc->ncoef);
    if (two)
        weigh(c2, rc->a2, rc->b2, rc->sa, rc->sb, rc->ncoef);
}

/* Strided stores; entries nc .. old_nc - 1 held an earlier date's
 * coefficients and become zeros (the rest of a column is zero already). */
static inline __attribute__((always_inline)) void
weigh_lane(double *restrict c, const double *restrict a, const double *restrict b,
           double wa, double wb, int nc, int old_nc)
{
    for (int l = 0; l < nc; l++)
        c[l * TDRE_LANES] = wa * a[l] + wb * b[l];
    for (int l = nc; l < old_nc; l++)
        c[l * TDRE_LANES] = 0.0;
}

#if TDRE_CLONES
__attribute__((target_clones("avx2", "default")))
#endif
void tdre_recipe_apply_lane(const tdre_recipe *rc, double *ci1, double *ci2, int lane,
                            int two, int old_nc)
{
    weigh_lane(ci1 + lane, rc->a, rc->b, rc->wa, rc->wb, rc->ncoef, old_nc);
    if (two)
        weigh_lane(ci2 + lane, rc->a2, rc->b2, rc->sa, rc->sb, rc->ncoef, old_nc);
}

void tdre_recipe_apply_second(const tdre_recipe *rc, double *c)
{
    weigh(c, rc->a2, rc->b2, rc->sa, rc->sb, rc->ncoef);
}
