/*
 * tdre-verify: compares implementations of IGRF11SYN on a vector set and
 * says whether each pair agrees as its tolerance demands (docs/verify.md).
 */
#include <errno.h>
#include <getopt.h>
#include <libgen.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "outfile.h"
#include "verify.h"

#ifndef TDRE_VERIFY_TOLERANCES
#define TDRE_VERIFY_TOLERANCES "tools/verify/tolerances.conf"
#endif
#ifndef TDRE_VERIFY_SHARED
#define TDRE_VERIFY_SHARED "../shared"
#endif

static const char usage_text[] =
"usage: tdre-verify [options]                 compare on one vector set\n"
"       tdre-verify merge [options] STATS...  add up saved statistics\n"
"\n"
"Runs implementations of IGRF11SYN on the same rows (or reads their result\n"
"files), pairs the rows by input, computes per component the differences'\n"
"statistics, and judges every pair against its tolerance. Prints a report;\n"
"exit status 0 only when every comparison holds.\n"
"\n"
"What to compare:\n"
"  --impl NAME         run an implementation: oracle, phase1, phase2,\n"
"                      phase2-legacy (repeatable)\n"
"  --results [L=]FILE  a result file (tdre-eval output), labelled L (default:\n"
"                      its base name without .csv); at most two. Without\n"
"                      --input the first one also gives the rows.\n"
"  --pairs A:B,...     comparisons to make (default: the first source against\n"
"                      each other one, in the order given)\n"
"  --model MODEL       model for the implementations and the generator\n"
"  --tolerances FILE   tolerance file (default: the one in the source tree)\n"
"\n"
"Rows (default: generated):\n"
"  --input FILE        a vector (or result) file giving the rows\n"
"  --count N           generate N rows of the random and grid families with\n"
"                      tdre-gen vectors, plus the edge family (default 100000)\n"
"  --seed S            generator seed (default 1)\n"
"  --shard I/N         only part I (0-based) of N of the generated rows\n"
"  --families LIST     generator families (default random,grid,edges)\n"
"  --gen PATH          the generator (default: tdre-gen beside tdre-verify)\n"
"\n"
"Report:\n"
"  --section NAME      name of this run's vector set in the report (default\n"
"                      'vectors')\n"
"  --derived           also H, D, I for main-field rows\n"
"  --map A:B           keep a world map of where A and B differ most\n"
"  --geomag            check geomag70's published samples with tdre-geomag\n"
"  --geomag-bin PATH   tdre-geomag (default: beside tdre-verify)\n"
"  --shared DIR        the shared data (default $TDRE_SHARED or the build's)\n"
"  --json FILE         write the report as JSON too\n"
"  --html FILE         write an HTML page (and PNG plots beside it, gnuplot)\n"
"  --save-stats FILE   save the statistics for 'tdre-verify merge'\n"
"  --quiet             no text report (with --save-stats)\n"
"  --not-run TEXT      name a part that could not be run (the verdict is\n"
"                      then INCOMPLETE, exit status 3)\n"
"  --allow-incomplete  exit 0 when the only shortfall is a part not run\n"
"  --started SECONDS   wall clock (time(2) seconds, fractions allowed) at\n"
"                      which the whole verification began, for the total\n"
"  --progress | --no-progress  progress bar on standard error (default:\n"
"                      only when it is a terminal)\n"
"  -h, --help          this text\n"
"\n"
"merge takes the report options and STATS files written by --save-stats:\n"
"comparisons of the same section and pair add up (shards), others are\n"
"listed side by side.\n"
"\n"
"Exit status: 0 every comparison holds; 1 some comparison fails; 2 usage\n"
"or input error; 3 every comparison run holds but a part was not run.\n";

enum {
    O_IMPL = 256, O_RESULTS, O_PAIRS, O_MODEL, O_TOL, O_INPUT, O_COUNT, O_SEED, O_SHARD,
    O_FAMILIES, O_GEN, O_SECTION, O_DERIVED, O_MAP, O_GEOMAG, O_GEOMAG_BIN, O_SHARED,
    O_JSON, O_HTML, O_SAVE, O_QUIET, O_NOT_RUN, O_ALLOW, O_STARTED, O_PROGRESS, O_NO_PROGRESS
};

static const struct option longopts[] = {
    { "impl", required_argument, NULL, O_IMPL },
    { "results", required_argument, NULL, O_RESULTS },
    { "pairs", required_argument, NULL, O_PAIRS },
    { "model", required_argument, NULL, O_MODEL },
    { "tolerances", required_argument, NULL, O_TOL },
    { "input", required_argument, NULL, O_INPUT },
    { "count", required_argument, NULL, O_COUNT },
    { "seed", required_argument, NULL, O_SEED },
    { "shard", required_argument, NULL, O_SHARD },
    { "families", required_argument, NULL, O_FAMILIES },
    { "gen", required_argument, NULL, O_GEN },
    { "section", required_argument, NULL, O_SECTION },
    { "derived", no_argument, NULL, O_DERIVED },
    { "map", required_argument, NULL, O_MAP },
    { "geomag", no_argument, NULL, O_GEOMAG },
    { "geomag-bin", required_argument, NULL, O_GEOMAG_BIN },
    { "shared", required_argument, NULL, O_SHARED },
    { "json", required_argument, NULL, O_JSON },
    { "html", required_argument, NULL, O_HTML },
    { "save-stats", required_argument, NULL, O_SAVE },
    { "quiet", no_argument, NULL, O_QUIET },
    { "not-run", required_argument, NULL, O_NOT_RUN },
    { "allow-incomplete", no_argument, NULL, O_ALLOW },
    { "started", required_argument, NULL, O_STARTED },
    { "progress", no_argument, NULL, O_PROGRESS },
    { "no-progress", no_argument, NULL, O_NO_PROGRESS },
    { "help", no_argument, NULL, 'h' },
    { NULL, 0, NULL, 0 }
};

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

static int usage_error(const char *fmt, const char *arg)
{
    fputs("tdre-verify: ", stderr);
    fprintf(stderr, fmt, arg);
    fputs("\n(see tdre-verify --help)\n", stderr);
    return 2;
}

static int parse_u64(const char *s, uint64_t *v)
{
    char *end;
    errno = 0;
    if (*s == '-' || *s == '\0') return -1;
    *v = strtoull(s, &end, 10);
    return *end == '\0' && errno == 0 ? 0 : -1;
}

/* The directory this executable is in (for its sibling tools). */
static const char *self_dir(void)
{
    static char dir[4096];
    ssize_t n = readlink("/proc/self/exe", dir, sizeof dir - 1);
    if (n <= 0) return ".";
    dir[n] = '\0';
    return dirname(dir);
}

static const char *sibling(const char *name)
{
    static char paths[2][4200];
    static int next;
    char *p = paths[next++ % 2];
    snprintf(p, sizeof paths[0], "%s/%s", self_dir(), name);
    return p;
}

static int add_source(tdre_verify *v, const char *label, const char *path)
{
    tdre_source *s;
    if (v->nsrc == TDRE_MAX_SOURCES) return usage_error("at most %s sources", "8");
    s = &v->src[v->nsrc++];
    memset(s, 0, sizeof *s);
    snprintf(s->label, sizeof s->label, "%s", label);
    s->path = path;
    return -1;
}

/* --results [L=]FILE */
static int add_results(tdre_verify *v, char *arg)
{
    char *eq = strchr(arg, '='), label[32], *base, *dot;
    if (eq && !memchr(arg, '/', (size_t)(eq - arg)) && eq > arg) {
        *eq = '\0';
        return add_source(v, arg, eq + 1);
    }
    base = strrchr(arg, '/') ? strrchr(arg, '/') + 1 : arg;
    snprintf(label, sizeof label, "%s", base);
    if ((dot = strrchr(label, '.'))) *dot = '\0';
    return add_source(v, label, arg);
}

static int parse_shard(tdre_verify *v, const char *arg)
{
    char buf[64], *slash;
    snprintf(buf, sizeof buf, "%s", arg);
    if (!(slash = strchr(buf, '/'))) return -1;
    *slash = '\0';
    if (parse_u64(buf, &v->shard) || parse_u64(slash + 1, &v->shards) || v->shards == 0 ||
        v->shard >= v->shards)
        return -1;
    return 0;
}

static int parse_option(tdre_verify *v, int c, char *arg, const char **pairs)
{
    switch (c) {
    case O_IMPL: return add_source(v, arg, NULL);
    case O_RESULTS: return add_results(v, arg);
    case O_PAIRS: *pairs = arg; break;
    case O_MODEL: v->model = arg; break;
    case O_TOL: v->tolerances = arg; break;
    case O_INPUT: v->input = arg; break;
    case O_COUNT:
        if (parse_u64(arg, &v->count)) return usage_error("--count: '%s' is not a count", arg);
        v->have_count = 1;
        break;
    case O_SEED:
        if (parse_u64(arg, &v->seed)) return usage_error("--seed: '%s' is not an integer", arg);
        break;
    case O_SHARD:
        if (parse_shard(v, arg)) return usage_error("--shard: '%s' is not I/N with 0 <= I < N", arg);
        break;
    case O_FAMILIES: v->families = arg; break;
    case O_GEN: v->gen = arg; break;
    case O_SECTION:
        if (strlen(arg) == 0 || strlen(arg) >= 48 || strpbrk(arg, " \t\n"))
            return usage_error("--section: '%s' must be one word", arg);
        v->section = arg;
        break;
    case O_DERIVED: v->derived = 1; break;
    case O_MAP: v->map_pair = arg; break;
    case O_GEOMAG: v->geomag = 1; break;
    case O_GEOMAG_BIN: v->geomag_bin = arg; break;
    case O_SHARED: v->shared = arg; break;
    case O_JSON: v->json = arg; break;
    case O_HTML: v->html = arg; break;
    case O_SAVE: v->save_stats = arg; break;
    case O_QUIET: v->quiet = 1; break;
    case O_NOT_RUN:
        if (v->nnot_run == TDRE_MAX_SECTIONS) return usage_error("too many --not-run%s", "");
        v->not_run[v->nnot_run++] = arg;
        break;
    case O_ALLOW: v->allow_incomplete = 1; break;
    case O_STARTED: v->started = strtod(arg, NULL); break;
    case O_PROGRESS: v->progress = 1; break;
    case O_NO_PROGRESS: v->progress = 0; break;
    case 'h': fputs(usage_text, stdout); return 0;
    default: return usage_error("unknown option%s", "");
    }
    return -1;
}

static int find_source(const tdre_verify *v, const char *label)
{
    for (int i = 0; i < v->nsrc; i++)
        if (strcmp(v->src[i].label, label) == 0) return i;
    return -1;
}

static int add_comparison(tdre_verify *v, int a, int b)
{
    const tdre_tol *tol = tdre_tolset_find(&v->tols, v->src[a].label, v->src[b].label);
    char name[80];
    snprintf(name, sizeof name, "%s:%s", v->src[a].label, v->src[b].label);
    if (!tol) {
        fprintf(stderr, "tdre-verify: %s: no tolerance for %s (add a [%s] section)\n",
                v->tolerances, name, name);
        return 2;
    }
    if (v->ncmp == TDRE_MAX_CMPS) return usage_error("at most %s comparisons", "16");
    if (!(v->cmp[v->ncmp] = tdre_cmp_new(v->section, v->src[a].label, v->src[b].label, tol,
                                         v->derived)))
        return usage_error("out of memory%s", "");
    v->cmp[v->ncmp]->map = v->map_pair && (strcmp(v->map_pair, name) == 0);
    v->cmp_a[v->ncmp] = a;
    v->cmp_b[v->ncmp++] = b;
    return -1;
}

static int make_comparisons(tdre_verify *v, const char *pairs)
{
    char buf[1024], *save = NULL;
    int r;
    if (!pairs) {
        for (int b = 1; b < v->nsrc; b++)
            if ((r = add_comparison(v, 0, b)) >= 0) return r;
        return v->ncmp ? -1 : usage_error("nothing to compare: give two sources or more%s", "");
    }
    snprintf(buf, sizeof buf, "%s", pairs);
    for (char *p = strtok_r(buf, ",", &save); p; p = strtok_r(NULL, ",", &save)) {
        char *colon = strchr(p, ':');
        int a, b;
        if (!colon) return usage_error("--pairs: '%s' is not A:B", p);
        *colon = '\0';
        if ((a = find_source(v, p)) < 0) return usage_error("--pairs: no source named '%s'", p);
        if ((b = find_source(v, colon + 1)) < 0)
            return usage_error("--pairs: no source named '%s'", colon + 1);
        if ((r = add_comparison(v, a, b)) >= 0) return r;
    }
    return -1;
}

static int open_sources(tdre_verify *v)
{
    char err[512];
    int files = 0;
    v->primary_file = v->secondary_file = -1;
    for (int i = 0; i < v->nsrc; i++) {
        tdre_source *s = &v->src[i];
        if (s->path) {
            if (++files > (v->input ? 1 : 2))
                return usage_error("at most two --results files (one with --input)%s", "");
            if (!v->input && v->primary_file < 0) v->primary_file = i;
            else v->secondary_file = i;
            continue;
        }
        if (!(s->impl = tdre_impl_open(s->label, v->model, err, sizeof err))) {
            fprintf(stderr, "tdre-verify: %s\n", err);
            return 2;
        }
        s->has_status = tdre_impl_has_status(s->impl);
    }
    for (int i = 0; i < v->nsrc; i++)
        for (int j = i + 1; j < v->nsrc; j++)
            if (strcmp(v->src[i].label, v->src[j].label) == 0)
                return usage_error("two sources are labelled '%s'", v->src[i].label);
    return -1;
}

static int write_outputs(tdre_verify *v)
{
    char err[512];
    int status = tdre_verify_verdict(v);
    if (v->json && tdre_verify_report_json(v, v->json, err, sizeof err) != 0) {
        fprintf(stderr, "tdre-verify: %s\n", err);
        return 2;
    }
    if (v->html && tdre_verify_report_html(v, v->html, err, sizeof err) != 0) {
        fprintf(stderr, "tdre-verify: %s\n", err);
        return 2;
    }
    if (!v->quiet) tdre_verify_report_text(v, stdout);
    fflush(stdout);
    if (status == 3 && v->allow_incomplete) return 0;
    return status;
}

static int save_stats(tdre_verify *v)
{
    tdre_outfile of;
    char err[512];
    if (tdre_outfile_open(&of, v->save_stats, err, sizeof err) != 0) {
        fprintf(stderr, "tdre-verify: %s\n", err);
        return 2;
    }
    fputs("tdre-verify statistics 1\n", of.fp);
    for (int i = 0; i < v->nsec; i++)
        fprintf(of.fp, "section %s %llu %d %ld\t%s\t%s\n", v->sec[i].name,
                (unsigned long long)v->sec[i].rows, v->sec[i].shards,
                v->sec[i].legacy_messages, v->sec[i].legacy_first, v->sec[i].desc);
    for (int i = 0; i < v->nnot_run; i++) fprintf(of.fp, "not-run %s\n", v->not_run[i]);
    for (int i = 0; i < v->ncmp; i++) tdre_cmp_save(v->cmp[i], of.fp);
    if (tdre_outfile_commit(&of, err, sizeof err) != 0) {
        fprintf(stderr, "tdre-verify: %s\n", err);
        return 2;
    }
    return 0;
}

static void defaults(tdre_verify *v)
{
    const char *shared = getenv("TDRE_SHARED");
    memset(v, 0, sizeof *v);
    v->tolerances = TDRE_VERIFY_TOLERANCES;
    v->shared = shared && *shared ? shared : TDRE_VERIFY_SHARED;
    v->families = "random,grid,edges";
    v->section = "vectors";
    v->count = 100000;
    v->seed = 1;
    v->shards = 1;
    v->progress = isatty(STDERR_FILENO);
    v->started = now();
}

int tdre_verify_merge_main(tdre_verify *v, int argc, char **argv);

static int parse_all(tdre_verify *v, int argc, char **argv, const char **pairs)
{
    int c, r;
    while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1)
        if ((r = parse_option(v, c, optarg, pairs)) >= 0) return r;
    return -1;
}

int main(int argc, char **argv)
{
    static tdre_verify v;
    const char *pairs = NULL;
    char err[512];
    int r;
    defaults(&v);
    if (argc > 1 && strcmp(argv[1], "merge") == 0) {
        if ((r = parse_all(&v, argc - 1, argv + 1, &pairs)) >= 0) return r;
        if (tdre_tolset_read(&v.tols, v.tolerances, err, sizeof err) != 0) {
            fprintf(stderr, "tdre-verify: %s\n", err);
            return 2;
        }
        if ((r = tdre_verify_merge_main(&v, argc - 1 - optind, argv + 1 + optind)) != 0) return r;
    } else {
        if ((r = parse_all(&v, argc, argv, &pairs)) >= 0) return r;
        if (optind < argc) return usage_error("unexpected argument '%s'", argv[optind]);
        if (!v.gen) v.gen = sibling("tdre-gen");
        if (tdre_tolset_read(&v.tols, v.tolerances, err, sizeof err) != 0) {
            fprintf(stderr, "tdre-verify: %s\n", err);
            return 2;
        }
        if ((r = open_sources(&v)) >= 0 || (r = make_comparisons(&v, pairs)) >= 0) return r;
        v.nsec = 1;
        snprintf(v.sec[0].name, sizeof v.sec[0].name, "%s", v.section);
        v.sec[0].shards = 1;
        if ((r = tdre_verify_run(&v)) != 0) return r;
        if (v.save_stats && (r = save_stats(&v)) != 0) return r;
    }
    if (v.geomag) {
        if (!v.geomag_bin) v.geomag_bin = sibling("tdre-geomag");
        tdre_verify_geomag(&v);
    }
    v.seconds = now() - v.started;
    return write_outputs(&v);
}
