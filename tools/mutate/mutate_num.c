/*
 * mutate_num.c: numeric literals nudged in their last digit (mutate_num.h).
 */
#include "mutate_num.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

static int is_float_literal(const char *s)
{
    if (strchr(s, '.')) return 1;
    return strpbrk(s, "eE") != NULL;
}

/* The value the compiler gives the literal, as a double. */
static double value(const char *s, int single)
{
    if (!is_float_literal(s)) return (double)strtoull(s, NULL, 10);
    return single ? (double)strtof(s, NULL) : strtod(s, NULL);
}

/* Adds one to the last mantissa digit of s (mantissa = s[0..mend)), with
 * carry; may grow s by one leading digit (s has room). Returns the new mend. */
static size_t bump(char *s, size_t mend)
{
    for (size_t i = mend; i-- > 0;) {
        if (s[i] == '.') continue;
        if (s[i] < '9') {
            s[i]++;
            return mend;
        }
        s[i] = '0';
    }
    memmove(s + 1, s, strlen(s) + 1);
    s[0] = '1';
    return mend + 1;
}

char *mut_num_nudge(const char *literal)
{
    size_t n = strlen(literal);
    if (n > 1 && literal[0] == '0' && isdigit((unsigned char)literal[1])) return NULL;
    if (n > 1 && literal[0] == '0' && (literal[1] == 'x' || literal[1] == 'X')) return NULL;
    size_t mend = 0;
    while (mend < n && (isdigit((unsigned char)literal[mend]) || literal[mend] == '.')) mend++;
    if (mend == 0) return NULL;
    int single = is_float_literal(literal) && strpbrk(literal + mend, "fF") != NULL;
    double orig = value(literal, single);
    char *s = malloc(n + 64);
    if (!s) return NULL;
    memcpy(s, literal, n + 1);
    for (int step = 0; step < 100000 && strlen(s) < n + 60; step++) {
        mend = bump(s, mend);
        if (value(s, single) != orig) return s;
    }
    free(s);
    return NULL;
}
