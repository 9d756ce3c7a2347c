/*
 * vectors_set.h: the set of test vectors that `tdre-gen vectors` writes.
 *
 * A set is planned once from a configuration and then any row can be made
 * from its index alone, in O(1) time and memory. The rows are numbered
 * edges first, then grid, then random (uniform half, then stratified half);
 * a shard is a contiguous range of those numbers. docs/vectors.md describes
 * the families and their proportions.
 */
#ifndef TDRE_VECTORS_SET_H
#define TDRE_VECTORS_SET_H

#include <stdint.h>

enum {
    TDRE_VFAM_EDGES = 1,
    TDRE_VFAM_GRID = 2,
    TDRE_VFAM_RANDOM = 4,
    TDRE_VFAM_ALL = 7
};

/* A closed interval [lo, hi]. */
typedef struct tdre_vrange {
    double lo, hi;
} tdre_vrange;

/* An IGRF generation as far as the vectors are concerned: the dates it
 * accepts (every multiple of 5 in [first, last] is an edge epoch) and the
 * out-of-range dates the edges family probes on either side. */
typedef struct tdre_vmodel {
    const char *name;
    double first, last;
    double below[2], above[2];
} tdre_vmodel;

typedef struct tdre_vset_config {
    const tdre_vmodel *model;
    tdre_vrange dates;              /* random and grid dates */
    tdre_vrange alt_geodetic;       /* ITYPE 1 heights, km */
    tdre_vrange radius_geocentric;  /* ITYPE 2 radii, km */
    double isv_mix;                 /* probability of ISV = 1 */
    double itype_mix;               /* probability of ITYPE = 2 */
    unsigned families;              /* TDRE_VFAM_* bits */
    uint64_t count;                 /* grid + random rows */
    uint64_t seed;
} tdre_vset_config;

/* One input of IGRF11SYN; alt is a radius when itype is 2. */
typedef struct tdre_vrow {
    int isv;
    double date;
    int itype;
    double alt, colat, elong;
} tdre_vrow;

typedef struct tdre_vset {
    tdre_vset_config cfg;
    uint64_t n_edges, n_grid, n_uniform, n_stratified, total;
    uint64_t grid_dims[4];          /* date, colatitude, longitude, altitude */
    uint64_t key_grid, key_uniform, key_stratified, key_perm[3];
    int perm_half_bits;
} tdre_vset;

/* The model called `name` (igrf11 .. igrf14), or NULL. */
const tdre_vmodel *tdre_vset_model(const char *name);

/* Number of edge rows for a model (independent of every other setting). */
uint64_t tdre_vset_edge_count(const tdre_vmodel *model);

/* Fills *set from *cfg (which must already be valid). */
void tdre_vset_plan(tdre_vset *set, const tdre_vset_config *cfg);

/* Row `index` (< set->total) of the set. */
void tdre_vset_row(const tdre_vset *set, uint64_t index, tdre_vrow *out);

#endif
