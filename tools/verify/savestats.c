/*
 * savestats.c: a comparison's state as text, so that shards run apart
 * (--save-stats) can be added up later (tdre-verify merge). Doubles are
 * written as C99 hexadecimal floats: they read back to the same bits.
 */
#include <stdlib.h>
#include <string.h>

#include "compare.h"

void tdre_cmp_save(tdre_cmp *c, FILE *fp)
{
    fprintf(fp, "comparison %s %s %s %d %d\n", c->section, c->a, c->b, c->derived, c->map);
    fputs("counts", fp);
    for (int g = 0; g < TDRE_NGROUPS; g++)
        fprintf(fp, " %llu %llu", (unsigned long long)c->rows[g], (unsigned long long)c->failed[g]);
    fprintf(fp, " %llu %llu %llu\n", (unsigned long long)c->both_rejected,
            (unsigned long long)c->outside_domain, (unsigned long long)c->problems);
    for (int g = 0; g < TDRE_NGROUPS; g++)
        for (int k = 0; k < TDRE_NCOMP; k++) {
            tdre_vstat *s = &c->st[g][k];
            tdre_vstat_flush(s);
            if (s->n == 0 && s->nonfinite == 0) continue;
            fprintf(fp, "stat %d %d ", g, k);
            tdre_vstat_save(s, fp);
        }
    for (int g = 0; g < TDRE_NGROUPS; g++)
        for (size_t i = 0; i < c->nworst[g]; i++) {
            const tdre_vrow *w = &c->worst[g][i];
            fprintf(fp, "worst %d %a %d %a %d %a %a %a", g, w->badness, w->in.isv, w->in.date,
                    w->in.itype, w->in.alt, w->in.colat, w->in.elong);
            for (int k = 0; k < 4; k++) fprintf(fp, " %a", w->a[k]);
            for (int k = 0; k < 4; k++) fprintf(fp, " %a", w->b[k]);
            fprintf(fp, "\t%s\t%s\n", w->where_a, w->where_b);
        }
    for (size_t i = 0; i < c->nproblem_text; i++) fprintf(fp, "problem %s\n", c->problem_text[i]);
    for (int i = 0; i < TDRE_MAP_LAT; i++)
        for (int j = 0; j < TDRE_MAP_LON; j++)
            if (c->cells[i][j] >= 0) fprintf(fp, "cell %d %d %a\n", i, j, c->cells[i][j]);
    fputs("end\n", fp);
}

static int load_counts(tdre_cmp *c, const char *p)
{
    uint64_t v[TDRE_NGROUPS * 2 + 3];
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
        if (tdre_vstat_read_count(&p, &v[i])) return -1;
    for (int g = 0; g < TDRE_NGROUPS; g++) {
        c->rows[g] = v[2 * g];
        c->failed[g] = v[2 * g + 1];
    }
    c->both_rejected = v[TDRE_NGROUPS * 2];
    c->outside_domain = v[TDRE_NGROUPS * 2 + 1];
    c->problems = v[TDRE_NGROUPS * 2 + 2];
    return 0;
}

static int load_worst(tdre_cmp *c, const char *p)
{
    tdre_vrow w;
    int g, used;
    const char *tab;
    memset(&w, 0, sizeof w);
    if (sscanf(p, "%d %la %d %la %d %la %la %la%n", &g, &w.badness, &w.in.isv, &w.in.date,
               &w.in.itype, &w.in.alt, &w.in.colat, &w.in.elong, &used) != 8 ||
        g < 0 || g >= TDRE_NGROUPS || c->nworst[g] == TDRE_WORST)
        return -1;
    p += used;
    for (int k = 0; k < 8; k++) {
        if (sscanf(p, " %la%n", k < 4 ? &w.a[k] : &w.b[k - 4], &used) != 1) return -1;
        p += used;
    }
    if (*p++ != '\t' || !(tab = strchr(p, '\t'))) return -1;
    snprintf(w.where_a, sizeof w.where_a, "%.*s", (int)(tab - p), p);
    snprintf(w.where_b, sizeof w.where_b, "%.*s", (int)strcspn(tab + 1, "\n"), tab + 1);
    c->worst[g][c->nworst[g]++] = w;
    return 0;
}

static int load_line(tdre_cmp *c, char *buf)
{
    int g, k, i, j, used;
    double v;
    buf[strcspn(buf, "\n")] = '\0';
    if (strncmp(buf, "counts", 6) == 0) return load_counts(c, buf + 6);
    if (sscanf(buf, "stat %d %d %n", &g, &k, &used) == 2) {
        if (g < 0 || g >= TDRE_NGROUPS || k < 0 || k >= TDRE_NCOMP) return -1;
        return tdre_vstat_load(&c->st[g][k], buf + used);
    }
    if (strncmp(buf, "worst ", 6) == 0) return load_worst(c, buf + 6);
    if (strncmp(buf, "problem ", 8) == 0) {
        if (c->nproblem_text < TDRE_PROBLEM_TEXTS)
            snprintf(c->problem_text[c->nproblem_text++], sizeof c->problem_text[0], "%.300s",
                     buf + 8);
        return 0;
    }
    if (sscanf(buf, "cell %d %d %la", &i, &j, &v) == 3 && i >= 0 && i < TDRE_MAP_LAT &&
        j >= 0 && j < TDRE_MAP_LON) {
        c->cells[i][j] = v;
        return 0;
    }
    return -1;
}

tdre_cmp *tdre_cmp_load(FILE *fp, const char *name, long *line, char *err, size_t errlen)
{
    char buf[65536 + 4096 * 32], section[64], a[64], b[64];
    int derived, map;
    tdre_cmp *c;
    tdre_tol none;
    if (!fgets(buf, sizeof buf, fp)) return NULL;
    ++*line;
    if (sscanf(buf, "comparison %63s %63s %63s %d %d", section, a, b, &derived, &map) != 5 ||
        (derived != 0 && derived != 1) || (map != 0 && map != 1)) {
        snprintf(err, errlen, "%s:%ld: expected 'comparison A B ...'", name, *line);
        return NULL;
    }
    memset(&none, 0, sizeof none);
    if (!(c = tdre_cmp_new(section, a, b, &none, derived))) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    c->map = map;
    while (fgets(buf, sizeof buf, fp)) {
        ++*line;
        if (strncmp(buf, "end", 3) == 0) return c;
        if (load_line(c, buf) != 0) {
            snprintf(err, errlen, "%s:%ld: malformed statistics line", name, *line);
            tdre_cmp_free(c);
            return NULL;
        }
    }
    snprintf(err, errlen, "%s:%ld: unexpected end of file (no 'end')", name, *line);
    tdre_cmp_free(c);
    return NULL;
}

static void merge_worst(tdre_cmp *dst, const tdre_cmp *src, int g)
{
    for (size_t i = 0; i < src->nworst[g]; i++) {
        const tdre_vrow *w = &src->worst[g][i];
        size_t n = dst->nworst[g], at;
        tdre_vrow *d = dst->worst[g];
        if (n == TDRE_WORST && w->badness <= d[n - 1].badness) continue;
        if (n < TDRE_WORST) n = ++dst->nworst[g];
        for (at = n - 1; at > 0 && d[at - 1].badness < w->badness; at--) d[at] = d[at - 1];
        d[at] = *w;
    }
}

int tdre_cmp_merge(tdre_cmp *dst, tdre_cmp *src)
{
    for (int g = 0; g < TDRE_NGROUPS; g++) {
        dst->rows[g] += src->rows[g];
        dst->failed[g] += src->failed[g];
        for (int k = 0; k < TDRE_NCOMP; k++)
            if (tdre_vstat_merge(&dst->st[g][k], &src->st[g][k]) != 0) return -1;
        merge_worst(dst, src, g);
    }
    dst->both_rejected += src->both_rejected;
    dst->outside_domain += src->outside_domain;
    dst->problems += src->problems;
    for (size_t i = 0; i < src->nproblem_text && dst->nproblem_text < TDRE_PROBLEM_TEXTS; i++)
        memcpy(dst->problem_text[dst->nproblem_text++], src->problem_text[i],
               sizeof src->problem_text[i]);
    for (int i = 0; i < TDRE_MAP_LAT; i++)
        for (int j = 0; j < TDRE_MAP_LON; j++)
            if (src->cells[i][j] > dst->cells[i][j]) dst->cells[i][j] = src->cells[i][j];
    return 0;
}
