/* test_phase2_common.c: helpers of the phase 2 suites (see the header). */
#include "test_phase2_common.h"
#include "tu_check.h"

#include <check.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *p2_shared_or_skip(void)
{
    const char *dir = getenv("TDRE_SHARED");
    if (dir == NULL || *dir == '\0') {
        fprintf(stderr, "TDRE_SHARED not set: skipped\n");
        exit(77);
    }
    return dir;
}

const char *p2_shared_path(const char *name)
{
    static char buf[4096];
    snprintf(buf, sizeof buf, "%s/%s", p2_shared_or_skip(), name);
    return buf;
}

p2_row *p2_oracle_rows(size_t *n)
{
    const char *path = p2_shared_path("data/oracle/igrf11_oracle.csv");
    FILE *f = fopen(path, "r");
    if (f == NULL) {
        fprintf(stderr, "%s absent: skipped\n", path);
        exit(77);
    }
    size_t cap = 16384, k = 0;
    p2_row *rows = malloc(cap * sizeof *rows);
    char line[1024];
    ck_assert_ptr_nonnull(rows);
    ck_assert_ptr_nonnull(fgets(line, sizeof line, f));
    ck_assert_int_eq(strncmp(line, "isv,date,itype,alt,colat,elong,x,y,z,f", 38), 0);
    while (fgets(line, sizeof line, f)) {
        p2_row *r = &rows[k];
        int got = sscanf(line, "%d,%lf,%d,%lf,%lf,%lf,%lf,%lf,%lf,%lf", &r->isv, &r->date,
                         &r->itype, &r->alt, &r->colat, &r->elong, &r->x, &r->y, &r->z, &r->f);
        ck_assert_msg(got == 10, "%s:%zu: malformed row", path, k + 2);
        if (++k == cap) {
            cap *= 2;
            rows = realloc(rows, cap * sizeof *rows);
            ck_assert_ptr_nonnull(rows);
        }
    }
    fclose(f);
    *n = k;
    return rows;
}

tdre_model *p2_open(const char *name_or_path, int profile)
{
    tdre_model *m = NULL;
    char err[512];
    int rc = tdre_model_open(name_or_path, profile, &m, err, sizeof err);
    ck_assert_msg(rc == TDRE_OK, "opening %s: %s", name_or_path, err);
    return m;
}

double p2_tolerance(const p2_row *r)
{
    double mag = sqrt(r->x * r->x + r->y * r->y + r->z * r->z);
    return r->isv ? 0.002 + 5e-5 * mag : 0.02 + 5e-6 * mag;
}

double p2_component_diff(const tdre_field *fld, const p2_row *r)
{
    double x = r->isv ? fld->dx : fld->x;
    double y = r->isv ? fld->dy : fld->y;
    double z = r->isv ? fld->dz : fld->z;
    return fmax(fabs(x - r->x), fmax(fabs(y - r->y), fabs(z - r->z)));
}

void p2_legacy_outputs(const tdre_field *fld, int isv, double out[4])
{
    if (isv) {
        out[0] = fld->dx;
        out[1] = fld->dy;
        out[2] = fld->dz;
        out[3] = sqrt(out[0] * out[0] + out[1] * out[1] + out[2] * out[2]);
    } else {
        out[0] = fld->x;
        out[1] = fld->y;
        out[2] = fld->z;
        out[3] = fld->f;
    }
}

int p2_same_bits(double a, double b)
{
    uint64_t ua, ub;
    memcpy(&ua, &a, sizeof ua);
    memcpy(&ub, &b, sizeof ub);
    return ua == ub;
}

int p2_same_field(const tdre_field *a, const tdre_field *b)
{
    const double va[] = {a->x, a->y, a->z, a->h, a->f, a->d, a->i,
                         a->dx, a->dy, a->dz, a->dh, a->df, a->dd, a->di};
    const double vb[] = {b->x, b->y, b->z, b->h, b->f, b->d, b->i,
                         b->dx, b->dy, b->dz, b->dh, b->df, b->dd, b->di};
    for (size_t k = 0; k < sizeof va / sizeof va[0]; k++)
        if (!p2_same_bits(va[k], vb[k]))
            return 0;
    return a->flags == b->flags;
}

double p2_uniform(unsigned long long *s)
{
    uint64_t z = (*s += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    z = z ^ (z >> 31);
    return (double)(z >> 11) * 0x1.0p-53;
}

int p2_run(Suite *s)
{
    return tu_check_run(s);
}
