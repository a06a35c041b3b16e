
-- ---------------------------------------------------------------------------
-- escalation checks and human handoff
-- ---------------------------------------------------------------------------

CREATE TYPE escalation AS (
	escalate  boolean,
	severity  int,
	reasons   text[],
	matched   text[],
	sentiment float8
);
COMMENT ON TYPE escalation IS 'result of escalation_check(): whether to hand off, severity 0-3, reason codes, the phrases or signals that fired, and the compound sentiment';

CREATE TYPE escalation_conversation AS (
	escalate             boolean,
	severity             int,
	reasons              text[],
	matched              text[],
	sentiment            float8,
	messages             int,
	customer_messages    int,
	first_sentiment      float8,
	last_sentiment       float8,
	min_sentiment        float8,
	largest_drop         float8,
	longest_negative_run int
);
COMMENT ON TYPE escalation_conversation IS 'result of conversation_escalation(): the escalation fields for a whole conversation plus the customer''s sentiment trajectory';

-- The rules.  Built-in rows (builtin = true) come from escalation_builtin_rules(); teams add
-- their own rows, disable built-in ones, and re-enable them with plain SQL.  A user row
-- (builtin = false) with the same language, reason and phrase as a built-in row overrides
-- it (its enabled and severity win): that is how a change to a built-in rule survives
-- pg_dump, which keeps only the user rows (the built-in ones come back with CREATE EXTENSION).
CREATE TABLE escalation_rules (
	reason   text    NOT NULL CHECK (reason IN ('negative_sentiment', 'sentiment_drop',
						'human_request', 'churn_risk', 'legal_threat', 'repeat_contact',
						'ai_failure', 'abuse', 'safety', 'urgency')),
	phrase   text    NOT NULL CHECK (btrim(phrase) <> ''),
	language text    NOT NULL DEFAULT 'en',
	severity int     NOT NULL DEFAULT 2 CHECK (severity BETWEEN 0 AND 3),
	enabled  boolean NOT NULL DEFAULT true,
	builtin  boolean NOT NULL DEFAULT false,
	PRIMARY KEY (language, reason, phrase, builtin)
);
COMMENT ON TABLE escalation_rules IS 'phrases that escalate a message, matched on the scorer''s normalised words with negation; severity 0 marks an exception phrase that stops overlapping matches of its reason';
COMMENT ON COLUMN escalation_rules.reason IS 'reason code the phrase fires';
COMMENT ON COLUMN escalation_rules.phrase IS 'words to match, tokenised like the scorer does (case, edge punctuation and curly apostrophes do not matter)';
COMMENT ON COLUMN escalation_rules.language IS 'language of the scoring configuration the rule applies to (sentiment_configs().language)';
COMMENT ON COLUMN escalation_rules.severity IS '1 low, 2 medium, 3 high; 0 = exception phrase (e.g. "human resources" for human_request)';
COMMENT ON COLUMN escalation_rules.enabled IS 'false switches the rule off without deleting it';
COMMENT ON COLUMN escalation_rules.builtin IS 'true for rows shipped with pg_empathy (not dumped by pg_dump); false for your own';

-- Only user rows are dumped: built-in rows are recreated by CREATE EXTENSION.
SELECT pg_catalog.pg_extension_config_dump('escalation_rules', 'WHERE NOT builtin');

-- Everyone may read the rules: escalation_check() reads them as the calling user, and they
-- are not secret.  Editing them is for the owner and those it grants to.
REVOKE ALL ON escalation_rules FROM PUBLIC;
GRANT SELECT ON escalation_rules TO PUBLIC;

CREATE FUNCTION escalation_builtin_rules(OUT reason text, OUT phrase text, OUT severity int)
	RETURNS SETOF record
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
	AS $rules$
	VALUES
	-- human_request
	('human_request', 'speak to a human', 2), ('human_request', 'talk to a human', 2),
	('human_request', 'speak with a human', 2), ('human_request', 'talk with a human', 2),
	('human_request', 'chat with a human', 2), ('human_request', 'get a human', 2),
	('human_request', 'get me a human', 2), ('human_request', 'give me a human', 2),
	('human_request', 'get me a person', 2), ('human_request', 'get me someone', 2),
	('human_request', 'let me speak to', 2), ('human_request', 'let me talk to', 2),
	('human_request', 'need a human', 2), ('human_request', 'want a human', 2),
	('human_request', 'a real person', 2), ('human_request', 'real human', 2),
	('human_request', 'actual person', 2), ('human_request', 'actual human', 2),
	('human_request', 'human being', 2), ('human_request', 'human agent', 2),
	('human_request', 'live agent', 2), ('human_request', 'live person', 2),
	('human_request', 'speak to someone', 2), ('human_request', 'talk to someone', 2),
	('human_request', 'speak to a person', 2), ('human_request', 'talk to a person', 2),
	('human_request', 'speak to an agent', 2), ('human_request', 'talk to an agent', 2),
	('human_request', 'speak to a representative', 2), ('human_request', 'talk to a representative', 2),
	('human_request', 'need a representative', 2), ('human_request', 'want a representative', 2),
	('human_request', 'speak to a manager', 2), ('human_request', 'talk to a manager', 2),
	('human_request', 'speak to your manager', 2), ('human_request', 'your supervisor', 2),
	('human_request', 'a supervisor', 2), ('human_request', 'escalate', 2),
	('human_request', 'transfer me', 2), ('human_request', 'connect me to', 2),
	('human_request', 'put me through', 2), ('human_request', 'call me back', 2),
	('human_request', 'someone call me', 2), ('human_request', 'operator', 2),
	('human_request', 'agent please', 2), ('human_request', 'human please', 2),
	('human_request', 'human resources', 0), ('human_request', 'human error', 0),
	('human_request', 'human rights', 0),
	-- churn_risk
	('churn_risk', 'cancel', 2), ('churn_risk', 'cancelling', 2), ('churn_risk', 'canceling', 2),
	('churn_risk', 'cancellation', 2), ('churn_risk', 'close my account', 2),
	('churn_risk', 'closing my account', 2), ('churn_risk', 'delete my account', 2),
	('churn_risk', 'terminate my contract', 2), ('churn_risk', 'end my subscription', 2),
	('churn_risk', 'unsubscribe', 2), ('churn_risk', 'switch to another', 2),
	('churn_risk', 'switching to another', 2), ('churn_risk', 'switch to a competitor', 2),
	('churn_risk', 'switching providers', 2), ('churn_risk', 'switch providers', 2),
	('churn_risk', 'take my business elsewhere', 3), ('churn_risk', 'taking my business elsewhere', 3),
	('churn_risk', 'go elsewhere', 2), ('churn_risk', 'going elsewhere', 2),
	('churn_risk', 'competitor', 2), ('churn_risk', 'competitors', 2),
	('churn_risk', 'leaving you', 2), ('churn_risk', 'leave your service', 2),
	('churn_risk', 'never buy', 2), ('churn_risk', 'never again', 2),
	('churn_risk', 'never order', 2), ('churn_risk', 'never ordering', 2),
	('churn_risk', 'chargeback', 3), ('churn_risk', 'dispute the charge', 3),
	('churn_risk', 'lost a customer', 3), ('churn_risk', 'lost my business', 3),
	('churn_risk', 'done with you', 2), ('churn_risk', 'done with this company', 2),
	('churn_risk', 'not renewing', 2), ('churn_risk', 'won''t renew', 2),
	('churn_risk', 'won''t be renewing', 2), ('churn_risk', 'another provider', 2),
	('churn_risk', 'looking for alternatives', 2), ('churn_risk', 'find another company', 2),
	('churn_risk', 'port my number', 2), ('churn_risk', 'cancel my order', 0),
	-- legal_threat
	('legal_threat', 'lawyer', 3), ('legal_threat', 'lawyers', 3), ('legal_threat', 'attorney', 3),
	('legal_threat', 'solicitor', 3), ('legal_threat', 'lawsuit', 3), ('legal_threat', 'sue you', 3),
	('legal_threat', 'sue your', 3), ('legal_threat', 'suing you', 3), ('legal_threat', 'sue the', 3),
	('legal_threat', 'take you to court', 3), ('legal_threat', 'taking you to court', 3),
	('legal_threat', 'see you in court', 3), ('legal_threat', 'small claims', 3),
	('legal_threat', 'legal action', 3), ('legal_threat', 'legal proceedings', 3),
	('legal_threat', 'class action', 3), ('legal_threat', 'consumer protection', 3),
	('legal_threat', 'report you to', 2), ('legal_threat', 'better business bureau', 2),
	('legal_threat', 'bbb', 2), ('legal_threat', 'trading standards', 2),
	('legal_threat', 'ombudsman', 2), ('legal_threat', 'regulator', 2),
	('legal_threat', 'attorney general', 3), ('legal_threat', 'cease and desist', 3),
	('legal_threat', 'breach of contract', 3),
	-- repeat_contact
	('repeat_contact', 'already contacted', 2), ('repeat_contact', 'already called', 2),
	('repeat_contact', 'already emailed', 2), ('repeat_contact', 'already asked', 2),
	('repeat_contact', 'already told you', 2), ('repeat_contact', 'already explained', 2),
	('repeat_contact', 'called three times', 2), ('repeat_contact', 'called twice', 2),
	('repeat_contact', 'emailed twice', 2), ('repeat_contact', 'third time', 2),
	('repeat_contact', 'fourth time', 2), ('repeat_contact', 'fifth time', 2),
	('repeat_contact', 'umpteenth time', 2), ('repeat_contact', 'again and again', 2),
	('repeat_contact', 'keep asking', 2), ('repeat_contact', 'keep calling', 2),
	('repeat_contact', 'keep telling', 2), ('repeat_contact', 'still waiting', 2),
	('repeat_contact', 'still not fixed', 2), ('repeat_contact', 'still not resolved', 2),
	('repeat_contact', 'still haven''t', 2), ('repeat_contact', 'still no', 2),
	('repeat_contact', 'still broken', 2), ('repeat_contact', 'how many times', 2),
	('repeat_contact', 'same issue again', 2), ('repeat_contact', 'same problem again', 2),
	('repeat_contact', 'following up', 2), ('repeat_contact', 'follow up on my', 2),
	('repeat_contact', 'contacted you before', 2), ('repeat_contact', 'multiple times', 2),
	('repeat_contact', 'several times', 2), ('repeat_contact', 'many times', 2),
	('repeat_contact', 'reopened', 2), ('repeat_contact', 'times now', 2),
	-- ai_failure
	('ai_failure', 'didn''t help', 2), ('ai_failure', 'did not help', 2),
	('ai_failure', 'doesn''t help', 2), ('ai_failure', 'does not help', 2),
	('ai_failure', 'not helpful', 2), ('ai_failure', 'wasn''t helpful', 2),
	('ai_failure', 'unhelpful', 2), ('ai_failure', 'no help', 2),
	('ai_failure', 'useless bot', 2), ('ai_failure', 'stupid bot', 2), ('ai_failure', 'the bot', 2),
	('ai_failure', 'your bot', 2), ('ai_failure', 'chatbot', 2), ('ai_failure', 'chat bot', 2),
	('ai_failure', 'automated response', 2), ('ai_failure', 'automated answer', 2),
	('ai_failure', 'canned response', 2), ('ai_failure', 'copy paste', 2),
	('ai_failure', 'scripted answer', 2), ('ai_failure', 'not what i asked', 2),
	('ai_failure', 'didn''t answer', 2), ('ai_failure', 'did not answer', 2),
	('ai_failure', 'doesn''t answer', 2), ('ai_failure', 'does not answer', 2),
	('ai_failure', 'not answering my question', 2), ('ai_failure', 'you don''t understand', 2),
	('ai_failure', 'you do not understand', 2), ('ai_failure', 'same answer', 2),
	('ai_failure', 'same response', 2), ('ai_failure', 'makes no sense', 2),
	('ai_failure', 'not my question', 2), ('ai_failure', 'wrong answer', 2),
	('ai_failure', 'talking to a robot', 2), ('ai_failure', 'are you a robot', 2),
	('ai_failure', 'you''re a robot', 2), ('ai_failure', 'read my message', 2),
	-- abuse
	('abuse', 'idiot', 3), ('abuse', 'idiots', 3), ('abuse', 'moron', 3), ('abuse', 'morons', 3),
	('abuse', 'shut up', 3), ('abuse', 'screw you', 3), ('abuse', 'fuck', 3),
	('abuse', 'fucking', 3), ('abuse', 'fuck you', 3), ('abuse', 'shit', 2),
	('abuse', 'bullshit', 2), ('abuse', 'asshole', 3), ('abuse', 'bastard', 3),
	('abuse', 'bastards', 3), ('abuse', 'bitch', 3), ('abuse', 'damn you', 3),
	('abuse', 'go to hell', 3), ('abuse', 'piss off', 3), ('abuse', 'scum', 3),
	('abuse', 'kill you', 3), ('abuse', 'hurt you', 3), ('abuse', 'where you live', 3),
	('abuse', 'incompetent fools', 3), ('abuse', 'clowns', 2),
	-- safety
	('safety', 'caught fire', 3), ('safety', 'on fire', 3), ('safety', 'fire hazard', 3),
	('safety', 'started a fire', 3), ('safety', 'set fire', 3), ('safety', 'flames', 3),
	('safety', 'smoke', 3), ('safety', 'smoking', 3), ('safety', 'burning smell', 3),
	('safety', 'smells like burning', 3), ('safety', 'overheating', 3),
	('safety', 'overheated', 3), ('safety', 'exploded', 3), ('safety', 'explode', 3),
	('safety', 'sparks', 3), ('safety', 'sparking', 3), ('safety', 'electric shock', 3),
	('safety', 'shocked me', 3), ('safety', 'electrocuted', 3), ('safety', 'injured', 3),
	('safety', 'injury', 3), ('safety', 'hurt myself', 3), ('safety', 'burned my', 3),
	('safety', 'burnt my', 3), ('safety', 'choking', 3), ('safety', 'choked', 3),
	('safety', 'allergic reaction', 3), ('safety', 'food poisoning', 3),
	('safety', 'hospital', 3), ('safety', 'emergency room', 3), ('safety', 'ambulance', 3),
	('safety', 'gas leak', 3), ('safety', 'carbon monoxide', 3), ('safety', 'unsafe', 3),
	('safety', 'dangerous', 3), ('safety', 'suicide', 3), ('safety', 'kill myself', 3),
	('safety', 'self-harm', 3), ('safety', 'self harm', 3), ('safety', 'want to die', 3),
	('safety', 'end my life', 3), ('safety', 'threatened me', 3), ('safety', 'assaulted', 3),
	('safety', 'harassed', 3), ('safety', 'bleeding', 3), ('safety', 'smoke alarm', 0),
	-- urgency
	('urgency', 'urgent', 2), ('urgency', 'urgently', 2), ('urgency', 'asap', 2),
	('urgency', 'emergency', 2), ('urgency', 'immediately', 2), ('urgency', 'right now', 2),
	('urgency', 'right away', 2), ('urgency', 'as soon as possible', 2),
	('urgency', 'time sensitive', 2), ('urgency', 'time-sensitive', 2), ('urgency', 'deadline', 2),
	('urgency', 'losing money', 2), ('urgency', 'losing customers', 2),
	('urgency', 'business is down', 3), ('urgency', 'site is down', 3),
	('urgency', 'website is down', 3), ('urgency', 'system is down', 3),
	('urgency', 'production is down', 3), ('urgency', 'outage', 2),
	('urgency', 'locked out', 2), ('urgency', 'no power', 2), ('urgency', 'no internet', 2),
	('urgency', 'no heat', 2), ('urgency', 'no water', 2), ('urgency', 'stranded', 2),
	('urgency', 'fraud', 3), ('urgency', 'fraudulent', 3), ('urgency', 'unauthorized charge', 3),
	('urgency', 'unauthorised charge', 3), ('urgency', 'stolen', 3), ('urgency', 'hacked', 3),
	('urgency', 'compromised', 3)
	$rules$;
COMMENT ON FUNCTION escalation_builtin_rules() IS 'the English rules shipped with this pg_empathy version (the built-in rows of escalation_rules)';

INSERT INTO escalation_rules (reason, phrase, language, severity, enabled, builtin)
	SELECT reason, phrase, 'en', severity, true, true FROM escalation_builtin_rules();


CREATE FUNCTION escalation_rules_changed() RETURNS trigger
	AS 'MODULE_PATHNAME', 'escalation_rules_changed'
	LANGUAGE C;  -- VOLATILE (default): it queues a cache invalidation
COMMENT ON FUNCTION escalation_rules_changed() IS 'statement trigger on escalation_rules: invalidates every backend''s rules cache';

CREATE TRIGGER escalation_rules_changed
	AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON escalation_rules
	FOR EACH STATEMENT EXECUTE FUNCTION escalation_rules_changed();
COMMENT ON TRIGGER escalation_rules_changed ON escalation_rules IS 'sends a relcache invalidation for escalation_rules so every backend reloads its rules cache';

-- The checks read escalation_rules (through the per-backend cache) and the pg_empathy.*
-- settings, so they are STABLE, not IMMUTABLE.  Reading a table is allowed in parallel
-- workers, and the settings are passed on to them: PARALLEL SAFE.

CREATE FUNCTION escalation_check(message text) RETURNS escalation
	AS 'MODULE_PATHNAME', 'escalation_check'
	LANGUAGE C STABLE STRICT PARALLEL SAFE;  -- STABLE: reads escalation_rules and pg_empathy.* settings
COMMENT ON FUNCTION escalation_check(text) IS 'escalation check of one message with the rule configuration ''en-rules'' (the negative threshold is calibrated on its compound) and pg_empathy.negative_threshold';

CREATE FUNCTION escalation_check(message text, config text) RETURNS escalation
	AS 'MODULE_PATHNAME', 'escalation_check'
	LANGUAGE C STABLE STRICT PARALLEL SAFE;  -- STABLE: reads escalation_rules and pg_empathy.* settings
COMMENT ON FUNCTION escalation_check(text, text) IS 'escalation check of one message with the named scoring configuration and pg_empathy.negative_threshold';

CREATE FUNCTION escalation_check(message text, config text, negative_threshold float8) RETURNS escalation
	AS 'MODULE_PATHNAME', 'escalation_check'
	LANGUAGE C STABLE STRICT PARALLEL SAFE;  -- STABLE: reads escalation_rules and pg_empathy.* settings
COMMENT ON FUNCTION escalation_check(text, text, float8) IS 'escalation check of one message with the named configuration and this negative_sentiment threshold (compound at or below it)';

-- conversation_escalation: the transition state is a C struct (internal) holding the
-- trajectory and the word sets of earlier messages.  Its result depends on message order
-- (ORDER BY sent_at), and PostgreSQL never runs an aggregate with ORDER BY in partial mode,
-- so there is no combine function: merging two halves of a conversation would have no
-- meaning.  PARALLEL SAFE still lets the rest of such a query run in parallel.
CREATE FUNCTION escalation_conv_trans(internal, text) RETURNS internal
	AS 'MODULE_PATHNAME', 'escalation_conv_trans'
	LANGUAGE C STABLE PARALLEL SAFE;  -- STABLE: reads escalation_rules and pg_empathy.* settings
COMMENT ON FUNCTION escalation_conv_trans(internal, text) IS 'transition function of conversation_escalation(text)';

CREATE FUNCTION escalation_conv_trans(internal, text, text) RETURNS internal
	AS 'MODULE_PATHNAME', 'escalation_conv_trans'
	LANGUAGE C STABLE PARALLEL SAFE;  -- STABLE: reads escalation_rules and pg_empathy.* settings
COMMENT ON FUNCTION escalation_conv_trans(internal, text, text) IS 'transition function of conversation_escalation(text, text)';

CREATE FUNCTION escalation_conv_trans(internal, text, text, text, float8, float8, int) RETURNS internal
	AS 'MODULE_PATHNAME', 'escalation_conv_trans'
	LANGUAGE C STABLE PARALLEL SAFE;  -- STABLE: reads escalation_rules and pg_empathy.* settings
COMMENT ON FUNCTION escalation_conv_trans(internal, text, text, text, float8, float8, int) IS 'transition function of conversation_escalation(text, text, text, float8, float8, int)';

CREATE FUNCTION escalation_conv_final(internal) RETURNS escalation_conversation
	AS 'MODULE_PATHNAME', 'escalation_conv_final'
	LANGUAGE C STABLE PARALLEL SAFE;  -- STABLE: reads pg_empathy.escalation_min_severity
COMMENT ON FUNCTION escalation_conv_final(internal) IS 'final function of conversation_escalation()';

CREATE AGGREGATE conversation_escalation(message text) (
	SFUNC = escalation_conv_trans, STYPE = internal,
	FINALFUNC = escalation_conv_final, PARALLEL = SAFE
);
COMMENT ON AGGREGATE conversation_escalation(text) IS 'escalation check of a conversation (use ORDER BY sent_at); every message counts as the customer''s';

CREATE AGGREGATE conversation_escalation(message text, author text) (
	SFUNC = escalation_conv_trans, STYPE = internal,
	FINALFUNC = escalation_conv_final, PARALLEL = SAFE
);
COMMENT ON AGGREGATE conversation_escalation(text, text) IS 'escalation check of a conversation (use ORDER BY sent_at); author is customer, agent or bot (NULL = customer)';

CREATE AGGREGATE conversation_escalation(message text, author text, config text,
										 negative_threshold float8, drop_threshold float8,
										 repeat_threshold int) (
	SFUNC = escalation_conv_trans, STYPE = internal,
	FINALFUNC = escalation_conv_final, PARALLEL = SAFE
);
COMMENT ON AGGREGATE conversation_escalation(text, text, text, float8, float8, int) IS 'escalation check of a conversation with its own configuration and thresholds (taken from the first row)';

-- ---------------------------------------------------------------------------
-- the handoff queue
-- ---------------------------------------------------------------------------

CREATE TABLE escalation_queue (
	id              bigserial   PRIMARY KEY,
	source          regclass,
	row_key         jsonb       NOT NULL,
	reasons         text[]      NOT NULL,
	matched         text[]      NOT NULL,
	severity        int         NOT NULL CHECK (severity BETWEEN 0 AND 3),
	sentiment       float8,
	language        text        NOT NULL,
	status          text        NOT NULL DEFAULT 'open'
					CHECK (status IN ('open', 'taken', 'resolved', 'withdrawn')),
	created_at      timestamptz NOT NULL DEFAULT now(),
	updated_at      timestamptz,
	taken_by        text,
	taken_at        timestamptz,
	resolved_by     text,
	resolved_at     timestamptz,
	outcome         text,
	corrected_label text        CHECK (corrected_label IN ('positive', 'neutral', 'negative')),
	corrected_score float8      CHECK (corrected_score BETWEEN -1 AND 1),
	corrected_by    text,
	corrected_at    timestamptz,
	correction_note text,
	-- added in 0.2.0 (at the end, as ALTER TABLE ADD COLUMN puts them on an upgrade)
	source_name     text        NOT NULL,
	source_column   text        NOT NULL
);
COMMENT ON TABLE escalation_queue IS 'messages handed off to humans by escalation_trigger(): one unresolved entry per source row and column';
COMMENT ON COLUMN escalation_queue.source IS 'table the escalated row is in (the partitioned table for a partition); NULL once that table is dropped';
COMMENT ON COLUMN escalation_queue.source_name IS 'schema-qualified name of the source table when the entry was last written (kept after DROP TABLE)';
COMMENT ON COLUMN escalation_queue.source_column IS 'the column escalation_trigger() checked (triggers on two columns of one table keep separate entries)';
COMMENT ON COLUMN escalation_queue.row_key IS 'the row''s primary key as {"column": "value as text", ...}; follows key changes while unresolved';
COMMENT ON COLUMN escalation_queue.status IS 'open (waiting), taken (an agent has it), resolved (an agent closed it), withdrawn (its row was deleted, calmed down or its table dropped)';
COMMENT ON COLUMN escalation_queue.outcome IS 'what the agent did, free text given to escalation_resolve(); for a withdrawn entry, why';
COMMENT ON COLUMN escalation_queue.corrected_label IS 'a human''s sentiment label for the message; reports prefer it (see escalation_review)';
COMMENT ON COLUMN escalation_queue.corrected_score IS 'a human''s compound score for the message; reports prefer it (see escalation_review)';

-- at most one unresolved entry per source row and column (escalation_trigger() upserts on it)
CREATE UNIQUE INDEX escalation_queue_row ON escalation_queue (source, source_column, row_key)
	WHERE status = ANY ('{open,taken}'::text[]);
COMMENT ON INDEX escalation_queue_row IS 'at most one unresolved entry per source row and column; escalation_trigger() upserts on it';
-- what escalation_take() scans
CREATE INDEX escalation_queue_open ON escalation_queue (severity DESC, id)
	WHERE status = 'open';
COMMENT ON INDEX escalation_queue_open IS 'open items in the order escalation_take() hands them out';
-- taken items, for pg_empathy.take_timeout
CREATE INDEX escalation_queue_taken ON escalation_queue (taken_at)
	WHERE status = 'taken';
COMMENT ON INDEX escalation_queue_taken IS 'taken items by age, for returning them to the queue after pg_empathy.take_timeout';

-- the queue is data: pg_dump keeps all of it
SELECT pg_catalog.pg_extension_config_dump('escalation_queue', '');
SELECT pg_catalog.pg_extension_config_dump('escalation_queue_id_seq', '');

-- Agents read the queue; they change it only through the functions below (SECURITY
-- DEFINER), which record who did what.  The trigger writes it with its owner's rights.
REVOKE ALL ON escalation_queue FROM PUBLIC;
REVOKE ALL ON SEQUENCE escalation_queue_id_seq FROM PUBLIC;

CREATE VIEW escalation_review AS
	SELECT q.*,
		   coalesce(q.corrected_label, sentiment_label(q.sentiment)) AS label,
		   coalesce(q.corrected_score, q.sentiment) AS score,
		   (q.corrected_label IS NOT NULL OR q.corrected_score IS NOT NULL) AS human_corrected
	FROM escalation_queue q;
COMMENT ON VIEW escalation_review IS 'the queue with the label and score reports should use: a human correction where there is one, else the machine''s';
REVOKE ALL ON escalation_review FROM PUBLIC;

