/*
 * outfile.h: output files written whole or not at all.
 *
 * The data go to a temporary file beside the target, renamed over it only
 * when complete, so an interrupted or failed run never leaves a file that
 * looks finished: a run killed by SIGHUP, SIGINT or SIGTERM removes its
 * temporary file, then dies of the same signal. The path "-" means standard
 * output, and a target that exists but is not a regular file (/dev/null, a
 * fifo, a terminal) is written in place: renaming over it would replace the
 * device. The finished file gets the permissions a plainly created file
 * would (0666 less the umask) and is on disk before the rename.
 *
 * One output file at a time per process (the signal cleanup is global).
 */
#ifndef TDRE_OUTFILE_H
#define TDRE_OUTFILE_H

#include <stddef.h>
#include <stdio.h>

typedef struct {
    FILE *fp;       /* write here (stdio or, after fflush, fileno(fp)) */
    char *path;     /* final name; NULL for standard output */
    char *tmp;      /* temporary name beside it */
} tdre_outfile;

/* 0, or -1 with "path: reason" in err. */
int tdre_outfile_open(tdre_outfile *out, const char *path, char *err, size_t errlen);

/* Flushes, syncs, closes and renames into place. 0, or -1 with the reason
 * in err (the temporary file is then removed, the target untouched). */
int tdre_outfile_commit(tdre_outfile *out, char *err, size_t errlen);

/* Closes and removes the temporary file; the target is left untouched. */
void tdre_outfile_abort(tdre_outfile *out);

#endif
