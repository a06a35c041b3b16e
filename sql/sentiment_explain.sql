-- sentiment_explain(): which tokens moved the score and why (the rules: 'en-rules'; the learned
-- default 'en' in sql/sentiment_learned.sql)
SET extra_float_digits = 0;

-- VADER spec example 2: but rule, negation and the ! emphasis row
SELECT * FROM sentiment_explain('The plot was good, but the characters are uncompelling and the dialog is not great!!', 'vader');

-- boosters, caps, dampeners, least, no, idioms, emoji
SELECT * FROM sentiment_explain('The agent was VERY helpful', 'en-rules');
SELECT * FROM sentiment_explain('the refund was slightly disappointing', 'en-rules');
SELECT * FROM sentiment_explain('this is the least helpful answer', 'en-rules');
SELECT * FROM sentiment_explain('no problems at all', 'en-rules');
SELECT * FROM sentiment_explain('my order is in the red again', 'en-rules');
SELECT * FROM sentiment_explain(E'thanks \U0001F60D', 'en-rules');
SELECT * FROM sentiment_explain('never so happy', 'en-rules');

-- the valences add up to the raw score: compound = s / sqrt(s^2 + 15), before rounding
WITH t(body) AS (VALUES ('The app is GREAT but support is slow and rude!!!'),
                        ('not bad at all, kind of good really'),
                        ('I hate waiting??? Worst. Service. Ever.'))
SELECT body, round((s / sqrt(s * s + 15))::numeric, 4) = round(sentiment_score(body, 'en-rules')::numeric, 4) AS sums_to_compound
FROM t, LATERAL (SELECT sum(valence) AS s FROM sentiment_explain(body, 'en-rules')) e;

-- nothing that carries sentiment: no rows; NULL: no rows
SELECT count(*) FROM sentiment_explain('the parcel arrived on tuesday', 'en-rules');
SELECT count(*) FROM sentiment_explain(NULL);
SELECT count(*) FROM sentiment_explain('', 'en-rules');
