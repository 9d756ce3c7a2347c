/*
 * geomag_parse.c: the input syntax of geomag70 (../shared/spec/geomag70.md),
 * strict where geomag70 guessed: a field either means one thing or is
 * reported.
 */
#include "geomag.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Longest number text accepted; longer ones are malformed, not truncated. */
#define NUMBER_MAX 40

/* A field as quoted in a message: control bytes shown as '?', so a message
 * cannot move a terminal's cursor. */
typedef struct shown { char text[TDRE_GEOMAG_FIELDLEN + 8]; } shown;

static shown show(const char *s)
{
    shown out;
    size_t k = 0;
    for (; s[k] && k + 1 < sizeof out.text; k++)
        out.text[k] = ((unsigned char)s[k] < 0x20 || s[k] == 0x7f) ? '?' : s[k];
    out.text[k] = '\0';
    return out;
}

/* A decimal number: optional sign, digits with at most one point, at least
 * one digit, nothing else (no exponent, no "nan", no hex). len characters
 * of s are read. */
static int parse_number(const char *s, size_t len, double *value)
{
    char buf[NUMBER_MAX + 1];
    size_t k = 0, digits = 0, points = 0;
    if (len == 0 || len > NUMBER_MAX) return -1;
    if (s[0] == '+' || s[0] == '-') k = 1;
    for (; k < len; k++) {
        if (isdigit((unsigned char)s[k])) digits++;
        else if (s[k] == '.') points++;
        else return -1;
    }
    if (digits == 0 || points > 1) return -1;
    memcpy(buf, s, len);
    buf[len] = '\0';
    *value = strtod(buf, NULL);
    return 0;
}

/* An unsigned integer of at most 9 digits (years, months, days). */
static int parse_count(const char *s, size_t len, long *value)
{
    long v = 0;
    if (len == 0 || len > 9) return -1;
    for (size_t k = 0; k < len; k++) {
        if (!isdigit((unsigned char)s[k])) return -1;
        v = v * 10 + (s[k] - '0');
    }
    *value = v;
    return 0;
}

int tdre_geomag_leap(long year)
{
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

static int days_in_month(long year, long month)
{
    static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    return days[month - 1] + (month == 2 && tdre_geomag_leap(year));
}

/* yyyy,mm,dd as geomag70 counts it: the leap day enters numerator and
 * denominator only after February, so 1 January is year + 1/365 in every
 * year (spec: "1 January is year + 1/365, not year + 0"). */
static int parse_ymd(const char *s, double *year, char *err, size_t errlen)
{
    static const int before[12] = { 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334 };
    const char *c1 = strchr(s, ','), *c2 = c1 ? strchr(c1 + 1, ',') : NULL;
    long y, m, d;
    int leap;
    if (!c2 || strchr(c2 + 1, ',')) {
        snprintf(err, errlen, "date '%s' is not yyyy,mm,dd", show(s).text);
        return TDRE_GEOMAG_MALFORMED;
    }
    if (parse_count(s, (size_t)(c1 - s), &y) || parse_count(c1 + 1, (size_t)(c2 - c1 - 1), &m)
        || parse_count(c2 + 1, strlen(c2 + 1), &d)) {
        snprintf(err, errlen, "date '%s' is not yyyy,mm,dd (whole numbers)", show(s).text);
        return TDRE_GEOMAG_MALFORMED;
    }
    if (m < 1 || m > 12) {
        snprintf(err, errlen, "date '%s': month %ld is not 1..12", show(s).text, m);
        return TDRE_GEOMAG_MALFORMED;
    }
    if (d < 1 || d > days_in_month(y, m)) {
        snprintf(err, errlen, "date '%s': day %ld is not 1..%d", show(s).text, d,
                 days_in_month(y, m));
        return TDRE_GEOMAG_MALFORMED;
    }
    leap = tdre_geomag_leap(y) && m > 2;
    *year = (double)y + (double)(before[m - 1] + d + leap) / (365.0 + leap);
    return 0;
}

int tdre_geomag_parse_date(const char *s, double *year, char *err, size_t errlen)
{
    if (strchr(s, ',')) return parse_ymd(s, year, err, errlen);
    if (parse_number(s, strlen(s), year)) {
        snprintf(err, errlen, "date '%s' is neither a decimal year nor yyyy,mm,dd", show(s).text);
        return TDRE_GEOMAG_MALFORMED;
    }
    return 0;
}

/* deg,min,sec: the sign is that of the first part that is not zero, so
 * "0,-30,0" is -0.5 and "-0,30,0" is +0.5, as geomag70 reads them. */
int tdre_geomag_parse_angle(const char *s, double *deg, char *err, size_t errlen)
{
    static const double scale[3] = { 1.0, 60.0, 3600.0 };
    const char *p = s;
    double sum = 0.0, part;
    int negative = -1, nparts = 0;
    for (;;) {
        const char *comma = strchr(p, ',');
        size_t len = comma ? (size_t)(comma - p) : strlen(p);
        if (nparts == 3) {
            snprintf(err, errlen, "angle '%s' has more than deg,min,sec", show(s).text);
            return TDRE_GEOMAG_MALFORMED;
        }
        if (len == 0 && nparts > 0) part = 0.0;
        else if (parse_number(p, len, &part)) {
            snprintf(err, errlen, "angle '%s' is not degrees or deg,min,sec", show(s).text);
            return TDRE_GEOMAG_MALFORMED;
        }
        if (negative < 0 && part != 0.0) negative = part < 0.0;
        sum += fabs(part) / scale[nparts++];
        if (!comma) break;
        p = comma + 1;
    }
    *deg = negative == 1 ? -sum : sum;
    return 0;
}

int tdre_geomag_parse_alt(const char *s, double *km, char *err, size_t errlen)
{
    double v;
    int unit = toupper((unsigned char)s[0]);
    if ((unit != 'K' && unit != 'M' && unit != 'F') || parse_number(s + 1, strlen(s + 1), &v)) {
        snprintf(err, errlen, "altitude '%s' is not K, M or F followed by a number", show(s).text);
        return TDRE_GEOMAG_MALFORMED;
    }
    if (unit == 'K') *km = v;
    else if (unit == 'M') *km = v / 1000.0;
    else *km = v * 0.0003048;
    return 0;
}

int tdre_geomag_parse_coord(const char *s, int *coord, char *err, size_t errlen)
{
    if (strlen(s) == 1 && toupper((unsigned char)s[0]) == 'D') *coord = TDRE_GEODETIC;
    else if (strlen(s) == 1 && toupper((unsigned char)s[0]) == 'C') *coord = TDRE_GEOCENTRIC;
    else {
        snprintf(err, errlen, "coordinate system '%s' is neither D (geodetic) nor C (geocentric)",
                 show(s).text);
        return TDRE_GEOMAG_MALFORMED;
    }
    return 0;
}

int tdre_geomag_parse_fields(char *const field[5], tdre_geomag_input *in,
                             char *err, size_t errlen)
{
    memset(in, 0, sizeof *in);
    for (int k = 0; k < 5; k++)
        snprintf(in->text[k], sizeof in->text[k], "%s", field[k]);
    for (int k = 0; k < 5; k++) {
        if (strlen(field[k]) >= TDRE_GEOMAG_FIELDLEN) {
            snprintf(err, errlen, "field %d is longer than %d characters", k + 1,
                     TDRE_GEOMAG_FIELDLEN - 1);
            return TDRE_GEOMAG_MALFORMED;
        }
    }
    if (tdre_geomag_parse_date(field[0], &in->date, err, errlen)
        || tdre_geomag_parse_coord(field[1], &in->coord, err, errlen)
        || tdre_geomag_parse_alt(field[2], &in->alt, err, errlen)
        || tdre_geomag_parse_angle(field[3], &in->lat, err, errlen)
        || tdre_geomag_parse_angle(field[4], &in->lon, err, errlen))
        return TDRE_GEOMAG_MALFORMED;
    if (fabs(in->lat) > 90.0) {
        snprintf(err, errlen, "latitude '%s' is beyond 90 degrees", show(field[3]).text);
        return TDRE_GEOMAG_POSITION_RANGE;
    }
    if (fabs(in->lon) > 360.0) {
        snprintf(err, errlen, "longitude '%s' is beyond 360 degrees", show(field[4]).text);
        return TDRE_GEOMAG_POSITION_RANGE;
    }
    return 0;
}

int tdre_geomag_split(char *line, char **field, int max)
{
    int n = 0;
    char *p = line;
    for (;;) {
        while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n' || *p == '\v' || *p == '\f')
            p++;
        if (!*p) return n;
        if (n < max) field[n] = p;
        n++;
        while (*p && !(*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n' || *p == '\v' || *p == '\f'))
            p++;
        if (*p) *p++ = '\0';
    }
}
