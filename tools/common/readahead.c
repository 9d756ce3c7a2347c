/*
 * readahead.c: a CSV file parsed ahead on a thread of its own (see
 * readahead.h).
 *
 * The reader fills batches of rows and passes them round a few slots in
 * order; the consumer takes rows out of the oldest full slot and gives it
 * back when it is empty. A batch ends early after a malformed row, so that
 * each batch carries at most one message, and after the end of the file.
 */
#include "readahead.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define BATCH 1024
#define SLOTS 4
#define ERR_LEN 512

typedef struct {
    tdre_vector vec[BATCH];
    tdre_result res[BATCH];
    long line[BATCH];
    signed char rc[BATCH];      /* what tdre_csv_next returned for the row */
    char err[ERR_LEN];          /* the message of the last row, when rc < 0 */
    size_t n;
    int full;                   /* filled by the reader, not yet emptied */
} batch;

struct tdre_readahead {
    tdre_csv *csv;
    int with_results;
    batch *slots;
    size_t taken;               /* consumer: rows taken from the current slot */
    size_t current;             /* consumer: batches emptied so far */
    int ended;                  /* consumer: end of file or read error seen */
    int stop;                   /* the consumer wants no more */
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t moved;       /* a slot was filled or emptied, or stop */
};

/* Parses rows into b until it is full, a row is malformed or the file
 * ends; 1 when the file has ended (nothing more to read). */
static int fill(tdre_readahead *ra, batch *b)
{
    b->n = 0;
    while (b->n < BATCH) {
        size_t i = b->n++;
        int rc = tdre_csv_next(ra->csv, &b->vec[i], ra->with_results ? &b->res[i] : NULL,
                               b->err, sizeof b->err);
        b->rc[i] = (signed char)rc;
        b->line[i] = tdre_csv_line(ra->csv);
        if (rc == 0 || rc == -2) return 1;
        if (rc == -1) return 0;
    }
    return 0;
}

static void *reader(void *arg)
{
    tdre_readahead *ra = arg;
    for (size_t k = 0;; k++) {
        batch *b = &ra->slots[k % SLOTS];
        pthread_mutex_lock(&ra->lock);
        while (b->full && !ra->stop)
            pthread_cond_wait(&ra->moved, &ra->lock);
        int stop = ra->stop;
        pthread_mutex_unlock(&ra->lock);
        if (stop) return NULL;
        int ended = fill(ra, b);
        pthread_mutex_lock(&ra->lock);
        b->full = 1;
        pthread_cond_broadcast(&ra->moved);
        pthread_mutex_unlock(&ra->lock);
        if (ended) return NULL;
    }
}

tdre_readahead *tdre_readahead_start(tdre_csv *csv, int with_results)
{
    tdre_readahead *ra = calloc(1, sizeof *ra);
    if (!ra) return NULL;
    ra->csv = csv;
    ra->with_results = with_results;
    if (!(ra->slots = calloc(SLOTS, sizeof *ra->slots))) {
        free(ra);
        return NULL;
    }
    if (pthread_mutex_init(&ra->lock, NULL) != 0) goto no_lock;
    if (pthread_cond_init(&ra->moved, NULL) != 0) goto no_cond;
    if (pthread_create(&ra->thread, NULL, reader, ra) != 0) goto no_thread;
    return ra;
no_thread:
    pthread_cond_destroy(&ra->moved);
no_cond:
    pthread_mutex_destroy(&ra->lock);
no_lock:
    free(ra->slots);
    free(ra);
    return NULL;
}

/* The slot the consumer reads from, once the reader has filled it. */
static batch *current_batch(tdre_readahead *ra)
{
    batch *b = &ra->slots[ra->current % SLOTS];
    pthread_mutex_lock(&ra->lock);
    while (!b->full)
        pthread_cond_wait(&ra->moved, &ra->lock);
    pthread_mutex_unlock(&ra->lock);
    return b;
}

/* Gives the emptied slot back to the reader. */
static void release_batch(tdre_readahead *ra, batch *b)
{
    pthread_mutex_lock(&ra->lock);
    b->full = 0;
    pthread_cond_broadcast(&ra->moved);
    pthread_mutex_unlock(&ra->lock);
    ra->current++;
    ra->taken = 0;
}

int tdre_readahead_next(tdre_readahead *ra, tdre_vector *vec, tdre_result *res, long *line,
                        char *err, size_t errlen)
{
    if (ra->ended) return 0;
    batch *b = current_batch(ra);
    size_t i = ra->taken++;
    int rc = b->rc[i];
    *line = b->line[i];
    if (rc == 1) {
        *vec = b->vec[i];
        if (res && ra->with_results) *res = b->res[i];
    } else if (rc < 0) {
        snprintf(err, errlen, "%s", b->err);
    }
    if (rc == 0 || rc == -2) ra->ended = 1;
    if (ra->taken == b->n && !ra->ended) release_batch(ra, b);
    return rc;
}

void tdre_readahead_stop(tdre_readahead *ra)
{
    if (!ra) return;
    pthread_mutex_lock(&ra->lock);
    ra->stop = 1;
    pthread_cond_broadcast(&ra->moved);
    pthread_mutex_unlock(&ra->lock);
    pthread_join(ra->thread, NULL);
    pthread_cond_destroy(&ra->moved);
    pthread_mutex_destroy(&ra->lock);
    free(ra->slots);
    free(ra);
}
