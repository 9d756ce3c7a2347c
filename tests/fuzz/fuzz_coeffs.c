/*
 * fuzz_coeffs.c: libFuzzer target for the coefficient readers
 * (port_c/phase2/coeffio.c), through tdre_coeffs_parse.
 *
 * Built once per format: TDRE_FUZZ_FORMAT is TDRE_COEFFS_NOAA, _SHC, _COF or
 * _AUTO. Beyond the sanitizers, it checks what coeffio.h promises: a model
 * it accepts is well formed (epochs increasing, degrees in range, every
 * number finite); a rejected file leaves *out all zero and a message that
 * starts with the file's name.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "coeffio.h"
#include "tdre.h"

#define NAME "fuzz.cof"
#define NDIM (TDRE_COEFFS_NMAX + 1)

#define REQUIRE(cond) do { if (!(cond)) { \
    fprintf(stderr, "fuzz_coeffs: invariant failed: %s (line %d)\n", #cond, __LINE__); \
    abort(); } } while (0)

static void check_model(const tdre_coeffs *c)
{
    REQUIRE(c->nepochs >= 1 && c->nepochs <= TDRE_COEFFS_EPOCHS);
    REQUIRE(memchr(c->name, '\0', sizeof c->name) != NULL);
    REQUIRE(c->sv_nmax >= 0 && c->sv_nmax <= TDRE_COEFFS_NMAX);
    REQUIRE(isfinite(c->valid_from) && isfinite(c->valid_to));
    REQUIRE(c->valid_from <= c->valid_to);
    for (int e = 0; e < c->nepochs; e++) {
        REQUIRE(isfinite(c->epoch[e]));
        REQUIRE(e == 0 || c->epoch[e] > c->epoch[e - 1]);
        REQUIRE(c->nmax[e] >= 1 && c->nmax[e] <= TDRE_COEFFS_NMAX);
        for (int n = 0; n < NDIM; n++)
            for (int m = 0; m < NDIM; m++) {
                REQUIRE(isfinite(c->g[e][n][m]) && isfinite(c->h[e][n][m]));
                if (n == 0 || m > n || n > c->nmax[e] || m == 0)
                    REQUIRE(c->h[e][n][m] == 0);
                if (n == 0 || m > n || n > c->nmax[e])
                    REQUIRE(c->g[e][n][m] == 0);
            }
    }
    for (int n = 0; n < NDIM; n++)
        for (int m = 0; m < NDIM; m++)
            REQUIRE(isfinite(c->sv_g[n][m]) && isfinite(c->sv_h[n][m]));
}

static int all_zero(const void *p, size_t len)
{
    const unsigned char *b = p;
    for (size_t i = 0; i < len; i++)
        if (b[i]) return 0;
    return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static tdre_coeffs model;   /* 90 kB: not on the stack */
    char err[512];
    /* An exact-size copy, so that ASan sees any read past the end. */
    char *text = malloc(size ? size : 1);
    if (!text) return 0;
    memcpy(text, data, size);
    memset(&model, 0xA5, sizeof model);
    int rc = tdre_coeffs_parse(NAME, text, size, TDRE_FUZZ_FORMAT, &model, err, sizeof err);
    if (rc == TDRE_OK) {
        check_model(&model);
    } else {
        REQUIRE(rc == TDRE_EFORMAT);
        REQUIRE(all_zero(&model, sizeof model));
        REQUIRE(strncmp(err, NAME ":", strlen(NAME) + 1) == 0);
        REQUIRE(memchr(err, '\n', strlen(err)) == NULL);
    }
    free(text);
    return 0;
}
