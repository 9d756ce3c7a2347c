/*
 * oracle.c: the C side of the Fortran oracle.
 */
#include "oracle.h"

/* gfortran's names: lower case, trailing underscore, arguments by address. */
void igrf11syn_(const int *isv, const double *date, const int *itype,
                const double *alt, const double *colat, const double *elong,
                double *x, double *y, double *z, double *f);
void tdrfl6_(void);

void tdre_oracle_igrf11syn(int isv, double date, int itype, double alt,
                           double colat, double elong,
                           double *x, double *y, double *z, double *f)
{
    igrf11syn_(&isv, &date, &itype, &alt, &colat, &elong, x, y, z, f);
}

void tdre_oracle_flush(void)
{
    tdrfl6_();
}
