/*
 * coeffio.h: read a spherical-harmonic model from a coefficient file.
 *
 * Internal to tdre (not installed). Three formats, described in
 * ../shared/spec/coefficient-formats.md and docs/tables.md:
 *   TDRE_COEFFS_NOAA  NOAA/IAGA table (igrfNNcoeffs.txt), optional SV column;
 *   TDRE_COEFFS_SHC   SHC (IGRFnn.SHC): every column is a main-field epoch,
 *                     no SV (sv_nmax = 0), valid_to = last epoch;
 *   TDRE_COEFFS_COF   geomag70 COF: one record per epoch, SV in the last one.
 * TDRE_COEFFS_AUTO recognises the format from the first lines of the text.
 *
 * Both readers return TDRE_OK, or TDRE_EIO (file unreadable) / TDRE_EFORMAT
 * (malformed contents) with a one-line message "file:line: what" in err.
 * On error *out is cleared (all zero): a half-read model is never returned.
 * The readers accept CRLF line ends and a UTF-8 byte order mark, read nothing
 * outside the given buffer and take time linear in its length.
 */
#ifndef TDRE_COEFFIO_H
#define TDRE_COEFFIO_H

#include <stddef.h>

#include "coeffs.h"

enum {
    TDRE_COEFFS_AUTO = 0,
    TDRE_COEFFS_NOAA = 1,
    TDRE_COEFFS_SHC = 2,
    TDRE_COEFFS_COF = 3
};

/* Reads the file at path. out->name is the file's base name without its
 * extension, truncated to TDRE_COEFFS_NAMELEN - 1 characters. */
int tdre_coeffs_read(const char *path, int format, tdre_coeffs *out,
                     char *err, size_t errlen);

/* Parses len bytes of text (NUL not required; NUL bytes are malformed input).
 * name is used in messages and, like a path, for out->name. */
int tdre_coeffs_parse(const char *name, const char *text, size_t len,
                      int format, tdre_coeffs *out, char *err, size_t errlen);

/* "auto", "noaa", "shc", "cof" to the constants above; -1 if unknown. */
int tdre_coeffs_format_from_name(const char *name);

/* The name of a format constant ("noaa", ...), or "?" */
const char *tdre_coeffs_format_name(int format);

#endif
