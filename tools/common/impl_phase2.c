/*
 * impl_phase2.c: tdre-eval's and tdre-verify's road into the phase 2
 * library: rows become a batch, fields become results with a status.
 */
#include "impl.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "tdre.h"

void *tdre_impl_phase2_open(const char *name, const char *model, char *err, size_t errlen);
size_t tdre_impl_phase2_eval(void *state, const tdre_vector *in, tdre_result *out, size_t n);
void tdre_impl_phase2_close(void *state);

#define CHUNK 1024

typedef struct {
    tdre_model *model;
    tdre_point points[CHUNK];
    tdre_field fields[CHUNK];
} phase2_state;

void *tdre_impl_phase2_open(const char *name, const char *model, char *err, size_t errlen)
{
    int profile = strcmp(name, "phase2-legacy") == 0 ? TDRE_PROFILE_LEGACY : TDRE_PROFILE_EXACT;
    phase2_state *st = malloc(sizeof *st);
    if (!st) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    if (tdre_model_open(model, profile, &st->model, err, errlen) != TDRE_OK) {
        free(st);
        return NULL;
    }
    return st;
}

/* The legacy output: F for isv = 0, the SV components for isv = 1 (as
 * IGRF11SYN, whose F is then the root of the sum of their squares). */
static void to_result(const tdre_vector *v, const tdre_field *fld, tdre_result *r)
{
    const char *status = tdre_field_status(fld);
    /* The library's status words are short literals; copied without printf,
     * which showed in the profile of a long run. */
    size_t len = strlen(status);
    if (len >= sizeof r->status) len = sizeof r->status - 1;
    memcpy(r->status, status, len);
    r->status[len] = '\0';
    if (strcmp(status, "ok") != 0) {
        r->x = r->y = r->z = r->f = NAN;
    } else if (v->isv) {
        r->x = fld->dx;
        r->y = fld->dy;
        r->z = fld->dz;
        r->f = sqrt(r->x * r->x + r->y * r->y + r->z * r->z);
    } else {
        r->x = fld->x;
        r->y = fld->y;
        r->z = fld->z;
        r->f = fld->f;
    }
}

static size_t eval_chunk(phase2_state *st, const tdre_vector *in, tdre_result *out, size_t n)
{
    size_t failed = 0;
    char err[256];
    tdre_batch_options opt = { 1, TDRE_WANT_MAIN | TDRE_WANT_SV };
    for (size_t k = 0; k < n; k++) {
        st->points[k].date = in[k].date;
        st->points[k].alt = in[k].alt;
        st->points[k].colat = in[k].colat;
        st->points[k].elong = in[k].elong;
        st->points[k].coord = in[k].itype;
    }
    /* Row failures are in each field's flags; the summary code adds nothing. */
    (void)tdre_model_eval_batch(st->model, n, st->points, st->fields, NULL, &opt,
                                err, sizeof err);
    for (size_t k = 0; k < n; k++) {
        to_result(&in[k], &st->fields[k], &out[k]);
        failed += strcmp(out[k].status, "ok") != 0;
    }
    return failed;
}

size_t tdre_impl_phase2_eval(void *state, const tdre_vector *in, tdre_result *out, size_t n)
{
    size_t failed = 0;
    for (size_t done = 0; done < n; done += CHUNK)
        failed += eval_chunk(state, in + done, out + done, n - done < CHUNK ? n - done : CHUNK);
    return failed;
}

void tdre_impl_phase2_close(void *state)
{
    phase2_state *st = state;
    if (!st) return;
    tdre_model_free(st->model);
    free(st);
}
