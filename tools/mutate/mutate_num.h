/*
 * mutate_num.h: a numeric literal nudged in its last written digit.
 */
#ifndef TDRE_MUTATE_NUM_H
#define TDRE_MUTATE_NUM_H

/*
 * Returns the literal with its last mantissa digit raised by one (with carry),
 * repeated until the value the compiler makes of it changes: 0.017453292f
 * becomes the next decimal that is a different float, so that no mutant is
 * the same program. Malloc'd; NULL for literals it does not handle (hex,
 * octal) or when out of memory.
 */
char *mut_num_nudge(const char *literal);

#endif
