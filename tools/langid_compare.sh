#!/usr/bin/env bash
# langid_compare.sh: the measurement behind the choice of language detector (README
# "Language detection"): pg_empathy's compiled-in detector against Debian's libcld2
# (Apache-2.0, C++ behind an extern "C" shim, test/core/cld2_lines.cc), on the labelled sets
# of test/langid_sets.sh.  Needs libcld2-dev (PGE_WITH_BENCH=1 tools/install-deps.sh).
# Prints a Markdown table: accuracy per language on texts of >= 30 characters, 'und' on
# texts under 10 letters, and texts per second on one core.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
export PGE_ROOT="$root"
export PGE_SHARED=${PGE_SHARED:-$(dirname "$root")/shared}
PGE_WITH_BENCH=1 tools/install-deps.sh >/dev/null
out=$(mktemp -d /tmp/pge_langid_compare.XXXXXX)
trap 'rm -rf "$out"' EXIT
mkdir -p test/build
gcc -O2 $(tools/core-sources.sh cflags) -o test/build/langid_lines test/core/langid_lines.c \
	$(tools/core-sources.sh | grep '/src/language/langid') $(pkg-config --libs libutf8proc) -lm
g++ -O2 -o test/build/cld2_lines test/core/cld2_lines.cc -lcld2
mapfile -t sets < <(test/langid_sets.sh "$out")

# every engine's answer as "gold<TAB>answer<TAB>chars<TAB>letters"; for CLD2 an answer outside
# the ten supported languages is 'und' (what pg_empathy would return), and "cld2-reliable" also
# turns CLD2's unreliable answers into 'und'
run() {
	local set=$1
	test/build/langid_lines <"$out/$set.tsv" | awk -F'\t' -v OFS='\t' '{ print $1, $2, $4, $5 }' >"$out/$set.pge"
	test/build/cld2_lines <"$out/$set.tsv" |
		awk -F'\t' -v OFS='\t' 'BEGIN { split("en fr es pt de it nl da sv pl", a, " "); for (i in a) ok[a[i]] = 1 }
			{ l = ($2 in ok) ? $2 : "und"; print $1, l, $4 > "'"$out/$set.cld2"'"; print $1, ($3 ? l : "und"), $4 > "'"$out/$set.cld2r"'" }'
}
acc() {		# file -> "lang=acc ..." and overall, on texts of >= 30 characters
	awk -F'\t' '$1 != "und" && $3 >= 30 { n[$1]++; ok[$1] += ($1 == $2); N++; OK += ($1 == $2) }
		END { for (l in n) printf "%s %.3f %d\n", l, ok[l] / n[l], n[l]; printf "all %.4f %d\n", OK / N, N }' "$1"
}
echo "| set | engine | en | fr | es | pt | de | it | nl | da | sv | pl | all (n) |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|"
for s in "${sets[@]}"; do
	run "$s"
	for e in pge cld2 cld2r; do
		name=$([ $e = pge ] && echo "pg_empathy" || { [ $e = cld2 ] && echo "CLD2" || echo "CLD2, unreliable = und"; })
		acc "$out/$s.$e" | awk -v set="$s" -v name="$name" '{ a[$1] = $2; n[$1] = $3 }
			END { printf "| %s | %s |", set, name; split("en fr es pt de it nl da sv pl", L, " ");
				  for (i = 1; i <= 10; i++) printf " %s |", (L[i] in a) ? a[L[i]] : "-";
				  printf " %s (%d) |\n", a["all"], n["all"] }'
	done
done
# texts under 10 letters: the first one to three words of every text (letters counted by pg_empathy)
for s in "${sets[@]}"; do cat "$out/$s.tsv"; done |
	awk -F'\t' '{ n = split($2, w, " "); t = ""; for (i = 1; i <= 3 && i <= n; i++) { t = t (i > 1 ? " " : "") w[i]; print $1 "\t" t } }' >"$out/prefixes.tsv"
test/build/langid_lines <"$out/prefixes.tsv" | awk -F'\t' '$5 < 10 { print NR }' >"$out/short.nr"
echo
echo "| texts under 10 letters | answered 'und' |"
echo "|---|---|"
for e in pge cld2 cld2r; do
	case $e in
	pge) test/build/langid_lines <"$out/prefixes.tsv" | cut -f2 ;;
	cld2) test/build/cld2_lines <"$out/prefixes.tsv" | awk -F'\t' '{ print ($2 ~ /^(en|fr|es|pt|de|it|nl|da|sv|pl)$/) ? $2 : "und" }' ;;
	cld2r) test/build/cld2_lines <"$out/prefixes.tsv" | awk -F'\t' '{ print ($3 && $2 ~ /^(en|fr|es|pt|de|it|nl|da|sv|pl)$/) ? $2 : "und" }' ;;
	esac | awk -v e=$e 'NR == FNR { want[$1] = 1; next } (FNR in want) { n++; u += ($1 == "und") }
		END { printf "| %s | %d of %d (%.3f) |\n", e, u, n, u / n }' "$out/short.nr" -
done
echo
all=$(for s in "${sets[@]}"; do cat "$out/$s.tsv"; done)
printf '%s\n' "$all" >"$out/all.tsv"
echo "speed, one core, $(wc -l <"$out/all.tsv") texts x 5 (best of 3):"
for e in langid_lines cld2_lines; do
	best=0
	for r in 1 2 3; do
		t=$(test/build/$e --bench 5 <"$out/all.tsv" | cut -d' ' -f1)
		[ "$t" -gt "$best" ] && best=$t
	done
	echo "  $e: $best texts/s"
done
