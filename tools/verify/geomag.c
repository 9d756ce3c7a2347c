/*
 * geomag.c: geomag70's published sample outputs, reproduced through
 * tdre-geomag in file mode (../shared/spec/geomag70.md) and compared
 * column by column as printed. Without tdre-geomag or the shared data the
 * check is reported as not available, never as passed.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "verify.h"

#define TIMEOUT_SECONDS 60
#define MAX_TOKENS 32

typedef struct {
    const char *name, *model, *sample;
} sample_spec;

/* The model each sample was printed with: built-in IGRF-11, shared files else. */
static const sample_spec samples[] = {
    { "IGRF11", "IGRF11", "sample_out_IGRF11.txt" },
    { "IGRF12", "data/coeffs/IGRF12.COF", "sample_out_IGRF12.txt" },
    { "IGRF13", "data/coeffs/igrf13coeffs.txt", "sample_out_IGRF13.txt" },
    { "WMM2015", "data/coeffs/WMM2015.COF", "sample_out_WMM2015.txt" },
};

static int split(char *line, char **tok)
{
    int n = 0;
    char *save = NULL;
    for (char *t = strtok_r(line, " \t\r\n", &save); t && n < MAX_TOKENS; t = strtok_r(NULL, " \t\r\n", &save))
        tok[n++] = t;
    return n;
}

/* Runs argv with output to log; the exit status, or -1 (timeout, failure). */
static int run_tool(char *const argv[], const char *log)
{
    pid_t pid = fork();
    int status;
    if (pid < 0) return -1;
    if (pid == 0) {
        int in = open("/dev/null", O_RDONLY), out = open(log, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (in < 0 || out < 0 || dup2(in, 0) < 0 || dup2(out, 1) < 0 || dup2(out, 2) < 0) _exit(127);
        execv(argv[0], argv);
        _exit(127);
    }
    for (int waited = 0; waited < TIMEOUT_SECONDS * 20; waited++) {
        struct timespec ts = { 0, 50000000 };
        pid_t r = waitpid(pid, &status, WNOHANG);
        if (r == pid) return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
        if (r < 0 && errno != EINTR) return -1;
        nanosleep(&ts, NULL);
    }
    kill(pid, SIGKILL);
    waitpid(pid, &status, 0);
    return -1;
}

static void note_diff(tdre_geomag_check *g, const char *fmt, const char *a, const char *b,
                      const char *c, const char *d)
{
    if (g->nfirst == 8) return;
    snprintf(g->first_diffs[g->nfirst++], sizeof g->first_diffs[0], fmt, a, b, c, d);
}

/* Compares the printed rows of out with the sample, token by token. */
static void compare_files(tdre_geomag_check *g, FILE *sample, FILE *out, const char *sample_path)
{
    char sl[1024], ol[1024], hdr[1024], *st[MAX_TOKENS], *ot[MAX_TOKENS], *ht[MAX_TOKENS];
    int line = 1;
    if (!fgets(hdr, sizeof hdr, sample)) return;
    g->columns = split(hdr, ht);
    for (int k = 0; k < g->columns; k++) snprintf(g->col_names[k], sizeof g->col_names[k], "%s", ht[k]);
    if (!fgets(ol, sizeof ol, out)) ol[0] = '\0';   /* its header line */
    while (fgets(sl, sizeof sl, sample)) {
        int ns, no, same = 1;
        char where[80];
        line++;
        if (sl[strspn(sl, " \t\r\n")] == '\0') continue;
        g->rows++;
        snprintf(where, sizeof where, "%.40s:%d",
                 strrchr(sample_path, '/') ? strrchr(sample_path, '/') + 1 : sample_path, line);
        ns = split(sl, st);
        if (!fgets(ol, sizeof ol, out)) {
            note_diff(g, "%s: no output row for '%.40s %.40s'%s", where, st[0], ns > 1 ? st[1] : "", "");
            continue;
        }
        no = split(ol, ot);
        for (int k = 0; k < ns && k < g->columns; k++) {
            if (k < no && strcmp(st[k], ot[k]) == 0) continue;
            same = 0;
            g->col_diffs[k]++;
            note_diff(g, "%s: %s printed '%.40s', published '%.40s'", where, g->col_names[k],
                      k < no ? ot[k] : "(missing)", st[k]);
        }
        if (no != ns) {
            same = 0;
            note_diff(g, "%s: %s columns printed, %s published%s", where, no > ns ? "more" : "fewer",
                      "", "");
        }
        g->rows_same += same;
    }
}

static void check_one(tdre_verify *v, const sample_spec *spec, tdre_geomag_check *g,
                      const char *tmpdir)
{
    char sample[4200], model[4200], in[4200], out[4200], log[4200], line[1024], *tok[MAX_TOKENS];
    FILE *sf, *inf, *of;
    int status;
    memset(g, 0, sizeof *g);
    snprintf(g->name, sizeof g->name, "%s", spec->name);
    snprintf(sample, sizeof sample, "%s/data/geomag70/%s", v->shared, spec->sample);
    if (spec->model[0] == 'I' && !strchr(spec->model, '/')) snprintf(model, sizeof model, "%s", spec->model);
    else snprintf(model, sizeof model, "%s/%s", v->shared, spec->model);
    if (access(v->geomag_bin, X_OK) != 0) {
        snprintf(g->reason, sizeof g->reason, "%.200s is not built yet", v->geomag_bin);
        return;
    }
    if (!(sf = fopen(sample, "r"))) {
        snprintf(g->reason, sizeof g->reason, "%.200s: %s", sample, strerror(errno));
        return;
    }
    snprintf(in, sizeof in, "%s/%s.in", tmpdir, spec->name);
    snprintf(out, sizeof out, "%s/%s.out", tmpdir, spec->name);
    snprintf(log, sizeof log, "%s/%s.log", tmpdir, spec->name);
    if (!(inf = fopen(in, "w"))) {
        snprintf(g->reason, sizeof g->reason, "%.200s: %s", in, strerror(errno));
        fclose(sf);
        return;
    }
    if (fgets(line, sizeof line, sf))    /* the sample's header */
        while (fgets(line, sizeof line, sf))
            if (split(line, tok) >= 5)
                fprintf(inf, "%s %s %s %s %s\n", tok[0], tok[1], tok[2], tok[3], tok[4]);
    fclose(inf);
    {
        char *argv[] = { (char *)v->geomag_bin, model, "f", in, out, NULL };
        status = run_tool(argv, log);
    }
    g->available = 1;
    rewind(sf);
    if (!(of = fopen(out, "r"))) {
        g->exit_status = status == 0 ? -1 : status;
        snprintf(g->first_diffs[g->nfirst++], sizeof g->first_diffs[0],
                 "tdre-geomag %.150s f ... exited with status %d and wrote no output", model, status);
        while (fgets(line, sizeof line, sf)) g->rows++;
        g->rows = g->rows > 0 ? g->rows - 1 : 0;
        fclose(sf);
        return;
    }
    compare_files(g, sf, of, sample);
    g->exit_status = status;
    if (status != 0)
        snprintf(g->first_diffs[g->nfirst < 8 ? g->nfirst++ : 7], sizeof g->first_diffs[0],
                 "tdre-geomag exited with status %d", status);
    fclose(of);
    fclose(sf);
}

int tdre_geomag_pass(const tdre_geomag_check *g)
{
    return g->available && g->exit_status == 0 && g->rows > 0 && g->rows_same == g->rows;
}

void tdre_verify_geomag(tdre_verify *v)
{
    char tmpdir[] = "/tmp/tdre-verify-XXXXXX", cmd[128];
    if (!mkdtemp(tmpdir)) {
        perror("tdre-verify: temporary directory");
        return;
    }
    v->ngm = (int)(sizeof samples / sizeof samples[0]);
    for (int i = 0; i < v->ngm; i++) check_one(v, &samples[i], &v->gm[i], tmpdir);
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    if (system(cmd) != 0) fprintf(stderr, "tdre-verify: could not remove %s\n", tmpdir);
}
