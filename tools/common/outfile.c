/*
 * outfile.c: write beside, then rename (see outfile.h).
 */
#include "outfile.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- no temporary left behind by an interrupted run ---------------------- */

static const int cleanup_signals[] = { SIGHUP, SIGINT, SIGTERM };
#define N_CLEANUP_SIGNALS (sizeof cleanup_signals / sizeof cleanup_signals[0])
static struct sigaction saved_actions[N_CLEANUP_SIGNALS];
static const char *volatile pending_tmp;

/* Removes the unfinished file, then dies of the signal as it would have. */
static void remove_tmp_and_die(int sig)
{
    const char *tmp = pending_tmp;
    if (tmp) unlink(tmp);
    signal(sig, SIG_DFL);
    raise(sig);
}

/* Takes over the termination signals left at their default (one the caller
 * ignores, as under nohup, stays ignored). */
static void guard_tmp(const char *tmp)
{
    struct sigaction act;
    memset(&act, 0, sizeof act);
    act.sa_handler = remove_tmp_and_die;
    sigemptyset(&act.sa_mask);
    pending_tmp = tmp;
    for (size_t i = 0; i < N_CLEANUP_SIGNALS; i++) {
        sigaction(cleanup_signals[i], NULL, &saved_actions[i]);
        if (saved_actions[i].sa_handler == SIG_DFL)
            sigaction(cleanup_signals[i], &act, NULL);
    }
}

static void unguard_tmp(void)
{
    for (size_t i = 0; i < N_CLEANUP_SIGNALS; i++)
        if (saved_actions[i].sa_handler == SIG_DFL)
            sigaction(cleanup_signals[i], &saved_actions[i], NULL);
    pending_tmp = NULL;
}

/* ---- opening ------------------------------------------------------------- */

static int open_in_place(tdre_outfile *out, const char *path, char *err, size_t errlen)
{
    out->path = strdup(path);
    out->fp = out->path ? fopen(path, "w") : NULL;
    if (out->fp) return 0;
    snprintf(err, errlen, "%s: cannot write: %s", path, strerror(errno));
    return -1;
}

static int open_beside(tdre_outfile *out, const char *path, char *err, size_t errlen)
{
    size_t len = strlen(path) + sizeof ".tmp.XXXXXX";
    int fd;
    out->path = strdup(path);
    out->tmp = malloc(len);
    if (!out->path || !out->tmp) {
        snprintf(err, errlen, "%s: out of memory", path);
        return -1;
    }
    snprintf(out->tmp, len, "%s.tmp.XXXXXX", path);
    fd = mkstemp(out->tmp);
    if (fd < 0) {
        snprintf(err, errlen, "%s: cannot write: %s", path, strerror(errno));
        free(out->tmp);
        out->tmp = NULL;
        return -1;
    }
    guard_tmp(out->tmp);
    out->fp = fdopen(fd, "w");
    if (out->fp) return 0;
    snprintf(err, errlen, "%s: cannot write: %s", path, strerror(errno));
    close(fd);
    return -1;
}

int tdre_outfile_open(tdre_outfile *out, const char *path, char *err, size_t errlen)
{
    struct stat st;
    int rc;
    memset(out, 0, sizeof *out);
    if (strcmp(path, "-") == 0) {
        out->fp = stdout;
        return 0;
    }
    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode))
        rc = open_in_place(out, path, err, errlen);
    else
        rc = open_beside(out, path, err, errlen);
    if (rc != 0) tdre_outfile_abort(out);
    return rc;
}

/* ---- finishing ------------------------------------------------------------ */

/* The permissions of a plainly created file, then on disk, then in place. */
static int finish_beside(tdre_outfile *out, char *err, size_t errlen)
{
    mode_t mask = umask(0);
    int fd = fileno(out->fp), failed;
    umask(mask);
    failed = fflush(out->fp) != 0 || ferror(out->fp) || fchmod(fd, 0666 & ~mask) != 0 ||
             fsync(fd) != 0;
    failed |= fclose(out->fp) != 0;
    out->fp = NULL;
    if (!failed && rename(out->tmp, out->path) == 0) return 0;
    snprintf(err, errlen, "%s: write failed: %s", out->path, strerror(errno));
    return -1;
}

int tdre_outfile_commit(tdre_outfile *out, char *err, size_t errlen)
{
    int rc = 0;
    if (out->fp == stdout || !out->tmp) {
        int failed = fflush(out->fp) != 0 || ferror(out->fp);
        if (out->fp != stdout) failed |= fclose(out->fp) != 0;
        out->fp = NULL;
        if (failed) {
            snprintf(err, errlen, "write error on %s: %s",
                     out->path ? out->path : "standard output", strerror(errno));
            rc = -1;
        }
    } else if (finish_beside(out, err, errlen) == 0) {
        unguard_tmp();
        free(out->tmp);
        out->tmp = NULL;
    } else {
        rc = -1;
    }
    tdre_outfile_abort(out);
    return rc;
}

void tdre_outfile_abort(tdre_outfile *out)
{
    if (out->fp && out->fp != stdout) fclose(out->fp);
    if (out->tmp) {
        unlink(out->tmp);
        unguard_tmp();
    }
    free(out->tmp);
    free(out->path);
    memset(out, 0, sizeof *out);
}
