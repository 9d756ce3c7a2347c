/* error.c: the library's one error convention (tdre.h) and its names. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "model.h"

/* Writes a message into the caller's buffer (if any) and hands the code
 * back, so that a failing path reads `return tdre_seterr(...)`. */
int tdre_seterr(char *err, size_t errlen, int code, const char *fmt, ...)
{
    if (err != NULL && errlen > 0) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err, errlen, fmt, ap);
        va_end(ap);
    }
    return code;
}

const char *tdre_strerror(int code)
{
    switch (code) {
    case TDRE_OK: return "ok";
    case TDRE_EIO: return "I/O error";
    case TDRE_EFORMAT: return "malformed file";
    case TDRE_EDOMAIN: return "argument outside the model's domain";
    case TDRE_EINVAL: return "invalid argument";
    case TDRE_ENOMEM: return "out of memory";
    default: return "unknown error";
    }
}

static const char *const profile_names[] = {"exact", "legacy", "geomag70"};

const char *tdre_profile_name(int profile)
{
    if (profile < 0 || profile > TDRE_PROFILE_GEOMAG70)
        return NULL;
    return profile_names[profile];
}

int tdre_profile_from_name(const char *name)
{
    if (name == NULL)
        return -1;
    for (int p = 0; p <= TDRE_PROFILE_GEOMAG70; p++)
        if (strcasecmp(name, profile_names[p]) == 0)
            return p;
    return -1;
}

const char *tdre_field_status(const tdre_field *fld)
{
    if (fld->flags & TDRE_FLAG_BAD_INPUT)
        return "invalid-input";
    if (fld->flags & TDRE_FLAG_BAD_DATE)
        return "date-out-of-range";
    if (fld->flags & TDRE_FLAG_BAD_POSITION)
        return "position-out-of-range";
    return "ok";
}

const char *tdre_version(void)
{
    return TDRE_VERSION_STRING;
}
