/*
 * mutate_sites.c: where and how a C file is mutated (see mutate_sites.h).
 *
 * One pass over the tokens keeps just enough context to tell executable
 * code from declarations: a stack of braces (block, initializer, other),
 * the parenthesis depth, whether the current statement is a declaration and
 * whether we are inside one of its initializers.
 */
#include "mutate_sites.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mutate_num.h"

#define MAXDEPTH 256

static const char *const keywords[] = {
    "auto", "break", "case", "char", "const", "continue", "default", "do", "double",
    "else", "enum", "extern", "float", "for", "goto", "if", "inline", "int", "long",
    "register", "restrict", "return", "short", "signed", "sizeof", "static", "struct",
    "switch", "typedef", "union", "unsigned", "void", "volatile", "while", "_Bool",
    "bool", "size_t", "FILE", "__attribute__", "_Static_assert", NULL
};

/* Words that begin a declaration. */
static const char *const decl_words[] = {
    "char", "const", "double", "enum", "extern", "float", "inline", "int", "long",
    "register", "short", "signed", "static", "struct", "typedef", "union",
    "unsigned", "void", "volatile", "_Bool", "bool", "size_t", "FILE", NULL
};

typedef struct {
    const mut_lexed *lx;
    const char *name;
    mut_sites *out;
    size_t cap;
    char braces[MAXDEPTH];   /* 'B' block, 'I' initializer, 'S' other */
    int nbraces;
    int paren;
    int ctrl_paren[MAXDEPTH]; /* paren depths whose ')' ends an if/for/while */
    size_t ctrl_tok[MAXDEPTH];/* and the token of their '(' */
    int nctrl;
    int stmt_start;
    int in_decl, decl_paren;
    int in_init, init_paren, init_brace;
    int label_stmt;           /* statement began with case/default */
    char func[128];           /* function being read */
    char tag[32];             /* profile of the block being read, e.g. geomag70 */
    char pending_tag[32];     /* profile named by the if just closed */
    int tag_brace;            /* brace depth inside the tagged block */
} walker;

static int in_list(const mut_lexed *lx, size_t t, const char *const *list)
{
    for (int i = 0; list[i]; i++)
        if (mut_tok_is(lx, t, list[i])) return 1;
    return 0;
}

static int is_name(const mut_lexed *lx, size_t t)
{
    return t < lx->ntok && lx->tok[t].kind == TOK_IDENT && !in_list(lx, t, keywords);
}

static int ends_with_t(const mut_lexed *lx, size_t t)
{
    const mut_token *k = &lx->tok[t];
    return k->kind == TOK_IDENT && k->len > 2 &&
           memcmp(lx->src + k->start + k->len - 2, "_t", 2) == 0;
}

/* Does the statement starting at t declare something? */
static int starts_declaration(const mut_lexed *lx, size_t t)
{
    if (in_list(lx, t, decl_words) || ends_with_t(lx, t)) return 1;
    if (!is_name(lx, t)) return 0;
    if (is_name(lx, t + 1)) return 1;                       /* T name */
    size_t u = t + 1;
    while (mut_tok_is(lx, u, "*") || mut_tok_is(lx, u, "const")) u++;
    return u > t + 1 && is_name(lx, u) &&                   /* T *name = / ; / , / [ */
           (mut_tok_is(lx, u + 1, "=") || mut_tok_is(lx, u + 1, ";") ||
            mut_tok_is(lx, u + 1, ",") || mut_tok_is(lx, u + 1, "["));
}

static int in_body(const walker *w)
{
    for (int i = 0; i < w->nbraces; i++)
        if (w->braces[i] == 'B') return 1;
    return 0;
}

static int active(const walker *w)
{
    if (w->in_init) return 1;
    return in_body(w) && !w->in_decl && w->braces[w->nbraces - 1] == 'B';
}

static char *text(const mut_lexed *lx, size_t t)
{
    return strndup(lx->src + lx->tok[t].start, lx->tok[t].len);
}

/* The source line holding byte pos, trimmed and with blanks collapsed, with
 * bytes [a, b) replaced by with (when with is not NULL). */
static char *line_text(const mut_lexed *lx, size_t pos, size_t a, size_t b, const char *with)
{
    size_t s = pos, e = pos;
    while (s > 0 && lx->src[s - 1] != '\n') s--;
    while (e < lx->srclen && lx->src[e] != '\n') e++;
    if (with && b > e) e = b;
    size_t cap = (e - s) + (with ? strlen(with) : 0) + 1;
    char *o = malloc(cap);
    if (!o) return NULL;
    size_t n = 0;
    int blank = 1;
    for (size_t i = s; i < e; i++) {
        if (with && i == a) {
            for (const char *c = with; *c; c++) o[n++] = *c;
            blank = 0;
            i = b - 1;
            continue;
        }
        char c = lx->src[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            if (!blank) o[n++] = ' ';
            blank = 1;
        } else {
            o[n++] = c;
            blank = 0;
        }
    }
    while (n > 0 && o[n - 1] == ' ') n--;
    o[n] = '\0';
    return o;
}

static char *format(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *s = malloc((size_t)n + 1);
    if (!s) return NULL;
    va_start(ap, fmt);
    vsnprintf(s, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return s;
}

/* Records the mutant replacing [start, end) (tokens t..) with `with`. */
static int add(walker *w, size_t t, size_t start, size_t end, const char *with,
               const char *kind)
{
    const mut_lexed *lx = w->lx;
    if (w->out->n == w->cap) {
        size_t cap = w->cap ? 2 * w->cap : 256;
        mut_site *s = realloc(w->out->site, cap * sizeof *s);
        if (!s) return -1;
        w->out->site = s;
        w->cap = cap;
    }
    mut_site *s = &w->out->site[w->out->n];
    memset(s, 0, sizeof *s);
    s->start = start;
    s->end = end;
    s->kind = kind;
    s->line = lx->tok[t].line;
    s->col = lx->tok[t].col;
    char *from = strndup(lx->src + start, end - start);
    char *after = line_text(lx, start, start, end, with);
    if (after && strcmp(kind, "delete") == 0) {
        /* The line after deletion is just ';': say what went. */
        char *gone = format("deleted: %.*s;", (int)(end - start), lx->src + start);
        free(after);
        after = gone;
        for (char *c = after; c && *c; c++)
            if (*c == '\n' || *c == '\t' || *c == '\r') *c = ' ';
    }
    s->with = strdup(with);
    int occurrence = 0;
    char *base = from ? format("%s:%s%s%s:%s:%s -> %s", w->name, w->func[0] ? w->func : "-",
                               w->tag[0] ? "/" : "", w->tag, kind, from, with) : NULL;
    for (size_t i = 0; base && i < w->out->n; i++)
        if (strncmp(w->out->site[i].key, base, strlen(base)) == 0 &&
            w->out->site[i].key[strlen(base)] == '#')
            occurrence++;
    s->key = base ? format("%s#%d", base, occurrence) : NULL;
    s->desc = after;
    s->orig = line_text(lx, start, 0, 0, NULL);
    free(base);
    free(from);
    if (!s->with || !s->key || !s->desc || !s->orig) return -1;
    /* Newlines in a deleted statement must not break the one-line listing. */
    for (char *c = s->key; *c; c++)
        if (*c == '\n' || *c == '\t' || *c == '\r') *c = ' ';
    w->out->n++;
    return 0;
}

static int binary_context(const mut_lexed *lx, size_t t)
{
    if (t == 0) return 0;
    const mut_token *p = &lx->tok[t - 1];
    if (p->kind == TOK_NUMBER) return 1;
    if (p->kind == TOK_IDENT) return !in_list(lx, t - 1, keywords);
    return mut_tok_is(lx, t - 1, ")") || mut_tok_is(lx, t - 1, "]");
}

static int arith(walker *w, size_t t)
{
    static const char *const swaps[][2] = {
        { "+", "-" }, { "-", "+" }, { "*", "/" }, { "/", "*" },
        { "+=", "-=" }, { "-=", "+=" }, { "*=", "/=" }, { "/=", "*=" },
        { "&&", "||" }, { "||", "&&" }, { NULL, NULL }
    };
    const mut_lexed *lx = w->lx;
    const mut_token *k = &lx->tok[t];
    for (int i = 0; swaps[i][0]; i++) {
        if (!mut_tok_is(lx, t, swaps[i][0])) continue;
        if (k->len == 1 && !binary_context(lx, t)) {
            /* A unary minus dropped; unary plus and dereference left alone. */
            if (!mut_tok_is(lx, t, "-")) return 0;
            return add(w, t, k->start, k->start + k->len, "", "arith");
        }
        const char *kind = swaps[i][0][0] == '&' || swaps[i][0][0] == '|' ? "logic" : "arith";
        return add(w, t, k->start, k->start + k->len, swaps[i][1], kind);
    }
    return 0;
}

/* Each comparison becomes its negation and its boundary neighbour. */
static int compare(walker *w, size_t t)
{
    static const char *const flips[][3] = {
        { "<", ">=", "<=" }, { "<=", ">", "<" }, { ">", "<=", ">=" },
        { ">=", "<", ">" }, { "==", "!=", NULL }, { "!=", "==", NULL },
        { NULL, NULL, NULL }
    };
    const mut_token *k = &w->lx->tok[t];
    for (int i = 0; flips[i][0]; i++) {
        if (!mut_tok_is(w->lx, t, flips[i][0])) continue;
        for (int j = 1; j < 3 && flips[i][j]; j++)
            if (add(w, t, k->start, k->start + k->len, flips[i][j], "compare")) return -1;
        return 0;
    }
    return 0;
}

static int constant(walker *w, size_t t)
{
    char *lit = text(w->lx, t);
    if (!lit) return -1;
    char *to = mut_num_nudge(lit);
    free(lit);
    if (!to) return 0;
    const mut_token *k = &w->lx->tok[t];
    int rc = add(w, t, k->start, k->start + k->len, to, "const");
    free(to);
    return rc;
}

/* Index of the token closing the bracket opened at t, or 0 if none. */
static size_t closing(const mut_lexed *lx, size_t t, const char *open, const char *close)
{
    int depth = 0;
    for (size_t u = t; u < lx->ntok; u++) {
        if (mut_tok_is(lx, u, open)) depth++;
        else if (mut_tok_is(lx, u, close) && --depth == 0) return u;
    }
    return 0;
}

/* a[i] -> a[(i) + 1] and a[(i) - 1]; likewise the argument of GH(i), P(k).. */
static int index_shift(walker *w, size_t t)
{
    const mut_lexed *lx = w->lx;
    size_t open = t, close;
    if (mut_tok_is(lx, t, "[")) {
        close = closing(lx, open, "[", "]");
    } else if (mut_tok_is_macro(lx, t) && mut_tok_is(lx, t + 1, "(")) {
        open = t + 1;
        close = closing(lx, open, "(", ")");
        for (size_t u = open + 1; close && u < close; u++)
            if (mut_tok_is(lx, u, ",")) return 0;   /* not a 1-index macro */
    } else {
        return 0;
    }
    if (!close || close == open + 1) return 0;
    size_t a = lx->tok[open + 1].start;
    size_t b = lx->tok[close - 1].start + lx->tok[close - 1].len;
    /* Both directions for the 1-based macros of phase 1, where either one is
     * the classic slip of a port; one for C subscripts, to keep the count
     * (and the run time) down where most shifts read another lane. */
    int dirs = open == t ? 1 : 2;
    for (int d = 0; d < dirs; d++) {
        char *with = format("(%.*s) %c 1", (int)(b - a), lx->src + a, d ? '-' : '+');
        if (!with) return -1;
        int rc = add(w, t, a, b, with, "index");
        free(with);
        if (rc) return -1;
    }
    return 0;
}

/* An expression statement starting at t deleted (its ';' kept). */
static int delete_statement(walker *w, size_t t)
{
    const mut_lexed *lx = w->lx;
    if (!(is_name(lx, t) || mut_tok_is(lx, t, "(") || mut_tok_is(lx, t, "*") ||
          mut_tok_is(lx, t, "++") || mut_tok_is(lx, t, "--")))
        return 0;
    int paren = 0;
    for (size_t u = t; u < lx->ntok; u++) {
        if (mut_tok_is(lx, u, "(")) paren++;
        else if (mut_tok_is(lx, u, ")")) paren--;
        else if (mut_tok_is(lx, u, "{") || mut_tok_is(lx, u, "}") || mut_tok_is(lx, u, ":"))
            return 0;   /* a label or something that is not a plain statement */
        else if (paren == 0 && mut_tok_is(lx, u, ";"))
            return add(w, t, lx->tok[t].start, lx->tok[u].start, "", "delete");
    }
    return 0;
}

static void function_name(walker *w, size_t brace)
{
    const mut_lexed *lx = w->lx;
    w->func[0] = '\0';
    if (brace == 0 || !mut_tok_is(lx, brace - 1, ")")) return;
    int depth = 0;
    for (size_t u = brace; u-- > 0;) {
        if (mut_tok_is(lx, u, ")")) depth++;
        else if (mut_tok_is(lx, u, "(") && --depth == 0) {
            if (u > 0 && lx->tok[u - 1].kind == TOK_IDENT)
                snprintf(w->func, sizeof w->func, "%.*s", (int)lx->tok[u - 1].len,
                         lx->src + lx->tok[u - 1].start);
            return;
        }
    }
}

static int mutate_token(walker *w, size_t t)
{
    const mut_token *k = &w->lx->tok[t];
    if (k->kind == TOK_NUMBER) return constant(w, t);
    if (k->kind == TOK_STRING) return 0;
    if (arith(w, t) || compare(w, t)) return -1;
    return index_shift(w, t);
}

static char brace_kind(const walker *w, size_t t)
{
    const mut_lexed *lx = w->lx;
    if (t > 0 && (mut_tok_is(lx, t - 1, "=") ||
                  (w->in_init && (mut_tok_is(lx, t - 1, ",") || mut_tok_is(lx, t - 1, "{")))))
        return 'I';
    if (t > 0 && (mut_tok_is(lx, t - 1, ")") || mut_tok_is(lx, t - 1, "else") ||
                  mut_tok_is(lx, t - 1, "do")))
        return 'B';
    if (in_body(w) && w->braces[w->nbraces - 1] == 'B' &&
        (t == 0 || mut_tok_is(lx, t - 1, ";") || mut_tok_is(lx, t - 1, "{") ||
         mut_tok_is(lx, t - 1, "}") || mut_tok_is(lx, t - 1, ":")))
        return 'B';
    return 'S';
}

/* An if whose condition (tokens open..close) tests `== TDRE_PROFILE_X`
 * tags the block it guards with x: the mutants of code that only one
 * profile runs can then be named (tools/mutate/scope.txt). */
static void profile_guard(walker *w, size_t open, size_t close)
{
    const mut_lexed *lx = w->lx;
    static const char prefix[] = "TDRE_PROFILE_";
    w->pending_tag[0] = '\0';
    if (open == 0 || !mut_tok_is(lx, open - 1, "if")) return;
    for (size_t u = open + 1; u < close; u++) {
        const mut_token *k = &lx->tok[u];
        if (k->kind != TOK_IDENT || k->len <= sizeof prefix - 1 ||
            memcmp(lx->src + k->start, prefix, sizeof prefix - 1) != 0 ||
            !mut_tok_is(lx, u - 1, "=="))
            continue;
        size_t n = k->len - (sizeof prefix - 1);
        if (n >= sizeof w->pending_tag) n = sizeof w->pending_tag - 1;
        for (size_t i = 0; i < n; i++)
            w->pending_tag[i] = (char)tolower((unsigned char)lx->src[k->start + sizeof prefix - 1 + i]);
        w->pending_tag[n] = '\0';
        return;
    }
}

/* Updates the context after token t. */
static void step(walker *w, size_t t)
{
    const mut_lexed *lx = w->lx;
    if (mut_tok_is(lx, t, "(")) {
        if (t > 0 && (mut_tok_is(lx, t - 1, "if") || mut_tok_is(lx, t - 1, "for") ||
                      mut_tok_is(lx, t - 1, "while") || mut_tok_is(lx, t - 1, "switch")) &&
            w->nctrl < MAXDEPTH) {
            w->ctrl_tok[w->nctrl] = t;
            w->ctrl_paren[w->nctrl++] = w->paren;
        }
        w->paren++;
        if (t > 0 && mut_tok_is(lx, t - 1, "for") && starts_declaration(lx, t + 1)) {
            w->in_decl = 1;
            w->decl_paren = w->paren;
        }
    } else if (mut_tok_is(lx, t, ")")) {
        w->paren--;
        if (w->nctrl && w->ctrl_paren[w->nctrl - 1] == w->paren) {
            w->nctrl--;
            profile_guard(w, w->ctrl_tok[w->nctrl], t);
            w->stmt_start = 1;
        }
    } else if (mut_tok_is(lx, t, ";")) {
        if (w->in_decl && w->paren == w->decl_paren) {
            w->in_decl = w->in_init = 0;
            if (!in_body(w)) w->func[0] = '\0';
        }
        if (w->paren == 0 && (w->nbraces == 0 || w->braces[w->nbraces - 1] == 'B'))
            w->stmt_start = 1;
    } else if (mut_tok_is(lx, t, "=")) {
        if (w->in_decl && !w->in_init && w->paren == w->decl_paren) {
            w->in_init = 1;
            w->init_paren = w->paren;
            w->init_brace = w->nbraces;
            /* A file-scope initializer is named by its variable. */
            size_t u = t;
            while (u > 0 && (mut_tok_is(lx, u - 1, "]") || mut_tok_is(lx, u - 1, "[")))
                u--;
            if (!in_body(w) && u > 0 && lx->tok[u - 1].kind == TOK_IDENT)
                snprintf(w->func, sizeof w->func, "%.*s", (int)lx->tok[u - 1].len,
                         lx->src + lx->tok[u - 1].start);
        }
    } else if (mut_tok_is(lx, t, ",")) {
        if (w->in_init && w->paren == w->init_paren && w->nbraces == w->init_brace)
            w->in_init = 0;
    } else if (mut_tok_is(lx, t, "{")) {
        char kind = brace_kind(w, t);
        if (kind == 'B') {
            if (!in_body(w)) function_name(w, t);
            w->in_decl = w->in_init = 0;
            w->stmt_start = 1;
        }
        if (w->nbraces < MAXDEPTH) w->braces[w->nbraces++] = kind;
        if (w->pending_tag[0] && kind == 'B' && !w->tag[0]) {
            snprintf(w->tag, sizeof w->tag, "%s", w->pending_tag);
            w->tag_brace = w->nbraces;
        }
        w->pending_tag[0] = '\0';
    } else if (mut_tok_is(lx, t, "}")) {
        char kind = w->nbraces ? w->braces[--w->nbraces] : 'S';
        if (w->tag[0] && w->nbraces < w->tag_brace) w->tag[0] = '\0';
        if (kind == 'B') w->stmt_start = 1;
        if (!in_body(w) && kind == 'B') w->func[0] = '\0';
    } else if (mut_tok_is(lx, t, "else") || mut_tok_is(lx, t, "do")) {
        w->stmt_start = 1;
    } else if (mut_tok_is(lx, t, ":") && w->label_stmt) {
        w->label_stmt = 0;
        w->stmt_start = 1;
    }
}

int mut_sites_find(const mut_lexed *lx, const char *name, mut_sites *out)
{
    memset(out, 0, sizeof *out);
    walker w;
    memset(&w, 0, sizeof w);
    w.lx = lx;
    w.name = name;
    w.out = out;
    w.stmt_start = 1;
    for (size_t t = 0; t < lx->ntok; t++) {
        if (w.stmt_start) {
            w.stmt_start = 0;
            if (!mut_tok_is(lx, t, "{")) w.pending_tag[0] = '\0';  /* unbraced body */
            w.label_stmt = mut_tok_is(lx, t, "case") || mut_tok_is(lx, t, "default");
            int block = w.nbraces == 0 || w.braces[w.nbraces - 1] == 'B';
            if (block && w.paren == 0 && starts_declaration(lx, t)) {
                w.in_decl = 1;
                w.decl_paren = 0;
            } else if (active(&w) && delete_statement(&w, t)) {
                goto fail;
            }
        }
        if (active(&w) && mutate_token(&w, t)) goto fail;
        step(&w, t);
    }
    return 0;
fail:
    mut_sites_free(out);
    return -1;
}

void mut_sites_free(mut_sites *ms)
{
    for (size_t i = 0; i < ms->n; i++) {
        free(ms->site[i].with);
        free(ms->site[i].desc);
        free(ms->site[i].key);
        free(ms->site[i].orig);
    }
    free(ms->site);
    ms->site = NULL;
    ms->n = 0;
}

int mut_site_write(const mut_lexed *lx, const mut_site *s, const char *path)
{
    FILE *f = strcmp(path, "-") == 0 ? stdout : fopen(path, "w");
    if (!f) return -1;
    fwrite(lx->src, 1, s->start, f);
    fputs(s->with, f);
    fwrite(lx->src + s->end, 1, lx->srclen - s->end, f);
    int bad = ferror(f);
    if (f != stdout) bad |= fclose(f) != 0;
    else bad |= fflush(f) != 0;
    return bad ? -1 : 0;
}
