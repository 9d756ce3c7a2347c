/*
 * compare.c: one comparison A:B fed row by row (see compare.h).
 */
#include "compare.h"

#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#define REFERENCE_RADIUS 6371.2   /* km: height of a geocentric row */
#define DEG (180.0 / 3.14159265358979323846)

const char *const tdre_comp_names[TDRE_NCOMP] = { "x", "y", "z", "f", "h", "d", "i" };
const char *const tdre_group_names[TDRE_NGROUPS] = {
    "main field", "secular variation", "main field, known legacy defect",
    "secular variation, known legacy defect"
};

tdre_cmp *tdre_cmp_new(const char *section, const char *a, const char *b,
                       const tdre_tol *tol, int derived)
{
    tdre_cmp *c = calloc(1, sizeof *c);
    if (!c) return NULL;
    snprintf(c->section, sizeof c->section, "%s", section);
    snprintf(c->a, sizeof c->a, "%s", a);
    snprintf(c->b, sizeof c->b, "%s", b);
    c->tol = *tol;
    c->derived = derived;
    for (int g = 0; g < TDRE_NGROUPS; g++)
        for (int k = 0; k < TDRE_NCOMP; k++) tdre_vstat_init(&c->st[g][k]);
    for (int i = 0; i < TDRE_MAP_LAT; i++)
        for (int j = 0; j < TDRE_MAP_LON; j++) c->cells[i][j] = -1.0;
    return c;
}

void tdre_cmp_free(tdre_cmp *c)
{
    if (!c) return;
    for (int g = 0; g < TDRE_NGROUPS; g++)
        for (int k = 0; k < TDRE_NCOMP; k++) tdre_vstat_free(&c->st[g][k]);
    free(c);
}

void tdre_vector_format(const tdre_vector *v, char *buf, size_t len)
{
    snprintf(buf, len, "isv=%d date=%.17g itype=%d alt=%.17g colat=%.17g elong=%.17g",
             v->isv, v->date, v->itype, v->alt, v->colat, v->elong);
}

void tdre_cmp_problem(tdre_cmp *c, const char *fmt, ...)
{
    va_list ap;
    c->problems++;
    if (c->nproblem_text == TDRE_PROBLEM_TEXTS) return;
    va_start(ap, fmt);
    vsnprintf(c->problem_text[c->nproblem_text++], sizeof c->problem_text[0], fmt, ap);
    va_end(ap);
}

/* The legacy program's answer out of range, or a phase 2 status. */
static int rejected(const tdre_side *s)
{
    const tdre_result *r = s->res;
    if (s->has_status) return strcmp(r->status, "ok") != 0;
    return r->f == 1e8 && r->x == 0.0 && r->y == 0.0 && r->z == 0.0;
}

/* "file:line" of a side read from a file, else name. Written only when a
 * row is reported: formatting it for every row cost a tenth of a run. */
static const char *side_where(const tdre_side *s, const char *name, char buf[TDRE_WHERE_LEN])
{
    if (!s->file) return name;
    snprintf(buf, TDRE_WHERE_LEN, "%s:%ld", s->file, s->line);
    return buf;
}

/* True when the row was dealt with before any numeric comparison. */
static int screen_status(tdre_cmp *c, const tdre_vector *in, const tdre_side *a,
                         const tdre_side *b)
{
    int ra = rejected(a), rb = rejected(b);
    char vec[256], wa[TDRE_WHERE_LEN], wb[TDRE_WHERE_LEN];
    if (c->tol.has_domain && (in->date < c->tol.domain_from || in->date > c->tol.domain_to)) {
        int of_a = strcmp(c->tol.domain_of, c->a) == 0;
        const tdre_side *s = of_a ? a : b;
        c->outside_domain++;
        if (s->has_status && !(of_a ? ra : rb)) {
            tdre_vector_format(in, vec, sizeof vec);
            tdre_cmp_problem(c, "%s: computed a value outside its dates %g..%g (%s)",
                             side_where(s, of_a ? c->a : c->b, wa), c->tol.domain_from,
                             c->tol.domain_to, vec);
        }
        return 1;
    }
    if (ra && rb) {
        c->both_rejected++;
        return 1;
    }
    if (ra != rb) {
        tdre_vector_format(in, vec, sizeof vec);
        tdre_cmp_problem(c, "%s rejects (%s) a row that %s computes (%s)",
                         side_where(ra ? a : b, ra ? c->a : c->b, wa),
                         (ra ? a : b)->has_status ? (ra ? a : b)->res->status : "F = 1e8",
                         side_where(ra ? b : a, ra ? c->b : c->a, wb), vec);
        return 1;
    }
    return 0;
}

static double height_of(const tdre_vector *in)
{
    return in->itype == 2 ? in->alt - REFERENCE_RADIUS : in->alt;
}

static void keep_worst(tdre_cmp *c, int g, const tdre_vector *in, const tdre_side *a,
                       const tdre_side *b, double badness)
{
    size_t n = c->nworst[g], at;
    tdre_vrow *w = c->worst[g];
    char wa[TDRE_WHERE_LEN], wb[TDRE_WHERE_LEN];
    if (badness <= 0.0 || (n == TDRE_WORST && badness <= w[n - 1].badness)) return;
    if (n < TDRE_WORST) n = ++c->nworst[g];
    for (at = n - 1; at > 0 && w[at - 1].badness < badness; at--) w[at] = w[at - 1];
    w[at].in = *in;
    w[at].a[0] = a->res->x; w[at].a[1] = a->res->y; w[at].a[2] = a->res->z; w[at].a[3] = a->res->f;
    w[at].b[0] = b->res->x; w[at].b[1] = b->res->y; w[at].b[2] = b->res->z; w[at].b[3] = b->res->f;
    snprintf(w[at].where_a, sizeof w[at].where_a, "%s", side_where(a, "", wa));
    snprintf(w[at].where_b, sizeof w[at].where_b, "%s", side_where(b, "", wb));
    w[at].badness = badness;
}

static void note_map(tdre_cmp *c, const tdre_vector *in, const double *va, const double *vb)
{
    double lat = 90.0 - in->colat, lon = fmod(in->elong, 360.0), d;
    int i, j;
    if (lon >= 180.0) lon -= 360.0;
    if (lon < -180.0) lon += 360.0;
    i = (int)((lat + 90.0) / 180.0 * TDRE_MAP_LAT);
    j = (int)((lon + 180.0) / 360.0 * TDRE_MAP_LON);
    if (i < 0 || j < 0 || !isfinite(lat) || !isfinite(lon)) return;
    if (i >= TDRE_MAP_LAT) i = TDRE_MAP_LAT - 1;
    if (j >= TDRE_MAP_LON) j = TDRE_MAP_LON - 1;
    d = sqrt((vb[0] - va[0]) * (vb[0] - va[0]) + (vb[1] - va[1]) * (vb[1] - va[1]) +
             (vb[2] - va[2]) * (vb[2] - va[2]));
    if (isfinite(d) && d > c->cells[i][j]) c->cells[i][j] = d;
}

/* H, D, I of (x, y, z); D and I in degrees. */
static void derive(const double *v, double *out)
{
    out[0] = hypot(v[0], v[1]);
    out[1] = atan2(v[1], v[0]) * DEG;
    out[2] = atan2(v[2], out[0]) * DEG;
}

static void add_stats(tdre_cmp *c, int g, int isv, const double *va, const double *vb,
                      double mag)
{
    for (int k = 0; k < 4; k++) tdre_vstat_add(&c->st[g][k], va[k], vb[k], mag);
    if (c->derived && isv == 0) {
        double da[3], db[3];
        derive(va, da);
        derive(vb, db);
        /* a declination difference across +-180 degrees is small, not 360 */
        if (db[1] - da[1] > 180.0) db[1] -= 360.0;
        else if (db[1] - da[1] < -180.0) db[1] += 360.0;
        tdre_vstat_add(&c->st[g][TDRE_C_H], da[0], db[0], mag);
        tdre_vstat_add(&c->st[g][TDRE_C_D], da[1], db[1], 0.0);
        tdre_vstat_add(&c->st[g][TDRE_C_I], da[2], db[2], 0.0);
    }
}

void tdre_cmp_add(tdre_cmp *c, const tdre_vector *in, const tdre_side *a,
                  const tdre_side *b, tdre_defect_fn *defect)
{
    double va[4] = { a->res->x, a->res->y, a->res->z, a->res->f };
    double vb[4] = { b->res->x, b->res->y, b->res->z, b->res->f };
    double mag = sqrt(va[0] * va[0] + va[1] * va[1] + va[2] * va[2]);
    double bad = 0.0, low_bad = 0.0;
    const tdre_bound *bound = in->isv ? &c->tol.sv : &c->tol.main;
    int g = in->isv ? TDRE_G_SV : TDRE_G_MAIN, low, fails;
    if (screen_status(c, in, a, b)) return;
    if (c->tol.defects_apart && defect && defect(in->date, in->isv)) g += 2;
    /* near the surface the exact profile has a bound of its own */
    low = in->isv == 0 && c->tol.low.kind != TDRE_TOL_NONE && height_of(in) >= c->tol.low_from &&
          height_of(in) <= c->tol.low_to;
    for (int k = 0; k < 4; k++) {
        bad = fmax(bad, tdre_bound_badness(bound, va[k], vb[k], mag));
        if (low) low_bad = fmax(low_bad, tdre_bound_badness(&c->tol.low, va[k], vb[k], mag));
    }
    fails = !tdre_bound_holds(bound, bad) || (low && !tdre_bound_holds(&c->tol.low, low_bad));
    c->rows[g]++;
    if (g < TDRE_G_MAIN_DEFECT && fails) c->failed[g]++;
    add_stats(c, g, in->isv, va, vb, mag);
    keep_worst(c, g, in, a, b, fmax(bad, low_bad));
    /* the map shows the surface and low orbit, where users are */
    if (c->map && g == TDRE_G_MAIN && height_of(in) >= TDRE_MAP_MIN_HEIGHT &&
        height_of(in) <= TDRE_MAP_MAX_HEIGHT)
        note_map(c, in, va, vb);
}

uint64_t tdre_cmp_judged(const tdre_cmp *c)
{
    return c->rows[TDRE_G_MAIN] + c->rows[TDRE_G_SV];
}

uint64_t tdre_cmp_failed(const tdre_cmp *c)
{
    return c->failed[TDRE_G_MAIN] + c->failed[TDRE_G_SV];
}

int tdre_cmp_holds(const tdre_cmp *c)
{
    return tdre_cmp_judged(c) > 0 && tdre_cmp_failed(c) == 0 && c->problems == 0;
}
