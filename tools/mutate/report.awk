# report.awk: the verdicts of a mutation run (tools/mutate/mutate.sh).
#   awk -F '\t' -v min=P -v src=SNAPSHOT/ -f report.awk RES=DIR equivalent.txt mutants.tsv
# Prints every mutant's verdict, the survivors with their reasons, counts per
# kind and, last, `mutants killed: K/N (P%)`, where N leaves out the
# survivors explained as equivalent (the same program) and nothing else. Exits 1 when a survivor is
# unexplained, a verdict is missing or the score is below min.
    FILENAME ~ /equivalent.txt$/ {
        if ($0 ~ /^#/ || NF < 2) next
        # KEY* names every survivor whose key starts with KEY.
        if ($1 ~ /\*$/) wild[substr($1, 1, length($1) - 1)] = $2
        else reason[$1] = $2
        next
    }
    {
        n++
        f = $1
        if (index(f, src) == 1) f = "port_c/" substr(f, length(src) + 1)
        v = ""; d = ""
        if ((getline res < (RES "/" n)) > 0) { split(res, a, "\t"); v = a[1]; d = a[2] }
        close(RES "/" n)
        if (v == "") v = "missing"
        count[v]++
        kind[$4 " " v]++
        kinds[$4] = 1
        printf "%-9s %s:%s %s: %s\n", v, f, $3, $4, $6
        if (v == "survived" && !($5 in reason))
            for (w in wild)
                if (index($5, w) == 1) reason[$5] = wild[w]
        if (v == "survived") {
            if ($5 in reason) {
                explained++
                cat = reason[$5]; sub(/:.*/, "", cat)
                bycat[cat]++
                surv[++ns] = f ":" $3 "  " $6 "\n    key: " $5 "\n    " reason[$5]
            }
            else { unexplained++; surv[++ns] = f ":" $3 "  " $6 "\n    key: " $5 "\n    UNEXPLAINED" }
        }
    }
    END {
        print ""
        print "survivors:"
        if (ns == 0) print "  none"
        for (i = 1; i <= ns; i++) print "  " surv[i]
        print ""
        printf "%-8s %7s %9s %7s %8s %8s %9s\n", "kind", "killed", "survived", "crashed", "timeout", "refused", "stillborn"
        for (k in kinds)
            printf "%-8s %7d %9d %7d %8d %8d %9d\n", k, kind[k " killed"], kind[k " survived"], kind[k " crashed"], kind[k " timeout"], kind[k " refused"], kind[k " stillborn"]
        killed = count["killed"] + count["crashed"] + count["timeout"] + count["refused"]
        # Equivalent mutants are the same program: not counted in N. Every
        # other survivor (undefined, unreachable, beyond the oracle, below
        # bound) is counted as not killed.
        valid = n - count["stillborn"] - bycat["equivalent"]
        printf "\nkilled by a differing row: %d; by a crash: %d; by a timeout: %d; by the library refusing the model: %d\n", count["killed"], count["crashed"], count["timeout"], count["refused"]
        printf "survived: %d, %d of them unexplained; did not compile (not counted): %d\n", count["survived"], unexplained, count["stillborn"]
        for (c in bycat) printf "  survivors explained as %s: %d\n", c, bycat[c]
        printf "equivalent survivors are left out of N; all mutants that compiled: %d, killed %d (%.1f%%)\n", n - count["stillborn"], killed, n - count["stillborn"] ? 100.0 * killed / (n - count["stillborn"]) : 0
        if (count["missing"]) printf "no verdict (harness failure): %d\n", count["missing"]
        pct = valid ? 100.0 * killed / valid : 0
        status = (unexplained > 0 || count["missing"] > 0 || pct < min) ? 1 : 0
        if (pct < min) printf "score below the required %s%%\n", min
        printf "mutants killed: %d/%d (%.2f%%)\n", killed, valid, pct
        exit status
    }
