-- Load the English development and own sets of the accuracy tests into one table
-- eval (dataset, gold, body, id): gold -1 negative, 0 neutral, 1 positive.
--   goemotions_dev  GoEmotions group dev, single-label positive / negative / neutral items
--   umsab_en_val    UMSAB English val (SemEval-2017 tweets)
--   own_feedback    test/data/feedback_labelled.tsv (the learned 'en' trained on it)
--   own_heldout     test/data/feedback_heldout.tsv (never trained or tuned on)
-- psql -v train=SHARED/data/train -v own=test/data/feedback_labelled.tsv \
--      -v heldout=test/data/feedback_heldout.tsv -f test/sql/load_english_eval.sql
-- Files are read as CSV with delimiter and quote characters that never occur, so each line
-- is one value with its backslashes and quotes as they are.
\set ON_ERROR_STOP 1
CREATE TABLE ge_in (line text);
\set f :train/goemotions/group/dev.tsv
COPY ge_in FROM :'f' WITH (FORMAT csv, DELIMITER E'\x02', QUOTE E'\x01');
-- group ids: 0 ambiguous, 1 negative, 2 neutral, 3 positive (goemotions/group/labels.txt)
CREATE TABLE eval (dataset text, gold int, body text, id serial);
INSERT INTO eval
SELECT 'goemotions_dev', CASE split_part(line, E'\t', 2) WHEN '1' THEN -1 WHEN '2' THEN 0 ELSE 1 END,
	   split_part(line, E'\t', 1)
FROM ge_in WHERE split_part(line, E'\t', 2) IN ('1', '2', '3');
CREATE TABLE um_text (n serial, body text);
CREATE TABLE um_label (n serial, label int);
\set f :train/umsab/english/val_text.txt
COPY um_text (body) FROM :'f' WITH (FORMAT csv, DELIMITER E'\x02', QUOTE E'\x01');
\set f :train/umsab/english/val_labels.txt
COPY um_label (label) FROM :'f' WITH (FORMAT csv, DELIMITER E'\x02', QUOTE E'\x01');
INSERT INTO eval SELECT 'umsab_en_val', l.label - 1, t.body FROM um_text t JOIN um_label l USING (n);
CREATE TABLE own_in (label text, category text, body text);
COPY own_in FROM :'own' WITH (FORMAT csv, DELIMITER E'\t', QUOTE E'\x01', HEADER true);
INSERT INTO eval
SELECT 'own_feedback', CASE label WHEN 'negative' THEN -1 WHEN 'neutral' THEN 0 ELSE 1 END, body FROM own_in;
-- held out: written apart from the training set, never trained or tuned on by any configuration
CREATE TABLE heldout_in (label text, category text, body text);
COPY heldout_in FROM :'heldout' WITH (FORMAT csv, DELIMITER E'\t', QUOTE E'\x01', HEADER true);
INSERT INTO eval
SELECT 'own_heldout', CASE label WHEN 'negative' THEN -1 WHEN 'neutral' THEN 0 ELSE 1 END, body FROM heldout_in;
