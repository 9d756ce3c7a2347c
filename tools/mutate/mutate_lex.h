/*
 * mutate_lex.h: just enough of a C tokenizer to find mutation sites.
 *
 * Comments, string and character literals are kept as single tokens (so no
 * operator inside them is ever mutated) and preprocessor lines are skipped,
 * except that the names of function-like macros that index an array are
 * remembered: in phase 1 GH(i), P(k), ... are the Fortran's 1-based array
 * accesses, and their arguments are indices.
 */
#ifndef TDRE_MUTATE_LEX_H
#define TDRE_MUTATE_LEX_H

#include <stddef.h>

typedef enum { TOK_IDENT, TOK_NUMBER, TOK_PUNCT, TOK_STRING } mut_tok_kind;

typedef struct {
    mut_tok_kind kind;
    size_t start, len;  /* byte range in the source */
    int line, col;      /* 1-based */
} mut_token;

typedef struct {
    const char *src;
    size_t srclen;
    mut_token *tok;
    size_t ntok;
    char **macros;      /* names of array-indexing function-like macros */
    size_t nmacros;
} mut_lexed;

/* Tokenizes src (not copied; must outlive the result). 0 or -1 (no memory). */
int mut_lex(const char *src, size_t len, mut_lexed *out);
void mut_lex_free(mut_lexed *lx);

/* True when token t is the punctuator or identifier s. */
int mut_tok_is(const mut_lexed *lx, size_t t, const char *s);

/* True when token t names a function-like macro of the file. */
int mut_tok_is_macro(const mut_lexed *lx, size_t t);

#endif
