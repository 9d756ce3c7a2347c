/*
 * model.c: creating and freeing model handles, from the built-in tables or
 * from coefficient files, and the per-model work done once (packing, the
 * legacy array, the recursion factors, the profile's constants).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "coeffio.h"
#include "model.h"
#ifdef TDRE_HAVE_TABLES
#include "builtin.h"
#endif

static const tdre_consts exact_consts = {
    /* WGS84: a = 6378.137 km, b = a (1 - 1/298.257223563) */
    .deg2rad = 3.14159265358979323846 / 180.0,
    .a2 = 6378.137 * 6378.137,
    .b2 = (6378.137 * (1.0 - 1.0 / 298.257223563)) * (6378.137 * (1.0 - 1.0 / 298.257223563)),
    .radius = 6371.2,
    .rad2deg = 180.0 / 3.14159265358979323846,
};

/* igrf11.f's REAL literals, widened as the Fortran widens them. D and I are
 * not part of IGRF11SYN; they use the exact conversion. */
static const tdre_consts legacy_consts = {
    .deg2rad = (double)0.017453292f,
    .a2 = (double)40680631.6f,
    .b2 = (double)40408296.0f,
    .radius = (double)6371.2f,
    .rad2deg = 180.0 / 3.14159265358979323846,
};

static const tdre_consts geomag70_consts = {
    .deg2rad = 0.01745329,
    .a2 = 40680631.59,
    .b2 = 40408299.98,
    .radius = 6371.2,
    .rad2deg = 180.0 / 3.141592654,
};

/* Packs g, h of degree <= nmax in the legacy order; the rest stays 0. */
static void pack(const double g[][TDRE_COEFFS_NMAX + 1],
                 const double h[][TDRE_COEFFS_NMAX + 1], int nmax, double *row)
{
    int l = 0;
    for (int n = 1; n <= nmax; n++) {
        row[l++] = g[n][0];
        for (int m = 1; m <= n; m++) {
            row[l++] = g[n][m];
            row[l++] = h[n][m];
        }
    }
}

/* The Legendre recursion factors of igrf11.f, step by step (k = 2..105). */
static void build_recursion(tdre_rec *rec)
{
    int n = 0, m = 1;
    double fn = 0.0, gn = 0.0;
    memset(rec, 0, sizeof(tdre_rec) * (TDRE_KMAX + 1));
    for (int k = 2; k <= TDRE_KMAX; k++) {
        tdre_rec *r = &rec[k];
        if (n < m) {
            m = 0;
            n = n + 1;
            fn = n;
            gn = n - 1;
            r->newn = 1;
        }
        double fm = m;
        r->n = n;
        r->m = m;
        r->fn1 = fn + 1.0;
        r->fm = fm;
        if (m == n) {
            r->kind = k == 3 ? TDRE_REC_PRESET : TDRE_REC_SECTORAL;
            r->a = sqrt(1.0 - 0.5 / fm);
            r->j = k - n - 1;
        } else {
            double gmm = m * m;
            double one = sqrt(fn * fn - gmm);
            r->kind = TDRE_REC_GENERAL;
            r->b = sqrt(gn * gn - gmm) / one;
            r->a = (fn + gn) / one;
            r->i = k - n;
            r->j = r->i - n + 1;
        }
        m = m + 1;
    }
}

static int check_coeffs(const tdre_coeffs *cf, char *err, size_t errlen)
{
    if (cf->nepochs < 1 || cf->nepochs > TDRE_COEFFS_EPOCHS)
        return tdre_seterr(err, errlen, TDRE_EINVAL, "%s: %d epochs (1 to %d allowed)",
                           cf->name, cf->nepochs, TDRE_COEFFS_EPOCHS);
    if (cf->sv_nmax < 0 || cf->sv_nmax > TDRE_COEFFS_NMAX)
        return tdre_seterr(err, errlen, TDRE_EINVAL, "%s: SV degree %d", cf->name,
                           cf->sv_nmax);
    for (int e = 0; e < cf->nepochs; e++) {
        if (cf->nmax[e] < 1 || cf->nmax[e] > TDRE_COEFFS_NMAX || !isfinite(cf->epoch[e]))
            return tdre_seterr(err, errlen, TDRE_EINVAL, "%s: epoch %d: degree %d",
                               cf->name, e, cf->nmax[e]);
        if (e > 0 && !(cf->epoch[e] > cf->epoch[e - 1]))
            return tdre_seterr(err, errlen, TDRE_EINVAL,
                               "%s: epochs not increasing at %g", cf->name, cf->epoch[e]);
    }
    return TDRE_OK;
}

/* Does the model have igrf11.f's layout: 5-year epochs from 1900, degree 10
 * before 1995, at least up to 2000, and SV (given, or recoverable from a
 * predicted last epoch)? Fills the layout when it does. */
static int legacy_layout_of(const tdre_coeffs *cf, tdre_layout *ly)
{
    int ne = cf->nepochs - (cf->sv_nmax == 0 ? 1 : 0);
    if (ne < TDRE_LEGACY_SPLIT + 2)
        return 0;
    for (int e = 0; e < cf->nepochs; e++) {
        if (cf->epoch[e] != 1900.0 + 5.0 * e)
            return 0;
        if (e < TDRE_LEGACY_SPLIT && cf->nmax[e] > 10)
            return 0;
    }
    ly->e0 = 1900.0;
    ly->esplit = 1900.0 + 5.0 * TDRE_LEGACY_SPLIT;
    ly->nsplit = TDRE_LEGACY_SPLIT;
    ly->nepochs = ne;
    ly->elast = cf->epoch[ne - 1];
    return 1;
}

static double single(double v)
{
    return (double)(float)v;
}

/* The Fortran's GH array: REAL literals widened to double, degree-10 models
 * before 1995, degree 13 after, the SV block, a trailing zero. An SHC model's
 * last epoch is the prediction 5 years on: its SV is recovered from it. */
static void build_legacy_array(tdre_model *m, const tdre_coeffs *cf)
{
    const tdre_layout *ly = &m->layout;
    long pos = 1;
    memset(m->lgh, 0, sizeof m->lgh);
    for (int e = 0; e < ly->nepochs; e++) {
        int len = e < ly->nsplit ? 120 : 195;
        for (int l = 0; l < len; l++)
            m->lgh[pos + l] = single(m->gh[e][l]);
        pos += len;
    }
    for (int l = 0; l < 195; l++) {
        double sv = m->gh[m->nepochs][l];
        if (cf->sv_nmax == 0)
            sv = (m->gh[ly->nepochs][l] - m->gh[ly->nepochs - 1][l]) / 5.0;
        m->lgh[pos + l] = single(sv);
    }
}

static void set_profile(tdre_model *m, const tdre_coeffs *cf)
{
    int last = m->nepochs - 1;
    if (m->profile == TDRE_PROFILE_LEGACY) {
        m->c = legacy_consts;
        m->from = m->layout.e0;
        m->to = m->layout.elast + 10.0;
        m->warn_after = m->layout.elast + 5.0;
        build_legacy_array(m, cf);
        return;
    }
    m->c = m->profile == TDRE_PROFILE_EXACT ? exact_consts : geomag70_consts;
    m->from = cf->valid_from < m->epoch[0] && m->sv_nmax > 0 && m->nepochs == 1
                  ? cf->valid_from : m->epoch[0];
    /* Past the last epoch only with SV; fmax also drops a NaN valid_to. */
    m->to = m->sv_nmax > 0 ? fmax(cf->valid_to, m->epoch[last]) : m->epoch[last];
    m->warn_after = m->to;
    /* geomag70 goes on for a year past the model's end, with a warning (its
     * IGRF-11 sample has a row at 2015,1,1). */
    if (m->profile == TDRE_PROFILE_GEOMAG70 && m->sv_nmax > 0)
        m->to = m->to + 1.0;
}

static int from_coeffs(const tdre_coeffs *cf, int profile, tdre_model **out,
                       char *err, size_t errlen)
{
    *out = NULL;
    if (tdre_profile_name(profile) == NULL)
        return tdre_seterr(err, errlen, TDRE_EINVAL, "unknown profile %d", profile);
    int rc = check_coeffs(cf, err, errlen);
    if (rc)
        return rc;
    tdre_model *m = calloc(1, sizeof *m);
    if (m == NULL)
        return tdre_seterr(err, errlen, TDRE_ENOMEM, "%s: out of memory", cf->name);
    memcpy(m->name, cf->name, sizeof m->name);
    m->name[sizeof m->name - 1] = '\0';
    m->profile = profile;
    m->nepochs = cf->nepochs;
    m->sv_nmax = cf->sv_nmax;
    m->degree = cf->sv_nmax;
    for (int e = 0; e < cf->nepochs; e++) {
        m->epoch[e] = cf->epoch[e];
        m->nmax[e] = cf->nmax[e];
        if (cf->nmax[e] > m->degree)
            m->degree = cf->nmax[e];
        pack(cf->g[e], cf->h[e], cf->nmax[e], m->gh[e]);
    }
    pack(cf->sv_g, cf->sv_h, cf->sv_nmax, m->gh[cf->nepochs]);
    for (int e = 0; e + 1 < cf->nepochs; e++) {
        double span = m->epoch[e + 1] - m->epoch[e];
        for (int l = 0; l < TDRE_NCOEF; l++)
            m->svi[e][l] = (m->gh[e + 1][l] - m->gh[e][l]) / span;
    }
    m->has_legacy = legacy_layout_of(cf, &m->layout);
    if (profile == TDRE_PROFILE_LEGACY && !m->has_legacy) {
        free(m);
        return tdre_seterr(err, errlen, TDRE_EINVAL,
                           "%s: the legacy profile needs the igrf11.f layout (5-year "
                           "epochs from 1900 to at least 2000, degree 10 before "
                           "1995, SV)", cf->name);
    }
    build_recursion(m->rec);
    set_profile(m, cf);
    *out = m;
    return TDRE_OK;
}

#ifdef TDRE_HAVE_TABLES
static const struct {
    const char *name;
    const tdre_coeffs *table;
} builtins[] = {
    {"igrf11", &tdre_table_igrf11},
    {"igrf12", &tdre_table_igrf12},
    {"igrf13", &tdre_table_igrf13},
    {"igrf14", &tdre_table_igrf14},
};
#define NBUILTINS (sizeof builtins / sizeof builtins[0])
#else
static const struct {
    const char *name;
    const tdre_coeffs *table;
} builtins[1] = {{"", NULL}};
#define NBUILTINS 0u
#endif

static const tdre_coeffs *builtin_table(const char *name)
{
    for (size_t k = 0; k < NBUILTINS; k++)
        if (strcasecmp(name, builtins[k].name) == 0)
            return builtins[k].table;
    return NULL;
}

int tdre_model_builtin(const char *name, int profile, tdre_model **out,
                       char *err, size_t errlen)
{
    if (out == NULL || name == NULL)
        return tdre_seterr(err, errlen, TDRE_EINVAL, "tdre_model_builtin: null argument");
    *out = NULL;
    const tdre_coeffs *cf = builtin_table(name);
    if (cf == NULL)
        return tdre_seterr(err, errlen, TDRE_EINVAL,
                           "no built-in model '%s' (igrf11, igrf12, igrf13, igrf14)", name);
    return from_coeffs(cf, profile, out, err, errlen);
}

int tdre_model_load(const char *path, int format, int profile, tdre_model **out,
                    char *err, size_t errlen)
{
    if (out == NULL || path == NULL)
        return tdre_seterr(err, errlen, TDRE_EINVAL, "tdre_model_load: null argument");
    *out = NULL;
    if (format < TDRE_FORMAT_AUTO || format > TDRE_FORMAT_COF)
        return tdre_seterr(err, errlen, TDRE_EINVAL, "%s: unknown format %d", path, format);
    tdre_coeffs *cf = malloc(sizeof *cf);
    if (cf == NULL)
        return tdre_seterr(err, errlen, TDRE_ENOMEM, "%s: out of memory", path);
    int rc = tdre_coeffs_read(path, format, cf, err, errlen);
    if (rc == TDRE_OK)
        rc = from_coeffs(cf, profile, out, err, errlen);
    free(cf);
    return rc;
}

int tdre_model_open(const char *name_or_path, int profile, tdre_model **out,
                    char *err, size_t errlen)
{
    if (name_or_path != NULL && builtin_table(name_or_path) != NULL)
        return tdre_model_builtin(name_or_path, profile, out, err, errlen);
    return tdre_model_load(name_or_path, TDRE_FORMAT_AUTO, profile, out, err, errlen);
}

void tdre_model_free(tdre_model *m)
{
    free(m);
}

const char *tdre_model_name(const tdre_model *m)
{
    return m->name;
}

int tdre_model_profile(const tdre_model *m)
{
    return m->profile;
}

void tdre_model_range(const tdre_model *m, double *from, double *to)
{
    if (from)
        *from = m->from;
    if (to)
        *to = m->to;
}

int tdre_model_degree(const tdre_model *m)
{
    return m->degree;
}
