-- Sample support conversations for the escalation walkthrough (README, "Escalation checks
-- and human handoff").  Needs CREATE EXTENSION pg_empathy.  Creates and fills
-- support_messages (same columns as the feedback table's conversation part) with a trigger
-- that hands escalating messages off to escalation_queue.
--   psql -f data/sample/conversations.sql
DROP TABLE IF EXISTS support_messages;
CREATE TABLE support_messages (
	id              bigserial PRIMARY KEY,
	conversation_id int         NOT NULL,
	sent_at         timestamptz NOT NULL,
	author          text        NOT NULL CHECK (author IN ('customer', 'agent', 'bot')),
	body            text        NOT NULL
);
-- only customers' messages are handed off: agents and bots say "cancel" and "escalate" too
CREATE TRIGGER support_messages_escalation
	AFTER INSERT OR UPDATE ON support_messages
	FOR EACH ROW WHEN (NEW.author = 'customer')
	EXECUTE FUNCTION escalation_trigger('body');
-- a WHEN (NEW...) trigger cannot fire on DELETE: this one withdraws the entries of deleted rows
CREATE TRIGGER support_messages_escalation_delete
	AFTER DELETE ON support_messages
	FOR EACH ROW EXECUTE FUNCTION escalation_trigger('body');

INSERT INTO support_messages (conversation_id, sent_at, author, body) VALUES
	-- 101: a calm question
	(101, '2026-03-02 09:00', 'customer', 'Hi! Can I add a second user to my plan?'),
	(101, '2026-03-02 09:01', 'bot', 'Yes: go to Settings, then Users, then Add user.'),
	(101, '2026-03-02 09:02', 'customer', 'Found it, thanks a lot!'),
	-- 102: the bot loops, the customer repeats the question and sours
	(102, '2026-03-02 10:00', 'customer', 'Hello, thanks for the quick delivery, love it! How do I pair the headphones?'),
	(102, '2026-03-02 10:01', 'bot', 'Hold the power button for five seconds to pair.'),
	(102, '2026-03-02 10:03', 'customer', 'Did that. How do I pair the headphones?'),
	(102, '2026-03-02 10:04', 'bot', 'Hold the power button for five seconds to pair.'),
	(102, '2026-03-02 10:05', 'customer', 'This is useless and frustrating. How do I pair the headphones??'),
	-- 103: a churn threat after a double charge
	(103, '2026-03-02 11:00', 'customer', 'I was charged twice this month.'),
	(103, '2026-03-02 11:02', 'agent', 'Sorry about that, I can see both charges. One will be refunded in 3 days.'),
	(103, '2026-03-02 11:05', 'customer', 'Three days? If it is not back tomorrow I will cancel and file a chargeback.'),
	-- 104: safety
	(104, '2026-03-02 12:00', 'customer', 'The charger you sent caught fire on my desk last night.'),
	-- 105: tricky calm ones
	(105, '2026-03-02 13:00', 'customer', 'Our human resources team needs copies of the invoices.'),
	(105, '2026-03-02 13:02', 'customer', 'I''m not going to cancel, I just want to understand the fee.');
