# Sourced by the multi-session escalation scripts test/t/100-103: a database of their own with
# pg_empathy_workflow, login roles dropped at exit, psql sessions fed through fifos.
#   esc_setup NAME [ROLE...]       database pge_NAME (exported as PGDATABASE), $work, extension;
#                                  the ROLEs are dropped before and after
#   esc_session NAME FD [ARGS...]  psql ARGS reading fifo $work/NAME.in (opened on fd FD),
#                                  writing $work/NAME.out; its pid in esc_pid
#   esc_wait_for NAME REGEX        until a line of $work/NAME.out matches (60 s at most: a loaded machine)
#   esc_session_b                  session b on fd 3 (-At) with b SQL (runs SQL in B and waits
#                                  for it), result KEY (B's last "KEY|value" line: the value)
#   expect WHAT GOT WANTED         prints ok/FAIL; a FAIL sets fail=1
#   q ARGS...                      psql -X -q -At -v ON_ERROR_STOP=1 ARGS
set -euo pipefail
: "${PGE_TMP:?run through tools/test.sh}"
export PGOPTIONS="-c client_min_messages=warning"
q() { psql -X -q -At -v ON_ERROR_STOP=1 "$@"; }
esc_pids=()
esc_roles=()
esc_cleanup() {
	for p in "${esc_pids[@]}"; do kill "$p" 2>/dev/null || true; done
	psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $PGDATABASE" >/dev/null 2>&1 || true
	for r in "${esc_roles[@]}"; do psql -X -q -d postgres -c "DROP ROLE IF EXISTS $r" >/dev/null 2>&1 || true; done
}
esc_setup() {
	export PGDATABASE=pge_$1
	shift
	esc_roles=("$@")
	work="$PGE_TMP/$PGDATABASE"
	rm -rf "$work"
	mkdir -p "$work"
	trap esc_cleanup EXIT
	q -d postgres -c "DROP DATABASE IF EXISTS $PGDATABASE" -c "CREATE DATABASE $PGDATABASE"
	for r in "$@"; do q -d postgres -c "DROP ROLE IF EXISTS $r"; done
	q -c "CREATE EXTENSION pg_empathy_workflow CASCADE"
}
esc_session() {
	local name=$1 fd=$2
	shift 2
	mkfifo "$work/$name.in"
	psql -X "$@" <"$work/$name.in" >"$work/$name.out" 2>&1 &
	esc_pid=$!
	esc_pids+=("$esc_pid")
	eval "exec $fd>\"\$work/\$name.in\""
}
esc_wait_for() {
	for _ in $(seq 1200); do grep -Eq "$2" "$work/$1.out" && return 0; sleep 0.05; done
	return 1
}
esc_session_b() {
	esc_session b 3 -At
	esc_b_n=0
}
b() {
	esc_b_n=$((esc_b_n + 1))
	printf '%s\nSELECT %s;\n' "$1" "'mark $esc_b_n'" >&3
	esc_wait_for b "^mark $esc_b_n\$" && return 0
	echo "FAIL: session B did not answer: $1"; cat "$work/b.out"; exit 1
}
result() { grep -x "$1|.*" "$work/b.out" | tail -1 | cut -d'|' -f2; }
fail=0
expect() { if [ "$2" != "$3" ]; then echo "FAIL: $1: got $2, expected $3"; fail=1; else echo "ok: $1: $2"; fi; }
