-- The demo analysis printed by tools/demo.sh (also readable on its own).
\pset footer off
\echo
\echo '1. Score any text: sentiment() returns neg/neu/pos proportions and a compound score in [-1, 1]'
SELECT * FROM sentiment('The agent was SO helpful, thanks!! 😀');

\echo
\echo '2. Why? sentiment_explain() lists every token that moved the score and the rules involved'
SELECT * FROM sentiment_explain('The app is great but support never answered my emails. Not happy!');

\echo
\echo '3. Over the sample feedback table: label every customer message'
SELECT sentiment_label(sentiment_score(body)) AS label, count(*),
       round(avg(sentiment_score(body))::numeric, 3) AS avg_compound
FROM feedback WHERE author = 'customer'
GROUP BY 1 ORDER BY 1;

\echo
\echo '4. The five most negative distinct customer messages, and how often each was sent'
SELECT sentiment_score(body) AS compound, count(*) AS times, left(body, 80) AS body
FROM feedback WHERE author = 'customer'
GROUP BY body ORDER BY 1, body LIMIT 5;

\echo
\echo '5. Empathy KPI tracker for APAC: weekly sentiment, NPS, CSAT, the composite index, and whether'
\echo '   the change from the previous week is statistically significant (the outage week is 2026-02-09)'
WITH weekly AS (
    SELECT region, date_trunc('week', sent_at)::date AS week,
           sentiment_stats(sentiment(body))                     AS sent,
           nps_stats(nps)                                       AS nps,
           csat_stats(csat)                                     AS csat,
           empathy_index((sentiment(body)).compound, nps, csat) AS idx
    FROM feedback
    WHERE author = 'customer' AND region = 'APAC'
    GROUP BY region, week
)
SELECT week, (sent).n AS messages,
       round((sent).mean::numeric, 3)  AS sentiment,
       round((nps).nps)                AS nps,
       round((csat).csat)              AS csat,
       round((idx).index::numeric, 1)  AS index,
       (sentiment_diff(lag(sent) OVER w, sent)).significant AS sentiment_change_real,
       (csat_diff(lag(csat) OVER w, csat)).significant      AS csat_change_real
FROM weekly
WINDOW w AS (ORDER BY week)
ORDER BY week;

\echo
\echo '6. Which conversations need a human, and why (conversation_escalation over each conversation)'
SELECT reason, count(*) AS conversations
FROM (SELECT conversation_id, conversation_escalation(body, author ORDER BY sent_at) AS e
      FROM feedback GROUP BY conversation_id) c, unnest((e).reasons) AS reason
WHERE (e).escalate
GROUP BY reason ORDER BY 2 DESC, 1;

\echo
\echo '7. One message checked on its own: escalation_check() gives reason codes and what matched'
SELECT * FROM escalation_check('This is the third time I am asking. Get me a real person or I cancel today.');
