/*
 * tdre.h: the tdre geomagnetic field library (phase 2 of the IGRF-11 port).
 *
 * Error convention, shared by every function of the library: a function that
 * can fail returns an int, 0 (TDRE_OK) on success or one of the codes below;
 * where it takes an error buffer it writes a one-line message there.
 * The library never prints and never exits.
 *
 * Usage:
 *
 *     tdre_model *m;
 *     char err[256];
 *     tdre_field fld;
 *     if (tdre_model_open("igrf14", TDRE_PROFILE_EXACT, &m, err, sizeof err))
 *         ... report err ...
 *     if (tdre_model_eval(m, 2020.5, TDRE_GEODETIC, 0.0, 40.0, 15.0, &fld,
 *                         err, sizeof err))
 *         ... report err ...
 *     tdre_model_free(m);
 *
 * A model handle is immutable once created: any number of threads may
 * evaluate the same handle at the same time. The library holds no global
 * state.
 *
 * Units everywhere: dates in decimal years (2020.5 is 1 July 2020, near
 * enough); angles in degrees; lengths in km; field components in nT, their
 * secular variation in nT/yr; declination and inclination in degrees, their
 * secular variation in degrees/yr.
 *
 * Geometry: colatitude (0 at the north pole, 180 at the south pole) and east
 * longitude, as the legacy IGRF11SYN takes them, so that legacy inputs reach
 * the arithmetic unchanged. With TDRE_GEODETIC the colatitude is geodetic
 * (90 - geodetic latitude) and alt the height above the reference ellipsoid;
 * with TDRE_GEOCENTRIC the colatitude is geocentric and alt the distance from
 * the centre of the Earth. X points north, Y east, Z down, in the frame of
 * the input (geodetic or geocentric).
 */
#ifndef TDRE_H
#define TDRE_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

enum {
    TDRE_OK = 0,
    TDRE_EIO = 1,      /* a file could not be opened or read */
    TDRE_EFORMAT = 2,  /* a file's contents are malformed */
    TDRE_EDOMAIN = 3,  /* an argument is outside the model's domain (date, position) */
    TDRE_EINVAL = 4,   /* an argument is invalid (NaN, unknown option, null) */
    TDRE_ENOMEM = 5    /* out of memory */
};

/* Numeric profiles (docs/phase2.md states the bound between them).
 * EXACT     decimal coefficients, pi/180, WGS84 (a = 6378.137 km,
 *           f = 1/298.257223563), the epoch interval that holds the date;
 *           any model. The default.
 * LEGACY    the arithmetic of igrf11.f bit for bit (single-precision
 *           coefficients and constants, its epoch index arithmetic with its
 *           defects, see tdre_model_legacy_defect); for models laid out as
 *           igrf11.f .. igrf13.f are: 5-year epochs from 1900, SV for the
 *           last one (IGRF-11 .. IGRF-14).
 * GEOMAG70  the arithmetic of NGDC geomag 7.0: its constants, the record
 *           chosen by valid range, SV as the one-year difference
 *           value(date + 1) - value(date) with the record chosen for date;
 *           reproduces its printed digits. */
enum {
    TDRE_PROFILE_EXACT = 0,
    TDRE_PROFILE_LEGACY = 1,
    TDRE_PROFILE_GEOMAG70 = 2
};

/* Coordinate systems of a position (the legacy ITYPE values). */
enum {
    TDRE_GEODETIC = 1,    /* WGS84 (legacy profile: its own spheroid) */
    TDRE_GEOCENTRIC = 2   /* sphere; alt is the radius */
};

/* Coefficient file formats (docs/tables.md). AUTO recognises the format. */
enum {
    TDRE_FORMAT_AUTO = 0,
    TDRE_FORMAT_NOAA = 1,   /* NOAA/IAGA table igrfNNcoeffs.txt */
    TDRE_FORMAT_SHC = 2,    /* IAGA SHC file IGRFnn.SHC */
    TDRE_FORMAT_COF = 3     /* geomag70 .COF (IGRF12.COF, WMM2015.COF) */
};

/* Bits of tdre_field.flags. */
#define TDRE_FLAG_EXTRAPOLATED  0x01u /* date after the last main-field epoch:
                                         extrapolated with the model's SV */
#define TDRE_FLAG_LEGACY_WARN   0x02u /* legacy and geomag70 profiles: a date for
                                         which the program prints its warning
                                         (igrf11.f: after 2015; geomag70: in the
                                         year after the model's end) */
#define TDRE_FLAG_POLE          0x04u /* geomag70 profile: within 0.001 degree of
                                         a pole; x, y, d and their SV are NaN */
#define TDRE_FLAG_BAD_DATE      0x10u /* row failed: date outside the model */
#define TDRE_FLAG_BAD_POSITION  0x20u /* row failed: position outside the domain */
#define TDRE_FLAG_BAD_INPUT     0x40u /* row failed: NaN/infinite input or bad coord */
#define TDRE_FLAG_FAILED        0x70u /* any of the three above */

/* The field at one point. When evaluation fails every double is NaN and
 * flags says why. d is NaN where H is 0 (geomag70 profile: H < 100 nT). */
typedef struct tdre_field {
    double x, y, z;      /* north, east, down components, nT */
    double h, f;         /* horizontal and total intensity, nT */
    double d, i;         /* declination (east of north), inclination (down), deg */
    double dx, dy, dz;   /* secular variation of x, y, z, nT/yr */
    double dh, df;       /* secular variation of h, f, nT/yr */
    double dd, di;       /* secular variation of d, i, deg/yr */
    unsigned flags;      /* TDRE_FLAG_* */
} tdre_field;

/* One point of a batch. coord is TDRE_GEODETIC or TDRE_GEOCENTRIC. */
typedef struct tdre_point {
    double date;         /* decimal year */
    double alt;          /* km: height (geodetic) or radius (geocentric) */
    double colat;        /* colatitude, degrees */
    double elong;        /* east longitude, degrees */
    int coord;
} tdre_point;

/* What a batch computes; fields not computed are NaN. */
#define TDRE_WANT_MAIN     0x1u  /* x, y, z, f (always computed) */
#define TDRE_WANT_SV       0x2u  /* dx, dy, dz */
#define TDRE_WANT_ELEMENTS 0x4u  /* h, d, i, and with SV dh, df, dd, di */
#define TDRE_WANT_ALL      0x7u

typedef struct tdre_batch_options {
    int nthreads;     /* 0 or 1: the calling thread only; n > 1: n threads
                         (at most 64, and one per 1024 points);
                         -1: one thread per online processor */
    unsigned want;    /* TDRE_WANT_* bits; 0 means TDRE_WANT_ALL */
} tdre_batch_options;

typedef struct tdre_model tdre_model;   /* opaque, immutable after creation */

/* Creates a handle for a built-in model: "igrf11", "igrf12", "igrf13" or
 * "igrf14" (case ignored). profile is TDRE_PROFILE_*. Returns TDRE_OK;
 * TDRE_EINVAL for an unknown name or profile, or a model the profile cannot
 * evaluate (legacy needs the igrf11.f layout); TDRE_ENOMEM. */
int tdre_model_builtin(const char *name, int profile, tdre_model **out,
                       char *err, size_t errlen);

/* Creates a handle from a coefficient file (format TDRE_FORMAT_*). Returns
 * TDRE_EIO (unreadable) or TDRE_EFORMAT (malformed) with "file:line: what",
 * or the codes of tdre_model_builtin. A file in SHC form carries no SV: its
 * last epoch is the predicted field five years on (for the legacy profile
 * the SV is recovered from it as (last - previous) / 5). */
int tdre_model_load(const char *path, int format, int profile,
                    tdre_model **out, char *err, size_t errlen);

/* tdre_model_builtin if name_or_path is a built-in name, otherwise
 * tdre_model_load with TDRE_FORMAT_AUTO. */
int tdre_model_open(const char *name_or_path, int profile, tdre_model **out,
                    char *err, size_t errlen);

/* Frees a handle (NULL is allowed). */
void tdre_model_free(tdre_model *m);

/* The model's name ("IGRF11", "WMM2015", a file's base name). */
const char *tdre_model_name(const tdre_model *m);

/* The profile the handle was created with. */
int tdre_model_profile(const tdre_model *m);

/* The dates the handle accepts, inclusive, decimal years. Exact profile:
 * the model's validity (e.g. 1900 .. 2015 for IGRF-11, 2014.75 .. 2020 for
 * WMM-2015); legacy: those of igrf11.f (1900 .. last epoch + 10, so 2020 for
 * IGRF-11); geomag70: the model's validity and one more year, as geomag70
 * (with a warning, TDRE_FLAG_LEGACY_WARN). */
void tdre_model_range(const tdre_model *m, double *from, double *to);

/* Highest degree of the model. */
int tdre_model_degree(const tdre_model *m);

/* Evaluates the model at one point: main field, secular variation and the
 * elements. Checks: all inputs finite, coord valid (else TDRE_EINVAL); date
 * in tdre_model_range, a radius (after the geodetic conversion) of at least
 * 1 m (else TDRE_EDOMAIN); exact profile also a colatitude in [0, 180]
 * (else TDRE_EDOMAIN). The legacy and geomag70 profiles take any other
 * finite position, as their programs do.
 * On failure every double of *out is NaN, out->flags says why, and err holds
 * the message. */
int tdre_model_eval(const tdre_model *m, double date, int coord, double alt,
                    double colat, double elong, tdre_field *out,
                    char *err, size_t errlen);

/* The legacy call shape, for one point and one of main field or SV:
 * xyzf = x, y, z, f (isv = 0) or dx, dy, dz and the root of their squares
 * (isv = 1), as IGRF11SYN returns them. Same bits as tdre_model_eval, at
 * about half its cost. Errors as tdre_model_eval (xyzf then NaN). */
int tdre_model_eval_xyz(const tdre_model *m, int isv, double date, int coord,
                        double alt, double colat, double elong, double xyzf[4],
                        char *err, size_t errlen);

/* Evaluates n points: out[k] as tdre_model_eval would give for in[k] (bit
 * for bit in the legacy and geomag70 profiles; in the exact profile too, as
 * the same arithmetic is used). A failing row does not stop the others: its
 * fields are NaN, its flags say why, status[k] (if status is not NULL) gets
 * its code, 0 otherwise. Returns TDRE_OK when every row succeeded; else the
 * code of the first failing row, with "point K: message" in err. opt may be
 * NULL (one thread, everything). Consecutive points with the same date
 * share one coefficient interpolation. Fastest with want = TDRE_WANT_MAIN
 * (or MAIN | SV) when the elements are not needed. */
int tdre_model_eval_batch(const tdre_model *m, size_t n, const tdre_point *in,
                          tdre_field *out, int *status,
                          const tdre_batch_options *opt,
                          char *err, size_t errlen);

/* Known defects of the legacy epoch arithmetic (docs/phase2.md): nonzero when
 * the legacy program, evaluating a model laid out like m (IGRF-11 .. IGRF-14
 * with the legacy profile's layout), computes a wrong value at this date, for
 * the main field (isv = 0) or the secular variation (isv = 1). The value is
 * a bit set of TDRE_DEFECT_*. 0 for models without the legacy layout. */
#define TDRE_DEFECT_EARLY_INDEX  0x1 /* interval index moved up early: SV of
                                        the next interval */
#define TDRE_DEFECT_BASE_LAG     0x2 /* 1995+ base index behind the fraction's:
                                        coefficients of an epoch 5 years early */
#define TDRE_DEFECT_LAYOUT       0x4 /* index crosses the degree-10/13 layout
                                        switch or the SV block: interpolation
                                        with coefficients of another kind */
int tdre_model_legacy_defect(const tdre_model *m, double date, int isv);

/* The same for igrf11.f itself (IGRF-11 layout, epochs 1900 .. 2010). */
int tdre_legacy_defect(double date, int isv);

/* "ok", "date-out-of-range", "position-out-of-range" or "invalid-input"
 * from a field's flags: the status column of tdre-eval. */
const char *tdre_field_status(const tdre_field *fld);

/* A short English text for an error code ("ok", "I/O error", ...). */
const char *tdre_strerror(int code);

/* "exact", "legacy", "geomag70"; NULL for an unknown profile. */
const char *tdre_profile_name(int profile);

/* The profile with that name, or -1. */
int tdre_profile_from_name(const char *name);

/* The library version, "MAJOR.MINOR.PATCH". */
const char *tdre_version(void);

#ifdef __cplusplus
}
#endif

#endif
