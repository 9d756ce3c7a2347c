/*
 * fuzz_geomag.c: libFuzzer target for tdre-geomag's input syntax
 * (tools/geomag/geomag_parse.c) and what it does with a parsed line.
 *
 * The input is one line of a geomag70 input file. It goes the way
 * tdre-geomag's file mode takes a line (NUL check, line end cut, split, the
 * five fields parsed, limits checked and the point evaluated with the
 * built-in IGRF-13), and each field also goes alone through the date,
 * angle, altitude and coordinate parsers. Each outcome is written in the
 * csv, json and geomag70 layouts. Beyond the sanitizers, it checks: what is
 * accepted is in range and finite; the json output is well formed (strings
 * closed, no raw control bytes); every csv row has the header's columns.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "geomag.h"

#define REQUIRE(cond) do { if (!(cond)) { \
    fprintf(stderr, "fuzz_geomag: invariant failed: %s (line %d)\n", #cond, __LINE__); \
    abort(); } } while (0)

static tdre_geomag_model *model;

static void check_message(const char *err, size_t errlen)
{
    REQUIRE(memchr(err, '\0', errlen) != NULL);
    REQUIRE(err[0] != '\0');
}

static void check_fields_alone(char *const field[], int n)
{
    char err[512];
    double v;
    int coord;
    for (int k = 0; k < n; k++) {
        if (tdre_geomag_parse_date(field[k], &v, err, sizeof err) == 0) REQUIRE(isfinite(v));
        else check_message(err, sizeof err);
        if (tdre_geomag_parse_angle(field[k], &v, err, sizeof err) == 0) REQUIRE(isfinite(v));
        else check_message(err, sizeof err);
        if (tdre_geomag_parse_alt(field[k], &v, err, sizeof err) == 0) REQUIRE(isfinite(v));
        else check_message(err, sizeof err);
        if (tdre_geomag_parse_coord(field[k], &coord, err, sizeof err) == 0)
            REQUIRE(coord == TDRE_GEODETIC || coord == TDRE_GEOCENTRIC);
        else check_message(err, sizeof err);
    }
}

/* JSON: every string closed, no raw control byte inside one, brackets
 * balanced outside strings. */
static void check_json(const char *s, size_t len)
{
    int in_string = 0, depth = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (in_string) {
            REQUIRE(c >= 0x20);
            if (c == '\\') { REQUIRE(i + 1 < len); i++; }
            else if (c == '"') in_string = 0;
        } else if (c == '"') in_string = 1;
        else if (c == '[' || c == '{') depth++;
        else if (c == ']' || c == '}') { depth--; REQUIRE(depth >= 0); }
    }
    REQUIRE(!in_string && depth == 0);
}

/* CSV: fields of each line, quotes respected; all as many as the header. */
static void check_csv(const char *s, size_t len)
{
    int fields = 1, header = -1, quoted = 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '"') quoted = !quoted;
        else if (!quoted && s[i] == ',') fields++;
        else if (!quoted && s[i] == '\n') {
            if (header < 0) header = fields;
            REQUIRE(fields == header);
            fields = 1;
        }
        else REQUIRE(quoted || s[i] != '\r');
    }
    REQUIRE(!quoted && header > 0);
}

static void write_all_layouts(const tdre_geomag_row *row)
{
    static const int formats[] = { TDRE_GEOMAG_OUT_CSV, TDRE_GEOMAG_OUT_JSON,
                                   TDRE_GEOMAG_OUT_GEOMAG70 };
    for (size_t k = 0; k < sizeof formats / sizeof formats[0]; k++) {
        char *buf = NULL;
        size_t len = 0;
        FILE *out = open_memstream(&buf, &len);
        REQUIRE(out != NULL);
        tdre_geomag_write_begin(out, formats[k]);
        tdre_geomag_write_row(out, formats[k], row, 1);
        tdre_geomag_write_end(out, formats[k]);
        REQUIRE(fclose(out) == 0);
        if (formats[k] == TDRE_GEOMAG_OUT_JSON) check_json(buf, len);
        if (formats[k] == TDRE_GEOMAG_OUT_CSV) check_csv(buf, len);
        free(buf);
    }
}

static void check_values(const tdre_geomag_values *v)
{
    const double all[] = { v->d, v->i, v->h, v->x, v->y, v->z, v->f,
                           v->dd, v->di, v->dh, v->dx, v->dy, v->dz, v->df };
    for (size_t k = 0; k < sizeof all / sizeof all[0]; k++) REQUIRE(!isinf(all[k]));
    REQUIRE(isfinite(v->h) && isfinite(v->z) && isfinite(v->f) && isfinite(v->i));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char err[512], raw[256], *field[5], *all[64];
    tdre_geomag_input in;
    tdre_geomag_values v;
    if (!model) REQUIRE(tdre_geomag_model_open("IGRF13", &model, err, sizeof err) == 0);
    if (memchr(data, '\0', size)) return 0;   /* refused whole by file mode */
    char *line = malloc(size + 1), *copy = malloc(size + 1);
    REQUIRE(line && copy);
    memcpy(line, data, size);
    line[size] = '\0';
    line[strcspn(line, "\r\n")] = '\0';
    memcpy(copy, line, strlen(line) + 1);
    int n = tdre_geomag_split(copy, all, 64);
    REQUIRE(n >= 0);
    check_fields_alone(all, n < 64 ? n : 64);

    snprintf(raw, sizeof raw, "%s", line);
    tdre_geomag_row row = { 7, NULL, raw, NULL, TDRE_GEOMAG_MALFORMED, err };
    n = tdre_geomag_split(line, field, 5);
    if (n > 0 && n < 5) {
        snprintf(err, sizeof err, "expected DATE COORD ALT LAT LON, found %d fields", n);
        write_all_layouts(&row);
    } else if (n >= 5) {
        int rc = tdre_geomag_parse_fields(field, &in, err, sizeof err);
        row.in = &in;
        if (rc == TDRE_GEOMAG_OK) {
            REQUIRE(isfinite(in.date) && isfinite(in.alt));
            REQUIRE(fabs(in.lat) <= 90 && fabs(in.lon) <= 360);
            REQUIRE(in.coord == TDRE_GEODETIC || in.coord == TDRE_GEOCENTRIC);
            rc = tdre_geomag_model_eval(model, &in, &v, err, sizeof err);
        }
        row.status = rc;
        if (rc == TDRE_GEOMAG_OK) {
            check_values(&v);
            row.v = &v;
            row.message = NULL;
        } else {
            check_message(err, sizeof err);
        }
        write_all_layouts(&row);
    }
    free(line);
    free(copy);
    return 0;
}
