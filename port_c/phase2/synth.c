/*
 * synth.c: the spherical-harmonic sums of igrf11.f, for one point or for
 * TDRE_LANES points at a time.
 *
 * Every operation is the legacy one, in the legacy order, so the legacy
 * profile is bit for bit the Fortran; the lanes only run side by side (the
 * lanes are vectors: IEEE +, -, *, / give the same bits in a vector
 * register as in a scalar one); a single point runs the same source with
 * one lane (synth_kernel.h), so it gets the bits a batch gives it. The square roots of
 * the recursion come from the model's table instead of being recomputed.
 * Needs GCC or Clang (vector extensions).
 */
#include <string.h>

#include "model.h"

/* A batch's lanes are GCC/Clang vectors: the sums stay in registers across
 * the terms (plain lane loops leave them in memory, and the y sum's chain of
 * additions then waits on store forwarding at every term). Element-wise
 * vector operations are the scalar IEEE operations, lane by lane. */
typedef double vd_n __attribute__((vector_size(TDRE_LANES * sizeof(double))));
typedef long long vl_n __attribute__((vector_size(TDRE_LANES * sizeof(double))));

static inline vd_n vload_n(const double *a)
{
    vd_n v;
    memcpy(&v, a, sizeof v);
    return v;
}

static inline void vstore_n(double *a, vd_n v)
{
    memcpy(a, &v, sizeof v);
}

static inline vd_n gather_n(const double *const *c, int l)
{
    vd_n v;
    for (int b = 0; b < TDRE_LANES; b++)
        v[b] = c[b][l];
    return v;
}

/* mask ? a : b, lane by lane, by bits (no arithmetic on the values). */
static inline vd_n pick_n(vl_n mask, vd_n a, vd_n b)
{
    return (vd_n)((mask & (vl_n)a) | (~mask & (vl_n)b));
}

static inline vl_n polemask_n(const tdre_lanes *ln)
{
    vl_n mask;
    for (int b = 0; b < TDRE_LANES; b++)
        mask[b] = ln->pole[b] ? -1 : 0;
    return mask;
}

/* A single point: plain doubles (GCC keeps one-element vectors in memory). */
typedef double vd_1;
typedef int vl_1;

static inline vd_1 vload_1(const double *a)
{
    return a[0];
}

static inline void vstore_1(double *a, vd_1 v)
{
    a[0] = v;
}

static inline vd_1 gather_1(const double *const *c, int l)
{
    return c[0][l];
}

static inline vd_1 pick_1(vl_1 mask, vd_1 a, vd_1 b)
{
    return mask ? a : b;
}

static inline vl_1 polemask_1(const tdre_lanes *ln)
{
    return ln->pole[0];
}

#define K(name) name##_n
#define VD vd_n
#define VL vl_n
#include "synth_kernel.h"
#undef K
#undef VD
#undef VL

#define K(name) name##_1
#define VD vd_1
#define VL vl_1
#include "synth_kernel.h"
#undef K
#undef VD
#undef VL

void tdre_synth_1(const tdre_model *m, tdre_lanes *ln, int nmax, int two)
{
    if (ln->pole[0])
        synth_vec_1(m, ln, 1, nmax, two);
    else
        synth_vec_1(m, ln, 0, nmax, two);
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
    if (poles)
        synth_vec_n(m, ln, 1, nmax, two);
    else
        synth_vec_n(m, ln, 0, nmax, two);
}
