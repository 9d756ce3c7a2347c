/*
 * tdre.h: the tdre geomagnetic field library (phase 2 of the IGRF-11 port).
 *
 * Error convention, shared by every function of the library: a function that
 * can fail returns an int, 0 (TDRE_OK) on success or one of the codes below;
 * where it takes an error buffer it writes a one-line message there.
 * The library never prints and never exits.
 */
#ifndef TDRE_H
#define TDRE_H

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

#ifdef __cplusplus
}
#endif

#endif
