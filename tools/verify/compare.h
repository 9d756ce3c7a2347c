/*
 * compare.h: one comparison A:B, fed row by row, with flat memory.
 *
 * Rows are split into groups: main field (isv 0), secular variation
 * (isv 1), and the same two for rows the legacy program is known to get
 * wrong (only for pairs whose tolerance says defects = apart): those are
 * counted and listed, never judged, never counted as agreeing.
 * Rows rejected by both sides (legacy: F = 1e8 and X = Y = Z = 0; phase 2:
 * status not ok) are counted apart; rejected by one side only is a failure.
 */
#ifndef TDRE_VCMP_H
#define TDRE_VCMP_H

#include <stdint.h>
#include <stdio.h>

#include "stats.h"
#include "tolerance.h"
#include "vecio.h"

enum { TDRE_C_X, TDRE_C_Y, TDRE_C_Z, TDRE_C_F, TDRE_C_H, TDRE_C_D, TDRE_C_I, TDRE_NCOMP };
enum { TDRE_G_MAIN, TDRE_G_SV, TDRE_G_MAIN_DEFECT, TDRE_G_SV_DEFECT, TDRE_NGROUPS };

#define TDRE_WORST 5
#define TDRE_PROBLEM_TEXTS 12
#define TDRE_WHERE_LEN 96   /* "file:line" of a reported row */
#define TDRE_MAP_LAT 36     /* 5 degree cells */
#define TDRE_MAP_LON 72
#define TDRE_MAP_MIN_HEIGHT (-100.0) /* km: only rows from the surface */
#define TDRE_MAP_MAX_HEIGHT 2000.0    /* to low orbit are on the map */

extern const char *const tdre_comp_names[TDRE_NCOMP];
extern const char *const tdre_group_names[TDRE_NGROUPS];

/* One side of a row: its values and where it came from. */
typedef struct {
    const tdre_result *res;
    int has_status;         /* phase 2 style: rejection is status != ok */
    const char *file;       /* the result file it was read from, or NULL when computed */
    long line;              /* its line in that file */
} tdre_side;

typedef struct {
    tdre_vector in;
    double a[4], b[4];      /* x, y, z, f of each side */
    char where_a[TDRE_WHERE_LEN], where_b[TDRE_WHERE_LEN];
    double badness;
} tdre_vrow;

typedef struct {
    char section[48];       /* which run (vector set) it belongs to */
    char a[32], b[32];
    tdre_tol tol;
    int derived;            /* also H, D, I (main field rows) */
    uint64_t rows[TDRE_NGROUPS], failed[TDRE_NGROUPS];
    uint64_t both_rejected, outside_domain, problems;
    tdre_vstat st[TDRE_NGROUPS][TDRE_NCOMP];
    tdre_vrow worst[TDRE_NGROUPS][TDRE_WORST];
    size_t nworst[TDRE_NGROUPS];
    char problem_text[TDRE_PROBLEM_TEXTS][320];
    size_t nproblem_text;
    int map;                /* keep the world map of |dB| */
    double cells[TDRE_MAP_LAT][TDRE_MAP_LON];   /* max |dB|, -1 no row */
} tdre_cmp;

/* Legacy defect predicate: nonzero when the legacy program is known to be
 * wrong at this date (phase 2 library); NULL while there is none. */
typedef int tdre_defect_fn(double date, int isv);

tdre_cmp *tdre_cmp_new(const char *section, const char *a, const char *b,
                       const tdre_tol *tol, int derived);
void tdre_cmp_free(tdre_cmp *c);

void tdre_cmp_add(tdre_cmp *c, const tdre_vector *in, const tdre_side *a,
                  const tdre_side *b, tdre_defect_fn *defect);

/* Records a problem (pairing, malformed row) that makes the comparison fail. */
void tdre_cmp_problem(tdre_cmp *c, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Rows judged and rows that failed, over the two judged groups. */
uint64_t tdre_cmp_judged(const tdre_cmp *c);
uint64_t tdre_cmp_failed(const tdre_cmp *c);
/* Holds: judged something, nothing failed, no problem. */
int tdre_cmp_holds(const tdre_cmp *c);

/* "isv=0 date=... itype=1 alt=... colat=... elong=..." */
void tdre_vector_format(const tdre_vector *v, char *buf, size_t len);

/* Save and load for sharded runs (merge adds src into dst). */
void tdre_cmp_save(tdre_cmp *c, FILE *fp);
tdre_cmp *tdre_cmp_load(FILE *fp, const char *name, long *line, char *err, size_t errlen);
int tdre_cmp_merge(tdre_cmp *dst, tdre_cmp *src);

#endif
