/*
 * vectors.c: `tdre-gen vectors`, the command line of the vector generator.
 *
 * Parses the flags into a set configuration (vectors_set.h), picks this
 * shard's contiguous slice of the set's rows and streams them out
 * (vectors_out.h). Usage errors exit 2, output errors 1.
 */
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "gen.h"
#include "vectors_out.h"
#include "vectors_set.h"

#define PROG "tdre-gen vectors"
#define DEFAULT_COUNT 100000
#define MAX_COUNT UINT64_C(1000000000000000)  /* 1e15 */
#define MAX_MAGNITUDE 1e9                      /* any number given in a flag */
#define MIN_GEODETIC (-1000.0)                 /* km; deeper means nothing here */

static const char help_text[] =
    "usage: tdre-gen vectors [options]\n"
    "\n"
    "Writes test vectors for IGRF11SYN as CSV (the input of tdre-eval):\n"
    "  isv,date,itype,alt,colat,elong\n"
    "then one row per vector: isv 0|1, date (decimal year), itype 1|2, alt (km:\n"
    "height above the WGS84 spheroid for itype 1, radius from the Earth's centre\n"
    "for itype 2), colat (degrees 0..180), elong (east longitude, degrees\n"
    "-180..360). Doubles are printed as printf(\"%.17g\"), so they read back to\n"
    "the same bits. Rows come in order: edges, grid, random (uniform half, then\n"
    "stratified half). The same options give the same bytes on every run and\n"
    "machine; memory does not grow with --count.\n"
    "\n"
    "options:\n"
    "  --count N            rows of the grid and random families together\n"
    "                       (default 100000, at most 1e15). With both, the grid\n"
    "                       is the largest lattice of at most N/2 points and\n"
    "                       random fills the rest exactly; grid alone is the\n"
    "                       largest lattice of at most N points. The edges\n"
    "                       family is not counted: it is always written in full.\n"
    "  --seed S             seed, an integer 0..2^64-1 (default 1)\n"
    "  --model M            igrf11 | igrf12 | igrf13 | igrf14 (default igrf11):\n"
    "                       the date range of random and grid rows (igrf11 and\n"
    "                       igrf12 1900:2020, igrf13 1900:2025, igrf14 1900:2030)\n"
    "                       and the epochs and out-of-range dates of the edges\n"
    "  --dates A:B          date range of random and grid rows (default: the\n"
    "                       model's)\n"
    "  --alt-geodetic A:B   itype 1 heights, km (default -10:1000, A >= -1000)\n"
    "  --radius-geocentric A:B\n"
    "                       itype 2 radii, km (default 3485:42200, A > 0)\n"
    "  --isv-mix P          probability that a random or grid row has isv 1\n"
    "                       (default 0.5)\n"
    "  --itype-mix P        probability that a random or grid row has itype 2\n"
    "                       (default 0.5)\n"
    "  --families LIST      comma-separated subset of random,grid,edges\n"
    "                       (default random,grid,edges)\n"
    "  --shard I/N          write only part I (0-based) of N disjoint contiguous\n"
    "                       parts of the rows (default 0/1); every part has the\n"
    "                       header, and the parts' rows in order 0..N-1 are\n"
    "                       exactly the rows of the unsharded set\n"
    "  -o, --output FILE    write FILE (written beside it, then renamed; a\n"
    "                       device such as /dev/null is written in place)\n"
    "                       instead of standard output (FILE - is standard\n"
    "                       output)\n"
    "  --stats              print rows, seconds and rows/s to standard error\n"
    "  -h, --help           print this help and exit 0\n"
    "\n"
    "Ranges A:B are closed, with A <= B; numbers are finite with magnitude at\n"
    "most 1e9. Edges (fixed, see docs/vectors.md): every 5-year epoch of the\n"
    "model and epoch +-1e-9, 1e-7, 1e-6, 1e-5; two dates below and two above the\n"
    "model's range; colatitude 0, 90, 180; longitude -180, 0, 360; itype 1\n"
    "heights -10, 0, 35786 km; itype 2 radii 3485, 6371.2, 42164 km; isv 0 and\n"
    "1; all combinations.\n"
    "Exit status: 0 done, 1 output error (no file left), 2 bad usage.\n";

typedef struct options {
    tdre_vset_config cfg;
    int dates_given;
    uint64_t shard, shards;
    const char *output;
    int stats, help;
} options;

/* ---- parsing values --------------------------------------------------- */

static int fail(char *err, size_t errlen, const char *flag, const char *value,
                const char *what)
{
    snprintf(err, errlen, "%s: '%s' %s", flag, value, what);
    return -1;
}

static int parse_u64(const char *s, uint64_t max, uint64_t *out)
{
    if (*s < '0' || *s > '9')
        return -1;
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (*end != '\0' || errno == ERANGE || v > max)
        return -1;
    *out = (uint64_t)v;
    return 0;
}

static int parse_number(const char *s, double *out)
{
    char *end;
    double v = strtod(s, &end);
    if (end == s || *end != '\0' || !(v >= -MAX_MAGNITUDE && v <= MAX_MAGNITUDE))
        return -1;
    *out = v;
    return 0;
}

static int parse_range(const char *flag, const char *s, tdre_vrange *r, char *err,
                       size_t errlen)
{
    const char *colon = strchr(s, ':');
    char lo[64];
    if (!colon || (size_t)(colon - s) >= sizeof lo)
        return fail(err, errlen, flag, s, "is not a range A:B");
    memcpy(lo, s, (size_t)(colon - s));
    lo[colon - s] = '\0';
    if (parse_number(lo, &r->lo) != 0 || parse_number(colon + 1, &r->hi) != 0)
        return fail(err, errlen, flag, s, "is not a range A:B of finite numbers");
    if (r->lo > r->hi)
        return fail(err, errlen, flag, s, "is an empty range (A > B)");
    return 0;
}

/* ---- one function per flag ------------------------------------------ */

static int set_count(options *o, const char *v, char *err, size_t errlen)
{
    if (parse_u64(v, MAX_COUNT, &o->cfg.count) != 0)
        return fail(err, errlen, "--count", v, "is not an integer 0..1e15");
    return 0;
}

static int set_seed(options *o, const char *v, char *err, size_t errlen)
{
    if (parse_u64(v, UINT64_MAX, &o->cfg.seed) != 0)
        return fail(err, errlen, "--seed", v, "is not an integer 0..2^64-1");
    return 0;
}

static int set_model(options *o, const char *v, char *err, size_t errlen)
{
    o->cfg.model = tdre_vset_model(v);
    if (!o->cfg.model)
        return fail(err, errlen, "--model", v, "is not igrf11, igrf12, igrf13 or igrf14");
    return 0;
}

static int set_dates(options *o, const char *v, char *err, size_t errlen)
{
    o->dates_given = 1;
    return parse_range("--dates", v, &o->cfg.dates, err, errlen);
}

static int set_alt_geodetic(options *o, const char *v, char *err, size_t errlen)
{
    if (parse_range("--alt-geodetic", v, &o->cfg.alt_geodetic, err, errlen) != 0)
        return -1;
    if (o->cfg.alt_geodetic.lo < MIN_GEODETIC)
        return fail(err, errlen, "--alt-geodetic", v, "goes below -1000 km");
    return 0;
}

static int set_radius_geocentric(options *o, const char *v, char *err, size_t errlen)
{
    if (parse_range("--radius-geocentric", v, &o->cfg.radius_geocentric, err, errlen) != 0)
        return -1;
    if (!(o->cfg.radius_geocentric.lo > 0.0))
        return fail(err, errlen, "--radius-geocentric", v, "includes radii <= 0");
    return 0;
}

static int set_fraction(const char *flag, const char *v, double *out, char *err,
                        size_t errlen)
{
    if (parse_number(v, out) != 0 || *out < 0.0 || *out > 1.0)
        return fail(err, errlen, flag, v, "is not a number 0..1");
    return 0;
}

static int set_isv_mix(options *o, const char *v, char *err, size_t errlen)
{
    return set_fraction("--isv-mix", v, &o->cfg.isv_mix, err, errlen);
}

static int set_itype_mix(options *o, const char *v, char *err, size_t errlen)
{
    return set_fraction("--itype-mix", v, &o->cfg.itype_mix, err, errlen);
}

static unsigned family_bit(const char *name, size_t len)
{
    static const struct {
        const char *name;
        unsigned bit;
    } names[] = {{"random", TDRE_VFAM_RANDOM}, {"grid", TDRE_VFAM_GRID}, {"edges", TDRE_VFAM_EDGES}};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strlen(names[i].name) == len && strncmp(names[i].name, name, len) == 0)
            return names[i].bit;
    return 0;
}

static int set_families(options *o, const char *v, char *err, size_t errlen)
{
    unsigned fam = 0;
    for (const char *p = v;; p++) {
        const char *end = strchr(p, ',');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        unsigned bit = family_bit(p, len);
        if (!bit)
            return fail(err, errlen, "--families", v,
                        "is not a comma-separated list of random, grid, edges");
        fam |= bit;
        if (!end)
            break;
        p = end;
    }
    o->cfg.families = fam;
    return 0;
}

static int set_shard(options *o, const char *v, char *err, size_t errlen)
{
    const char *slash = strchr(v, '/');
    char first[32];
    if (slash && (size_t)(slash - v) < sizeof first) {
        memcpy(first, v, (size_t)(slash - v));
        first[slash - v] = '\0';
        if (parse_u64(first, UINT64_MAX, &o->shard) == 0 &&
            parse_u64(slash + 1, UINT64_MAX, &o->shards) == 0 && o->shards >= 1 &&
            o->shard < o->shards)
            return 0;
    }
    return fail(err, errlen, "--shard", v, "is not I/N with 0 <= I < N");
}

static int set_output(options *o, const char *v, char *err, size_t errlen)
{
    if (*v == '\0')
        return fail(err, errlen, "--output", v, "is not a file name");
    o->output = strcmp(v, "-") == 0 ? NULL : v;
    return 0;
}

typedef int (*flag_setter)(options *, const char *, char *, size_t);

static const struct flag {
    const char *name;
    flag_setter set; /* NULL: a switch without value */
    size_t offset;   /* of the int a switch turns on */
} flags[] = {
    {"--count", set_count, 0},
    {"--seed", set_seed, 0},
    {"--model", set_model, 0},
    {"--dates", set_dates, 0},
    {"--alt-geodetic", set_alt_geodetic, 0},
    {"--radius-geocentric", set_radius_geocentric, 0},
    {"--isv-mix", set_isv_mix, 0},
    {"--itype-mix", set_itype_mix, 0},
    {"--families", set_families, 0},
    {"--shard", set_shard, 0},
    {"--output", set_output, 0},
    {"-o", set_output, 0},
    {"--stats", NULL, offsetof(options, stats)},
    {"--help", NULL, offsetof(options, help)},
    {"-h", NULL, offsetof(options, help)},
};

static const struct flag *find_flag(const char *arg, size_t len)
{
    for (size_t i = 0; i < sizeof flags / sizeof flags[0]; i++)
        if (strlen(flags[i].name) == len && strncmp(flags[i].name, arg, len) == 0)
            return &flags[i];
    return NULL;
}

static void set_defaults(options *o)
{
    memset(o, 0, sizeof *o);
    o->cfg.model = tdre_vset_model("igrf11");
    o->cfg.alt_geodetic = (tdre_vrange){-10.0, 1000.0};
    o->cfg.radius_geocentric = (tdre_vrange){3485.0, 42200.0};
    o->cfg.isv_mix = 0.5;
    o->cfg.itype_mix = 0.5;
    o->cfg.families = TDRE_VFAM_ALL;
    o->cfg.count = DEFAULT_COUNT;
    o->cfg.seed = 1;
    o->shards = 1;
}

/* One argument (and its value, which may be the next argument or follow
 * '='); returns how many arguments it used, or -1. */
static int parse_one(options *o, int argc, char **argv, int i, char *err, size_t errlen)
{
    const char *arg = argv[i];
    const char *eq = strncmp(arg, "--", 2) == 0 ? strchr(arg, '=') : NULL;
    const struct flag *f = find_flag(arg, eq ? (size_t)(eq - arg) : strlen(arg));
    if (!f) {
        snprintf(err, errlen, "unknown option '%s'", arg);
        return -1;
    }
    if (!f->set) {
        if (eq) {
            snprintf(err, errlen, "%s takes no value", f->name);
            return -1;
        }
        *(int *)((char *)o + f->offset) = 1;
        return 1;
    }
    if (eq)
        return f->set(o, eq + 1, err, errlen) == 0 ? 1 : -1;
    if (i + 1 >= argc) {
        snprintf(err, errlen, "%s needs a value", f->name);
        return -1;
    }
    return f->set(o, argv[i + 1], err, errlen) == 0 ? 2 : -1;
}

static int parse_options(options *o, int argc, char **argv, char *err, size_t errlen)
{
    set_defaults(o);
    for (int i = 1; i < argc;) {
        int used = parse_one(o, argc, argv, i, err, errlen);
        if (used < 0)
            return -1;
        i += used;
    }
    if (!o->dates_given)
        o->cfg.dates = (tdre_vrange){o->cfg.model->first, o->cfg.model->last};
    return 0;
}

/* ---- running ---------------------------------------------------------- */

/* Rows [*lo, *hi) of total: N nearly equal contiguous parts in order. */
static void shard_slice(uint64_t total, uint64_t shard, uint64_t shards, uint64_t *lo,
                        uint64_t *hi)
{
    uint64_t q = total / shards, r = total % shards;
    *lo = shard * q + (shard < r ? shard : r);
    *hi = *lo + q + (shard < r ? 1 : 0);
}

static double seconds_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static void print_stats(uint64_t rows, double seconds)
{
    double rate = seconds > 0.0 ? (double)rows / seconds : 0.0;
    fprintf(stderr, PROG ": %llu rows in %.3f s: %.0f rows/s (%.2f x the 1e6 rows/s floor)\n",
            (unsigned long long)rows, seconds, rate, rate / 1e6);
}

static int write_rows(const options *o, char *err, size_t errlen)
{
    double start = seconds_now();
    tdre_vset set;
    tdre_vset_plan(&set, &o->cfg);
    uint64_t lo, hi;
    shard_slice(set.total, o->shard, o->shards, &lo, &hi);

    tdre_vout *out = tdre_vout_open(o->output, err, errlen);
    if (!out)
        return -1;
    tdre_vout_header(out);
    tdre_vrow v;
    for (uint64_t i = lo; i < hi; i++) {
        tdre_vset_row(&set, i, &v);
        tdre_vout_row(out, &v);
    }
    if (tdre_vout_close(out, err, errlen) != 0)
        return -1;
    if (o->stats)
        print_stats(hi - lo, seconds_now() - start);
    return 0;
}

int tdre_gen_vectors_main(int argc, char **argv)
{
    options o;
    char err[512];
    if (parse_options(&o, argc, argv, err, sizeof err) != 0) {
        fprintf(stderr, PROG ": %s (see " PROG " --help)\n", err);
        return 2;
    }
    if (o.help) {
        fputs(help_text, stdout);
        return fflush(stdout) == 0 ? 0 : 1;
    }
    if (write_rows(&o, err, sizeof err) != 0) {
        fprintf(stderr, PROG ": %s\n", err);
        return 1;
    }
    return 0;
}
