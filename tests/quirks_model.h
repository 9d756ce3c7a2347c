/*
 * quirks_model.h: a test-only IGRF11SYN whose legacy traits can be switched
 * off one by one (docs/quirks.md).
 *
 * qm_igrf11syn(0, ...) is the legacy algorithm of port_c/phase1/igrf11syn.c
 * and must equal it bit for bit (tests/test_quirks.c asserts it on every
 * committed vector). Each QM_* bit replaces one legacy trait by the "clean"
 * alternative a modern implementation would use, so that a test can show
 * which vectors the trait decides and by how much.
 */
#ifndef TDRE_QUIRKS_MODEL_H
#define TDRE_QUIRKS_MODEL_H

enum {
    /* coefficients: the decimal as a double, not the float literal */
    QM_COEF_DECIMAL = 1u << 0,
    /* degrees to radians by M_PI / 180, not 0.017453292f */
    QM_DEG2RAD_PI = 1u << 1,
    /* a2, b2 from WGS84 a = 6378.137 km, f = 1/298.257223563 in double */
    QM_WGS84_EXACT = 1u << 2,
    /* reference radius 6371.2 as a double, not 6371.2f */
    QM_RADIUS_DOUBLE = 1u << 3,
    /* epoch arithmetic (DATE - 1900) / 5 in double, with one index for
     * fraction, block and degree; includes QM_INDEX_CONSISTENT and
     * QM_DEGREE_BY_BLOCK */
    QM_EPOCH_EXACT = 1u << 4,
    /* 0.2f arithmetic kept, but for 1995 <= DATE < 2010 the block comes from
     * the same index as the fraction t (not from trunc(0.2f (DATE - 1995))) */
    QM_INDEX_CONSISTENT = 1u << 5,
    /* degree and layout (10 / 13) follow the block the index selects, not
     * the comparison DATE >= 1995 */
    QM_DEGREE_BY_BLOCK = 1u << 6,
    /* ISV = 1 before 2010: tc = -1/5, t = 1/5 in double, not -0.2f, 0.2f */
    QM_SV_EXACT = 1u << 7,
    /* no st == 0 branch for Y: always divide by st */
    QM_NO_POLE_BRANCH = 1u << 8,
    /* out-of-range date: X, Y, Z, F all NaN (an error), not 0, 0, 0, 1e8 */
    QM_RANGE_NAN = 1u << 9,
    /* dates after 2015 (end of the SV interval) are out of range too */
    QM_VALID_TO_2015 = 1u << 10,
    /* ISV = 1: F is dF/dt = (X dX + Y dY + Z dZ) / F, not |(dX, dY, dZ)| */
    QM_SV_F_DERIVATIVE = 1u << 11,
    /* series products grouped right to left, e.g. (fn+1) (three P(k)) */
    QM_ASSOC_SERIES = 1u << 12,
    /* geodetic products grouped differently, e.g. (a2-b2) ct st / (rho r) */
    QM_ASSOC_GEODETIC = 1u << 13,
    /* (a/r)^(n+2) by pow(), not by repeated multiplication */
    QM_POW_RATIO = 1u << 14,
    /* cos(m phi), sin(m phi) directly, not by the angle-addition recurrence */
    QM_TRIG_DIRECT = 1u << 15,
    /* degree 13 for every date (the 1900-1990 models padded with zeros) */
    QM_DEGREE_13 = 1u << 16
};

#define QM_NTRAITS 17

/* Name of trait bit 1u << i ("coef-decimal", ...), NULL past the last. */
const char *qm_trait_name(int i);

/*
 * IGRF11SYN with the traits in clean (a set of QM_* bits) replaced.
 * Arguments and results as tdre_phase1_igrf11syn; writes no messages.
 */
void qm_igrf11syn(unsigned clean, int isv, double date, int itype, double alt,
                  double colat, double elong, double *x, double *y, double *z,
                  double *f);

/* The packed GH array the model uses: legacy (float literals) or decimal. */
const double *qm_gh(int decimal);

#endif
