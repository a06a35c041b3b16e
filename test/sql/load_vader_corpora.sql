-- Load the VADER 3.3.2 ground-truth corpora and reference scores from ../shared.
-- psql -v shared=/path/to/shared/data/vader -f test/sql/load_vader_corpora.sql
-- The corpora are read as CSV with a quote character that never occurs, so backslashes and
-- quotes in the texts stay as they are (text-format COPY would interpret backslashes).
\set ON_ERROR_STOP 1
DROP TABLE IF EXISTS vader_corpus, vader_reference, vader_edge_cases;
CREATE TABLE vader_corpus (dataset text, id text, rating float8, body text);
CREATE TEMP TABLE corpus_in (id text, rating float8, body text);

\set f :shared/tweets_GroundTruth.txt
COPY corpus_in FROM :'f' WITH (FORMAT csv, DELIMITER E'\t', QUOTE E'\x01');
INSERT INTO vader_corpus SELECT 'tweets', * FROM corpus_in; TRUNCATE corpus_in;
\set f :shared/movieReviewSnippets_GroundTruth.txt
COPY corpus_in FROM :'f' WITH (FORMAT csv, DELIMITER E'\t', QUOTE E'\x01');
INSERT INTO vader_corpus SELECT 'movieReviewSnippets', * FROM corpus_in; TRUNCATE corpus_in;
\set f :shared/amazonReviewSnippets_GroundTruth.txt
COPY corpus_in FROM :'f' WITH (FORMAT csv, DELIMITER E'\t', QUOTE E'\x01');
INSERT INTO vader_corpus SELECT 'amazonReviewSnippets', * FROM corpus_in; TRUNCATE corpus_in;
\set f :shared/nytEditorialSnippets_GroundTruth.txt
COPY corpus_in FROM :'f' WITH (FORMAT csv, DELIMITER E'\t', QUOTE E'\x01');
INSERT INTO vader_corpus SELECT 'nytEditorialSnippets', * FROM corpus_in; TRUNCATE corpus_in;

CREATE TABLE vader_reference (dataset text, id text, neg float8, neu float8, pos float8, compound float8);
\set f :shared/reference_scores.tsv
COPY vader_reference FROM :'f' WITH (FORMAT text, HEADER true);

CREATE TABLE vader_edge_cases (case_id text, note text, body text, neg float8, neu float8, pos float8, compound float8);
\set f :shared/reference_edge_cases.tsv
COPY vader_edge_cases FROM :'f' WITH (FORMAT text, HEADER true);
