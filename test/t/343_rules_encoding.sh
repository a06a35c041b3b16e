#!/usr/bin/env bash
# The built-in i18n escalation rules and aspect terms install the same in a LATIN1 database as in
# a UTF8 one: both install parts are ASCII (tools/gen_rules_i18n.py, tools/gen_aspects.py) and
# decode their phrases into the database encoding.  Compares the rows of escalation_rules and
# aspect_terms (as UTF-8 bytes, md5 per row); the rows missing in LATIN1 must be exactly those
# with a character LATIN1 cannot hold (code point above U+00FF).  Also checks that accented
# French and German rules match in LATIN1.
set -euo pipefail
fail() { echo "FAIL: $*"; exit 1; }
export PGCLIENTENCODING=UTF8
q() { psql -qXAt -v ON_ERROR_STOP=1 "$@"; }
u=pge_rules_utf8 l=pge_rules_latin1
q -d postgres -c "DROP DATABASE IF EXISTS $u" -c "DROP DATABASE IF EXISTS $l" \
	-c "CREATE DATABASE $u TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'" \
	-c "CREATE DATABASE $l TEMPLATE template0 ENCODING 'LATIN1' LC_COLLATE 'C' LC_CTYPE 'C'"
trap 'psql -qX -d postgres -c "DROP DATABASE IF EXISTS $u" -c "DROP DATABASE IF EXISTS $l" >/dev/null 2>&1' EXIT
for db in $u $l; do
	q -d $db -c "SET client_min_messages = warning" -c "CREATE EXTENSION pg_empathy" \
		-c "CREATE EXTENSION pg_empathy_workflow"
done
# one line per row: md5 of its UTF-8 bytes, and whether LATIN1 can hold it
rules="SELECT md5(concat_ws('|', language, reason, convert_to(phrase, 'UTF8')::text, severity,
	enabled, builtin)), phrase !~ '[^\\x01-\\xff]' FROM escalation_rules ORDER BY 1"
aspects="SELECT md5(concat_ws('|', aspect_set, language, aspect, convert_to(term, 'UTF8')::text,
	builtin)), term !~ '[^\\x01-\\xff]' FROM aspect_terms ORDER BY 1"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"; psql -qX -d postgres -c "DROP DATABASE IF EXISTS $u" -c "DROP DATABASE IF EXISTS $l" >/dev/null 2>&1' EXIT
summary=""
for what in rules aspects; do
	q -d $u -F ' ' -c "${!what}" >"$tmp/$what.utf8"
	q -d $l -F ' ' -c "${!what}" >"$tmp/$what.latin1"
	n_u=$(wc -l <"$tmp/$what.utf8")
	n_l=$(wc -l <"$tmp/$what.latin1")
	[ "$n_l" -gt 0 ] || fail "no $what in LATIN1"
	# every LATIN1 row is a UTF8 row, byte for byte
	extra=$(cut -d' ' -f1 "$tmp/$what.latin1" | sort | comm -23 - <(cut -d' ' -f1 "$tmp/$what.utf8" | sort) | wc -l)
	[ "$extra" -eq 0 ] || fail "$extra $what rows of the LATIN1 database differ from every UTF8 row (garbled)"
	# the UTF8 rows LATIN1 lacks are those it cannot hold, and no other
	missing=$(cut -d' ' -f1 "$tmp/$what.utf8" | sort | comm -23 - <(cut -d' ' -f1 "$tmp/$what.latin1" | sort))
	n_miss=$(grep -c . <<<"$missing" || true)
	cannot=$(grep -c ' f$' "$tmp/$what.utf8" || true)
	[ "$n_miss" -eq "$cannot" ] || fail "$what: $n_miss rows missing in LATIN1, $cannot not representable there"
	if [ -n "$missing" ]; then
		bad=$(grep -c -F -f <(sed 's/$/ t/' <<<"$missing") "$tmp/$what.utf8" || true)
		[ "$bad" -eq 0 ] || fail "$what: $bad representable rows missing in LATIN1"
	fi
	summary="$summary $what: UTF8 $n_u, LATIN1 $n_l (identical), $n_miss left out (not in LATIN1);"
done
# the decoded rules match in LATIN1 (psql sends UTF-8, the server converts)
got=$(q -d $l -c "SELECT (escalation_check('Je veux parler à un conseiller humain, c''est très urgent', 'fr')).reasons,
	(escalation_check('Ich kündige meinen Vertrag, das ist Betrug', 'de')).reasons")
want=$(q -d $u -c "SELECT (escalation_check('Je veux parler à un conseiller humain, c''est très urgent', 'fr')).reasons,
	(escalation_check('Ich kündige meinen Vertrag, das ist Betrug', 'de')).reasons")
[ "$got" = "$want" ] || fail "escalation_check in LATIN1 gave $got, in UTF8 $want"
grep -q human_request <<<"$got" || fail "the French message did not escalate in LATIN1: $got"
echo "escalation_check in LATIN1 = UTF8: $got"
echo "${summary# }"
