/*
 * stub_igrf11syn.c: the first step of test-driven reverse engineering.
 *
 * The interface of the legacy subroutine, and nothing else: every call
 * answers X = Y = Z = F = 0. Run against the oracle's vectors it makes every
 * comparison fail; the port is written until none does (docs/tutorial.md).
 *
 * Reads a vector file (CSV with the header isv,date,itype,alt,colat,elong
 * first) on standard input and writes a result file as tdre-eval does.
 */
#include <stdio.h>

static void igrf11syn(int isv, double date, int itype, double alt, double colat,
                      double elong, double *x, double *y, double *z, double *f)
{
    (void)isv, (void)date, (void)itype, (void)alt, (void)colat, (void)elong;
    *x = *y = *z = *f = 0.0;   /* not written yet */
}

int main(void)
{
    char line[1024];
    int isv, itype;
    double date, alt, colat, elong, x, y, z, f;
    if (!fgets(line, sizeof line, stdin)) return 1;   /* the header */
    puts("isv,date,itype,alt,colat,elong,x,y,z,f");
    while (fgets(line, sizeof line, stdin)) {
        if (sscanf(line, "%d,%lf,%d,%lf,%lf,%lf", &isv, &date, &itype, &alt, &colat,
                   &elong) != 6)
            return 1;
        igrf11syn(isv, date, itype, alt, colat, elong, &x, &y, &z, &f);
        printf("%d,%.17g,%d,%.17g,%.17g,%.17g,%.17g,%.17g,%.17g,%.17g\n", isv, date, itype,
               alt, colat, elong, x, y, z, f);
    }
    return 0;
}
