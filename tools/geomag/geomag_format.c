/*
 * geomag_format.c: the output layouts of tdre-geomag (docs/geomag.md):
 * geomag70's file layout to the character, csv and json for scripts, and a
 * readable spot layout.
 */
#include "geomag.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static const char geomag70_header[] =
    "Date Coord-System Altitude Latitude Longitude D_deg D_min I_deg I_min "
    "H_nT X_nT Y_nT Z_nT F_nT dD_min dI_min dH_nT dX_nT dY_nT dZ_nT dF_nT\n";

/* csv and json share the column names; units are part of each name. */
static const char *const value_names[14] = {
    "d_deg", "i_deg", "h_nT", "x_nT", "y_nT", "z_nT", "f_nT",
    "dd_min_per_yr", "di_min_per_yr", "dh_nT_per_yr", "dx_nT_per_yr",
    "dy_nT_per_yr", "dz_nT_per_yr", "df_nT_per_yr"
};
static const char *const text_names[5] = {
    "date_text", "coord_text", "alt_text", "lat_text", "lon_text"
};

const char *tdre_geomag_status_name(int status)
{
    static const char *const names[] = {
        "ok", "malformed", "position-out-of-range", "date-out-of-range",
        "altitude-out-of-range", "evaluation-failed"
    };
    if (status < 0 || status > TDRE_GEOMAG_EVAL_FAILED) return "?";
    return names[status];
}

int tdre_geomag_format_from_name(const char *name)
{
    if (strcmp(name, "geomag70") == 0) return TDRE_GEOMAG_OUT_GEOMAG70;
    if (strcmp(name, "csv") == 0) return TDRE_GEOMAG_OUT_CSV;
    if (strcmp(name, "json") == 0) return TDRE_GEOMAG_OUT_JSON;
    if (strcmp(name, "text") == 0) return TDRE_GEOMAG_OUT_TEXT;
    return -1;
}

static void values_array(const tdre_geomag_values *v, double out[14])
{
    const double in[14] = { v->d, v->i, v->h, v->x, v->y, v->z, v->f,
                            v->dd, v->di, v->dh, v->dx, v->dy, v->dz, v->df };
    memcpy(out, in, sizeof in);
}

/* Degrees truncated toward zero, minutes = (value - degrees) * 60, made
 * positive when degrees != 0: -0.6 is "0d -37m", -11.28 is "-11d 17m". */
void tdre_geomag_format_dm(char *buf, size_t len, double deg)
{
    int whole;
    double minutes;
    if (isnan(deg)) {
        snprintf(buf, len, "%9s", "NaN");
        return;
    }
    whole = (int)deg;
    minutes = (deg - whole) * 60.0;
    if (whole != 0) minutes = fabs(minutes);
    snprintf(buf, len, "%4dd %2.0fm", whole, minutes);
}

/* %W.1f, or NaN right aligned in the same width. */
static void put_fixed(FILE *out, const char *lead, int width, double v)
{
    if (isnan(v)) fprintf(out, "%s%*s", lead, width, "NaN");
    else fprintf(out, "%s%*.1f", lead, width, v);
}

/* What precedes each printed number after D and I, and its width: the
 * spec's " %8.1f" x5 then " %7.1f   %7.1f     %8.1f" and " %8.1f" x4. */
static const struct { const char *lead; int width; } geomag70_columns[12] = {
    { " ", 8 }, { " ", 8 }, { " ", 8 }, { " ", 8 }, { " ", 8 },
    { " ", 7 }, { "   ", 7 }, { "     ", 8 }, { " ", 8 }, { " ", 8 }, { " ", 8 }, { " ", 8 }
};

static void write_geomag70(FILE *out, const tdre_geomag_row *row)
{
    const tdre_geomag_input *in = row->in;
    double vals[14];
    char d[32], i[32];
    if (!in || !row->v) return;   /* failed lines are named on standard error only */
    values_array(row->v, vals);
    tdre_geomag_format_dm(d, sizeof d, vals[0]);
    tdre_geomag_format_dm(i, sizeof i, vals[1]);
    fprintf(out, "%s %s %s %s %s  %s  %s ", in->text[0], in->text[1], in->text[2],
            in->text[3], in->text[4], d, i);
    for (int k = 0; k < 12; k++)
        put_fixed(out, geomag70_columns[k].lead, geomag70_columns[k].width, vals[k + 2]);
    fputc('\n', out);
}

static void csv_text(FILE *out, const char *s)
{
    fputc('"', out);
    for (; *s; s++) {
        if (*s == '"') fputc('"', out);
        fputc(*s, out);
    }
    fputc('"', out);
}

static void csv_double(FILE *out, double v)
{
    if (isnan(v)) fputs(",nan", out);
    else fprintf(out, ",%.17g", v);
}

static void write_csv(FILE *out, const tdre_geomag_row *row)
{
    double vals[14];
    fprintf(out, "%ld", row->line);
    for (int k = 0; k < 5; k++) {
        fputc(',', out);
        if (row->in) csv_text(out, row->in->text[k]);
        else if (k == 0 && row->raw) csv_text(out, row->raw);
    }
    if (row->in && row->status != TDRE_GEOMAG_MALFORMED) {
        csv_double(out, row->in->date);
        fprintf(out, ",%s", row->in->coord == TDRE_GEOCENTRIC ? "geocentric" : "geodetic");
        csv_double(out, row->in->alt);
        csv_double(out, row->in->lat);
        csv_double(out, row->in->lon);
    } else {
        fputs(",nan,,nan,nan,nan", out);
    }
    for (int k = 0; k < 14; k++) vals[k] = NAN;
    if (row->v) values_array(row->v, vals);
    for (int k = 0; k < 14; k++) csv_double(out, vals[k]);
    fprintf(out, ",%s,", tdre_geomag_status_name(row->status));
    if (row->message) csv_text(out, row->message);
    fputc('\n', out);
}

/* JSON strings: control characters and bytes beyond ASCII escaped, so the
 * output is valid whatever the input file held. */
static void json_text(FILE *out, const char *s)
{
    fputc('"', out);
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\') fprintf(out, "\\%c", c);
        else if (c < 0x20 || c >= 0x7f) fprintf(out, "\\u%04x", c);
        else fputc(c, out);
    }
    fputc('"', out);
}

static void json_double(FILE *out, const char *name, double v)
{
    if (isfinite(v)) fprintf(out, ", \"%s\": %.17g", name, v);
    else fprintf(out, ", \"%s\": null", name);
}

static void write_json(FILE *out, const tdre_geomag_row *row, int first)
{
    double vals[14];
    fprintf(out, "%s\n  {\"line\": %ld", first ? "" : ",", row->line);
    for (int k = 0; k < 5 && row->in; k++) {
        fprintf(out, ", \"%s\": ", text_names[k]);
        json_text(out, row->in->text[k]);
    }
    if (!row->in && row->raw) {
        fputs(", \"raw\": ", out);
        json_text(out, row->raw);
    }
    if (row->in && row->status != TDRE_GEOMAG_MALFORMED) {
        json_double(out, "date", row->in->date);
        fprintf(out, ", \"coord\": \"%s\"",
                row->in->coord == TDRE_GEOCENTRIC ? "geocentric" : "geodetic");
        json_double(out, "alt_km", row->in->alt);
        json_double(out, "lat_deg", row->in->lat);
        json_double(out, "lon_deg", row->in->lon);
    }
    for (int k = 0; k < 14; k++) vals[k] = NAN;
    if (row->v) values_array(row->v, vals);
    for (int k = 0; k < 14; k++) json_double(out, value_names[k], vals[k]);
    fprintf(out, ", \"status\": \"%s\"", tdre_geomag_status_name(row->status));
    if (row->message) {
        fputs(", \"message\": ", out);
        json_text(out, row->message);
    }
    fputc('}', out);
}

void tdre_geomag_write_begin(FILE *out, int format)
{
    if (format == TDRE_GEOMAG_OUT_GEOMAG70) {
        fputs(geomag70_header, out);
    } else if (format == TDRE_GEOMAG_OUT_CSV) {
        fputs("line", out);
        for (int k = 0; k < 5; k++) fprintf(out, ",%s", text_names[k]);
        fputs(",date,coord,alt_km,lat_deg,lon_deg", out);
        for (int k = 0; k < 14; k++) fprintf(out, ",%s", value_names[k]);
        fputs(",status,message\n", out);
    } else if (format == TDRE_GEOMAG_OUT_JSON) {
        fputc('[', out);
    }
}

void tdre_geomag_write_row(FILE *out, int format, const tdre_geomag_row *row, int first)
{
    if (format == TDRE_GEOMAG_OUT_GEOMAG70) write_geomag70(out, row);
    else if (format == TDRE_GEOMAG_OUT_CSV) write_csv(out, row);
    else if (format == TDRE_GEOMAG_OUT_JSON) write_json(out, row, first);
}

void tdre_geomag_write_end(FILE *out, int format)
{
    if (format == TDRE_GEOMAG_OUT_JSON) fputs("\n]\n", out);
}

static void text_line(FILE *out, const char *name, const char *value, double sv,
                      const char *sv_unit)
{
    fprintf(out, "  %-14s %12s", name, value);
    if (isnan(sv)) fprintf(out, "  %10s\n", "NaN");
    else fprintf(out, "  %10.1f %s\n", sv, sv_unit);
}

void tdre_geomag_write_text(FILE *out, const char *model, const tdre_geomag_input *in,
                            const tdre_geomag_values *v)
{
    char buf[64];
    fprintf(out, "Model %s, date %s (%.4f), %s, altitude %s, latitude %s, longitude %s\n",
            model, in->text[0], in->date,
            in->coord == TDRE_GEOCENTRIC ? "geocentric (altitude is the radius)" : "geodetic",
            in->text[2], in->text[3], in->text[4]);
    fprintf(out, "  %-14s %12s  %10s\n", "", "field", "change/yr");
    tdre_geomag_format_dm(buf, sizeof buf, v->d);
    text_line(out, "Declination", buf, v->dd, "min");
    tdre_geomag_format_dm(buf, sizeof buf, v->i);
    text_line(out, "Inclination", buf, v->di, "min");
    const char *names[5] = { "Horizontal H", "North X", "East Y", "Vertical Z", "Total F" };
    const double vals[5] = { v->h, v->x, v->y, v->z, v->f };
    const double svs[5] = { v->dh, v->dx, v->dy, v->dz, v->df };
    for (int k = 0; k < 5; k++) {
        if (isnan(vals[k])) snprintf(buf, sizeof buf, "NaN");
        else snprintf(buf, sizeof buf, "%.1f nT", vals[k]);
        text_line(out, names[k], buf, svs[k], "nT");
    }
}
