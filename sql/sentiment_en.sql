-- The rule configuration 'en-rules' (the 'en' of 0.1.0) fixes VADER 3.3.2 defects; each fix is checked against 'vader'.
SET extra_float_digits = 0;

CREATE FUNCTION both_configs(t text) RETURNS TABLE (config text, compound float8)
LANGUAGE sql AS $$ SELECT c, sentiment_score(t, c) FROM unnest(ARRAY['vader', 'en-rules']) c $$;

-- 1. emoji per grapheme cluster: "❤️" (U+2764 U+FE0F) scores like "❤"
SELECT * FROM both_configs(E'I \u2764\uFE0F it');
SELECT * FROM both_configs(E'I \u2764 it');
-- a description is spaced, so the word after it still counts ("😀great")
SELECT * FROM both_configs(E'\U0001F600great');
-- skin tones, ZWJ sequences, flags and keycaps become words, not glued junk
SELECT sentiment_tokens(E'\U0001F44D\U0001F3FD thanks', 'vader') AS vader, sentiment_tokens(E'\U0001F44D\U0001F3FD thanks') AS en;
SELECT sentiment_tokens(E'\U0001F469\u200D\U0001F4BB fixed it') AS zwj;
SELECT sentiment_tokens(E'\U0001F1EF\U0001F1F5 1\uFE0F\u20E3 ok') AS flag_keycap;
-- 💔 is negative ("broken heart" is a phrase in 'en-rules')
SELECT * FROM both_configs(E'\U0001F494');
SELECT * FROM both_configs('this broke my heart, a broken heart');

-- 2. the so/this precedence bug: VADER boosts "good" after "so" only from the 4th word on
SELECT * FROM both_configs('so good');
SELECT * FROM both_configs('It is so good');
-- and "this" before a negated word stops the negation in VADER
SELECT * FROM both_configs('you don''t have this problem');

-- 3. punctuation attached to short rule words: "no." and "so," are still "no" and "so"
SELECT sentiment_tokens('No. so, ok.', 'vader') AS vader, sentiment_tokens('No. so, ok.') AS en;
-- but two-letter chat entries are not created by stripping ("(windows xp)" is not ":P")
SELECT * FROM both_configs('it runs windows xp.');

-- 4. modifiers do not reach across clause boundaries
SELECT * FROM both_configs('I can''t, I''ll be sweet and give it five stars');
SELECT * FROM both_configs('not bad, great service');

-- 5. VADER's idioms, never applied in 3.3.2, apply in 'en-rules'; special phrases apply anywhere
SELECT * FROM both_configs('the new release is under the weather');
SELECT * FROM both_configs('This agent is the bomb');
SELECT * FROM both_configs('the bomb');

-- 6. cased emoticons keep their own rating; curly apostrophes negate
SELECT * FROM both_configs(':P');
SELECT * FROM both_configs(E'it isn\u2019t good');

-- 7. duplicate lexicon keys resolved deliberately: "D:" is a horrified face
SELECT * FROM both_configs('D:');

-- 8. the "but" rule scales each word by its own position (VADER's list.index bug)
SELECT * FROM both_configs('love but (-:');

-- 9. "kind of" dampens in the direction of the word it modifies
SELECT * FROM both_configs('the app is kind of bad');
SELECT * FROM both_configs('the app is kind of good');

-- 10. customer-feedback words: "support", "care" and "please" are nouns and requests there
SELECT * FROM both_configs('please ask customer care or support to call me');

DROP FUNCTION both_configs(text);
