/*
 * position.c: from the caller's position to the geocentric quantities the
 * sums need (cosines, sines, a/r), with the profile's constants and in the
 * order of operations of the program the profile follows.
 */
#include <math.h>

#include "model.h"

/* Radii below this make (a/r)^15 overflow long before the model means
 * anything (the core-mantle boundary is at 3485 km). */
#define MIN_RADIUS_KM 1e-3

/* geomag70 works in latitude and keeps 0.001 degree off the poles. */
static void geomag70_angles(const tdre_consts *c, double colat, tdre_geom *g)
{
    double lat = 90.0 - colat;
    double kept = lat;
    g->pole = 0;
    if (90.0 - lat < 0.001) {
        kept = 89.999;
        g->pole = 1;
    } else if (90.0 + lat < 0.001) {
        kept = -89.999;
        g->pole = 1;
    }
    g->ct = sin(lat * c->deg2rad);
    g->st = cos(kept * c->deg2rad);
}

int tdre_geom_at(const tdre_model *m, int coord, double alt, double colat,
                 double elong, tdre_geom *g, char *err, size_t errlen)
{
    const tdre_consts *c = &m->c;
    if (m->profile == TDRE_PROFILE_GEOMAG70) {
        geomag70_angles(c, colat, g);
    } else {
        double ang = colat * c->deg2rad;
        g->ct = cos(ang);
        g->st = sin(ang);
        g->pole = 0;
    }
    double ang = elong * c->deg2rad;
    g->cl1 = cos(ang);
    g->sl1 = sin(ang);
    g->cd = 1.0;
    g->sd = 0.0;
    double r = alt;
    if (coord == TDRE_GEODETIC) {
        double ct = g->ct, st = g->st;
        double one = c->a2 * st * st;
        double two = c->b2 * ct * ct;
        double three = one + two;
        double rho = sqrt(three);
        r = sqrt(alt * (alt + 2.0 * rho) + (c->a2 * one + c->b2 * two) / three);
        g->cd = (alt + rho) / r;
        g->sd = (c->a2 - c->b2) / rho * ct * st / r;
        g->ct = ct * g->cd - st * g->sd;
        g->st = st * g->cd + ct * g->sd;
        /* Deeper than the spheroid's centre the formula mirrors the point
         * through it; only the legacy program's arithmetic answers there. */
        if (m->profile == TDRE_PROFILE_EXACT && !(alt + rho > 0.0))
            return tdre_seterr(err, errlen, TDRE_EDOMAIN,
                               "position: height %.17g km is below the centre of the Earth",
                               alt);
    }
    if (!(r >= MIN_RADIUS_KM) || !isfinite(r))
        return tdre_seterr(err, errlen, TDRE_EDOMAIN,
                           "position: radius %.17g km from the centre is outside "
                           "the domain (at least %g km)", r, MIN_RADIUS_KM);
    g->ratio = c->radius / r;
    return TDRE_OK;
}
