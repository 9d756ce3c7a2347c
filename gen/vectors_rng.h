/*
 * vectors_rng.h: the vector generator's random numbers (splitmix64).
 *
 * Counter based: every row owns a stream derived from (seed, family, row
 * index), so a row can be produced without producing the rows before it.
 * That is what lets --shard start anywhere and keeps memory flat. Only
 * integer operations and one exact int-to-double scaling are used, so the
 * numbers are the same on every machine and compiler.
 */
#ifndef TDRE_VECTORS_RNG_H
#define TDRE_VECTORS_RNG_H

#include <stdint.h>

#define TDRE_RNG_GAMMA 0x9e3779b97f4a7c15u

/* splitmix64's finaliser: a bijection of 64-bit words with good avalanche. */
static inline uint64_t tdre_rng_mix(uint64_t z)
{
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}

/* The next word of a splitmix64 stream whose state is *state. */
static inline uint64_t tdre_rng_next(uint64_t *state)
{
    *state += TDRE_RNG_GAMMA;
    return tdre_rng_mix(*state);
}

/* A key for one family of one seed; tags are small distinct constants. */
static inline uint64_t tdre_rng_key(uint64_t seed, uint64_t tag)
{
    return tdre_rng_mix(tdre_rng_mix(seed) + tag);
}

/* The starting state of row `index`'s stream under `key`. */
static inline uint64_t tdre_rng_row(uint64_t key, uint64_t index)
{
    return tdre_rng_mix(key ^ tdre_rng_mix(index * 0xd1342543de82ef95u + 1u));
}

/* A double uniform in [0, 1): the top 53 bits, scaled exactly. */
static inline double tdre_rng_unit(uint64_t *state)
{
    return (double)(tdre_rng_next(state) >> 11) * 0x1.0p-53;
}

#endif
