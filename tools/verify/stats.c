/*
 * stats.c: streaming statistics of differences (see stats.h).
 */
#include "stats.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

#define NBINS ((TDRE_VSTAT_LOG_MAX - TDRE_VSTAT_LOG_MIN) * TDRE_VSTAT_PER_DECADE)

void tdre_vstat_init(tdre_vstat *s)
{
    memset(s, 0, sizeof *s);
}

void tdre_vstat_free(tdre_vstat *s)
{
    if (s->hist) gsl_histogram_free(s->hist);
    free(s->exact);
    s->hist = NULL;
    s->exact = NULL;
}

static gsl_histogram *new_histogram(void)
{
    static double ranges[NBINS + 1];
    gsl_histogram *h = gsl_histogram_alloc(NBINS);
    if (!h) return NULL;
    if (ranges[NBINS] == 0.0)
        for (int i = 0; i <= NBINS; i++)
            ranges[i] = pow(10.0, TDRE_VSTAT_LOG_MIN + (double)i / TDRE_VSTAT_PER_DECADE);
    gsl_histogram_set_ranges(h, ranges, NBINS + 1);
    return h;
}

/* Doubles as integers that order like the values (-0 and +0 both 0). */
static int64_t ordered(double d)
{
    int64_t i;
    memcpy(&i, &d, sizeof i);
    return i < 0 ? INT64_MIN - i : i;
}

uint64_t tdre_ulp_distance(double a, double b)
{
    int64_t ia = ordered(a), ib = ordered(b);
    return ia > ib ? (uint64_t)ia - (uint64_t)ib : (uint64_t)ib - (uint64_t)ia;
}

static int ulp_bucket(uint64_t d)
{
    if (d == 0) return TDRE_ULP_0;
    if (d == 1) return TDRE_ULP_1;
    if (d <= 4) return TDRE_ULP_2_4;
    if (d <= 16) return TDRE_ULP_5_16;
    return TDRE_ULP_MORE;
}

/* Chan et al.: combines (n, mean, m2) of two disjoint parts. */
static void combine_moments(uint64_t *n, double *mean, double *m2,
                            uint64_t nb, double mean_b, double m2_b)
{
    uint64_t nt = *n + nb;
    double delta = mean_b - *mean;
    if (nb == 0) return;
    *m2 += m2_b + delta * delta * ((double)*n * (double)nb / (double)nt);
    *mean += delta * ((double)nb / (double)nt);
    *n = nt;
}

void tdre_vstat_flush(tdre_vstat *s)
{
    double mean_b;
    if (s->nbatch == 0) return;
    mean_b = gsl_stats_mean(s->batch, 1, s->nbatch);
    s->sumsq += gsl_stats_tss_m(s->batch, 1, s->nbatch, 0.0);
    combine_moments(&s->n, &s->mean, &s->m2, s->nbatch, mean_b,
                    gsl_stats_tss_m(s->batch, 1, s->nbatch, mean_b));
    s->nbatch = 0;
}

static void note_abs(tdre_vstat *s, double ad)
{
    if (ad == 0.0) {
        s->zeros++;
        return;
    }
    if (ad < pow(10.0, TDRE_VSTAT_LOG_MIN)) s->under++;
    else if (ad >= pow(10.0, TDRE_VSTAT_LOG_MAX)) s->over++;
    else {
        if (!s->hist) s->hist = new_histogram();
        if (s->hist) gsl_histogram_increment(s->hist, ad);
    }
    if (s->exact_lost) return;
    if (s->nexact == TDRE_VSTAT_EXACT_CAP) {
        s->exact_lost = 1;
        free(s->exact);
        s->exact = NULL;
        return;
    }
    if (!s->exact && !(s->exact = malloc(TDRE_VSTAT_EXACT_CAP * sizeof *s->exact))) {
        s->exact_lost = 1;
        return;
    }
    s->exact[s->nexact++] = ad;
}

void tdre_vstat_add(tdre_vstat *s, double a, double b, double mag)
{
    double d = b - a, ad = fabs(d);
    uint64_t u;
    if (!isfinite(a) || !isfinite(b)) {
        s->nonfinite++;
        return;
    }
    u = tdre_ulp_distance(a, b);
    s->ulp[ulp_bucket(u)]++;
    if (u > s->max_ulp) s->max_ulp = u;
    if (ad > s->max_abs) s->max_abs = ad;
    if (mag > 0.0 && ad / mag > s->max_rel) s->max_rel = ad / mag;
    s->batch[s->nbatch++] = d;
    note_abs(s, ad);
    if (s->nbatch == TDRE_VSTAT_BATCH) tdre_vstat_flush(s);
}

int tdre_vstat_merge(tdre_vstat *dst, tdre_vstat *src)
{
    tdre_vstat_flush(dst);
    tdre_vstat_flush(src);
    if (src->hist) {
        if (!dst->hist && !(dst->hist = new_histogram())) return -1;
        gsl_histogram_add(dst->hist, src->hist);
    }
    if (dst->exact_lost || src->exact_lost || dst->nexact + src->nexact > TDRE_VSTAT_EXACT_CAP) {
        dst->exact_lost = 1;
        free(dst->exact);
        dst->exact = NULL;
    } else if (src->nexact > 0) {
        if (!dst->exact && !(dst->exact = malloc(TDRE_VSTAT_EXACT_CAP * sizeof *dst->exact)))
            return -1;
        memcpy(dst->exact + dst->nexact, src->exact, src->nexact * sizeof *src->exact);
        dst->nexact += src->nexact;
    }
    combine_moments(&dst->n, &dst->mean, &dst->m2, src->n, src->mean, src->m2);
    dst->sumsq += src->sumsq;
    if (src->max_abs > dst->max_abs) dst->max_abs = src->max_abs;
    if (src->max_rel > dst->max_rel) dst->max_rel = src->max_rel;
    if (src->max_ulp > dst->max_ulp) dst->max_ulp = src->max_ulp;
    dst->zeros += src->zeros;
    dst->under += src->under;
    dst->over += src->over;
    dst->nonfinite += src->nonfinite;
    for (int i = 0; i < TDRE_ULP_BUCKETS; i++) dst->ulp[i] += src->ulp[i];
    return 0;
}

/* |diff| of 0-based rank r in the histogram: the geometric middle of its bin. */
static double hist_rank(const tdre_vstat *s, uint64_t r)
{
    size_t nb = s->hist ? gsl_histogram_bins(s->hist) : 0;
    if (r < s->zeros) return 0.0;
    r -= s->zeros;
    if (r < s->under) return pow(10.0, TDRE_VSTAT_LOG_MIN);
    r -= s->under;
    for (size_t i = 0; i < nb; i++) {
        uint64_t c = (uint64_t)gsl_histogram_get(s->hist, i);
        double lo, hi;
        if (r >= c) {
            r -= c;
            continue;
        }
        gsl_histogram_get_range(s->hist, i, &lo, &hi);
        return fmin(sqrt(lo * hi), s->max_abs);
    }
    return s->max_abs;
}

/* Sorted |diff| of 0-based rank i: the zeros, then the stored values. */
static double exact_rank(const tdre_vstat *s, uint64_t i)
{
    return i < s->zeros ? 0.0 : s->exact[i - s->zeros];
}

/* Interpolated as gsl_stats_quantile_from_sorted_data does. */
static double quantile(tdre_vstat *s, double f, int exact)
{
    double index, delta;
    uint64_t lhs;
    if (s->n == 0) return 0.0;
    if (!exact) return hist_rank(s, (uint64_t)llround(f * (double)(s->n - 1)));
    if (s->zeros == 0) return gsl_stats_quantile_from_sorted_data(s->exact, 1, s->nexact, f);
    index = f * (double)(s->n - 1);
    lhs = (uint64_t)index;
    delta = index - (double)lhs;
    if (lhs + 1 >= s->n) return exact_rank(s, s->n - 1);
    return (1 - delta) * exact_rank(s, lhs) + delta * exact_rank(s, lhs + 1);
}

void tdre_vstat_finish(tdre_vstat *s, tdre_vstat_summary *out)
{
    int exact;
    tdre_vstat_flush(s);
    exact = !s->exact_lost && s->nexact + s->zeros == s->n;
    if (exact && s->nexact > 0) gsl_sort(s->exact, 1, s->nexact);
    memset(out, 0, sizeof *out);
    out->n = s->n;
    out->nonfinite = s->nonfinite;
    out->max_abs = s->max_abs;
    out->mean = s->mean;
    out->sd = s->n > 1 ? sqrt(s->m2 / (double)(s->n - 1)) : 0.0;
    out->rms = s->n > 0 ? sqrt(s->sumsq / (double)s->n) : 0.0;
    out->median = quantile(s, 0.5, exact);
    out->p999 = quantile(s, 0.999, exact);
    out->max_rel = s->max_rel;
    out->estimated = !exact;
    memcpy(out->ulp, s->ulp, sizeof out->ulp);
    out->max_ulp = s->max_ulp;
}

void tdre_vstat_save(tdre_vstat *s, FILE *fp)
{
    size_t nb = s->hist ? gsl_histogram_bins(s->hist) : 0;
    tdre_vstat_flush(s);
    fprintf(fp, "%llu %a %a %a %a %a %llu %llu %llu %llu %d",
            (unsigned long long)s->n, s->mean, s->m2, s->sumsq, s->max_abs, s->max_rel,
            (unsigned long long)s->zeros, (unsigned long long)s->under,
            (unsigned long long)s->over, (unsigned long long)s->nonfinite, s->exact_lost);
    for (int i = 0; i < TDRE_ULP_BUCKETS; i++) fprintf(fp, " %llu", (unsigned long long)s->ulp[i]);
    fprintf(fp, " %llu |", (unsigned long long)s->max_ulp);
    if (!s->exact_lost)
        for (uint64_t i = 0; i < s->nexact; i++) fprintf(fp, " %a", s->exact[i]);
    fputs(" |", fp);
    for (size_t i = 0; i < nb; i++) {
        double c = gsl_histogram_get(s->hist, i);
        if (c > 0) fprintf(fp, " %zu:%.0f", i, c);
    }
    fputc('\n', fp);
}

int tdre_vstat_read_count(const char **p, uint64_t *v)
{
    char *end;
    while (**p == ' ') (*p)++;
    if (**p < '0' || **p > '9') return -1;
    errno = 0;
    *v = strtoull(*p, &end, 10);
    if (errno == ERANGE) return -1;
    *p = end;
    return 0;
}

static int read_u64(const char **p, uint64_t *v)
{
    return tdre_vstat_read_count(p, v);
}

/* A statistic: any number a run can accumulate, never a NaN. */
static int read_double(const char **p, double *v)
{
    char *end;
    *v = strtod(*p, &end);
    if (end == *p || isnan(*v)) return -1;
    *p = end;
    return 0;
}

static int expect_bar(const char **p)
{
    while (**p == ' ') (*p)++;
    if (**p != '|') return -1;
    (*p)++;
    return 0;
}

int tdre_vstat_load(tdre_vstat *s, const char *line)
{
    const char *p = line;
    uint64_t lost;
    if (read_u64(&p, &s->n) || read_double(&p, &s->mean) || read_double(&p, &s->m2) ||
        read_double(&p, &s->sumsq) || read_double(&p, &s->max_abs) ||
        read_double(&p, &s->max_rel) || read_u64(&p, &s->zeros) || read_u64(&p, &s->under) ||
        read_u64(&p, &s->over) || read_u64(&p, &s->nonfinite) || read_u64(&p, &lost))
        return -1;
    s->exact_lost = lost != 0;
    for (int i = 0; i < TDRE_ULP_BUCKETS; i++)
        if (read_u64(&p, &s->ulp[i])) return -1;
    if (read_u64(&p, &s->max_ulp) || expect_bar(&p)) return -1;
    if (!s->exact_lost) {
        while (*p == ' ') p++;
        while (*p && *p != '|') {
            if (s->nexact == TDRE_VSTAT_EXACT_CAP) return -1;
            if (!s->exact && !(s->exact = malloc(TDRE_VSTAT_EXACT_CAP * sizeof *s->exact)))
                return -1;
            if (read_double(&p, &s->exact[s->nexact++])) return -1;
            while (*p == ' ') p++;
        }
    }
    if (expect_bar(&p)) return -1;
    while (*p == ' ') p++;
    while (*p && *p != '\n') {
        uint64_t bin, count;
        if (read_u64(&p, &bin) || *p++ != ':' || read_u64(&p, &count) || bin >= NBINS)
            return -1;
        if (!s->hist && !(s->hist = new_histogram())) return -1;
        gsl_histogram_accumulate(s->hist, s->hist->range[bin], (double)count);
        while (*p == ' ') p++;
    }
    return 0;
}
