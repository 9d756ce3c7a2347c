/*
 * vecio.h: the harness's CSV files: test vectors in, results out.
 *
 * A vector file has a header naming at least isv,date,itype,alt,colat,elong,
 * in any order; other columns are ignored. A result file is a vector file
 * that also has x,y,z,f (and, from phase 2, status). Fields are separated by
 * commas, may be padded with blanks, and lines may end in CRLF; a UTF-8
 * byte-order mark before the header is skipped; blank lines are skipped.
 * Numbers must be finite (nan is accepted in x,y,z,f only, for rows whose
 * status is not ok). Rows are written with every double as %.17g, so they
 * read back to the same bits.
 */
#ifndef TDRE_VECIO_H
#define TDRE_VECIO_H

#include <stddef.h>
#include <stdio.h>

#define TDRE_STATUS_LEN 32

typedef struct {
    int isv;        /* 0 main field, 1 secular variation */
    double date;    /* decimal year */
    int itype;      /* 1 geodetic, 2 geocentric */
    double alt;     /* km: height (itype 1) or radius (itype 2) */
    double colat;   /* degrees */
    double elong;   /* degrees east */
} tdre_vector;

typedef struct {
    double x, y, z, f;              /* nT or nT/yr */
    char status[TDRE_STATUS_LEN];   /* "ok" or a reason; "" when not given */
} tdre_result;

typedef struct tdre_csv tdre_csv;

/* Opens path ("-" for standard input). NULL with a message in err on failure. */
tdre_csv *tdre_csv_open(const char *path, char *err, size_t errlen);

/* Same, over a stream the caller owns (name is used in messages). */
tdre_csv *tdre_csv_from_stream(FILE *stream, const char *name, char *err, size_t errlen);

/* Reads the header; requires x,y,z,f too when want_results. 0 or -1 (err). */
int tdre_csv_header(tdre_csv *csv, int want_results, char *err, size_t errlen);

/* True when the header named a status column. */
int tdre_csv_has_status(const tdre_csv *csv);

/*
 * Reads the next row: 1 when a row was read, 0 at end of file, -1 when the
 * row is malformed (message "file:line: ..." in err; the next call goes on
 * with the following line) and -2 on a read error that ends the file.
 * res may be NULL when only inputs are wanted.
 */
int tdre_csv_next(tdre_csv *csv, tdre_vector *vec, tdre_result *res,
                  char *err, size_t errlen);

/* Room for a row's inputs as text (isv,date,itype,alt,colat,elong). */
#define TDRE_CSV_INPUTS_MAX 128

/*
 * When the row last returned by tdre_csv_next is a vector file's row in
 * the standard order (isv,date,itype,alt,colat,elong) written exactly as
 * tdre_csv_format_row writes inputs (one-digit isv and itype, no blanks,
 * each number as its value's %.17g), points *text at it and returns its
 * length (less than TDRE_CSV_INPUTS_MAX, no line end); otherwise 0. The
 * text stays valid until the next read, and TDRE_CSV_INPUTS_MAX bytes from
 * it may be copied. A writer copies it instead of formatting four numbers
 * again: tdre-gen's files are written that way.
 */
size_t tdre_csv_canonical_inputs(const tdre_csv *csv, const char **text);

/* Line number of the row last returned (1 is the header). */
long tdre_csv_line(const tdre_csv *csv);

void tdre_csv_close(tdre_csv *csv);

/* Room a row needs in tdre_csv_format_row: its inputs (at most 103 bytes:
 * two one-digit integers, four doubles of at most 24 bytes as %.17g, the
 * commas) fit in TDRE_CSV_INPUTS_MAX, then four doubles with their commas
 * (the formatter may use up to TDRE_VECTORS_FMT_MAX = 32 bytes while it
 * writes one), the status and the newline. The same room holds inputs
 * copied from tdre_csv_canonical_inputs followed by the results. */
#define TDRE_CSV_ROW_MAX (TDRE_CSV_INPUTS_MAX + 4 * 33 + TDRE_STATUS_LEN + 2)

/* Writes a result row (as tdre_csv_write_row would) into line, which has
 * at least TDRE_CSV_ROW_MAX bytes; returns its length, newline included,
 * without a terminating NUL. For writers that gather many rows per write. */
size_t tdre_csv_format_row(char *line, const tdre_vector *vec, const tdre_result *res,
                           int with_status);

/* The part of a result row after its inputs: ",x,y,z,f[,status]\n"
 * (TDRE_CSV_ROW_MAX bytes of room); returns its length. */
size_t tdre_csv_format_results(char *line, const tdre_result *res, int with_status);

/* Header and rows of a result file. */
void tdre_csv_write_header(FILE *out, int with_status);
void tdre_csv_write_row(FILE *out, const tdre_vector *vec, const tdre_result *res,
                        int with_status);

#endif
