/*
 * tdre-eval: runs one implementation of IGRF11SYN over a vector file.
 */
#include <getopt.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "capture.h"
#include "impl.h"
#include "oracle.h"
#include "outfile.h"
#include "phase1.h"
#include "vecio.h"

#define BATCH 4096
#define SLOTS 4         /* batches in flight: parsed, evaluated, printed */
#define WRITE_BLOCK 65536   /* bytes of rows per write */
#define NAMED_NOVALUE 10    /* rows without a value named on standard error */

static const char usage_text[] =
"usage: tdre-eval --impl NAME [--model MODEL] [-o OUTPUT] [--messages MODE] [FILE|-]\n"
"\n"
"Evaluates the geomagnetic field for every row of a vector file with one\n"
"implementation and writes the results as CSV.\n"
"\n"
"  --impl NAME       oracle (legacy Fortran), phase1 (literal C port),\n"
"                    phase2 (library, exact profile), phase2-legacy\n"
"                    (library, legacy profile)\n"
"  --model MODEL     igrf11 (default), igrf12, igrf13, igrf14, or the path of\n"
"                    a coefficient file (NOAA table, SHC, geomag70 COF);\n"
"                    oracle and phase1 know igrf11 only\n"
"  -o, --output F    write to F (whole or not at all) instead of standard output\n"
"  --threads N       1: one thread reads, evaluates and writes in turn; 2 or\n"
"                    more (default): reading, evaluation and writing run as a\n"
"                    pipeline of three threads, so parsing and printing\n"
"                    overlap the evaluation (same output, same messages)\n"
"  --messages MODE   the legacy unit-6 messages (oracle, phase1): 'summary'\n"
"                    (default: count them, one line on standard error at the\n"
"                    end) or 'stderr' (copy them to standard error)\n"
"  --timing          at the end, print on standard error the CPU time each\n"
"                    stage took (reading and parsing, evaluating, formatting\n"
"                    and writing), in all and per row, and the wall time\n"
"  -h, --help        this text\n"
"\n"
"Input: CSV whose header names at least isv,date,itype,alt,colat,elong (any\n"
"order; other columns ignored). isv 0 main field, 1 secular variation;\n"
"date decimal year; itype 1 geodetic (alt km above the WGS84 spheroid) or\n"
"2 geocentric (alt = radius, km); colat and elong in degrees. CRLF line ends\n"
"and a UTF-8 byte-order mark are accepted; blank lines are skipped.\n"
"\n"
"Output: header isv,date,itype,alt,colat,elong,x,y,z,f then one row per\n"
"input row, every double as %.17g (reads back to the same bits). x, y, z are\n"
"north, east, down in nT (nT/yr when isv = 1), f total intensity. oracle and\n"
"phase1 answer as the legacy program: a date outside 1900..2020 gives\n"
"x = y = z = 0, f = 1e8. phase2 outputs add a last column status: 'ok', or\n"
"the reason the row has no value (e.g. date-out-of-range), with x..f nan.\n"
"\n"
"Exit status: 0 all rows evaluated; 1 some rows malformed or not evaluable\n"
"(malformed rows each named on standard error with file and line, rows\n"
"without a value the first ten so and the rest counted; the other rows are\n"
"still written); 2 usage error, unreadable input or unwritable output.\n";

struct options {
    const char *impl, *model, *output, *input;
    int copy_messages;
    int threads;
    int timing;
};

static int parse_options(int argc, char **argv, struct options *o)
{
    static const struct option longopts[] = {
        { "impl", required_argument, NULL, 'i' },
        { "model", required_argument, NULL, 'm' },
        { "output", required_argument, NULL, 'o' },
        { "messages", required_argument, NULL, 'M' },
        { "threads", required_argument, NULL, 'T' },
        { "timing", no_argument, NULL, 't' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 }
    };
    int c;
    memset(o, 0, sizeof *o);
    o->output = "-";
    o->threads = 2;
    while ((c = getopt_long(argc, argv, "o:h", longopts, NULL)) != -1) {
        switch (c) {
        case 'i': o->impl = optarg; break;
        case 'm': o->model = optarg; break;
        case 'o': o->output = optarg; break;
        case 'M':
            if (strcmp(optarg, "stderr") == 0) o->copy_messages = 1;
            else if (strcmp(optarg, "summary") != 0) {
                fprintf(stderr, "tdre-eval: --messages takes 'summary' or 'stderr', not '%s'\n", optarg);
                return 2;
            }
            break;
        case 'T': {
            char *end;
            long t = strtol(optarg, &end, 10);
            if (*optarg == '\0' || *end != '\0' || t < 1 || t > 64) {
                fprintf(stderr, "tdre-eval: --threads takes an integer 1..64, not '%s'\n", optarg);
                return 2;
            }
            o->threads = (int)t;
            break;
        }
        case 't': o->timing = 1; break;
        case 'h': fputs(usage_text, stdout); return 0;
        default: fputs("tdre-eval: see tdre-eval --help\n", stderr); return 2;
        }
    }
    if (optind < argc) o->input = argv[optind++];
    if (optind < argc) {
        fprintf(stderr, "tdre-eval: one input file at most ('%s' is extra)\n", argv[optind]);
        return 2;
    }
    if (!o->input) o->input = "-";
    if (!o->impl) {
        fputs("tdre-eval: --impl is required (oracle, phase1, phase2, phase2-legacy)\n", stderr);
        return 2;
    }
    return -1;
}

/* One batch of rows on its way through the run. */
typedef struct {
    tdre_vector in[BATCH];
    tdre_result res[BATCH];
    long line[BATCH];   /* input line of each row */
    /* A row's inputs as the input file wrote them, when that is exactly
     * how they are written back (text_len 0: format them). */
    char text[BATCH][TDRE_CSV_INPUTS_MAX];
    unsigned char text_len[BATCH];
    size_t n;
    int last;           /* the reader's final batch (n may be 0) */
    int stage;          /* SLOT_* */
} slot;

enum { SLOT_FREE, SLOT_PARSED, SLOT_EVALUATED };
enum { STAGE_READ, STAGE_EVAL, STAGE_WRITE };

/* CPU time of the calling thread: a stage's own work, not its waits. */
static double thread_cpu(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* What the stages share. Each counter has one writer (the stage named). */
typedef struct {
    tdre_csv *csv;
    const char *name;       /* the input, for messages */
    tdre_impl *impl;
    FILE *out;
    int with_status;
    slot *slots;
    long bad;               /* reader: malformed rows */
    size_t rows;            /* evaluator */
    size_t unevaluated;     /* evaluator */
    long novalue_line[NAMED_NOVALUE];   /* evaluator: the first rows without a value */
    char novalue_status[NAMED_NOVALUE][TDRE_STATUS_LEN];
    size_t nonfinite;       /* writer: legacy rows with no finite value */
    double cpu[3];          /* CPU seconds of each stage (STAGE_*), by its thread */
    pthread_mutex_t lock;
    pthread_cond_t moved;   /* a slot changed stage */
} run;

/* Parses rows into s until it is full or the input ends; reports each
 * malformed row on standard error (the reader is the only stage that
 * prints while the run goes on, so messages keep the input's order). */
static void read_rows(run *rn, slot *s)
{
    char err[512];
    int r;
    s->n = 0;
    s->last = 0;
    while (s->n < BATCH) {
        r = tdre_csv_next(rn->csv, &s->in[s->n], NULL, err, sizeof err);
        if (r == 0) { s->last = 1; return; }
        if (r < 0) {
            fprintf(stderr, "tdre-eval: %s\n", err);
            rn->bad++;
            if (r == -2) { s->last = 1; return; }
            continue;
        }
        const char *text;
        size_t len = tdre_csv_canonical_inputs(rn->csv, &text);
        if (len) memcpy(s->text[s->n], text, TDRE_CSV_INPUTS_MAX);
        s->text_len[s->n] = (unsigned char)len;
        s->line[s->n++] = tdre_csv_line(rn->csv);
    }
}

static void eval_rows(run *rn, slot *s)
{
    size_t failed = tdre_impl_eval(rn->impl, s->in, s->res, s->n);
    /* Remember where the first ones are: named at the end, so that the
     * messages come out in the same order whatever the threads. */
    for (size_t i = 0; failed && i < s->n && rn->unevaluated < NAMED_NOVALUE; i++)
        if (strcmp(s->res[i].status, "ok") != 0) {
            rn->novalue_line[rn->unevaluated] = s->line[i];
            strcpy(rn->novalue_status[rn->unevaluated], s->res[i].status);
            rn->unevaluated++;
            failed--;
        }
    rn->unevaluated += failed;
    rn->rows += s->n;
}

static int finite_result(const tdre_result *r)
{
    return isfinite(r->x) && isfinite(r->y) && isfinite(r->z) && isfinite(r->f);
}

/* The legacy routines answer a degenerate position (a radius of 0) with
 * NaN, which a result file without a status column cannot hold: such a row
 * is left out and named, as a malformed one is. */
static void write_rows(run *rn, const slot *s)
{
    /* Rows are gathered and written in blocks: one stdio call per row cost
     * a tenth of the writer's time. */
    char block[WRITE_BLOCK];
    size_t used = 0;
    for (size_t i = 0; i < s->n; i++) {
        if (!rn->with_status && !finite_result(&s->res[i])) {
            fprintf(stderr, "tdre-eval: %s:%ld: %s gives no finite value for this row; "
                    "left out\n", rn->name, s->line[i], tdre_impl_name(rn->impl));
            rn->nonfinite++;
            continue;
        }
        if (used > sizeof block - TDRE_CSV_ROW_MAX) {
            fwrite(block, 1, used, rn->out);
            used = 0;
        }
        if (s->text_len[i]) {
            /* the inputs' text is their %.17g: copied, not formatted again */
            memcpy(block + used, s->text[i], TDRE_CSV_INPUTS_MAX);
            used += s->text_len[i];
            used += tdre_csv_format_results(block + used, &s->res[i], rn->with_status);
        } else {
            used += tdre_csv_format_row(block + used, &s->in[i], &s->res[i], rn->with_status);
        }
    }
    fwrite(block, 1, used, rn->out);
}

/* Each stage on a batch, with the CPU time it takes on its thread. */
static void read_batch(run *rn, slot *s)
{
    double t0 = thread_cpu();
    read_rows(rn, s);
    rn->cpu[STAGE_READ] += thread_cpu() - t0;
}

static void eval_batch(run *rn, slot *s)
{
    double t0 = thread_cpu();
    eval_rows(rn, s);
    rn->cpu[STAGE_EVAL] += thread_cpu() - t0;
}

static void write_batch(run *rn, const slot *s)
{
    double t0 = thread_cpu();
    write_rows(rn, s);
    rn->cpu[STAGE_WRITE] += thread_cpu() - t0;
}

/* One thread: read, evaluate, write, batch after batch. */
static void run_in_turn(run *rn)
{
    slot *s = &rn->slots[0];
    do {
        read_batch(rn, s);
        eval_batch(rn, s);
        write_batch(rn, s);
    } while (!s->last);
}

/* Waits until slot k reaches stage, under the lock. */
static slot *wait_stage(run *rn, size_t k, int stage)
{
    slot *s = &rn->slots[k % SLOTS];
    pthread_mutex_lock(&rn->lock);
    while (s->stage != stage)
        pthread_cond_wait(&rn->moved, &rn->lock);
    pthread_mutex_unlock(&rn->lock);
    return s;
}

static void set_stage(run *rn, slot *s, int stage)
{
    pthread_mutex_lock(&rn->lock);
    s->stage = stage;
    pthread_cond_broadcast(&rn->moved);
    pthread_mutex_unlock(&rn->lock);
}

static void *reader(void *arg)
{
    run *rn = arg;
    for (size_t k = 0;; k++) {
        slot *s = wait_stage(rn, k, SLOT_FREE);
        read_batch(rn, s);
        set_stage(rn, s, SLOT_PARSED);
        if (s->last) return NULL;
    }
}

static void *writer(void *arg)
{
    run *rn = arg;
    for (size_t k = 0;; k++) {
        slot *s = wait_stage(rn, k, SLOT_EVALUATED);
        int last = s->last;
        write_batch(rn, s);
        set_stage(rn, s, SLOT_FREE);
        if (last) return NULL;
    }
}

/* Three threads: the reader parses batch k + 1 while this thread evaluates
 * batch k and the writer prints batch k - 1. Batches go round SLOTS slots
 * in order, so rows come out as they came in, and memory stays SLOTS
 * batches whatever the input's length. Evaluation stays on this thread
 * (the oracle's Fortran keeps state between calls). */
static int run_pipeline(run *rn)
{
    pthread_t tr, tw;
    if (pthread_mutex_init(&rn->lock, NULL) != 0 || pthread_cond_init(&rn->moved, NULL) != 0)
        return -1;
    for (int k = 0; k < SLOTS; k++)
        rn->slots[k].stage = SLOT_FREE;
    if (pthread_create(&tr, NULL, reader, rn) != 0)
        return -1;
    if (pthread_create(&tw, NULL, writer, rn) != 0) {
        /* cannot happen in practice; finish with one thread less */
        for (size_t k = 0;; k++) {
            slot *s = wait_stage(rn, k, SLOT_PARSED);
            int last = s->last;
            eval_batch(rn, s);
            write_batch(rn, s);
            set_stage(rn, s, SLOT_FREE);
            if (last) break;
        }
        pthread_join(tr, NULL);
        return 0;
    }
    for (size_t k = 0;; k++) {
        slot *s = wait_stage(rn, k, SLOT_PARSED);
        int last = s->last;
        eval_batch(rn, s);
        set_stage(rn, s, SLOT_EVALUATED);
        if (last) break;
    }
    pthread_join(tr, NULL);
    pthread_join(tw, NULL);
    pthread_mutex_destroy(&rn->lock);
    pthread_cond_destroy(&rn->moved);
    return 0;
}

static double wall_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* --timing: what each stage cost, so that a long run shows which one sets
 * its pace (with --threads 2 or more the slowest stage does). */
static void print_timing(const run *rn, double wall)
{
    static const char *const name[3] = { "read and parse", "evaluate", "format and write" };
    double per_row = rn->rows > 0 ? 1e6 / (double)rn->rows : 0.0;
    fprintf(stderr, "tdre-eval: timing over %zu rows (CPU time of each stage's thread):\n", rn->rows);
    for (int k = 0; k < 3; k++)
        fprintf(stderr, "tdre-eval:   %-16s %8.3f s  %6.3f us/row\n", name[k], rn->cpu[k],
                rn->cpu[k] * per_row);
    fprintf(stderr, "tdre-eval:   wall time        %8.3f s  %6.3f us/row\n", wall, wall * per_row);
}

/* The first rows without a value, with file and line; the others are in
 * the count and in their status column. */
static void name_novalue(const run *rn)
{
    size_t named = rn->unevaluated < NAMED_NOVALUE ? rn->unevaluated : NAMED_NOVALUE;
    for (size_t k = 0; k < named; k++)
        fprintf(stderr, "tdre-eval: %s:%ld: no value: %s\n", rn->name, rn->novalue_line[k],
                rn->novalue_status[k]);
    if (rn->unevaluated > named)
        fprintf(stderr, "tdre-eval: ... and %zu more rows without a value (status column)\n",
                rn->unevaluated - named);
}

static void summarise_messages(const char *impl, long lines, const char *first)
{
    if (lines > 0)
        fprintf(stderr, "tdre-eval: %s wrote %ld line%s of legacy messages (first: \"%s\")\n",
                impl, lines, lines == 1 ? "" : "s", first);
}

int main(int argc, char **argv)
{
    struct options o;
    char err[512], first[256];
    tdre_impl *impl;
    tdre_csv *csv;
    tdre_outfile of;
    FILE *real_stdout;
    static slot slots[SLOTS];
    run rn;
    long messages;
    int status, with_status;

    if ((status = parse_options(argc, argv, &o)) >= 0) return status;
    if (!(impl = tdre_impl_open(o.impl, o.model, err, sizeof err))) {
        fprintf(stderr, "tdre-eval: %s\n", err);
        return 2;
    }
    with_status = tdre_impl_has_status(impl);
    /* Legacy messages leave through descriptor 1: divert it before any. */
    if (!(real_stdout = tdre_capture_begin(o.copy_messages))) {
        perror("tdre-eval: cannot divert legacy messages");
        return 2;
    }
    tdre_phase1_messages = stdout;
    if (!(csv = tdre_csv_open(o.input, err, sizeof err)) ||
        tdre_csv_header(csv, 0, err, sizeof err) != 0) {
        fprintf(stderr, "tdre-eval: %s\n", err);
        tdre_csv_close(csv);
        tdre_impl_close(impl);
        return 2;
    }
    if (strcmp(o.output, "-") == 0) {
        memset(&of, 0, sizeof of);
        of.fp = real_stdout;
    } else if (tdre_outfile_open(&of, o.output, err, sizeof err) != 0) {
        fprintf(stderr, "tdre-eval: %s\n", err);
        tdre_csv_close(csv);
        tdre_impl_close(impl);
        return 2;
    }
    tdre_csv_write_header(of.fp, with_status);
    memset(&rn, 0, sizeof rn);
    rn.csv = csv;
    rn.name = strcmp(o.input, "-") == 0 ? "<stdin>" : o.input;
    rn.impl = impl;
    rn.out = of.fp;
    rn.with_status = with_status;
    rn.slots = slots;
    double started = wall_seconds();
    if (o.threads < 2 || run_pipeline(&rn) != 0)
        run_in_turn(&rn);
    double wall = wall_seconds() - started;
    tdre_csv_close(csv);
    messages = tdre_capture_end(tdre_oracle_flush, first, sizeof first);
    if (!o.copy_messages) summarise_messages(tdre_impl_name(impl), messages, first);
    tdre_impl_close(impl);
    if (tdre_outfile_commit(&of, err, sizeof err) != 0) {
        fprintf(stderr, "tdre-eval: %s\n", err);
        return 2;
    }
    if (o.timing) print_timing(&rn, wall);
    name_novalue(&rn);
    if (rn.bad || rn.unevaluated || rn.nonfinite)
        fprintf(stderr, "tdre-eval: %zu rows written, %ld malformed rows skipped, %zu rows without a value\n",
                rn.rows - rn.nonfinite, rn.bad, rn.unevaluated + rn.nonfinite);
    return rn.bad || rn.unevaluated || rn.nonfinite ? 1 : 0;
}
