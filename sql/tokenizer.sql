-- sentiment_tokens(): what the tokenizer sees (Unicode, emoji, whitespace, punctuation)
-- splitting on every Unicode whitespace Python's str.split() knows; U+200B is not a space
SELECT sentiment_tokens(E'a\tb\nc\u00A0d\u2003e\u3000f\u200Bg');
-- punctuation stripped from both ends of words of 3+ characters, kept inside
SELECT sentiment_tokens('"Great!!!" (really) well-made, don''t #love @support http://x.y/z');
-- emoticons survive; standalone punctuation is a token
SELECT sentiment_tokens(':) :-( <3 !!! -');
-- short tokens keep their punctuation in 'vader' (VADER 3.3.2's two-character rule)
SELECT sentiment_tokens('ok. ok! no. so,', 'vader') AS vader, sentiment_tokens('ok. ok! no. so,') AS en;
-- VADER substitutes emoji one code point at a time with no space after the description
SELECT sentiment_tokens(E'\U0001F600great \u2764\uFE0F', 'vader') AS vader,
       sentiment_tokens(E'\U0001F600great \u2764\uFE0F') AS en;
-- family (ZWJ) and skin tones: 'vader' splits them, 'en' reads the cluster
-- (the ZWJ left in 'vader' tokens is shown as <ZWJ>: psql 15 and 17 give it different widths)
SELECT replace(sentiment_tokens(E'\U0001F468\u200D\U0001F469\u200D\U0001F467', 'vader')::text,
               E'\u200D', '<ZWJ>') AS vader,
       sentiment_tokens(E'\U0001F468\u200D\U0001F469\u200D\U0001F467') AS en;
-- accents and combining marks stay inside words; CJK, RTL text
SELECT sentiment_tokens(E'CAF\u00C9 cafe\u0301 \u65E5\u672C\u8A9E \u0645\u0631\u062D\u0628\u0627');
-- ALL-CAPS detection uses Unicode case: CAFÉ is caps, so "CAFÉ GOOD" has no caps
-- differential (GOOD is not emphasised) while in "CAFé GOOD" it has
SELECT sentiment_score(E'CAF\u00C9 GOOD', 'vader') AS all_caps, sentiment_score(E'CAF\u00E9 GOOD', 'vader') AS mixed;
-- U+212A KELVIN SIGN lower-cases to k, so "OK" with it is "ok" (VADER edge case e031)
SELECT sentiment_score(E'O\u212A', 'vader');
-- a long token and many tokens
SELECT array_length(sentiment_tokens(repeat('word ', 100000)), 1);
SELECT length((sentiment_tokens(repeat('x', 100000)))[1]);
