/*
 * tdre-gen: the harness's generators.
 *   tdre-gen vectors ...   test vectors (CSV that tdre-eval reads)
 *   tdre-gen tables  ...   C and Fortran tables from a coefficient file
 */
#include <stdio.h>
#include <string.h>

#include "gen.h"

static void usage(FILE *to)
{
    fputs("usage: tdre-gen vectors [options]   write test vectors (see tdre-gen vectors --help)\n"
          "       tdre-gen tables  [options]   write coefficient tables (see tdre-gen tables --help)\n",
          to);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return 2;
    }
    if (strcmp(argv[1], "vectors") == 0)
        return tdre_gen_vectors_main(argc - 1, argv + 1);
    if (strcmp(argv[1], "tables") == 0)
        return tdre_gen_tables_main(argc - 1, argv + 1);
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        usage(stdout);
        return 0;
    }
    fprintf(stderr, "tdre-gen: unknown command '%s'\n", argv[1]);
    usage(stderr);
    return 2;
}
