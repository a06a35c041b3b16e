#!/usr/bin/env bash
# Non-UTF-8 databases: LATIN1 text is converted and scores exactly as the same text in UTF-8;
# explain/tokens come back in LATIN1; in SQL_ASCII, valid UTF-8 is scored and invalid bytes
# raise a clear error (22021/character_not_in_repertoire), never garbage.
set -euo pipefail
fail() { echo "FAIL: $*"; exit 1; }
q() { psql -qXAt -v ON_ERROR_STOP=1 "$@"; }

q -d postgres -c "DROP DATABASE IF EXISTS pge_latin1" -c "DROP DATABASE IF EXISTS pge_sqlascii" -c "DROP DATABASE IF EXISTS pge_utf8"
q -d postgres -c "CREATE DATABASE pge_latin1 ENCODING 'LATIN1' TEMPLATE template0 LC_COLLATE 'C' LC_CTYPE 'C'" \
	-c "CREATE DATABASE pge_sqlascii ENCODING 'SQL_ASCII' TEMPLATE template0 LC_COLLATE 'C' LC_CTYPE 'C'" \
	-c "CREATE DATABASE pge_utf8 ENCODING 'UTF8' TEMPLATE template0"
for d in pge_latin1 pge_sqlascii pge_utf8; do q -d $d -c "CREATE EXTENSION pg_empathy"; done

# the same texts, with accented letters, sent from a UTF-8 client
texts=("CAFÉ GOOD" "Le café était très bon, merci!" "Señor, the service was AWFUL" "naïve but great" "ok ½ price")
checked=0
for t in "${texts[@]}"; do
	for cfg in en vader; do
		u=$(PGCLIENTENCODING=UTF8 q -d pge_utf8 -c "SELECT sentiment(\$\$${t}\$\$, '$cfg')")
		l=$(PGCLIENTENCODING=UTF8 q -d pge_latin1 -c "SELECT sentiment(\$\$${t}\$\$, '$cfg')")
		[ "$u" = "$l" ] || fail "LATIN1 '$t' ($cfg): $l, UTF-8 gives $u"
		checked=$((checked + 1))
	done
done
# tokens and explain come back converted
tok=$(PGCLIENTENCODING=UTF8 q -d pge_latin1 -c "SELECT sentiment_tokens('CAFÉ très naïve')")
[ "$tok" = "{CAFÉ,très,naïve}" ] || fail "LATIN1 tokens: $tok"
ex=$(PGCLIENTENCODING=UTF8 q -d pge_latin1 -c "SELECT string_agg(token, ' ') FROM sentiment_explain('très GOOD, señor', 'en-rules')")
[ "$ex" = "GOOD" ] || fail "LATIN1 explain: $ex"
# the learned default 'en' explains features: its word features come back converted too
exl=$(PGCLIENTENCODING=UTF8 q -d pge_latin1 -c "SELECT count(*) FILTER (WHERE token IN ('señor', 'très', 'good')) FROM sentiment_explain('très GOOD, señor')")
[ "$exl" = 3 ] || fail "LATIN1 explain of 'en': $exl of the words señor, très, good"
# server-side LATIN1 bytes (built with chr()) convert too: é = 233, É = 201
lb=$(PGCLIENTENCODING=UTF8 q -d pge_latin1 -c "SELECT sentiment_tokens('caf' || chr(233) || ' CAF' || chr(201))")
[ "$lb" = "{café,CAFÉ}" ] || fail "LATIN1 chr() tokens: $lb"

# SQL_ASCII: valid UTF-8 bytes are read as UTF-8
s=$(q -d pge_sqlascii -c "SELECT sentiment_score(convert_from('\\x49206c6f766520697420e29da4', 'SQL_ASCII'))")
u=$(q -d pge_utf8 -c "SELECT sentiment_score(E'I love it \\u2764')")
[ "$s" = "$u" ] || fail "SQL_ASCII valid UTF-8 scored $s, UTF-8 database gives $u"
# invalid UTF-8 in SQL_ASCII: a clear error with SQLSTATE 22021
err=$(psql -qXAt -d pge_sqlascii -c "\\set VERBOSITY sqlstate" -c "SELECT sentiment_score(convert_from('\\x6f6b20e9', 'SQL_ASCII'))" 2>&1 || true)
[ "$err" = "ERROR:  22021" ] || fail "SQL_ASCII invalid UTF-8: got '$err'"
msg=$(psql -qXAt -d pge_sqlascii -c "SELECT sentiment_score(convert_from('\\x6f6b20e9', 'SQL_ASCII'))" 2>&1 || true)
grep -q 'text to score is not valid UTF-8' <<<"$msg" || fail "SQL_ASCII message: $msg"

q -d postgres -c "DROP DATABASE pge_latin1" -c "DROP DATABASE pge_sqlascii" -c "DROP DATABASE pge_utf8"
echo "encodings: $checked LATIN1 scores equal UTF-8, tokens/explain converted back, SQL_ASCII valid UTF-8 scored, invalid UTF-8 -> 22021"
