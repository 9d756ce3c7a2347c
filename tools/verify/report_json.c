/*
 * report_json.c: the report as JSON (build/verify/report.json), for
 * scripts and the HTML page. Numbers as %.17g; non-finite ones as null.
 */
#include <math.h>
#include <string.h>

#include "outfile.h"
#include "verify.h"

static void jstr(FILE *fp, const char *s)
{
    fputc('"', fp);
    for (; *s; s++) {
        unsigned char ch = (unsigned char)*s;
        if (ch == '"' || ch == '\\') fprintf(fp, "\\%c", ch);
        else if (ch < 0x20) fprintf(fp, "\\u%04x", ch);
        else fputc(ch, fp);
    }
    fputc('"', fp);
}

static void jnum(FILE *fp, double d)
{
    if (isfinite(d)) fprintf(fp, "%.17g", d);
    else fputs("null", fp);
}

static void json_bound(FILE *fp, const char *key, const tdre_bound *b)
{
    static const char *const kinds[] = { "none", "bitwise", "ulp", "absrel" };
    fprintf(fp, "\"%s\": {\"kind\": \"%s\", \"ulp\": %llu, \"abs\": ", key, kinds[b->kind],
            (unsigned long long)b->ulp);
    jnum(fp, b->abs);
    fputs(", \"rel\": ", fp);
    jnum(fp, b->rel);
    fputc('}', fp);
}

static void json_component(FILE *fp, tdre_vstat *s, const char *name, int *first)
{
    tdre_vstat_summary m;
    static const char *const buckets[] = { "0", "1", "2-4", "5-16", "more" };
    tdre_vstat_finish(s, &m);
    if (m.n == 0 && m.nonfinite == 0) return;
    fprintf(fp, "%s\n        {\"component\": \"%s\", \"count\": %llu, \"nonfinite\": %llu, ",
            *first ? "" : ",", name, (unsigned long long)m.n, (unsigned long long)m.nonfinite);
    *first = 0;
    fputs("\"max_abs\": ", fp); jnum(fp, m.max_abs);
    fputs(", \"mean\": ", fp); jnum(fp, m.mean);
    fputs(", \"sd\": ", fp); jnum(fp, m.sd);
    fputs(", \"rms\": ", fp); jnum(fp, m.rms);
    fputs(", \"median_abs\": ", fp); jnum(fp, m.median);
    fputs(", \"p999_abs\": ", fp); jnum(fp, m.p999);
    fputs(", \"max_rel\": ", fp); jnum(fp, m.max_rel);
    fprintf(fp, ", \"quantiles_estimated\": %s, \"ulp\": {", m.estimated ? "true" : "false");
    for (int i = 0; i < TDRE_ULP_BUCKETS; i++)
        fprintf(fp, "%s\"%s\": %llu", i ? ", " : "", buckets[i], (unsigned long long)m.ulp[i]);
    fprintf(fp, "}, \"max_ulp\": %llu}", (unsigned long long)m.max_ulp);
}

static void json_row(FILE *fp, const tdre_cmp *c, const tdre_vrow *w)
{
    fputs("\n          {\"badness\": ", fp);
    jnum(fp, w->badness);
    fprintf(fp, ", \"isv\": %d, \"date\": %.17g, \"itype\": %d, \"alt\": %.17g, "
            "\"colat\": %.17g, \"elong\": %.17g, ", w->in.isv, w->in.date, w->in.itype,
            w->in.alt, w->in.colat, w->in.elong);
    for (int side = 0; side < 2; side++) {
        const double *vals = side ? w->b : w->a;
        fprintf(fp, "\"%s\": [", side ? "b" : "a");
        for (int k = 0; k < 4; k++) {
            if (k) fputs(", ", fp);
            jnum(fp, vals[k]);
        }
        fputs("], ", fp);
    }
    fputs("\"where_a\": ", fp);
    jstr(fp, w->where_a[0] ? w->where_a : c->a);
    fputs(", \"where_b\": ", fp);
    jstr(fp, w->where_b[0] ? w->where_b : c->b);
    fputc('}', fp);
}

static void json_group(FILE *fp, tdre_cmp *c, int g)
{
    int first = 1;
    fprintf(fp, "\n      {\"group\": \"%s\", \"rows\": %llu, \"failed\": %llu, \"judged\": %s,"
            " \"components\": [", tdre_group_names[g], (unsigned long long)c->rows[g],
            (unsigned long long)c->failed[g], g < TDRE_G_MAIN_DEFECT ? "true" : "false");
    for (int k = 0; k < TDRE_NCOMP; k++) json_component(fp, &c->st[g][k], tdre_comp_names[k], &first);
    fputs("],\n        \"worst\": [", fp);
    for (size_t i = 0; i < c->nworst[g]; i++) {
        if (i) fputc(',', fp);
        json_row(fp, c, &c->worst[g][i]);
    }
    fputs("]}", fp);
}

static void json_comparison(FILE *fp, tdre_cmp *c)
{
    fputs("\n    {\"section\": ", fp);
    jstr(fp, c->section);
    fputs(", \"a\": ", fp);
    jstr(fp, c->a);
    fputs(", \"b\": ", fp);
    jstr(fp, c->b);
    fprintf(fp, ", \"verdict\": \"%s\",\n     \"tolerance\": {", tdre_cmp_holds(c) ? "PASS" : "FAIL");
    json_bound(fp, "main", &c->tol.main);
    fputs(", ", fp);
    json_bound(fp, "sv", &c->tol.sv);
    fputs(", ", fp);
    json_bound(fp, "low", &c->tol.low);
    fprintf(fp, ", \"low_heights\": [%.17g, %.17g], \"defects_apart\": %s", c->tol.low_from,
            c->tol.low_to,
            c->tol.defects_apart ? "true" : "false");
    if (c->tol.has_domain)
        fprintf(fp, ", \"domain\": {\"of\": \"%s\", \"from\": %.17g, \"to\": %.17g}",
                c->tol.domain_of, c->tol.domain_from, c->tol.domain_to);
    fprintf(fp, "},\n     \"judged\": %llu, \"failed\": %llu, \"both_rejected\": %llu, "
            "\"outside_domain\": %llu, \"problems\": %llu, \"problem_texts\": [",
            (unsigned long long)tdre_cmp_judged(c), (unsigned long long)tdre_cmp_failed(c),
            (unsigned long long)c->both_rejected, (unsigned long long)c->outside_domain,
            (unsigned long long)c->problems);
    for (size_t i = 0; i < c->nproblem_text; i++) {
        if (i) fputs(", ", fp);
        jstr(fp, c->problem_text[i]);
    }
    fputs("],\n     \"groups\": [", fp);
    for (int g = 0, first = 1; g < TDRE_NGROUPS; g++) {
        if (c->rows[g] == 0) continue;
        if (!first) fputc(',', fp);
        first = 0;
        json_group(fp, c, g);
    }
    fputs("]}", fp);
}

static void json_geomag(FILE *fp, const tdre_geomag_check *g)
{
    fputs("\n    {\"model\": ", fp);
    jstr(fp, g->name);
    if (!g->available) {
        fputs(", \"verdict\": \"NOT AVAILABLE\", \"reason\": ", fp);
        jstr(fp, g->reason);
        fputc('}', fp);
        return;
    }
    fprintf(fp, ", \"verdict\": \"%s\", \"rows\": %d, \"rows_identical\": %d, \"columns\": {",
            tdre_geomag_pass(g) ? "PASS" : "FAIL", g->rows, g->rows_same);
    for (int k = 0; k < g->columns; k++) {
        if (k) fputs(", ", fp);
        jstr(fp, g->col_names[k]);
        fprintf(fp, ": %d", g->col_diffs[k]);
    }
    fputs("}, \"differences\": [", fp);
    for (int k = 0; k < g->nfirst; k++) {
        if (k) fputs(", ", fp);
        jstr(fp, g->first_diffs[k]);
    }
    fputs("]}", fp);
}

int tdre_verify_report_json(tdre_verify *v, const char *path, char *err, size_t errlen)
{
    tdre_outfile of;
    FILE *fp;
    int status = tdre_verify_verdict(v);
    if (tdre_outfile_open(&of, path, err, errlen) != 0) return -1;
    fp = of.fp;
    fprintf(fp, "{\"tool\": \"tdre-verify\", \"verdict\": \"%s\", \"exit_status\": %d, "
            "\"seconds\": %.3f,\n  \"sections\": [",
            status == 0 ? "PASS" : status == 3 ? "INCOMPLETE" : "FAIL", status, v->seconds);
    for (int i = 0; i < v->nsec; i++) {
        fprintf(fp, "%s\n    {\"name\": ", i ? "," : "");
        jstr(fp, v->sec[i].name);
        fputs(", \"input\": ", fp);
        jstr(fp, v->sec[i].desc);
        fprintf(fp, ", \"rows\": %llu, \"shards\": %d, \"legacy_messages\": %ld}",
                (unsigned long long)v->sec[i].rows, v->sec[i].shards, v->sec[i].legacy_messages);
    }
    fputs("],\n  \"comparisons\": [", fp);
    for (int i = 0; i < v->ncmp; i++) {
        if (i) fputc(',', fp);
        json_comparison(fp, v->cmp[i]);
    }
    fputs("],\n  \"geomag\": [", fp);
    for (int i = 0; i < v->ngm; i++) {
        if (i) fputc(',', fp);
        json_geomag(fp, &v->gm[i]);
    }
    fputs("],\n  \"not_run\": [", fp);
    for (int i = 0; i < v->nnot_run; i++) {
        if (i) fputs(", ", fp);
        jstr(fp, v->not_run[i]);
    }
    fputs("]}\n", fp);
    return tdre_outfile_commit(&of, err, errlen);
}
