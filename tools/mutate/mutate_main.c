/*
 * tdre-mutate: the mutants of C source files, listed or applied.
 *
 *   tdre-mutate list [--sample N --seed S] FILE...
 *   tdre-mutate apply FILE ID OUTPUT
 *
 * The list is one mutant per line, tab separated: file, id (0-based, per
 * file, in source order), line:col, kind, key (stable name, used by
 * tools/mutate/equivalent.txt), the mutated source line and the original. The same file
 * always gives the same list; --sample picks N of them with a seeded
 * generator, the same N on every machine.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mutate_lex.h"
#include "mutate_sites.h"

typedef struct {
    char *src;
    mut_lexed lx;
    mut_sites sites;
} source;

static void usage(FILE *to)
{
    fputs("usage: tdre-mutate list [--sample N --seed S] FILE...\n"
          "       tdre-mutate apply FILE ID OUTPUT\n"
          "\n"
          "list   one mutant per line: file, id, line:col, kind, key, mutated line,\n"
          "       original line\n"
          "       (tab separated). Kinds: arith (+ - * / swapped, unary minus\n"
          "       dropped, += -= *= /= swapped), logic (&& ||), compare (negated,\n"
          "       boundary moved), const (last digit nudged until the value\n"
          "       changes), index (array index or 1-based index macro off by one),\n"
          "       delete (expression statement deleted).\n"
          "       --sample N --seed S: N mutants picked at random, reproducibly.\n"
          "apply  writes FILE with mutant ID applied to OUTPUT ('-': stdout).\n"
          "Exit status: 0 ok, 1 unreadable file or unknown id, 2 usage error.\n",
          to);
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    size_t cap = 65536, n = 0;
    char *buf = malloc(cap + 1);
    while (buf) {
        n += fread(buf + n, 1, cap - n, f);
        if (n < cap) break;
        char *b = realloc(buf, 2 * cap + 1);
        if (!b) {
            free(buf);
            buf = NULL;
            break;
        }
        buf = b;
        cap *= 2;
    }
    int bad = ferror(f);
    fclose(f);
    if (!buf || bad) {
        free(buf);
        return NULL;
    }
    buf[n] = '\0';
    *len = n;
    return buf;
}

static int load(const char *path, source *s)
{
    size_t len;
    memset(s, 0, sizeof *s);
    if (!(s->src = slurp(path, &len))) {
        fprintf(stderr, "tdre-mutate: %s: %s\n", path, strerror(errno ? errno : EIO));
        return -1;
    }
    const char *base = strrchr(path, '/');
    if (mut_lex(s->src, len, &s->lx) || mut_sites_find(&s->lx, base ? base + 1 : path, &s->sites)) {
        fprintf(stderr, "tdre-mutate: %s: out of memory\n", path);
        return -1;
    }
    return 0;
}

static void unload(source *s)
{
    mut_sites_free(&s->sites);
    mut_lex_free(&s->lx);
    free(s->src);
}

static uint64_t splitmix64(uint64_t *state)
{
    uint64_t z = (*state += 0x9E3779B97F4A7C15u);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
    return z ^ (z >> 31);
}

/* chosen[i] = 1 for n of the total indices, picked reproducibly from seed. */
static unsigned char *sample(size_t total, size_t n, uint64_t seed)
{
    size_t *idx = malloc((total ? total : 1) * sizeof *idx);
    unsigned char *chosen = calloc(total ? total : 1, 1);
    if (!idx || !chosen) {
        free(idx);
        free(chosen);
        return NULL;
    }
    for (size_t i = 0; i < total; i++) idx[i] = i;
    if (n > total) n = total;
    for (size_t i = 0; i < n; i++) {
        size_t j = i + (size_t)(splitmix64(&seed) % (total - i));
        size_t t = idx[i];
        idx[i] = idx[j];
        idx[j] = t;
        chosen[idx[i]] = 1;
    }
    free(idx);
    return chosen;
}

static int list(int argc, char **argv)
{
    long nsample = -1;
    uint64_t seed = 1;
    int i = 0;
    for (; i < argc && strncmp(argv[i], "--", 2) == 0; i += 2) {
        if (i + 1 >= argc) {
            usage(stderr);
            return 2;
        }
        char *end;
        errno = 0;
        unsigned long long v = strtoull(argv[i + 1], &end, 10);
        if (*end || errno || argv[i + 1][0] == '-') {
            fprintf(stderr, "tdre-mutate: %s: not a non-negative integer: %s\n", argv[i], argv[i + 1]);
            return 2;
        }
        if (strcmp(argv[i], "--sample") == 0) nsample = (long)v;
        else if (strcmp(argv[i], "--seed") == 0) seed = v;
        else {
            usage(stderr);
            return 2;
        }
    }
    if (i >= argc) {
        usage(stderr);
        return 2;
    }
    int nfiles = argc - i;
    source *src = calloc((size_t)nfiles, sizeof *src);
    if (!src) return 1;
    size_t total = 0;
    int rc = 0;
    for (int f = 0; f < nfiles && !rc; f++) {
        rc = load(argv[i + f], &src[f]) ? 1 : 0;
        total += src[f].sites.n;
    }
    unsigned char *chosen = NULL;
    if (!rc && nsample >= 0 && !(chosen = sample(total, (size_t)nsample, seed))) rc = 1;
    for (int f = 0, g = 0; f < nfiles && !rc; f++)
        for (size_t k = 0; k < src[f].sites.n; k++, g++) {
            const mut_site *s = &src[f].sites.site[k];
            if (chosen && !chosen[g]) continue;
            printf("%s\t%zu\t%d:%d\t%s\t%s\t%s\t%s\n", argv[i + f], k, s->line, s->col,
                   s->kind, s->key, s->desc, s->orig);
        }
    for (int f = 0; f < nfiles; f++) unload(&src[f]);
    free(src);
    free(chosen);
    if (fflush(stdout) != 0) rc = 1;
    return rc;
}

static int apply(int argc, char **argv)
{
    if (argc != 3) {
        usage(stderr);
        return 2;
    }
    char *end;
    unsigned long id = strtoul(argv[1], &end, 10);
    if (*end || argv[1][0] == '\0' || argv[1][0] == '-') {
        usage(stderr);
        return 2;
    }
    source s;
    if (load(argv[0], &s)) return 1;
    int rc = 0;
    if (id >= s.sites.n) {
        fprintf(stderr, "tdre-mutate: %s has %zu mutants, no id %lu\n", argv[0], s.sites.n, id);
        rc = 1;
    } else if (mut_site_write(&s.lx, &s.sites.site[id], argv[2])) {
        fprintf(stderr, "tdre-mutate: %s: %s\n", argv[2], strerror(errno));
        rc = 1;
    }
    unload(&s);
    return rc;
}

int main(int argc, char **argv)
{
    if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
        usage(stdout);
        return 0;
    }
    if (argc >= 2 && strcmp(argv[1], "list") == 0) return list(argc - 2, argv + 2);
    if (argc >= 2 && strcmp(argv[1], "apply") == 0) return apply(argc - 2, argv + 2);
    usage(stderr);
    return 2;
}
