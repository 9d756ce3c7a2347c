/*
 * fuzz_verify_stats.c: libFuzzer target for the statistics files that
 * `tdre-verify --save-stats` writes and `tdre-verify merge` reads back
 * (tools/verify/savestats.c, tdre_cmp_load), over fmemopen.
 *
 * Every comparison read is merged into the first, as merge does with
 * shards. Beyond the sanitizers it checks: a failed read names the file and
 * line; reading ends (at most one comparison per line of input).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compare.h"

#define NAME "fuzz.stats"

#define REQUIRE(cond) do { if (!(cond)) { \
    fprintf(stderr, "fuzz_verify_stats: invariant failed: %s (line %d)\n", #cond, __LINE__); \
    abort(); } } while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char err[512];
    long line = 0;
    size_t lines = 1, loads = 0;
    tdre_cmp *first = NULL, *c;
    if (size == 0) return 0;
    char *text = malloc(size);
    REQUIRE(text != NULL);
    memcpy(text, data, size);
    for (size_t i = 0; i < size; i++) lines += text[i] == '\n';
    FILE *in = fmemopen(text, size, "r");
    REQUIRE(in != NULL);
    for (;;) {
        err[0] = '\0';
        c = tdre_cmp_load(in, NAME, &line, err, sizeof err);
        if (!c) {
            REQUIRE(err[0] == '\0' || strncmp(err, NAME ":", strlen(NAME) + 1) == 0
                    || strcmp(err, "out of memory") == 0);
            break;
        }
        REQUIRE(++loads <= lines);
        if (!first) {
            first = c;
        } else {
            (void)tdre_cmp_merge(first, c);
            tdre_cmp_free(c);
        }
        (void)tdre_cmp_judged(first);
        (void)tdre_cmp_failed(first);
    }
    tdre_cmp_free(first);
    fclose(in);
    free(text);
    return 0;
}
