/*
 * geomag.h: the parts of tdre-geomag, a geomag70-compatible front end to the
 * tdre library (docs/geomag.md).
 *
 * Internal to the tool. Every function that can fail returns 0 or one of
 * the TDRE_GEOMAG_* outcomes below and writes a one-line reason (without
 * file or line: the caller knows those) into a caller buffer.
 */
#ifndef TDRE_GEOMAG_H
#define TDRE_GEOMAG_H

#include <stddef.h>
#include <stdio.h>

#include "tdre.h"

#define TDRE_GEOMAG_FIELDLEN 64   /* longest echoed input field kept */

/* Outcome of one input point; a nonzero one fails that row only. */
enum {
    TDRE_GEOMAG_OK = 0,
    TDRE_GEOMAG_MALFORMED = 1,       /* the line or a field cannot be read */
    TDRE_GEOMAG_POSITION_RANGE = 2,  /* latitude beyond 90, longitude beyond 360 */
    TDRE_GEOMAG_DATE_RANGE = 3,      /* date outside the model */
    TDRE_GEOMAG_ALT_RANGE = 4,       /* altitude outside the model */
    TDRE_GEOMAG_EVAL_FAILED = 5      /* the library refused the point */
};

/* "ok", "malformed", "position-out-of-range", "date-out-of-range",
 * "altitude-out-of-range", "evaluation-failed": the status column. */
const char *tdre_geomag_status_name(int status);

/* One input point as written (for the echo) and as understood. */
typedef struct tdre_geomag_input {
    char text[5][TDRE_GEOMAG_FIELDLEN];  /* DATE COORD ALT LAT LON as given */
    double date;       /* decimal year */
    int coord;         /* TDRE_GEODETIC or TDRE_GEOCENTRIC */
    double alt;        /* km: height (D) or radius from the centre (C) */
    double lat, lon;   /* degrees */
} tdre_geomag_input;

/* The values one output row shows, in the units geomag70 prints. */
typedef struct tdre_geomag_values {
    double d, i;                   /* degrees */
    double h, x, y, z, f;          /* nT */
    double dd, di;                 /* arc-minutes per year */
    double dh, dx, dy, dz, df;     /* nT per year */
    int after_end;                 /* date in the year past the model's end that
                                      geomag70 still accepts, with a warning */
} tdre_geomag_values;

/* geomag_parse.c: the input syntax of ../shared/spec/geomag70.md. */

/* Leap year of the Gregorian calendar. */
int tdre_geomag_leap(long year);

/* DATE: decimal year ("2014.5") or "yyyy,mm,dd" (1 January is
 * year + 1/365, see the spec). */
int tdre_geomag_parse_date(const char *s, double *year, char *err, size_t errlen);

/* LAT or LON: decimal degrees or "deg,min,sec" with missing parts 0. */
int tdre_geomag_parse_angle(const char *s, double *deg, char *err, size_t errlen);

/* ALT: unit letter K, M or F then a number; *km gets kilometres. */
int tdre_geomag_parse_alt(const char *s, double *km, char *err, size_t errlen);

/* COORD: D (geodetic) or C (geocentric). */
int tdre_geomag_parse_coord(const char *s, int *coord, char *err, size_t errlen);

/* The five fields of a point; checks latitude and longitude ranges.
 * in->text is filled (truncated if need be) whatever the outcome; the
 * numbers only when the fields are well formed. */
int tdre_geomag_parse_fields(char *const field[5], tdre_geomag_input *in,
                             char *err, size_t errlen);

/* Splits a line (changed in place) at blanks into at most max fields;
 * returns how many there are (further ones are counted, not stored). */
int tdre_geomag_split(char *line, char **field, int max);

/* geomag_model.c: the model and its limits. */

typedef struct tdre_geomag_model tdre_geomag_model;

/* A built-in name or a coefficient file, in the geomag70 profile. */
int tdre_geomag_model_open(const char *name_or_path, tdre_geomag_model **out,
                           char *err, size_t errlen);
void tdre_geomag_model_free(tdre_geomag_model *gm);
const char *tdre_geomag_model_name(const tdre_geomag_model *gm);

/* Checks the point against the model's dates and altitudes and evaluates
 * it; v holds the printed quantities. */
int tdre_geomag_model_eval(const tdre_geomag_model *gm, const tdre_geomag_input *in,
                           tdre_geomag_values *v, char *err, size_t errlen);

/* geomag_format.c: output layouts. */

enum { TDRE_GEOMAG_OUT_GEOMAG70, TDRE_GEOMAG_OUT_CSV, TDRE_GEOMAG_OUT_JSON,
       TDRE_GEOMAG_OUT_TEXT };

/* "geomag70", "csv", "json" (and "text", the spot layout) to the constants
 * above; -1 if unknown. */
int tdre_geomag_format_from_name(const char *name);

/* A row's outcome for the csv and json layouts. */
typedef struct tdre_geomag_row {
    long line;                     /* input line (1 in spot mode) */
    const tdre_geomag_input *in;   /* NULL when the line has no five fields;
                                      numbers unset when status is MALFORMED */
    const char *raw;               /* the line as read (unreadable lines) */
    const tdre_geomag_values *v;   /* NULL when not evaluated */
    int status;                    /* TDRE_GEOMAG_* */
    const char *message;           /* NULL or the error text */
} tdre_geomag_row;

void tdre_geomag_write_begin(FILE *out, int format);
/* first: no row written yet (json needs it for its commas) */
void tdre_geomag_write_row(FILE *out, int format, const tdre_geomag_row *row,
                           int first);
void tdre_geomag_write_end(FILE *out, int format);

/* The spot-mode layout for a person. */
void tdre_geomag_write_text(FILE *out, const char *model, const tdre_geomag_input *in,
                            const tdre_geomag_values *v);

/* geomag70's "%4dd %2.0fm" of an angle, into buf (NaN: "NaN" right aligned). */
void tdre_geomag_format_dm(char *buf, size_t len, double deg);

#endif
