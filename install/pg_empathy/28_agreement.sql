-- ---------------------------------------------------------------------------
-- Agreement and model quality (issue 12 item 5): cohen_kappa(a, b),
-- confusion_matrix(predicted, actual) with confusion_matrix_classes(),
-- fleiss_kappa(item, label) and krippendorff_alpha(item, label).  One exact
-- state (counts of label pairs) with combine, serialize and deserialize.
-- The same part ships as upgrade/pg_empathy--0.1.0--0.2.0/28_agreement.sql.
-- ---------------------------------------------------------------------------

CREATE FUNCTION agreement_accum(internal, text, text) RETURNS internal
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION agreement_accum(internal, text, text) IS 'transition function of cohen_kappa, confusion_matrix, fleiss_kappa and krippendorff_alpha';

CREATE FUNCTION agreement_combine(internal, internal) RETURNS internal
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION agreement_combine(internal, internal) IS 'combine function of cohen_kappa, confusion_matrix, fleiss_kappa and krippendorff_alpha';

CREATE FUNCTION agreement_serialize(internal) RETURNS bytea
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION agreement_serialize(internal) IS 'serialize function of cohen_kappa, confusion_matrix, fleiss_kappa and krippendorff_alpha';

CREATE FUNCTION agreement_deserialize(bytea, internal) RETURNS internal
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION agreement_deserialize(bytea, internal) IS 'deserialize function of cohen_kappa, confusion_matrix, fleiss_kappa and krippendorff_alpha';

CREATE TYPE cohen_kappa_result AS (
	n                   bigint,
	categories          int,
	observed_agreement  float8,
	expected_agreement  float8,
	kappa               float8,
	std_error           float8,
	ci_low              float8,
	ci_high             float8,
	statistic           float8,
	p_value             float8
);
COMMENT ON TYPE cohen_kappa_result IS 'Cohen''s kappa of two raters: n, categories, observed and chance agreement, kappa with the Fleiss-Cohen-Everitt standard error and 95% interval, z statistic and two-sided p-value of kappa = 0';

CREATE FUNCTION cohen_kappa_final(internal) RETURNS cohen_kappa_result
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION cohen_kappa_final(internal) IS 'final function of cohen_kappa';

CREATE AGGREGATE cohen_kappa(a text, b text) (
	SFUNC = agreement_accum, STYPE = internal, FINALFUNC = cohen_kappa_final,
	COMBINEFUNC = agreement_combine, SERIALFUNC = agreement_serialize,
	DESERIALFUNC = agreement_deserialize, PARALLEL = SAFE
);
COMMENT ON AGGREGATE cohen_kappa(text, text) IS 'Cohen''s kappa: chance-corrected agreement of two raters (e.g. machine and human label) over the rows, with standard error, 95% interval and p-value';

CREATE TYPE confusion_matrix_result AS (
	n                bigint,
	classes          int,
	accuracy         float8,
	macro_precision  float8,
	macro_recall     float8,
	macro_f1         float8,
	weighted_f1      float8,
	labels           text[],
	support          bigint[],
	predicted        bigint[],
	true_positives   bigint[],
	"precision"      float8[],
	recall           float8[],
	f1               float8[]
);
COMMENT ON TYPE confusion_matrix_result IS 'classifier quality: n, classes, accuracy, macro precision, recall and F1, support-weighted F1, and per class (labels in byte order) support, predicted count, true positives, precision, recall, F1; confusion_matrix_classes() gives one row per class';

CREATE FUNCTION confusion_matrix_final(internal) RETURNS confusion_matrix_result
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION confusion_matrix_final(internal) IS 'final function of confusion_matrix';

CREATE AGGREGATE confusion_matrix(predicted text, actual text) (
	SFUNC = agreement_accum, STYPE = internal, FINALFUNC = confusion_matrix_final,
	COMBINEFUNC = agreement_combine, SERIALFUNC = agreement_serialize,
	DESERIALFUNC = agreement_deserialize, PARALLEL = SAFE
);
COMMENT ON AGGREGATE confusion_matrix(text, text) IS 'quality of predicted labels against actual ones: accuracy, macro precision, recall and F1, weighted F1, and per-class figures';

CREATE FUNCTION confusion_matrix_classes(cm confusion_matrix_result,
	OUT label text, OUT support bigint, OUT predicted bigint, OUT true_positives bigint,
	OUT "precision" float8, OUT recall float8, OUT f1 float8)
	RETURNS SETOF record LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE ROWS 10
	AS 'SELECT * FROM unnest(($1).labels, ($1).support, ($1).predicted, ($1).true_positives, ($1)."precision", ($1).recall, ($1).f1)';
COMMENT ON FUNCTION confusion_matrix_classes(confusion_matrix_result) IS 'one row per class of a confusion_matrix result: label, support (actual count), predicted count, true positives, precision, recall, F1';

CREATE TYPE fleiss_kappa_result AS (
	items               bigint,
	ratings             bigint,
	raters_per_item     int,
	categories          int,
	observed_agreement  float8,
	expected_agreement  float8,
	kappa               float8
);
COMMENT ON TYPE fleiss_kappa_result IS 'Fleiss'' kappa of a panel: items, ratings, raters per item, categories, mean observed pairwise agreement, chance agreement, kappa';

CREATE FUNCTION fleiss_kappa_final(internal) RETURNS fleiss_kappa_result
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION fleiss_kappa_final(internal) IS 'final function of fleiss_kappa';

CREATE AGGREGATE fleiss_kappa(item text, label text) (
	SFUNC = agreement_accum, STYPE = internal, FINALFUNC = fleiss_kappa_final,
	COMBINEFUNC = agreement_combine, SERIALFUNC = agreement_serialize,
	DESERIALFUNC = agreement_deserialize, PARALLEL = SAFE
);
COMMENT ON AGGREGATE fleiss_kappa(text, text) IS 'Fleiss'' kappa of a panel, one row per rating (item key, label); every item needs the same number of ratings';

CREATE TYPE krippendorff_alpha_result AS (
	items               bigint,
	ratings             bigint,
	categories          int,
	observed_agreement  float8,
	expected_agreement  float8,
	alpha               float8
);
COMMENT ON TYPE krippendorff_alpha_result IS 'Krippendorff''s alpha (nominal) of a panel: pairable items (2 or more ratings) and their ratings, categories, 1 - observed and 1 - expected disagreement, alpha';

CREATE FUNCTION krippendorff_alpha_final(internal) RETURNS krippendorff_alpha_result
	AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION krippendorff_alpha_final(internal) IS 'final function of krippendorff_alpha';

CREATE AGGREGATE krippendorff_alpha(item text, label text) (
	SFUNC = agreement_accum, STYPE = internal, FINALFUNC = krippendorff_alpha_final,
	COMBINEFUNC = agreement_combine, SERIALFUNC = agreement_serialize,
	DESERIALFUNC = agreement_deserialize, PARALLEL = SAFE
);
COMMENT ON AGGREGATE krippendorff_alpha(text, text) IS 'Krippendorff''s alpha (nominal) of a panel, one row per rating (item key, label); items may have any number of ratings';
