/*
 * pending.c: a hash table of waiting rows with an age-ordered list
 * (see pending.h).
 */
#include "pending.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define NBUCKETS 65536u

typedef struct node {
    struct node *chain;             /* same bucket */
    struct node *older, *newer;     /* all rows, by arrival */
    tdre_vector key;
    unsigned char item[];
} node;

struct tdre_pending {
    size_t item_size, limit, count;
    node *buckets[NBUCKETS];
    node *oldest, *newest;
};

int tdre_vector_same(const tdre_vector *a, const tdre_vector *b)
{
    return a->isv == b->isv && a->itype == b->itype &&
           memcmp(&a->date, &b->date, sizeof a->date) == 0 &&
           memcmp(&a->alt, &b->alt, sizeof a->alt) == 0 &&
           memcmp(&a->colat, &b->colat, sizeof a->colat) == 0 &&
           memcmp(&a->elong, &b->elong, sizeof a->elong) == 0;
}

static uint64_t mix(uint64_t h, uint64_t v)
{
    h ^= v + 0x9e3779b97f4a7c15u + (h << 6) + (h >> 2);
    return h * 0xff51afd7ed558ccdu;
}

static unsigned bucket_of(const tdre_vector *k)
{
    uint64_t h = (uint64_t)k->isv * 3u + (uint64_t)k->itype, bits;
    const double *d[4] = { &k->date, &k->alt, &k->colat, &k->elong };
    for (int i = 0; i < 4; i++) {
        memcpy(&bits, d[i], sizeof bits);
        h = mix(h, bits);
    }
    return (unsigned)(h >> 40) % NBUCKETS;
}

tdre_pending *tdre_pending_new(size_t item_size, size_t limit)
{
    tdre_pending *p = calloc(1, sizeof *p);
    if (!p) return NULL;
    p->item_size = item_size;
    p->limit = limit;
    return p;
}

void tdre_pending_free(tdre_pending *p)
{
    node *n, *next;
    if (!p) return;
    for (n = p->oldest; n; n = next) {
        next = n->newer;
        free(n);
    }
    free(p);
}

int tdre_pending_put(tdre_pending *p, const tdre_vector *key, const void *item)
{
    node *n, **at;
    if (p->count == p->limit || !(n = malloc(sizeof *n + p->item_size))) return -1;
    n->key = *key;
    memcpy(n->item, item, p->item_size);
    n->chain = NULL;
    /* at the end of its chain, so the oldest of equal keys is found first */
    for (at = &p->buckets[bucket_of(key)]; *at; at = &(*at)->chain) {}
    *at = n;
    n->older = p->newest;
    n->newer = NULL;
    if (p->newest) p->newest->newer = n;
    else p->oldest = n;
    p->newest = n;
    p->count++;
    return 0;
}

int tdre_pending_take(tdre_pending *p, const tdre_vector *key, void *item)
{
    node **at, *n;
    if (p->count == 0) return 0;
    for (at = &p->buckets[bucket_of(key)]; (n = *at); at = &n->chain) {
        if (!tdre_vector_same(&n->key, key)) continue;
        *at = n->chain;
        if (n->older) n->older->newer = n->newer;
        else p->oldest = n->newer;
        if (n->newer) n->newer->older = n->older;
        else p->newest = n->older;
        memcpy(item, n->item, p->item_size);
        free(n);
        p->count--;
        return 1;
    }
    return 0;
}

size_t tdre_pending_count(const tdre_pending *p)
{
    return p->count;
}

void tdre_pending_each(const tdre_pending *p, void (*fn)(const void *item, void *ctx), void *ctx)
{
    for (const node *n = p->oldest; n; n = n->newer) fn(n->item, ctx);
}
