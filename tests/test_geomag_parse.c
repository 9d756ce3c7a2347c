/*
 * test_geomag_parse.c: tdre-geomag's input syntax and angle layout on the
 * examples of ../shared/spec/geomag70.md (expected values are the spec's
 * rules written out by hand, not the parser's output).
 */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "geomag.h"
#include "tu_check.h"

static char err[256];

static double date_of(const char *s)
{
    double y = NAN;
    ck_assert_msg(tdre_geomag_parse_date(s, &y, err, sizeof err) == 0, "%s: %s", s, err);
    return y;
}

static void date_rejected(const char *s, const char *why)
{
    double y;
    ck_assert_msg(tdre_geomag_parse_date(s, &y, err, sizeof err) == TDRE_GEOMAG_MALFORMED,
                  "'%s' accepted as %.17g", s, y);
    ck_assert_msg(strstr(err, why) != NULL, "'%s': message '%s' lacks '%s'", s, err, why);
}

static double angle_of(const char *s)
{
    double d = NAN;
    ck_assert_msg(tdre_geomag_parse_angle(s, &d, err, sizeof err) == 0, "%s: %s", s, err);
    return d;
}

static void angle_rejected(const char *s)
{
    double d;
    ck_assert_msg(tdre_geomag_parse_angle(s, &d, err, sizeof err) == TDRE_GEOMAG_MALFORMED,
                  "'%s' accepted as %.17g", s, d);
}

START_TEST(decimal_dates)
{
    ck_assert(date_of("2014.5") == 2014.5);
    ck_assert(date_of("2019.8849") == 2019.8849);
    ck_assert(date_of("2020") == 2020.0);
    date_rejected("2014.5x", "neither");
    date_rejected("", "neither");
    date_rejected("nan", "neither");
    date_rejected("1e3", "neither");
    date_rejected("20.14.5", "neither");
}
END_TEST

/* year + (days before the month + day + leap) / (365 + leap), leap = 1 in a
 * leap year after February; 1 January is year + 1/365. */
START_TEST(calendar_dates_day_of_year)
{
    ck_assert(date_of("2015,1,1") == 2015.0 + 1.0 / 365.0);
    ck_assert(date_of("2016,1,1") == 2016.0 + 1.0 / 365.0);
    ck_assert(date_of("2013,10,7") == 2013.0 + (273.0 + 7.0) / 365.0);
    ck_assert(date_of("2014,11,19") == 2014.0 + (304.0 + 19.0) / 365.0);
    ck_assert(date_of("2015,3,1") == 2015.0 + (59.0 + 1.0) / 365.0);
    ck_assert(date_of("2016,2,29") == 2016.0 + (31.0 + 29.0) / 365.0);
    ck_assert(date_of("2016,3,1") == 2016.0 + (59.0 + 1.0 + 1.0) / 366.0);
    ck_assert(date_of("2016,12,31") == 2016.0 + (334.0 + 31.0 + 1.0) / 366.0);
    ck_assert(date_of("2000,3,1") == 2000.0 + 61.0 / 366.0);   /* 400-year rule */
    ck_assert(date_of("1900,3,1") == 1900.0 + 60.0 / 365.0);   /* 100-year rule */
    ck_assert(date_of("2018,04,07") == 2018.0 + (90.0 + 7.0) / 365.0);
}
END_TEST

START_TEST(calendar_dates_rejected)
{
    date_rejected("2015,13,1", "month 13");
    date_rejected("2015,0,1", "month 0");
    date_rejected("2015,1,32", "day 32");
    date_rejected("2015,1,0", "day 0");
    date_rejected("2015,2,30", "day 30");
    date_rejected("2016,2,30", "day 30");
    date_rejected("2015,2,29", "day 29");
    date_rejected("1900,2,29", "day 29");
    date_rejected("2015,4,31", "day 31");
    date_rejected("2015,1", "yyyy,mm,dd");
    date_rejected("2015,1,1,1", "yyyy,mm,dd");
    date_rejected("2015,1,1.5", "yyyy,mm,dd");
    date_rejected("2015,-1,1", "yyyy,mm,dd");
    date_rejected("2015,,1", "yyyy,mm,dd");
    date_rejected("2015,1,99999999999", "yyyy,mm,dd");
}
END_TEST

START_TEST(angles_spec_examples)
{
    ck_assert(angle_of("70.3") == 70.3);
    ck_assert(angle_of("-70.3") == -70.3);
    ck_assert(angle_of("-30,8,") == -(30.0 + 8.0 / 60.0));
    ck_assert(angle_of("0,-30,0") == -0.5);
    ck_assert(angle_of("-0,30,0") == 0.5);     /* "-0,30,0 cannot be written" */
    ck_assert(angle_of("43,22,1") == 43.0 + 22.0 / 60.0 + 1.0 / 3600.0);
    ck_assert(angle_of("-54,36,9") == -(54.0 + 36.0 / 60.0 + 9.0 / 3600.0));
    ck_assert(angle_of("-70,18,0") == -(70.0 + 18.0 / 60.0));
    ck_assert(angle_of("0,0,-36") == -0.01);
    ck_assert(angle_of("10,") == 10.0);
    ck_assert(angle_of("0.0") == 0.0);
}
END_TEST

START_TEST(angles_rejected)
{
    angle_rejected("");
    angle_rejected("abc");
    angle_rejected("1,2,3,4");
    angle_rejected(",30,0");
    angle_rejected("30,x,0");
    angle_rejected("inf");
    angle_rejected("1e2");
    angle_rejected("-");
}
END_TEST

START_TEST(altitude_units)
{
    double km = NAN;
    ck_assert_int_eq(tdre_geomag_parse_alt("K100", &km, err, sizeof err), 0);
    ck_assert(km == 100.0);
    ck_assert_int_eq(tdre_geomag_parse_alt("M1042", &km, err, sizeof err), 0);
    ck_assert(km == 1042.0 / 1000.0);
    ck_assert_int_eq(tdre_geomag_parse_alt("F30000", &km, err, sizeof err), 0);
    ck_assert(km == 30000.0 * 0.0003048);
    ck_assert_int_eq(tdre_geomag_parse_alt("k1.3", &km, err, sizeof err), 0);
    ck_assert(km == 1.3);
    ck_assert_int_eq(tdre_geomag_parse_alt("K-0.5", &km, err, sizeof err), 0);
    ck_assert(km == -0.5);
    ck_assert_int_eq(tdre_geomag_parse_alt("100", &km, err, sizeof err), TDRE_GEOMAG_MALFORMED);
    ck_assert_int_eq(tdre_geomag_parse_alt("X100", &km, err, sizeof err), TDRE_GEOMAG_MALFORMED);
    ck_assert_int_eq(tdre_geomag_parse_alt("K", &km, err, sizeof err), TDRE_GEOMAG_MALFORMED);
    ck_assert_int_eq(tdre_geomag_parse_alt("Kten", &km, err, sizeof err), TDRE_GEOMAG_MALFORMED);
    ck_assert_int_eq(tdre_geomag_parse_alt("", &km, err, sizeof err), TDRE_GEOMAG_MALFORMED);
}
END_TEST

START_TEST(coordinate_systems)
{
    int c = 0;
    ck_assert_int_eq(tdre_geomag_parse_coord("D", &c, err, sizeof err), 0);
    ck_assert_int_eq(c, TDRE_GEODETIC);
    ck_assert_int_eq(tdre_geomag_parse_coord("c", &c, err, sizeof err), 0);
    ck_assert_int_eq(c, TDRE_GEOCENTRIC);
    ck_assert_int_eq(tdre_geomag_parse_coord("G", &c, err, sizeof err), TDRE_GEOMAG_MALFORMED);
    ck_assert_int_eq(tdre_geomag_parse_coord("DD", &c, err, sizeof err), TDRE_GEOMAG_MALFORMED);
}
END_TEST

START_TEST(fields_and_latitude_range)
{
    char f0[] = "2014.5", f1[] = "D", f2[] = "K100", f3[] = "90,0,1", f4[] = "30.8";
    char *field[5] = { f0, f1, f2, f3, f4 };
    tdre_geomag_input in;
    ck_assert_int_eq(tdre_geomag_parse_fields(field, &in, err, sizeof err),
                     TDRE_GEOMAG_POSITION_RANGE);
    ck_assert_ptr_nonnull(strstr(err, "latitude"));
    strcpy(f3, "-90");
    ck_assert_int_eq(tdre_geomag_parse_fields(field, &in, err, sizeof err), TDRE_GEOMAG_OK);
    ck_assert(in.lat == -90.0 && in.lon == 30.8 && in.alt == 100.0 && in.date == 2014.5);
    ck_assert_str_eq(in.text[2], "K100");
    strcpy(f3, "91");
    ck_assert_int_eq(tdre_geomag_parse_fields(field, &in, err, sizeof err),
                     TDRE_GEOMAG_POSITION_RANGE);
    strcpy(f3, "9x");
    ck_assert_int_eq(tdre_geomag_parse_fields(field, &in, err, sizeof err),
                     TDRE_GEOMAG_MALFORMED);
    ck_assert_str_eq(in.text[3], "9x");   /* kept for the echo */
}
END_TEST

START_TEST(split_at_blanks)
{
    char line[] = "  2019.5 D\tK100  70.3 30.8 extra more\r\n";
    char *field[5];
    ck_assert_int_eq(tdre_geomag_split(line, field, 5), 7);
    ck_assert_str_eq(field[0], "2019.5");
    ck_assert_str_eq(field[2], "K100");
    ck_assert_str_eq(field[4], "30.8");
    char blank[] = " \t\r\n";
    ck_assert_int_eq(tdre_geomag_split(blank, field, 5), 0);
}
END_TEST

/* Degrees truncated toward zero, minutes positive unless degrees are 0. */
START_TEST(degrees_and_minutes)
{
    char buf[32];
    tdre_geomag_format_dm(buf, sizeof buf, -0.62);
    ck_assert_str_eq(buf, "   0d -37m");
    tdre_geomag_format_dm(buf, sizeof buf, -11.28);
    ck_assert_str_eq(buf, " -11d 17m");
    tdre_geomag_format_dm(buf, sizeof buf, 13.85);
    ck_assert_str_eq(buf, "  13d 51m");
    tdre_geomag_format_dm(buf, sizeof buf, -60.47);
    ck_assert_str_eq(buf, " -60d 28m");
    tdre_geomag_format_dm(buf, sizeof buf, NAN);
    ck_assert_str_eq(buf, "      NaN");
}
END_TEST

int main(void)
{
    Suite *s = suite_create("geomag_parse");
    TCase *tc = tcase_create("parse");
    tcase_add_test(tc, decimal_dates);
    tcase_add_test(tc, calendar_dates_day_of_year);
    tcase_add_test(tc, calendar_dates_rejected);
    tcase_add_test(tc, angles_spec_examples);
    tcase_add_test(tc, angles_rejected);
    tcase_add_test(tc, altitude_units);
    tcase_add_test(tc, coordinate_systems);
    tcase_add_test(tc, fields_and_latitude_range);
    tcase_add_test(tc, split_at_blanks);
    tcase_add_test(tc, degrees_and_minutes);
    suite_add_tcase(s, tc);
    return tu_check_run(s);
}
