/*
 * oracle.c: C side of the Fortran oracle: the call, and the capture of the
 * messages it writes on unit 6.
 */
#include "oracle.h"

#include <errno.h>
#include <pthread.h>
#include <string.h>
#include <fcntl.h>
#include <unistd.h>

/* gfortran's names: lower case, trailing underscore, arguments by address. */
void igrf11syn_(const int *isv, const double *date, const int *itype,
                const double *alt, const double *colat, const double *elong,
                double *x, double *y, double *z, double *f);
void tdrfl6_(void);

void tdre_oracle_igrf11syn(int isv, double date, int itype, double alt,
                           double colat, double elong,
                           double *x, double *y, double *z, double *f)
{
    igrf11syn_(&isv, &date, &itype, &alt, &colat, &elong, x, y, z, f);
}

static struct {
    int pipe_read, saved_stdout;
    pthread_t reader;
    long lines;
    char first[256];
} capture = { -1, -1, 0, 0, "" };

/* Drains the pipe as the Fortran side fills it, so the oracle never blocks. */
static void *count_lines(void *unused)
{
    char buf[4096], line[256];
    size_t used = 0;
    int blank = 1;
    ssize_t got;
    (void)unused;
    while ((got = read(capture.pipe_read, buf, sizeof buf)) > 0 || (got < 0 && errno == EINTR)) {
        for (ssize_t i = 0; i < got; i++) {
            char c = buf[i];
            if (c != '\n') {
                if (c != ' ' && c != '\r') blank = 0;
                if (used + 1 < sizeof line) line[used++] = c;
                continue;
            }
            line[used] = '\0';
            if (!blank) {
                if (capture.lines++ == 0) {
                    const char *s = line;
                    while (*s == ' ') s++;
                    snprintf(capture.first, sizeof capture.first, "%s", s);
                }
            }
            used = 0;
            blank = 1;
        }
    }
    return NULL;
}

FILE *tdre_oracle_capture_begin(void)
{
    int fds[2];
    FILE *out;
    fflush(stdout);
    capture.saved_stdout = dup(STDOUT_FILENO);
    if (capture.saved_stdout < 0 || pipe(fds) != 0) return NULL;
    out = fdopen(capture.saved_stdout, "w");
    if (!out) return NULL;
    if (dup2(fds[1], STDOUT_FILENO) < 0) return NULL;
    close(fds[1]);
    capture.pipe_read = fds[0];
    if (pthread_create(&capture.reader, NULL, count_lines, NULL) != 0) {
        errno = EAGAIN;
        return NULL;
    }
    return out;
}

long tdre_oracle_capture_end(char *first, size_t firstlen)
{
    int devnull;
    tdrfl6_();
    /* Closing the last write end of the pipe ends the reader. */
    devnull = open("/dev/null", O_WRONLY);
    dup2(devnull, STDOUT_FILENO);
    close(devnull);
    pthread_join(capture.reader, NULL);
    close(capture.pipe_read);
    if (first && firstlen) snprintf(first, firstlen, "%s", capture.first);
    return capture.lines;
}
