/*
 * field.c: checks of a point against the model's domain, and the field
 * elements (H, F, D, I and their secular variation) from the sums.
 */
#include <math.h>

#include "model.h"

void tdre_field_nan(tdre_field *out, unsigned flags)
{
    out->x = out->y = out->z = out->h = out->f = out->d = out->i = NAN;
    out->dx = out->dy = out->dz = out->dh = out->df = out->dd = out->di = NAN;
    out->flags = flags;
}

int tdre_check_point(const tdre_model *m, double date, int coord, double alt,
                     double colat, double elong, unsigned *flags,
                     char *err, size_t errlen)
{
    if (coord != TDRE_GEODETIC && coord != TDRE_GEOCENTRIC) {
        *flags = TDRE_FLAG_BAD_INPUT;
        return tdre_seterr(err, errlen, TDRE_EINVAL,
                           "coordinate system %d is neither geodetic (1) nor "
                           "geocentric (2)", coord);
    }
    if (!isfinite(date) || !isfinite(alt) || !isfinite(colat) || !isfinite(elong)) {
        *flags = TDRE_FLAG_BAD_INPUT;
        return tdre_seterr(err, errlen, TDRE_EINVAL,
                           "input not finite (date %g, alt %g, colat %g, elong %g)",
                           date, alt, colat, elong);
    }
    if (!(date >= m->from && date <= m->to)) {
        *flags = TDRE_FLAG_BAD_DATE;
        return tdre_seterr(err, errlen, TDRE_EDOMAIN,
                           "date %.17g outside %s (%s profile: %.17g to %.17g)",
                           date, m->name, tdre_profile_name(m->profile),
                           m->from, m->to);
    }
    if (m->profile == TDRE_PROFILE_EXACT && !(colat >= 0.0 && colat <= 180.0)) {
        *flags = TDRE_FLAG_BAD_POSITION;
        return tdre_seterr(err, errlen, TDRE_EDOMAIN,
                           "colatitude %.17g outside 0 to 180 degrees", colat);
    }
    *flags = 0;
    return TDRE_OK;
}

/* Sums in the geocentric frame back to the input frame (legacy order). */
static void rotate(const tdre_geom *g, double x, double z, double *xo, double *zo)
{
    *xo = x * g->cd + z * g->sd;
    *zo = z * g->cd - x * g->sd;
}

/* D, I, H, F with the analytic secular variation (exact, legacy). */
static void analytic_elements(const tdre_model *m, int two, tdre_field *o)
{
    const double r2d = m->c.rad2deg;
    o->h = sqrt(o->x * o->x + o->y * o->y);
    o->d = o->h > 0.0 ? atan2(o->y, o->x) * r2d : NAN;
    o->i = atan2(o->z, o->h) * r2d;
    if (!two) {
        o->dx = o->dy = o->dz = o->dh = o->df = o->dd = o->di = NAN;
        return;
    }
    double hh = o->h * o->h, ff = o->f * o->f;
    o->dh = o->h > 0.0 ? (o->x * o->dx + o->y * o->dy) / o->h : NAN;
    o->df = (o->x * o->dx + o->y * o->dy + o->z * o->dz) / o->f;
    o->dd = o->h > 0.0 ? (o->x * o->dy - o->y * o->dx) / hh * r2d : NAN;
    o->di = (o->h * o->dz - o->z * o->dh) / ff * r2d;
}

typedef struct elements { double h, f, d, i; } elements;

static elements geomag70_of(const tdre_model *m, double x, double y, double z)
{
    elements e;
    e.h = sqrt(x * x + y * y);
    e.f = sqrt(e.h * e.h + z * z);
    e.d = atan2(y, x) * m->c.rad2deg;
    e.i = atan2(z, e.h) * m->c.rad2deg;
    return e;
}

/* geomag70: elements at date and date + 1, SV as their difference, with its
 * NaN conventions near the poles and where H is small. */
static void geomag70_elements(const tdre_model *m, const tdre_geom *g,
                              double x1, double y1, double z1, int two,
                              tdre_field *o)
{
    elements e0 = geomag70_of(m, o->x, o->y, o->z);
    o->h = e0.h;
    o->f = e0.f;
    o->d = e0.d;
    o->i = e0.i;
    if (two) {
        elements e1 = geomag70_of(m, x1, y1, z1);
        double dd = e1.d - e0.d;
        if (dd > 180.0)
            dd -= 360.0;
        if (dd <= -180.0)
            dd += 360.0;
        o->dx = x1 - o->x;
        o->dy = y1 - o->y;
        o->dz = z1 - o->z;
        o->dh = e1.h - e0.h;
        o->df = e1.f - e0.f;
        o->dd = dd;
        o->di = e1.i - e0.i;
    } else {
        o->dx = o->dy = o->dz = o->dh = o->df = o->dd = o->di = NAN;
    }
    if (o->h < 100.0)
        o->d = o->dd = NAN;
    if (g->pole) {
        o->x = o->y = o->d = o->dx = o->dy = o->dd = NAN;
        o->flags |= TDRE_FLAG_POLE;
    }
}

void tdre_field_finish(const tdre_model *m, const tdre_geom *g,
                       const tdre_lanes *ln, int lane, unsigned want,
                       unsigned flags, tdre_field *out)
{
    int two = (want & TDRE_WANT_SV) != 0;
    double x, z, x2 = NAN, z2 = NAN;
    rotate(g, ln->x[lane], ln->z[lane], &x, &z);
    double y = ln->y[lane];
    out->x = x;
    out->y = y;
    out->z = z;
    out->f = sqrt(x * x + y * y + z * z);
    out->flags = flags;
    if (two)
        rotate(g, ln->x2[lane], ln->z2[lane], &x2, &z2);
    if (m->profile == TDRE_PROFILE_GEOMAG70) {
        geomag70_elements(m, g, x2, ln->y2[lane], z2, two, out);
        return;
    }
    out->dx = x2;
    out->dy = two ? ln->y2[lane] : NAN;
    out->dz = z2;
    if (want & TDRE_WANT_ELEMENTS) {
        analytic_elements(m, two, out);
    } else {
        out->h = out->d = out->i = NAN;
        out->dh = out->df = out->dd = out->di = NAN;
    }
}
