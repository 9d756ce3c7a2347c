/*
 * tdre-eval: runs one implementation of IGRF11SYN over a vector file.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "capture.h"
#include "impl.h"
#include "oracle.h"
#include "outfile.h"
#include "phase1.h"
#include "vecio.h"

#define BATCH 4096

static const char usage_text[] =
"usage: tdre-eval --impl NAME [--model MODEL] [-o OUTPUT] [--messages MODE] [FILE|-]\n"
"\n"
"Evaluates the geomagnetic field for every row of a vector file with one\n"
"implementation and writes the results as CSV.\n"
"\n"
"  --impl NAME       oracle (legacy Fortran), phase1 (literal C port),\n"
"                    phase2 (library, exact profile), phase2-legacy\n"
"                    (library, legacy profile)\n"
"  --model MODEL     igrf11 (default), igrf12, igrf13, igrf14, or the path of\n"
"                    a coefficient file (NOAA table, SHC, geomag70 COF);\n"
"                    oracle and phase1 know igrf11 only\n"
"  -o, --output F    write to F (whole or not at all) instead of standard output\n"
"  --messages MODE   the legacy unit-6 messages (oracle, phase1): 'summary'\n"
"                    (default: count them, one line on standard error at the\n"
"                    end) or 'stderr' (copy them to standard error)\n"
"  -h, --help        this text\n"
"\n"
"Input: CSV whose header names at least isv,date,itype,alt,colat,elong (any\n"
"order; other columns ignored). isv 0 main field, 1 secular variation;\n"
"date decimal year; itype 1 geodetic (alt km above the WGS84 spheroid) or\n"
"2 geocentric (alt = radius, km); colat and elong in degrees. CRLF line ends\n"
"and a UTF-8 byte-order mark are accepted; blank lines are skipped.\n"
"\n"
"Output: header isv,date,itype,alt,colat,elong,x,y,z,f then one row per\n"
"input row, every double as %.17g (reads back to the same bits). x, y, z are\n"
"north, east, down in nT (nT/yr when isv = 1), f total intensity. oracle and\n"
"phase1 answer as the legacy program: a date outside 1900..2020 gives\n"
"x = y = z = 0, f = 1e8. phase2 outputs add a last column status: 'ok', or\n"
"the reason the row has no value (e.g. date-out-of-range), with x..f nan.\n"
"\n"
"Exit status: 0 all rows evaluated; 1 some rows malformed or not evaluable\n"
"(each named on standard error with file and line; the other rows are still\n"
"written); 2 usage error, unreadable input or unwritable output.\n";

struct options {
    const char *impl, *model, *output, *input;
    int copy_messages;
};

static int parse_options(int argc, char **argv, struct options *o)
{
    static const struct option longopts[] = {
        { "impl", required_argument, NULL, 'i' },
        { "model", required_argument, NULL, 'm' },
        { "output", required_argument, NULL, 'o' },
        { "messages", required_argument, NULL, 'M' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 }
    };
    int c;
    memset(o, 0, sizeof *o);
    o->output = "-";
    while ((c = getopt_long(argc, argv, "o:h", longopts, NULL)) != -1) {
        switch (c) {
        case 'i': o->impl = optarg; break;
        case 'm': o->model = optarg; break;
        case 'o': o->output = optarg; break;
        case 'M':
            if (strcmp(optarg, "stderr") == 0) o->copy_messages = 1;
            else if (strcmp(optarg, "summary") != 0) {
                fprintf(stderr, "tdre-eval: --messages takes 'summary' or 'stderr', not '%s'\n", optarg);
                return 2;
            }
            break;
        case 'h': fputs(usage_text, stdout); return 0;
        default: fputs("tdre-eval: see tdre-eval --help\n", stderr); return 2;
        }
    }
    if (optind < argc) o->input = argv[optind++];
    if (optind < argc) {
        fprintf(stderr, "tdre-eval: one input file at most ('%s' is extra)\n", argv[optind]);
        return 2;
    }
    if (!o->input) o->input = "-";
    if (!o->impl) {
        fputs("tdre-eval: --impl is required (oracle, phase1, phase2, phase2-legacy)\n", stderr);
        return 2;
    }
    return -1;
}

/* Evaluates and writes one batch; counts rows that have no value. */
static size_t flush_batch(tdre_impl *impl, FILE *out, const tdre_vector *in,
                          tdre_result *res, size_t n, int with_status)
{
    size_t failed = tdre_impl_eval(impl, in, res, n);
    for (size_t i = 0; i < n; i++)
        tdre_csv_write_row(out, &in[i], &res[i], with_status);
    return failed;
}

static void summarise_messages(const char *impl, long lines, const char *first)
{
    if (lines > 0)
        fprintf(stderr, "tdre-eval: %s wrote %ld line%s of legacy messages (first: \"%s\")\n",
                impl, lines, lines == 1 ? "" : "s", first);
}

int main(int argc, char **argv)
{
    struct options o;
    char err[512], first[256];
    tdre_impl *impl;
    tdre_csv *csv;
    tdre_outfile of;
    FILE *real_stdout;
    static tdre_vector in[BATCH];
    static tdre_result res[BATCH];
    size_t n = 0, rows = 0, unevaluated = 0;
    long bad = 0, messages;
    int r, status, with_status;

    if ((status = parse_options(argc, argv, &o)) >= 0) return status;
    if (!(impl = tdre_impl_open(o.impl, o.model, err, sizeof err))) {
        fprintf(stderr, "tdre-eval: %s\n", err);
        return 2;
    }
    with_status = tdre_impl_has_status(impl);
    /* Legacy messages leave through descriptor 1: divert it before any. */
    if (!(real_stdout = tdre_capture_begin(o.copy_messages))) {
        perror("tdre-eval: cannot divert legacy messages");
        return 2;
    }
    tdre_phase1_messages = stdout;
    if (!(csv = tdre_csv_open(o.input, err, sizeof err)) ||
        tdre_csv_header(csv, 0, err, sizeof err) != 0) {
        fprintf(stderr, "tdre-eval: %s\n", err);
        return 2;
    }
    if (strcmp(o.output, "-") == 0) {
        memset(&of, 0, sizeof of);
        of.fp = real_stdout;
    } else if (tdre_outfile_open(&of, o.output, err, sizeof err) != 0) {
        fprintf(stderr, "tdre-eval: %s\n", err);
        return 2;
    }
    tdre_csv_write_header(of.fp, with_status);
    while ((r = tdre_csv_next(csv, &in[n], NULL, err, sizeof err)) != 0) {
        if (r < 0) {
            fprintf(stderr, "tdre-eval: %s\n", err);
            bad++;
            if (r == -2) break;
            continue;
        }
        if (++n == BATCH) {
            unevaluated += flush_batch(impl, of.fp, in, res, n, with_status);
            rows += n;
            n = 0;
        }
    }
    unevaluated += flush_batch(impl, of.fp, in, res, n, with_status);
    rows += n;
    tdre_csv_close(csv);
    messages = tdre_capture_end(tdre_oracle_flush, first, sizeof first);
    if (!o.copy_messages) summarise_messages(tdre_impl_name(impl), messages, first);
    tdre_impl_close(impl);
    if (tdre_outfile_commit(&of, err, sizeof err) != 0) {
        fprintf(stderr, "tdre-eval: %s\n", err);
        return 2;
    }
    if (bad || unevaluated)
        fprintf(stderr, "tdre-eval: %zu rows written, %ld malformed rows skipped, %zu rows without a value\n",
                rows, bad, unevaluated);
    return bad || unevaluated ? 1 : 0;
}
