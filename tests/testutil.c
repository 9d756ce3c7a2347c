/*
 * testutil.c: see testutil.h.
 */
#define _GNU_SOURCE
#include "testutil.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

const char *tu_env_dir(const char *var)
{
    const char *dir = getenv(var);
    return dir && *dir ? dir : NULL;
}

const char *tu_shared_or_skip(void)
{
    const char *dir = tu_env_dir("TDRE_SHARED");
    char probe[4096];
    if (dir && access(tu_path(probe, sizeof probe, dir, "README.md"), R_OK) == 0)
        return dir;
    printf("skipped: shared data not found (set TDRE_SHARED or -DTDRE_SHARED_DIR)\n");
    exit(77);
}

char *tu_path(char *buf, size_t len, const char *dir, const char *name)
{
    snprintf(buf, len, "%s/%s", dir, name);
    return buf;
}

static char tmpdir[256];

static void remove_tmpdir(void)
{
    char cmd[300];
    if (!tmpdir[0]) return;
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    if (system(cmd) != 0) fprintf(stderr, "could not remove %s\n", tmpdir);
}

const char *tu_tmpdir(void)
{
    if (!tmpdir[0]) {
        snprintf(tmpdir, sizeof tmpdir, "%s/tdre-test-XXXXXX",
                 getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
        if (!mkdtemp(tmpdir)) {
            perror("mkdtemp");
            exit(1);
        }
        atexit(remove_tmpdir);
    }
    return tmpdir;
}

static void redirect(const char *path, int fd, int flags)
{
    int f = open(path ? path : "/dev/null", flags, 0644);
    if (f < 0) _exit(127);
    dup2(f, fd);
    close(f);
}

int tu_run(char *const argv[], const char *in_path, const char *out_path,
           const char *err_path)
{
    int status;
    pid_t pid;
    fflush(NULL);
    pid = fork();
    if (pid < 0) return -1;
    if (pid == 0) {
        redirect(in_path, 0, O_RDONLY);
        redirect(out_path, 1, O_WRONLY | O_CREAT | O_TRUNC);
        redirect(err_path, 2, O_WRONLY | O_CREAT | O_TRUNC);
        execv(argv[0], argv);
        _exit(127);
    }
    if (waitpid(pid, &status, 0) != pid) return -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

char *tu_slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    size_t cap = 0, used = 0, got;
    if (!f) return NULL;
    do {
        if (used + 65536 + 1 > cap) {
            char *grown = realloc(buf, cap = (cap + 65536) * 2);
            if (!grown) { free(buf); fclose(f); return NULL; }
            buf = grown;
        }
        got = fread(buf + used, 1, 65536, f);
        used += got;
    } while (got > 0);
    fclose(f);
    buf[used] = '\0';
    if (len) *len = used;
    return buf;
}

int tu_write(const char *path, const char *text)
{
    FILE *f = fopen(path, "wb");
    if (!f) return -1;
    fputs(text, f);
    return fclose(f);
}

long tu_read_results(const char *path, tdre_vector **vec, tdre_result **res)
{
    char err[512];
    tdre_csv *csv = tdre_csv_open(path, err, sizeof err);
    long n = 0, cap = 0;
    int r;
    *vec = NULL;
    *res = NULL;
    if (!csv || tdre_csv_header(csv, 1, err, sizeof err) != 0) {
        fprintf(stderr, "%s\n", err);
        tdre_csv_close(csv);
        return -1;
    }
    for (;;) {
        if (n == cap) {
            cap = cap ? 2 * cap : 1024;
            *vec = realloc(*vec, (size_t)cap * sizeof **vec);
            *res = realloc(*res, (size_t)cap * sizeof **res);
            if (!*vec || !*res) { n = -1; break; }
        }
        r = tdre_csv_next(csv, &(*vec)[n], &(*res)[n], err, sizeof err);
        if (r == 0) break;
        if (r < 0) {
            fprintf(stderr, "%s\n", err);
            n = -1;
            break;
        }
        n++;
    }
    tdre_csv_close(csv);
    return n;
}

int tu_same_bits(double a, double b)
{
    return memcmp(&a, &b, sizeof a) == 0;
}

int tu_same_vector(const tdre_vector *a, const tdre_vector *b)
{
    return a->isv == b->isv && a->itype == b->itype && tu_same_bits(a->date, b->date) &&
           tu_same_bits(a->alt, b->alt) && tu_same_bits(a->colat, b->colat) &&
           tu_same_bits(a->elong, b->elong);
}

int tu_same_result(const tdre_result *a, const tdre_result *b)
{
    return tu_same_bits(a->x, b->x) && tu_same_bits(a->y, b->y) &&
           tu_same_bits(a->z, b->z) && tu_same_bits(a->f, b->f);
}
