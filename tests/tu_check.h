/*
 * tu_check.h: how every test program runs its Check suite.
 */
#ifndef TDRE_TU_CHECK_H
#define TDRE_TU_CHECK_H

#include <check.h>
#include <stdlib.h>

/* Runs s (and frees it); the exit status for main: 0 when nothing failed. */
static inline int tu_check_run(Suite *s)
{
    SRunner *sr = srunner_create(s);
    int failed;
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

#endif
