/*
 * model.h: the inside of a tdre_model handle, shared by the phase 2 sources.
 *
 * Coefficients are kept packed in the legacy order (for n = 1..nmax: g(n,0),
 * then g(n,m), h(n,m) for m = 1..n), because the legacy profile must add
 * them up in exactly that order and the other profiles lose nothing by it.
 */
#ifndef TDRE_MODEL_H
#define TDRE_MODEL_H

#include "coeffs.h"
#include "tdre.h"

/* Functions with an AVX2 clone picked at load time (GCC, x86-64 ELF);
 * -DTDRE_NO_CLONES builds the baseline alone (tested bit for bit too). */
#if defined(__GNUC__) && defined(__x86_64__) && !defined(__clang__) && \
    defined(__ELF__) && !defined(TDRE_NO_CLONES)
#define TDRE_CLONES 1
#else
#define TDRE_CLONES 0
#endif

#define TDRE_NCOEF 195   /* packed coefficients of a degree-13 model */
#define TDRE_KMAX  105   /* Legendre terms (n, m) with m <= n <= 13, plus k = 1 */
#define TDRE_LANES 4     /* points evaluated together by the batch kernel */

/* Legacy packed array: 19 degree-10 models, up to 21 degree-13 models, the
 * SV block, and the trailing zero the Fortran declares. 1-based. */
#define TDRE_LEGACY_SPLIT 19
#define TDRE_LEGACY_GHLEN (1 + 120 * TDRE_LEGACY_SPLIT \
                           + 195 * (TDRE_COEFFS_EPOCHS - TDRE_LEGACY_SPLIT + 1) + 1)

enum { TDRE_REC_PRESET = 0, TDRE_REC_SECTORAL = 1, TDRE_REC_GENERAL = 2 };

/* One step k of the Legendre recursion, as igrf11.f computes it. Every
 * number here depends only on (n, m), so it is worked out once per model. */
typedef struct tdre_rec {
    int n, m;        /* degree and order of term k */
    int newn;        /* 1 when k starts degree n (rr gains a factor) */
    int kind;        /* TDRE_REC_* */
    int i, j;        /* earlier terms the recursion reads (1-based k) */
    double a, b;     /* diag: a = sqrt(1 - 0.5/m); else a = three, b = two */
    double fn1, fm;  /* n + 1 and m as doubles */
} tdre_rec;

/* The constants a profile computes with. */
typedef struct tdre_consts {
    double deg2rad, a2, b2, radius, rad2deg;
} tdre_consts;

/* The legacy epoch layout: 5-year epochs from e0, the degree-13 layout from
 * esplit on, SV after elast (igrf11.f: 1900, 1995, 2010). */
typedef struct tdre_layout {
    double e0, esplit, elast;
    int nsplit;      /* epochs before esplit (19) */
    int nepochs;     /* main-field epochs in the array */
} tdre_layout;

/* Where the legacy arithmetic takes its coefficients for one date. */
typedef struct tdre_legacy_index {
    long base;       /* GH(base + l) and GH(base + l + nc), l = 1..nc */
    int nc, nmax;
    double t, tc;    /* weights of the two coefficient sets */
    int lf;          /* interval index the fraction t belongs to */
    int model_a;     /* epoch index of GH(base + 1 ..) */
    int layout_ok;   /* GH(base + nc + 1 ..) is epoch model_a + 1 (or SV when extrapolating) */
} tdre_legacy_index;

/* c[l] = wa A[l] + wb B[l] for the main field; sa A2[l] + sb B2[l] for the
 * second set (SV, or the field at date + 1 in the geomag70 profile). */
typedef struct tdre_recipe {
    const double *a, *b, *a2, *b2;
    double wa, wb, sa, sb;
    int ncoef, nmax;
    unsigned flags;
} tdre_recipe;

struct tdre_model {
    char name[TDRE_COEFFS_NAMELEN];
    int profile;
    int nepochs;                     /* main-field epochs */
    double epoch[TDRE_COEFFS_EPOCHS];
    int nmax[TDRE_COEFFS_EPOCHS];
    int sv_nmax, degree;
    double from, to;                 /* accepted dates */
    double warn_after;               /* legacy: dates after this are flagged */
    tdre_consts c;
    int has_legacy;                  /* layout usable by the legacy arithmetic */
    tdre_layout layout;
    tdre_rec rec[TDRE_KMAX + 1];     /* 1-based */
    double gh[TDRE_COEFFS_EPOCHS + 1][TDRE_NCOEF];  /* row nepochs: SV */
    double svi[TDRE_COEFFS_EPOCHS][TDRE_NCOEF];     /* SV of interval e */
    double lgh[TDRE_LEGACY_GHLEN];   /* legacy profile only, 1-based */
};

/* The points of one kernel call: inputs, coefficients per lane and sums.
 * Arrays are [lane] so that the lane loops vectorise; lanes of one date
 * share their coefficient vectors. */
typedef struct tdre_lanes {
    double ct[TDRE_LANES], st[TDRE_LANES], cl1[TDRE_LANES], sl1[TDRE_LANES];
    double ratio[TDRE_LANES], stdiv[TDRE_LANES];
    int pole[TDRE_LANES];
    const double *c1[TDRE_LANES], *c2[TDRE_LANES];  /* one point: TDRE_NCOEF each */
    /* A batch block: coefficient l of lane b at [l * TDRE_LANES + b], so
     * that the kernel loads a term's coefficients as one vector. */
    const double *ci1, *ci2;
    double x[TDRE_LANES], y[TDRE_LANES], z[TDRE_LANES];
    double x2[TDRE_LANES], y2[TDRE_LANES], z2[TDRE_LANES];
} tdre_lanes;

/* A point's geometry after the profile's position arithmetic. */
typedef struct tdre_geom {
    double ct, st, cl1, sl1, ratio, cd, sd;
    int pole;        /* geomag70: within 0.001 degree of a pole */
} tdre_geom;

/* error.c */
int tdre_seterr(char *err, size_t errlen, int code, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

/* layout.c */
void tdre_layout_igrf11(tdre_layout *ly);
void tdre_legacy_index_at(const tdre_layout *ly, double date, int isv,
                          tdre_legacy_index *ix);
int tdre_layout_defect(const tdre_layout *ly, double date, int isv);

/* recipe.c */
void tdre_recipe_at(const tdre_model *m, double date, tdre_recipe *rc);
/* Writes TDRE_NCOEF coefficients into c1 (and c2 when two), zeros past
 * the recipe's own. */
void tdre_recipe_apply(const tdre_recipe *rc, double *c1, double *c2, int two);
/* The same into lane `lane` of interleaved blocks (tdre_lanes.ci1/ci2)
 * whose column is zero from old_nc on (it is left zero from ncoef on). */
void tdre_recipe_apply_lane(const tdre_recipe *rc, double *ci1, double *ci2, int lane,
                            int two, int old_nc);
/* The second set alone (for a call that wants only the SV). */
void tdre_recipe_apply_second(const tdre_recipe *rc, double *c);

/* position.c */
int tdre_geom_at(const tdre_model *m, int coord, double alt, double colat,
                 double elong, tdre_geom *g, char *err, size_t errlen);

/* synth.c: sums x, y, z (and x2, y2, z2 when two) of lane 0 (synth_1) or
 * of every lane (synth_n), in the geocentric frame. */
void tdre_synth_1(const tdre_model *m, tdre_lanes *ln, int nmax, int two);
void tdre_synth_n(const tdre_model *m, tdre_lanes *ln, int nmax, int two);

/* field.c */
void tdre_field_nan(tdre_field *out, unsigned flags);
void tdre_field_finish(const tdre_model *m, const tdre_geom *g,
                       const tdre_lanes *ln, int lane, unsigned want,
                       unsigned flags, tdre_field *out);
int tdre_check_point(const tdre_model *m, double date, int coord, double alt,
                     double colat, double elong, unsigned *flags,
                     char *err, size_t errlen);

#endif
