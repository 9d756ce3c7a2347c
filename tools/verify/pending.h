/*
 * pending.h: rows waiting for their partner, keyed by the input's bits.
 *
 * Two result files are paired by streaming both in step: a row whose
 * partner has not come yet waits here until it does. Memory is therefore
 * bounded by how far the files are out of order, not by their length;
 * tdre_pending_put refuses more than the limit given at creation.
 */
#ifndef TDRE_PENDING_H
#define TDRE_PENDING_H

#include <stddef.h>

#include "vecio.h"

typedef struct tdre_pending tdre_pending;

/* item_size bytes are copied in and out with every row. */
tdre_pending *tdre_pending_new(size_t item_size, size_t limit);
void tdre_pending_free(tdre_pending *p);

/* Same six inputs, to the bit. */
int tdre_vector_same(const tdre_vector *a, const tdre_vector *b);

/* 0, or -1 when the limit is reached (or out of memory). */
int tdre_pending_put(tdre_pending *p, const tdre_vector *key, const void *item);

/* 1 and the oldest row with this key copied into item (and removed), or 0. */
int tdre_pending_take(tdre_pending *p, const tdre_vector *key, void *item);

size_t tdre_pending_count(const tdre_pending *p);

/* Calls fn on every waiting row, oldest first. */
void tdre_pending_each(const tdre_pending *p, void (*fn)(const void *item, void *ctx), void *ctx);

#endif
