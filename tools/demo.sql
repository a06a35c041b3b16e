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
\echo '4. The five most negative customer messages'
SELECT id, region, channel, sentiment_score(body) AS compound, left(body, 70) AS body
FROM feedback WHERE author = 'customer'
ORDER BY sentiment_score(body), id LIMIT 5;
