/*
 * tolerance.c: the tolerance file (see tolerance.h, docs/verify.md).
 */
#include "tolerance.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stats.h"

static char *trim(char *s)
{
    char *end;
    while (isspace((unsigned char)*s)) s++;
    end = s + strlen(s);
    while (end > s && isspace((unsigned char)end[-1])) *--end = '\0';
    return s;
}

static int parse_number(const char *word, double *v)
{
    char *end;
    errno = 0;
    *v = strtod(word, &end);
    return end != word && *end == '\0' && errno == 0 && isfinite(*v) && *v >= 0.0 ? 0 : -1;
}

int tdre_bound_parse(const char *text, tdre_bound *out)
{
    char buf[128], *words[5], *save = NULL;
    int n = 0;
    double v;
    snprintf(buf, sizeof buf, "%s", text);
    for (char *w = strtok_r(buf, " \t", &save); w; w = strtok_r(NULL, " \t", &save)) {
        if (n == 5) return -1;
        words[n++] = w;
    }
    memset(out, 0, sizeof *out);
    if (n == 1 && strcmp(words[0], "bitwise") == 0) {
        out->kind = TDRE_TOL_BITWISE;
        return 0;
    }
    if (n == 2 && strcmp(words[0], "ulp") == 0 && parse_number(words[1], &v) == 0 &&
        v == floor(v) && v < 1e18) {
        out->kind = TDRE_TOL_ULP;
        out->ulp = (uint64_t)v;
        return 0;
    }
    out->kind = TDRE_TOL_ABSREL;
    for (int i = 0; i + 1 < n; i += 2) {
        if (parse_number(words[i + 1], &v) != 0) return -1;
        if (strcmp(words[i], "abs") == 0) out->abs = v;
        else if (strcmp(words[i], "rel") == 0) out->rel = v;
        else return -1;
    }
    return n == 2 || n == 4 ? 0 : -1;
}

void tdre_bound_format(const tdre_bound *b, char *buf, size_t len)
{
    switch (b->kind) {
    case TDRE_TOL_BITWISE: snprintf(buf, len, "bitwise"); break;
    case TDRE_TOL_ULP: snprintf(buf, len, "<= %llu ulp", (unsigned long long)b->ulp); break;
    case TDRE_TOL_ABSREL:
        if (b->rel > 0) snprintf(buf, len, "|d| <= %g + %g |B|", b->abs, b->rel);
        else snprintf(buf, len, "|d| <= %g", b->abs);
        break;
    default: snprintf(buf, len, "none"); break;
    }
}

double tdre_bound_badness(const tdre_bound *b, double a, double v, double mag)
{
    uint64_t u;
    if (memcmp(&a, &v, sizeof a) == 0) return 0.0;
    if (!isfinite(a) || !isfinite(v)) return INFINITY;
    u = tdre_ulp_distance(a, v);
    switch (b->kind) {
    case TDRE_TOL_BITWISE:
    case TDRE_TOL_ULP:
        return u == 0 ? 1.0 : (double)u;    /* +0 against -0 is not bitwise */
    case TDRE_TOL_ABSREL: {
        double allowed = b->abs + b->rel * mag;
        return allowed > 0 ? fabs(v - a) / allowed : INFINITY;
    }
    default:
        return INFINITY;
    }
}

int tdre_bound_holds(const tdre_bound *b, double badness)
{
    switch (b->kind) {
    case TDRE_TOL_BITWISE: return badness == 0.0;
    case TDRE_TOL_ULP: return badness <= (double)b->ulp;
    case TDRE_TOL_ABSREL: return badness <= 1.0;
    default: return 0;
    }
}

static int fail(char *err, size_t errlen, const char *path, long line, const char *what)
{
    snprintf(err, errlen, "%s:%ld: %s", path, line, what);
    return -1;
}

static int start_pair(tdre_tolset *set, char *name, const char *path, long line,
                      char *err, size_t errlen)
{
    char *colon = strchr(name, ':');
    tdre_tol *t, *grown;
    if (!colon || colon == name || !colon[1] || strlen(name) >= sizeof t->a)
        return fail(err, errlen, path, line, "section must be [A:B]");
    *colon = '\0';
    if (tdre_tolset_find(set, name, colon + 1))
        return fail(err, errlen, path, line, "pair given twice");
    if (!(grown = realloc(set->pairs, (set->n + 1) * sizeof *grown)))
        return fail(err, errlen, path, line, "out of memory");
    set->pairs = grown;
    t = &set->pairs[set->n++];
    memset(t, 0, sizeof *t);
    snprintf(t->a, sizeof t->a, "%s", name);
    snprintf(t->b, sizeof t->b, "%s", colon + 1);
    snprintf(t->where, sizeof t->where, "%s:%ld", path, line);
    t->sv.kind = -1;    /* "as main" until given */
    return 0;
}

static int set_key(tdre_tol *t, const char *key, const char *value)
{
    if (strcmp(key, "main") == 0) return tdre_bound_parse(value, &t->main);
    if (strcmp(key, "sv") == 0) return tdre_bound_parse(value, &t->sv);
    if (strcmp(key, "low") == 0) return tdre_bound_parse(value, &t->low);
    if (strcmp(key, "low-heights") == 0) {
        char extra;
        return sscanf(value, "%lf %lf %c", &t->low_from, &t->low_to, &extra) == 2 &&
               t->low_from <= t->low_to ? 0 : -1;
    }
    if (strcmp(key, "defects") == 0) {
        if (strcmp(value, "apart") == 0) t->defects_apart = 1;
        else if (strcmp(value, "judged") != 0) return -1;
        return 0;
    }
    if (strcmp(key, "domain") == 0) {
        char extra;
        t->has_domain = 1;
        return sscanf(value, "%31s %lf %lf %c", t->domain_of, &t->domain_from, &t->domain_to,
                      &extra) == 3 && t->domain_from <= t->domain_to &&
               (strcmp(t->domain_of, t->a) == 0 || strcmp(t->domain_of, t->b) == 0) ? 0 : -1;
    }
    return -2;
}

static int finish_pair(tdre_tol *t, const char *path, long line, char *err, size_t errlen)
{
    if (t->main.kind == TDRE_TOL_NONE)
        return fail(err, errlen, path, line, "section has no 'main' bound");
    if (t->sv.kind == -1) t->sv = t->main;
    return 0;
}

/* The sections and keys of an open file; -1 with "path:line: why". */
static int read_pairs(tdre_tolset *set, FILE *fp, const char *path, char *err, size_t errlen)
{
    char buf[512];
    long line = 0;
    while (fgets(buf, sizeof buf, fp)) {
        char *s = trim(buf), *eq;
        int r;
        line++;
        if (*s == '#' || *s == '\0') continue;
        if (*s == '[') {
            char *close = strchr(s, ']');
            if (!close || close[1] != '\0')
                return fail(err, errlen, path, line, "expected [A:B]");
            *close = '\0';
            if ((set->n && finish_pair(&set->pairs[set->n - 1], path, line, err, errlen)) ||
                start_pair(set, trim(s + 1), path, line, err, errlen))
                return -1;
            continue;
        }
        if (!(eq = strchr(s, '=')) || set->n == 0)
            return fail(err, errlen, path, line,
                        set->n ? "expected key = value" : "expected a [A:B] section first");
        *eq = '\0';
        r = set_key(&set->pairs[set->n - 1], trim(s), trim(eq + 1));
        if (r != 0)
            return fail(err, errlen, path, line, r == -2 ? "unknown key" : "bad value");
    }
    if (set->n && finish_pair(&set->pairs[set->n - 1], path, line, err, errlen)) return -1;
    return 0;
}

int tdre_tolset_read(tdre_tolset *set, const char *path, char *err, size_t errlen)
{
    FILE *fp = fopen(path, "r");
    int rc;
    memset(set, 0, sizeof *set);
    if (!fp) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return -1;
    }
    rc = read_pairs(set, fp, path, err, errlen);
    fclose(fp);
    /* A failed read leaves nothing to free. */
    if (rc != 0) tdre_tolset_free(set);
    return rc;
}

const tdre_tol *tdre_tolset_find(const tdre_tolset *set, const char *a, const char *b)
{
    for (size_t i = 0; i < set->n; i++) {
        const tdre_tol *t = &set->pairs[i];
        if ((strcmp(t->a, a) == 0 && strcmp(t->b, b) == 0) ||
            (strcmp(t->a, b) == 0 && strcmp(t->b, a) == 0))
            return t;
    }
    return NULL;
}

void tdre_tolset_free(tdre_tolset *set)
{
    free(set->pairs);
    set->pairs = NULL;
    set->n = 0;
}
