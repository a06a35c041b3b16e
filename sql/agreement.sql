-- cohen_kappa, confusion_matrix (+ confusion_matrix_classes), fleiss_kappa, krippendorff_alpha:
-- hand-worked values, a published example, NULLs, errors, serial = parallel.
SET extra_float_digits = 0;

CREATE TEMP TABLE labels (id int, machine text, human text);
INSERT INTO labels VALUES
	(1, 'positive', 'positive'), (2, 'positive', 'negative'), (3, 'negative', 'negative'),
	(4, 'neutral', 'neutral'), (5, 'negative', 'positive'), (6, 'positive', 'positive'),
	(7, NULL, 'positive'), (8, 'neutral', NULL);

-- p_o = 4/6, p_e = (3*3 + 2*2 + 1*1) / 36 = 14/36, kappa = (24 - 14) / (36 - 14) = 0.4545
SELECT n, categories, round(observed_agreement::numeric, 6) AS p_o, round(expected_agreement::numeric, 6) AS p_e,
       round(kappa::numeric, 6) AS kappa, round(std_error::numeric, 6) AS se,
       round(ci_low::numeric, 6) AS ci_low, round(ci_high::numeric, 6) AS ci_high,
       round(statistic::numeric, 6) AS z, round(p_value::numeric, 6) AS p
FROM (SELECT (cohen_kappa(machine, human)).* FROM labels) s;

-- per class: neg 1 of 2 predicted right, neu 1 of 1, pos 2 of 3; macro F1 = (0.5 + 1 + 0.6667) / 3
SELECT n, classes, round(accuracy::numeric, 6) AS accuracy, round(macro_precision::numeric, 6) AS macro_p,
       round(macro_recall::numeric, 6) AS macro_r, round(macro_f1::numeric, 6) AS macro_f1,
       round(weighted_f1::numeric, 6) AS weighted_f1, labels, support, predicted, true_positives
FROM (SELECT (confusion_matrix(machine, human)).* FROM labels) s;
SELECT c.label, c.support, c.predicted, c.true_positives, round(c.precision::numeric, 4) AS precision,
       round(c.recall::numeric, 4) AS recall, round(c.f1::numeric, 4) AS f1
FROM (SELECT confusion_matrix(machine, human) AS cm FROM labels) s, confusion_matrix_classes(s.cm) c;
-- a label only ever predicted has recall and F1 0 (precision 0/1), one never predicted precision 0
SELECT c.* FROM (SELECT confusion_matrix(p, a) AS cm
                 FROM (VALUES ('x', 'y'), ('y', 'y'), ('y', 'z')) v(p, a)) s, confusion_matrix_classes(s.cm) c;

-- labels are compared byte for byte and sorted in byte order
SELECT (confusion_matrix(p, a)).labels FROM (VALUES ('b', 'B'), ('é', 'e'), ('😀', 'a')) v(p, a);
-- one label throughout: kappa undefined (NULL), accuracy 1
SELECT (cohen_kappa(x, x)).kappa IS NULL AS kappa_null, (confusion_matrix(x, x)).accuracy
FROM (VALUES ('same'), ('same')) v(x);
-- no rows, only NULLs
SELECT cohen_kappa(machine, human) IS NULL AS empty FROM labels WHERE false;
SELECT confusion_matrix(NULL::text, human) IS NULL AS only_nulls FROM labels;

-- Krippendorff (2011), "Computing Krippendorff's alpha-reliability": 4 coders, 12 units,
-- missing values; nominal alpha = 0.743
CREATE TEMP TABLE reliability (unit int, coder text, value text);
INSERT INTO reliability
SELECT u, c, v FROM (VALUES
	('A', '{1,2,3,3,2,1,4,1,2,NULL,NULL,NULL}'::text[]),
	('B', '{1,2,3,3,2,2,4,1,2,5,NULL,3}'),
	('C', '{NULL,3,3,3,2,3,4,2,2,5,1,NULL}'),
	('D', '{1,2,3,3,2,4,4,1,2,5,1,NULL}')) d(c, vals),
	unnest(vals) WITH ORDINALITY AS x(v, u)
WHERE v IS NOT NULL;
SELECT items, ratings, categories, round(observed_agreement::numeric, 4) AS observed,
       round(expected_agreement::numeric, 4) AS expected, round(alpha::numeric, 3) AS alpha
FROM (SELECT (krippendorff_alpha(unit::text, value)).* FROM reliability) s;
-- Fleiss needs the same number of ratings per item: units 2-9 have 4 each
SELECT items, ratings, raters_per_item, categories, round(observed_agreement::numeric, 4) AS observed,
       round(expected_agreement::numeric, 4) AS expected, round(kappa::numeric, 4) AS kappa
FROM (SELECT (fleiss_kappa(unit::text, value)).* FROM reliability WHERE unit BETWEEN 2 AND 9) s;
SELECT fleiss_kappa(unit::text, value) FROM reliability;
-- one rating per item: nothing to compare
SELECT (fleiss_kappa(i::text, 'x')).*, (krippendorff_alpha(i::text, 'x')).* FROM generate_series(1, 3) i;

-- serial = parallel, to the last bit
CREATE TABLE agreement_par AS
SELECT i, (i / 3) % 4 AS region, (ARRAY['pos', 'neg', 'neu'])[1 + i % 3] AS machine,
       (ARRAY['pos', 'neg', 'neu', 'mixed'])[1 + (i * 7 + i / 11) % 4] AS human, (i / 12)::text AS item
FROM generate_series(0, 59999) i;
ANALYZE agreement_par;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET parallel_leader_participation = off;
EXPLAIN (COSTS OFF)
SELECT region, cohen_kappa(machine, human), confusion_matrix(machine, human), krippendorff_alpha(item, human)
FROM agreement_par GROUP BY region;
CREATE TEMP TABLE par AS
SELECT region, cohen_kappa(machine, human)::text AS k, confusion_matrix(machine, human)::text AS c,
       krippendorff_alpha(item, human)::text AS a, fleiss_kappa(item, human)::text AS f
FROM agreement_par GROUP BY region;
RESET parallel_leader_participation;
SET max_parallel_workers_per_gather = 0;
CREATE TEMP TABLE ser AS
SELECT region, cohen_kappa(machine, human)::text AS k, confusion_matrix(machine, human)::text AS c,
       krippendorff_alpha(item, human)::text AS a, fleiss_kappa(item, human)::text AS f
FROM agreement_par GROUP BY region;
SELECT count(*) AS regions, bool_and(p.k = s.k) AS kappa_equal, bool_and(p.c = s.c) AS confusion_equal,
       bool_and(p.a = s.a) AS alpha_equal, bool_and(p.f = s.f) AS fleiss_equal
FROM par p JOIN ser s USING (region);
RESET ALL;
DROP TABLE agreement_par;
