-- The language configurations: rule words, elision, folding, compounds, emoji, tiers
SELECT name, language, tier FROM sentiment_configs() ORDER BY name;
SELECT count(*) FILTER (WHERE provenance ~ 'rule words written for pg_empathy') AS with_rules,
       count(DISTINCT version) AS versions
FROM sentiment_configs() WHERE name NOT IN ('en', 'vader', 'auto');

-- the issue's example: German "war" is not the English word
SELECT sentiment_score('Der Service war sehr gut') AS en_reads_war,
       sentiment_score('Der Service war sehr gut', 'de') AS de;

-- each language: positive, negated, boosted, dampened, contrast
CREATE TABLE lang_cases (lang text, body text, expect text);
INSERT INTO lang_cases VALUES
 ('fr', 'Le service est bon', 'positive'), ('fr', 'Le service n''est pas bon', 'negative'),
 ('fr', 'Je ne suis pas content', 'negative'), ('fr', 'J''aime pas ce produit', 'negative'),
 ('fr', 'C''est bien mais la livraison est horrible', 'negative'),
 ('es', 'El servicio es muy bueno', 'positive'), ('es', 'El servicio no es bueno', 'negative'),
 ('es', 'Nunca volveré, pésima atención', 'negative'), ('es', 'Es caro pero excelente', 'positive'),
 ('pt', 'O atendimento foi ótimo', 'positive'), ('pt', 'O atendimento não foi bom', 'negative'),
 ('pt', 'Nao gostei, pessimo', 'negative'), ('pt', 'Demorou mas ficou perfeito', 'positive'),
 ('de', 'Der Service war sehr gut', 'positive'), ('de', 'Der Service war nicht gut', 'negative'),
 ('de', 'Das Personal war unfreundlich', 'negative'), ('de', 'Teuer, aber wirklich gut', 'positive'),
 ('de', 'Eine Servicekatastrophe', 'negative'), ('de', 'Die Lieferung war problemlos', 'positive'),
 ('it', 'Il servizio è ottimo', 'positive'), ('it', 'Il servizio non è buono', 'negative'),
 ('it', 'Caro ma davvero eccellente', 'positive'), ('it', 'Un''esperienza terribile', 'negative'),
 ('nl', 'De service is goed', 'positive'), ('nl', 'De service is niet goed', 'negative'),
 ('nl', 'Duur maar geweldig', 'positive'), ('nl', 'Een superslechte ervaring', 'negative'),
 ('da', 'Servicen var god', 'positive'), ('da', 'Servicen var ikke god', 'negative'),
 ('da', 'Dyrt men fantastisk', 'positive'), ('da', 'Personalet var uvenligt', 'negative'),
 ('sv', 'Servicen var jättebra', 'positive'), ('sv', 'Servicen var inte bra', 'negative'),
 ('sv', 'Jag gillar det inte', 'negative'), ('sv', 'Dyrt men fantastiskt', 'positive'),
 ('pl', 'Obsługa była dobra', 'positive'), ('pl', 'Obsługa nie była dobra', 'negative'),
 ('pl', 'Obsługa była niemiła', 'negative'), ('pl', 'Drogo, ale świetnie', 'positive');
-- the rules are tested on the lexicon alone ('<lang>-rules' where a learned layer exists)
ALTER TABLE lang_cases ADD COLUMN config text;
UPDATE lang_cases SET config = coalesce((SELECT name FROM sentiment_configs() WHERE name = lang || '-rules'), lang);
SELECT config, body, sentiment_score(body, config) AS score,
       sentiment_label(sentiment_score(body, config)) AS label
FROM lang_cases ORDER BY config, body;
SELECT count(*) AS wrong FROM lang_cases
WHERE sentiment_label(sentiment_score(body, config)) <> expect;

-- the learned layer: '<lang>' is the lexicon score read by a model trained on tweets and
-- feedback texts; the compound it returns is on the same side of the ±0.05 thresholds as the
-- class it picks, and sentiment() and sentiment_score() agree
SELECT name, language, tier, description ~ 'learned layer' AS learned,
       provenance ~ 'train_\*' AS trained_on_train_split,
       provenance ~ 'val macro-F1 [0-9.]+ \(not used for selection' AS val_held_out
FROM sentiment_configs() WHERE name ~ '^(fr|es|pt|de|it)' ORDER BY name;
-- the gate: where the combined scorer keeps the lexicon's class it returns the lexicon's
-- compound unchanged (it only ever moves a text to another class)
SELECT lang, count(*) AS texts,
       count(*) FILTER (WHERE sentiment_label(sentiment_score(body, lang)) =
                              sentiment_label(sentiment_score(body, config))) AS same_class,
       count(*) FILTER (WHERE sentiment_label(sentiment_score(body, lang)) =
                              sentiment_label(sentiment_score(body, config))
                          AND sentiment_score(body, lang) <> sentiment_score(body, config)) AS same_class_moved
FROM lang_cases WHERE config <> lang GROUP BY lang ORDER BY lang;
SELECT lang, count(*) FILTER (WHERE sentiment_label(sentiment_score(body, lang)) = expect) AS learned_right,
       count(*) FILTER (WHERE sentiment_label(sentiment_score(body, config)) = expect) AS rules_right,
       bool_and((sentiment(body, lang)).compound = sentiment_score(body, lang)) AS paths_agree,
       bool_and(abs(sentiment_score(body, lang)) <= 1) AS in_range
FROM lang_cases WHERE config <> lang GROUP BY lang ORDER BY lang;
SELECT sentiment_score('', 'fr') AS empty_learned, sentiment('', 'de') AS empty_sentiment;

-- which rules fired: French two-part negation counts once, German trailing negation
SELECT token, lexicon_valence, valence, rules FROM sentiment_explain('Ce n''est pas bon', 'fr');
SELECT token, lexicon_valence, valence, rules FROM sentiment_explain('Das gefällt mir nicht', 'de');
SELECT token, valence, rules FROM sentiment_explain('L''hôtel était bien mais la chambre était sale', 'fr');

-- elision, accent folding and compounds reach the lexicon
SELECT sentiment_score('l''excellent service', 'fr-rules') = sentiment_score('excellent service', 'fr-rules') AS elision,
       sentiment_score('tres bon', 'fr-rules') = sentiment_score('très bon', 'fr-rules') AS folded_fr,
       sentiment_score('pessimo', 'pt-rules') = sentiment_score('péssimo', 'pt-rules') AS folded_pt,
       sentiment_score('jättebra', 'sv') > sentiment_score('bra', 'sv') AS boosted_compound,
       sentiment_score('Schei' || 'ßservice', 'de-rules') < 0 AS modifier_compound;

-- emoji and emoticons score the same in every lexicon (a learned layer reads them as words too)
SELECT count(DISTINCT sentiment_score('😍', name)) AS emoji_scores,
       count(DISTINCT sentiment_score(':)', name)) AS emoticon_scores,
       count(DISTINCT sentiment_score('😡 :(', name)) AS mixed_scores,
       count(*) AS configs
FROM sentiment_configs() WHERE name <> 'vader' AND description !~ 'learned layer';
SELECT sentiment_tokens('Top 👍 merci', 'fr') AS tokens;

-- English stays English; an unknown configuration is still an error
SELECT sentiment_score('The service was very good') AS en, sentiment_score('The service was very good', 'vader') AS vader;
SELECT sentiment_score('bon', 'xx');
SELECT sentiment_score('', 'fr') AS empty, sentiment_score('   ', 'de') AS blank;
-- long tokens: compounds are split up to 64 bytes, longer runs of letters are not words
SELECT sentiment_score(repeat('a', 300) || 'gut', 'de-rules') AS long_token,
       sentiment_score(repeat('n''', 50) || 'aime', 'fr-rules') AS many_elisions,
       sentiment_score(repeat('-', 40) || 'nicht-gut', 'de-rules') AS hyphens,
       sentiment_score(repeat('Service-', 6) || 'Katastrophe', 'de-rules') AS compound_59_bytes,
       sentiment_score(repeat('Service-', 7) || 'Katastrophe', 'de-rules') AS compound_67_bytes,
       sentiment_score(repeat('Servicekatastrophe', 100000), 'de') AS token_1_8_mb;
DROP TABLE lang_cases;
