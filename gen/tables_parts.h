/*
 * tables_parts.h: the pieces of `tdre-gen tables` (gen/tables_*.c).
 * Functions return TDRE_OK or a tdre error code with a message in err.
 */
#ifndef TDRE_GEN_TABLES_PARTS_H
#define TDRE_GEN_TABLES_PARTS_H

#include <stddef.h>

#include "coeffs.h"

/* Growing text buffer; failed is set (and further output dropped) when
 * memory runs out. */
typedef struct {
    char *text;
    size_t len, cap;
    int failed;
} outbuf;

void outbuf_printf(outbuf *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* Writes b to path (beside it, then renamed), or to stdout if path is NULL. */
int outbuf_write(const outbuf *b, const char *path, char *err, size_t errlen);

/* Shortest decimal (%.Ng, N <= 17) that strtod reads back as v. */
void tables_shortest(double v, char buf[32]);

/* tables_model.c */
/* Degree of an epoch's block in the legacy packed layout: 10 before 1995,
 * 13 from 1995 (igrf11.f switches degree at DATE = 1995). */
int tables_legacy_degree(double epoch);
int tables_sv_from_last(tdre_coeffs *c, const char *source, char *err, size_t errlen);
int tables_pack_legacy(const tdre_coeffs *c, double **gh, int *size, char *err,
                       size_t errlen);

/* tables_emit.c */
int tables_emit_c(outbuf *b, const tdre_coeffs *c, const char *name, const char *command,
                  char *err, size_t errlen);
int tables_emit_gh_c(outbuf *b, const tdre_coeffs *c, const double *gh, int size,
                     const char *name, const char *command, char *err, size_t errlen);
int tables_emit_gh_f77(outbuf *b, const tdre_coeffs *c, const double *gh, int size,
                       const char *command, char *err, size_t errlen);

#endif
