/*
 * eval.c: evaluation of one point (tdre_model_eval) and of many
 * (tdre_model_eval_batch, TDRE_LANES points per kernel call, optionally on
 * several threads). Both run the same arithmetic, so their results agree
 * bit for bit.
 */
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "model.h"

static void put_geom(tdre_lanes *ln, int b, const tdre_geom *g)
{
    ln->ct[b] = g->ct;
    ln->st[b] = g->st;
    ln->cl1[b] = g->cl1;
    ln->sl1[b] = g->sl1;
    ln->ratio[b] = g->ratio;
    ln->pole[b] = g->st == 0.0;
    ln->stdiv[b] = g->st == 0.0 ? 1.0 : g->st;
}

/* Lanes nl.. repeat lane 0's geometry: a block always runs full (their
 * coefficient columns hold whatever an earlier block left, finite). */
static void repeat_lane0(tdre_lanes *ln, int nl, const tdre_geom *g0)
{
    for (int b = nl; b < TDRE_LANES; b++)
        put_geom(ln, b, g0);
}

/* One point. With sv_only the SV coefficients take the place of the main
 * field's, so x, y, z, f of *out hold the SV (same sums, same bits). */
static int eval_point(const tdre_model *m, double date, int coord, double alt,
                      double colat, double elong, unsigned want, int sv_only,
                      tdre_field *out, char *err, size_t errlen)
{
    unsigned flags;
    int rc = tdre_check_point(m, date, coord, alt, colat, elong, &flags, err, errlen);
    tdre_geom g;
    if (rc == TDRE_OK) {
        rc = tdre_geom_at(m, coord, alt, colat, elong, &g, err, errlen);
        flags = rc ? TDRE_FLAG_BAD_POSITION : 0;
    }
    if (rc) {
        tdre_field_nan(out, flags);
        return rc;
    }
    tdre_recipe rcp;
    tdre_lanes ln;
    double c1[TDRE_NCOEF], c2[TDRE_NCOEF];
    int two = (want & TDRE_WANT_SV) != 0;
    tdre_recipe_at(m, date, &rcp);
    if (sv_only)
        tdre_recipe_apply_second(&rcp, c1);
    else
        tdre_recipe_apply(&rcp, c1, c2, two);
    ln.c1[0] = c1;
    ln.c2[0] = c2;
    put_geom(&ln, 0, &g);
    tdre_synth_1(m, &ln, rcp.nmax, two);
    tdre_field_finish(m, &g, &ln, 0, want, rcp.flags, out);
    return TDRE_OK;
}

int tdre_model_eval(const tdre_model *m, double date, int coord, double alt,
                    double colat, double elong, tdre_field *out,
                    char *err, size_t errlen)
{
    if (m == NULL || out == NULL)
        return tdre_seterr(err, errlen, TDRE_EINVAL, "tdre_model_eval: null argument");
    return eval_point(m, date, coord, alt, colat, elong, TDRE_WANT_ALL, 0, out, err,
                      errlen);
}

int tdre_model_eval_xyz(const tdre_model *m, int isv, double date, int coord,
                        double alt, double colat, double elong, double xyzf[4],
                        char *err, size_t errlen)
{
    if (m == NULL || xyzf == NULL || (isv != 0 && isv != 1))
        return tdre_seterr(err, errlen, TDRE_EINVAL,
                           "tdre_model_eval_xyz: null argument or isv %d not 0 or 1", isv);
    tdre_field fld;
    int rc;
    /* geomag70's SV is a difference of two main fields: both are needed. */
    if (isv && m->profile == TDRE_PROFILE_GEOMAG70) {
        rc = eval_point(m, date, coord, alt, colat, elong, TDRE_WANT_MAIN | TDRE_WANT_SV, 0,
                        &fld, err, errlen);
        fld.x = fld.dx;
        fld.y = fld.dy;
        fld.z = fld.dz;
        fld.f = sqrt(fld.x * fld.x + fld.y * fld.y + fld.z * fld.z);
    } else {
        rc = eval_point(m, date, coord, alt, colat, elong, TDRE_WANT_MAIN, isv, &fld, err,
                        errlen);
    }
    xyzf[0] = fld.x;
    xyzf[1] = fld.y;
    xyzf[2] = fld.z;
    xyzf[3] = fld.f;
    return rc;
}

/* Threads of one batch call; their jobs live on the caller's stack, which
 * stays small (about 20 kB) for a caller that is itself a thread. */
#define MAX_THREADS 64

/* Rows are handed out in chunks, in increasing order, to whichever thread
 * asks next: a thread that starts late or loses its core to other work
 * takes fewer chunks instead of making the others wait at the join. */
#define CHUNK_ROWS 1024

typedef struct batch_queue {
    _Alignas(64) atomic_size_t next;     /* first row not yet handed out */
    size_t n;
    char pad[64 - sizeof(size_t)];       /* the counter alone on its line */
} batch_queue;

/* One thread's share of a batch call, and the first failure among its
 * rows (its lowest failing row: its chunks come in increasing order). */
typedef struct batch_job {
    const tdre_model *m;
    const tdre_point *in;
    tdre_field *out;
    int *status;
    batch_queue *queue;
    unsigned want;
    int two;             /* want has TDRE_WANT_SV */
    int code;            /* code of the first failing row, 0 if none */
    size_t bad_row;
    char msg[256];
    pthread_t tid;       /* the thread running it, when started */
    int started;
} batch_job;

/* Coefficients of a block's lanes, interleaved (tdre_lanes.ci1/ci2). A
 * column keeps its date's coefficients from block to block, so a run of
 * one date (grids, orbits at one epoch, survey lines) weighs them once per
 * lane; a lane whose date is that of the lane before copies its column. */
typedef struct coef_block {
    double ci1[TDRE_NCOEF * TDRE_LANES], ci2[TDRE_NCOEF * TDRE_LANES];
    double date[TDRE_LANES];
    int filled[TDRE_LANES];      /* column b holds the coefficients of date[b] */
    int ncoef[TDRE_LANES];       /* column b is zero from ncoef[b] on */
    tdre_recipe rc[TDRE_LANES];
} coef_block;

static void copy_column(double *ci, int from, int to, int nc, int old_nc)
{
    for (int l = 0; l < nc; l++)
        ci[l * TDRE_LANES + to] = ci[l * TDRE_LANES + from];
    for (int l = nc; l < old_nc; l++)
        ci[l * TDRE_LANES + to] = 0.0;
}

static const tdre_recipe *pool_coefficients(batch_job *jb, coef_block *cb, int b,
                                            double date)
{
    if (cb->filled[b] && cb->date[b] == date)
        return &cb->rc[b];
    int old_nc = cb->ncoef[b];
    if (b > 0 && cb->date[b - 1] == date) {     /* lane b - 1 is this block's */
        int nc = cb->ncoef[b - 1];
        copy_column(cb->ci1, b - 1, b, nc, old_nc);
        if (jb->two)
            copy_column(cb->ci2, b - 1, b, nc, old_nc);
        cb->rc[b] = cb->rc[b - 1];
    } else {
        tdre_recipe_at(jb->m, date, &cb->rc[b]);
        tdre_recipe_apply_lane(&cb->rc[b], cb->ci1, cb->ci2, b, jb->two, old_nc);
    }
    cb->ncoef[b] = cb->rc[b].ncoef;
    cb->filled[b] = 1;
    cb->date[b] = date;
    return &cb->rc[b];
}

static void row_failed(batch_job *jb, size_t k, int code, unsigned flags)
{
    tdre_field_nan(&jb->out[k], flags);
    if (jb->status)
        jb->status[k] = code;
    if (jb->code == TDRE_OK) {
        jb->code = code;
        jb->bad_row = k;
    }
}

/* Checks row k and, if it can be evaluated, puts it in lane b. */
static int load_lane(batch_job *jb, coef_block *cb, tdre_lanes *ln, int b,
                     size_t k, tdre_geom *g, int *nmax, unsigned *flags)
{
    const tdre_point *pt = &jb->in[k];
    unsigned bad;
    char *msg = jb->code == TDRE_OK ? jb->msg : NULL;
    size_t msglen = sizeof jb->msg;
    int rc = tdre_check_point(jb->m, pt->date, pt->coord, pt->alt, pt->colat,
                              pt->elong, &bad, msg, msglen);
    if (rc == TDRE_OK) {
        rc = tdre_geom_at(jb->m, pt->coord, pt->alt, pt->colat, pt->elong, g,
                          msg, msglen);
        bad = TDRE_FLAG_BAD_POSITION;
    }
    if (rc) {
        row_failed(jb, k, rc, bad);
        return 0;
    }
    const tdre_recipe *r = pool_coefficients(jb, cb, b, pt->date);
    *nmax = r->nmax;
    *flags = r->flags;
    put_geom(ln, b, g);
    return 1;
}

/* Evaluates up to TDRE_LANES loaded lanes together at the block's highest
 * degree: the coefficient vectors are zero past their own degree (adding
 * exact zeros leaves a lane's sums unchanged). Idle lanes repeat lane 0. */
static void run_block(batch_job *jb, tdre_lanes *ln, int nl, const size_t *rows,
                      const tdre_geom *g, const int *nmax, const unsigned *flags)
{
    int block_nmax = 0;
    for (int b = 0; b < nl; b++)
        if (nmax[b] > block_nmax)
            block_nmax = nmax[b];
    repeat_lane0(ln, nl, &g[0]);
    tdre_synth_n(jb->m, ln, block_nmax, jb->two);
    for (int b = 0; b < nl; b++) {
        tdre_field_finish(jb->m, &g[b], ln, b, jb->want, flags[b], &jb->out[rows[b]]);
        if (jb->status)
            jb->status[rows[b]] = TDRE_OK;
    }
}

/* Evaluates rows first .. end - 1, TDRE_LANES at a time. */
static void run_range(batch_job *jb, coef_block *cb, tdre_lanes *ln, size_t first,
                      size_t end)
{
    size_t k = first;
    while (k < end) {
        size_t rows[TDRE_LANES];
        tdre_geom g[TDRE_LANES];
        int nmax[TDRE_LANES];
        unsigned flags[TDRE_LANES];
        int nl = 0;
        for (; nl < TDRE_LANES && k < end; k++) {
            if (!load_lane(jb, cb, ln, nl, k, &g[nl], &nmax[nl], &flags[nl]))
                continue;
            rows[nl] = k;
            nl++;
        }
        if (nl > 0)
            run_block(jb, ln, nl, rows, g, nmax, flags);
    }
}

static void *run_rows(void *arg)
{
    batch_job *jb = arg;
    batch_queue *qu = jb->queue;
    coef_block *cb = calloc(1, sizeof *cb);     /* zeros: idle lanes stay finite */
    tdre_lanes ln;
    size_t first;
    if (cb == NULL) {
        /* No memory for this thread: the chunks it takes fail. */
        while ((first = atomic_fetch_add(&qu->next, CHUNK_ROWS)) < qu->n) {
            size_t end = qu->n - first < CHUNK_ROWS ? qu->n : first + CHUNK_ROWS;
            for (size_t k = first; k < end; k++)
                row_failed(jb, k, TDRE_ENOMEM, TDRE_FLAG_BAD_INPUT);
            snprintf(jb->msg, sizeof jb->msg, "out of memory");
        }
        return NULL;
    }
    ln.ci1 = cb->ci1;
    ln.ci2 = cb->ci2;
    while ((first = atomic_fetch_add(&qu->next, CHUNK_ROWS)) < qu->n)
        run_range(jb, cb, &ln, first,
                  qu->n - first < CHUNK_ROWS ? qu->n : first + CHUNK_ROWS);
    free(cb);
    return NULL;
}

static int thread_count(const tdre_batch_options *opt, size_t n)
{
    long t = opt ? opt->nthreads : 1;
    if (t < 0)
        t = sysconf(_SC_NPROCESSORS_ONLN);
    if (t < 1)
        t = 1;
    if (t > MAX_THREADS)
        t = MAX_THREADS;
    /* A thread is worth starting for a few thousand points at least. */
    size_t most = n / 1024 + 1;
    if ((size_t)t > most)
        t = (long)most;
    return (int)t;
}

int tdre_model_eval_batch(const tdre_model *m, size_t n, const tdre_point *in,
                          tdre_field *out, int *status,
                          const tdre_batch_options *opt,
                          char *err, size_t errlen)
{
    if (m == NULL || (n > 0 && (in == NULL || out == NULL)))
        return tdre_seterr(err, errlen, TDRE_EINVAL,
                           "tdre_model_eval_batch: null argument");
    unsigned want = opt && opt->want ? opt->want | TDRE_WANT_MAIN : TDRE_WANT_ALL;
    if (opt && (opt->nthreads < -1 || (want & ~TDRE_WANT_ALL)))
        return tdre_seterr(err, errlen, TDRE_EINVAL,
                           "tdre_model_eval_batch: bad options (nthreads %d, want %#x)",
                           opt->nthreads, opt->want);
    int nt = thread_count(opt, n);
    batch_job jobs[MAX_THREADS];
    batch_queue queue;
    atomic_init(&queue.next, 0);
    queue.n = n;
    for (int t = 0; t < nt; t++) {
        batch_job *jb = &jobs[t];
        jb->m = m;
        jb->in = in;
        jb->out = out;
        jb->status = status;
        jb->queue = &queue;
        jb->want = want;
        jb->two = (want & TDRE_WANT_SV) != 0;
        jb->code = TDRE_OK;
        jb->msg[0] = '\0';
        jb->started = t > 0 && pthread_create(&jb->tid, NULL, run_rows, jb) == 0;
    }
    run_rows(&jobs[0]);
    for (int t = 1; t < nt; t++)
        if (jobs[t].started)
            pthread_join(jobs[t].tid, NULL);
    /* The first failing row of the call is the lowest of the threads' first. */
    const batch_job *worst = NULL;
    for (int t = 0; t < nt; t++)
        if (jobs[t].code != TDRE_OK && (worst == NULL || jobs[t].bad_row < worst->bad_row))
            worst = &jobs[t];
    if (worst)
        return tdre_seterr(err, errlen, worst->code, "point %zu: %s", worst->bad_row,
                           worst->msg);
    return TDRE_OK;
}
