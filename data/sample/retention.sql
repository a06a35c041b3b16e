-- pg_empathy sample data: the customers behind data/sample/feedback.sql, with renewals, churn
-- and referrals that depend on their experience.  Load feedback.sql first:
--
--   psql -f data/sample/feedback.sql -f data/sample/retention.sql
--
-- Creates
--   customers (300 rows): customer_id, region, segment (smb, mid, enterprise), signed_up,
--     renewal_date (the first contract anniversary after the feedback period, in 2026-03-02 ..
--     2027-03-01), churned, churned_on, referrals (customers they referred in 2026);
--   conversation_customers (2,400 rows): which customer each feedback conversation belongs to
--     (a customer of the same region).
-- Observation ends on 2026-12-31: customers whose renewal comes later, or who renewed, are
-- still customers then (censored at 305 days after 2026-03-01).
-- How experience drives the outcomes (plain SQL on the feedback rows, no pg_empathy needed;
-- "negative" means a customer message with a complaint cue such as slow, failed, useless,
-- cancel): with early_neg and late_neg the shares of negative messages in the first and last
-- four weeks and nps the customer's mean NPS answer,
--   P(churn at renewal) = 1 / (1 + exp(-(-1.8 + segment effect + 2.2 late_neg
--                                          + 1.5 (late_neg - early_neg) - 0.2 (nps - 7))))
--   (segment effect: smb +0.5, mid 0, enterprise -0.6), plus a 4% chance of cancelling before
--   the renewal when late_neg > 0.3; referrals: up to three, each with probability
--   0.05 + 0.35 promoter_share (the share of the customer's NPS answers that are 9 or 10).
-- Deterministic: setseed() and serial plans make every load produce the same rows.
\set ON_ERROR_STOP on

BEGIN;
SET LOCAL max_parallel_workers_per_gather = 0;	-- random() must be evaluated in one fixed order

CREATE TABLE customers (
	customer_id  int PRIMARY KEY,
	region       text NOT NULL,
	segment      text NOT NULL CHECK (segment IN ('smb', 'mid', 'enterprise')),
	signed_up    date NOT NULL,
	renewal_date date NOT NULL,
	churned      boolean NOT NULL,
	churned_on   date CHECK ((churned_on IS NOT NULL) = churned),
	referrals    int NOT NULL CHECK (referrals BETWEEN 0 AND 3)
);
COMMENT ON TABLE customers IS 'pg_empathy sample: synthetic customers of the feedback table, with churn and referrals (data/sample/retention.sql)';

CREATE TABLE conversation_customers (
	conversation_id int PRIMARY KEY,
	customer_id     int NOT NULL REFERENCES customers DEFERRABLE INITIALLY DEFERRED
);
COMMENT ON TABLE conversation_customers IS 'pg_empathy sample: the customer of each feedback conversation (data/sample/retention.sql)';

SELECT setseed(0.1311) AS seeded \gset

CREATE TEMP TABLE sample_customers ON COMMIT DROP AS
SELECT id AS customer_id,
       (ARRAY['EMEA', 'NA', 'APAC', 'LATAM'])[1 + (id - 1) % 4] AS region,
       CASE WHEN r_seg < 0.5 THEN 'smb' WHEN r_seg < 0.8 THEN 'mid' ELSE 'enterprise' END AS segment,
       date '2023-03-02' + floor(r_signup * 1095)::int AS signed_up,
       r_churn, r_early, r_early_day, r_ref1, r_ref2, r_ref3
FROM (SELECT id, random() AS r_seg, random() AS r_signup, random() AS r_churn, random() AS r_early,
             random() AS r_early_day, random() AS r_ref1, random() AS r_ref2, random() AS r_ref3
      FROM generate_series(1, 300) id) s;

-- each conversation goes to a customer of its region (75 per region)
INSERT INTO conversation_customers
SELECT conversation_id, 4 * floor(random() * 75)::int + CASE region WHEN 'EMEA' THEN 1 WHEN 'NA' THEN 2
                                                                    WHEN 'APAC' THEN 3 ELSE 4 END
FROM (SELECT conversation_id, min(region) AS region FROM feedback GROUP BY conversation_id
      ORDER BY conversation_id) c;

INSERT INTO customers
WITH msgs AS (
	SELECT cc.customer_id, f.sent_at < '2026-02-02' AS early,
	       (f.body ~* '(annoying|waiting three|slow|disappointed|failed|did not help|confusing|crashes|not happy|unacceptable|cancel|terrible|competitor|useless|worst|furious|escalate|human)')::int AS neg,
	       f.nps
	FROM feedback f JOIN conversation_customers cc USING (conversation_id)
	WHERE f.author = 'customer'
), experience AS (
	SELECT customer_id,
	       coalesce(avg(neg) FILTER (WHERE early), 0) AS early_neg,
	       coalesce(avg(neg) FILTER (WHERE NOT early), 0) AS late_neg,
	       coalesce(avg(nps), 7) AS nps,
	       coalesce(avg((nps >= 9)::int), 0) AS promoter_share
	FROM msgs GROUP BY customer_id
), drawn AS (
	SELECT c.*, e.early_neg, e.late_neg, e.nps, e.promoter_share,
	       (c.signed_up + make_interval(years => 2026 - extract(year FROM c.signed_up)::int))::date AS anniversary
	FROM sample_customers c LEFT JOIN experience e USING (customer_id)
), renewals AS (
	SELECT d.*,
	       CASE WHEN anniversary > date '2026-03-01' THEN anniversary
	            ELSE (anniversary + interval '1 year')::date END AS renewal_date,
	       1 / (1 + exp(-(-1.8 + CASE segment WHEN 'smb' THEN 0.5 WHEN 'mid' THEN 0 ELSE -0.6 END
	                      + 2.2 * coalesce(late_neg, 0) + 1.5 * (coalesce(late_neg, 0) - coalesce(early_neg, 0))
	                      - 0.2 * (coalesce(nps, 7) - 7)))) AS p_churn,
	       coalesce(late_neg, 0) > 0.3 AND r_early < 0.04 AS cancels_early
	FROM drawn d
), outcomes AS (
	SELECT r.*,
	       CASE WHEN cancels_early THEN date '2026-03-02' + floor(r_early_day * (renewal_date - date '2026-03-02'))::int
	            WHEN renewal_date <= date '2026-12-31' AND r_churn < p_churn THEN renewal_date END AS churned_on
	FROM renewals r
)
SELECT customer_id, region, segment, signed_up, renewal_date, churned_on IS NOT NULL, churned_on,
       (r_ref1 < 0.05 + 0.35 * coalesce(promoter_share, 0))::int
       + (r_ref2 < 0.05 + 0.35 * coalesce(promoter_share, 0))::int
       + (r_ref3 < 0.05 + 0.35 * coalesce(promoter_share, 0))::int
FROM outcomes ORDER BY customer_id;

ANALYZE customers;
ANALYZE conversation_customers;
COMMIT;
