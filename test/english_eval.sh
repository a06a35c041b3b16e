# shellcheck shell=bash
# Sourced by the English accuracy tests (test/t/300, 302): skips (exit 77) without the ../shared
# data they need, and
#   eng_setup DB    database DB (dropped at exit) with pg_empathy, the VADER corpora
#                   (test/sql/load_vader_corpora.sql: vader_corpus) and the English sets
#                   (test/sql/load_english_eval.sql: eval)
# Sets shared (PGE_SHARED) and train (its data/train).
set -euo pipefail
: "${PGE_ROOT:?run through tools/test.sh}"
shared=${PGE_SHARED:-}
train="$shared/data/train"
if [ ! -f "$train/goemotions/group/dev.tsv" ] || [ ! -f "$shared/data/vader/tweets_GroundTruth.txt" ]; then
	echo "SKIP: ../shared training data not found (PGE_SHARED=$shared)"
	exit 77
fi
export PGOPTIONS="-c client_min_messages=warning"
eng_setup() {
	local db=$1
	psql -X -q -v ON_ERROR_STOP=1 -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
	# shellcheck disable=SC2064 # the name now
	trap "psql -X -q -d postgres -c 'DROP DATABASE IF EXISTS $db' >/dev/null 2>&1 || true" EXIT
	psql -X -q -v ON_ERROR_STOP=1 -d "$db" -c "CREATE EXTENSION pg_empathy"
	psql -X -q -v ON_ERROR_STOP=1 -d "$db" -v shared="$shared/data/vader" -f "$PGE_ROOT/test/sql/load_vader_corpora.sql"
	psql -X -q -v ON_ERROR_STOP=1 -d "$db" -v train="$train" -v own="$PGE_ROOT/test/data/feedback_labelled.tsv" \
		-v heldout="$PGE_ROOT/test/data/feedback_heldout.tsv" -f "$PGE_ROOT/test/sql/load_english_eval.sql"
}
