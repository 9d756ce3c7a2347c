/*
 * replay.c: runs a fuzz target's LLVMFuzzerTestOneInput over the files of
 * its seed corpus and regression inputs, one Check test per file, without
 * libFuzzer; so `make test` (and the sanitizer build) replays every input
 * that once found a bug. Linked with one fuzz_*.c by tests/fuzz.cmake,
 * which passes the directories in TDRE_FUZZ_DIRS (':' separated).
 */
#include <check.h>
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "tu_check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_FILES 512

static char *files[MAX_FILES];
static int nfiles;

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void collect(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    char path[4096];
    if (!d) return;   /* a target may have no regression inputs yet */
    while ((e = readdir(d)) && nfiles < MAX_FILES) {
        if (e->d_name[0] == '.') continue;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        files[nfiles++] = strdup(path);
    }
    closedir(d);
}

START_TEST(replay_one)
{
    size_t len;
    char *data = tu_slurp(files[_i], &len);
    ck_assert_msg(data != NULL, "%s: unreadable", files[_i]);
    /* A failed invariant aborts; Check then reports this test (and file). */
    fprintf(stderr, "replay: %s\n", files[_i]);
    ck_assert_int_eq(LLVMFuzzerTestOneInput((const uint8_t *)data, len), 0);
    free(data);
}
END_TEST

int main(void)
{
    const char *dirs = getenv("TDRE_FUZZ_DIRS");
    char *copy, *dir, *save = NULL;
    int failed;
    if (!dirs) {
        fprintf(stderr, "replay: TDRE_FUZZ_DIRS not set\n");
        return 1;
    }
    copy = strdup(dirs);
    for (dir = strtok_r(copy, ":", &save); dir; dir = strtok_r(NULL, ":", &save))
        collect(dir);
    if (nfiles == 0) {
        fprintf(stderr, "replay: no inputs in %s\n", dirs);
        free(copy);
        return 1;
    }
    free(copy);
    qsort(files, (size_t)nfiles, sizeof files[0], by_name);
    Suite *s = suite_create("fuzz-replay");
    TCase *tc = tcase_create("inputs");
    tcase_add_loop_test(tc, replay_one, 0, nfiles);
    suite_add_tcase(s, tc);
    failed = tu_check_run(s);
    for (int i = 0; i < nfiles; i++) free(files[i]);
    return failed ? 1 : 0;
}
