-- detect_language(), language_detection(), the 'auto' configuration and pg_empathy.fallback_config
SET extra_float_digits = 0;

-- one text per supported language
SELECT lang, detect_language(body) AS detected, detect_language(body) = lang AS ok
FROM (VALUES ('en', 'The delivery was late and nobody answered my emails.'),
             ('fr', 'La livraison avait deux jours de retard, personne ne répond.'),
             ('es', 'El pedido llegó tarde y nadie contesta mis correos.'),
             ('pt', 'O pedido chegou atrasado e ninguém responde meus e-mails.'),
             ('de', 'Der Service war sehr gut, danke für die schnelle Hilfe.'),
             ('it', 'La consegna è arrivata in ritardo e nessuno risponde.'),
             ('nl', 'De bestelling kwam te laat en niemand reageert op mijn mails.'),
             ('da', 'Pakken kom for sent, og ingen svarer på mine mails.'),
             ('sv', 'Paketet kom för sent och ingen svarar på mina mejl.'),
             ('pl', 'Paczka przyszła za późno i nikt nie odpowiada na maile.')) t(lang, body);

-- 'und': too short (under 10 letters), empty, other scripts; the script is still reported
SELECT body, (language_detection(body)).*
FROM (VALUES ('ok merci'), (''), ('Thanks! 👍'), ('12345 67890 !!!'),
             ('Спасибо, всё отлично, доставка быстрая'), ('配送很快，客服态度也很好，非常满意。'),
             ('Ευχαριστώ πολύ για τη γρήγορη εξυπηρέτηση')) t(body);

-- confidence and runner-up; URLs and @mentions are skipped
SELECT language, round(confidence::numeric, 2) AS confidence, script, runner_up
FROM language_detection('Quiero cancelar mi suscripción, la aplicación se cierra sola.');
SELECT detect_language('@user http://example.com/a/very/long/path/that/is/english www.example.org Merci beaucoup pour votre aide');

-- candidates restrict the answer
SELECT detect_language('Obrigado pela ajuda rápida', ARRAY['es', 'pt']);
SELECT language, runner_up FROM language_detection('Obrigado pela ajuda rápida', ARRAY['pt']);
SELECT detect_language('The delivery was late and nobody answered.', ARRAY['fr', 'de']) IN ('fr', 'de', 'und') AS restricted;

-- NULL in, NULL out
SELECT detect_language(NULL), detect_language(NULL, ARRAY['en']), detect_language('some text here', NULL);
SELECT * FROM language_detection(NULL);

-- bad candidates
\set VERBOSITY terse
SELECT detect_language('some text here', ARRAY['xx']);
SELECT detect_language('some text here', ARRAY['EN']);
SELECT detect_language('some text here', '{}'::text[]);
SELECT detect_language('some text here', ARRAY[NULL]::text[]);
SELECT detect_language('some text here', ARRAY[['en'], ['fr']]);
\set VERBOSITY default

-- the same answer every time (IMMUTABLE)
SELECT count(DISTINCT detect_language('Der Service war sehr gut, danke!')) FROM generate_series(1, 50);

-- 'auto': detect, then score with that language's configuration; without one, the fallback
SHOW pg_empathy.fallback_config;
SELECT sentiment_score('The support team was great!', 'auto') = sentiment_score('The support team was great!', 'en') AS en_routed;
SELECT * FROM sentiment_explain('The support team was great!', 'auto') WHERE ord = 0;
SELECT ord, token, rules FROM sentiment_explain('ok', 'auto') WHERE ord = 0;
SELECT (sentiment('The support team was great!', 'auto')).compound, sentiment_tokens('Great support 😀', 'auto');

-- 'auto:<config>' names its fallback; plain 'auto' follows the setting
SELECT sentiment_score('ok', 'auto:vader') = sentiment_score('ok', 'vader') AS vader_fallback;
SET pg_empathy.fallback_config = 'vader';
SELECT ord, token, rules FROM sentiment_explain('ok', 'auto') WHERE ord = 0;
SELECT ord, token, rules FROM sentiment_explain('ok', 'auto:en') WHERE ord = 0;
RESET pg_empathy.fallback_config;

-- an unknown fallback is rejected by the setting, and unknown auto names by the functions
\set VERBOSITY terse
SET pg_empathy.fallback_config = 'klingon';
SET pg_empathy.fallback_config = 'auto';
SELECT sentiment_score('ok', 'auto:klingon');
SELECT sentiment_score('ok', 'automatic');
\set VERBOSITY default
SHOW pg_empathy.fallback_config;

-- escalation_check with 'auto' applies the detected language's rules
SELECT (escalation_check('Quero falar com um atendente humano agora', 'auto')).reasons;
SELECT (escalation_check('Ich will mit einem Menschen sprechen, sofort!', 'auto')).reasons;
SELECT (escalation_check('I want to speak to a human', 'auto')).reasons;
