/*
 * stats.h: streaming statistics of the differences of one component.
 *
 * Memory is flat in the number of rows: sums are combined batch by batch
 * (GSL on each batch, Chan's formulas between batches), |diff| goes into a
 * fixed logarithmic histogram, and the exact nonzero values are kept only
 * while there are at most TDRE_VSTAT_EXACT_CAP of them (zeros are counted). Median and 99.9th
 * percentile are therefore exact (GSL on the sorted values) up to that many
 * rows and histogram estimates beyond, within TDRE_VSTAT_HIST_REL of the
 * true value (the half width of a bin, relative); docs/verify.md.
 */
#ifndef TDRE_VSTAT_H
#define TDRE_VSTAT_H

#include <stdint.h>
#include <stdio.h>

#include <gsl/gsl_histogram.h>

#define TDRE_VSTAT_EXACT_CAP 4096
#define TDRE_VSTAT_BATCH 1024
/* |diff| bins: 1e-30 .. 1e30, 128 per decade (a bin spans a factor 1.018). */
#define TDRE_VSTAT_LOG_MIN (-30)
#define TDRE_VSTAT_LOG_MAX 30
#define TDRE_VSTAT_PER_DECADE 128
#define TDRE_VSTAT_HIST_REL 0.0091

/* ULP distance buckets: 0, 1, 2-4, 5-16, more. */
enum { TDRE_ULP_0, TDRE_ULP_1, TDRE_ULP_2_4, TDRE_ULP_5_16, TDRE_ULP_MORE, TDRE_ULP_BUCKETS };

typedef struct {
    uint64_t n;               /* finite differences seen */
    double mean, m2;          /* signed diff: mean, sum of squared deviations */
    double sumsq;             /* sum of diff^2 */
    double max_abs, max_rel;  /* largest |diff| and |diff| / |B| */
    uint64_t zeros;           /* |diff| == 0 */
    uint64_t under, over;     /* nonzero |diff| below / above the histogram */
    gsl_histogram *hist;      /* |diff| > 0, log bins; NULL until needed */
    double *exact;            /* the nonzero |diff| while at most EXACT_CAP */
    uint64_t nexact;
    int exact_lost;           /* more than EXACT_CAP: histogram estimates */
    uint64_t ulp[TDRE_ULP_BUCKETS];
    uint64_t max_ulp;
    uint64_t nonfinite;       /* a side was NaN or infinite: not in the sums */
    double batch[TDRE_VSTAT_BATCH];
    size_t nbatch;
} tdre_vstat;

/* Summary after tdre_vstat_finish. */
typedef struct {
    uint64_t n, nonfinite;
    double max_abs, mean, sd, rms, median, p999, max_rel;
    int estimated;            /* median/p999 from the histogram */
    uint64_t ulp[TDRE_ULP_BUCKETS], max_ulp;
} tdre_vstat_summary;

void tdre_vstat_init(tdre_vstat *s);
void tdre_vstat_free(tdre_vstat *s);

/* ULP distance between two finite doubles (+0 and -0 are 0 apart). */
uint64_t tdre_ulp_distance(double a, double b);

/* Adds the pair (a, b); mag is |B| for the relative difference (0: none). */
void tdre_vstat_add(tdre_vstat *s, double a, double b, double mag);

/* Folds the pending batch into the sums (done by finish and merge). */
void tdre_vstat_flush(tdre_vstat *s);

/* Adds everything of src into dst (dst keeps exact values only if both fit). */
int tdre_vstat_merge(tdre_vstat *dst, tdre_vstat *src);

void tdre_vstat_finish(tdre_vstat *s, tdre_vstat_summary *out);

/* Text form for --save-stats and merge: one line, read back exactly. */
void tdre_vstat_save(tdre_vstat *s, FILE *fp);
/* Reads what tdre_vstat_save wrote (s initialised); 0 or -1. */
int tdre_vstat_load(tdre_vstat *s, const char *line);

/* Reads an unsigned decimal count at *p (after blanks), moving *p past it:
 * 0, or -1 for a sign, no digits or a value beyond 64 bits. Statistics
 * files are read back by merge: a count that is not one must not pass. */
int tdre_vstat_read_count(const char **p, uint64_t *v);

#endif
