/*
 * capture.h: keeps legacy messages out of a tool's standard output.
 *
 * The oracle writes on Fortran unit 6 and phase 1 on the stream its
 * messages go to; both are file descriptor 1 by default. A tool that writes
 * data to standard output diverts descriptor 1 into a pipe whose lines are
 * counted (and, if asked, copied to standard error), and writes its data on
 * the stream returned here instead.
 */
#ifndef TDRE_CAPTURE_H
#define TDRE_CAPTURE_H

#include <stddef.h>
#include <stdio.h>

/* Starts the diversion; returns a stream on the real standard output, or
 * NULL (errno set). Once per process. */
FILE *tdre_capture_begin(int copy_to_stderr);

/* Ends it: runs flush (may be NULL) so buffered messages arrive, then returns
 * the number of non-blank message lines; the first one goes to first. */
long tdre_capture_end(void (*flush)(void), char *first, size_t firstlen);

#endif
