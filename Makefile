# pg_empathy: PGXS build of two extensions sharing one library.
#   pg_empathy           trusted core: scoring, languages, KPIs (a database owner may install it)
#   pg_empathy_workflow  escalation rules, queues, triggers (superuser; requires pg_empathy)
# Each version lives only in its .control file.
EXTENSION = pg_empathy pg_empathy_workflow
ext_version = $(shell sed -n "s/^default_version = '\(.*\)'/\1/p" $(1).control)

# src/ is grouped by area; a file named *_sql.c is the SQL edge (fmgr wrappers, catalogs,
# GUCs) and includes postgres.h; every other .c file is the pure C core.
SRC_DIRS   = $(sort $(dir $(wildcard src/*/*.c src/*/*.h)))
MODULE_big = pg_empathy
OBJS       = $(patsubst %.c,%.o,$(sort $(wildcard src/*/*.c)))

# Install scripts are assembled from install/<extension>/NN_<area>.sql in name order, and
# upgrade scripts from upgrade/<extension>--<from>--<to>/NN_<area>.sql, so each area keeps its
# SQL next to nothing else's.  upgrade/*.sql files ship as they are.
INSTALL_SCRIPTS = $(foreach e,$(EXTENSION),$(e)--$(call ext_version,$(e)).sql)
UPGRADE_SCRIPTS = $(patsubst upgrade/%/,%.sql,$(sort $(dir $(wildcard upgrade/*/*.sql))))
DATA_built = $(INSTALL_SCRIPTS) $(UPGRADE_SCRIPTS)
DATA       = $(wildcard upgrade/*.sql)

# VADER conformance needs IEEE double in the same operation order as CPython: no FMA contraction.
PG_CFLAGS   += -ffp-contract=off
PG_CPPFLAGS += -DEXTVERSION=\"$(call ext_version,pg_empathy)\" $(addprefix -I,$(SRC_DIRS)) \
	$(shell pkg-config --cflags libutf8proc)
SHLIB_LINK  += $(shell pkg-config --libs libutf8proc)

REGRESS      = $(patsubst sql/%.sql,%,$(sort $(wildcard sql/*.sql)))
REGRESS_OPTS = --load-extension=pg_empathy --load-extension=pg_empathy_workflow --encoding=UTF8

EXTRA_CLEAN = test/build

PG_CONFIG ?= pg_config
PGXS := $(shell $(PG_CONFIG) --pgxs)
include $(PGXS)

# PGXS tracks no header dependencies (unless PostgreSQL was configured with --enable-depend):
# every object depends on every header, so a changed struct never leaves a stale object behind.
$(OBJS): $(wildcard src/*/*.h)

define install_script
$(1)--$(call ext_version,$(1)).sql: $(sort $(wildcard install/$(1)/*.sql)) $(1).control
	tools/assemble-sql.sh $$@ $(sort $(wildcard install/$(1)/*.sql))
endef
define upgrade_script
$(1).sql: $(sort $(wildcard upgrade/$(1)/*.sql))
	tools/assemble-sql.sh $$@ $(sort $(wildcard upgrade/$(1)/*.sql))
endef
$(foreach e,$(EXTENSION),$(eval $(call install_script,$(e))))
$(foreach u,$(patsubst %.sql,%,$(UPGRADE_SCRIPTS)),$(eval $(call upgrade_script,$(u))))

# Regenerate the compiled-in lexicons from data/ (needs python3; the output is committed).
.PHONY: update-lexicon
update-lexicon:
	python3 tools/gen_lexicon.py data src/lexicon
	python3 tools/gen_lexicon_i18n.py data src/lexicon

# the emotion model's C tables from data/model/emotion (retrain: tools/train_emotion.py train ../shared)
.PHONY: update-emotion
update-emotion:
	/usr/bin/python3 tools/train_emotion.py generate

# the built-in aspect set 'cx' of sentiment_aspects(), from data/aspects/cx.tsv (ASCII install part)
.PHONY: update-aspects
update-aspects:
	python3 tools/gen_aspects.py data/aspects/cx.tsv install/pg_empathy/32_aspects_cx.sql

# the built-in escalation rules in fr es pt de it nl da sv pl, as ASCII SQL
.PHONY: update-rules-i18n
update-rules-i18n:
	python3 tools/gen_rules_i18n.py data/escalation/rules_i18n.tsv install/pg_empathy_workflow/25_rules_i18n.sql

# the language-detection model, from ../shared (franc, Unicode) and data/langid
.PHONY: update-langid
update-langid:
	python3 tools/gen_langid.py $${PGE_SHARED:-../shared} data/langid src/language

# The whole suite on a throwaway cluster (what CI runs).
.PHONY: test
test:
	tools/test.sh
