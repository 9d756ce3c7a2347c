/*
 * vectors_out.c: buffered, all-or-nothing output of the vector CSV.
 */
#include "vectors_out.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "vectors_fmt.h"

#define BUF_SIZE (256 * 1024)
/* More than the longest row: 2 ints, 4 doubles, separators. */
#define ROW_MAX (8 + 4 * (TDRE_VECTORS_FMT_MAX + 1))

struct tdre_vout {
    int fd;
    char *path;      /* final name, NULL for stdout or in-place writes */
    char *tmp_path;  /* the file being written beside it */
    const char *shown;
    int write_errno; /* first write error, 0 if none */
    size_t len;
    char buf[BUF_SIZE];
};

/* ---- no temporary left behind by an interrupted run --------------------- */

static const int cleanup_signals[] = {SIGHUP, SIGINT, SIGTERM};
#define N_CLEANUP_SIGNALS (sizeof cleanup_signals / sizeof cleanup_signals[0])
static struct sigaction saved_actions[N_CLEANUP_SIGNALS];
static const char *volatile pending_tmp;

/* Removes the unfinished file, then dies of the same signal as before, so
 * the caller still sees the run was killed. */
static void remove_tmp_and_die(int sig)
{
    const char *tmp = pending_tmp;
    if (tmp)
        unlink(tmp);
    signal(sig, SIG_DFL);
    raise(sig);
}

/* Takes over the default-handled termination signals (a signal the caller
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

/* ---- writing ---------------------------------------------------------- */

static void write_all(tdre_vout *out, const char *p, size_t n)
{
    while (n > 0 && out->write_errno == 0) {
        ssize_t w = write(out->fd, p, n);
        if (w < 0) {
            if (errno != EINTR)
                out->write_errno = errno;
            continue;
        }
        p += w;
        n -= (size_t)w;
    }
}

static void flush(tdre_vout *out)
{
    write_all(out, out->buf, out->len);
    out->len = 0;
}

static char *concat(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    char *s = malloc(la + lb + 1);
    if (s) {
        memcpy(s, a, la);
        memcpy(s + la, b, lb + 1);
    }
    return s;
}

static int open_beside(tdre_vout *out, const char *path, char *err, size_t errlen)
{
    out->path = concat(path, "");
    out->tmp_path = concat(path, ".tmp.XXXXXX");
    if (!out->path || !out->tmp_path) {
        snprintf(err, errlen, "%s: out of memory", path);
        return -1;
    }
    out->fd = mkstemp(out->tmp_path);
    if (out->fd < 0) {
        snprintf(err, errlen, "%s: cannot create: %s", out->tmp_path, strerror(errno));
        free(out->tmp_path);
        out->tmp_path = NULL;
        return -1;
    }
    guard_tmp(out->tmp_path);
    return 0;
}

tdre_vout *tdre_vout_open(const char *path, char *err, size_t errlen)
{
    tdre_vout *out = calloc(1, sizeof *out);
    if (!out) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    out->fd = STDOUT_FILENO;
    out->shown = path ? path : "standard output";
    struct stat st;
    if (path && stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
        out->fd = open(path, O_WRONLY);
        if (out->fd < 0) {
            snprintf(err, errlen, "%s: cannot open: %s", path, strerror(errno));
            free(out);
            return NULL;
        }
    } else if (path && open_beside(out, path, err, errlen) != 0) {
        free(out->path);
        free(out);
        return NULL;
    }
    return out;
}

void tdre_vout_header(tdre_vout *out)
{
    static const char header[] = "isv,date,itype,alt,colat,elong\n";
    memcpy(out->buf + out->len, header, sizeof header - 1);
    out->len += sizeof header - 1;
}

void tdre_vout_row(tdre_vout *out, const tdre_vrow *v)
{
    if (out->len > BUF_SIZE - ROW_MAX)
        flush(out);
    char *p = out->buf + out->len;
    char *start = p;
    *p++ = (char)('0' + v->isv);
    *p++ = ',';
    p += tdre_vectors_fmt_double(p, v->date);
    *p++ = ',';
    *p++ = (char)('0' + v->itype);
    *p++ = ',';
    p += tdre_vectors_fmt_double(p, v->alt);
    *p++ = ',';
    p += tdre_vectors_fmt_double(p, v->colat);
    *p++ = ',';
    p += tdre_vectors_fmt_double(p, v->elong);
    *p++ = '\n';
    out->len += (size_t)(p - start);
}

/* Makes the finished temporary file the output: the permissions a plainly
 * created file would have, on disk, then renamed. */
static int commit(tdre_vout *out, char *err, size_t errlen)
{
    mode_t mask = umask(0);
    umask(mask);
    if (fchmod(out->fd, 0666 & ~mask) != 0 || fsync(out->fd) != 0) {
        snprintf(err, errlen, "%s: %s", out->tmp_path, strerror(errno));
        return -1;
    }
    if (close(out->fd) != 0) {
        out->fd = -1;
        snprintf(err, errlen, "%s: %s", out->tmp_path, strerror(errno));
        return -1;
    }
    out->fd = -1;
    if (rename(out->tmp_path, out->path) != 0) {
        snprintf(err, errlen, "%s: cannot rename to %s: %s", out->tmp_path, out->path,
                 strerror(errno));
        return -1;
    }
    return 0;
}

int tdre_vout_close(tdre_vout *out, char *err, size_t errlen)
{
    int rc = 0;
    flush(out);
    if (out->write_errno != 0) {
        snprintf(err, errlen, "%s: write failed: %s", out->shown, strerror(out->write_errno));
        rc = -1;
    } else if (out->tmp_path) {
        rc = commit(out, err, errlen);
    }
    if (out->fd >= 0 && out->fd != STDOUT_FILENO)
        close(out->fd);
    if (rc != 0 && out->tmp_path)
        unlink(out->tmp_path);
    if (out->tmp_path)
        unguard_tmp();
    free(out->path);
    free(out->tmp_path);
    free(out);
    return rc;
}
