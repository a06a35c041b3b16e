-- pg_empathy sample data: multilingual customer feedback for the cultural-dashboard walkthrough.
--
--   psql -f data/sample/feedback_intl.sql
--
-- Creates table "feedback_intl" (3,000 rows, written for pg_empathy): customer messages from
-- 8 regions in 10 languages over 8 weeks starting on Monday 2026-01-05, with NPS (0-10) and
-- CSAT (1-5) answers correlated with the tone of the text.  The language is not stored: it is
-- what detect_language() is for.  About 4% of the messages are too short or in another script
-- ('und').  Regions: DACH (de), France (fr), Iberia (es), LATAM (es, pt), Italy (it), Benelux
-- (nl, fr), Nordics (da, sv), Poland (pl), UK & Ireland (en).  Plain SQL: it does not need
-- pg_empathy.  Deterministic: setseed() and a serial plan make every load produce the same rows.
\set ON_ERROR_STOP on

BEGIN;
SET LOCAL max_parallel_workers_per_gather = 0;	-- random() must be evaluated in one fixed order

CREATE TABLE feedback_intl (
	id      bigserial PRIMARY KEY,
	sent_at timestamptz NOT NULL,
	region  text NOT NULL,
	channel text NOT NULL,
	body    text NOT NULL,
	nps     int CHECK (nps BETWEEN 0 AND 10),
	csat    int CHECK (csat BETWEEN 1 AND 5)
);
COMMENT ON TABLE feedback_intl IS 'pg_empathy sample: synthetic multilingual customer feedback (data/sample/feedback_intl.sql)';

-- Customer sentences by language and tone: 2 delighted, 1 positive, 0 neutral, -1 negative,
-- -2 angry.  Language 'und': texts too short or in another script.
CREATE TEMP TABLE intl_phrases (lang text, tone int, body text) ON COMMIT DROP;
INSERT INTO intl_phrases VALUES
('en', 2, 'Absolutely brilliant support, the issue was fixed in five minutes. Thank you!'),
('en', 1, 'Good support, the fix works. Appreciate the quick reply.'),
('en', 0, 'How do I download last month''s invoice?'),
('en', -1, 'I have been waiting three days for an answer, not great.'),
('en', -2, 'Worst support ever. Refund me and close my account.'),
('de', 2, 'Hervorragender Service, das Problem war in fünf Minuten gelöst. Vielen Dank!'),
('de', 1, 'Guter Support, die Lösung funktioniert. Danke für die schnelle Antwort.'),
('de', 0, 'Wie kann ich die Rechnung vom letzten Monat herunterladen?'),
('de', -1, 'Ich warte seit drei Tagen auf eine Antwort, das ist ärgerlich.'),
('de', -2, 'Der schlechteste Service überhaupt. Ich will mein Geld zurück und kündige.'),
('fr', 2, 'Service génial, le problème a été réglé en cinq minutes. Merci beaucoup !'),
('fr', 1, 'Bon support, la correction fonctionne. Merci pour la réponse rapide.'),
('fr', 0, 'Comment puis-je télécharger la facture du mois dernier ?'),
('fr', -1, 'J''attends une réponse depuis trois jours, ce n''est pas terrible.'),
('fr', -2, 'Le pire service client. Remboursez-moi, je veux résilier mon abonnement.'),
('es', 2, 'Un soporte excelente, resolvieron el problema en cinco minutos. ¡Muchas gracias!'),
('es', 1, 'Buen soporte, la solución funciona. Gracias por la respuesta rápida.'),
('es', 0, '¿Cómo puedo descargar la factura del mes pasado?'),
('es', -1, 'Llevo tres días esperando una respuesta, no está bien.'),
('es', -2, 'El peor servicio que he tenido. Devuélvanme el dinero, me doy de baja.'),
('pt', 2, 'Atendimento excelente, resolveram o problema em cinco minutos. Muito obrigado!'),
('pt', 1, 'Bom suporte, a correção funciona. Obrigado pela resposta rápida.'),
('pt', 0, 'Como faço para baixar a fatura do mês passado?'),
('pt', -1, 'Estou esperando uma resposta há três dias, não está bom.'),
('pt', -2, 'Pior atendimento da vida. Quero meu dinheiro de volta, vou cancelar.'),
('it', 2, 'Assistenza fantastica, il problema è stato risolto in cinque minuti. Grazie mille!'),
('it', 1, 'Buon supporto, la soluzione funziona. Grazie per la risposta veloce.'),
('it', 0, 'Come posso scaricare la fattura del mese scorso?'),
('it', -1, 'Aspetto una risposta da tre giorni, non va bene.'),
('it', -2, 'Il peggior servizio di sempre. Rimborsatemi, voglio disdire l''abbonamento.'),
('nl', 2, 'Geweldige service, het probleem was binnen vijf minuten opgelost. Heel erg bedankt!'),
('nl', 1, 'Goede support, de oplossing werkt. Bedankt voor het snelle antwoord.'),
('nl', 0, 'Hoe kan ik de factuur van vorige maand downloaden?'),
('nl', -1, 'Ik wacht al drie dagen op een antwoord, niet best.'),
('nl', -2, 'Slechtste service ooit. Geef mijn geld terug, ik ga opzeggen.'),
('da', 2, 'Fantastisk support, problemet blev løst på fem minutter. Tusind tak!'),
('da', 1, 'God support, løsningen virker. Tak for det hurtige svar.'),
('da', 0, 'Hvordan downloader jeg fakturaen for sidste måned?'),
('da', -1, 'Jeg har ventet tre dage på et svar, det er ikke godt nok.'),
('da', -2, 'Den værste service nogensinde. Giv mig pengene tilbage, jeg vil opsige.'),
('sv', 2, 'Fantastisk support, problemet löstes på fem minuter. Stort tack!'),
('sv', 1, 'Bra support, lösningen fungerar. Tack för det snabba svaret.'),
('sv', 0, 'Hur laddar jag ner fakturan för förra månaden?'),
('sv', -1, 'Jag har väntat tre dagar på ett svar, det är inte bra.'),
('sv', -2, 'Sämsta servicen någonsin. Ge mig pengarna tillbaka, jag vill säga upp avtalet.'),
('pl', 2, 'Świetna obsługa, problem rozwiązany w pięć minut. Bardzo dziękuję!'),
('pl', 1, 'Dobre wsparcie, poprawka działa. Dziękuję za szybką odpowiedź.'),
('pl', 0, 'Jak mogę pobrać fakturę za zeszły miesiąc?'),
('pl', -1, 'Czekam na odpowiedź od trzech dni, to nie jest w porządku.'),
('pl', -2, 'Najgorsza obsługa w historii. Oddajcie pieniądze, rezygnuję.'),
('und', 2, '👍👍'),
('und', 1, 'ok merci'),
('und', 0, 'Спасибо, всё понятно'),
('und', -1, 'meh'),
('und', -2, '😡😡😡');

-- regions: their languages (equal shares) and a mood shift (the Nordics a little happier,
-- Poland a little less happy: a difference for the dashboard to find)
CREATE TEMP TABLE intl_regions (region text, langs text[], weight float8, shift float8) ON COMMIT DROP;
INSERT INTO intl_regions VALUES
('DACH', '{de}', 0.16, 0), ('France', '{fr}', 0.14, -0.02), ('Iberia', '{es}', 0.12, 0),
('LATAM', '{es,pt}', 0.14, 0.03), ('Italy', '{it}', 0.10, 0), ('Benelux', '{nl,fr}', 0.10, 0),
('Nordics', '{da,sv}', 0.10, 0.08), ('Poland', '{pl}', 0.06, -0.10), ('UK & Ireland', '{en}', 0.08, 0);

SELECT setseed(0.2026) AS seeded \gset

INSERT INTO feedback_intl (sent_at, region, channel, body, nps, csat)
WITH draws AS MATERIALIZED (
	SELECT i, random() AS r_region, random() AS r_lang, random() AS r_mood, random() AS r_und,
	       random() AS r_ch, floor(random() * 56)::int AS day, random() AS r_time,
	       random() AS r_answer, random() AS r_nps, random() AS r_csat
	FROM generate_series(1, 3000) i
), regions AS (
	SELECT region, langs, shift,
	       sum(weight) OVER (ORDER BY region) - weight AS lo, sum(weight) OVER (ORDER BY region) AS hi
	FROM intl_regions
), toned AS MATERIALIZED (
	SELECT d.*, r.region,
	       CASE WHEN d.r_und < 0.04 THEN 'und' ELSE r.langs[1 + floor(d.r_lang * cardinality(r.langs))::int] END AS lang,
	       CASE WHEN m < 0.08 THEN -2 WHEN m < 0.22 THEN -1 WHEN m < 0.45 THEN 0
	            WHEN m < 0.78 THEN 1 ELSE 2 END AS tone
	FROM draws d JOIN regions r ON d.r_region * (SELECT sum(weight) FROM intl_regions) >= r.lo
	                            AND d.r_region * (SELECT sum(weight) FROM intl_regions) < r.hi,
	     LATERAL (SELECT d.r_mood + r.shift AS m) mm
)
SELECT timestamptz '2026-01-05 00:00+00' + day * interval '1 day' + (7 + floor(r_time * 14)) * interval '1 hour',
       region,
       CASE WHEN r_ch < 0.5 THEN 'chat' WHEN r_ch < 0.8 THEN 'email' ELSE 'survey' END,
       p.body,
       CASE WHEN r_answer < 0.7 THEN
           CASE t.tone WHEN 2 THEN 9 + floor(r_nps * 2) WHEN 1 THEN 7 + floor(r_nps * 4)
                     WHEN 0 THEN 5 + floor(r_nps * 4) WHEN -1 THEN 2 + floor(r_nps * 5)
                     ELSE floor(r_nps * 4) END::int END,
       CASE WHEN r_answer < 0.7 THEN
           CASE t.tone WHEN 2 THEN 4 + floor(r_csat * 1.8) WHEN 1 THEN 4 + floor(r_csat * 1.3)
                     WHEN 0 THEN 3 + floor(r_csat * 2) WHEN -1 THEN 2 + floor(r_csat * 2)
                     ELSE 1 + floor(r_csat * 1.5) END::int END
FROM toned t JOIN intl_phrases p ON p.lang = t.lang AND p.tone = t.tone
ORDER BY day, r_time, i;

ANALYZE feedback_intl;
COMMIT;
