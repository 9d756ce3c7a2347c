/*
 * tdre-geomag: geomag70's command line on the tdre library
 * (docs/geomag.md).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "geomag.h"
#include "outfile.h"

enum { EXIT_ALL_OK = 0, EXIT_SOME_FAILED = 1, EXIT_USAGE = 2 };

static const char usage_text[] =
"usage: tdre-geomag [--format F] MODEL DATE COORD ALT LAT LON    (spot mode)\n"
"       tdre-geomag [--format F] MODEL f INPUT OUTPUT            (file mode)\n"
"\n"
"The field of a geomagnetic model at points given as NGDC geomag 7.0 takes\n"
"them, computed with geomag70's arithmetic by the tdre library.\n"
"\n"
"  MODEL   IGRF11, IGRF12, IGRF13 or IGRF14 (built in, any case), or a\n"
"          coefficient file: NOAA table, SHC or geomag70 .COF (e.g. WMM2015.COF)\n"
"  DATE    decimal year (2014.5) or yyyy,mm,dd (2014,7,2); yyyy,mm,dd is\n"
"          year + (days before the month + day + leap) / (365 + leap), leap\n"
"          being 1 in a leap year after February: 1 January is year + 1/365\n"
"  COORD   D geodetic (WGS84) or C geocentric\n"
"  ALT     unit letter and number: K km, M metres, F feet (K100, M1042,\n"
"          F30000); with C the distance from the Earth's centre (K6470)\n"
"  LAT LON decimal degrees (-70.3) or deg,min,sec with missing parts 0\n"
"          (-30,8, is -30 deg 8 min; 0,-30,0 is -0.5 deg); the sign is that of\n"
"          the first part that is not zero; |LAT| <= 90, |LON| <= 360\n"
"  f INPUT OUTPUT\n"
"          reads lines DATE COORD ALT LAT LON (further columns ignored, blank\n"
"          lines skipped) from the file INPUT and writes OUTPUT (\"-\" for\n"
"          standard output) beside, then renamed (a device or pipe: in place);\n"
"          standard input is never read\n"
"\n"
"Options:\n"
"  --format geomag70  geomag70's file layout: a header line, then per point\n"
"                     its five fields echoed, D and I as degrees and minutes,\n"
"                     H X Y Z F in nT, dD and dI in minutes/yr, dH dX dY dZ dF\n"
"                     in nT/yr (default in file mode)\n"
"  --format csv       a header, then one row per input line (failed ones too):\n"
"                     line, the five fields as given, date, coord, alt_km,\n"
"                     lat_deg, lon_deg, d_deg, i_deg, h_nT, x_nT, y_nT, z_nT,\n"
"                     f_nT, dd_min_per_yr, di_min_per_yr, dh_nT_per_yr,\n"
"                     dx_nT_per_yr, dy_nT_per_yr, dz_nT_per_yr, df_nT_per_yr,\n"
"                     status, message; numbers as %.17g, nan where there is none\n"
"  --format json      an array of objects with the same names; null where\n"
"                     there is no number; a line that could not be split has\n"
"                     \"raw\" instead of the five fields\n"
"  --format text      the readable layout of spot mode (its default; not for\n"
"                     file mode)\n"
"  -h, --help         this text\n"
"\n"
"Secular variation is the one-year difference value(DATE + 1) - value(DATE).\n"
"D and dD are NaN where H < 100 nT; X, Y, D, dX, dY, dD within 0.001 degree\n"
"of a pole. A date or altitude outside the model's range (altitude limits\n"
"from the .COF record for the date, else -1 .. 600 km; for C the radius\n"
"6371.2 km more), a malformed field or latitude beyond 90 fails that line\n"
"only: it is named on standard error as INPUT:LINE: reason, the other lines\n"
"are still computed (csv and json keep a row for it with its status).\n"
"\n"
"Exit status: 0 every point computed; 1 some points failed (each named on\n"
"standard error); 2 usage error, unknown model, unreadable INPUT or\n"
"unwritable OUTPUT.\n";

struct options {
    int format;              /* -1: the mode's default */
    const char *arg[6];
    int nargs;
};

static int usage_error(const char *what, const char *arg)
{
    fprintf(stderr, "tdre-geomag: %s%s%s\nsee tdre-geomag --help\n", what,
            arg ? ": " : "", arg ? arg : "");
    return EXIT_USAGE;
}

/* Options by hand: negative coordinates (-70.3) are arguments, not options. */
static int parse_options(int argc, char **argv, struct options *o)
{
    int only_args = 0;
    memset(o, 0, sizeof *o);
    o->format = -1;
    for (int k = 1; k < argc; k++) {
        const char *a = argv[k], *value = NULL;
        if (!only_args && strcmp(a, "--") == 0) { only_args = 1; continue; }
        if (!only_args && (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0)) {
            fputs(usage_text, stdout);
            return EXIT_ALL_OK;
        }
        if (!only_args && strncmp(a, "--format", 8) == 0 && (a[8] == '=' || a[8] == '\0')) {
            value = a[8] == '=' ? a + 9 : (k + 1 < argc ? argv[++k] : NULL);
            if (!value) return usage_error("--format needs a value", NULL);
            o->format = tdre_geomag_format_from_name(value);
            if (o->format < 0)
                return usage_error("--format takes geomag70, csv, json or text", value);
            continue;
        }
        if (!only_args && a[0] == '-' && a[1] == '-')
            return usage_error("unknown option", a);
        if (o->nargs == 6) return usage_error("too many arguments", a);
        o->arg[o->nargs++] = a;
    }
    return -1;
}

/* where: "INPUT:LINE" or "tdre-geomag". */
static void warn_after_end(const char *where, const tdre_geomag_input *in,
                           const tdre_geomag_model *gm)
{
    fprintf(stderr, "%s: warning: date %s is after the end of model %s: extrapolated, "
            "as geomag70 does for up to a year\n", where, in->text[0],
            tdre_geomag_model_name(gm));
}

static int report_failure(FILE *out, int format, long line, const char *where,
                          const tdre_geomag_row *row, int *first)
{
    fprintf(stderr, "%s:%ld: %s\n", where, line, row->message);
    tdre_geomag_write_row(out, format, row, *first);
    *first = 0;
    return 1;
}

/* One input line; returns 1 when it failed. */
static int process_line(const tdre_geomag_model *gm, FILE *out, int format, const char *path,
                        long lineno, char *line, size_t len, int *first)
{
    char *field[5], err[512], raw[256];
    tdre_geomag_input in;
    tdre_geomag_values v;
    tdre_geomag_row row = { lineno, NULL, raw, NULL, TDRE_GEOMAG_MALFORMED, err };
    int n, rc;
    if (strlen(line) != len) {
        snprintf(err, sizeof err, "the line holds a NUL byte");
        snprintf(raw, sizeof raw, "%s", line);
        return report_failure(out, format, lineno, path, &row, first);
    }
    while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r')) line[--len] = '\0';
    snprintf(raw, sizeof raw, "%s", line);
    n = tdre_geomag_split(line, field, 5);
    if (n == 0) return 0;
    if (n < 5) {
        snprintf(err, sizeof err, "expected DATE COORD ALT LAT LON, found %d field%s", n,
                 n == 1 ? "" : "s");
        return report_failure(out, format, lineno, path, &row, first);
    }
    rc = tdre_geomag_parse_fields(field, &in, err, sizeof err);
    row.in = &in;
    if (rc == TDRE_GEOMAG_OK) rc = tdre_geomag_model_eval(gm, &in, &v, err, sizeof err);
    row.status = rc;
    if (rc != TDRE_GEOMAG_OK) return report_failure(out, format, lineno, path, &row, first);
    if (v.after_end) {
        char where[4200];
        snprintf(where, sizeof where, "%s:%ld", path, lineno);
        warn_after_end(where, &in, gm);
    }
    row.v = &v;
    row.message = NULL;
    tdre_geomag_write_row(out, format, &row, *first);
    *first = 0;
    return 0;
}

/* OUTPUT: a regular file is written beside and renamed; an existing device
 * or pipe (/dev/null, /dev/stdout, a FIFO) is written in place, since a
 * rename would replace it with a regular file. */
typedef struct output {
    tdre_outfile file;
    FILE *direct;
    FILE *fp;
} output;

static int output_open(output *o, const char *path, char *err, size_t errlen)
{
    struct stat st;
    memset(o, 0, sizeof *o);
    if (strcmp(path, "-") != 0 && stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
        o->direct = o->fp = fopen(path, "w");
        if (!o->direct) {
            snprintf(err, errlen, "%s: cannot write: %s", path, strerror(errno));
            return -1;
        }
        return 0;
    }
    if (tdre_outfile_open(&o->file, path, err, errlen)) return -1;
    o->fp = o->file.fp;
    return 0;
}

static int output_commit(output *o, const char *path, char *err, size_t errlen)
{
    if (!o->direct) return tdre_outfile_commit(&o->file, err, errlen);
    if ((ferror(o->direct) | fclose(o->direct)) != 0) {
        snprintf(err, errlen, "%s: write failed: %s", path, strerror(errno));
        return -1;
    }
    return 0;
}

static void output_abort(output *o)
{
    if (o->direct) fclose(o->direct);
    else tdre_outfile_abort(&o->file);
}

static int file_mode(const tdre_geomag_model *gm, int format, const char *in_path,
                     const char *out_path)
{
    FILE *in = fopen(in_path, "r");
    output out;
    char err[512], *line = NULL;
    size_t cap = 0;
    ssize_t got;
    long lineno = 0, failed = 0;
    int first = 1, read_error;
    if (!in) {
        fprintf(stderr, "tdre-geomag: %s: cannot read: %s\n", in_path, strerror(errno));
        return EXIT_USAGE;
    }
    if (output_open(&out, out_path, err, sizeof err)) {
        fprintf(stderr, "tdre-geomag: %s\n", err);
        fclose(in);
        return EXIT_USAGE;
    }
    tdre_geomag_write_begin(out.fp, format);
    errno = 0;
    while ((got = getline(&line, &cap, in)) >= 0) {
        char *text = line;
        /* A UTF-8 byte-order mark before the first line is not part of it. */
        if (lineno == 0 && got >= 3 && memcmp(line, "\xEF\xBB\xBF", 3) == 0) {
            text += 3;
            got -= 3;
        }
        failed += process_line(gm, out.fp, format, in_path, ++lineno, text, (size_t)got, &first);
    }
    read_error = ferror(in);
    if (read_error)
        fprintf(stderr, "tdre-geomag: %s: read error after line %ld: %s\n", in_path, lineno,
                strerror(errno));
    free(line);
    fclose(in);
    if (read_error) {
        output_abort(&out);
        return EXIT_USAGE;
    }
    tdre_geomag_write_end(out.fp, format);
    if (output_commit(&out, out_path, err, sizeof err)) {
        fprintf(stderr, "tdre-geomag: %s\n", err);
        return EXIT_USAGE;
    }
    if (failed)
        fprintf(stderr, "tdre-geomag: %ld of %ld lines of %s failed\n", failed, lineno, in_path);
    return failed ? EXIT_SOME_FAILED : EXIT_ALL_OK;
}

static int spot_mode(const tdre_geomag_model *gm, int format, char *const field[5])
{
    tdre_geomag_input in;
    tdre_geomag_values v;
    char err[512];
    int rc = tdre_geomag_parse_fields(field, &in, err, sizeof err);
    tdre_geomag_row row = { 1, &in, NULL, &v, TDRE_GEOMAG_OK, NULL };
    if (rc == TDRE_GEOMAG_OK) rc = tdre_geomag_model_eval(gm, &in, &v, err, sizeof err);
    if (rc != TDRE_GEOMAG_OK) {
        fprintf(stderr, "tdre-geomag: %s\n", err);
        if (format == TDRE_GEOMAG_OUT_TEXT || format == TDRE_GEOMAG_OUT_GEOMAG70)
            return EXIT_SOME_FAILED;
        row.v = NULL;
        row.status = rc;
        row.message = err;
    }
    if (rc == TDRE_GEOMAG_OK && v.after_end) warn_after_end("tdre-geomag", &in, gm);
    if (format == TDRE_GEOMAG_OUT_TEXT) {
        tdre_geomag_write_text(stdout, tdre_geomag_model_name(gm), &in, &v);
    } else {
        tdre_geomag_write_begin(stdout, format);
        tdre_geomag_write_row(stdout, format, &row, 1);
        tdre_geomag_write_end(stdout, format);
    }
    if (fflush(stdout) != 0) {
        fprintf(stderr, "tdre-geomag: standard output: %s\n", strerror(errno));
        return EXIT_USAGE;
    }
    return rc == TDRE_GEOMAG_OK ? EXIT_ALL_OK : EXIT_SOME_FAILED;
}

int main(int argc, char **argv)
{
    struct options o;
    tdre_geomag_model *gm;
    char err[512];
    int file, rc = parse_options(argc, argv, &o);
    if (rc >= 0) return rc;
    file = o.nargs == 4 && (strcmp(o.arg[1], "f") == 0 || strcmp(o.arg[1], "F") == 0);
    if (!file && o.nargs != 6)
        return usage_error(o.nargs == 4 ? "file mode is MODEL f INPUT OUTPUT"
                                        : "expected MODEL DATE COORD ALT LAT LON or MODEL f INPUT OUTPUT "
                                          "(no interactive mode)", NULL);
    if (file && o.format == TDRE_GEOMAG_OUT_TEXT)
        return usage_error("--format text is for spot mode", NULL);
    if (tdre_geomag_model_open(o.arg[0], &gm, err, sizeof err) != TDRE_OK) {
        fprintf(stderr, "tdre-geomag: model %s: %s\n", o.arg[0], err);
        return EXIT_USAGE;
    }
    if (file) {
        rc = file_mode(gm, o.format < 0 ? TDRE_GEOMAG_OUT_GEOMAG70 : o.format, o.arg[2], o.arg[3]);
    } else {
        char *field[5];
        for (int k = 0; k < 5; k++) field[k] = (char *)o.arg[k + 1];
        rc = spot_mode(gm, o.format < 0 ? TDRE_GEOMAG_OUT_TEXT : o.format, field);
    }
    tdre_geomag_model_free(gm);
    return rc;
}
