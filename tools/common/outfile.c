/*
 * outfile.c: write beside, then rename (see outfile.h).
 */
#include "outfile.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int tdre_outfile_open(tdre_outfile *out, const char *path, char *err, size_t errlen)
{
    size_t len;
    int fd;
    memset(out, 0, sizeof *out);
    if (strcmp(path, "-") == 0) {
        out->fp = stdout;
        return 0;
    }
    len = strlen(path) + sizeof ".tmp.XXXXXX";
    out->path = strdup(path);
    out->tmp = malloc(len);
    if (!out->path || !out->tmp) {
        snprintf(err, errlen, "%s: out of memory", path);
        tdre_outfile_abort(out);
        return -1;
    }
    snprintf(out->tmp, len, "%s.tmp.XXXXXX", path);
    fd = mkstemp(out->tmp);
    if (fd < 0) {
        snprintf(err, errlen, "%s: cannot write: %s", path, strerror(errno));
        free(out->tmp);
        out->tmp = NULL;
        tdre_outfile_abort(out);
        return -1;
    }
    /* mkstemp makes the file 0600; an output file is an ordinary file. */
    fchmod(fd, 0644);
    out->fp = fdopen(fd, "w");
    if (!out->fp) {
        snprintf(err, errlen, "%s: cannot write: %s", path, strerror(errno));
        close(fd);
        tdre_outfile_abort(out);
        return -1;
    }
    return 0;
}

int tdre_outfile_commit(tdre_outfile *out, char *err, size_t errlen)
{
    int failed;
    if (!out->path) {
        failed = fflush(stdout) != 0 || ferror(stdout);
        if (failed) snprintf(err, errlen, "<stdout>: write error: %s", strerror(errno));
        return failed ? -1 : 0;
    }
    failed = ferror(out->fp) | fflush(out->fp);
    failed |= fclose(out->fp);
    out->fp = NULL;
    if (!failed && rename(out->tmp, out->path) == 0) {
        free(out->tmp);
        free(out->path);
        out->tmp = out->path = NULL;
        return 0;
    }
    snprintf(err, errlen, "%s: write failed: %s", out->path, strerror(errno));
    tdre_outfile_abort(out);
    return -1;
}

void tdre_outfile_abort(tdre_outfile *out)
{
    if (out->fp && out->fp != stdout) fclose(out->fp);
    if (out->tmp) remove(out->tmp);
    free(out->tmp);
    free(out->path);
    memset(out, 0, sizeof *out);
}
