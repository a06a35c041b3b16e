# Sourced by tools/bench.sh, tools/bench_kpi.sh and tools/demo.sh: which PostgreSQL to build
# for and run, taken from PG_CONFIG (default Debian's 15) as tools/test.sh does.
#   on sourcing:   PG_CONFIG and PGE_PG_MAJOR (the major, for tools/install-deps.sh and
#                  tools/cluster.sh), exported
#   pge_server:    after the packages are installed: PGBIN, and with PGE_PREFIX a private
#                  relocated copy of the server (copied once, files already there are kept)
#                  and pge_install_args=(DESTDIR=...) for make install
PG_CONFIG=${PG_CONFIG:-/usr/lib/postgresql/15/bin/pg_config}
export PG_CONFIG
PGE_PG_MAJOR=${PGE_PG_MAJOR:-$(basename "$(dirname "$(dirname "$PG_CONFIG")")")}
[[ "$PGE_PG_MAJOR" =~ ^[0-9]+$ ]] || PGE_PG_MAJOR=15
export PGE_PG_MAJOR

pge_server() {
	local bindir sharedir libroot
	bindir=$("$PG_CONFIG" --bindir)
	sharedir=$("$PG_CONFIG" --sharedir)
	pge_install_args=()
	if [ -n "${PGE_PREFIX:-}" ]; then
		libroot=$(dirname "$bindir")	# Debian: /usr/lib/postgresql/NN
		mkdir -p "$PGE_PREFIX$(dirname "$libroot")" "$PGE_PREFIX$(dirname "$sharedir")"
		cp -an "$libroot" "$PGE_PREFIX$(dirname "$libroot")/"
		cp -an "$sharedir" "$PGE_PREFIX$(dirname "$sharedir")/"
		pge_install_args=(DESTDIR="$PGE_PREFIX")
		export PGBIN="$PGE_PREFIX$bindir"
	else
		export PGBIN="$bindir"
	fi
}
