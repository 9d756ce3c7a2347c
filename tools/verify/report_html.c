/*
 * report_html.c: a small HTML page with the verdicts, the summary tables,
 * a histogram of ULP distances per comparison and a world map of where the
 * comparison asked for with --map differs most. The two plots are PNG files
 * beside the page, drawn by gnuplot when it is installed (package
 * gnuplot-nox); without it the page says so and shows the numbers only.
 */
#include <errno.h>
#include <libgen.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "outfile.h"
#include "verify.h"

static void hstr(FILE *fp, const char *s)
{
    for (; *s; s++) {
        if (*s == '<') fputs("&lt;", fp);
        else if (*s == '>') fputs("&gt;", fp);
        else if (*s == '&') fputs("&amp;", fp);
        else fputc(*s, fp);
    }
}

static void beside(const char *html, const char *name, char *out, size_t len)
{
    char copy[4096];
    snprintf(copy, sizeof copy, "%s", html);
    snprintf(out, len, "%s/%s", dirname(copy), name);
}

/* Runs gnuplot on script; 0 when it drew. */
static int run_gnuplot(const char *script)
{
    char cmd[4400];
    int status;
    snprintf(cmd, sizeof cmd, "gnuplot '%s' >/dev/null 2>&1", script);
    status = system(cmd);
    return status == 0 ? 0 : -1;
}

/* ULP buckets summed over x, y, z, f and both judged groups. */
static void ulp_totals(tdre_cmp *c, uint64_t *t)
{
    memset(t, 0, TDRE_ULP_BUCKETS * sizeof *t);
    for (int g = 0; g < TDRE_NGROUPS; g++)
        for (int k = 0; k < 4; k++)
            for (int b = 0; b < TDRE_ULP_BUCKETS; b++) t[b] += c->st[g][k].ulp[b];
}

static int plot_ulp(tdre_verify *v, const char *html, char *png, size_t len)
{
    char dat[4200], gp[4200], tmp[4300];
    FILE *fp;
    beside(html, "verify-ulp.dat", dat, sizeof dat);
    beside(html, "verify-ulp.gp", gp, sizeof gp);
    beside(html, "verify-ulp.png", png, len);
    snprintf(tmp, sizeof tmp, "%s.tmp", png);
    if (!(fp = fopen(dat, "w"))) return -1;
    fputs("comparison 0 1 2-4 5-16 more\n", fp);
    for (int i = 0; i < v->ncmp; i++) {
        uint64_t t[TDRE_ULP_BUCKETS];
        ulp_totals(v->cmp[i], t);
        fprintf(fp, "\"%s %s:%s\"", v->cmp[i]->section, v->cmp[i]->a, v->cmp[i]->b);
        for (int b = 0; b < TDRE_ULP_BUCKETS; b++)
            if (t[b]) fprintf(fp, " %llu", (unsigned long long)t[b]);
            else fputs(" NaN", fp);
        fputc('\n', fp);
    }
    fclose(fp);
    if (!(fp = fopen(gp, "w"))) return -1;
    fprintf(fp, "set terminal png size 1000,480\nset output '%s'\n"
            "set title 'ULP distance between the two sides (x, y, z, f of every compared row)'\n"
            "set style data histograms\nset style histogram clustered gap 1\n"
            "set style fill solid 0.8 border -1\nset logscale y\nset yrange [0.8:*]\n"
            "set ylabel 'components'\nset key autotitle columnheader outside\n"
            "set datafile missing 'NaN'\nset bmargin 9\nset xtics rotate by -30 font ',8'\n"
            "plot for [i=2:6] '%s' using i:xtic(1)\n", tmp, dat);
    fclose(fp);
    if (run_gnuplot(gp) != 0 || rename(tmp, png) != 0) {
        remove(tmp);
        return -1;
    }
    return 0;
}

static const tdre_cmp *map_comparison(const tdre_verify *v)
{
    for (int i = 0; i < v->ncmp; i++)
        if (v->cmp[i]->map) return v->cmp[i];
    return NULL;
}

static int plot_map(const tdre_cmp *c, const char *html, char *png, size_t len)
{
    char dat[4200], gp[4200], tmp[4300];
    FILE *fp;
    int any = 0;
    beside(html, "verify-map.dat", dat, sizeof dat);
    beside(html, "verify-map.gp", gp, sizeof gp);
    beside(html, "verify-map.png", png, len);
    snprintf(tmp, sizeof tmp, "%s.tmp", png);
    if (!(fp = fopen(dat, "w"))) return -1;
    for (int i = 0; i < TDRE_MAP_LAT; i++) {
        for (int j = 0; j < TDRE_MAP_LON; j++) {
            double d = c->cells[i][j];
            fprintf(fp, "%g %g ", -180.0 + (j + 0.5) * 360.0 / TDRE_MAP_LON,
                    -90.0 + (i + 0.5) * 180.0 / TDRE_MAP_LAT);
            if (d > 0) {
                fprintf(fp, "%.6g\n", d);
                any = 1;
            } else {
                fputs("NaN\n", fp);
            }
        }
        fputc('\n', fp);
    }
    fclose(fp);
    if (!any) return -1;
    if (!(fp = fopen(gp, "w"))) return -1;
    fprintf(fp, "set terminal png size 1000,560\nset output '%s'\n"
            "set title 'largest |dB| (nT) per 5-degree cell, %s vs %s, main field, heights %g to %g km'\n"
            "set xrange [-180:180]\nset yrange [-90:90]\nset xtics 30\nset ytics 30\n"
            "set grid front\nset xlabel 'east longitude'\nset ylabel 'latitude'\n"
            "set logscale cb\nset palette rgb 33,13,10\nset size ratio -1\n"
            "plot '%s' using 1:2:3 with image notitle\n", tmp, c->a, c->b, TDRE_MAP_MIN_HEIGHT,
            TDRE_MAP_MAX_HEIGHT, dat);
    fclose(fp);
    if (run_gnuplot(gp) != 0 || rename(tmp, png) != 0) {
        remove(tmp);
        return -1;
    }
    return 0;
}

static void html_summary(FILE *fp, tdre_verify *v)
{
    fputs("<table><tr><th>set</th><th>A</th><th>B</th><th>verdict</th><th>judged</th>"
          "<th>outside tolerance</th><th>known legacy defect</th><th>rejected by both</th>"
          "<th>problems</th><th>max |d| x,y,z,f (main)</th><th>max |d| (SV)</th></tr>\n", fp);
    for (int i = 0; i < v->ncmp; i++) {
        tdre_cmp *c = v->cmp[i];
        double mx[2] = { 0, 0 };
        for (int g = 0; g < 2; g++)
            for (int k = 0; k < 4; k++) mx[g] = fmax(mx[g], c->st[g][k].max_abs);
        fprintf(fp, "<tr><td>%s</td><td>%s</td><td>%s</td><td class=\"%s\">%s</td>"
                "<td>%llu</td><td>%llu</td><td>%llu</td><td>%llu</td><td>%llu</td>"
                "<td>%.3g</td><td>%.3g</td></tr>\n", c->section, c->a, c->b,
                tdre_cmp_holds(c) ? "pass" : "fail", tdre_cmp_holds(c) ? "PASS" : "FAIL",
                (unsigned long long)tdre_cmp_judged(c), (unsigned long long)tdre_cmp_failed(c),
                (unsigned long long)(c->rows[2] + c->rows[3]),
                (unsigned long long)c->both_rejected, (unsigned long long)c->problems,
                mx[0], mx[1]);
    }
    fputs("</table>\n", fp);
}

static void html_ulp_table(FILE *fp, tdre_verify *v)
{
    fputs("<table><tr><th>comparison</th><th>0 ulp</th><th>1</th><th>2-4</th><th>5-16</th>"
          "<th>more</th></tr>\n", fp);
    for (int i = 0; i < v->ncmp; i++) {
        uint64_t t[TDRE_ULP_BUCKETS];
        ulp_totals(v->cmp[i], t);
        fprintf(fp, "<tr><td>[%s] %s:%s</td>", v->cmp[i]->section, v->cmp[i]->a, v->cmp[i]->b);
        for (int b = 0; b < TDRE_ULP_BUCKETS; b++)
            fprintf(fp, "<td>%llu</td>", (unsigned long long)t[b]);
        fputs("</tr>\n", fp);
    }
    fputs("</table>\n", fp);
}

static void html_geomag(FILE *fp, const tdre_verify *v)
{
    if (v->ngm == 0) return;
    fputs("<h2>geomag70 published samples</h2>\n<table><tr><th>model</th><th>verdict</th>"
          "<th>rows identical</th><th>note</th></tr>\n", fp);
    for (int i = 0; i < v->ngm; i++) {
        const tdre_geomag_check *g = &v->gm[i];
        int pass = tdre_geomag_pass(g);
        fprintf(fp, "<tr><td>%s</td><td class=\"%s\">%s</td><td>%d / %d</td><td>", g->name,
                pass ? "pass" : g->available ? "fail" : "na",
                pass ? "PASS" : g->available ? "FAIL" : "NOT AVAILABLE", g->rows_same, g->rows);
        hstr(fp, g->available ? (g->nfirst ? g->first_diffs[0] : "") : g->reason);
        fputs("</td></tr>\n", fp);
    }
    fputs("</table>\n", fp);
}

int tdre_verify_report_html(tdre_verify *v, const char *path, char *err, size_t errlen)
{
    tdre_outfile of;
    FILE *fp;
    char ulp_png[4200], map_png[4200];
    const tdre_cmp *mc = map_comparison(v);
    int status = tdre_verify_verdict(v);
    int have_ulp = plot_ulp(v, path, ulp_png, sizeof ulp_png) == 0;
    int have_map = mc && plot_map(mc, path, map_png, sizeof map_png) == 0;
    if (tdre_outfile_open(&of, path, err, errlen) != 0) return -1;
    fp = of.fp;
    fprintf(fp, "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>tdre verify: %s"
            "</title>\n<style>body{font-family:sans-serif;margin:2em}table{border-collapse:"
            "collapse;margin:1em 0}td,th{border:1px solid #999;padding:2px 6px;text-align:right}"
            ".pass{background:#cfc}.fail{background:#fcc}.na{background:#eee}</style></head>\n"
            "<body>\n<h1>tdre verify: <span class=\"%s\">%s</span></h1>\n<p>%.1f s wall time.",
            status == 0 ? "PASS" : status == 3 ? "INCOMPLETE" : "FAIL",
            status == 0 ? "pass" : status == 3 ? "na" : "fail",
            status == 0 ? "PASS" : status == 3 ? "INCOMPLETE" : "FAIL", v->seconds);
    for (int i = 0; i < v->nsec; i++) {
        fprintf(fp, " Set [%s]: %llu rows from <code>", v->sec[i].name,
                (unsigned long long)v->sec[i].rows);
        hstr(fp, v->sec[i].desc);
        fputs("</code>.", fp);
    }
    fputs("</p>\n", fp);
    for (int i = 0; i < v->nnot_run; i++) {
        fputs("<p class=\"na\">NOT RUN: ", fp);
        hstr(fp, v->not_run[i]);
        fputs("</p>\n", fp);
    }
    fputs("<h2>Comparisons</h2>\n", fp);
    html_summary(fp, v);
    fputs("<p>Full tables and the worst rows: the text report and report.json.</p>\n"
          "<h2>ULP distances</h2>\n", fp);
    html_ulp_table(fp, v);
    if (have_ulp) fputs("<img src=\"verify-ulp.png\" alt=\"ULP distance histogram\">\n", fp);
    else fputs("<p>(no plot: gnuplot not available or failed)</p>\n", fp);
    fputs("<h2>Where the profiles differ most</h2>\n", fp);
    if (have_map) fputs("<img src=\"verify-map.png\" alt=\"world map of differences\">\n", fp);
    else fprintf(fp, "<p>(no map: %s)</p>\n", mc ? "gnuplot not available, failed, or no "
                 "differing row" : "no comparison asked for one with --map");
    html_geomag(fp, v);
    fputs("</body></html>\n", fp);
    return tdre_outfile_commit(&of, err, errlen);
}
