/*
 * vectors_fmt.h: doubles as text, byte for byte what printf("%.17g") writes,
 * several times faster (the C library's conversion alone would keep the
 * generator under its 10^6 rows/s floor).
 */
#ifndef TDRE_VECTORS_FMT_H
#define TDRE_VECTORS_FMT_H

#include <stddef.h>
#include <stdint.h>

/* Room buf must have. The longest text is 24 bytes
 * ("-2.2250738585072014e-308"); the formatter may write blocks of a constant
 * size past the end of the text, up to this size, and callers that write
 * several numbers into one line just leave this much room after the last. */
#define TDRE_VECTORS_FMT_MAX 32

/* Writes v as "%.17g" would into buf (at least TDRE_VECTORS_FMT_MAX bytes),
 * without a terminating NUL; returns the number of bytes of the text. */
size_t tdre_vectors_fmt_double(char *buf, double v);

/* 5^0 .. 5^27, every power of five below 2^63: with 10^k = 5^k 2^k, the
 * exact decimal scalings of the formatter and of the CSV reader. */
extern const uint64_t tdre_pow5[28];

#endif
