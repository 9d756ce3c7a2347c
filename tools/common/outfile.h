/*
 * outfile.h: output files written whole or not at all.
 *
 * The data go to a temporary file beside the target, renamed over it only
 * when complete, so an interrupted or failed run never leaves a file that
 * looks finished. The path "-" means standard output (written directly).
 */
#ifndef TDRE_OUTFILE_H
#define TDRE_OUTFILE_H

#include <stddef.h>
#include <stdio.h>

typedef struct {
    FILE *fp;       /* write here */
    char *path;     /* final name, NULL for standard output */
    char *tmp;      /* temporary name beside it */
} tdre_outfile;

/* 0, or -1 with "path: reason" in err. */
int tdre_outfile_open(tdre_outfile *out, const char *path, char *err, size_t errlen);

/* Flushes, closes and renames into place. 0, or -1 (temporary removed). */
int tdre_outfile_commit(tdre_outfile *out, char *err, size_t errlen);

/* Closes and removes the temporary file; the target is left untouched. */
void tdre_outfile_abort(tdre_outfile *out);

#endif
