/* gen.h: entry points of tdre-gen's subcommands (argv[0] is the subcommand). */
#ifndef TDRE_GEN_H
#define TDRE_GEN_H

int tdre_gen_vectors_main(int argc, char **argv);  /* gen/vectors.c */
int tdre_gen_tables_main(int argc, char **argv);   /* gen/tables.c */

#endif
