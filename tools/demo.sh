#!/usr/bin/env bash
# pg_empathy demo on a fresh Debian 12 machine: install dependencies, build, install, start a
# throwaway cluster, load the sample feedback table and print a demo analysis.
#
#   sudo tools/demo.sh              run the demo, then stop and remove the cluster
#   PGE_KEEP=1 sudo tools/demo.sh   keep the cluster running and print how to connect
#   PG_CONFIG=/usr/lib/postgresql/17/bin/pg_config ...   another PostgreSQL major
#   PGE_PREFIX=/opt/pge-demo ...    install into a private relocated server copy
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
# shellcheck source=tools/pg-env.sh
. tools/pg-env.sh	# PG_CONFIG (default Debian's 15), PGE_PG_MAJOR, pge_server

tools/install-deps.sh
pge_server			# PGBIN (PGE_PREFIX: a private server copy, as tools/test.sh)
echo "== build and install"
make -s PG_CONFIG="$PG_CONFIG" >/dev/null
make -s PG_CONFIG="$PG_CONFIG" "${pge_install_args[@]}" install >/dev/null

dir=$(mktemp -d /tmp/pg_empathy_demo.XXXXXX)
chmod 755 "$dir"
cleanup() {
	if [ "${PGE_KEEP:-0}" != 1 ]; then
		tools/cluster.sh stop "$dir/cluster" || true
		rm -rf "$dir"
	fi
}
trap cleanup EXIT
tools/cluster.sh start "$dir/cluster" >/dev/null
# shellcheck disable=SC1091
. "$dir/cluster/env"
export PGOPTIONS="-c client_min_messages=warning"

psql -qX -v ON_ERROR_STOP=1 -d postgres -c "CREATE DATABASE demo"
psql -qX -v ON_ERROR_STOP=1 -d demo -c "CREATE EXTENSION pg_empathy_workflow CASCADE"
for f in data/sample/*.sql; do
	[ -f "$f" ] && psql -qX -v ON_ERROR_STOP=1 -d demo -f "$f" >/dev/null
done
echo "== demo analysis (tools/demo.sql)"
psql -X -v ON_ERROR_STOP=1 -d demo -f tools/demo.sql

if [ "${PGE_KEEP:-0}" = 1 ]; then
	echo
	echo "The cluster keeps running. Connect with:"
	echo "  PGHOST=$PGHOST PGPORT=$PGPORT PGUSER=postgres psql demo"
	echo "Stop it with: tools/cluster.sh stop $dir/cluster"
fi
