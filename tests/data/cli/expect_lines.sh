#!/bin/sh
# Runs a command and checks its exit code and output (stdout and stderr together) against an
# expectation file, for the terminal player's CTest tests (tests/cli_tests.cmake).
#
# usage: expect_lines.sh EXPECT_FILE EXIT_CODE COMMAND [ARG...]
#   EXIT_CODE  the exit code wanted: a number, or "nonzero"
#
# EXPECT_FILE: one expectation per line, matched against the output lines IN ORDER (each one
# after the line the previous expectation matched):
#   TEXT        a line that starts with TEXT
#   ~ REGEX     a line matching the POSIX extended regular expression REGEX (awk)
#   ! TEXT      no line anywhere contains TEXT (not ordered)
#   # ...       a comment; blank lines are ignored
set -u
[ $# -ge 3 ] || { echo "usage: $0 EXPECT_FILE EXIT_CODE COMMAND [ARG...]" >&2; exit 2; }
expect=$1
want=$2
shift 2
out=$(mktemp) || exit 2
trap 'rm -f "$out"' EXIT

"$@" >"$out" 2>&1
rc=$?

show_output() {
    echo "---- output of: $* ----"
    cat "$out"
    echo "---- end of output ----"
}

if [ "$want" = nonzero ]; then
    if [ "$rc" -eq 0 ]; then
        show_output "$@"
        echo "FAIL: exit code 0, expected non-zero"
        exit 1
    fi
elif [ "$rc" -ne "$want" ]; then
    show_output "$@"
    echo "FAIL: exit code $rc, expected $want"
    exit 1
fi

awk -v expect_file="$expect" '
BEGIN {
    n = 0
    while ((getline line < expect_file) > 0) {
        if (line ~ /^[ \t]*$/ || line ~ /^#/) continue
        n++
        if (substr(line, 1, 2) == "~ ") { kind[n] = "re"; text[n] = substr(line, 3) }
        else if (substr(line, 1, 2) == "! ") { kind[n] = "not"; text[n] = substr(line, 3) }
        else { kind[n] = "prefix"; text[n] = line }
    }
    if (n == 0) { print "FAIL: no expectations in " expect_file; bad = 1; exit 1 }
    k = 1
}
{
    for (i = 1; i <= n; i++)
        if (kind[i] == "not" && index($0, text[i]) > 0) { print "FAIL: line " NR " contains \"" text[i] "\": " $0; bad = 1 }
    while (k <= n && kind[k] == "not") k++
    if (k > n) next
    if ((kind[k] == "prefix" && index($0, text[k]) == 1) || (kind[k] == "re" && $0 ~ text[k])) {
        matched[k] = NR
        k++
    }
}
END {
    if (bad && n == 0) exit 1
    while (k <= n && kind[k] == "not") k++
    if (k <= n) {
        printf "FAIL: expectation %d not found (after output line %d): %s\n", k, (k > 1 ? matched[k - 1] : 0), (kind[k] == "re" ? "~ " : "") text[k]
        bad = 1
    }
    exit bad ? 1 : 0
}' "$out"
status=$?
if [ "$status" -ne 0 ]; then
    show_output "$@"
    exit 1
fi
echo "ok: exit code $rc, all expectations of $expect met"
exit 0
