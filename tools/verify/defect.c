/*
 * defect.c: the phase 2 library's predicate for rows the legacy program
 * itself gets wrong (tdre.h: tdre_legacy_defect). CMakeLists.txt defines
 * TDRE_VERIFY_HAVE_DEFECT once the library defines it; until then a
 * comparison whose tolerance asks for defects apart says the predicate is
 * missing (report.c) and judges every row.
 */
#include "verify.h"

#include <stddef.h>

#ifdef TDRE_VERIFY_HAVE_DEFECT
#include "tdre.h"

tdre_defect_fn *tdre_verify_defect_fn(void)
{
    return tdre_legacy_defect;
}
#else
tdre_defect_fn *tdre_verify_defect_fn(void)
{
    return NULL;
}
#endif
