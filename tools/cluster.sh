#!/usr/bin/env bash
# Throwaway PostgreSQL cluster for demos and tests (15, or PGE_PG_MAJOR, or the binaries in PGBIN).
#   tools/cluster.sh start DIR [ENCODING]  -> initdb + start; writes DIR/env (PGHOST, PGPORT, PGUSER)
#   tools/cluster.sh stop DIR              -> stop the server (reads the PID file)
# As root the server runs as the postgres OS user (PostgreSQL refuses to run as root).
# It listens only on a private unix socket in DIR, on a free port.
set -euo pipefail

PGBIN=${PGBIN:-/usr/lib/postgresql/${PGE_PG_MAJOR:-15}/bin}
cmd=${1:?usage: cluster.sh start|stop DIR}
dir=${2:?usage: cluster.sh start|stop DIR}

as_owner() {
	if [ "$(id -u)" -eq 0 ]; then
		runuser -u postgres -- "$@"
	else
		"$@"
	fi
}

free_port() {
	local p
	for p in $(seq 54320 54420); do
		if ! (exec 3<>/dev/tcp/127.0.0.1/$p) 2>/dev/null && [ ! -e "/tmp/.s.PGSQL.$p" ] \
			&& ! ls /tmp/pg_empathy_*/.s.PGSQL.$p >/dev/null 2>&1; then
			echo "$p"; return
		fi
	done
	echo "cluster.sh: no free port in 54320-54420" >&2
	exit 1
}

case "$cmd" in
start)
	encoding=${3:-UTF8}
	mkdir -p "$dir"
	chmod 755 "$dir"
	[ "$(id -u)" -eq 0 ] && chown postgres "$dir"
	port=${PGE_PORT:-$(free_port)}
	locale=C.UTF-8
	[ "$encoding" = UTF8 ] || locale=C
	as_owner "$PGBIN/initdb" -D "$dir/data" -U postgres -E "$encoding" --locale="$locale" \
		-A trust >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
	cat >>"$dir/data/postgresql.conf" <<CONF
listen_addresses = ''
unix_socket_directories = '$dir'
port = $port
fsync = off
synchronous_commit = off
full_page_writes = off
max_worker_processes = 8
max_parallel_workers = 8
max_parallel_workers_per_gather = 2
shared_buffers = 512MB
work_mem = 64MB
log_min_messages = warning
CONF
	as_owner "$PGBIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start >/dev/null \
		|| { cat "$dir/server.log" >&2; exit 1; }
	cat >"$dir/env" <<ENV
export PGHOST='$dir'
export PGPORT=$port
export PGUSER=postgres
ENV
	echo "cluster.sh: server running on socket $dir port $port"
	;;
stop)
	if [ -f "$dir/data/postmaster.pid" ]; then
		as_owner "$PGBIN/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null || true
	fi
	;;
*)
	echo "usage: cluster.sh start|stop DIR [ENCODING]" >&2
	exit 2
	;;
esac
