/*
 * impl.c: dispatch from an implementation's name to its code (see impl.h).
 */
#include "impl.h"

#include <stdlib.h>
#include <string.h>

#include "oracle.h"
#include "phase1.h"

typedef void legacy_fn(int isv, double date, int itype, double alt, double colat,
                       double elong, double *x, double *y, double *z, double *f);

struct tdre_impl {
    const char *name;
    legacy_fn *legacy;          /* oracle, phase1 */
    void *phase2;               /* phase 2 state (phase2.c) */
};

const char tdre_impl_names[] = "oracle, phase1, phase2, phase2-legacy";

/* phase 2 glue lives in impl_phase2.c so this file does not need the library. */
void *tdre_impl_phase2_open(const char *name, const char *model, char *err, size_t errlen);
size_t tdre_impl_phase2_eval(void *state, const tdre_vector *in, tdre_result *out, size_t n);
void tdre_impl_phase2_close(void *state);

static int is_igrf11(const char *model)
{
    return model == NULL || strcmp(model, "igrf11") == 0;
}

tdre_impl *tdre_impl_open(const char *name, const char *model, char *err, size_t errlen)
{
    tdre_impl *impl = calloc(1, sizeof *impl);
    if (!impl) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    if (strcmp(name, "oracle") == 0 || strcmp(name, "phase1") == 0) {
        if (!is_igrf11(model)) {
            snprintf(err, errlen, "implementation '%s' knows only model igrf11, not '%s'",
                     name, model);
            free(impl);
            return NULL;
        }
        impl->name = name[0] == 'o' ? "oracle" : "phase1";
        impl->legacy = name[0] == 'o' ? tdre_oracle_igrf11syn : tdre_phase1_igrf11syn;
        return impl;
    }
    if (strcmp(name, "phase2") == 0 || strcmp(name, "phase2-legacy") == 0) {
        impl->name = strcmp(name, "phase2") == 0 ? "phase2" : "phase2-legacy";
        impl->phase2 = tdre_impl_phase2_open(impl->name, model ? model : "igrf11", err, errlen);
        if (impl->phase2) return impl;
        free(impl);
        return NULL;
    }
    snprintf(err, errlen, "unknown implementation '%s' (known: %s)", name, tdre_impl_names);
    free(impl);
    return NULL;
}

int tdre_impl_has_status(const tdre_impl *impl) { return impl->phase2 != NULL; }

const char *tdre_impl_name(const tdre_impl *impl) { return impl->name; }

size_t tdre_impl_eval(tdre_impl *impl, const tdre_vector *in, tdre_result *out, size_t n)
{
    if (impl->phase2) return tdre_impl_phase2_eval(impl->phase2, in, out, n);
    for (size_t i = 0; i < n; i++) {
        const tdre_vector *v = &in[i];
        impl->legacy(v->isv, v->date, v->itype, v->alt, v->colat, v->elong,
                     &out[i].x, &out[i].y, &out[i].z, &out[i].f);
        strcpy(out[i].status, "ok");
    }
    return 0;
}

void tdre_impl_close(tdre_impl *impl)
{
    if (!impl) return;
    if (impl->phase2) tdre_impl_phase2_close(impl->phase2);
    free(impl);
}
