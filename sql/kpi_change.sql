-- change_point: the most likely shift of the mean, NULLs, ties, errors, serial = parallel.
SET extra_float_digits = 0;
SET timezone = 'UTC';

-- 0, 0, 0, 1, 1 (given out of order): S_k = -0.4, -0.8, -1.2, -0.6, so the change is after
-- the third row; s = sqrt(1.2 / 4), D = 1.2 / (s sqrt 5) = 0.9798
SELECT n, change_time, n_before, n_after, mean_before, mean_after, shift,
       round(statistic::numeric, 6) AS statistic, round(p_value::numeric, 6) AS p_value
FROM (SELECT (change_point(t, y)).*
      FROM (VALUES ('2026-01-04'::timestamptz, 1.0), ('2026-01-01', 0), ('2026-01-05', 1),
                   ('2026-01-03', 0), ('2026-01-02', 0), (NULL, 5), ('2026-01-06', NULL)) v(t, y)) s;

-- rows at the same time are ordered by value, so the input order does not matter
SELECT (change_point(t, y)).n_before FROM (VALUES ('2026-01-01'::timestamptz, 1.0), ('2026-01-01', 0), ('2026-01-02', 1)) v(t, y);
SELECT (change_point(t, y)).n_before FROM (VALUES ('2026-01-01'::timestamptz, 0.0), ('2026-01-01', 1), ('2026-01-02', 1)) v(t, y);

-- one value throughout, a single row, no rows: no change point
SELECT (change_point(t, 3)).* FROM generate_series('2026-01-01'::timestamptz, '2026-01-09', '1 day') t;
SELECT (change_point('2026-01-01'::timestamptz, 3)).*;
SELECT change_point(t, 1) IS NULL AS empty FROM generate_series('2026-01-01'::timestamptz, '2025-01-01', '1 day') t;

-- per customer: a sentiment dip
SELECT customer, (c).n, (c).change_time::date, (c).n_before, round((c).mean_before::numeric, 3) AS before,
       round((c).mean_after::numeric, 3) AS after, round((c).p_value::numeric, 4) AS p_value
FROM (SELECT customer, change_point(day, x) AS c
      FROM (SELECT customer, '2026-01-01'::timestamptz + i * interval '1 day' AS day,
                   CASE WHEN customer = 'b' AND i > 30 THEN -0.4 ELSE 0.3 END
                   + 0.2 * sin(i * 2.1 + ascii(customer)) AS x
            FROM generate_series(1, 60) i, unnest('{a,b}'::text[]) customer) d
      GROUP BY customer) s
ORDER BY customer;

-- errors
SELECT change_point(t, 1) FROM (VALUES ('infinity'::timestamptz)) v(t);
SELECT change_point(now(), y) FROM (VALUES ('NaN'::float8), (1)) v(y);
SELECT change_point(now(), 1e200);

-- serial = parallel, to the last bit
CREATE TABLE change_par AS
SELECT i, i % 5 AS customer, '2026-01-01'::timestamptz + (i / 5) * interval '1 hour' AS t,
       sin(i * 0.1) + CASE WHEN i > 30000 THEN 0.2 ELSE 0 END AS y
FROM generate_series(1, 60000) i;
ANALYZE change_par;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET parallel_leader_participation = off;
EXPLAIN (COSTS OFF) SELECT customer, change_point(t, y) FROM change_par GROUP BY customer;
CREATE TEMP TABLE par AS SELECT customer, change_point(t, y)::text AS c FROM change_par GROUP BY customer;
RESET parallel_leader_participation;
SET max_parallel_workers_per_gather = 0;
CREATE TEMP TABLE ser AS SELECT customer, change_point(t, y)::text AS c FROM change_par GROUP BY customer;
SELECT count(*) AS customers, bool_and(p.c = s.c) AS equal FROM par p JOIN ser s USING (customer);
RESET ALL;
DROP TABLE change_par;
