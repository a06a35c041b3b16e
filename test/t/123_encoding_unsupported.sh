#!/usr/bin/env bash
# Server encodings without a conversion to and from UTF-8 (MULE_INTERNAL): CREATE EXTENSION
# pg_empathy fails up front with 0A000 and says why (0.1.0 installed, then every call failed
# with 42883); nothing is left installed.  A LATIN1 and an SQL_ASCII database still install.
set -euo pipefail
fail() { echo "FAIL: $*"; exit 1; }
q() { psql -qXAt -v ON_ERROR_STOP=1 "$@"; }
q -d postgres -c "DROP DATABASE IF EXISTS pge_mule" -c "DROP DATABASE IF EXISTS pge_enc_ok"
q -d postgres -c "CREATE DATABASE pge_mule ENCODING 'MULE_INTERNAL' TEMPLATE template0 LC_COLLATE 'C' LC_CTYPE 'C'"

out=$(psql -qXAt -d pge_mule -c '\set VERBOSITY verbose' -c "CREATE EXTENSION pg_empathy" 2>&1 || true)
grep -q '^ERROR:  0A000: pg_empathy does not support the database encoding MULE_INTERNAL' <<<"$out" \
	|| fail "CREATE EXTENSION in MULE_INTERNAL: $out"
grep -q 'no conversion between MULE_INTERNAL and UTF8' <<<"$out" || fail "no detail: $out"
grep -q "HINT:  Install it in a database created with ENCODING 'UTF8'" <<<"$out" || fail "no hint: $out"
[ "$(q -d pge_mule -c "SELECT count(*) FROM pg_extension WHERE extname LIKE 'pg_empathy%'")" = 0 ] \
	|| fail "pg_empathy left installed in MULE_INTERNAL"
out=$(psql -qXAt -d pge_mule -c "CREATE EXTENSION pg_empathy_workflow CASCADE" 2>&1 || true)
grep -q 'does not support the database encoding MULE_INTERNAL' <<<"$out" || fail "workflow CASCADE: $out"
echo "MULE_INTERNAL: CREATE EXTENSION fails with 0A000 and a hint; nothing installed"

# which server encodings lack a default conversion to or from UTF-8 (what the install script
# checks): only MULE_INTERNAL; a few others install and score as in UTF-8
refused=$(q -d postgres -c "SELECT string_agg(pg_encoding_to_char(i), ' ') FROM generate_series(0, 63) i
	WHERE i < pg_char_to_encoding('SJIS') AND pg_encoding_to_char(i) NOT IN ('', 'UTF8', 'SQL_ASCII')
	  AND NOT (EXISTS (SELECT FROM pg_conversion WHERE condefault AND conforencoding = i AND contoencoding = 6)
			   AND EXISTS (SELECT FROM pg_conversion WHERE condefault AND conforencoding = 6 AND contoencoding = i))")
[ "$refused" = MULE_INTERNAL ] || fail "server encodings without UTF-8 conversions: $refused"
ok=()
for enc in SQL_ASCII LATIN1 WIN1252 KOI8R EUC_JP; do
	q -d postgres -c "DROP DATABASE IF EXISTS pge_enc_ok" \
		-c "CREATE DATABASE pge_enc_ok ENCODING '$enc' TEMPLATE template0 LC_COLLATE 'C' LC_CTYPE 'C'"
	q -d pge_enc_ok -c "CREATE EXTENSION pg_empathy"
	[ "$(q -d pge_enc_ok -c "SELECT sentiment_score('good', 'en-rules')")" = 0.4404 ] || fail "$enc: wrong score"
	ok+=("$enc")
done
q -d postgres -c "DROP DATABASE pge_mule" -c "DROP DATABASE IF EXISTS pge_enc_ok"
echo "only $refused lacks UTF-8 conversions among the server encodings; installs and scores 'good' = 0.4404 in ${ok[*]}"
