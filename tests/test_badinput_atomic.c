/*
 * test_badinput_atomic.c: outputs are written whole or not at all.
 *
 * A tool killed with SIGTERM in the middle of writing its -o file must leave
 * nothing at that path (or the older file there, unchanged), and no
 * temporary beside it. The run is
 * stopped deterministically: tdre-eval reads rows from a pipe, and is killed
 * once its temporary output has received data while the input is still
 * open; tdre-gen writes a set far too large to finish, and is killed once
 * its temporary output has grown.
 */
#define _GNU_SOURCE
#include <check.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "testutil.h"
#include "tu_check.h"

static const char older[] = "an older file that a killed run must leave alone\n";

static char *tool_path(const char *name)
{
    static char path[4096];
    const char *bin = tu_env_dir("TDRE_BIN");
    ck_assert_msg(bin != NULL, "TDRE_BIN not set");
    snprintf(path, sizeof path, "%s/%s", bin, name);
    return path;
}

/* A fresh empty directory for one run's output. */
static const char *out_dir(const char *name)
{
    static char dir[4096];
    snprintf(dir, sizeof dir, "%s/%s", tu_tmpdir(), name);
    ck_assert_msg(mkdir(dir, 0755) == 0, "mkdir %s: %s", dir, strerror(errno));
    return dir;
}

/* Size of the largest file in dir other than skip (the temporary output). */
static long largest_other(const char *dir, const char *skip)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    struct stat st;
    char path[8192];
    long best = -1;
    if (!d) return -1;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.' || (skip && strcmp(e->d_name, skip) == 0)) continue;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        if (stat(path, &st) == 0 && st.st_size > best) best = st.st_size;
    }
    closedir(d);
    return best;
}

/* Waits (at most 30 s) until a temporary file beside the target holds at
 * least min_bytes. */
static int wait_for_temporary(const char *dir, const char *target_name, long min_bytes)
{
    struct timespec pause = { 0, 20 * 1000 * 1000 };
    for (int i = 0; i < 1500; i++) {
        if (largest_other(dir, target_name) >= min_bytes) return 1;
        nanosleep(&pause, NULL);
    }
    return 0;
}

/* Sends SIGTERM, reaps the child, and says whether the signal ended it. */
static int terminate(pid_t pid)
{
    int status;
    kill(pid, SIGTERM);
    ck_assert(waitpid(pid, &status, 0) == pid);
    return WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM;
}

static pid_t spawn(char *const argv[], int stdin_fd)
{
    pid_t pid;
    fflush(NULL);
    pid = fork();
    ck_assert(pid >= 0);
    if (pid == 0) {
        int null = open("/dev/null", O_WRONLY);
        if (stdin_fd >= 0) dup2(stdin_fd, 0);
        dup2(null, 1);
        dup2(null, 2);
        signal(SIGTERM, SIG_DFL);
        execv(argv[0], argv);
        _exit(127);
    }
    return pid;
}

/* After the kill: nothing at the target, or the older file unchanged; and
 * no temporary left beside it (outfile.c removes it on SIGTERM). */
static void check_target(const char *target, int with_older, const char *tool)
{
    char dir[4200], *slash;
    snprintf(dir, sizeof dir, "%s", target);
    slash = strrchr(dir, '/');
    *slash = '\0';
    ck_assert_msg(largest_other(dir, slash + 1) < 0,
                  "a killed %s left a temporary file beside its -o path", tool);
    if (with_older) {
        char *now = tu_slurp(target, NULL);
        ck_assert_msg(now && strcmp(now, older) == 0,
                      "a killed %s changed the file already at its -o path", tool);
        free(now);
    } else {
        ck_assert_msg(access(target, F_OK) != 0,
                      "a killed %s left a file at its -o path %s", tool, target);
    }
}

/* tdre-eval fed through a pipe: killed after the temporary output holds
 * rows, while more input is still to come. */
static void kill_eval_midway(int with_older)
{
    const char *dir = out_dir(with_older ? "eval-older" : "eval-fresh");
    char target[4200], row[128];
    int fds[2];
    FILE *feed;
    snprintf(target, sizeof target, "%s/result.csv", dir);
    if (with_older) ck_assert(tu_write(target, older) == 0);
    char *argv[] = { tool_path("tdre-eval"), "--impl", "oracle", "-o", target, "-", NULL };
    ck_assert(pipe(fds) == 0);
    signal(SIGPIPE, SIG_IGN);
    pid_t pid = spawn(argv, fds[0]);
    close(fds[0]);
    feed = fdopen(fds[1], "w");
    fputs("isv,date,itype,alt,colat,elong\n", feed);
    /* 20000 rows: several batches of 4096, so data reach the temporary file. */
    for (int i = 0; i < 20000; i++) {
        snprintf(row, sizeof row, "%d,%.17g,1,%d,%d,%d\n", i % 2, 1900.0 + i % 120,
                 i % 500, i % 180, i % 360 - 180);
        fputs(row, feed);
    }
    fflush(feed);
    ck_assert_msg(wait_for_temporary(dir, "result.csv", 4096),
                  "tdre-eval wrote no temporary output beside %s within 30 s", target);
    ck_assert_msg(terminate(pid), "tdre-eval was not ended by SIGTERM");
    fclose(feed);
    check_target(target, with_older, "tdre-eval");
}

START_TEST(eval_killed_leaves_no_output)
{
    kill_eval_midway(0);
}
END_TEST

START_TEST(eval_killed_keeps_older_output)
{
    kill_eval_midway(1);
}
END_TEST

/* tdre-gen vectors with far more rows than it can write before the kill. */
static void kill_gen_midway(int with_older)
{
    const char *dir = out_dir(with_older ? "gen-older" : "gen-fresh");
    char target[4200];
    snprintf(target, sizeof target, "%s/vectors.csv", dir);
    if (access(tool_path("tdre-gen"), X_OK) != 0) {
        printf("tdre-gen not built: not run\n");
        return;
    }
    if (with_older) ck_assert(tu_write(target, older) == 0);
    char *argv[] = { tool_path("tdre-gen"), "vectors", "--count", "1000000000", "-o", target, NULL };
    pid_t pid = spawn(argv, -1);
    ck_assert_msg(wait_for_temporary(dir, "vectors.csv", 1 << 20),
                  "tdre-gen wrote no temporary output beside %s within 30 s", target);
    ck_assert_msg(terminate(pid), "tdre-gen was not ended by SIGTERM");
    check_target(target, with_older, "tdre-gen");
}

START_TEST(gen_killed_leaves_no_output)
{
    kill_gen_midway(0);
}
END_TEST

START_TEST(gen_killed_keeps_older_output)
{
    kill_gen_midway(1);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("badinput-atomic");
    TCase *tc = tcase_create("sigterm");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, eval_killed_leaves_no_output);
    tcase_add_test(tc, eval_killed_keeps_older_output);
    tcase_add_test(tc, gen_killed_leaves_no_output);
    tcase_add_test(tc, gen_killed_keeps_older_output);
    suite_add_tcase(s, tc);
    return tu_check_run(s);
}
