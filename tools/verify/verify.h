/*
 * verify.h: what the parts of tdre-verify share: the options, the sources
 * of results (implementations run here, result files), the comparisons,
 * and the geomag70 sample checks.
 */
#ifndef TDRE_VERIFY_H
#define TDRE_VERIFY_H

#include <stdint.h>
#include <stdio.h>

#include "compare.h"
#include "impl.h"
#include "tolerance.h"

#define TDRE_MAX_SOURCES 8
#define TDRE_MAX_CMPS 16
#define TDRE_MAX_SECTIONS 8
#define TDRE_PENDING_LIMIT 100000

/* Where one column of results comes from. */
typedef struct {
    char label[32];        /* name in pairs and reports */
    tdre_impl *impl;       /* run here; NULL for a result file */
    const char *path;      /* result file */
    int has_status;
} tdre_source;

/* One geomag70 sample file checked through tdre-geomag. */
typedef struct {
    char name[32];          /* IGRF11, ... */
    int available;          /* 0: not run, reason says why */
    char reason[256];
    int rows, rows_same, columns;
    int exit_status;        /* tdre-geomag's; -1 when it wrote nothing */
    int col_diffs[32];      /* per printed column */
    char col_names[32][16];
    char first_diffs[8][256];
    int nfirst;
} tdre_geomag_check;

/* One run over one vector set (merged shards add up into one). */
typedef struct {
    char name[48];
    char desc[512];         /* where the rows came from */
    uint64_t rows;
    int shards;
    long legacy_messages;   /* lines the legacy code printed */
    char legacy_first[160];
} tdre_section;

typedef struct {
    /* options */
    const char *input, *tolerances, *model, *json, *html, *save_stats, *gen, *geomag_bin;
    const char *shared, *map_pair, *section, *families;
    uint64_t count, seed, shard, shards;
    int have_count, derived, progress, allow_incomplete, geomag, quiet;
    double started;                            /* --started: wall clock origin */
    const char *not_run[TDRE_MAX_SECTIONS];    /* --not-run TEXT */
    int nnot_run;
    /* sources: impls named by --impl, files by --results */
    tdre_source src[TDRE_MAX_SOURCES];
    int nsrc, primary_file, secondary_file;    /* source index or -1 */
    /* comparisons */
    tdre_cmp *cmp[TDRE_MAX_CMPS];
    int cmp_a[TDRE_MAX_CMPS], cmp_b[TDRE_MAX_CMPS], ncmp;
    tdre_tolset tols;
    tdre_section sec[TDRE_MAX_SECTIONS];
    int nsec;
    double seconds;
    tdre_geomag_check gm[4];
    int ngm;
} tdre_verify;

/* run.c: streams the rows through every comparison; 0, or 2 with a message. */
int tdre_verify_run(tdre_verify *v);

/* geomag.c: the geomag70 samples through tdre-geomag. */
void tdre_verify_geomag(tdre_verify *v);
int tdre_geomag_pass(const tdre_geomag_check *g);

/* defect.c: the phase 2 library's legacy defect predicate, or NULL. */
tdre_defect_fn *tdre_verify_defect_fn(void);

/* report.c: the text report (to out), JSON and HTML. Returns the exit
 * status: 0 all holds, 1 something failed, 3 something was not run. */
int tdre_verify_verdict(const tdre_verify *v);
void tdre_verify_report_text(tdre_verify *v, FILE *out);
int tdre_verify_report_json(tdre_verify *v, const char *path, char *err, size_t errlen);
int tdre_verify_report_html(tdre_verify *v, const char *path, char *err, size_t errlen);

#endif
