/*
 * merge.c: `tdre-verify merge STATS...`: adds up the statistics saved by
 * runs over shards (or different vector sets) into one report.
 * Comparisons of the same section and pair are added; sections add their
 * rows. Tolerances come from the tolerance file, as in a run.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "verify.h"

static tdre_section *find_section(tdre_verify *v, const char *name)
{
    for (int i = 0; i < v->nsec; i++)
        if (strcmp(v->sec[i].name, name) == 0) return &v->sec[i];
    return NULL;
}

/* "section NAME ROWS SHARDS MESSAGES\tFIRST\tDESC" */
static int merge_section(tdre_verify *v, char *line)
{
    char name[48], *first, *desc;
    const char *p;
    uint64_t rows, shards, messages;
    int used;
    tdre_section *s;
    /* Counts, not signed numbers: "-2" rows must not wrap to 2^64 - 2. */
    if (sscanf(line, "section %47s%n", name, &used) != 1) return -1;
    p = line + used;
    if (tdre_vstat_read_count(&p, &rows) || tdre_vstat_read_count(&p, &shards) ||
        tdre_vstat_read_count(&p, &messages) || shards < 1 || shards > INT_MAX ||
        messages > LONG_MAX || *p != '\t' || !(desc = strchr(p + 1, '\t')))
        return -1;
    first = (char *)p + 1;
    *desc++ = '\0';
    desc[strcspn(desc, "\n")] = '\0';
    if ((s = find_section(v, name))) {
        s->rows += rows;
        s->shards += shards;
        s->legacy_messages += messages;
        return 0;
    }
    if (v->nsec == TDRE_MAX_SECTIONS) return -1;
    s = &v->sec[v->nsec++];
    snprintf(s->name, sizeof s->name, "%s", name);
    snprintf(s->desc, sizeof s->desc, "%s", desc);
    snprintf(s->legacy_first, sizeof s->legacy_first, "%s", first);
    s->rows = rows;
    s->shards = shards;
    s->legacy_messages = messages;
    return 0;
}

static int merge_comparison(tdre_verify *v, tdre_cmp *c, const char *path, char *err, size_t errlen)
{
    const tdre_tol *tol = tdre_tolset_find(&v->tols, c->a, c->b);
    if (!tol) {
        snprintf(err, errlen, "%s: no tolerance for %s:%s in %s", path, c->a, c->b, v->tolerances);
        return -1;
    }
    c->tol = *tol;
    for (int i = 0; i < v->ncmp; i++) {
        tdre_cmp *d = v->cmp[i];
        if (strcmp(d->section, c->section) || strcmp(d->a, c->a) || strcmp(d->b, c->b)) continue;
        if (tdre_cmp_merge(d, c) != 0) {
            snprintf(err, errlen, "out of memory");
            return -1;
        }
        tdre_cmp_free(c);
        return 0;
    }
    if (v->ncmp == TDRE_MAX_CMPS) {
        snprintf(err, errlen, "%s: more than %d comparisons", path, TDRE_MAX_CMPS);
        return -1;
    }
    v->cmp[v->ncmp++] = c;
    return 0;
}

static int merge_file(tdre_verify *v, const char *path, char *err, size_t errlen)
{
    FILE *fp = fopen(path, "r");
    char line[1024];
    long lineno = 1;
    if (!fp) {
        snprintf(err, errlen, "%s: cannot open", path);
        return -1;
    }
    if (!fgets(line, sizeof line, fp) || strcmp(line, "tdre-verify statistics 1\n") != 0) {
        snprintf(err, errlen, "%s:1: not a tdre-verify statistics file", path);
        fclose(fp);
        return -1;
    }
    for (;;) {
        long at = ftell(fp);
        tdre_cmp *c;
        if (!fgets(line, sizeof line, fp)) break;
        lineno++;
        if (strncmp(line, "section ", 8) == 0) {
            if (merge_section(v, line) != 0) {
                snprintf(err, errlen, "%s:%ld: malformed section line", path, lineno);
                fclose(fp);
                return -1;
            }
            continue;
        }
        if (strncmp(line, "not-run ", 8) == 0) {
            line[strcspn(line, "\n")] = '\0';
            if (v->nnot_run < TDRE_MAX_SECTIONS) v->not_run[v->nnot_run++] = strdup(line + 8);
            continue;
        }
        fseek(fp, at, SEEK_SET);
        lineno--;
        if (!(c = tdre_cmp_load(fp, path, &lineno, err, errlen)) ||
            merge_comparison(v, c, path, err, errlen) != 0) {
            fclose(fp);
            return -1;
        }
    }
    fclose(fp);
    return 0;
}

int tdre_verify_merge_main(tdre_verify *v, int nfiles, char **files);

int tdre_verify_merge_main(tdre_verify *v, int nfiles, char **files)
{
    char err[512];
    if (nfiles < 1) {
        fputs("tdre-verify merge: give one statistics file or more\n", stderr);
        return 2;
    }
    for (int i = 0; i < nfiles; i++)
        if (merge_file(v, files[i], err, sizeof err) != 0) {
            fprintf(stderr, "tdre-verify merge: %s\n", err);
            return 2;
        }
    return 0;
}
