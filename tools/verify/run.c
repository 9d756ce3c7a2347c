/*
 * run.c: streams the input rows through the implementations and every
 * comparison, in batches, holding no more than a batch (plus the rows a
 * second result file is out of order by) in memory.
 *
 * The primary stream of rows is a vector or result file (--input, or the
 * first --results) or the generator (tdre-gen vectors, run through a pipe).
 * Implementations are evaluated on the same rows in this process, so their
 * rows pair by construction. Files are parsed ahead on threads of their own
 * (readahead.h), so parsing overlaps pairing, evaluation and statistics. A second result file is paired by input bits
 * (pending.h); what stays unpaired is named at the end.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "capture.h"
#include "oracle.h"
#include "phase1.h"
#include "pending.h"
#include "readahead.h"
#include "verify.h"

#define BATCH 4096

typedef struct {
    tdre_vector in;
    tdre_result res[TDRE_MAX_SOURCES];
    long line_p, line_s;    /* primary and secondary file lines (0: none) */
} record;

typedef struct {
    tdre_vector in;
    tdre_result res;
    long line;
} srow;

typedef struct {
    tdre_verify *v;
    tdre_csv *prim, *sec;
    tdre_readahead *prim_ra, *sec_ra;   /* their rows, parsed ahead */
    FILE *gen_pipe;
    const char *prim_name;
    tdre_pending *pend_p, *pend_s;
    tdre_defect_fn *defect;
    int sec_eof, progress_shown;
    uint64_t next_progress;
} run_state;

/* Every comparison that involves source s (or all, s < 0) gets a problem. */
static void problem_for(tdre_verify *v, int s, const char *text)
{
    for (int i = 0; i < v->ncmp; i++)
        if (s < 0 || v->cmp_a[i] == s || v->cmp_b[i] == s)
            tdre_cmp_problem(v->cmp[i], "%s", text);
}

static void emit(run_state *st, const record *r)
{
    tdre_verify *v = st->v;
    tdre_side side[TDRE_MAX_SOURCES];
    for (int s = 0; s < v->nsrc; s++) {
        side[s].res = &r->res[s];
        side[s].has_status = v->src[s].has_status;
        side[s].file = NULL;
        side[s].line = 0;
        if (s == v->primary_file || s == v->secondary_file) {
            side[s].file = v->src[s].path;
            side[s].line = s == v->primary_file ? r->line_p : r->line_s;
        }
    }
    for (int i = 0; i < v->ncmp; i++)
        tdre_cmp_add(v->cmp[i], &r->in, &side[v->cmp_a[i]], &side[v->cmp_b[i]], st->defect);
    v->sec[0].rows++;
}

/* Next row of the second result file into s; 0 at its end. */
static int next_secondary(run_state *st, srow *s)
{
    char err[512];
    int r;
    while (!st->sec_eof) {
        r = tdre_readahead_next(st->sec_ra, &s->in, &s->res, &s->line, err, sizeof err);
        if (r == 1) {
            if (!st->v->src[st->v->secondary_file].has_status) strcpy(s->res.status, "ok");
            return 1;
        }
        if (r == 0 || r == -2) st->sec_eof = 1;
        if (r < 0) problem_for(st->v, st->v->secondary_file, err);
    }
    return 0;
}

static void join(run_state *st, record *r, const srow *s)
{
    r->res[st->v->secondary_file] = s->res;
    r->line_s = s->line;
    emit(st, r);
}

static int too_far(run_state *st)
{
    fprintf(stderr, "tdre-verify: %s and %s are more than %d rows out of step; pairing "
            "needs the two files in about the same order\n", st->prim_name,
            st->v->src[st->v->secondary_file].path, TDRE_PENDING_LIMIT);
    return -1;
}

/* Places a secondary row: with a waiting primary row, or waiting itself. */
static int place_secondary(run_state *st, const srow *s)
{
    record waiting;
    if (tdre_pending_take(st->pend_p, &s->in, &waiting)) {
        join(st, &waiting, s);
        return 0;
    }
    return tdre_pending_put(st->pend_s, &s->in, s) == 0 ? 0 : too_far(st);
}

/* Pairs r with the second result file, reading it in step. */
static int pair_record(run_state *st, record *r)
{
    srow s;
    if (tdre_pending_take(st->pend_s, &r->in, &s)) {
        join(st, r, &s);
        return 0;
    }
    if (next_secondary(st, &s)) {
        if (tdre_vector_same(&s.in, &r->in)) {
            join(st, r, &s);
            return 0;
        }
        if (place_secondary(st, &s) != 0) return -1;
    }
    return tdre_pending_put(st->pend_p, &r->in, r) == 0 ? 0 : too_far(st);
}

static void show_progress(run_state *st, int done)
{
    tdre_verify *v = st->v;
    if (!v->progress) return;
    if (!done && v->sec[0].rows < st->next_progress) return;
    st->next_progress = v->sec[0].rows + 50000;
    if (v->have_count && v->count > 0) {
        double frac = (double)v->sec[0].rows / (double)(v->count / v->shards + 1);
        int bar = frac >= 1.0 ? 30 : (int)(frac * 30);
        fprintf(stderr, "\r[%-30.*s] %3.0f%% %llu rows", bar, "##############################",
                frac > 1.0 ? 100.0 : frac * 100.0, (unsigned long long)v->sec[0].rows);
    } else {
        fprintf(stderr, "\r%llu rows", (unsigned long long)v->sec[0].rows);
    }
    st->progress_shown = 1;
    if (done) fputc('\n', stderr);
}

/* Evaluates and passes on one batch. */
static int flush_batch(run_state *st, record *recs, tdre_vector *vec, tdre_result *res, size_t n)
{
    tdre_verify *v = st->v;
    for (int s = 0; s < v->nsrc; s++) {
        if (!v->src[s].impl) continue;
        tdre_impl_eval(v->src[s].impl, vec, res, n);
        for (size_t i = 0; i < n; i++) recs[i].res[s] = res[i];
    }
    for (size_t i = 0; i < n; i++) {
        if (v->secondary_file < 0) emit(st, &recs[i]);
        else if (pair_record(st, &recs[i]) != 0) return -1;
    }
    show_progress(st, 0);
    return 0;
}

static int stream_primary(run_state *st)
{
    static record recs[BATCH];
    static tdre_vector vec[BATCH];
    static tdre_result res[BATCH];
    tdre_verify *v = st->v;
    int pf = v->primary_file, r;
    size_t n = 0;
    char err[512];
    tdre_result file_res;
    for (;;) {
        long line;
        r = tdre_readahead_next(st->prim_ra, &vec[n], pf >= 0 ? &file_res : NULL, &line, err,
                                sizeof err);
        if (r == 0) break;
        if (r < 0) {
            problem_for(v, -1, err);
            if (r == -2) break;
            continue;
        }
        recs[n].in = vec[n];
        recs[n].line_p = line;
        recs[n].line_s = 0;
        if (pf >= 0) {
            if (!v->src[pf].has_status) strcpy(file_res.status, "ok");
            recs[n].res[pf] = file_res;
        }
        if (++n == BATCH) {
            if (flush_batch(st, recs, vec, res, n) != 0) return -1;
            n = 0;
        }
    }
    return flush_batch(st, recs, vec, res, n);
}

/* The generator's command line for --count/--seed/--shard. */
static int gen_command(const tdre_verify *v, char *buf, size_t len)
{
    return snprintf(buf, len, "'%s' vectors --count %llu --seed %llu --shard %llu/%llu --families %s%s%s",
             v->gen, (unsigned long long)v->count, (unsigned long long)v->seed,
             (unsigned long long)v->shard, (unsigned long long)v->shards, v->families,
             v->model ? " --model " : "", v->model ? v->model : "");
}

static int open_primary(run_state *st)
{
    tdre_verify *v = st->v;
    char err[512];
    const char *cmd = v->sec[0].desc;
    const char *path = v->input ? v->input : v->primary_file >= 0 ? v->src[v->primary_file].path : NULL;
    if (path) {
        st->prim_name = path;
        st->prim = tdre_csv_open(path, err, sizeof err);
        snprintf(v->sec[0].desc, sizeof v->sec[0].desc, "%s", path);
    } else {
        if (gen_command(v, v->sec[0].desc, sizeof v->sec[0].desc) >= (int)sizeof v->sec[0].desc) {
            fprintf(stderr, "tdre-verify: the generator's path is too long\n");
            return -1;
        }
        st->prim_name = "tdre-gen vectors";
        if (!(st->gen_pipe = popen(cmd, "r"))) {
            fprintf(stderr, "tdre-verify: cannot run %s\n", cmd);
            return -1;
        }
        st->prim = tdre_csv_from_stream(st->gen_pipe, "tdre-gen vectors", err, sizeof err);
    }
    if (!st->prim || tdre_csv_header(st->prim, v->primary_file >= 0 && !v->input, err, sizeof err) != 0) {
        fprintf(stderr, "tdre-verify: %s\n", err);
        return -1;
    }
    if (v->primary_file >= 0) v->src[v->primary_file].has_status = tdre_csv_has_status(st->prim);
    if (!(st->prim_ra = tdre_readahead_start(st->prim, v->primary_file >= 0))) {
        fprintf(stderr, "tdre-verify: cannot start reading %s (out of memory or threads)\n",
                st->prim_name);
        return -1;
    }
    return 0;
}

static int open_secondary(run_state *st)
{
    tdre_verify *v = st->v;
    tdre_source *s = &v->src[v->secondary_file];
    char err[512];
    if (!(st->sec = tdre_csv_open(s->path, err, sizeof err)) ||
        tdre_csv_header(st->sec, 1, err, sizeof err) != 0) {
        fprintf(stderr, "tdre-verify: %s\n", err);
        return -1;
    }
    s->has_status = tdre_csv_has_status(st->sec);
    if (!(st->sec_ra = tdre_readahead_start(st->sec, 1))) {
        fprintf(stderr, "tdre-verify: cannot start reading %s (out of memory or threads)\n",
                s->path);
        return -1;
    }
    st->pend_p = tdre_pending_new(sizeof(record), TDRE_PENDING_LIMIT);
    st->pend_s = tdre_pending_new(sizeof(srow), TDRE_PENDING_LIMIT);
    if (!st->pend_p || !st->pend_s) {
        fprintf(stderr, "tdre-verify: out of memory\n");
        return -1;
    }
    return 0;
}

/* Leftovers: first line of each unpaired key, then a scan telling
 * duplicates (the key occurs again in the same file) from strays. */
typedef struct {
    tdre_vector in[TDRE_PROBLEM_TEXTS];
    long line[TDRE_PROBLEM_TEXTS], dup_of[TDRE_PROBLEM_TEXTS];
    size_t n, total;
    int secondary;
} leftovers;

static void collect_s(const void *item, void *ctx)
{
    const srow *s = item;
    leftovers *l = ctx;
    if (l->n < TDRE_PROBLEM_TEXTS) {
        l->in[l->n] = s->in;
        l->line[l->n++] = s->line;
    }
    l->total++;
}

static void collect_p(const void *item, void *ctx)
{
    const record *r = item;
    leftovers *l = ctx;
    if (l->n < TDRE_PROBLEM_TEXTS) {
        l->in[l->n] = r->in;
        l->line[l->n++] = r->line_p;
    }
    l->total++;
}

/* Rereads path: for each leftover, another line with the same input. */
static void find_duplicates(const char *path, leftovers *l)
{
    char err[512];
    tdre_vector in;
    tdre_csv *csv = tdre_csv_open(path, err, sizeof err);
    int r;
    if (!csv || tdre_csv_header(csv, 0, err, sizeof err) != 0) {
        if (csv) tdre_csv_close(csv);
        return;
    }
    while ((r = tdre_csv_next(csv, &in, NULL, err, sizeof err)) != 0) {
        if (r == -2) break;
        if (r < 0) continue;
        for (size_t i = 0; i < l->n; i++)
            if (!l->dup_of[i] && tdre_csv_line(csv) != l->line[i] && tdre_vector_same(&in, &l->in[i]))
                l->dup_of[i] = tdre_csv_line(csv);
    }
    tdre_csv_close(csv);
}

static void report_leftovers(run_state *st, leftovers *l, const char *file, const char *other)
{
    tdre_verify *v = st->v;
    char text[512], vec[256];
    if (l->total == 0) return;
    if (file) find_duplicates(file, l);
    for (size_t i = 0; i < l->n; i++) {
        tdre_vector_format(&l->in[i], vec, sizeof vec);
        if (l->dup_of[i])
            snprintf(text, sizeof text, "%s:%ld: duplicate row (same input as line %ld), no partner in %s: %s",
                     file, l->line[i], l->dup_of[i], other, vec);
        else if (l->secondary)
            snprintf(text, sizeof text, "%s:%ld: extra row, not in %s: %s", file, l->line[i], other, vec);
        else if (file)
            snprintf(text, sizeof text, "%s:%ld: row missing from %s: %s", file, l->line[i], other, vec);
        else
            snprintf(text, sizeof text, "generated row %ld missing from %s: %s", l->line[i] - 1, other, vec);
        problem_for(v, v->secondary_file, text);
    }
    if (l->total > l->n) {
        snprintf(text, sizeof text, "... %zu more unpaired rows of %s", l->total - l->n,
                 file ? file : "the generated set");
        problem_for(v, v->secondary_file, text);
    }
}

static int finish_secondary(run_state *st)
{
    tdre_verify *v = st->v;
    const char *sec_path = v->src[v->secondary_file].path;
    const char *prim_path = v->input ? v->input : v->primary_file >= 0 ? v->src[v->primary_file].path : NULL;
    leftovers lp, ls;
    srow s;
    while (next_secondary(st, &s))
        if (place_secondary(st, &s) != 0) return -1;
    memset(&lp, 0, sizeof lp);
    memset(&ls, 0, sizeof ls);
    ls.secondary = 1;
    tdre_pending_each(st->pend_p, collect_p, &lp);
    tdre_pending_each(st->pend_s, collect_s, &ls);
    report_leftovers(st, &lp, prim_path, sec_path);
    report_leftovers(st, &ls, sec_path, prim_path ? prim_path : "the generated set");
    return 0;
}

static int close_generator(run_state *st)
{
    int status;
    if (!st->gen_pipe) return 0;
    status = pclose(st->gen_pipe);
    st->gen_pipe = NULL;
    if (status != 0) {
        fprintf(stderr, "tdre-verify: the generator failed (%s)\n", st->v->sec[0].desc);
        return -1;
    }
    return 0;
}

int tdre_verify_run(tdre_verify *v)
{
    run_state st;
    FILE *real_stdout;
    int failed;
    memset(&st, 0, sizeof st);
    st.v = v;
    st.defect = tdre_verify_defect_fn();
    st.next_progress = 0;
    /* The oracle's unit 6 is descriptor 1: keep its messages out of the report. */
    if (!(real_stdout = tdre_capture_begin(0))) {
        perror("tdre-verify: cannot divert legacy messages");
        return 2;
    }
    tdre_phase1_messages = stdout;
    failed = open_primary(&st) != 0 || (v->secondary_file >= 0 && open_secondary(&st) != 0) ||
             stream_primary(&st) != 0 || (v->secondary_file >= 0 && finish_secondary(&st) != 0);
    show_progress(&st, 1);
    tdre_readahead_stop(st.prim_ra);
    tdre_readahead_stop(st.sec_ra);
    if (st.prim) tdre_csv_close(st.prim);
    if (close_generator(&st) != 0) failed = 1;
    if (st.sec) tdre_csv_close(st.sec);
    tdre_pending_free(st.pend_p);
    tdre_pending_free(st.pend_s);
    v->sec[0].legacy_messages = tdre_capture_end(tdre_oracle_flush, v->sec[0].legacy_first,
                                                 sizeof v->sec[0].legacy_first);
    /* the report goes to the real standard output from here on */
    fflush(stdout);
    if (dup2(fileno(real_stdout), STDOUT_FILENO) < 0) failed = 1;
    fclose(real_stdout);
    return failed ? 2 : 0;
}
