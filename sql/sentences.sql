-- sentiment_sentences(): sentences, their character offsets and scores
SET extra_float_digits = 0;

-- the issue's example: three topics, two sentences
SELECT * FROM sentiment_sentences('Great product. Shipping was awful and support never replied.');

-- abbreviations, decimals, URLs, e-mail addresses, initials, "No. 5"
SELECT ord, sentence FROM sentiment_sentences('Dr. Smith said e.g. the 3.5 version is fine. Mail j.doe@example.com or see www.example.com/faq.html. Item No. 5 by J. R. Tolkien arrived.');
-- ellipses: before a capital they end a sentence, before lower case they do not
SELECT ord, sentence FROM sentiment_sentences('I waited... and waited... Nobody came…');
-- emoji and emoticons at sentence ends stay with their sentence; before a capital they end one
SELECT ord, sentence FROM sentiment_sentences('Best app ever! 😀 Thanks to the team :) See you. Love it 😍 Will buy again');
-- a missing space, quotes, brackets
SELECT ord, sentence FROM sentiment_sentences('The delivery was late.Support was rude. He said "it will be fixed tomorrow." It wasn''t. (The driver called ahead.) Five stars.');
-- line breaks: a blank line always, a single one unless the next line starts in lower case
SELECT ord, sentence FROM sentiment_sentences(E'Hi team,\nMy order never arrived\nand nobody answered.\n\nregards');
-- other languages: ¿ ¡ « » and the abbreviations of the configuration's language
SELECT ord, sentence FROM sentiment_sentences('¿Dónde está mi pedido? ¡Qué desastre! La Sra. López no contestó.', 'es');
SELECT ord, sentence FROM sentiment_sentences('Il m''a dit « ce sera réglé demain ! » Rien n''a changé. C''est nul ! Vraiment ?', 'fr');
SELECT ord, sentence FROM sentiment_sentences('Die App stürzt ab, z. B. beim Bezahlen. Das Paket kam am 3. Mai an. Frechheit!', 'de');
SELECT ord, sentence FROM sentiment_sentences('交付太慢了。客服也没回复！为什么？');
-- 'auto' detects the language once, for the whole text (Spanish abbreviations here)
SELECT ord, sentence, compound FROM sentiment_sentences('Hablé con el Sr. García ayer. El servicio fue excelente y muy rápido.', 'auto');

-- offsets are characters, start inclusive and end exclusive: substr() gives the sentence back
WITH t(body) AS (VALUES ('Très bien. Ça marche 👍🏽 Merci!'), (E'  leading space.  Two\n\nthree  '))
SELECT s.ord, s.sentence, s.start_offset, s.end_offset,
       substr(t.body, s.start_offset, s.end_offset - s.start_offset) = s.sentence AS round_trip
FROM t, sentiment_sentences(t.body) s ORDER BY t.body, s.ord;

-- each sentence scores as sentiment() of its text
SELECT bool_and((s.neg, s.neu, s.pos, s.compound) = (x.neg, x.neu, x.pos, x.compound)) AS same_scores
FROM sentiment_sentences('The agent was SO helpful!! The app is slow. Refund? Never. 😡', 'en') s,
     sentiment(s.sentence, 'en') x;

-- nothing to split: no rows; emoji or punctuation only: one sentence; NULL: no rows (STRICT)
SELECT count(*) FROM sentiment_sentences('');
SELECT count(*) FROM sentiment_sentences(E' \n\t ');
SELECT ord, sentence FROM sentiment_sentences('😡😡😡 !!!');
SELECT count(*) FROM sentiment_sentences(NULL);
SELECT count(*) FROM sentiment_sentences('text', NULL);

-- errors
-- (terse: the hint lists the configurations of the build)
\set VERBOSITY terse
SELECT * FROM sentiment_sentences('text', 'klingon');
\set VERBOSITY default
-- more words than the scorer reads in one text, in one sentence (54000)
SELECT count(*) FROM sentiment_sentences(repeat('a ', 4194305));

-- declared properties
SELECT p.oid::regprocedure, p.provolatile, p.proisstrict, p.proparallel, p.proretset,
       obj_description(p.oid, 'pg_proc') IS NOT NULL AS has_comment
FROM pg_proc p WHERE p.proname = 'sentiment_sentences' ORDER BY 1::text;
