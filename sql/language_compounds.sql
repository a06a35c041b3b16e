-- Compound splitting in de, nl, da, sv: both parts must be words.  A lexicon word at the end
-- counts only behind a known front ("Servicekatastrophe"), a lexicon word in front only before
-- a known head ("Scheißservice"); a known word (a place name) is never split.  Traps: order
-- numbers, addresses, amounts, place names ending in "reich"/"rijk" (rich), "Größe" (size, not
-- "groß"), and mistranslated lexicon entries rated 0 in data/de/rules.tsv.
SET extra_float_digits = 0;
SELECT lang, word, sentiment_score(word, cfg) AS score
FROM (VALUES ('de', 'de-rules'), ('nl', 'nl'), ('da', 'da'), ('sv', 'sv')) c(lang, cfg)
JOIN (VALUES
	('de', 'Bestellnummer'), ('de', 'Lieferadresse'), ('de', 'Kundennummer'),
	('de', 'Rechnungsbetrag'), ('de', 'Österreich'), ('de', 'Frankreich'), ('de', 'Königreich'),
	('de', 'Reichweite'), ('de', 'Größe'), ('de', 'Gutschein'), ('de', 'Bestellnummern'),
	('nl', 'bestelnummer'), ('nl', 'klantnummer'), ('nl', 'afleveradres'), ('nl', 'factuurbedrag'),
	('nl', 'Frankrijk'), ('nl', 'Oostenrijk'), ('nl', 'wachtwoord'), ('nl', 'aanpassen'),
	('da', 'ordrenummer'), ('da', 'kundenummer'), ('da', 'leveringsadresse'),
	('da', 'fakturabeløb'), ('da', 'Frankrig'), ('da', 'Østrig'),
	('sv', 'ordernummer'), ('sv', 'kundnummer'), ('sv', 'leveransadress'),
	('sv', 'fakturabelopp'), ('sv', 'Frankrike'), ('sv', 'Österrike'), ('sv', 'Brandvarnaren'),
	('sv', 'fortfarande')) w(lang, word) USING (lang)
ORDER BY lang, word;

-- the same words in sentences, with the learned layer of 'de': no sentiment from them
SELECT body, sentiment_score(body, 'de') AS de, sentiment_score(body, 'de-rules') AS de_rules
FROM (VALUES ('Meine Bestellnummer ist 4711.'), ('Ich wohne in Österreich.'),
			 ('Die Größe stimmt, Lieferadresse geändert.'),
			 ('Welche Reichweite hat das Gerät?')) t(body)
ORDER BY body;

-- real compounds still score: a lexicon word behind a known part, in front of a known part,
-- behind a negation or booster
SELECT lang, word, sentiment_score(word, cfg) AS score
FROM (VALUES ('de', 'de-rules'), ('nl', 'nl'), ('da', 'da'), ('sv', 'sv')) c(lang, cfg)
JOIN (VALUES
	('de', 'Servicekatastrophe'), ('de', 'Lieferkatastrophe'), ('de', 'Kundendienstkatastrophe'),
	('de', 'Scheißservice'), ('de', 'nicht-gut'), ('de', 'problemlos'),
	('nl', 'superslechte'), ('nl', 'probleemloos'),
	('da', 'kundeservicekatastrofe'), ('da', 'supergod'),
	('sv', 'jättebra'), ('sv', 'kundtjänstkatastrof'), ('sv', 'leveranskatastrof')) w(lang, word)
	USING (lang)
ORDER BY lang, word;
