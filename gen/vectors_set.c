/*
 * vectors_set.c: planning a vector set and making any of its rows.
 *
 * Every row is a pure function of (configuration, index): random rows draw
 * from their own counter-based stream and the stratified rows' strata come
 * from keyed permutations evaluated on the spot, so nothing grows with the
 * count and a shard can begin at any index.
 */
#include "vectors_set.h"

#include <stddef.h>
#include <string.h>

#include "vectors_rng.h"

/* ---- models ---------------------------------------------------------- */

static const tdre_vmodel models[] = {
    {"igrf11", 1900.0, 2020.0, {1800.0, 1899.999}, {2020.0001, 2030.0}},
    {"igrf12", 1900.0, 2020.0, {1800.0, 1899.999}, {2020.0001, 2030.0}},
    {"igrf13", 1900.0, 2025.0, {1800.0, 1899.999}, {2025.0001, 2035.0}},
    {"igrf14", 1900.0, 2030.0, {1800.0, 1899.999}, {2030.0001, 2040.0}},
};

const tdre_vmodel *tdre_vset_model(const char *name)
{
    for (size_t i = 0; i < sizeof models / sizeof models[0]; i++)
        if (strcmp(models[i].name, name) == 0)
            return &models[i];
    return NULL;
}

/* ---- edges ----------------------------------------------------------- */

/* Either side of each epoch: 1e-6 (and 1e-7) fall where the legacy code's
 * single-precision 0.2 already selects the next model, 1e-5 does not. */
static const double edge_offsets[] = {-1e-5, -1e-6, -1e-7, -1e-9, 0.0,
                                      1e-9, 1e-7, 1e-6, 1e-5};
static const double edge_colats[] = {0.0, 90.0, 180.0};
static const double edge_elongs[] = {-180.0, 0.0, 360.0};
static const struct {
    int itype;
    double alt;
} edge_heights[] = {
    {1, -10.0}, {1, 0.0}, {1, 35786.0},      /* below sea level .. geostationary */
    {2, 3485.0}, {2, 6371.2}, {2, 42164.0},  /* core surface .. geostationary */
};

#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))
#define EDGE_OFFSETS COUNT_OF(edge_offsets)
#define EDGE_PER_DATE \
    (COUNT_OF(edge_colats) * COUNT_OF(edge_elongs) * COUNT_OF(edge_heights) * 2)

static uint64_t edge_epochs(const tdre_vmodel *model)
{
    return (uint64_t)((model->last - model->first) / 5.0) + 1;
}

static uint64_t edge_dates(const tdre_vmodel *model)
{
    return edge_epochs(model) * EDGE_OFFSETS + COUNT_OF(model->below) +
           COUNT_OF(model->above);
}

uint64_t tdre_vset_edge_count(const tdre_vmodel *model)
{
    return edge_dates(model) * EDGE_PER_DATE;
}

/* Edge dates in increasing order: below the range, epochs, above it. */
static double edge_date(const tdre_vmodel *model, uint64_t i)
{
    uint64_t n_below = COUNT_OF(model->below);
    uint64_t n_epoch_dates = edge_epochs(model) * EDGE_OFFSETS;
    if (i < n_below)
        return model->below[i];
    i -= n_below;
    if (i < n_epoch_dates)
        return (model->first + 5.0 * (double)(i / EDGE_OFFSETS)) +
               edge_offsets[i % EDGE_OFFSETS];
    return model->above[i - n_epoch_dates];
}

static void edge_row(const tdre_vset *set, uint64_t i, tdre_vrow *out)
{
    out->isv = (int)(i % 2);
    i /= 2;
    size_t h = i % COUNT_OF(edge_heights);
    i /= COUNT_OF(edge_heights);
    out->itype = edge_heights[h].itype;
    out->alt = edge_heights[h].alt;
    out->elong = edge_elongs[i % COUNT_OF(edge_elongs)];
    i /= COUNT_OF(edge_elongs);
    out->colat = edge_colats[i % COUNT_OF(edge_colats)];
    i /= COUNT_OF(edge_colats);
    out->date = edge_date(set->cfg.model, i);
}

/* ---- shared helpers -------------------------------------------------- */

static double clamp(double v, tdre_vrange r)
{
    return v < r.lo ? r.lo : v > r.hi ? r.hi : v;
}

/* lo + (hi - lo) * f for f in [0, 1], never leaving [lo, hi]. */
static double lerp(tdre_vrange r, double f)
{
    return clamp(r.lo + (r.hi - r.lo) * f, r);
}

/* Point k of n evenly spaced points covering [lo, hi] including both ends. */
static double lattice_closed(tdre_vrange r, uint64_t k, uint64_t n)
{
    if (n == 1)
        return lerp(r, 0.5);
    if (k == 0)
        return r.lo;
    if (k == n - 1)
        return r.hi;
    return clamp(r.lo + (r.hi - r.lo) * (double)k / (double)(n - 1), r);
}

static const tdre_vrange colat_range = {0.0, 180.0};
static const tdre_vrange elong_range = {-180.0, 360.0};

static tdre_vrange height_range(const tdre_vset *set, int itype)
{
    return itype == 2 ? set->cfg.radius_geocentric : set->cfg.alt_geodetic;
}

static void draw_types(const tdre_vset *set, uint64_t *state, tdre_vrow *out)
{
    out->itype = tdre_rng_unit(state) < set->cfg.itype_mix ? 2 : 1;
    out->isv = tdre_rng_unit(state) < set->cfg.isv_mix ? 1 : 0;
}

/* ---- grid ------------------------------------------------------------ */

/* Relative resolution of the axes: dates and longitudes finest. */
static const uint64_t grid_weight[4] = {4, 2, 4, 1};

/* The axis to grow next that keeps the product within target, or -1. */
static int grid_axis_to_grow(const uint64_t dims[4], uint64_t product, uint64_t target)
{
    int tried[4] = {0, 0, 0, 0};
    for (int round = 0; round < 4; round++) {
        int best = -1;
        for (int a = 0; a < 4; a++)
            if (!tried[a] && (best < 0 || dims[a] * grid_weight[best] <
                                              dims[best] * grid_weight[a]))
                best = a;
        tried[best] = 1;
        if (product / dims[best] * (dims[best] + 1) <= target)
            return best;
    }
    return -1;
}

/* The largest lattice (greedily, in the weights' proportions) with at most
 * target points; its size. */
static uint64_t plan_grid(uint64_t target, uint64_t dims[4])
{
    if (target == 0) {
        dims[0] = dims[1] = dims[2] = dims[3] = 0;
        return 0;
    }
    uint64_t product = 1;
    dims[0] = dims[1] = dims[2] = dims[3] = 1;
    for (int a; (a = grid_axis_to_grow(dims, product, target)) >= 0;) {
        product = product / dims[a] * (dims[a] + 1);
        dims[a]++;
    }
    return product;
}

static void grid_row(const tdre_vset *set, uint64_t j, tdre_vrow *out)
{
    const uint64_t *d = set->grid_dims;
    uint64_t state = tdre_rng_row(set->key_grid, j);
    draw_types(set, &state, out);
    uint64_t k_alt = j % d[3];
    j /= d[3];
    uint64_t k_lon = j % d[2];
    j /= d[2];
    uint64_t k_colat = j % d[1];
    j /= d[1];
    out->date = lattice_closed(set->cfg.dates, j, d[0]);
    out->colat = lattice_closed(colat_range, k_colat, d[1]);
    /* longitude is periodic: [-180, 180) without repeating the meridian */
    out->elong = -180.0 + 360.0 * (double)k_lon / (double)d[2];
    out->alt = lattice_closed(height_range(set, out->itype), k_alt, d[3]);
}

/* ---- random: uniform ------------------------------------------------- */

static void uniform_row(const tdre_vset *set, uint64_t j, tdre_vrow *out)
{
    uint64_t state = tdre_rng_row(set->key_uniform, j);
    draw_types(set, &state, out);
    out->date = lerp(set->cfg.dates, tdre_rng_unit(&state));
    out->colat = lerp(colat_range, tdre_rng_unit(&state));
    out->elong = lerp(elong_range, tdre_rng_unit(&state));
    out->alt = lerp(height_range(set, out->itype), tdre_rng_unit(&state));
}

/* ---- random: stratified (Latin hypercube) ---------------------------- */

/* A keyed bijection of [0, n): a 4-round Feistel network on 2*half bits,
 * walked until it lands inside the range (it always returns: the network
 * is a permutation, so the cycle through x comes back below n). */
static uint64_t permute(uint64_t key, uint64_t x, uint64_t n, int half)
{
    if (n <= 1)
        return 0;
    uint64_t mask = (UINT64_C(1) << half) - 1;
    do {
        uint64_t l = x >> half, r = x & mask;
        for (uint64_t round = 0; round < 4; round++) {
            uint64_t f = tdre_rng_mix((key + round * TDRE_RNG_GAMMA) ^ r) & mask;
            uint64_t t = l ^ f;
            l = r;
            r = t;
        }
        x = l << half | r;
    } while (x >= n);
    return x;
}

static int half_bits_for(uint64_t n)
{
    int half = 1;
    while (half < 32 && (UINT64_C(1) << (2 * half)) < n)
        half++;
    return half;
}

/* A point in stratum s of n along r, placed uniformly within the stratum. */
static double in_stratum(tdre_vrange r, uint64_t s, uint64_t n, double u)
{
    return lerp(r, ((double)s + u) / (double)n);
}

static void stratified_row(const tdre_vset *set, uint64_t j, tdre_vrow *out)
{
    uint64_t n = set->n_stratified;
    int half = set->perm_half_bits;
    uint64_t state = tdre_rng_row(set->key_stratified, j);
    draw_types(set, &state, out);
    out->date = in_stratum(set->cfg.dates, j, n, tdre_rng_unit(&state));
    out->colat = in_stratum(colat_range, permute(set->key_perm[0], j, n, half), n,
                            tdre_rng_unit(&state));
    out->elong = in_stratum(elong_range, permute(set->key_perm[1], j, n, half), n,
                            tdre_rng_unit(&state));
    out->alt = in_stratum(height_range(set, out->itype),
                          permute(set->key_perm[2], j, n, half), n,
                          tdre_rng_unit(&state));
}

/* ---- the set --------------------------------------------------------- */

void tdre_vset_plan(tdre_vset *set, const tdre_vset_config *cfg)
{
    memset(set, 0, sizeof *set);
    set->cfg = *cfg;
    unsigned fam = cfg->families;
    if (fam & TDRE_VFAM_EDGES)
        set->n_edges = tdre_vset_edge_count(cfg->model);
    if (fam & TDRE_VFAM_GRID) {
        uint64_t target = (fam & TDRE_VFAM_RANDOM) ? cfg->count / 2 : cfg->count;
        set->n_grid = plan_grid(target, set->grid_dims);
    }
    if (fam & TDRE_VFAM_RANDOM) {
        uint64_t n_random = cfg->count - set->n_grid;
        set->n_stratified = n_random / 2;
        set->n_uniform = n_random - set->n_stratified;
    }
    set->total = set->n_edges + set->n_grid + set->n_uniform + set->n_stratified;
    set->key_grid = tdre_rng_key(cfg->seed, 1);
    set->key_uniform = tdre_rng_key(cfg->seed, 2);
    set->key_stratified = tdre_rng_key(cfg->seed, 3);
    for (int a = 0; a < 3; a++)
        set->key_perm[a] = tdre_rng_key(cfg->seed, 4 + (uint64_t)a);
    set->perm_half_bits = half_bits_for(set->n_stratified);
}

void tdre_vset_row(const tdre_vset *set, uint64_t index, tdre_vrow *out)
{
    if (index < set->n_edges) {
        edge_row(set, index, out);
        return;
    }
    index -= set->n_edges;
    if (index < set->n_grid) {
        grid_row(set, index, out);
        return;
    }
    index -= set->n_grid;
    if (index < set->n_uniform) {
        uniform_row(set, index, out);
        return;
    }
    stratified_row(set, index - set->n_uniform, out);
}
