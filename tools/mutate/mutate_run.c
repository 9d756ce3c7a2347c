/*
 * tdre-mutate-run: does one build of phase 1 / phase 2 still answer like
 * the oracle? The mutation runner links this file with one mutated
 * translation unit and the prebuilt rest, then runs it.
 *
 *   tdre-mutate-run --baseline-out B [--impl NAME]... [--model-file F] RESULTS...
 *   tdre-mutate-run --baseline B [--impl NAME]... [--model-file F] RESULTS...
 *
 * RESULTS are oracle result files (inputs and the oracle's x, y, z, f).
 * With --baseline-out the build is the unmutated one: it must agree, and the
 * baseline records what the oracle printed and, for phase 2, which rows the
 * profile answers within its bound (rows of a documented legacy defect
 * window do not, and are not held against a mutant). With --baseline the
 * build is a mutant, judged by the kill criterion of docs/mutation.md:
 *   phase1         any bit of x, y, z, f differs from the oracle's, or the
 *                  number of legacy message lines differs;
 *   phase2-legacy  |diff| > 1e-9 nT on a row (x, y, z, f and the field
 *                  elements), a row's status changes, or its flags
 *                  EXTRAPOLATED and LEGACY_WARN stop following the legacy
 *                  program's branches;
 *   phase2         |diff| > 0.02 nT + 5e-6 |B| (secular variation:
 *                  0.002 nT/yr + 5e-5 |dB|) on a row the unmutated
 *                  profile holds, or outside it on a row the library does
 *                  not name a known legacy defect, or a row's status or
 *                  flags change.
 * Exit status: 0 the build agrees (a mutant survives), 1 it differs (the
 * first difference on standard output), 2 usage or input error.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "capture.h"
#include "tdre.h"
#include "oracle.h"
#include "phase1.h"
#include "vecio.h"

#define MAXIMPL 3

typedef struct {
    tdre_vector *in;
    tdre_result *want;
    char **where;            /* "file:line" of each row */
    size_t n, cap;
} rowset;

typedef struct {
    const char *impl[MAXIMPL];
    int nimpl;
    const char *baseline_out, *baseline;
    const char *model_file;
    char **files;
    int nfiles;
} options;

static int usage(void)
{
    fputs("usage: tdre-mutate-run (--baseline-out B | --baseline B) [--impl NAME]...\n"
          "                       [--model-file IGRF11-FILE] RESULTS...\n"
          "  NAME: phase1 (default), phase2, phase2-legacy. See docs/mutation.md.\n",
          stderr);
    return 2;
}

static int grow(rowset *rs)
{
    size_t cap = rs->cap ? 2 * rs->cap : 16384;
    tdre_vector *in = realloc(rs->in, cap * sizeof *in);
    if (in) rs->in = in;
    tdre_result *want = realloc(rs->want, cap * sizeof *want);
    if (want) rs->want = want;
    char **where = realloc(rs->where, cap * sizeof *where);
    if (where) rs->where = where;
    if (!in || !want || !where) return -1;
    rs->cap = cap;
    return 0;
}

static int load(const char *path, rowset *rs)
{
    char err[512];
    tdre_csv *csv = tdre_csv_open(path, err, sizeof err);
    if (!csv || tdre_csv_header(csv, 1, err, sizeof err)) {
        fprintf(stderr, "tdre-mutate-run: %s\n", err);
        if (csv) tdre_csv_close(csv);
        return -1;
    }
    for (;;) {
        if (rs->n == rs->cap && grow(rs)) break;
        int rc = tdre_csv_next(csv, &rs->in[rs->n], &rs->want[rs->n], err, sizeof err);
        if (rc == 0) {
            tdre_csv_close(csv);
            return 0;
        }
        if (rc < 0) {
            fprintf(stderr, "tdre-mutate-run: %s\n", err);
            break;
        }
        char where[600];
        snprintf(where, sizeof where, "%s:%ld", path, tdre_csv_line(csv));
        if (!(rs->where[rs->n] = strdup(where))) break;
        rs->n++;
    }
    tdre_csv_close(csv);
    return -1;
}

static int same_bits(double a, double b)
{
    return memcmp(&a, &b, sizeof a) == 0;
}

/* Non-blank lines of a message stream. */
static long count_lines(FILE *f)
{
    long lines = 0;
    int c, blank = 1;
    rewind(f);
    while ((c = getc(f)) != EOF) {
        if (c == '\n') {
            lines += !blank;
            blank = 1;
        } else if (c != ' ' && c != '\r') {
            blank = 0;
        }
    }
    return lines + !blank;
}

static long oracle_messages(const rowset *rs)
{
    /* The capture leaves descriptor 1 on /dev/null: put it back after. */
    fflush(stdout);
    int saved = dup(STDOUT_FILENO);
    FILE *real = saved < 0 ? NULL : tdre_capture_begin(0);
    if (!real) return -1;
    for (size_t i = 0; i < rs->n; i++) {
        const tdre_vector *v = &rs->in[i];
        double x, y, z, f;
        tdre_oracle_igrf11syn(v->isv, v->date, v->itype, v->alt, v->colat, v->elong,
                              &x, &y, &z, &f);
    }
    long n = tdre_capture_end(tdre_oracle_flush, NULL, 0);
    fclose(real);
    if (dup2(saved, STDOUT_FILENO) < 0) n = -1;
    close(saved);
    return n;
}

/* Phase 1 against the oracle, bit for bit; 0 agree, 1 differ, 2 error. */
static int judge_phase1(const rowset *rs, long want_messages)
{
    FILE *msg = tmpfile();
    if (!msg) {
        perror("tdre-mutate-run: tmpfile");
        return 2;
    }
    tdre_phase1_messages = msg;
    for (size_t i = 0; i < rs->n; i++) {
        const tdre_vector *v = &rs->in[i];
        const tdre_result *w = &rs->want[i];
        tdre_result g;
        tdre_phase1_igrf11syn(v->isv, v->date, v->itype, v->alt, v->colat, v->elong,
                              &g.x, &g.y, &g.z, &g.f);
        const double gv[4] = { g.x, g.y, g.z, g.f }, wv[4] = { w->x, w->y, w->z, w->f };
        for (int c = 0; c < 4; c++)
            if (!same_bits(gv[c], wv[c])) {
                printf("phase1 differs at %s: %c = %.17g, oracle %.17g\n", rs->where[i],
                       "xyzf"[c], gv[c], wv[c]);
                fclose(msg);
                return 1;
            }
    }
    long lines = count_lines(msg);
    fclose(msg);
    tdre_phase1_messages = NULL;
    if (lines != want_messages) {
        printf("phase1 messages: %ld lines, oracle %ld\n", lines, want_messages);
        return 1;
    }
    return 0;
}

/* The oracle's elements at a row: H, D, I for a main-field row; for a
 * secular-variation row whose main-field twin is in the set, dH, dF, dD, dI
 * (nT, degrees, per year), from the definitions, never from the library. */
typedef struct {
    int have;             /* 0 none, 1 main field, 2 secular variation */
    double v[4], tol[4];  /* h d i - / dh df dd di */
} elements;

#define R2D (180.0 / 3.14159265358979323846)

static double main_bound(int legacy, double f)
{
    return legacy ? 1e-9 : 0.02 + 5e-6 * fabs(f);
}

static double sv_bound(int legacy, double df)
{
    return legacy ? 1e-9 : 0.002 + 5e-5 * fabs(df);
}

static void main_elements(int legacy, const tdre_result *w, elements *e)
{
    double h = sqrt(w->x * w->x + w->y * w->y), b = main_bound(legacy, w->f);
    double ang = legacy ? 1e-9 : 2.0 * b / fmax(h, 1.0) * R2D;
    e->have = 1;
    e->v[0] = h;
    e->v[1] = atan2(w->y, w->x) * R2D;
    e->v[2] = atan2(w->z, h) * R2D;
    e->tol[0] = b;
    e->tol[1] = e->tol[2] = ang;
}

static void sv_elements(int legacy, const tdre_result *m, const tdre_result *s, elements *e)
{
    double h = sqrt(m->x * m->x + m->y * m->y), f = m->f;
    double bm = main_bound(legacy, f), bs = sv_bound(legacy, s->f);
    double rel = legacy ? 1e-9 : 2.0 * (bs + bm * fabs(s->f) / fmax(h, 1.0));
    e->have = 2;
    e->v[0] = (m->x * s->x + m->y * s->y) / h;
    e->v[1] = (m->x * s->x + m->y * s->y + m->z * s->z) / f;
    e->v[2] = (m->x * s->y - m->y * s->x) / (h * h) * R2D;
    double dh = e->v[0];
    e->v[3] = (h * s->z - m->z * dh) / (f * f) * R2D;
    e->tol[0] = e->tol[1] = rel;
    e->tol[2] = e->tol[3] = legacy ? 1e-9 : rel / fmax(h, 1.0) * R2D;
}

static int same_point(const tdre_vector *a, const tdre_vector *b)
{
    return a->date == b->date && a->itype == b->itype && a->alt == b->alt &&
           a->colat == b->colat && a->elong == b->elong;
}

static int by_point(const void *pa, const void *pb, void *ctx)
{
    const tdre_vector *in = ctx;
    const tdre_vector *a = &in[*(const size_t *)pa], *b = &in[*(const size_t *)pb];
    double ka[6] = { a->date, a->itype, a->alt, a->colat, a->elong, a->isv };
    double kb[6] = { b->date, b->itype, b->alt, b->colat, b->elong, b->isv };
    for (int i = 0; i < 6; i++)
        if (ka[i] != kb[i]) return ka[i] < kb[i] ? -1 : 1;
    return 0;
}

static const tdre_vector *sort_ctx;

static int by_point_qsort(const void *a, const void *b)
{
    return by_point(a, b, (void *)sort_ctx);
}

/* Elements of every row (both profiles' tolerances). */
static elements *oracle_elements(const rowset *rs, int legacy)
{
    elements *e = calloc(rs->n ? rs->n : 1, sizeof *e);
    size_t *ord = malloc((rs->n ? rs->n : 1) * sizeof *ord);
    if (!e || !ord) {
        free(e);
        free(ord);
        return NULL;
    }
    for (size_t i = 0; i < rs->n; i++) {
        ord[i] = i;
        if (rs->in[i].isv == 0 && rs->want[i].f != 1e8) main_elements(legacy, &rs->want[i], &e[i]);
    }
    sort_ctx = rs->in;
    qsort(ord, rs->n, sizeof *ord, by_point_qsort);
    for (size_t k = 0; k + 1 < rs->n; k++) {
        size_t a = ord[k], b = ord[k + 1];
        if (rs->in[a].isv == 0 && rs->in[b].isv == 1 && same_point(&rs->in[a], &rs->in[b]) &&
            rs->want[a].f != 1e8)
            sv_elements(legacy, &rs->want[a], &rs->want[b], &e[b]);
    }
    free(ord);
    return e;
}

/* The library's answer for a row as tdre-eval gives it (x, y, z, f of the
 * main field or of the SV), and its elements. */
typedef struct {
    tdre_result r;
    double el[4];
    unsigned flags;
} answer;

static void to_answer(const tdre_vector *v, const tdre_field *fld, answer *a)
{
    snprintf(a->r.status, sizeof a->r.status, "%s", tdre_field_status(fld));
    a->flags = fld->flags;
    if (v->isv) {
        a->r.x = fld->dx;
        a->r.y = fld->dy;
        a->r.z = fld->dz;
        a->r.f = sqrt(fld->dx * fld->dx + fld->dy * fld->dy + fld->dz * fld->dz);
        a->el[0] = fld->dh;
        a->el[1] = fld->df;
        a->el[2] = fld->dd;
        a->el[3] = fld->di;
    } else {
        a->r.x = fld->x;
        a->r.y = fld->y;
        a->r.z = fld->z;
        a->r.f = fld->f;
        a->el[0] = fld->h;
        a->el[1] = fld->d;
        a->el[2] = fld->i;
        a->el[3] = 0.0;
    }
}

/* The flags the legacy program's branches imply (spec/legacy-igrf11.md):
 * it extrapolates with the SV from 2010.0 on (the exact profile from after
 * the 2010 epoch, tdre.h) and warns after 2015.0. */
static unsigned expected_flags(int legacy, double date)
{
    unsigned f = 0;
    if (legacy ? date >= 2010.0 : date > 2010.0) f |= TDRE_FLAG_EXTRAPOLATED;
    if (date > 2015.0) f |= TDRE_FLAG_LEGACY_WARN;
    return f;
}

#define JUDGED_FLAGS (TDRE_FLAG_EXTRAPOLATED | TDRE_FLAG_LEGACY_WARN)

/* What a way of calling does not give (classify's partial argument). */
#define NO_FLAGS    1
#define NO_ELEMENTS 2

/* 'c' the row is held within the bound; 's' it has no value (status); 'd'
 * it is outside the bound where the library names a known legacy defect
 * (tdre_legacy_defect: verify sets such rows apart, and fails on any other
 * row outside the bound); 'x' it is outside the bound unexplained (only in
 * the baseline: such rows are not judged). */
static char classify(int legacy, const tdre_vector *v, const tdre_result *w,
                     const elements *e, const answer *g, int partial)
{
    if (strcmp(g->r.status, "ok") != 0) return 's';
    if (!(partial & NO_FLAGS) && (g->flags & JUDGED_FLAGS) != expected_flags(legacy, v->date))
        return 'f';
    const double gv[4] = { g->r.x, g->r.y, g->r.z, g->r.f }, wv[4] = { w->x, w->y, w->z, w->f };
    double tol = v->isv ? sv_bound(legacy, w->f) : main_bound(legacy, w->f);
    char outside = !legacy && tdre_legacy_defect(v->date, v->isv) ? 'd' : 'x';
    for (int c = 0; c < 4; c++)
        if (!(fabs(gv[c] - wv[c]) <= tol)) return outside;
    int ne = (partial & NO_ELEMENTS) ? 0 : e->have == 1 ? 3 : e->have == 2 ? 4 : 0;
    for (int c = 0; c < ne; c++) {
        double d = fabs(g->el[c] - e->v[c]);
        if (c == 1 && e->have == 1 && d > 180.0) d = fabs(d - 360.0);  /* D wraps */
        if (!(d <= e->tol[c])) return outside;
    }
    return 'c';
}

/* The ways a caller reaches the arithmetic; each must answer alike. */
enum { WAY_BATCH, WAY_SINGLE, WAY_XYZ, WAY_THREADS, WAY_SPLIT, WAY_FILE, NWAYS };

/* The legacy call shape gives x, y, z, f or an error code only. */
static void evaluate_xyz(tdre_model *m, const rowset *rs, answer *out)
{
    char err[512];
    for (size_t i = 0; i < rs->n; i++) {
        const tdre_vector *v = &rs->in[i];
        double xyzf[4];
        int rc = tdre_model_eval_xyz(m, v->isv, v->date, v->itype, v->alt, v->colat,
                                     v->elong, xyzf, err, sizeof err);
        answer *a = &out[i];
        snprintf(a->r.status, sizeof a->r.status, "%s", rc ? tdre_strerror(rc) : "ok");
        a->r.x = xyzf[0];
        a->r.y = xyzf[1];
        a->r.z = xyzf[2];
        a->r.f = xyzf[3];
        a->el[0] = a->el[1] = a->el[2] = a->el[3] = NAN;
        a->flags = 0;
    }
}

static int evaluate(tdre_model *m, int way, const rowset *rs, tdre_point *pts,
                    tdre_field *flds, answer *out)
{
    char err[512];
    /* Nothing may survive from the way before: a field the library forgets
     * to fill must not inherit a right answer. */
    memset(flds, 0, (rs->n ? rs->n : 1) * sizeof *flds);
    memset(out, 0, (rs->n ? rs->n : 1) * sizeof *out);
    if (way == WAY_XYZ) {
        evaluate_xyz(m, rs, out);
        return 0;
    }
    if (way == WAY_SINGLE) {
        for (size_t i = 0; i < rs->n; i++) {
            const tdre_vector *v = &rs->in[i];
            tdre_model_eval(m, v->date, v->itype, v->alt, v->colat, v->elong, &flds[i],
                            err, sizeof err);
        }
    } else if (way == WAY_SPLIT) {
        /* Main field only, then SV only: each row takes the part it needs. */
        tdre_field *sv = malloc((rs->n ? rs->n : 1) * sizeof *sv);
        if (!sv) return -1;
#ifdef TDRE_WANT_ELEMENTS
        const unsigned el = TDRE_WANT_ELEMENTS;
#else
        const unsigned el = 0;
#endif
        tdre_batch_options om = { 1, TDRE_WANT_MAIN | el }, os = { 1, TDRE_WANT_SV | el };
        tdre_model_eval_batch(m, rs->n, pts, flds, NULL, &om, err, sizeof err);
        tdre_model_eval_batch(m, rs->n, pts, sv, NULL, &os, err, sizeof err);
        for (size_t i = 0; i < rs->n; i++)
            if (rs->in[i].isv) flds[i] = sv[i];
        free(sv);
    } else {
        tdre_batch_options o = { way == WAY_THREADS ? 2 : 1, 0 };
        tdre_model_eval_batch(m, rs->n, pts, flds, NULL, &o, err, sizeof err);
    }
    for (size_t i = 0; i < rs->n; i++) to_answer(&rs->in[i], &flds[i], &out[i]);
    return 0;
}

static const char *const way_names[NWAYS] = {
    "batch", "tdre_model_eval", "tdre_model_eval_xyz", "batch on 2 threads",
    "batch main-only/SV-only", "batch, model read from the coefficient file"
};

/* Phase 2 profile against the oracle; marks[] from the baseline, or filled
 * when marks_out. 0 agree, 1 differ, 2 error. */
static int judge_phase2(const char *impl_name, const char *model_file, rowset *rs,
                        char *marks, int marks_out)
{
    char err[512];
    int legacy = strcmp(impl_name, "phase2-legacy") == 0;
    int profile = legacy ? TDRE_PROFILE_LEGACY : TDRE_PROFILE_EXACT;
    tdre_model *m, *mf = NULL;
    if (tdre_model_open("igrf11", profile, &m, err, sizeof err) ||
        (model_file && tdre_model_open(model_file, profile, &mf, err, sizeof err))) {
        printf("%s: the model does not open: %s\n", impl_name, err);
        return marks_out ? 2 : 1;
    }
    size_t n = rs->n ? rs->n : 1;
    tdre_point *pts = malloc(n * sizeof *pts);
    tdre_field *flds = malloc(n * sizeof *flds);
    answer *ans = malloc(n * sizeof *ans);
    elements *el = oracle_elements(rs, legacy);
    int verdict = (!pts || !flds || !ans || !el) ? 2 : 0;
    for (size_t i = 0; verdict == 0 && i < rs->n; i++) {
        pts[i].date = rs->in[i].date;
        pts[i].alt = rs->in[i].alt;
        pts[i].colat = rs->in[i].colat;
        pts[i].elong = rs->in[i].elong;
        pts[i].coord = rs->in[i].itype;
    }
    for (int way = 0; way < NWAYS && verdict == 0; way++) {
        if (way == WAY_FILE && !mf) continue;
        if (evaluate(way == WAY_FILE ? mf : m, way, rs, pts, flds, ans)) verdict = 2;
        for (size_t i = 0; verdict == 0 && i < rs->n; i++) {
            /* The SHC file has no SV column: the exact profile interpolates
             * towards its predicted last epoch, and does not extrapolate. */
            int partial = way == WAY_XYZ ? NO_FLAGS | NO_ELEMENTS
                          : way == WAY_FILE && !legacy ? NO_FLAGS : 0;
            char c = classify(legacy, &rs->in[i], &rs->want[i], &el[i], &ans[i], partial);
            if (marks_out && c == 'f') {
                printf("%s (%s): flags %#x at %s, expected %#x\n", impl_name, way_names[way],
                       ans[i].flags, rs->where[i], expected_flags(legacy, rs->in[i].date));
                verdict = 2;
            } else if (marks_out && way == 0) {
                marks[i] = c;
            } else if (marks[i] != 'x' && c != marks[i] && !(marks[i] == 'd' && c == 'c')) {
                const answer *g = &ans[i];
                const tdre_result *w = &rs->want[i];
                printf("%s (%s) differs at %s: status %s, x %.17g y %.17g z %.17g f %.17g "
                       "[%.17g %.17g %.17g %.17g]; oracle x %.17g y %.17g z %.17g f %.17g "
                       "[%.17g %.17g %.17g %.17g]\n", impl_name, way_names[way], rs->where[i],
                       g->r.status, g->r.x, g->r.y, g->r.z, g->r.f, g->el[0], g->el[1],
                       g->el[2], g->el[3], w->x, w->y, w->z, w->f, el[i].v[0], el[i].v[1],
                       el[i].v[2], el[i].v[3]);
                verdict = marks_out ? 2 : 1;
            }
        }
    }
    if (marks_out && verdict == 0) {
        size_t count[4] = { 0, 0, 0, 0 };
        for (size_t i = 0; i < rs->n; i++)
            count[marks[i] == 'c' ? 0 : marks[i] == 's' ? 1 : marks[i] == 'd' ? 2 : 3]++;
        fprintf(stderr, "%s: %zu rows held to the bound, %zu without a value, %zu outside it "
                "as known legacy defects, %zu outside it otherwise (not judged)\n", impl_name,
                count[0], count[1], count[2], count[3]);
    }
    tdre_model_free(m);
    tdre_model_free(mf);
    free(pts);
    free(flds);
    free(ans);
    free(el);
    return verdict;
}

static int parse(int argc, char **argv, options *o)
{
    memset(o, 0, sizeof *o);
    int i = 1;
    for (; i < argc && strncmp(argv[i], "--", 2) == 0; i += 2) {
        if (i + 1 >= argc) return -1;
        if (strcmp(argv[i], "--impl") == 0 && o->nimpl < MAXIMPL)
            o->impl[o->nimpl++] = argv[i + 1];
        else if (strcmp(argv[i], "--baseline-out") == 0)
            o->baseline_out = argv[i + 1];
        else if (strcmp(argv[i], "--baseline") == 0)
            o->baseline = argv[i + 1];
        else if (strcmp(argv[i], "--model-file") == 0)
            o->model_file = argv[i + 1];
        else
            return -1;
    }
    if (!o->baseline == !o->baseline_out || i >= argc) return -1;
    if (o->nimpl == 0) o->impl[o->nimpl++] = "phase1";
    o->files = argv + i;
    o->nfiles = argc - i;
    return 0;
}

/* Baseline file: "messages N", then per phase 2 profile "NAME MARKS". */
static int read_baseline(const char *path, const options *o, long *messages,
                         char **marks, size_t n)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        perror(path);
        return -1;
    }
    int ok = fscanf(f, "messages %ld\n", messages) == 1;
    char name[64];
    for (int k = 0; ok && k < o->nimpl; k++) {
        if (strcmp(o->impl[k], "phase1") == 0) continue;
        ok = fscanf(f, "%63s ", name) == 1 && strcmp(name, o->impl[k]) == 0 &&
             fread(marks[k], 1, n, f) == n;
    }
    fclose(f);
    if (!ok) fprintf(stderr, "tdre-mutate-run: %s: not a baseline of these rows and impls\n", path);
    return ok ? 0 : -1;
}

static int write_baseline(const char *path, const options *o, long messages,
                          char **marks, size_t n)
{
    FILE *f = fopen(path, "w");
    if (!f) {
        perror(path);
        return -1;
    }
    fprintf(f, "messages %ld\n", messages);
    for (int k = 0; k < o->nimpl; k++) {
        if (strcmp(o->impl[k], "phase1") == 0) continue;
        fprintf(f, "%s ", o->impl[k]);
        fwrite(marks[k], 1, n, f);
        fputc('\n', f);
    }
    if (fclose(f) != 0) {
        perror(path);
        return -1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    options o;
    if (parse(argc, argv, &o)) return usage();
    rowset rs = { 0 };
    for (int k = 0; k < o.nfiles; k++)
        if (load(o.files[k], &rs)) return 2;
    char *marks[MAXIMPL] = { 0 };
    for (int k = 0; k < o.nimpl; k++)
        if (!(marks[k] = malloc(rs.n + 1))) return 2;
    long messages = 0;
    if (o.baseline_out) {
        if ((messages = oracle_messages(&rs)) < 0) return 2;
    } else if (read_baseline(o.baseline, &o, &messages, marks, rs.n)) {
        return 2;
    }
    int verdict = 0;
    for (int k = 0; k < o.nimpl && verdict == 0; k++)
        verdict = strcmp(o.impl[k], "phase1") == 0
                      ? judge_phase1(&rs, messages)
                      : judge_phase2(o.impl[k], o.model_file, &rs, marks[k],
                                     o.baseline_out != NULL);
    if (o.baseline_out) {
        if (verdict) {
            fprintf(stderr, "tdre-mutate-run: the unmutated build already differs\n");
            return 2;
        }
        if (write_baseline(o.baseline_out, &o, messages, marks, rs.n)) return 2;
    }
    if (verdict == 0) printf("agrees with the oracle on %zu rows\n", rs.n);
    return verdict;
}
