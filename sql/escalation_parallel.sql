-- escalation_check in parallel workers: the rules are read with the query's snapshot there
-- (a parallel worker may not take a new one), and a forced parallel plan gives the serial result
CREATE TABLE esc_parallel AS
	SELECT i, (ARRAY['I want to speak to a human now!', 'Thanks, all good.',
	                 'I will cancel my subscription if this is not fixed.', 'Where is my parcel?'])[1 + i % 4]
	          || ' #' || i AS body
	FROM generate_series(1, 2000) i;
ANALYZE esc_parallel;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET parallel_leader_participation = off;
EXPLAIN (COSTS OFF)
SELECT (escalation_check(body)).escalate, count(*) FROM esc_parallel GROUP BY 1;
CREATE TEMP TABLE esc_parallel_result AS
SELECT (escalation_check(body)).escalate AS escalate, (escalation_check(body)).reasons AS reasons, count(*) AS n
FROM esc_parallel GROUP BY 1, 2;
RESET parallel_leader_participation;
SET max_parallel_workers_per_gather = 0;
SELECT s.escalate, s.reasons, s.n, s.n = p.n AS same_in_parallel
FROM (SELECT (escalation_check(body)).escalate AS escalate, (escalation_check(body)).reasons AS reasons, count(*) AS n
      FROM esc_parallel GROUP BY 1, 2) s
LEFT JOIN esc_parallel_result p ON p.escalate = s.escalate AND p.reasons = s.reasons
ORDER BY 1, 2;
SELECT (SELECT count(*) FROM esc_parallel_result) AS parallel_groups;
RESET max_parallel_workers_per_gather;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
DROP TABLE esc_parallel;
