/*
 * testutil.h: what the Check suites share: where things are, running a
 * tool, temporary files, reading result files.
 */
#ifndef TDRE_TESTUTIL_H
#define TDRE_TESTUTIL_H

#include <stddef.h>

#include "vecio.h"

/* Directory from the environment (TDRE_SHARED, TDRE_SOURCE_DIR, TDRE_BIN). */
const char *tu_env_dir(const char *var);

/* ../shared, or exit 77 (CTest: skipped) with a note when it is absent. */
const char *tu_shared_or_skip(void);

/* Path joined into a static buffer of the caller (size len). */
char *tu_path(char *buf, size_t len, const char *dir, const char *name);

/* A fresh temporary directory (removed at exit). */
const char *tu_tmpdir(void);

/*
 * Runs argv (argv[0] a path), standard input from in_path (NULL: /dev/null),
 * standard output to out_path and standard error to err_path (NULL: dropped).
 * Returns the exit status, or -1 when it did not exit normally.
 */
int tu_run(char *const argv[], const char *in_path, const char *out_path,
           const char *err_path);

/* Whole file in a malloc'd NUL-terminated buffer (NULL if unreadable). */
char *tu_slurp(const char *path, size_t *len);

/* Writes text to path; 0 on success. */
int tu_write(const char *path, const char *text);

/* Reads a result file into malloc'd arrays; returns the row count or -1. */
long tu_read_results(const char *path, tdre_vector **vec, tdre_result **res);

/* Same bits (so -0.0 != 0.0, and a nan equals the same nan). */
int tu_same_bits(double a, double b);

/* Same inputs, field by field, to the bit. */
int tu_same_vector(const tdre_vector *a, const tdre_vector *b);

/* Same x, y, z, f to the bit. */
int tu_same_result(const tdre_result *a, const tdre_result *b);

#endif
