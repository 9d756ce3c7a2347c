/*
 * vectors_out.c: buffered, all-or-nothing output of the vector CSV.
 */
#include "vectors_out.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "outfile.h"
#include "vectors_fmt.h"

#define BUF_SIZE (256 * 1024)
/* More than the longest row: 2 ints, 4 doubles, separators. */
#define ROW_MAX (8 + 4 * (TDRE_VECTORS_FMT_MAX + 1))

struct tdre_vout {
    tdre_outfile file;  /* whole or not at all (tools/common/outfile.h) */
    int fd;             /* its descriptor */
    const char *shown;
    int write_errno; /* first write error, 0 if none */
    size_t len;
    char buf[BUF_SIZE];
};

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

tdre_vout *tdre_vout_open(const char *path, char *err, size_t errlen)
{
    tdre_vout *out = calloc(1, sizeof *out);
    if (!out) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    out->shown = path ? path : "standard output";
    if (tdre_outfile_open(&out->file, path ? path : "-", err, errlen) != 0) {
        free(out);
        return NULL;
    }
    /* Rows go straight to the descriptor through buf; stdio holds nothing. */
    out->fd = fileno(out->file.fp);
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

int tdre_vout_close(tdre_vout *out, char *err, size_t errlen)
{
    int rc = 0;
    flush(out);
    if (out->write_errno != 0) {
        snprintf(err, errlen, "%s: write failed: %s", out->shown, strerror(out->write_errno));
        tdre_outfile_abort(&out->file);
        rc = -1;
    } else {
        rc = tdre_outfile_commit(&out->file, err, errlen);
    }
    free(out);
    return rc;
}
