#!/usr/bin/env bash
# Memory bounds of the scoring functions (issue 8 item 5), ASCII and emoji-heavy texts:
#  1. peak memory of one call, measured as the backend's VmHWM (/proc/self/status read by
#     the backend itself) before and after the call in a fresh session, as a multiple of the
#     text's size, checked against the bound README states per function;
#  2. the hard cap: a text of more than 4,194,304 words fails with 54000 (ASCII and a 100 MB
#     emoji text, which 0.1.0 scored with a 2.9 GB peak), without allocating past the cap;
#  3. the workspace is given back after a large text, after a call that failed half-way and
#     after a subtransaction rolled back (0.1.0 kept 256-384 MB until the next call).
set -euo pipefail
fail() { echo "FAIL: $*"; exit 1; }
db=pge_mem
psql -qX -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
psql -qX -d $db -c "CREATE EXTENSION pg_empathy"
q() { psql -qXAt -d $db -v ON_ERROR_STOP=1 "$@"; }

# texts of about half a million words (the cost per word is what counts); stored uncompressed so that reading one costs only its size
q <<'SQL'
CREATE TABLE big (id int PRIMARY KEY, what text, body text);
ALTER TABLE big ALTER COLUMN body SET STORAGE EXTERNAL;
INSERT INTO big VALUES
	(1, 'ASCII prose, 7 words per 33 bytes', repeat('good service but the app is slow ', 75000)),
	(2, 'ASCII, 1 word per 2 bytes', repeat('a ', 500000)),
	(3, 'emoji-heavy mix', repeat('ok 😀 but 💔 👍🏽 wait ', 50000)),
	(4, 'emoji only (U+1F600)', repeat(chr(128512), 250000));
SQL

hwm_kb="(regexp_match(pg_read_file('/proc/self/status'), 'VmHWM:\\s*(\\d+)'))[1]::bigint"
toast=$(q -c "SELECT reltoastrelid::regclass FROM pg_class WHERE oid = 'big'::regclass")
# peak FUNCTION ID: kB the call added to the backend's high-water mark.  VmHWM also counts the
# shared buffers a backend touches for the first time; reading every chunk of the toast table
# first (no copy: the chunks' lengths only) maps them before the measurement, so that what is
# measured is the call's own memory, not how many of the text's pages this backend had mapped
peak() {
	q <<SQL
SELECT sentiment_score('warm up: load the library') IS NOT NULL AS loaded \\gset
SELECT sum(length(chunk_data)) AS toast_bytes FROM $toast \\gset
SELECT $hwm_kb AS before \\gset
SELECT $1 FROM big WHERE id = $2 \\gset
SELECT $hwm_kb - :before;
SQL
}
# the default configuration 'en' (the learned scorer) and the rule configuration 'en-rules'
declare -A expr=(
	[sentiment_score]="sentiment_score(body) IS NOT NULL AS r"
	[sentiment]="(sentiment(body)).compound IS NOT NULL AS r"
	[sentiment_score/en-rules]="sentiment_score(body, 'en-rules') IS NOT NULL AS r"
	[sentiment_tokens]="cardinality(sentiment_tokens(body)) AS r"
	[sentiment_explain]="(SELECT count(*) FROM sentiment_explain(body)) AS r"
	[sentiment_explain/en-rules]="(SELECT count(*) FROM sentiment_explain(body, 'en-rules')) AS r"
)
# bounds (README "Memory bounds"): peak <= 2 x text + B bytes per word (+ work_mem for the
# rows sentiment_explain hands back, which PostgreSQL's tuplestore keeps in memory up to
# work_mem and spills to disk beyond), + 4 MB for the allocator's rounding
# (sentiment_explain with the learned 'en': measured at most 317 bytes per word beyond
# work_mem on these four texts, 2026-11-30)
declare -A perword_bound=([sentiment_score]=96 [sentiment]=96 [sentiment_score/en-rules]=64 [sentiment_tokens]=56
	[sentiment_explain]=352 [sentiment_explain/en-rules]=64)
work_mem_kb=$(q -c "SELECT setting::bigint FROM pg_settings WHERE name = 'work_mem'")
summary=()
declare -A bytes words what
for id in 1 2 3 4; do
	read -r bytes[$id] words[$id] what[$id] < <(q -F' ' -c "SELECT octet_length(body), cardinality(sentiment_tokens(body)), what FROM big WHERE id = $id")
done
for f in sentiment_score sentiment sentiment_score/en-rules sentiment_tokens sentiment_explain sentiment_explain/en-rules; do
	for id in 1 2 3 4; do
		kb=$(peak "${expr[$f]}" "$id")
		ratio=$(awk -v k="$kb" -v b="${bytes[$id]}" 'BEGIN { printf "%.1f", k * 1024 / b }')
		perword=$(awk -v k="$kb" -v w="${words[$id]}" 'BEGIN { printf "%.0f", k * 1024 / w }')
		printf '%-26s text %d (%s, %.1f MB, %d words): peak +%.1f MB = %s x text, %s bytes per word\n' "$f" "$id" "${what[$id]}" \
			"$(awk -v b="${bytes[$id]}" 'BEGIN { print b / 1048576 }')" "${words[$id]}" "$(awk -v k="$kb" 'BEGIN { print k / 1024 }')" "$ratio" "$perword"
		extra=0
		[ "${f%/*}" = sentiment_explain ] && extra=$((work_mem_kb * 1024))
		limit=$((2 * bytes[$id] + perword_bound[$f] * words[$id] + extra + 4 * 1048576))
		[ $((kb * 1024)) -le "$limit" ] || fail "$f text $id: peak $((kb / 1024)) MB, bound $((limit / 1048576)) MB"
		[ "$id" = 2 ] && summary+=("$f ${ratio}x")
	done
done

# 2. the cap
for t in "repeat('a ', 4194305)" "repeat(chr(128512), 2097153)"; do
	for f in sentiment_score sentiment sentiment_tokens; do
		out=$(q 2>&1 <<SQL || true
\\set VERBOSITY sqlstate
SELECT $f($t) IS NOT NULL;
SQL
)
		[ "$out" = "ERROR:  54000" ] || fail "$f($t): expected 54000, got: $out"
	done
done
out=$(q 2>&1 <<'SQL' || true
SELECT count(*) FROM sentiment_explain(repeat('good ', 4194305));
SQL
)
grep -q 'more than 4194304 words' <<<"$out" || fail "explain over the cap: $out"
q -c "CREATE TABLE huge AS SELECT repeat(chr(128512), 25000000) AS body" \
	-c "ALTER TABLE huge ALTER COLUMN body SET STORAGE EXTERNAL"
kb=$(q <<SQL
SELECT sentiment_score('x') IS NOT NULL AS loaded \\gset
SELECT $hwm_kb AS before \\gset
\\set ON_ERROR_STOP 0
SELECT sentiment_score(body) FROM huge;
SELECT $hwm_kb - :before;
SQL
)
kb=${kb##*$'\n'}
echo "cap: 54000 above 4194304 words; sentiment_score of a 100 MB emoji text fails after +$((kb / 1024)) MB (text read included)"
[ "$kb" -lt $((700 * 1024)) ] || fail "100 MB emoji text: +$kb kB before the cap error"

# 3. the workspace after a large text, a failed call and a rolled-back subtransaction
ws="SELECT coalesce(sum(total_bytes), 0) FROM pg_backend_memory_contexts WHERE name = 'pg_empathy scorer workspace'"
out=$(q <<SQL
SELECT sentiment_score(body) IS NOT NULL FROM big WHERE id = 4;
$ws;
\\set ON_ERROR_STOP 0
SELECT sentiment_score(repeat('a ', 4194305));
$ws;
BEGIN;
DO \$\$BEGIN PERFORM sentiment_tokens(repeat(chr(128512), 2097153)); EXCEPTION WHEN program_limit_exceeded THEN NULL; END\$\$;
$ws;
COMMIT;
SQL
)
read -r a b c <<<"$(echo "$out" | grep -E '^[0-9]+$' | tr '\n' ' ')"
for v in "$a" "$b" "$c"; do
	[ -n "$v" ] && [ "$v" -lt 1048576 ] || fail "workspace not given back: after a large text / a failed call / a rolled-back subtransaction: $out"
done
echo "workspace after a 1 MB emoji text / a failed call / a rolled-back subtransaction: $a / $b / $c bytes"
psql -qX -d postgres -c "DROP DATABASE $db"
echo "peak per call on 1 MB of 'a a a ...' (500,000 words), as a multiple of the text: ${summary[*]}"
