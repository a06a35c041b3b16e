#!/usr/bin/env bash
# Accuracy of detect_language() (the pure C detector, and the SQL function on the same texts):
#  - test/data/langid_texts.tsv: feedback-like texts written for this test, 15 per supported
#    language plus texts that must be 'und' (too short, other scripts);
#  - the umsab tweets of ../shared (en fr de it pt es) with @mentions, URLs and #hashtags
#    removed: val_* (used to tune the frequent-word lists: not held out) and train_* (not used
#    for detection: held out);
#  - texts under 10 letters (the first words of every text above): must all be 'und'.
# Fails when the texts of 30 characters or more are below 97% correct (own texts, and the
# held-out tweets overall), when a text under 10 letters gets a language, or when SQL and C
# disagree.  Prints per-language figures and the detector's speed.
set -euo pipefail
: "${PGE_ROOT:?run through tools/test.sh}"
cd "$PGE_ROOT"
mkdir -p test/build
out=${PGE_TMP:-/tmp}/langid
mkdir -p "$out"
gcc -O2 -g -Wall -Wextra -Wno-unused-parameter -Wno-sign-compare $(tools/core-sources.sh cflags) \
	-o test/build/langid_lines test/core/langid_lines.c \
	$(tools/core-sources.sh | grep '/src/language/langid') $(pkg-config --libs libutf8proc) -lm

mapfile -t sets < <(test/langid_sets.sh "$out")
[ ${#sets[@]} -gt 1 ] || echo "note: $PGE_SHARED/data/train/umsab not found: the umsab figures are skipped"

# texts under 10 letters: the first one, two and three words of every text
for s in "${sets[@]}"; do cat "$out/$s.tsv"; done |
	awk -F'\t' '{ n = split($2, w, " "); t = ""; for (i = 1; i <= 3 && i <= n; i++) { t = t (i > 1 ? " " : "") w[i]; print $1 "\t" t } }' |
	test/build/langid_lines | awk -F'\t' '$5 < 10' >"$out/short.out"

fail=0
summary=()
for s in "${sets[@]}"; do
	test/build/langid_lines <"$out/$s.tsv" >"$out/$s.out"
	echo "== $s: texts of 30 characters or more, per language (correct / n, und)"
	awk -F'\t' '$1 != "und" && $4 >= 30 { n[$1]++; ok[$1] += ($1 == $2); u[$1] += ($2 == "und"); N++; OK += ($1 == $2) }
		END { for (l in n) printf "  %s %d/%d = %.3f (und %d)\n", l, ok[l], n[l], ok[l] / n[l], u[l];
			  printf "  all %d/%d = %.4f\n", OK, N, OK / N }' "$out/$s.out" | sort
	acc=$(awk -F'\t' '$1 != "und" && $4 >= 30 { N++; OK += ($1 == $2) } END { printf "%.4f", OK / N }' "$out/$s.out")
	summary+=("$s $acc")
	if [ "$s" != umsab_val ] && awk -v a="$acc" 'BEGIN { exit !(a < 0.97) }'; then
		echo "FAILED: $s below 0.97"
		fail=1
	fi
done
echo "== own texts that must be 'und'"
awk -F'\t' '$1 == "und" { print "  " $2, $6, ($2 == "und" ? "ok" : "WRONG") }' "$out/own.out"
if [ -n "$(awk -F'\t' '$1 == "und" && $2 != "und"' "$out/own.out")" ]; then
	echo "FAILED: an 'und' text got a language"
	fail=1
fi
nshort=$(wc -l <"$out/short.out")
wrong_short=$(awk -F'\t' '$2 != "und"' "$out/short.out" | wc -l)
echo "== texts under 10 letters: $nshort, with a language: $wrong_short"
[ "$wrong_short" -eq 0 ] || { echo "FAILED: a text under 10 letters got a language"; fail=1; }

# the SQL function gives what the C core gives
db=pge_langid
export PGOPTIONS="-c client_min_messages=warning"
psql -X -q -v ON_ERROR_STOP=1 -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
trap 'psql -X -q -d postgres -c "DROP DATABASE IF EXISTS '$db'" >/dev/null 2>&1 || true' EXIT
cut -f2 "$out/own.out" >"$out/own_c.txt"
psql -X -q -v ON_ERROR_STOP=1 -d "$db" -At <<SQL >"$out/own_sql.txt"
CREATE EXTENSION pg_empathy;
CREATE TABLE t (n serial, lang text, body text);
\copy t (lang, body) FROM '$out/own.tsv' WITH (FORMAT text)
SELECT detect_language(body) FROM t ORDER BY n;
SQL
if ! diff -q "$out/own_c.txt" "$out/own_sql.txt" >/dev/null; then
	echo "FAILED: detect_language() in SQL differs from the C core"
	diff "$out/own_c.txt" "$out/own_sql.txt" | head
	fail=1
fi

# ASan + UBSan over the texts, random bytes (invalid UTF-8), a 40 kB word and 3,000 apostrophes
clang-14 -g -O1 -fsanitize=address,undefined -fno-sanitize-recover=all $(tools/core-sources.sh cflags) \
	-o test/build/langid_lines_asan test/core/langid_lines.c \
	$(tools/core-sources.sh | grep '/src/language/langid') $(pkg-config --libs libutf8proc) -lm
{
	cat "$out/own.tsv"
	head -c 30000 /dev/urandom | tr '\n\t' 'ab' | fold -w 300 | sed 's/^/x\t/'
	printf 'x\t%s\n' "$(head -c 40000 /dev/zero | tr '\0' 'a')"
	printf 'x\t%s\n' "$(printf "l'%.0s" $(seq 1 3000))"
} >"$out/asan.tsv"
if ! ASAN_OPTIONS=detect_leaks=0 test/build/langid_lines_asan <"$out/asan.tsv" >/dev/null 2>"$out/asan.err"; then
	echo "FAILED: sanitizer error"
	head -20 "$out/asan.err"
	fail=1
fi

speed=$(for s in "${sets[@]}"; do cat "$out/$s.tsv"; done | test/build/langid_lines --bench 5 | cut -d' ' -f1)
echo "language detection, >= 30 chars: ${summary[*]}; under 10 letters: $wrong_short of $nshort got a language; C core $speed texts/s"
exit $fail
