/*
 * tdre-bench: points per second of every implementation on the same
 * inputs, in one run, as ratios to the legacy oracle.
 *
 * Timings are the best of several repetitions (the machine is shared and
 * noisy: the minimum is the least disturbed run). Nothing here asserts a
 * speed; the ratios are printed for people and scripts to track.
 */
#define _DEFAULT_SOURCE 1   /* getloadavg, wait4 */
#include <getopt.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "oracle.h"
#include "phase1.h"
#include "tdre.h"
#include "vecio.h"
#include "vectors_fmt.h"
#include "vectors_rng.h"

#define CHUNK 65536

typedef struct {
    size_t n;
    tdre_point *pt;
    tdre_field *fld;
} workload;

/* Single-thread figures are CPU time of the process: on a shared machine
 * wall time measures the scheduler (with a load of 6 on 2 cores a run gets
 * a third of a core). Thread figures need wall time; they are meaningful
 * only on a quiet machine, so the load average is printed with them. */
static int use_wall_clock;

static double now(void)
{
    struct timespec ts;
    clock_gettime(use_wall_clock ? CLOCK_MONOTONIC : CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static double load_average(void)
{
    double load[1];
    return getloadavg(load, 1) == 1 ? load[0] : -1.0;
}

/* Random points over the whole domain, the same for every run. Dates stop
 * at 2015: after it the legacy routines print a warning per call, and the
 * benchmark measures arithmetic, not the terminal. */
static void fill_points(tdre_point *pt, size_t n, uint64_t seed)
{
    uint64_t state = tdre_rng_key(seed, 1);
    for (size_t k = 0; k < n; k++) {
        pt[k].date = 1900.0 + 115.0 * tdre_rng_unit(&state);
        pt[k].coord = tdre_rng_unit(&state) < 0.5 ? TDRE_GEODETIC : TDRE_GEOCENTRIC;
        pt[k].alt = pt[k].coord == TDRE_GEODETIC ? -10.0 + 1010.0 * tdre_rng_unit(&state)
                                                 : 6371.2 + 36000.0 * tdre_rng_unit(&state);
        pt[k].colat = 180.0 * tdre_rng_unit(&state);
        pt[k].elong = -180.0 + 360.0 * tdre_rng_unit(&state);
    }
}

typedef void legacy_fn(int, double, int, double, double, double,
                       double *, double *, double *, double *);

static volatile double sink;

/* What one measurement runs: a legacy routine, or a phase 2 model per
 * point or in batches of some threads. */
typedef struct {
    legacy_fn *legacy;
    const tdre_model *model;
    int batch_threads;      /* 0: per point */
    int whole_field;        /* per point: tdre_model_eval, not _xyz */
    int wall;               /* wall time even for one thread */
} runner;

static double time_legacy(legacy_fn *fn, const workload *w)
{
    double t0 = now(), acc = 0.0, x, y, z, f;
    for (size_t k = 0; k < w->n; k++) {
        const tdre_point *p = &w->pt[k];
        fn(0, p->date, p->coord, p->alt, p->colat, p->elong, &x, &y, &z, &f);
        acc += f;
    }
    sink = acc;
    return now() - t0;
}

/* Per point: the legacy call shape (main field only, as the oracle is
 * timed), or the whole field with its secular variation. */
static double time_point(const tdre_model *m, const workload *w, int whole_field)
{
    double t0 = now(), xyzf[4], acc = 0.0;
    char err[128];
    for (size_t k = 0; k < w->n; k++) {
        const tdre_point *p = &w->pt[k];
        if (whole_field) {
            tdre_model_eval(m, p->date, p->coord, p->alt, p->colat, p->elong, &w->fld[k],
                            err, sizeof err);
        } else {
            tdre_model_eval_xyz(m, 0, p->date, p->coord, p->alt, p->colat, p->elong, xyzf,
                                err, sizeof err);
            acc += xyzf[3];
        }
    }
    sink = acc;
    return now() - t0;
}

static double time_batch_want(const tdre_model *m, const workload *w, int nthreads,
                              unsigned want)
{
    tdre_batch_options opt = { nthreads, want };
    char err[128];
    double t0 = now();
    for (size_t done = 0; done < w->n; done += CHUNK) {
        size_t n = w->n - done < CHUNK ? w->n - done : CHUNK;
        tdre_model_eval_batch(m, n, w->pt + done, w->fld + done, NULL, &opt, err, sizeof err);
    }
    return now() - t0;
}

/* The main field, as the oracle computes it. */
static double time_batch(const tdre_model *m, const workload *w, int nthreads)
{
    return time_batch_want(m, w, nthreads, TDRE_WANT_MAIN);
}

static double time_once(const runner *run, const workload *w)
{
    double t;
    use_wall_clock = run->batch_threads > 1 || run->wall;
    if (run->legacy) t = time_legacy(run->legacy, w);
    else if (run->batch_threads) t = time_batch(run->model, w, run->batch_threads);
    else t = time_point(run->model, w, run->whole_field);
    use_wall_clock = 0;
    return t;
}

/* Best of reps runs of one measurement, as points per second. */
static double best_rate(const runner *run, const workload *w, int reps)
{
    double best = INFINITY;
    for (int r = 0; r < reps; r++) {
        double t = time_once(run, w);
        if (t < best) best = t;
    }
    return (double)w->n / best;
}

/* Wall time of the batch on one thread and on all cores, measured in turn
 * (a change of load hits both alike); scaling is only meaningful when the
 * load average is below the number of cores, so it is printed too. */
static double cpu_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* Pure arithmetic, no memory: what a thread can do when it has a core. */
static void *spin(void *arg)
{
    double x = 0.0;
    for (long i = 0; i < 20000000L; i++)
        x += (double)i * 1e-9;
    sink = x;
    return arg;
}

static double spin_wall(int nthreads)
{
    pthread_t tid[64];
    int started[64] = { 0 };
    double t0 = (use_wall_clock = 1, now());
    for (int t = 1; t < nthreads && t < 64; t++)
        started[t] = pthread_create(&tid[t], NULL, spin, NULL) == 0;
    spin(NULL);
    for (int t = 1; t < nthreads && t < 64; t++)
        if (started[t]) pthread_join(tid[t], NULL);
    double t = now() - t0;
    use_wall_clock = 0;
    return t;
}

static void thread_scaling(const tdre_model *m, const workload *w, int ncores, int reps)
{
    double best1 = INFINITY, bestn = INFINITY, cpu1 = INFINITY, cpun = INFINITY;
    double spin1 = INFINITY, spinn = INFINITY;
    runner one = { NULL, m, 1, 0, 1 }, all = { NULL, m, ncores, 0, 1 };
    double load = load_average();
    for (int r = 0; r < reps; r++) {
        double c0 = cpu_seconds(), t1 = time_once(&one, w), c1 = cpu_seconds();
        double tn = time_once(&all, w), c2 = cpu_seconds();
        best1 = fmin(best1, t1);
        bestn = fmin(bestn, tn);
        cpu1 = fmin(cpu1, c1 - c0);
        cpun = fmin(cpun, c2 - c1);
        spin1 = fmin(spin1, spin_wall(1));
        spinn = fmin(spinn, spin_wall(ncores));
    }
    double avail = ncores * spin1 / spinn;
    printf("%-44s %14.0f\n", "phase 2 batch, exact, 1 thread (wall time)", (double)w->n / best1);
    printf("%-41s%3d %14.0f\n", "phase 2 batch, exact, threads (wall time):", ncores,
           (double)w->n / bestn);
    printf("thread scaling: %.2fx on %d cores (wall time; load average %.2f at the start%s)\n",
           best1 / bestn, ncores, load,
           load >= ncores ? ": other work holds the cores, scaling not measurable" : "");
    /* What the threads cost in work, whatever the load: CPU time of the
     * whole batch on all cores over that on one (1.00: no work added). */
    printf("thread work: CPU time on %d threads / on 1 thread = %.3f\n", ncores, cpun / cpu1);
    /* The same measurement, in turn with the batch's, of a loop that has no
     * memory traffic and shares nothing: the scaling the machine allows. */
    printf("machine: a pure arithmetic loop on %d threads does %.2fx the work of 1 thread now;\n"
           "batch scaling relative to it: %.2f\n\n", ncores, avail, best1 / bestn / avail);
}

/* A path beside this program (its build's bin directory). */
static int sibling(char *buf, size_t len, const char *name)
{
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0) return -1;
    exe[n] = '\0';
    snprintf(buf, len, "%s/%s", dirname(exe), name);
    return access(buf, X_OK);
}

/* A private temporary directory: its path into buf. */
static int temp_dir(char *buf, size_t len)
{
    const char *tmpdir = getenv("TMPDIR");
    snprintf(buf, len, "%s/tdre-bench.XXXXXX", tmpdir && *tmpdir ? tmpdir : "/tmp");
    return mkdtemp(buf) ? 0 : -1;
}

/* The points as a vector file, numbers as tdre-gen writes them (%.17g). */
static int write_vectors(const char *path, const workload *w)
{
    FILE *f = fopen(path, "w");
    if (!f) return -1;
    fputs("isv,date,itype,alt,colat,elong\n", f);
    for (size_t k = 0; k < w->n; k++) {
        const tdre_point *p = &w->pt[k];
        const double v[4] = { p->date, p->alt, p->colat, p->elong };
        char line[4 * TDRE_VECTORS_FMT_MAX + 16], *q = line;
        *q++ = '0';
        for (int c = 0; c < 4; c++) {
            *q++ = ',';
            q += tdre_vectors_fmt_double(q, v[c]);
            if (c == 0) { *q++ = ','; *q++ = (char)('0' + p->coord); }
        }
        *q++ = '\n';
        fwrite(line, 1, (size_t)(q - line), f);
    }
    return fclose(f);
}

static pid_t spawn(char *const argv[], int in, int out, int err);
static double child_cpu(char *const argv[], int err_fd, double *wall);

/* tdre-eval's --timing lines: CPU seconds of its three stages. */
static int read_timing(FILE *err, double stage[3])
{
    static const char *const name[3] = { "read and parse", "evaluate", "format and write" };
    char line[256];
    int found = 0;
    rewind(err);
    while (fgets(line, sizeof line, err))
        for (int k = 0; k < 3; k++) {
            size_t n = strlen(name[k]);
            if (strncmp(line, "tdre-eval:   ", 13) == 0 && strncmp(line + 13, name[k], n) == 0) {
                stage[k] = strtod(line + 13 + n, NULL);
                found++;
            }
        }
    return found == 3 ? 0 : -1;
}

/*
 * Where a tdre-eval run spends its time, by its own account: tdre-eval
 * --impl phase2 --threads 1 --timing over the points written as a vector
 * file, its output to the null device by redirection (no disk writes), the
 * best of reps runs per stage. On two cores the reader and the writer
 * share one while the evaluation has the other, so parsing and printing
 * are not the bottleneck when together they cost less than evaluating.
 */
static void io_split(const workload *w, int reps)
{
    char eval[PATH_MAX], dir[PATH_MAX], path[PATH_MAX + 16];
    double best[3] = { INFINITY, INFINITY, INFINITY };
    if (sibling(eval, sizeof eval, "tdre-eval") != 0 || temp_dir(dir, sizeof dir) != 0) {
        printf("\ntdre-eval split: skipped (tdre-eval not built or no temporary directory)\n");
        return;
    }
    snprintf(path, sizeof path, "%s/vectors.csv", dir);
    char *argv[] = { eval, "--impl", "phase2", "--threads", "1", "--timing", path, NULL };
    int ok = write_vectors(path, w) == 0;
    for (int r = 0; ok && r < reps; r++) {
        FILE *err = tmpfile();
        double stage[3], wall;
        ok = err && child_cpu(argv, fileno(err), &wall) >= 0 && read_timing(err, stage) == 0;
        for (int k = 0; ok && k < 3; k++) best[k] = fmin(best[k], stage[k]);
        if (err) fclose(err);
    }
    unlink(path);
    rmdir(dir);
    printf("\ntdre-eval time split over %zu rows (its --timing, CPU time of each stage, best of %d;\n"
           "--impl phase2 --threads 1, output to the null device)\n", w->n, reps);
    if (!ok) {
        printf("  tdre-eval did not run cleanly: no split\n");
        return;
    }
    double us = 1e6 / (double)w->n;
    printf("  per row: read and parse %.3f us, evaluate %.3f us, format and write %.3f us\n",
           best[0] * us, best[1] * us, best[2] * us);
    printf("  reading and writing together: %.2f of the evaluation's time (%s)\n",
           (best[0] + best[2]) / best[1],
           best[0] + best[2] < best[1] ? "the evaluation sets the pace on two cores"
                                       : "input and output set the pace");
}

/* Writes the batch's results for w as a result file with a status column. */
static int write_results(const char *path, const tdre_model *m, const workload *w)
{
    FILE *f = fopen(path, "w");
    if (!f) return -1;
    time_batch_want(m, w, 1, TDRE_WANT_MAIN);
    tdre_csv_write_header(f, 1);
    for (size_t k = 0; k < w->n; k++) {
        const tdre_point *p = &w->pt[k];
        tdre_vector v = { 0, p->date, p->coord, p->alt, p->colat, p->elong };
        tdre_result r = { w->fld[k].x, w->fld[k].y, w->fld[k].z, w->fld[k].f, "ok" };
        tdre_csv_write_row(f, &v, &r, 1);
    }
    return fclose(f);
}

/* CPU time of reading a vector or result file row by row, as tdre-verify
 * reads it. */
static double time_read(const char *path, int results)
{
    char err[256];
    tdre_vector v;
    tdre_result r;
    tdre_csv *csv = tdre_csv_open(path, err, sizeof err);
    double t0 = now();
    if (csv && tdre_csv_header(csv, results, err, sizeof err) == 0)
        while (tdre_csv_next(csv, &v, results ? &r : NULL, err, sizeof err) > 0) {}
    double t = now() - t0;
    tdre_csv_close(csv);
    return t;
}

/* User and system time of a finished child, on all its threads. */
static double rusage_seconds(const struct rusage *ru)
{
    return (double)ru->ru_utime.tv_sec + 1e-6 * (double)ru->ru_utime.tv_usec +
           (double)ru->ru_stime.tv_sec + 1e-6 * (double)ru->ru_stime.tv_usec;
}

/* Runs argv with its output on the null device (by redirection) and its
 * standard error on err_fd (the null device too when negative); its CPU
 * time from wait4, or -1 when it did not exit 0; its wall time in *wall. */
static double child_cpu(char *const argv[], int err_fd, double *wall)
{
    int sink_fd = open("/dev/null", O_WRONLY), st;
    struct rusage ru;
    struct timespec t0, t1;
    *wall = NAN;
    if (sink_fd < 0) return -1;
    fflush(stdout);
    clock_gettime(CLOCK_MONOTONIC, &t0);
    pid_t pid = spawn(argv, 0, sink_fd, err_fd >= 0 ? err_fd : sink_fd);
    close(sink_fd);
    if (pid < 0 || wait4(pid, &st, 0, &ru) < 0 || !WIFEXITED(st) || WEXITSTATUS(st) != 0)
        return -1;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    *wall = (double)(t1.tv_sec - t0.tv_sec) + 1e-9 * (double)(t1.tv_nsec - t0.tv_nsec);
    return rusage_seconds(&ru);
}

/*
 * Where a tdre-verify run over two result files spends its time: the whole
 * run (a child process, CPU time) against reading both files with the same
 * reader in this process. The rest is pairing, statistics and the report.
 */
static void verify_split(const tdre_model *legacy, const tdre_model *exact,
                         const workload *w, int reps)
{
    char verify[PATH_MAX], tmp[PATH_MAX], path_v[PATH_MAX + 16];
    char path_a[PATH_MAX + 16], path_b[PATH_MAX + 16], arg_a[PATH_MAX + 32], arg_b[PATH_MAX + 32];
    if (sibling(verify, sizeof verify, "tdre-verify") != 0 || temp_dir(tmp, sizeof tmp) != 0) {
        printf("\ntdre-verify split: skipped (tdre-verify not built or no temporary directory)\n");
        return;
    }
    snprintf(path_v, sizeof path_v, "%s/vectors.csv", tmp);
    snprintf(path_a, sizeof path_a, "%s/legacy.csv", tmp);
    snprintf(path_b, sizeof path_b, "%s/exact.csv", tmp);
    snprintf(arg_a, sizeof arg_a, "phase2-legacy=%s", path_a);
    snprintf(arg_b, sizeof arg_b, "phase2=%s", path_b);
    char *files[] = { verify, "--results", arg_a, "--results", arg_b, "--no-progress", NULL };
    char *impls[] = { verify, "--input", path_v, "--impl", "phase2-legacy", "--impl", "phase2",
                      "--no-progress", NULL };
    double t_read = INFINITY, t_files = INFINITY, t_vread = INFINITY, t_impls = INFINITY;
    double w_files = INFINITY, w_impls = INFINITY, wall;
    if (write_vectors(path_v, w) == 0 && write_results(path_a, legacy, w) == 0 &&
        write_results(path_b, exact, w) == 0)
        for (int r = 0; r < reps; r++) {
            double files_cpu = child_cpu(files, -1, &wall);
            w_files = fmin(w_files, wall);
            double impls_cpu = child_cpu(impls, -1, &wall);
            w_impls = fmin(w_impls, wall);
            if (files_cpu < 0 || impls_cpu < 0) { t_files = NAN; break; }
            t_files = fmin(t_files, files_cpu);
            t_impls = fmin(t_impls, impls_cpu);
            t_read = fmin(t_read, time_read(path_a, 1) + time_read(path_b, 1));
            t_vread = fmin(t_vread, time_read(path_v, 0));
        }
    unlink(path_v);
    unlink(path_a);
    unlink(path_b);
    rmdir(tmp);
    double us = 1e6 / (double)w->n;
    printf("\ntdre-verify over %zu rows (phase2-legacy:phase2; CPU time on all threads, best\n"
           "of %d; files are parsed ahead on threads of their own, wall time shows the overlap)\n",
           w->n, reps);
    if (isnan(t_files)) {
        printf("  tdre-verify did not exit 0: no split\n");
        return;
    }
    printf("  two result files: whole run %.2f us per pair of rows (wall %.2f us); reading\n"
           "    both files %.2f us (%.1f%%); pairing, statistics and report %.2f us (%.1f%%)\n",
           t_files * us, w_files * us, t_read * us, 100 * t_read / t_files,
           (t_files - t_read) * us, 100 * (t_files - t_read) / t_files);
    printf("  a vector file, both implementations run by tdre-verify: whole run %.2f us per row\n"
           "    (wall %.2f us); reading the vectors %.2f us (%.1f%%)\n", t_impls * us,
           w_impls * us, t_vread * us, 100 * t_vread / t_impls);
}

static long peak_rss_kib(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
}

/* Starts argv with standard input, output and error on the given
 * descriptors. */
static pid_t spawn(char *const argv[], int in, int out, int err)
{
    pid_t pid = fork();
    if (pid == 0) {
        if (in != 0) dup2(in, 0);
        if (out != 1) dup2(out, 1);
        if (err != 2) dup2(err, 2);
        execv(argv[0], argv);
        _exit(127);
    }
    return pid;
}

/*
 * A real run: `tdre-gen vectors --count N | tdre-eval --impl phase2 --timing
 * > null device`, both from the directory of this program. Prints
 * tdre-eval's peak memory and CPU time per row (from wait4), the wall time
 * of the pipe, and tdre-eval's own account of each stage's CPU time. The
 * output goes to the device by redirection, never as an output path.
 */
static char eval_report[4 * PATH_MAX];

/* tdre-eval's --timing lines from its standard error, indented. */
static void append_timing(FILE *err, char *report, size_t len)
{
    char line[256];
    rewind(err);
    while (fgets(line, sizeof line, err))
        if (strncmp(line, "tdre-eval:   ", 13) == 0) {
            size_t used = strlen(report);
            snprintf(report + used, len - used, "  %s", line + 11);
        }
}

static void eval_run(const char *self, size_t rows, int threads)
{
    char exe[PATH_MAX], dir[PATH_MAX], gen[PATH_MAX + 16], eval[PATH_MAX + 16];
    char count[32], nthreads[16];
    ssize_t len = readlink("/proc/self/exe", exe, sizeof exe - 1);
    int fd[2], sink_fd, st_gen, st_eval;
    struct rusage ru;
    if (len <= 0) snprintf(exe, sizeof exe, "%s", self);
    else exe[len] = '\0';
    snprintf(dir, sizeof dir, "%s", exe);
    snprintf(gen, sizeof gen, "%s/tdre-gen", dirname(dir));
    snprintf(eval, sizeof eval, "%s/tdre-eval", dir);
    snprintf(count, sizeof count, "%zu", rows);
    snprintf(nthreads, sizeof nthreads, "%d", threads);
    if (access(gen, X_OK) != 0 || access(eval, X_OK) != 0) {
        snprintf(eval_report, sizeof eval_report,
                 "\ntdre-eval run: skipped (%s or %s not built)\n", gen, eval);
        return;
    }
    if (pipe(fd) != 0 || (sink_fd = open("/dev/null", O_WRONLY)) < 0) return;
    char *gen_argv[] = { gen, "vectors", "--count", count, NULL };
    char *eval_argv[] = { eval, "--impl", "phase2", "--threads", nthreads, "--timing", "-", NULL };
    FILE *err = tmpfile();
    if (!err) return;
    fflush(stdout);
    double t0 = (use_wall_clock = 1, now());
    pid_t pg = spawn(gen_argv, 0, fd[1], 2);
    close(fd[1]);
    pid_t pe = spawn(eval_argv, fd[0], sink_fd, fileno(err));
    close(fd[0]);
    close(sink_fd);
    if (wait4(pe, &st_eval, 0, &ru) < 0 || waitpid(pg, &st_gen, 0) < 0) {
        fclose(err);
        return;
    }
    double wall = now() - t0;
    use_wall_clock = 0;
    double cpu = rusage_seconds(&ru);
    snprintf(eval_report, sizeof eval_report,
           "\ntdre-gen vectors --count %s | tdre-eval --impl phase2 --threads %d --timing > (null device)\n"
           "  tdre-eval: exit %d (1: rows outside the model), peak memory %.1f MiB, CPU %.2f s "
           "(%.2f us/row);\n  wall time of the pipe %.2f s (load average %.2f); its stages:\n",
           count, threads, WIFEXITED(st_eval) ? WEXITSTATUS(st_eval) : -1,
           (double)ru.ru_maxrss / 1024.0, cpu, 1e6 * cpu / (double)rows, wall, load_average());
    append_timing(err, eval_report, sizeof eval_report);
    fclose(err);
}

static int open_model(const char *name, int profile, tdre_model **m)
{
    char err[256];
    if (tdre_model_builtin(name, profile, m, err, sizeof err) != TDRE_OK) {
        fprintf(stderr, "tdre-bench: %s\n", err);
        return -1;
    }
    return 0;
}

/* One measurement once, nothing printed: for instruction counts
 * (valgrind --tool=callgrind tdre-bench --only NAME), which do not depend
 * on the machine's load. "none" does the setup alone. */
static int run_only(const char *name, size_t n, uint64_t seed)
{
    static const char *const names[] = { "none", "oracle", "phase1", "point-legacy",
                                         "point-exact", "batch-legacy", "batch-exact" };
    int which = -1;
    for (int k = 0; k < 7; k++)
        if (strcmp(name, names[k]) == 0) which = k;
    if (which < 0) {
        fprintf(stderr, "tdre-bench: --only takes none, oracle, phase1, point-legacy, "
                        "point-exact, batch-legacy or batch-exact, not '%s'\n", name);
        return 2;
    }
    tdre_model *legacy, *exact;
    workload w = { n, malloc(n * sizeof(tdre_point)), malloc(n * sizeof(tdre_field)) };
    if (!w.pt || !w.fld || open_model("igrf11", TDRE_PROFILE_LEGACY, &legacy) ||
        open_model("igrf11", TDRE_PROFILE_EXACT, &exact))
        return 2;
    fill_points(w.pt, n, seed);
    runner runs[7] = {
        { NULL, NULL, 0, 0, 0 }, { tdre_oracle_igrf11syn, NULL, 0, 0, 0 },
        { tdre_phase1_igrf11syn, NULL, 0, 0, 0 }, { NULL, legacy, 0, 0, 0 },
        { NULL, exact, 0, 0, 0 }, { NULL, legacy, 1, 0, 0 }, { NULL, exact, 1, 0, 0 }
    };
    if (which > 0) time_once(&runs[which], &w);
    tdre_model_free(legacy);
    tdre_model_free(exact);
    free(w.pt);
    free(w.fld);
    return 0;
}

static const char usage_text[] =
"usage: tdre-bench [--points N] [--reps R] [--seed S] [--max-scale N] [--eval-rows N]\n"
"\n"
"Measures points per second of the oracle (legacy Fortran), phase 1, phase 2\n"
"per point (legacy and exact profiles; the main field alone, as the oracle\n"
"computes it, and the whole field with SV, D and I) and phase 2 batch (main\n"
"field, 1 thread and all cores) on the same random points over the whole domain (dates 1900..2015,\n"
"both coordinate types, altitudes -10..1000 km, radii to 42000 km), prints\n"
"each with its ratio to the oracle, then the scaling of the batch path with\n"
"the number of points and with model degree, how a tdre-eval run divides\n"
"its time between parsing, evaluating and printing, and the peak memory and\n"
"CPU time per row of a real tdre-eval run. Each figure\n"
"is the best of R repetitions. The last line reads\n"
"  batch speedup vs oracle: N.NNx (1 thread)\n"
"\n"
"  --points N     points of the main comparison (default 200000)\n"
"  --reps R       repetitions, best kept (default 5)\n"
"  --seed S       seed of the points (default 1)\n"
"  --max-scale N  largest point count of the scaling table (default 10000000)\n"
"  --only NAME    run one measurement once and print nothing (for callgrind):\n"
"                 none, oracle, phase1, point-legacy, point-exact, batch-legacy,\n"
"                 batch-exact\n"
"  --eval-rows N  rows of the tdre-gen | tdre-eval run whose peak memory and\n"
"                 time per row are printed (default 10000000; 0: none)\n"
"  --split        print only where tdre-eval and tdre-verify spend their time\n"
"                 (parsing, evaluating or comparing, printing)\n";

int main(int argc, char **argv)
{
    static const struct option longopts[] = {
        { "points", required_argument, NULL, 'n' }, { "reps", required_argument, NULL, 'r' },
        { "seed", required_argument, NULL, 's' }, { "max-scale", required_argument, NULL, 'm' },
        { "eval-rows", required_argument, NULL, 'e' },
        { "only", required_argument, NULL, 'o' },
        { "split", no_argument, NULL, 'p' },
        { "help", no_argument, NULL, 'h' }, { NULL, 0, NULL, 0 }
    };
    size_t npoints = 200000, max_scale = 10000000, eval_rows = 10000000;
    const char *only = NULL;
    int split_only = 0;
    int reps = 5, c, ncores = (int)sysconf(_SC_NPROCESSORS_ONLN);
    uint64_t seed = 1;
    workload w;
    tdre_model *legacy, *exact;
    double r_oracle, r_phase1, r_point_legacy, r_point_exact, r_point_whole, r_batch_legacy, r_batch1;

    while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
        char *end = NULL;
        unsigned long long v = 0;
        if (c == 'h') { fputs(usage_text, stdout); return 0; }
        if (c == '?') { fputs("tdre-bench: see --help\n", stderr); return 2; }
        if (c == 'o') { only = optarg; continue; }
        if (c == 'p') { split_only = 1; continue; }
        v = strtoull(optarg, &end, 10);
        if (c == 'e' && *optarg != '\0' && *end == '\0') {
            eval_rows = v;      /* 0: no tdre-eval run */
            continue;
        }
        if (*optarg == '\0' || *end != '\0' || v == 0) {
            fprintf(stderr, "tdre-bench: --%s takes a positive integer, not '%s'\n",
                    c == 'n' ? "points" : c == 'r' ? "reps" : c == 's' ? "seed" : "max-scale", optarg);
            return 2;
        }
        if (c == 'n') npoints = v;
        else if (c == 'r') reps = (int)v;
        else if (c == 's') seed = v;
        else max_scale = v;
    }
    if (ncores < 1) ncores = 1;
    if (only)
        return run_only(only, npoints, seed);
    /* First, while this process is small: a child's peak memory counts
     * what it shared with its parent before exec. */
    if (eval_rows > 0 && !split_only)
        eval_run(argv[0], eval_rows, ncores);
    if (open_model("igrf11", TDRE_PROFILE_LEGACY, &legacy) || open_model("igrf11", TDRE_PROFILE_EXACT, &exact))
        return 2;
    w.n = npoints;
    w.pt = malloc(npoints * sizeof *w.pt);
    w.fld = malloc(npoints * sizeof *w.fld);
    if (!w.pt || !w.fld) { fputs("tdre-bench: out of memory\n", stderr); return 2; }
    fill_points(w.pt, w.n, seed);
    if (split_only) {
        io_split(&w, reps);
        verify_split(legacy, exact, &w, reps);
        tdre_model_free(legacy);
        tdre_model_free(exact);
        free(w.pt);
        free(w.fld);
        return 0;
    }

    printf("tdre-bench: %zu random points over the whole domain, IGRF-11, best of %d, %d cores\n\n",
           npoints, reps, ncores);
    /* Interleaved: every repetition measures each implementation once, so
     * a change in the machine's load hits all of them, and the best of each
     * comes from the quiet moments of the same run. */
    {
        runner runs[7] = {
            { tdre_oracle_igrf11syn, NULL, 0, 0, 0 }, { tdre_phase1_igrf11syn, NULL, 0, 0, 0 },
            { NULL, legacy, 0, 0, 0 }, { NULL, exact, 0, 0, 0 }, { NULL, exact, 0, 1, 0 },
            { NULL, legacy, 1, 0, 0 }, { NULL, exact, 1, 0, 0 }
        };
        double best[7];
        for (int i = 0; i < 7; i++) best[i] = INFINITY;
        for (int r = 0; r < reps; r++)
            for (int i = 0; i < 7; i++) {
                double t = time_once(&runs[i], &w);
                if (t < best[i]) best[i] = t;
            }
        r_oracle = (double)w.n / best[0];
        r_phase1 = (double)w.n / best[1];
        r_point_legacy = (double)w.n / best[2];
        r_point_exact = (double)w.n / best[3];
        r_point_whole = (double)w.n / best[4];
        r_batch_legacy = (double)w.n / best[5];
        r_batch1 = (double)w.n / best[6];
    }
    printf("%-44s %14s %10s\n", "implementation (CPU time, 1 thread)", "points/s", "vs oracle");
    printf("%-44s %14.0f %9.2fx\n", "oracle (Fortran IGRF11SYN, main field)", r_oracle, 1.0);
    printf("%-44s %14.0f %9.2fx\n", "phase 1 (literal C port, main field)", r_phase1, r_phase1 / r_oracle);
    printf("%-44s %14.0f %9.2fx\n", "phase 2 per point, legacy (main field)", r_point_legacy, r_point_legacy / r_oracle);
    printf("%-44s %14.0f %9.2fx\n", "phase 2 per point, exact (main field)", r_point_exact, r_point_exact / r_oracle);
    printf("%-44s %14.0f %9.2fx\n", "phase 2 per point, exact (field, SV, D, I)", r_point_whole, r_point_whole / r_oracle);
    printf("%-44s %14.0f %9.2fx\n", "phase 2 batch, legacy, 1 thread", r_batch_legacy, r_batch_legacy / r_oracle);
    printf("%-44s %14.0f %9.2fx\n", "phase 2 batch, exact, 1 thread", r_batch1, r_batch1 / r_oracle);
    thread_scaling(exact, &w, ncores, reps);

    printf("batch scaling with points (exact, 1 thread; chunks of %d reuse one buffer)\n", CHUNK);
    printf("%12s %14s\n", "points", "points/s");
    for (size_t n = 1000; n <= max_scale; n *= 10) {
        workload s = { n < CHUNK ? n : CHUNK, w.pt, w.fld };
        size_t rounds = n / s.n, npts = rounds * s.n;
        double best = INFINITY;
        if (s.n > w.n) break;
        for (int r = 0; r < reps; r++) {
            double t = 0;
            for (size_t k = 0; k < rounds; k++) t += time_batch(exact, &s, 1);
            if (t < best) best = t;
        }
        printf("%12zu %14.0f\n", npts, (double)npts / best);
    }

    printf("\nbatch scaling with degree (exact, 1 thread, geocentric surface, one date)\n");
    printf("%8s %8s %14s\n", "date", "degree", "points/s");
    for (int k = 0; k < 2; k++) {
        double date = k == 0 ? 1950.5 : 2005.5;
        workload s = { w.n < 20000 ? w.n : 20000, w.pt, w.fld };
        for (size_t i = 0; i < s.n; i++) s.pt[i].date = date;
        printf("%8.1f %8d %14.0f\n", date, k == 0 ? 10 : 13,
               best_rate(&(runner){ NULL, exact, 1, 0, 0 }, &s, reps));
    }
    fill_points(w.pt, w.n, seed);
    io_split(&w, reps);
    verify_split(legacy, exact, &w, reps);
    printf("\npeak memory of tdre-bench: %.1f MiB\n", (double)peak_rss_kib() / 1024.0);
    fputs(eval_report, stdout);
    printf("batch speedup vs oracle: %.2fx (1 thread)\n", r_batch1 / r_oracle);
    tdre_model_free(legacy);
    tdre_model_free(exact);
    free(w.pt);
    free(w.fld);
    return 0;
}
