/*
 * vectors_out.h: where the vector CSV goes.
 *
 * A buffered writer to standard output or to a file. A regular file is
 * written beside its final name and renamed over it only when complete, so
 * readers never see half a file; a path that exists and is not a regular
 * file (/dev/null, a fifo) is written in place, since it cannot be replaced.
 */
#ifndef TDRE_VECTORS_OUT_H
#define TDRE_VECTORS_OUT_H

#include <stddef.h>

#include "vectors_set.h"

typedef struct tdre_vout tdre_vout;

/* Opens path, or standard output when path is NULL. Returns NULL with a
 * message in err on failure. */
tdre_vout *tdre_vout_open(const char *path, char *err, size_t errlen);

/* Appends the CSV header line. */
void tdre_vout_header(tdre_vout *out);

/* Appends one row (doubles as "%.17g" would print them). */
void tdre_vout_row(tdre_vout *out, const tdre_vrow *v);

/* Flushes, closes and (for a file) renames into place; frees out. Returns 0,
 * or -1 with a message in err and no file left behind. */
int tdre_vout_close(tdre_vout *out, char *err, size_t errlen);

#endif
