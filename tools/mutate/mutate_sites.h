/*
 * mutate_sites.h: the mutants of one C source file.
 *
 * A mutant is one small textual change at one place: an arithmetic operator
 * swapped (+ -, * /, a unary minus dropped, += -=, *= /=), && and ||
 * swapped, a comparison negated or its boundary moved, a numeric constant
 * nudged in its last written digit (until the compiled value changes), an
 * array index or 1-based index-macro argument off by one, or an expression
 * statement deleted. Only executable code and initializers are mutated:
 * never declarators, array sizes, strings, comments or preprocessor lines.
 */
#ifndef TDRE_MUTATE_SITES_H
#define TDRE_MUTATE_SITES_H

#include <stddef.h>

#include "mutate_lex.h"

typedef struct {
    size_t start, end;   /* source bytes replaced */
    char *with;          /* replacement text */
    const char *kind;    /* arith, logic, compare, const, index, delete */
    int line, col;
    char *desc;          /* human readable: what became what */
    char *orig;          /* the original source line, blanks collapsed */
    char *key;           /* stable name: file, line text, change, occurrence */
} mut_site;

typedef struct {
    mut_site *site;
    size_t n;
} mut_sites;

/* Finds every mutant of the lexed file; name (the file's base name) goes
 * into the keys. 0 or -1 (no memory). */
int mut_sites_find(const mut_lexed *lx, const char *name, mut_sites *out);
void mut_sites_free(mut_sites *ms);

/* Writes the source with mutant s applied to path ("-" standard output).
 * 0 or -1 (errno set). */
int mut_site_write(const mut_lexed *lx, const mut_site *s, const char *path);

#endif
