-- Transition states: text round trip, direct calls, hostile states.

-- A state is a plain float8[]: it can be printed, stored and fed back.
SELECT nps_accum(nps_accum('{3101,0,0,0,0}', 10), 3) AS state;
SELECT nps_final(nps_accum(nps_accum('{3101,0,0,0,0}', 10), 3)) AS nps;
SELECT nps_accum_inv('{3101,2,1,0,1}', 3) AS state;
SELECT nps_combine('{3101,2,1,0,1}', '{3101,3,0,3,0}') AS state;
SELECT csat_combine('{3102,0,0,0}', '{3102,2,7,1}') AS state;
SELECT ces_combine('{3103,2,5,6,20}', '{3103,1,5,4,16}') AS state;
SELECT sentiment_stats_accum('{3104,0,0,0,0,0,0,0,0}', 0.5) AS state;
SELECT empathy_index_accum('{3105,0,0,0,0,0,0,0,0,0,0,0,0,0}', 0.5, 10, NULL) AS state;
-- Direct calls never modify their argument: the same literal twice gives the same result.
WITH s(st) AS (SELECT '{3101,1,1,0,0}'::float8[])
SELECT nps_accum(st, 0) AS first, nps_accum(st, 0) AS second, st AS unchanged FROM s;

-- Hostile states: every support function rejects them with a clear error.
SELECT nps_final('{3101,1,1,0}');
SELECT nps_final('{{3101,1,1,0,0}}');
SELECT nps_final('{3101,1,1,0,NULL}');
SELECT nps_final('{3102,1,1,0,0}');
SELECT nps_final('{3101,2,1,0,0}');
SELECT nps_final('{3101,1.5,1.5,0,0}');
SELECT nps_final('{3101,-1,-1,0,0}');
SELECT nps_final('{3101,NaN,NaN,0,0}');
SELECT nps_final('{3101,1e300,1e300,0,0}');
SELECT nps_stats_final('{}');
SELECT nps_accum('{3101,0,0,0}', 5);
SELECT nps_accum(NULL, 5) IS NULL AS strict_null;
SELECT nps_accum_inv('{3101,0,0,0,0}', 5);
SELECT nps_accum_inv('{3101,1,1,0,0}', 5);
SELECT nps_combine('{3101,0,0,0,0}', '{3101,1,0,0,0}');
SELECT nps_combine('{3101,9007199254740991,9007199254740991,0,0}', '{3101,1,1,0,0}');
SELECT nps_final('{3101,9007199254740992,9007199254740992,0,0}');
SELECT csat_final('{3102,1,0,0}');
SELECT csat_final('{3102,1,6,0}');
SELECT csat_final('{3102,1,5,2}');
SELECT csat_accum('{3102,1,7,1}', 3);
SELECT csat_combine('{3102,1,5,1}', '{3102,1,7,1}');
SELECT csat_accum_inv('{3102,1,5,0}', 5);
SELECT ces_final('{3103,1,7,8,64}');
SELECT ces_final('{3103,1,7,0.5,1}');
SELECT ces_stats_final('{3103,2,7,100,200}');
SELECT ces_accum_inv('{3103,1,7,1,1}', 7);
SELECT sentiment_stats_final('{3104,1,Infinity,0,0,0,1,0,0}');
SELECT sentiment_stats_final('{3104,2,0,0,0,0,1,0,0}');
SELECT sentiment_stats_accum_inv('{3104,1,0.5,0,0.25,0,1,0,0}', -0.5);
SELECT empathy_index_final('{3105,1,0,0,0,0,0,0,0,0,0,0,0,0}');
SELECT empathy_index_final('{3105,1,1,1,1,0,2,0,0,0,0,0,0,0}');
SELECT empathy_index_final('{3105,1,1,-1,1,0,0,0,0,1,0,0,0,0}');
SELECT empathy_index_final('{3105,1,1,1,1,0,0,0,0,0,0,0,1,1}');
SELECT empathy_index_accum(NULL, 0.5, 10, 5);
SELECT empathy_index_combine('{3105,1,1,1,1,0,1,0.5,0,0,0,0,0,0}', '{3105,1,1,2,1,0,1,0.5,0,0,0,0,0,0}');

-- A user-defined aggregate with a hostile INITCOND is caught on the first row.
CREATE AGGREGATE evil_nps(int) (SFUNC = nps_accum, STYPE = float8[], INITCOND = '{3101,-5,-5,0,0}',
	FINALFUNC = nps_final);
SELECT evil_nps(s) FROM (VALUES (1)) v(s);
DROP AGGREGATE evil_nps(int);

-- Every KPI object is commented and every function honestly marked.
SELECT count(*) AS uncommented
FROM pg_depend d JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'pg_empathy'
WHERE d.deptype = 'e' AND d.classid IN ('pg_proc'::regclass, 'pg_type'::regclass)
  AND obj_description(d.objid, d.classid::regclass::text) IS NULL
  AND NOT (d.classid = 'pg_type'::regclass
           AND EXISTS (SELECT 1 FROM pg_type t WHERE t.oid = d.objid
                       AND ((t.typelem <> 0 AND t.typcategory = 'A')
                            -- a table's row type (an extension member on 18), commented by its table
                            OR EXISTS (SELECT 1 FROM pg_class c WHERE c.oid = t.typrelid AND c.relkind <> 'c'))));
SELECT p.proname, p.provolatile, p.proisstrict, p.proparallel, count(*)
FROM pg_proc p JOIN pg_depend d ON d.objid = p.oid AND d.deptype = 'e'
JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'pg_empathy'
WHERE p.proname ~ '^(nps|csat|ces|sentiment_stats|sentiment_diff|empathy_index)'
GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4;
SELECT a.aggfnoid::regprocedure AS aggregate, a.aggcombinefn <> 0 AS has_combine,
       a.aggminvtransfn <> 0 AS has_inverse, p.proparallel
FROM pg_aggregate a JOIN pg_proc p ON p.oid = a.aggfnoid
JOIN pg_depend d ON d.objid = p.oid AND d.deptype = 'e'
JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'pg_empathy'
WHERE p.proname <> 'conversation_escalation'  -- ordered-input aggregate, never partial (escalation.sql)
ORDER BY a.aggfnoid::regprocedure::text;
