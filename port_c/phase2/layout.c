/*
 * layout.c: the legacy epoch arithmetic of igrf11.f and its defects.
 *
 * The legacy program finds its coefficients with a single-precision 0.2:
 * (double)0.2f = 0.2 (1 + 1.49e-8), so just below each epoch the index moves
 * up early; from 1995 on the fraction and the base index come from two
 * different products that move at different dates. Both the legacy profile
 * (which must reproduce this) and tdre_legacy_defect (which must say where
 * it goes wrong) use the one function below.
 */
#include "model.h"

#define LEGACY_FIFTH ((double)0.2f)   /* the REAL literal 0.2 */

void tdre_layout_igrf11(tdre_layout *ly)
{
    ly->e0 = 1900.0;
    ly->esplit = 1995.0;
    ly->elast = 2010.0;
    ly->nsplit = TDRE_LEGACY_SPLIT;
    ly->nepochs = 23;
}

/* Packed position (0-based) of the first coefficient of main-field epoch e
 * or, for e == nepochs, of the SV block. */
static long epoch_base(const tdre_layout *ly, int e)
{
    if (e <= ly->nsplit)
        return 120L * e;
    return 120L * ly->nsplit + 195L * (e - ly->nsplit);
}

void tdre_legacy_index_at(const tdre_layout *ly, double date, int isv,
                          tdre_legacy_index *ix)
{
    if (date >= ly->elast) {
        ix->t = date - ly->elast;
        ix->tc = 1.0;
        if (isv) {
            ix->t = 1.0;
            ix->tc = 0.0;
        }
        ix->model_a = ix->lf = ly->nepochs - 1;
        ix->base = epoch_base(ly, ix->model_a);
        ix->nc = 195;
        ix->nmax = 13;
        ix->layout_ok = 1;
        return;
    }
    double t = LEGACY_FIFTH * (date - ly->e0);
    long whole = (long)t;
    t = t - (double)whole;
    ix->lf = (int)whole;
    if (date < ly->esplit) {
        ix->nmax = 10;
        ix->nc = 120;
        ix->base = 120L * whole;
        ix->model_a = (int)whole;
        /* Epoch nsplit's first 120 entries read like a degree-10 model; the
         * 120 after them do not. */
        ix->layout_ok = whole + 1 <= ly->nsplit;
    } else {
        long above = (long)(LEGACY_FIFTH * (date - ly->esplit));
        ix->nmax = 13;
        ix->nc = 195;
        ix->base = 120L * ly->nsplit + 195L * above;
        ix->model_a = ly->nsplit + (int)above;
        /* Past the last epoch the next block is the SV, not a model. */
        ix->layout_ok = ix->model_a + 1 <= ly->nepochs - 1;
    }
    ix->tc = 1.0 - t;
    ix->t = t;
    if (isv) {
        ix->tc = -LEGACY_FIFTH;
        ix->t = LEGACY_FIFTH;
    }
}

/* Index of the epoch interval that holds date (the correct one). */
static int true_interval(const tdre_layout *ly, double date)
{
    int e = 0;
    for (int k = 1; k < ly->nepochs; k++)
        if (ly->e0 + 5.0 * k <= date)
            e = k;
    return e;
}

int tdre_layout_defect(const tdre_layout *ly, double date, int isv)
{
    if (!(date >= ly->e0 && date < ly->elast))
        return 0;   /* outside the interpolation: no index arithmetic */
    tdre_legacy_index ix;
    tdre_legacy_index_at(ly, date, isv, &ix);
    int defect = ix.layout_ok ? 0 : TDRE_DEFECT_LAYOUT;
    if (isv) {
        /* SV = 0.2 (B - A): right only for the interval holding date. */
        if (ix.model_a != true_interval(ly, date))
            defect |= TDRE_DEFECT_EARLY_INDEX;
    } else if (ix.model_a != ix.lf) {
        /* The fraction says "just past epoch lf", the base reads lf - 1. An
         * early index with a consistent base is harmless for the main field:
         * the date is within 2e-6 yr of the epoch both formulas approach. */
        defect |= TDRE_DEFECT_BASE_LAG;
    }
    return defect;
}

int tdre_legacy_defect(double date, int isv)
{
    tdre_layout ly;
    tdre_layout_igrf11(&ly);
    return tdre_layout_defect(&ly, date, isv);
}

int tdre_model_legacy_defect(const tdre_model *m, double date, int isv)
{
    if (m == NULL || !m->has_legacy)
        return 0;
    return tdre_layout_defect(&m->layout, date, isv);
}
