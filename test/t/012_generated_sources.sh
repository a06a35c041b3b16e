#!/usr/bin/env bash
# The committed generated sources are what their generators make of the committed data: run
# every generator of the Makefile's update-* targets in a copy of the tree and compare the
# outputs byte for byte.  A data edit without regeneration (for example new 'cx' aspect terms,
# which are also compound parts of the i18n lexicons) fails here, naming the stale file.
# The language-detection model is generated from ../shared too: that part is skipped, with a
# message, when ../shared is absent.  The trained models (train_en.py, train_lang_model.py,
# train_emotion.py train) are checked by their own tests (301 with PGE_RETRAIN=1).
set -euo pipefail
cd "$PGE_ROOT"
copy="$PGE_TMP/generated_sources"
rm -rf "$copy"
tools/copy-tree.sh "$copy"
cd "$copy"
python3 tools/gen_lexicon.py data src/lexicon >/dev/null
python3 tools/gen_lexicon_i18n.py data src/lexicon >/dev/null
python3 tools/gen_aspects.py data/aspects/cx.tsv install/pg_empathy/32_aspects_cx.sql >/dev/null
python3 tools/gen_rules_i18n.py data/escalation/rules_i18n.tsv install/pg_empathy_workflow/25_rules_i18n.sql >/dev/null
/usr/bin/python3 tools/train_emotion.py generate >/dev/null
files="src/lexicon/lexicon_data.c src/lexicon/lexicon_words.h src/lexicon/lexicon_data_i18n.c
install/pg_empathy/32_aspects_cx.sql install/pg_empathy_workflow/25_rules_i18n.sql src/emotion/emotion_data.c"
if [ -d "$PGE_SHARED/data/lexicons" ]; then
	python3 tools/gen_langid.py "$PGE_SHARED" data/langid src/language >/dev/null
	files="$files src/language/langid_data.c"
else
	echo "skipped: src/language/langid_data.c (needs ../shared, not found at $PGE_SHARED)"
fi
fail=0
n=0
for f in $files; do
	n=$((n + 1))
	if cmp -s "$f" "$PGE_ROOT/$f"; then
		echo "ok: $f ($(wc -c <"$f") bytes)"
	else
		echo "FAIL: $f is stale: its generator makes $(diff "$PGE_ROOT/$f" "$f" | grep -c '^[<>]') other lines from the committed data (make update-*)"
		fail=1
	fi
done
cd "$PGE_ROOT"
rm -rf "$copy"
[ "$fail" = 0 ] || exit 1
echo "generated sources: $n of $n identical to a fresh generation"
