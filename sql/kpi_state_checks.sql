-- Issue 8 item 7: wrong figures from bad input.  Each query below gave a figure on 0.1.0;
-- every state and summary condition real rows must meet is now checked (22023 for an
-- inconsistent state or summary, 22003 for counts out of range).

-- Weights near DBL_MAX: the index is the plain mean of the components (50), not 0.
SELECT (e).index, (e).weight_sentiment, (e).weight_nps, (e).weight_csat
FROM (SELECT empathy_index(c, s, NULL, '{1e308,1e308,1e308}') AS e
      FROM (VALUES (0.0::float8, 7)) v(c, s)) q;
SELECT (empathy_index(c, s, NULL, '{1e308,0,1e-308}')).index
FROM (VALUES (0.6::float8, 10), (-0.2, 0)) v(c, s);

-- nps and nps_stats use one expression: equal to the last digit (100/3 once differed).
SET extra_float_digits = 3;
SELECT nps(s), (nps_stats(s)).nps, nps(s) = (nps_stats(s)).nps AS equal
FROM (VALUES (10), (7), (8)) v(s);
RESET extra_float_digits;

-- sentiment states: a mean of 5 from one row, and other impossible sums
SELECT sentiment_stats_final('{3104,1,5,0,25,0,1,0,0}');
SELECT sentiment_stats_final('{3104,2,1.5,0,1.5,0,1,1,0}');
SELECT sentiment_stats_final('{3104,2,0,0,3,0,1,0,1}');
SELECT sentiment_stats_final('{3104,2,1.6,0,1.0,0,2,0,0}');
SELECT sentiment_stats_final('{3104,1,0.001,0,0.000001,0,1,0,0}');
SELECT sentiment_stats_final('{3104,0,0.5,0,0,0,0,0,0}');
SELECT sentiment_stats_final('{3104,1,1e300,-1e300,0.25,0,1,0,0}');
-- a real state passes: 0.5 and -0.3
SELECT (s).n, round((s).mean::numeric, 12) AS mean, round((s).stddev::numeric, 12) AS stddev
FROM (SELECT sentiment_stats_final('{3104,2,0.2,0,0.34,0,1,0,1}') AS s) q;

-- CES states: a standard deviation of 31,622,776 from two answers, and the other bounds
SELECT ces_stats_final('{3103,2,7,2,1e15}');
SELECT ces_stats_final('{3103,2,7,5,14}');     -- sum of squares and sum differ in parity
SELECT ces_stats_final('{3103,2,7,8,30}');     -- below sum^2 / n
SELECT ces_stats_final('{3103,2,7,8,52}');     -- above (scale + 1) sum - scale n
SELECT ces_stats_final('{3103,0,7,0,4}');
SELECT (ces_stats_final('{3103,2,7,8,50}')).stddev AS widest_two, (ces_stats_final('{3103,2,7,8,32}')).stddev AS narrowest_two;

-- empathy index states
SELECT empathy_index_final('{3105,2,1,1,1,0,1,0.5,0,0,0,0,0,0}');  -- a row without any component
SELECT empathy_index_final('{3105,1,1,1,1,0,1,3,0,0,0,0,0,0}');    -- sentiment sum beyond its n
SELECT empathy_index_final('{3105,1,1,1,1,0,0,0.5,0,1,0,0,0,0}');  -- sentiment sum without rows

-- summaries: counts near 2^63 made nps_diff wrap and report significance
SELECT nps_diff(ROW(1, 9223372036854775807, 9223372036854775807, 3, 0, 0, 0, 0)::nps_summary,
                ROW(2, 1, 0, 1, 0, 0, 0, 0)::nps_summary);
SELECT nps_diff(ROW(9007199254740992, 9007199254740992, 0, 0, 100, 0, 100, 100)::nps_summary,
                ROW(2, 1, 0, 1, 0, 0, 0, 0)::nps_summary);
SELECT csat_diff(ROW(9223372036854775807, 1, 5, 0, 0, 0)::csat_summary, ROW(5, 1, 5, 0, 0, 0)::csat_summary);
-- a standard deviation no n values on the scale can have
SELECT ces_diff(ROW(2, 7, 2, 31622776.6, NULL, NULL, NULL, NULL, NULL)::ces_summary,
                ROW(5, 7, 3, 1, NULL, NULL, NULL, NULL, NULL)::ces_summary);
SELECT sentiment_diff(ROW(2, 0, 5, NULL, NULL, NULL, 0, 0, 0, NULL, NULL, NULL, NULL, NULL)::sentiment_summary,
                      ROW(5, 0.1, 0.2, NULL, NULL, NULL, 3, 1, 1, NULL, NULL, NULL, NULL, NULL)::sentiment_summary);
SELECT sentiment_diff(ROW(1, 0.2, 0.1, NULL, NULL, NULL, 1, 0, 0, NULL, NULL, NULL, NULL, NULL)::sentiment_summary,
                      ROW(5, 0.1, 0.2, NULL, NULL, NULL, 3, 1, 1, NULL, NULL, NULL, NULL, NULL)::sentiment_summary);
-- the widest possible spread is still accepted: two answers 1 and 7 (sd = sqrt(18))
SELECT round((d).std_error::numeric, 9) AS se FROM (SELECT ces_diff(ROW(2, 7, 4, sqrt(18), NULL, NULL, NULL, NULL, NULL)::ces_summary,
                ROW(5, 7, 3, 1, NULL, NULL, NULL, NULL, NULL)::ces_summary) AS d) q;

-- combining two valid states whose sums leave the exact range is 22003
SELECT ces_combine('{3103,9007199254740990,10,9007199254740990,9007199254740990}',
                   '{3103,1,10,10,100}');
