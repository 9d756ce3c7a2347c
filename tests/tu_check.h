/*
 * tu_check.h: how every test program runs its Check suite.
 */
#ifndef TDRE_TU_CHECK_H
#define TDRE_TU_CHECK_H

#include <check.h>
#include <stdlib.h>

/* Runs s (and frees it); the exit status for main: 0 when nothing failed
 * and something ran (a selection by CK_RUN_CASE or tags that matches no
 * case would otherwise pass without checking anything). */
static inline int tu_check_run(Suite *s)
{
    SRunner *sr = srunner_create(s);
    int failed, ran;
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    ran = srunner_ntests_run(sr);
    srunner_free(sr);
    return failed || ran == 0 ? EXIT_FAILURE : EXIT_SUCCESS;
}

#endif
