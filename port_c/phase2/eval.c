/*
 * eval.c: evaluation of one point (tdre_model_eval) and of many
 * (tdre_model_eval_batch, TDRE_LANES points per kernel call, optionally on
 * several threads). Both run the same arithmetic, so their results agree
 * bit for bit.
 */
#include <math.h>
#include <pthread.h>
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

int tdre_model_eval(const tdre_model *m, double date, int coord, double alt,
                    double colat, double elong, tdre_field *out,
                    char *err, size_t errlen)
{
    if (m == NULL || out == NULL)
        return tdre_seterr(err, errlen, TDRE_EINVAL, "tdre_model_eval: null argument");
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
    tdre_recipe_at(m, date, &rcp);
    tdre_recipe_apply(&rcp, &ln.c1[0][0], &ln.c2[0][0], TDRE_LANES);
    put_geom(&ln, 0, &g);
    tdre_synth_1(m, &ln, rcp.nmax, 1);
    tdre_field_finish(m, &g, &ln, 0, 1, rcp.flags, out);
    return TDRE_OK;
}

/* The rows one thread evaluates, and the first failure among them. */
typedef struct batch_job {
    const tdre_model *m;
    const tdre_point *in;
    tdre_field *out;
    int *status;
    size_t first, end;
    int two;
    int code;            /* code of the first failing row, 0 if none */
    size_t bad_row;
    char msg[256];
} batch_job;

/* Coefficients of the last date seen, shared by the following points with
 * the same date (grids, orbits at one epoch, survey lines). */
typedef struct coef_cache {
    int valid;
    double date;
    tdre_recipe rc;
    double c1[TDRE_NCOEF], c2[TDRE_NCOEF];
} coef_cache;

static const tdre_recipe *cached_recipe(const tdre_model *m, coef_cache *cc,
                                        double date)
{
    if (!cc->valid || cc->date != date) {
        tdre_recipe_at(m, date, &cc->rc);
        tdre_recipe_apply(&cc->rc, cc->c1, cc->c2, 1);
        cc->date = date;
        cc->valid = 1;
    }
    return &cc->rc;
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
static int load_lane(batch_job *jb, coef_cache *cc, tdre_lanes *ln, int b,
                     size_t k, tdre_geom *g, const tdre_recipe **rcs)
{
    const tdre_point *pt = &jb->in[k];
    unsigned flags;
    char *msg = jb->code == TDRE_OK ? jb->msg : NULL;
    size_t msglen = sizeof jb->msg;
    int rc = tdre_check_point(jb->m, pt->date, pt->coord, pt->alt, pt->colat,
                              pt->elong, &flags, msg, msglen);
    if (rc == TDRE_OK) {
        rc = tdre_geom_at(jb->m, pt->coord, pt->alt, pt->colat, pt->elong, g,
                          msg, msglen);
        flags = TDRE_FLAG_BAD_POSITION;
    }
    if (rc) {
        row_failed(jb, k, rc, flags);
        return 0;
    }
    const tdre_recipe *r = cached_recipe(jb->m, cc, pt->date);
    for (int l = 0; l < r->ncoef; l++) {
        ln->c1[l][b] = cc->c1[l];
        ln->c2[l][b] = cc->c2[l];
    }
    put_geom(ln, b, g);
    rcs[b] = r;
    return 1;
}

/* Evaluates up to TDRE_LANES loaded lanes together. Lanes of a lower
 * degree get zero coefficients up to the block's degree (adding exact zeros
 * leaves their sums unchanged); idle lanes repeat lane 0. */
static void run_block(batch_job *jb, tdre_lanes *ln, int nl, const size_t *rows,
                      const tdre_geom *g, const int *nmax, const unsigned *flags)
{
    int block_nmax = 0;
    for (int b = 0; b < nl; b++)
        if (nmax[b] > block_nmax)
            block_nmax = nmax[b];
    int ncoef = block_nmax * (block_nmax + 2);
    for (int b = 0; b < nl; b++)
        for (int l = nmax[b] * (nmax[b] + 2); l < ncoef; l++)
            ln->c1[l][b] = ln->c2[l][b] = 0.0;
    for (int b = nl; b < TDRE_LANES; b++) {
        put_geom(ln, b, &g[0]);
        for (int l = 0; l < ncoef; l++) {
            ln->c1[l][b] = ln->c1[l][0];
            ln->c2[l][b] = ln->c2[l][0];
        }
    }
    tdre_synth_4(jb->m, ln, block_nmax, jb->two);
    for (int b = 0; b < nl; b++) {
        tdre_field_finish(jb->m, &g[b], ln, b, jb->two, flags[b], &jb->out[rows[b]]);
        if (jb->status)
            jb->status[rows[b]] = TDRE_OK;
    }
}

static void *run_rows(void *arg)
{
    batch_job *jb = arg;
    coef_cache cc;
    tdre_lanes ln;
    cc.valid = 0;
    size_t k = jb->first;
    while (k < jb->end) {
        size_t rows[TDRE_LANES];
        tdre_geom g[TDRE_LANES];
        int nmax[TDRE_LANES];
        unsigned flags[TDRE_LANES];
        const tdre_recipe *rcs[TDRE_LANES];
        int nl = 0;
        for (; nl < TDRE_LANES && k < jb->end; k++) {
            if (!load_lane(jb, &cc, &ln, nl, k, &g[nl], rcs))
                continue;
            rows[nl] = k;
            nmax[nl] = rcs[nl]->nmax;
            flags[nl] = rcs[nl]->flags;
            nl++;
        }
        if (nl > 0)
            run_block(jb, &ln, nl, rows, g, nmax, flags);
    }
    return NULL;
}

static int thread_count(const tdre_batch_options *opt, size_t n)
{
    long t = opt ? opt->nthreads : 1;
    if (t < 0)
        t = sysconf(_SC_NPROCESSORS_ONLN);
    if (t < 1)
        t = 1;
    if (t > 256)
        t = 256;
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
    unsigned want = opt && opt->want ? opt->want : TDRE_WANT_MAIN | TDRE_WANT_SV;
    if (opt && (opt->nthreads < -1 || (want & ~(TDRE_WANT_MAIN | TDRE_WANT_SV))))
        return tdre_seterr(err, errlen, TDRE_EINVAL,
                           "tdre_model_eval_batch: bad options (nthreads %d, want %#x)",
                           opt->nthreads, opt->want);
    int nt = thread_count(opt, n);
    batch_job jobs[256];
    pthread_t tid[256];
    int started[256];
    for (int t = 0; t < nt; t++) {
        batch_job *jb = &jobs[t];
        jb->m = m;
        jb->in = in;
        jb->out = out;
        jb->status = status;
        jb->first = n / (size_t)nt * (size_t)t;
        jb->end = t == nt - 1 ? n : n / (size_t)nt * (size_t)(t + 1);
        jb->two = (want & TDRE_WANT_SV) != 0;
        jb->code = TDRE_OK;
        jb->msg[0] = '\0';
        started[t] = t > 0 && pthread_create(&tid[t], NULL, run_rows, jb) == 0;
    }
    run_rows(&jobs[0]);
    for (int t = 1; t < nt; t++) {
        if (started[t])
            pthread_join(tid[t], NULL);
        else
            run_rows(&jobs[t]);   /* no thread: do its share here */
    }
    for (int t = 0; t < nt; t++)
        if (jobs[t].code != TDRE_OK)
            return tdre_seterr(err, errlen, jobs[t].code, "point %zu: %s",
                               jobs[t].bad_row, jobs[t].msg);
    return TDRE_OK;
}
