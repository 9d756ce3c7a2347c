/*
 * impl_phase2_absent.c: the phase 2 glue when the library is not part of
 * the build (a partial checkout): every open fails with a clear message.
 */
#include "impl.h"

#include <stdio.h>

void *tdre_impl_phase2_open(const char *name, const char *model, char *err, size_t errlen);
size_t tdre_impl_phase2_eval(void *state, const tdre_vector *in, tdre_result *out, size_t n);
void tdre_impl_phase2_close(void *state);

void *tdre_impl_phase2_open(const char *name, const char *model, char *err, size_t errlen)
{
    (void)model;
    snprintf(err, errlen, "implementation '%s' needs the phase 2 library, not built here", name);
    return NULL;
}

size_t tdre_impl_phase2_eval(void *state, const tdre_vector *in, tdre_result *out, size_t n)
{
    (void)state; (void)in; (void)out;
    return n;
}

void tdre_impl_phase2_close(void *state) { (void)state; }
