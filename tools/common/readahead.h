/*
 * readahead.h: a CSV file parsed ahead on a thread of its own.
 *
 * A program that reads rows and then works on them (tdre-verify pairs and
 * compares them) spends the parsing time on top of its own unless the
 * parsing overlaps it. tdre_readahead parses batches of rows of an open
 * tdre_csv (header already read) on another thread and hands them out in
 * order, with the same results, messages and line numbers that
 * tdre_csv_next would have given row by row.
 */
#ifndef TDRE_READAHEAD_H
#define TDRE_READAHEAD_H

#include <stddef.h>

#include "vecio.h"

typedef struct tdre_readahead tdre_readahead;

/* Starts parsing csv ahead, with results (x..f, status) when with_results.
 * csv stays the caller's, untouched until tdre_readahead_stop. NULL when
 * out of memory or no thread could be started. */
tdre_readahead *tdre_readahead_start(tdre_csv *csv, int with_results);

/*
 * The next row, as tdre_csv_next returns it: 1 a row (vec, and res when
 * started with results), 0 end of file, -1 a malformed row (message in
 * err; the next call goes on), -2 a read error that ends the file. *line:
 * the line of the row or message (tdre_csv_line at that point).
 */
int tdre_readahead_next(tdre_readahead *ra, tdre_vector *vec, tdre_result *res, long *line,
                        char *err, size_t errlen);

/* Stops the reader (also before the end of the file) and frees ra. */
void tdre_readahead_stop(tdre_readahead *ra);

#endif
