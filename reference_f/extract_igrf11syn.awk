# extract_igrf11syn.awk: copy SUBROUTINE IGRF11SYN, and nothing else, out of
# a fixed-form Fortran file, so that a whole distributed igrf11.f (a PROGRAM
# unit plus subroutines) can be compiled as the oracle without editing it.
#
#   awk -f extract_igrf11syn.awk igrf11.f > igrf11syn.f
#
# Fixed form: a C, c, * or ! in column 1 marks a comment; the statement field
# is columns 7-72. The subroutine runs from its SUBROUTINE statement to the
# first END statement after it. Comment lines just above it are kept (they
# usually document it). Exit status 1 when the subroutine is not found.

function statement(line) {
    return toupper(substr(line, 7, 66))
}
function is_comment(line) {
    return line ~ /^[Cc*!]/ || line ~ /^[ \t]*$/
}

BEGIN { inside = 0; found = 0; nheld = 0 }
{
    sub(/\r$/, "")
    if (!inside) {
        if (is_comment($0)) { held[++nheld] = $0; next }
        if (statement($0) ~ /^[ \t]*SUBROUTINE[ \t]+IGRF11SYN[ \t]*(\(|$)/) {
            for (i = 1; i <= nheld; i++) print held[i]
            inside = 1; found = 1
            print; next
        }
        nheld = 0
        next
    }
    print
    if (!is_comment($0) && substr($0, 6, 1) ~ /[ 0]/ &&
        statement($0) ~ /^[ \t]*END[ \t]*$/) {
        inside = 0
        exit
    }
}
END {
    if (!found) {
        print "extract_igrf11syn.awk: no SUBROUTINE IGRF11SYN in " FILENAME > "/dev/stderr"
        exit 1
    }
    if (inside) {
        print "extract_igrf11syn.awk: SUBROUTINE IGRF11SYN has no END in " FILENAME > "/dev/stderr"
        exit 1
    }
}
