/*
 * mutate_lex.c: the tokenizer of the mutant generator (see mutate_lex.h).
 */
#include "mutate_lex.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* Longest punctuators first, so "<<=" is never read as "<" "<=". */
static const char *const puncts[] = {
    "<<=", ">>=", "...", "->", "++", "--", "<<", ">>", "<=", ">=", "==", "!=",
    "&&", "||", "*=", "/=", "%=", "+=", "-=", "&=", "^=", "|=", "##", NULL
};

typedef struct {
    mut_lexed *lx;
    size_t cap;
    size_t pos;
    int line, col;
} lexer;

static void advance(lexer *L, size_t n)
{
    for (size_t i = 0; i < n && L->pos < L->lx->srclen; i++) {
        if (L->lx->src[L->pos] == '\n') {
            L->line++;
            L->col = 1;
        } else {
            L->col++;
        }
        L->pos++;
    }
}

static int push(lexer *L, mut_tok_kind kind, size_t len)
{
    if (L->lx->ntok == L->cap) {
        size_t cap = L->cap ? 2 * L->cap : 1024;
        mut_token *t = realloc(L->lx->tok, cap * sizeof *t);
        if (!t) return -1;
        L->lx->tok = t;
        L->cap = cap;
    }
    mut_token *t = &L->lx->tok[L->lx->ntok++];
    t->kind = kind;
    t->start = L->pos;
    t->len = len;
    t->line = L->line;
    t->col = L->col;
    advance(L, len);
    return 0;
}

static int remember_macro(mut_lexed *lx, const char *line, size_t len)
{
    size_t i = 1;  /* past '#' */
    while (i < len && (line[i] == ' ' || line[i] == '\t')) i++;
    if (len - i < 6 || strncmp(line + i, "define", 6) != 0) return 0;
    i += 6;
    while (i < len && (line[i] == ' ' || line[i] == '\t')) i++;
    size_t s = i;
    while (i < len && (isalnum((unsigned char)line[i]) || line[i] == '_')) i++;
    if (i == s || i >= len || line[i] != '(') return 0;  /* object-like macro */
    /* Only macros that index an array, as phase 1's GH(i) -> gh[(i) - 1];
     * not those that paste names or wrap calls. */
    if (!memchr(line + i, '[', len - i)) return 0;
    char **m = realloc(lx->macros, (lx->nmacros + 1) * sizeof *m);
    if (!m) return -1;
    lx->macros = m;
    if (!(m[lx->nmacros] = strndup(line + s, i - s))) return -1;
    lx->nmacros++;
    return 0;
}

/* Length of the preprocessor line at pos (with its continuations). */
static size_t directive_len(const char *s, size_t pos, size_t len)
{
    size_t i = pos;
    while (i < len && s[i] != '\n') {
        if (s[i] == '\\' && i + 1 < len && s[i + 1] == '\n') i++;
        i++;
    }
    return i - pos;
}

static size_t number_len(const char *s, size_t pos, size_t len)
{
    size_t i = pos;
    while (i < len) {
        char c = s[i];
        if ((c == '+' || c == '-') && i > pos && strchr("eEpP", s[i - 1]) &&
            !(s[pos] == '0' && (s[pos + 1] == 'x' || s[pos + 1] == 'X') && strchr("eE", s[i - 1])))
            i++;
        else if (isalnum((unsigned char)c) || c == '.' || c == '_')
            i++;
        else
            break;
    }
    return i - pos;
}

static size_t quoted_len(const char *s, size_t pos, size_t len)
{
    char q = s[pos];
    size_t i = pos + 1;
    while (i < len && s[i] != q && s[i] != '\n') i += s[i] == '\\' ? 2 : 1;
    return (i < len ? i + 1 : len) - pos;
}

static size_t comment_len(const char *s, size_t pos, size_t len)
{
    if (s[pos + 1] == '/') {
        size_t i = pos;
        while (i < len && s[i] != '\n') i++;
        return i - pos;
    }
    const char *end = strstr(s + pos + 2, "*/");
    return end ? (size_t)(end - (s + pos)) + 2 : len - pos;
}

static int at_line_start(const lexer *L)
{
    size_t i = L->pos;
    while (i > 0 && (L->lx->src[i - 1] == ' ' || L->lx->src[i - 1] == '\t')) i--;
    return i == 0 || L->lx->src[i - 1] == '\n';
}

static int lex_one(lexer *L)
{
    const char *s = L->lx->src;
    size_t len = L->lx->srclen, p = L->pos;
    char c = s[p];
    if (isspace((unsigned char)c)) {
        advance(L, 1);
        return 0;
    }
    if (c == '/' && p + 1 < len && (s[p + 1] == '/' || s[p + 1] == '*')) {
        advance(L, comment_len(s, p, len));
        return 0;
    }
    if (c == '#' && at_line_start(L)) {
        size_t n = directive_len(s, p, len);
        if (remember_macro(L->lx, s + p, n)) return -1;
        advance(L, n);
        return 0;
    }
    if (c == '"' || c == '\'') return push(L, TOK_STRING, quoted_len(s, p, len));
    if (isdigit((unsigned char)c) || (c == '.' && p + 1 < len && isdigit((unsigned char)s[p + 1])))
        return push(L, TOK_NUMBER, number_len(s, p, len));
    if (isalpha((unsigned char)c) || c == '_') {
        size_t i = p;
        while (i < len && (isalnum((unsigned char)s[i]) || s[i] == '_')) i++;
        return push(L, TOK_IDENT, i - p);
    }
    for (int k = 0; puncts[k]; k++) {
        size_t n = strlen(puncts[k]);
        if (p + n <= len && memcmp(s + p, puncts[k], n) == 0) return push(L, TOK_PUNCT, n);
    }
    return push(L, TOK_PUNCT, 1);
}

int mut_lex(const char *src, size_t len, mut_lexed *out)
{
    memset(out, 0, sizeof *out);
    out->src = src;
    out->srclen = len;
    lexer L = { out, 0, 0, 1, 1 };
    while (L.pos < len)
        if (lex_one(&L)) {
            mut_lex_free(out);
            return -1;
        }
    return 0;
}

void mut_lex_free(mut_lexed *lx)
{
    free(lx->tok);
    for (size_t i = 0; i < lx->nmacros; i++) free(lx->macros[i]);
    free(lx->macros);
    lx->tok = NULL;
    lx->macros = NULL;
    lx->ntok = lx->nmacros = 0;
}

int mut_tok_is(const mut_lexed *lx, size_t t, const char *s)
{
    if (t >= lx->ntok) return 0;
    size_t n = strlen(s);
    return lx->tok[t].len == n && memcmp(lx->src + lx->tok[t].start, s, n) == 0;
}

int mut_tok_is_macro(const mut_lexed *lx, size_t t)
{
    if (t >= lx->ntok || lx->tok[t].kind != TOK_IDENT) return 0;
    for (size_t i = 0; i < lx->nmacros; i++)
        if (mut_tok_is(lx, t, lx->macros[i])) return 1;
    return 0;
}
