#!/usr/bin/env bash
# sentiment_sentences(): sentence boundaries on the labelled sets test/data/sentences_<lang>.tsv
# (301 texts in the ten configured languages, written for pg_empathy; the splitter's rules were
# tuned on them) and test/data/sentences_heldout.tsv (87 texts written before it was run on
# them); precision and recall of the boundaries must be >= 0.98 on each set.  For every row of
# both sets, substr(body, start_offset, end_offset - start_offset) must give the sentence back,
# in UTF-8, in a LATIN1 database (the texts LATIN1 can hold; the offsets must equal UTF-8's)
# and in SQL_ASCII (where PostgreSQL counts bytes).
set -euo pipefail
fail() { echo "FAIL: $*"; exit 1; }
q() { psql -qXAt -v ON_ERROR_STOP=1 "$@"; }
root=${PGE_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
tmp=${PGE_TMP:-$(mktemp -d)}
dbs="pge_sent_utf8 pge_sent_latin1 pge_sent_ascii"
cleanup() { for d in $dbs; do psql -qX -d postgres -c "DROP DATABASE IF EXISTS $d" >/dev/null 2>&1 || true; done; }
trap cleanup EXIT
cleanup
q -d postgres -c "CREATE DATABASE pge_sent_utf8 ENCODING 'UTF8' TEMPLATE template0" \
	-c "CREATE DATABASE pge_sent_latin1 ENCODING 'LATIN1' TEMPLATE template0 LC_COLLATE 'C' LC_CTYPE 'C'" \
	-c "CREATE DATABASE pge_sent_ascii ENCODING 'SQL_ASCII' TEMPLATE template0 LC_COLLATE 'C' LC_CTYPE 'C'"

# a labelled line is: lang TAB text, where "\\n" is a line break and "¶" stands right before the
# first character of every sentence but the first.  Out: id, lang, text, the labelled sentence
# starts (1-based characters), whether LATIN1 can hold the text.
cat > "$tmp/sentences_gold.py" <<'PY'
import sys

MARK = "\u00b6"


def copy_escape(s):
    return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


n = 0
for path in sys.argv[1:]:
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            lang, marked = line.split("\t", 1)
            marked = marked.replace("\\n", "\n")
            text, starts = [], []
            for ch in marked:
                if ch == MARK:
                    starts.append(len(text) + 1)
                else:
                    text.append(ch)
            text = "".join(text)
            try:
                text.encode("latin-1")
                latin1 = "t"
            except UnicodeEncodeError:
                latin1 = "f"
            n += 1
            print("\t".join([str(n), lang, copy_escape(text),
                             "{" + ",".join(map(str, starts)) + "}", latin1]))
PY
python3 "$tmp/sentences_gold.py" "$root"/test/data/sentences_[a-z][a-z].tsv > "$tmp/sent_tuned.tsv"
python3 "$tmp/sentences_gold.py" "$root/test/data/sentences_heldout.tsv" > "$tmp/sent_heldout.tsv"
grep -P '\tt$' "$tmp/sent_tuned.tsv" | sed 's/^/tuned\t/' > "$tmp/sent_latin1.tsv"
grep -P '\tt$' "$tmp/sent_heldout.tsv" | sed 's/^/heldout\t/' >> "$tmp/sent_latin1.tsv"
{ sed 's/^/tuned\t/' "$tmp/sent_tuned.tsv"; sed 's/^/heldout\t/' "$tmp/sent_heldout.tsv"; } > "$tmp/sent_all.tsv"

setup="CREATE EXTENSION pg_empathy;
CREATE TABLE gold (set text, id int, lang text, body text, starts int[], latin1 bool, PRIMARY KEY (set, id));
CREATE VIEW got AS
SELECT g.set, g.id, g.lang, g.starts, g.latin1, s.ord, s.sentence, s.start_offset, s.end_offset,
       substr(g.body, s.start_offset, s.end_offset - s.start_offset) AS cut
FROM gold g, sentiment_sentences(g.body, g.lang) s;"
PGCLIENTENCODING=UTF8 q -d pge_sent_utf8 -c "$setup" -c "\\copy gold FROM '$tmp/sent_all.tsv'"
PGCLIENTENCODING=UTF8 q -d pge_sent_latin1 -c "$setup" -c "\\copy gold FROM '$tmp/sent_latin1.tsv'"
q -d pge_sent_ascii -c "$setup" -c "\\copy gold FROM '$tmp/sent_all.tsv'"

# every sentence comes back from its offsets, in order, without overlap
check_offsets() {
	local db=$1 bad
	bad=$(q -d "$db" -c "SELECT count(*) FROM got WHERE cut IS DISTINCT FROM sentence OR start_offset >= end_offset")
	[ "$bad" = 0 ] || fail "$db: $bad sentences differ from substr(body, start_offset, end_offset - start_offset): $(q -d "$db" -c "SELECT set, id, ord, sentence, cut FROM got WHERE cut IS DISTINCT FROM sentence LIMIT 3")"
	bad=$(q -d "$db" -c "SELECT count(*) FROM (SELECT ord, row_number() OVER w AS rn, start_offset, lag(end_offset) OVER w AS prev_end
		FROM got WINDOW w AS (PARTITION BY set, id ORDER BY ord)) x WHERE ord <> rn OR start_offset < prev_end")
	[ "$bad" = 0 ] || fail "$db: $bad sentences out of order or overlapping"
	q -d "$db" -c "SELECT count(*) FROM got"
}
n_utf8=$(check_offsets pge_sent_utf8)
n_latin1=$(check_offsets pge_sent_latin1)
n_ascii=$(check_offsets pge_sent_ascii)

# LATIN1 and SQL_ASCII: the same sentences as UTF-8 (LATIN1: same offsets; SQL_ASCII: same text)
offs() { PGCLIENTENCODING=UTF8 q -d "$1" -c "SELECT string_agg(format('%s/%s %s-%s', set, id, start_offset, end_offset), ' ' ORDER BY set, id, ord) FROM got WHERE $2"; }
[ "$(offs pge_sent_utf8 latin1)" = "$(offs pge_sent_latin1 true)" ] || fail "LATIN1 offsets differ from UTF-8"
texts() { q -d "$1" -c "SELECT md5(string_agg(sentence, '|' ORDER BY set, id, ord)) FROM got"; }
[ "$(texts pge_sent_utf8)" = "$(texts pge_sent_ascii)" ] || fail "SQL_ASCII sentences differ from UTF-8"

# boundaries: a sentence start other than the first, against the labels
report=$(q -d pge_sent_utf8 -F ' ' -c "
WITH pred AS (
	SELECT g.set, g.id, g.starts,
	       coalesce((SELECT array_agg(start_offset) FROM got x WHERE x.set = g.set AND x.id = g.id AND x.ord > 1), '{}') AS pred
	FROM gold g),
c AS (
	SELECT set, count(*) AS texts, sum(cardinality(starts)) AS gold,
	       sum((SELECT count(*) FROM unnest(pred) p WHERE p = ANY (starts))) AS tp,
	       sum(cardinality(pred)) AS predicted,
	       count(*) FILTER (WHERE starts <> pred) AS wrong_texts
	FROM pred GROUP BY set)
SELECT set, texts, gold, predicted, tp,
       round(tp::numeric / nullif(predicted, 0), 4), round(tp::numeric / nullif(gold, 0), 4), wrong_texts
FROM c ORDER BY set DESC")
echo "$report" | while read -r set texts gold predicted tp p r wrong; do
	echo "$set: $texts texts, $gold labelled boundaries, $predicted found, $tp right: precision $p, recall $r ($wrong texts not exactly right)"
done
echo "$report" | awk '$6 < 0.98 || $7 < 0.98 { bad = 1 } END { exit bad }' || fail "boundary precision or recall below 0.98"
# the scorer's cap on the words of one text holds for the sum of the sentences (2,097,153
# sentences of two words: 4,194,306 words)
err=$(psql -qXAt -d pge_sent_utf8 -c "\\set VERBOSITY sqlstate" -c "SELECT count(*) FROM sentiment_sentences(repeat('a a. ', 2097153))" 2>&1 || true)
[ "$err" = "ERROR:  54000" ] || fail "4,194,306 words in 2,097,153 sentences: got '$err', expected 54000"
langs=$(q -d pge_sent_utf8 -c "SELECT string_agg(lang || ' ' || n, ', ' ORDER BY lang) FROM (SELECT lang, count(*) n FROM gold GROUP BY lang) x")
echo "texts per language: $langs"
echo "substr(body, start_offset, end_offset - start_offset) = sentence for all $n_utf8 sentences (UTF-8), $n_latin1 (LATIN1), $n_ascii (SQL_ASCII); 4,194,306 words over 2,097,153 sentences -> 54000"
