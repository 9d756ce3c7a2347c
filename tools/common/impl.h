/*
 * impl.h: the implementations a harness tool can run, behind one call.
 *
 *   oracle         the legacy Fortran (reference_f/), IGRF-11 only
 *   phase1         the literal C port (port_c/phase1), IGRF-11 only
 *   phase2         the library, exact profile, any model
 *   phase2-legacy  the library, legacy profile (IGRF-11 .. IGRF-13 layouts)
 *
 * oracle and phase1 answer every row as the legacy program does (an
 * out-of-range date gives X = Y = Z = 0, F = 1e8); phase 2 reports such a
 * row in its status instead, with x..f set to nan.
 */
#ifndef TDRE_IMPL_H
#define TDRE_IMPL_H

#include <stddef.h>

#include "vecio.h"

typedef struct tdre_impl tdre_impl;

/* Names accepted by tdre_impl_open, for --help texts. */
extern const char tdre_impl_names[];

/* model: NULL or "igrf11" for the default, a built-in name or a coefficient
 * file (phase 2 only). NULL with a message in err when unknown. */
tdre_impl *tdre_impl_open(const char *name, const char *model, char *err, size_t errlen);

/* True when this implementation's results carry a status column. */
int tdre_impl_has_status(const tdre_impl *impl);

/* Canonical name of the implementation. */
const char *tdre_impl_name(const tdre_impl *impl);

/* Evaluates n vectors; returns how many rows have a status other than ok. */
size_t tdre_impl_eval(tdre_impl *impl, const tdre_vector *in, tdre_result *out, size_t n);

void tdre_impl_close(tdre_impl *impl);

#endif
