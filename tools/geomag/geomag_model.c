/*
 * geomag_model.c: the model behind tdre-geomag and the limits geomag70
 * checks before evaluating (docs/geomag.md).
 *
 * The library knows a model's dates; the altitude limits live only in the
 * header records of a geomag70 .COF file, so they are read here. Models
 * from other sources get the limits of geomag70's own IGRF files.
 */
#include "geomag.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MAX_RECORDS 64
#define DEFAULT_ALT_MIN (-1.0)    /* km, as in geomag70's IGRF .COF headers */
#define DEFAULT_ALT_MAX 600.0
#define RADIUS 6371.2             /* km; geocentric limits are radii */
#define POLE_MARGIN 0.001         /* degrees: geomag70's pole rule */
#define H_MIN 100.0               /* nT: below it D is undefined in geomag70 */

/* A .COF header record's limits. */
typedef struct cof_record {
    double from, to, alt_min, alt_max;
} cof_record;

struct tdre_geomag_model {
    tdre_model *m;
    double from, to;              /* dates accepted (geomag70: a year past the end) */
    int nrec;                     /* .COF records read (0: not a .COF file) */
    cof_record rec[MAX_RECORDS];
};

static int is_builtin_name(const char *s)
{
    static const char *const names[] = { "igrf11", "igrf12", "igrf13", "igrf14" };
    for (size_t k = 0; k < sizeof names / sizeof names[0]; k++)
        if (strcasecmp(s, names[k]) == 0) return 1;
    return 0;
}

/* A header line: a name, then epoch, two degrees, an unused integer,
 * valid-from, valid-to, altitude min and max. */
static int parse_header(const char *line, cof_record *r)
{
    char name[64];
    double epoch;
    int n1, n2, unused;
    if (!isspace((unsigned char)line[0])) return 0;
    if (sscanf(line, "%63s %lf %d %d %d %lf %lf %lf %lf", name, &epoch, &n1, &n2, &unused,
               &r->from, &r->to, &r->alt_min, &r->alt_max) != 9)
        return 0;
    return !isdigit((unsigned char)name[0]) && name[0] != '-';
}

/* Reads the header records if path is a .COF file; errors of the file are
 * the library's to report, so an unreadable file just has no records. */
static void scan_cof(const char *path, tdre_geomag_model *gm)
{
    FILE *f = fopen(path, "r");
    char line[512];
    int first = 1;
    cof_record r;
    if (!f) return;
    while (fgets(line, sizeof line, f) && gm->nrec < MAX_RECORDS) {
        int blank = strspn(line, " \t\r\n") == strlen(line);
        if (blank) continue;
        if (parse_header(line, &r)) gm->rec[gm->nrec++] = r;
        else if (first) break;    /* a .COF file starts with a header */
        first = 0;
    }
    fclose(f);
}

int tdre_geomag_model_open(const char *name_or_path, tdre_geomag_model **out,
                           char *err, size_t errlen)
{
    tdre_geomag_model *gm = calloc(1, sizeof *gm);
    int rc;
    *out = NULL;
    if (!gm) {
        snprintf(err, errlen, "out of memory");
        return TDRE_ENOMEM;
    }
    rc = tdre_model_open(name_or_path, TDRE_PROFILE_GEOMAG70, &gm->m, err, errlen);
    if (rc != TDRE_OK) {
        free(gm);
        return rc;
    }
    tdre_model_range(gm->m, &gm->from, &gm->to);
    if (!is_builtin_name(name_or_path)) scan_cof(name_or_path, gm);
    *out = gm;
    return TDRE_OK;
}

void tdre_geomag_model_free(tdre_geomag_model *gm)
{
    if (!gm) return;
    tdre_model_free(gm->m);
    free(gm);
}

const char *tdre_geomag_model_name(const tdre_geomag_model *gm)
{
    return tdre_model_name(gm->m);
}

/* The altitude limits of the record geomag70 uses for this date: the first
 * whose valid-to lies after it, else the last. */
static void altitude_limits(const tdre_geomag_model *gm, double date, double *lo, double *hi)
{
    int k = 0;
    *lo = DEFAULT_ALT_MIN;
    *hi = DEFAULT_ALT_MAX;
    if (gm->nrec == 0) return;
    while (k < gm->nrec - 1 && !(date < gm->rec[k].to)) k++;
    *lo = gm->rec[k].alt_min;
    *hi = gm->rec[k].alt_max;
}

static int check_limits(const tdre_geomag_model *gm, const tdre_geomag_input *in,
                        char *err, size_t errlen)
{
    double lo, hi;
    if (!(in->date >= gm->from && in->date <= gm->to)) {
        snprintf(err, errlen, "date %s (%.4f) is outside %g .. %g, the dates model %s "
                 "takes (its end and geomag70's year of grace after it)",
                 in->text[0], in->date, gm->from, gm->to, tdre_model_name(gm->m));
        return TDRE_GEOMAG_DATE_RANGE;
    }
    altitude_limits(gm, in->date, &lo, &hi);
    if (in->coord == TDRE_GEOCENTRIC) {
        lo += RADIUS;
        hi += RADIUS;
    }
    if (!(in->alt >= lo && in->alt <= hi)) {
        snprintf(err, errlen, "%s %s (%g km) is outside the model's %g .. %g km",
                 in->coord == TDRE_GEOCENTRIC ? "radius" : "altitude", in->text[2],
                 in->alt, lo, hi);
        return TDRE_GEOMAG_ALT_RANGE;
    }
    return TDRE_GEOMAG_OK;
}

int tdre_geomag_model_eval(const tdre_geomag_model *gm, const tdre_geomag_input *in,
                           tdre_geomag_values *v, char *err, size_t errlen)
{
    tdre_field fld;
    int rc = check_limits(gm, in, err, errlen);
    if (rc != TDRE_GEOMAG_OK) return rc;
    rc = tdre_model_eval(gm->m, in->date, in->coord, in->alt, 90.0 - in->lat, in->lon,
                         &fld, err, errlen);
    if (rc != TDRE_OK)
        return (fld.flags & TDRE_FLAG_BAD_DATE) ? TDRE_GEOMAG_DATE_RANGE : TDRE_GEOMAG_EVAL_FAILED;
    v->d = fld.d;
    v->i = fld.i;
    v->h = fld.h;
    v->x = fld.x;
    v->y = fld.y;
    v->z = fld.z;
    v->f = fld.f;
    v->dd = fld.dd * 60.0;
    v->di = fld.di * 60.0;
    v->dh = fld.dh;
    v->dx = fld.dx;
    v->dy = fld.dy;
    v->dz = fld.dz;
    v->df = fld.df;
    v->after_end = (fld.flags & TDRE_FLAG_LEGACY_WARN) != 0;
    /* geomag70's printing rules, applied here whatever the library did. */
    if (v->h < H_MIN) v->d = v->dd = NAN;
    if (90.0 - fabs(in->lat) < POLE_MARGIN) v->x = v->y = v->d = v->dx = v->dy = v->dd = NAN;
    return TDRE_GEOMAG_OK;
}
