/*
 * capture.c: descriptor 1 diverted into a counted pipe (see capture.h).
 */
#include "capture.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <string.h>
#include <unistd.h>

static struct {
    int pipe_read, copy;
    pthread_t reader;
    long lines;
    char first[256];
} capture = { -1, 0, 0, 0, "" };

static void note_line(const char *line)
{
    while (*line == ' ') line++;
    if (*line == '\0') return;
    if (capture.lines++ == 0)
        snprintf(capture.first, sizeof capture.first, "%s", line);
}

/* Drains the pipe as it fills, so a writer never blocks on it. */
static void *drain(void *unused)
{
    char buf[4096], line[256];
    size_t used = 0;
    ssize_t got;
    (void)unused;
    while ((got = read(capture.pipe_read, buf, sizeof buf)) != 0) {
        if (got < 0) {
            if (errno == EINTR) continue;
            break;
        }
        if (capture.copy && write(STDERR_FILENO, buf, (size_t)got) < 0) capture.copy = 0;
        for (ssize_t i = 0; i < got; i++) {
            if (buf[i] != '\n') {
                if (used + 1 < sizeof line && buf[i] != '\r') line[used++] = buf[i];
                continue;
            }
            line[used] = '\0';
            note_line(line);
            used = 0;
        }
    }
    line[used] = '\0';
    note_line(line);
    return NULL;
}

FILE *tdre_capture_begin(int copy_to_stderr)
{
    int fds[2], saved;
    FILE *out;
    fflush(stdout);
    saved = dup(STDOUT_FILENO);
    if (saved < 0) return NULL;
    if (pipe(fds) != 0) {
        close(saved);
        return NULL;
    }
    out = fdopen(saved, "w");
    if (!out || dup2(fds[1], STDOUT_FILENO) < 0) {
        close(fds[0]);
        close(fds[1]);
        if (out) fclose(out); else close(saved);
        return NULL;
    }
    close(fds[1]);
    capture.pipe_read = fds[0];
    capture.copy = copy_to_stderr;
    if (pthread_create(&capture.reader, NULL, drain, NULL) != 0) {
        errno = EAGAIN;
        return NULL;
    }
    return out;
}

long tdre_capture_end(void (*flush)(void), char *first, size_t firstlen)
{
    int devnull;
    if (flush) flush();
    fflush(stdout);
    /* Closing the last write end of the pipe lets the reader finish. */
    devnull = open("/dev/null", O_WRONLY);
    if (devnull >= 0) {
        dup2(devnull, STDOUT_FILENO);
        close(devnull);
    } else {
        close(STDOUT_FILENO);
    }
    pthread_join(capture.reader, NULL);
    close(capture.pipe_read);
    if (first && firstlen) snprintf(first, firstlen, "%s", capture.first);
    return capture.lines;
}
