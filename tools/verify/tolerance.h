/*
 * tolerance.h: what each pair of implementations must agree to
 * (tools/verify/tolerances.conf, format in docs/verify.md).
 *
 * A bound applies to every compared component (x, y, z, f) of a row:
 *   bitwise          the same bits
 *   ulp N            at most N units in the last place apart
 *   abs E [rel R]    |b - a| <= E + R |B|, |B| the length of a's (x, y, z)
 *   rel R            |b - a| <= R |B|
 */
#ifndef TDRE_VTOL_H
#define TDRE_VTOL_H

#include <stddef.h>
#include <stdint.h>

enum { TDRE_TOL_NONE, TDRE_TOL_BITWISE, TDRE_TOL_ULP, TDRE_TOL_ABSREL };

typedef struct {
    int kind;
    uint64_t ulp;
    double abs, rel;
} tdre_bound;

typedef struct {
    char a[32], b[32];      /* the pair, as written in the file */
    tdre_bound main, sv;    /* isv 0 rows, isv 1 rows */
    tdre_bound low;         /* also for isv 0 rows at low_from <= height <= low_to */
    double low_from, low_to; /* km above the spheroid (geocentric: radius - 6371.2) */
    int defects_apart;      /* legacy defect rows: counted apart, not judged */
    int has_domain;         /* domain_of is valid only domain_from..domain_to: */
    char domain_of[32];     /* rows outside are not compared, and it must reject them */
    double domain_from, domain_to;
    char where[128];        /* file:line of the section, for messages */
} tdre_tol;

typedef struct {
    tdre_tol *pairs;
    size_t n;
} tdre_tolset;

/* Reads the file; 0, or -1 with "file:line: message" in err. */
int tdre_tolset_read(tdre_tolset *set, const char *path, char *err, size_t errlen);

/* The entry for a:b (or b:a); NULL when the file has none. */
const tdre_tol *tdre_tolset_find(const tdre_tolset *set, const char *a, const char *b);

void tdre_tolset_free(tdre_tolset *set);

/* Parses "bitwise", "ulp N", "abs E [rel R]", "rel R"; 0 or -1. */
int tdre_bound_parse(const char *text, tdre_bound *out);

/* Human form of a bound ("abs 0.02 nT + rel 5e-06 |B|"). */
void tdre_bound_format(const tdre_bound *b, char *buf, size_t len);

/* Badness of one component: 0 = same bits; for ulp/bitwise the ULP distance;
 * for abs/rel |diff| / allowed. Passes when tdre_bound_holds. */
double tdre_bound_badness(const tdre_bound *b, double a, double v, double mag);
int tdre_bound_holds(const tdre_bound *b, double badness);

#endif
