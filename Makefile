# pg_empathy: PGXS build.  The version lives only in pg_empathy.control.
EXTENSION  = pg_empathy
EXTVERSION = $(shell sed -n "s/^default_version = '\(.*\)'/\1/p" $(EXTENSION).control)

MODULE_big = $(EXTENSION)
OBJS       = $(patsubst %.c,%.o,$(sort $(wildcard src/*.c)))

# The install script is assembled from install/NN_<area>.sql in name order, so each area
# (sentiment, KPIs, escalation) keeps its SQL next to nothing else's.
INSTALL_PARTS = $(sort $(wildcard install/*.sql))
DATA_built = $(EXTENSION)--$(EXTVERSION).sql
DATA       = $(wildcard $(EXTENSION)--*--*.sql)

# VADER conformance needs IEEE double in the same operation order as CPython: no FMA contraction.
PG_CFLAGS   += -ffp-contract=off
PG_CPPFLAGS += -DEXTVERSION=\"$(EXTVERSION)\" $(shell pkg-config --cflags libutf8proc)
SHLIB_LINK  += $(shell pkg-config --libs libutf8proc)

REGRESS      = $(patsubst sql/%.sql,%,$(sort $(wildcard sql/*.sql)))
REGRESS_OPTS = --load-extension=$(EXTENSION) --encoding=UTF8

EXTRA_CLEAN = test/build

PG_CONFIG ?= /usr/lib/postgresql/15/bin/pg_config
PGXS := $(shell $(PG_CONFIG) --pgxs)
include $(PGXS)

$(EXTENSION)--$(EXTVERSION).sql: $(INSTALL_PARTS) $(EXTENSION).control
	( echo '-- pg_empathy $(EXTVERSION) install script, generated from install/*.sql: edit those'; \
	  for f in $(INSTALL_PARTS); do echo; echo "-- ==== $$f"; cat $$f; done ) > $@

# Regenerate the compiled-in lexicons from data/ (needs python3; the output is committed).
.PHONY: update-lexicon
update-lexicon:
	python3 tools/gen_lexicon.py data src

# The whole suite on a throwaway cluster (what CI runs).
.PHONY: test
test:
	tools/test.sh
