/*
 * test_quirks_sizes.c: how much each legacy trait of IGRF11SYN moves the
 * answer, measured (docs/quirks.md quotes the table this prints).
 *
 * For every trait, the model with that trait replaced by its clean
 * alternative is compared with the original program's committed outputs
 * (vectors/igrf11-original.csv) and, on a fixed generated set, with the
 * legacy model (itself checked against phase 1 on every generated vector).
 * Distance of a row: the largest |difference| over X, Y, Z, F; nT for
 * ISV = 0, nT/yr for ISV = 1; "non-finite" counts rows where one side is
 * NaN or infinite. The suite fails when the legacy model leaves phase 1 or
 * when a trait no longer changes any committed answer (or, for the one
 * documented as neutral, when it starts to).
 */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_quirks_common.h"

#define N_GENERATED 100000UL
#define COMMITTED_RANDOM 4000L   /* rows 2..4001 of the committed file */

/* Rows of one ISV in one set: how many a variant changes and by how much. */
typedef struct {
    long rows, changed, nonfinite, max_row, first_nonfinite_row;
    double max, *d;   /* d: finite nonzero distances, for the median */
} stats;

typedef struct {
    const char *name;
    unsigned clean;
} variant;

static variant variants[QM_NTRAITS + 2];
static int n_variants;

static void add_variants(void)
{
    unsigned numeric = QM_COEF_DECIMAL | QM_DEG2RAD_PI | QM_WGS84_EXACT | QM_RADIUS_DOUBLE
                       | QM_EPOCH_EXACT | QM_SV_EXACT;
    for (int i = 0; i < QM_NTRAITS; i++)
        variants[n_variants++] = (variant){ qm_trait_name(i), 1u << i };
    variants[n_variants++] = (variant){ "all-constants", numeric };
    variants[n_variants++] = (variant){ "all-arithmetic",
        numeric | QM_ASSOC_SERIES | QM_ASSOC_GEODETIC | QM_POW_RATIO | QM_TRIG_DIRECT };
}

static void stats_add(stats *s, double d, long row)
{
    s->rows++;
    if (d == 0.0)
        return;
    s->changed++;
    if (isinf(d)) {
        if (s->nonfinite++ == 0)
            s->first_nonfinite_row = row;
        return;
    }
    if (d > s->max) {
        s->max = d;
        s->max_row = row;
    }
    s->d[s->changed - s->nonfinite - 1] = d;
}

static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double stats_median(stats *s)
{
    long n = s->changed - s->nonfinite;
    if (n == 0)
        return 0.0;
    qsort(s->d, (size_t)n, sizeof *s->d, by_value);
    return n % 2 ? s->d[n / 2] : 0.5 * (s->d[n / 2 - 1] + s->d[n / 2]);
}

static void stats_print(const char *set, stats *s, int isv)
{
    printf(" %s ISV%d: %ld/%ld changed", set, isv, s->changed, s->rows);
    if (s->nonfinite)
        printf(" (%ld non-finite%s", s->nonfinite, s->first_nonfinite_row >= 0 ? ", first at" : "");
    if (s->nonfinite && s->first_nonfinite_row >= 0)
        printf(" row %ld", s->first_nonfinite_row);
    if (s->nonfinite)
        printf(")");
    if (s->changed > s->nonfinite)
        printf(", median %.3g, max %.3g %s%s", stats_median(s), s->max,
               isv ? "nT/yr" : "nT", s->max_row >= 0 ? " at" : "");
    if (s->changed > s->nonfinite && s->max_row >= 0)
        printf(" row %ld", s->max_row);
    printf(";");
}

static void stats_init(stats *s, long capacity)
{
    memset(s, 0, sizeof *s);
    s->max_row = s->first_nonfinite_row = -1;
    s->d = malloc((size_t)capacity * sizeof *s->d);
    ck_assert_ptr_nonnull(s->d);
}

/* Committed rows changed per variant, filled by measure_committed. */
static long committed_changed[QM_NTRAITS + 2];

START_TEST(measure_committed)
{
    const qc_committed *c = qc_committed_load();
    printf("Committed set (vectors/igrf11-original.csv, %ld rows; row = file line;\n"
           "random: the %ld random points of rows 2..%ld, before the edge families):\n",
           c->n, COMMITTED_RANDOM, COMMITTED_RANDOM + 1);
    for (int v = 0; v < n_variants; v++) {
        stats s[2], random[2];
        for (int k = 0; k < 2; k++) {
            stats_init(&s[k], c->n);
            stats_init(&random[k], c->n);
        }
        for (long i = 0; i < c->n; i++) {
            tdre_result r;
            qc_model(variants[v].clean, &c->vec[i], &r);
            double d = qc_distance(&r, &c->res[i]);
            stats_add(&s[c->vec[i].isv != 0], d, i + 2);
            if (i < COMMITTED_RANDOM)
                stats_add(&random[c->vec[i].isv != 0], d, i + 2);
        }
        printf("%-17s", variants[v].name);
        stats_print("all", &s[0], 0);
        stats_print("all", &s[1], 1);
        printf("\n%-17s", "");
        stats_print("random", &random[0], 0);
        stats_print("random", &random[1], 1);
        printf("\n");
        committed_changed[v] = s[0].changed + s[1].changed;
        for (int k = 0; k < 2; k++) {
            free(s[k].d);
            free(random[k].d);
        }
    }
    for (int v = 0; v < n_variants; v++) {
        if (variants[v].clean == QM_DEGREE_13)
            ck_assert_msg(committed_changed[v] == 0, "degree-13 is documented as neutral");
        else
            ck_assert_msg(committed_changed[v] > 0, "%s changes no committed row",
                          variants[v].name);
    }
}
END_TEST

/* The generated set, and the same points moved to the WGS84 surface. */
static void measure_set(const char *set, const tdre_vector *vec, const tdre_result *legacy)
{
    printf("%s set (%lu vectors):\n", set, N_GENERATED);
    for (int v = 0; v < n_variants; v++) {
        stats s[2];
        stats_init(&s[0], (long)N_GENERATED);
        stats_init(&s[1], (long)N_GENERATED);
        for (unsigned long i = 0; i < N_GENERATED; i++) {
            tdre_result r;
            qc_model(variants[v].clean, &vec[i], &r);
            stats_add(&s[vec[i].isv != 0], qc_distance(&r, &legacy[i]), -1);
        }
        printf("%-17s", variants[v].name);
        stats_print(set, &s[0], 0);
        stats_print(set, &s[1], 1);
        printf("\n");
        free(s[0].d);
        free(s[1].d);
    }
}

START_TEST(measure_generated)
{
    static tdre_result legacy[N_GENERATED];
    static tdre_vector vec[N_GENERATED];
    long mismatches = 0;
    for (int surface = 0; surface < 2; surface++) {
        for (unsigned long i = 0; i < N_GENERATED; i++) {
            tdre_result p;
            qc_generated(i, &vec[i]);
            if (surface) {
                vec[i].itype = 1;
                vec[i].alt = 0.0;
            }
            qc_model(0, &vec[i], &legacy[i]);
            qc_phase1(&vec[i], &p);
            mismatches += !tu_same_result(&p, &legacy[i]);
        }
        measure_set(surface ? "surface" : "generated", vec, legacy);
    }
    ck_assert_int_eq(mismatches, 0);
}
END_TEST

int main(void)
{
    add_variants();
    const TTest *const list[] = { measure_committed, measure_generated, NULL };
    return qc_run_suite("quirks-sizes", list, NULL, 0);
}
