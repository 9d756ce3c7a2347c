/*
 * test_phase2_install.c: a user's program, compiled against an installed
 * tdre through pkg-config by the phase2_install test (tests/phase2.cmake).
 * Prints the field at one place and exits 0 when it is plausible.
 */
#include <stdio.h>
#include <tdre.h>

int main(void)
{
    tdre_model *m;
    tdre_field fld;
    char err[256];
    if (tdre_model_open("igrf14", TDRE_PROFILE_EXACT, &m, err, sizeof err) != TDRE_OK ||
        tdre_model_eval(m, 2020.0, TDRE_GEODETIC, 0.0, 40.0, 15.0, &fld, err, sizeof err)
            != TDRE_OK) {
        fprintf(stderr, "installed tdre: %s\n", err);
        return 1;
    }
    printf("tdre %s: F = %.17g nT\n", tdre_version(), fld.f);
    tdre_model_free(m);
    return fld.f > 40000.0 && fld.f < 60000.0 ? 0 : 1;
}
