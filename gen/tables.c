/*
 * tables.c: `tdre-gen tables`, coefficient file -> generated C / Fortran.
 *
 * The whole output is built in memory and checked before anything is
 * written, so a failure never leaves a file behind; -o writes beside the
 * target and renames. See docs/tables.md and `tdre-gen tables --help`.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "coeffio.h"
#include "gen.h"
#include "tables_parts.h"
#include "tdre.h"

static const char help_text[] =
    "usage: tdre-gen tables --format KIND --name NAME [options] COEFFICIENT-FILE\n"
    "\n"
    "Reads a coefficient file (NOAA table, SHC or geomag70 COF; see docs/tables.md)\n"
    "and writes generated source to standard output, or to FILE with -o (written\n"
    "beside FILE, then renamed over it: never half written; nothing is written\n"
    "when generation fails).\n"
    "\n"
    "KIND:\n"
    "  c        phase 2 table: const tdre_coeffs tdre_table_NAME = {...};\n"
    "           per-epoch g[n][m], h[n][m], SV, name, epochs, nmax per epoch,\n"
    "           validity range; values as the shortest decimal that reads back\n"
    "           to the same double.\n"
    "  gh-c     legacy packed GH layout (igrf11.f) as a C array\n"
    "           const double tdre_NAME_gh[SIZE] = { -31543.f, ... };\n"
    "  gh-f77   the same layout as Fortran 77 fixed-form declarations of\n"
    "           DOUBLE PRECISION GH(SIZE) and EQUIVALENCEd pieces G<year>(...),\n"
    "           S<year>(...) (SV), with DATA statements of default-REAL literals.\n"
    "           The packed layout needs epochs 1900, 1905, ... (degree <= 10 before\n"
    "           1995, <= 13 from 1995) and SV: one block per epoch (120 values\n"
    "           before 1995, 195 from 1995), one SV block of 195, one final 0.\n"
    "\n"
    "Options:\n"
    "  --format KIND        c, gh-c or gh-f77 (required)\n"
    "  --name NAME          lower-case identifier, e.g. igrf11 (required); the\n"
    "                       model's name field is NAME in upper case\n"
    "  --input-format F     auto (default), noaa, shc or cof\n"
    "  --sv-from-last       treat the last epoch as a prediction: drop it and set\n"
    "                       SV = (last - previous) / (interval in years), rounded\n"
    "                       to the decimals of those two columns (SHC files carry\n"
    "                       no SV column); valid_to becomes the dropped epoch\n"
    "  --shared DIR         DIR is the shared data directory: an input path under\n"
    "                       it is named ../shared/... in the generated header, so\n"
    "                       the output does not depend on where the data lives\n"
    "  -o FILE              write to FILE (atomically) instead of standard output\n"
    "  -h, --help           this text\n"
    "\n"
    "Every generated file starts with a comment naming the command that makes it\n"
    "(run from the repository root, output on standard output) and 'do not edit'.\n"
    "Every coefficient is checked to satisfy strtof(d) == (float)strtod(d) for its\n"
    "decimal d, so that C float literals, Fortran REAL literals and (float) of the\n"
    "double agree; generation fails loudly otherwise.\n"
    "\n"
    "Exit status: 0 ok, 1 bad input or write failure, 2 usage error.\n";

typedef struct {
    const char *format;
    const char *name;
    int input_format;
    int sv_from_last;
    const char *shared;
    const char *output;
    const char *input;
} options;

static int usage_error(const char *msg, const char *arg)
{
    fprintf(stderr, "tdre-gen tables: %s%s%s\n", msg, arg ? " " : "", arg ? arg : "");
    fputs("usage: tdre-gen tables --format c|gh-c|gh-f77 --name NAME [options] FILE"
          " (see --help)\n", stderr);
    return 2;
}

static int valid_name(const char *s)
{
    if (!s || !*s || strlen(s) >= TDRE_COEFFS_NAMELEN || !(*s >= 'a' && *s <= 'z'))
        return 0;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_'))
            return 0;
    return 1;
}

/* Returns -1 to go on, else the exit status. */
static int parse_options(int argc, char **argv, options *o)
{
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char **value = NULL;
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            fputs(help_text, stdout);
            return 0;
        } else if (strcmp(a, "--sv-from-last") == 0) {
            o->sv_from_last = 1;
            continue;
        } else if (strcmp(a, "--format") == 0) {
            value = &o->format;
        } else if (strcmp(a, "--name") == 0) {
            value = &o->name;
        } else if (strcmp(a, "--shared") == 0) {
            value = &o->shared;
        } else if (strcmp(a, "-o") == 0) {
            value = &o->output;
        } else if (strcmp(a, "--input-format") == 0) {
            if (++i == argc)
                return usage_error("missing value after", a);
            o->input_format = tdre_coeffs_format_from_name(argv[i]);
            if (o->input_format < 0)
                return usage_error("unknown input format", argv[i]);
            continue;
        } else if (a[0] == '-' && a[1] != '\0') {
            return usage_error("unknown option", a);
        } else {
            if (o->input)
                return usage_error("more than one input file:", a);
            o->input = a;
            continue;
        }
        if (++i == argc)
            return usage_error("missing value after", a);
        *value = argv[i];
    }
    if (!o->format || (strcmp(o->format, "c") != 0 && strcmp(o->format, "gh-c") != 0
                       && strcmp(o->format, "gh-f77") != 0))
        return usage_error("--format must be c, gh-c or gh-f77", NULL);
    if (!valid_name(o->name))
        return usage_error("--name must be a lower-case C identifier", NULL);
    if (!o->input)
        return usage_error("no input file", NULL);
    return -1;
}

/* The command recorded in the header: canonical option order, no -o, and
 * the input named relative to the repository when it lies under --shared. */
static void recorded_command(const options *o, char *buf, size_t len)
{
    const char *in = o->input;
    char relabelled[1024];
    size_t sl = o->shared ? strlen(o->shared) : 0;
    while (sl > 1 && o->shared[sl - 1] == '/')
        sl--;
    if (sl > 0 && strncmp(in, o->shared, sl) == 0 && in[sl] == '/') {
        snprintf(relabelled, sizeof relabelled, "../shared%s", in + sl);
        in = relabelled;
    }
    snprintf(buf, len, "tdre-gen tables --format %s --name %s%s%s%s %s", o->format, o->name,
             o->input_format ? " --input-format " : "",
             o->input_format ? tdre_coeffs_format_name(o->input_format) : "",
             o->sv_from_last ? " --sv-from-last" : "", in);
}

static int generate(const options *o, const tdre_coeffs *c, const char *command, outbuf *out,
                    char *err, size_t errlen)
{
    if (strcmp(o->format, "c") == 0)
        return tables_emit_c(out, c, o->name, command, err, errlen);
    double *gh = NULL;
    int size = 0;
    int rc = tables_pack_legacy(c, &gh, &size, err, errlen);
    if (rc == 0)
        rc = strcmp(o->format, "gh-c") == 0
                 ? tables_emit_gh_c(out, c, gh, size, o->name, command, err, errlen)
                 : tables_emit_gh_f77(out, c, gh, size, command, err, errlen);
    free(gh);
    return rc;
}

int tdre_gen_tables_main(int argc, char **argv)
{
    options o = { 0 };
    int status = parse_options(argc, argv, &o);
    if (status >= 0)
        return status;
    static tdre_coeffs model;
    char err[512];
    int rc = tdre_coeffs_read(o.input, o.input_format, &model, err, sizeof err);
    if (rc == 0 && o.sv_from_last)
        rc = tables_sv_from_last(&model, o.input, err, sizeof err);
    if (rc == 0) {
        size_t k = 0;
        for (; o.name[k] && k + 1 < sizeof model.name; k++)
            model.name[k] = (char)(o.name[k] >= 'a' && o.name[k] <= 'z' ? o.name[k] - 32 : o.name[k]);
        model.name[k] = '\0';
    }
    char command[1400];
    recorded_command(&o, command, sizeof command);
    outbuf out = { 0 };
    if (rc == 0)
        rc = generate(&o, &model, command, &out, err, sizeof err);
    if (rc == 0 && out.failed) {
        snprintf(err, sizeof err, "out of memory");
        rc = TDRE_ENOMEM;
    }
    if (rc == 0)
        rc = outbuf_write(&out, o.output, err, sizeof err);
    free(out.text);
    if (rc != 0) {
        fprintf(stderr, "tdre-gen tables: %s\n", err);
        return 1;
    }
    return 0;
}
