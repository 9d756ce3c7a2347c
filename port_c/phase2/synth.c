/*
 * synth.c: the spherical-harmonic sums of igrf11.f, for one point or for
 * TDRE_LANES points at a time.
 *
 * Every operation is the legacy one, in the legacy order, so the legacy
 * profile is bit for bit the Fortran; the lanes only run side by side (the
 * lanes are vectors: IEEE +, -, *, / give the same bits in a vector
 * register as in a scalar one); a single point runs the same source with
 * one lane, so it gets the bits a batch gives it. The square roots of
 * the recursion come from the model's table instead of being recomputed.
 * Needs GCC or Clang (vector extensions).
 */
#ifndef TDRE_SYNTH_KERNEL

#include <string.h>

#include "model.h"

/* A batch's lanes are GCC/Clang vectors: the sums stay in registers across
 * the terms (plain lane loops leave them in memory, and the y sum's chain of
 * additions then waits on store forwarding at every term). Element-wise
 * vector operations are the scalar IEEE operations, lane by lane. */
typedef double vd_n __attribute__((vector_size(TDRE_LANES * sizeof(double))));
typedef long long vl_n __attribute__((vector_size(TDRE_LANES * sizeof(double))));

/* Every helper that takes or returns a vector is inlined even at -O0: in a
 * call, the AVX2 clone of the kernel would pass a 256-bit vector to a
 * helper compiled for the default ISA, which expects it elsewhere (an ABI
 * mismatch: a Debug build crashed). Inlined, each clone has its own copy. */
#define VEC_INLINE static inline __attribute__((always_inline))

VEC_INLINE vd_n vload_n(const double *a)
{
    vd_n v;
    memcpy(&v, a, sizeof v);
    return v;
}

VEC_INLINE void vstore_n(double *a, vd_n v)
{
    memcpy(a, &v, sizeof v);
}

/* Coefficient l of every lane: one load from the interleaved block. */
VEC_INLINE vd_n coef_n(const tdre_lanes *ln, int second, int l)
{
    return vload_n((second ? ln->ci2 : ln->ci1) + l * TDRE_LANES);
}

/* mask ? a : b, lane by lane, by bits (no arithmetic on the values). */
VEC_INLINE vd_n pick_n(vl_n mask, vd_n a, vd_n b)
{
    return (vd_n)((mask & (vl_n)a) | (~mask & (vl_n)b));
}

VEC_INLINE vl_n polemask_n(const tdre_lanes *ln)
{
    vl_n mask;
    for (int b = 0; b < TDRE_LANES; b++)
        mask[b] = ln->pole[b] ? -1 : 0;
    return mask;
}

/* A single point: plain doubles (GCC keeps one-element vectors in memory). */
typedef double vd_1;
typedef int vl_1;

VEC_INLINE vd_1 vload_1(const double *a)
{
    return a[0];
}

VEC_INLINE void vstore_1(double *a, vd_1 v)
{
    a[0] = v;
}

VEC_INLINE vd_1 coef_1(const tdre_lanes *ln, int second, int l)
{
    return (second ? ln->c2 : ln->c1)[0][l];
}

VEC_INLINE vd_1 pick_1(vl_1 mask, vd_1 a, vd_1 b)
{
    return mask ? a : b;
}

VEC_INLINE vl_1 polemask_1(const tdre_lanes *ln)
{
    return ln->pole[0];
}

/* The kernel below, once per lane count: this file includes itself (one
 * source for the point and the batch, and for whoever reads or mutates it). */
#define TDRE_SYNTH_KERNEL 1
#define K(name) name##_n
#define VD vd_n
#define VL vl_n
#include __FILE__
#undef K
#undef VD
#undef VL

#define K(name) name##_1
#define VD vd_1
#define VL vl_1
#include __FILE__
#undef K
#undef VD
#undef VL

/* The exact profile divides the y sum by sin(colat) once instead of every
 * term (the division is the slowest operation of the sums); the legacy
 * and geomag70 profiles keep their programs' division per term. */
static int divides_once(const tdre_model *m)
{
    return m->profile == TDRE_PROFILE_EXACT;
}

void tdre_synth_1(const tdre_model *m, tdre_lanes *ln, int nmax, int two)
{
    int pole = ln->pole[0] != 0, once = divides_once(m);
    if (once)
        pole ? synth_vec_1(m, ln, 1, nmax, two, 1) : synth_vec_1(m, ln, 0, nmax, two, 1);
    else
        pole ? synth_vec_1(m, ln, 1, nmax, two, 0) : synth_vec_1(m, ln, 0, nmax, two, 0);
}

/* Where the processor has AVX2, the loader picks that clone: the same
 * operations on wider registers, the same bits (no FMA). */
#if TDRE_CLONES
__attribute__((target_clones("avx2", "default")))
#endif
void tdre_synth_n(const tdre_model *m, tdre_lanes *ln, int nmax, int two)
{
    int poles = 0;
    for (int b = 0; b < TDRE_LANES; b++)
        poles |= ln->pole[b];
    if (divides_once(m))
        poles ? synth_vec_n(m, ln, 1, nmax, two, 1) : synth_vec_n(m, ln, 0, nmax, two, 1);
    else
        poles ? synth_vec_n(m, ln, 1, nmax, two, 0) : synth_vec_n(m, ln, 0, nmax, two, 0);
}

#else /* TDRE_SYNTH_KERNEL: the sums for the lanes of VD, names through K() */

/* The pole branch of the legacy program (ST exactly 0) computes its y term
 * as (d q) ct instead of ((d m) p) / st. With poles, u, v, w are picked per
 * lane and dividing by w = 1 keeps both forms bit for bit; without, the
 * plain form runs. With once, the terms are summed undivided and the sum
 * divided by w at the end: again the same bits for a lane whatever the
 * other lanes of its block are. */
VEC_INLINE void
K(synth_vec)(const tdre_model *m, tdre_lanes *ln, const int poles, int nmax, int two,
             const int once)
{
    VD p[TDRE_KMAX + 1], q[TDRE_KMAX + 1];
    VD cl[TDRE_COEFFS_NMAX + 1], sl[TDRE_COEFFS_NMAX + 1];
    const VD ct = K(vload)(ln->ct), st = K(vload)(ln->st), ratio = K(vload)(ln->ratio);
    const VD stdiv = K(vload)(ln->stdiv), zero = ct - ct;
    const VL pole = K(polemask)(ln);
    VD rr = ratio * ratio;
    VD x = zero, y = zero, z = zero, x2 = zero, y2 = zero, z2 = zero;
    p[1] = zero + 1.0;
    p[3] = st;
    q[1] = zero;
    q[3] = ct;
    cl[1] = K(vload)(ln->cl1);
    sl[1] = K(vload)(ln->sl1);
    /* Degree by degree: order 0 (zonal), orders 1 .. n - 1, order n
     * (sectoral; the first one, k = 3, is preset), so that the kind of each
     * step is known where it is written instead of read from the table. */
    int k = 2, l = 0;
    for (int n = 1; n <= nmax; n++) {
        rr = rr * ratio;
        {
            const tdre_rec *r = &m->rec[k];
            p[k] = r->a * ct * p[r->i] - r->b * p[r->j];
            q[k] = r->a * (ct * q[r->i] - st * p[r->i]) - r->b * q[r->j];
            const double fn1 = r->fn1;
            VD one = K(coef)(ln, 0, l) * rr;
            x = x + one * q[k];
            z = z - fn1 * one * p[k];
            if (two) {
                VD one2 = K(coef)(ln, 1, l) * rr;
                x2 = x2 + one2 * q[k];
                z2 = z2 - fn1 * one2 * p[k];
            }
            l += 1;
            k += 1;
        }
        for (int mm = 1; mm <= n; mm++, k++, l += 2) {
            const tdre_rec *r = &m->rec[k];
            const double fn1 = r->fn1, fm = r->fm;
            if (mm < n) {
                p[k] = r->a * ct * p[r->i] - r->b * p[r->j];
                q[k] = r->a * (ct * q[r->i] - st * p[r->i]) - r->b * q[r->j];
            } else if (k != 3) {
                const double ra = r->a;
                const int j = r->j;
                p[k] = ra * st * p[j];
                q[k] = ra * (st * q[j] + ct * p[j]);
                cl[mm] = cl[mm - 1] * cl[1] - sl[mm - 1] * sl[1];
                sl[mm] = sl[mm - 1] * cl[1] + cl[mm - 1] * sl[1];
            }
            VD u = p[k], v = p[k], w = st;
            if (poles) {
                u = K(pick)(pole, q[k], zero + fm);
                v = K(pick)(pole, ct, v);
                w = stdiv;
            }
            VD one = K(coef)(ln, 0, l) * rr, tw = K(coef)(ln, 0, l + 1) * rr;
            VD three = one * cl[mm] + tw * sl[mm], d = one * sl[mm] - tw * cl[mm];
            x = x + three * q[k];
            z = z - fn1 * three * p[k];
            if (once)
                y = y + (poles ? d * u * v : d * fm * p[k]);
            else
                y = y + (poles ? d * u * v / w : d * fm * p[k] / st);
            if (two) {
                one = K(coef)(ln, 1, l) * rr;
                tw = K(coef)(ln, 1, l + 1) * rr;
                three = one * cl[mm] + tw * sl[mm];
                d = one * sl[mm] - tw * cl[mm];
                x2 = x2 + three * q[k];
                z2 = z2 - fn1 * three * p[k];
                if (once)
                    y2 = y2 + (poles ? d * u * v : d * fm * p[k]);
                else
                    y2 = y2 + (poles ? d * u * v / w : d * fm * p[k] / st);
            }
        }
    }
    if (once) {
        y = y / stdiv;
        y2 = y2 / stdiv;
    }
    K(vstore)(ln->x, x);
    K(vstore)(ln->y, y);
    K(vstore)(ln->z, z);
    K(vstore)(ln->x2, x2);
    K(vstore)(ln->y2, y2);
    K(vstore)(ln->z2, z2);
}

#endif
