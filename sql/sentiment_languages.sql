-- The language configurations: rule words, elision, folding, compounds, emoji, tiers
SELECT name, language, tier FROM sentiment_configs() ORDER BY name;
SELECT count(*) FILTER (WHERE provenance ~ 'rule words written for pg_empathy') AS with_rules,
       count(DISTINCT version) AS versions
FROM sentiment_configs() WHERE name NOT IN ('en', 'vader');

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
SELECT lang, body, sentiment_score(body, lang) AS score,
       sentiment_label(sentiment_score(body, lang)) AS label
FROM lang_cases ORDER BY lang, body;
SELECT count(*) AS wrong FROM lang_cases
WHERE sentiment_label(sentiment_score(body, lang)) <> expect;

-- which rules fired: French two-part negation counts once, German trailing negation
SELECT token, lexicon_valence, valence, rules FROM sentiment_explain('Ce n''est pas bon', 'fr');
SELECT token, lexicon_valence, valence, rules FROM sentiment_explain('Das gefällt mir nicht', 'de');
SELECT token, valence, rules FROM sentiment_explain('L''hôtel était bien mais la chambre était sale', 'fr');

-- elision, accent folding and compounds reach the lexicon
SELECT sentiment_score('l''excellent service', 'fr') = sentiment_score('excellent service', 'fr') AS elision,
       sentiment_score('tres bon', 'fr') = sentiment_score('très bon', 'fr') AS folded_fr,
       sentiment_score('pessimo', 'pt') = sentiment_score('péssimo', 'pt') AS folded_pt,
       sentiment_score('jättebra', 'sv') > sentiment_score('bra', 'sv') AS boosted_compound,
       sentiment_score('Schei' || 'ßservice', 'de') < 0 AS modifier_compound;

-- emoji and emoticons score the same in every language
SELECT count(DISTINCT sentiment_score('😍', name)) AS emoji_scores,
       count(DISTINCT sentiment_score(':)', name)) AS emoticon_scores,
       count(DISTINCT sentiment_score('😡 :(', name)) AS mixed_scores
FROM sentiment_configs() WHERE name NOT IN ('vader');
SELECT sentiment_tokens('Top 👍 merci', 'fr') AS tokens;

-- English stays English; an unknown configuration is still an error
SELECT sentiment_score('The service was very good') AS en, sentiment_score('The service was very good', 'vader') AS vader;
SELECT sentiment_score('bon', 'xx');
SELECT sentiment_score('', 'fr') AS empty, sentiment_score('   ', 'de') AS blank;
-- hostile input: invalid-looking bytes are not possible in a UTF8 database; long compounds
SELECT sentiment_score(repeat('a', 300) || 'gut', 'de') AS long_token,
       sentiment_score(repeat('n''', 50) || 'aime', 'fr') AS many_elisions,
       sentiment_score(repeat('-', 40) || 'nicht-gut', 'de') AS hyphens;
DROP TABLE lang_cases;
