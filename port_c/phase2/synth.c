/*
 * synth.c: the spherical-harmonic sums of igrf11.f, for one point or for
 * TDRE_LANES points at a time.
 *
 * Every operation is the legacy one, in the legacy order, so the legacy
 * profile is bit for bit the Fortran; the lanes only run side by side (the
 * lanes are vectors: IEEE +, -, *, / give the same bits in a vector
 * register as in a scalar one). One point is a block with its lane
 * repeated, so it gets the very bits a batch gives it. The square roots of
 * the recursion come from the model's table instead of being recomputed.
 * Needs GCC or Clang (vector extensions).
 */
#include <string.h>

#include "model.h"

/* The lanes are GCC/Clang vectors: the sums stay in registers across the
 * terms (plain lane loops leave them in memory, and the y sum's chain of
 * additions then waits on store forwarding at every term). Element-wise
 * vector operations are the scalar IEEE operations, lane by lane. */
typedef double vd __attribute__((vector_size(TDRE_LANES * sizeof(double))));
typedef long long vl __attribute__((vector_size(TDRE_LANES * sizeof(double))));

static inline vd vload(const double *a)
{
    vd v;
    memcpy(&v, a, sizeof v);
    return v;
}

static inline void vstore(double *a, vd v)
{
    memcpy(a, &v, sizeof v);
}

static inline vd gather(const double *const *c, int l)
{
    vd v;
    for (int b = 0; b < TDRE_LANES; b++)
        v[b] = c[b][l];
    return v;
}

/* mask ? a : b, lane by lane, by bits (no arithmetic on the values). */
static inline vd pick(vl mask, vd a, vd b)
{
    return (vd)((mask & (vl)a) | (~mask & (vl)b));
}

/* The pole branch of the legacy program (ST exactly 0) computes its y term
 * as (d q) ct instead of ((d m) p) / st. With poles, u, v, w are picked per
 * lane and dividing by w = 1 keeps both forms bit for bit; without, the
 * plain form runs. */
static inline __attribute__((always_inline)) void
synth_vec(const tdre_model *m, tdre_lanes *ln, const int poles, int nmax, int two)
{
    vd p[TDRE_KMAX + 1], q[TDRE_KMAX + 1];
    vd cl[TDRE_COEFFS_NMAX + 1], sl[TDRE_COEFFS_NMAX + 1];
    const vd ct = vload(ln->ct), st = vload(ln->st), ratio = vload(ln->ratio);
    const vd stdiv = vload(ln->stdiv), zero = ct - ct;
    vl pole;
    for (int b = 0; b < TDRE_LANES; b++)
        pole[b] = ln->pole[b] ? -1 : 0;
    vd rr = ratio * ratio;
    vd x = zero, y = zero, z = zero, x2 = zero, y2 = zero, z2 = zero;
    p[1] = zero + 1.0;
    p[3] = st;
    q[1] = zero;
    q[3] = ct;
    cl[1] = vload(ln->cl1);
    sl[1] = vload(ln->sl1);
    const int kmax = (nmax + 1) * (nmax + 2) / 2;
    int l = 0;
    for (int k = 2; k <= kmax; k++) {
        const tdre_rec *r = &m->rec[k];
        const int mm = r->m, i = r->i, j = r->j;
        const double ra = r->a, rb = r->b, fn1 = r->fn1, fm = r->fm;
        if (r->newn)
            rr = rr * ratio;
        if (r->kind == TDRE_REC_SECTORAL) {
            p[k] = ra * st * p[j];
            q[k] = ra * (st * q[j] + ct * p[j]);
            cl[mm] = cl[mm - 1] * cl[1] - sl[mm - 1] * sl[1];
            sl[mm] = sl[mm - 1] * cl[1] + cl[mm - 1] * sl[1];
        } else if (r->kind == TDRE_REC_GENERAL) {
            p[k] = ra * ct * p[i] - rb * p[j];
            q[k] = ra * (ct * q[i] - st * p[i]) - rb * q[j];
        }
        if (mm == 0) {
            vd one = gather(ln->c1, l) * rr;
            x = x + one * q[k];
            z = z - fn1 * one * p[k];
            if (two) {
                vd one2 = gather(ln->c2, l) * rr;
                x2 = x2 + one2 * q[k];
                z2 = z2 - fn1 * one2 * p[k];
            }
            l += 1;
            continue;
        }
        vd u = zero + fm, v = p[k], w = st;
        if (poles) {
            u = pick(pole, q[k], u);
            v = pick(pole, ct, v);
            w = stdiv;
        }
        vd one = gather(ln->c1, l) * rr, tw = gather(ln->c1, l + 1) * rr;
        vd three = one * cl[mm] + tw * sl[mm];
        x = x + three * q[k];
        z = z - fn1 * three * p[k];
        y = y + (one * sl[mm] - tw * cl[mm]) * u * v / w;
        if (two) {
            one = gather(ln->c2, l) * rr;
            tw = gather(ln->c2, l + 1) * rr;
            three = one * cl[mm] + tw * sl[mm];
            x2 = x2 + three * q[k];
            z2 = z2 - fn1 * three * p[k];
            y2 = y2 + (one * sl[mm] - tw * cl[mm]) * u * v / w;
        }
        l += 2;
    }
    vstore(ln->x, x);
    vstore(ln->y, y);
    vstore(ln->z, z);
    vstore(ln->x2, x2);
    vstore(ln->y2, y2);
    vstore(ln->z2, z2);
}

/* Where the processor has AVX2, the loader picks that clone: the same
 * operations on wider registers, the same bits (no FMA). */
#if defined(__GNUC__) && defined(__x86_64__) && !defined(__clang__) && defined(__ELF__)
__attribute__((target_clones("avx2", "default")))
#endif
void tdre_synth_n(const tdre_model *m, tdre_lanes *ln, int nmax, int two)
{
    int poles = 0;
    for (int b = 0; b < TDRE_LANES; b++)
        poles |= ln->pole[b];
    if (poles)
        synth_vec(m, ln, 1, nmax, two);
    else
        synth_vec(m, ln, 0, nmax, two);
}
