/*
 * report_text.c: the verdicts and the readable report on standard output.
 */
#include <math.h>
#include <string.h>

#include "verify.h"

static int geomag_failed(const tdre_verify *v)
{
    for (int i = 0; i < v->ngm; i++)
        if (v->gm[i].available && !tdre_geomag_pass(&v->gm[i])) return 1;
    return 0;
}

static int geomag_missing(const tdre_verify *v)
{
    for (int i = 0; i < v->ngm; i++)
        if (!v->gm[i].available) return 1;
    return 0;
}

int tdre_verify_verdict(const tdre_verify *v)
{
    int failed = geomag_failed(v);
    for (int i = 0; i < v->ncmp; i++)
        if (!tdre_cmp_holds(v->cmp[i])) failed = 1;
    if (failed || v->ncmp == 0) return 1;
    return v->nnot_run > 0 || geomag_missing(v) ? 3 : 0;
}

static const char *verdict_word(int status)
{
    return status == 0 ? "PASS" : status == 3 ? "INCOMPLETE" : "FAIL";
}

static void bound_line(const tdre_cmp *c, char *buf, size_t len)
{
    char m[96], s[96], l[96];
    tdre_bound_format(&c->tol.main, m, sizeof m);
    tdre_bound_format(&c->tol.sv, s, sizeof s);
    snprintf(buf, len, "main field %s; secular variation %s", m, s);
    if (c->tol.low.kind != TDRE_TOL_NONE) {
        tdre_bound_format(&c->tol.low, l, sizeof l);
        snprintf(buf + strlen(buf), len - strlen(buf), "; at heights %g..%g km also %s",
                 c->tol.low_from, c->tol.low_to, l);
    }
    if (c->tol.defects_apart)
        snprintf(buf + strlen(buf), len - strlen(buf), "; known legacy defects apart");
    if (c->tol.has_domain)
        snprintf(buf + strlen(buf), len - strlen(buf), "; %s valid %g..%g", c->tol.domain_of,
                 c->tol.domain_from, c->tol.domain_to);
}

static void print_component(FILE *out, tdre_vstat *s, const char *name)
{
    tdre_vstat_summary m;
    tdre_vstat_finish(s, &m);
    if (m.n == 0 && m.nonfinite == 0) return;
    char rel[16];
    /* D and I are angles: no |B| to be relative to */
    if (strcmp(name, "d") == 0 || strcmp(name, "i") == 0) snprintf(rel, sizeof rel, "-");
    else snprintf(rel, sizeof rel, "%.3g", m.max_rel);
    fprintf(out, "  %-2s %9llu %10.3g %10.3g %10.3g %10.3g %s%9.3g %s%9.3g %10s"
            " %9llu %7llu %7llu %7llu %7llu",
            name, (unsigned long long)m.n, m.max_abs, m.mean, m.sd, m.rms,
            m.estimated ? "~" : " ", m.median, m.estimated ? "~" : " ", m.p999, rel,
            (unsigned long long)m.ulp[0], (unsigned long long)m.ulp[1],
            (unsigned long long)m.ulp[2], (unsigned long long)m.ulp[3],
            (unsigned long long)m.ulp[4]);
    if (m.nonfinite) fprintf(out, "  (%llu not finite)", (unsigned long long)m.nonfinite);
    fputc('\n', out);
}

static void print_worst(FILE *out, const tdre_cmp *c, int g)
{
    for (size_t i = 0; i < c->nworst[g]; i++) {
        const tdre_vrow *w = &c->worst[g][i];
        char vec[256];
        tdre_vector_format(&w->in, vec, sizeof vec);
        fprintf(out, "    #%zu badness %.4g: %s\n", i + 1, w->badness, vec);
        fprintf(out, "       %-13s x %.17g y %.17g z %.17g f %.17g%s%s%s\n", c->a,
                w->a[0], w->a[1], w->a[2], w->a[3], w->where_a[0] ? " [" : "", w->where_a,
                w->where_a[0] ? "]" : "");
        fprintf(out, "       %-13s x %.17g y %.17g z %.17g f %.17g%s%s%s\n", c->b,
                w->b[0], w->b[1], w->b[2], w->b[3], w->where_b[0] ? " [" : "", w->where_b,
                w->where_b[0] ? "]" : "");
    }
}

static void print_group(FILE *out, tdre_cmp *c, int g)
{
    if (c->rows[g] == 0) return;
    fprintf(out, " %s: %llu rows", tdre_group_names[g], (unsigned long long)c->rows[g]);
    if (g < TDRE_G_MAIN_DEFECT)
        fprintf(out, ", %llu outside tolerance\n", (unsigned long long)c->failed[g]);
    else
        fputs(", not judged (the legacy program is wrong here)\n", out);
    fprintf(out, "  %-2s %9s %10s %10s %10s %10s %10s %10s %10s %9s %7s %7s %7s %7s\n", "",
            "count", "max|d|", "mean d", "sd d", "rms d", "median|d|", "p99.9|d|", "max rel",
            "ulp 0", "1", "2-4", "5-16", "more");
    for (int k = 0; k < TDRE_NCOMP; k++) print_component(out, &c->st[g][k], tdre_comp_names[k]);
    if (c->nworst[g]) {
        fprintf(out, "  %s rows (badness: ULP distance for bitwise/ulp bounds, |d| / allowed "
                "otherwise):\n", g < TDRE_G_MAIN_DEFECT ? "worst" : "largest");
        print_worst(out, c, g);
    }
}

static void print_comparison(FILE *out, tdre_cmp *c, int have_defect_fn)
{
    char bounds[512];
    uint64_t defects = c->rows[TDRE_G_MAIN_DEFECT] + c->rows[TDRE_G_SV_DEFECT];
    bound_line(c, bounds, sizeof bounds);
    fprintf(out, "\n=== [%s] %s : %s\n tolerance: %s\n", c->section, c->a, c->b, bounds);
    fprintf(out, " rows: %llu judged, %llu known legacy defect, %llu rejected by both, "
            "%llu outside the domain\n", (unsigned long long)tdre_cmp_judged(c),
            (unsigned long long)defects, (unsigned long long)c->both_rejected,
            (unsigned long long)c->outside_domain);
    if (c->tol.defects_apart && !have_defect_fn)
        fputs(" note: the legacy defect predicate (tdre_legacy_defect) is not in this build: "
              "every row is judged\n", out);
    for (int g = 0; g < TDRE_NGROUPS; g++) print_group(out, c, g);
    if (c->problems) {
        fprintf(out, " problems: %llu\n", (unsigned long long)c->problems);
        for (size_t i = 0; i < c->nproblem_text; i++) fprintf(out, "  %s\n", c->problem_text[i]);
        if (c->problems > c->nproblem_text)
            fprintf(out, "  ... %llu more\n", (unsigned long long)(c->problems - c->nproblem_text));
    }
}

static void print_verdict(FILE *out, const tdre_cmp *c)
{
    uint64_t defects = c->rows[TDRE_G_MAIN_DEFECT] + c->rows[TDRE_G_SV_DEFECT];
    fprintf(out, "verdict [%s] %s:%s: %s", c->section, c->a, c->b,
            tdre_cmp_holds(c) ? "PASS" : "FAIL");
    if (tdre_cmp_judged(c) == 0) fputs(" (no row compared)", out);
    else fprintf(out, " (%llu of %llu rows outside tolerance", (unsigned long long)tdre_cmp_failed(c),
                 (unsigned long long)tdre_cmp_judged(c));
    if (c->problems) fprintf(out, ", %llu problems", (unsigned long long)c->problems);
    if (tdre_cmp_judged(c)) fputc(')', out);
    if (defects) fprintf(out, "; %llu known legacy defect rows listed apart",
                         (unsigned long long)defects);
    fputc('\n', out);
}

static void print_geomag(FILE *out, const tdre_verify *v)
{
    if (v->ngm == 0) return;
    fputs("\n=== geomag70 published samples (tdre-geomag, compared column by column as printed)\n",
          out);
    for (int i = 0; i < v->ngm; i++) {
        const tdre_geomag_check *g = &v->gm[i];
        if (!g->available) {
            fprintf(out, "verdict geomag %s: NOT AVAILABLE (%s)\n", g->name, g->reason);
            continue;
        }
        for (int k = 0; k < g->nfirst; k++) fprintf(out, "  %s\n", g->first_diffs[k]);
        if (!tdre_geomag_pass(g)) {
            fputs("  differing columns:", out);
            for (int k = 0; k < g->columns; k++)
                if (g->col_diffs[k]) fprintf(out, " %s (%d)", g->col_names[k], g->col_diffs[k]);
            fputc('\n', out);
        }
        fprintf(out, "verdict geomag %s: %s (%d of %d rows identical in all %d columns)\n", g->name,
                tdre_geomag_pass(g) ? "PASS" : "FAIL", g->rows_same, g->rows,
                g->columns);
    }
}

void tdre_verify_report_text(tdre_verify *v, FILE *out)
{
    int status = tdre_verify_verdict(v), have_defect = tdre_verify_defect_fn() != NULL;
    fputs("tdre-verify report\n", out);
    for (int i = 0; i < v->nsec; i++) {
        const tdre_section *s = &v->sec[i];
        fprintf(out, "set [%s]: %llu rows from %s", s->name, (unsigned long long)s->rows, s->desc);
        if (s->shards > 1) fprintf(out, " (%d shards merged)", s->shards);
        fputc('\n', out);
        if (s->legacy_messages)
            fprintf(out, "  the legacy code printed %ld message lines (first: \"%s\")\n",
                    s->legacy_messages, s->legacy_first);
    }
    fputs("d = b - a per component; |B| = length of a's (x, y, z); ~ = histogram estimate "
          "(within 0.9%)\n", out);
    for (int i = 0; i < v->ncmp; i++) print_comparison(out, v->cmp[i], have_defect);
    print_geomag(out, v);
    fputs("\n", out);
    for (int i = 0; i < v->ncmp; i++) print_verdict(out, v->cmp[i]);
    for (int i = 0; i < v->nnot_run; i++) fprintf(out, "verdict %s: NOT RUN\n", v->not_run[i]);
    fprintf(out, "OVERALL: %s (%d comparisons", verdict_word(status), v->ncmp);
    if (v->ngm) fprintf(out, ", %d geomag70 samples", v->ngm);
    fprintf(out, ") in %.1f s wall time\n", v->seconds);
    if (status == 3)
        fputs("(INCOMPLETE: some parts were not run; see the NOT RUN / NOT AVAILABLE lines)\n", out);
}
