-- pg_empathy sample data: a deterministic customer-feedback table for demos and the README.
--
--   psql -f data/sample/feedback.sql
--
-- Creates table "feedback" (5,800 rows): 2,400 conversations over 8 weeks starting on
-- Monday 2026-01-05, in 4 regions (EMEA, NA, APAC, LATAM) and 3 channels (chat, email,
-- survey).  Each conversation has a customer message, an agent reply, sometimes a bot greeting
-- and sometimes a customer follow-up.  Customer rows may carry survey answers: NPS (0-10),
-- CSAT (1-5) and CES (1-7, higher = more effort), correlated with the tone of the text.
-- APAC has a real dip in week 6 (2026-02-09 .. 2026-02-15): an outage, angrier customers and
-- lower scores.  Plain SQL: it does not need pg_empathy.  Deterministic: setseed() and a
-- serial plan make every load produce the same rows.
\set ON_ERROR_STOP on

BEGIN;
SET LOCAL max_parallel_workers_per_gather = 0;	-- random() must be evaluated in one fixed order

CREATE TABLE feedback (
	id              bigserial PRIMARY KEY,
	conversation_id int NOT NULL,
	sent_at         timestamptz NOT NULL,
	region          text NOT NULL,
	channel         text NOT NULL,
	author          text NOT NULL CHECK (author IN ('customer', 'agent', 'bot')),
	body            text NOT NULL,
	nps             int CHECK (nps BETWEEN 0 AND 10),
	csat            int CHECK (csat BETWEEN 1 AND 5),
	ces             int CHECK (ces BETWEEN 1 AND 7)
);
COMMENT ON TABLE feedback IS 'pg_empathy sample: synthetic customer feedback (data/sample/feedback.sql)';

-- Customer sentences by tone: 2 delighted, 1 positive, 0 neutral, -1 negative, -2 angry.
CREATE TEMP TABLE sample_phrases (tone int, body text) ON COMMIT DROP;
INSERT INTO sample_phrases VALUES
(2, 'Absolutely brilliant support, the issue was fixed in five minutes. Thank you so much!'),
(2, 'Best customer service I have had in years. Maria went above and beyond.'),
(2, 'Wow, that was fast! Everything works perfectly now 😊'),
(2, 'I was ready to give up but your agent saved the day. Amazing job!'),
(2, 'Super helpful and friendly, I will definitely recommend you to my colleagues.'),
(2, 'Thanks a million, you made my week 🙏'),
(2, 'Love the new dashboard, and the onboarding call was excellent.'),
(2, 'Outstanding! Clear answers, no waiting, problem solved. ❤️'),
(2, 'Great experience from start to finish, really impressed.'),
(2, 'The refund arrived the same day. Fantastic service, thank you!'),
(1, 'Thanks, that answers my question.'),
(1, 'Good support, the fix works. Appreciate the quick reply.'),
(1, 'The agent was polite and helpful, issue resolved.'),
(1, 'Nice, the export works again. Thank you.'),
(1, 'Pretty happy with the outcome, it took a while but it is sorted.'),
(1, 'Helpful article, I found what I needed 👍'),
(1, 'All good now, thanks for checking in.'),
(1, 'Smooth process, the new invoice looks right.'),
(1, 'Thank you for the clear explanation.'),
(1, 'Works fine now. Good job.'),
(0, 'I would like to change the email address on my account.'),
(0, 'How do I download last month''s invoice?'),
(0, 'Please update my billing address to the new office.'),
(0, 'Is there an API limit on the starter plan?'),
(0, 'I have a question about the data retention settings.'),
(0, 'Can you tell me when the maintenance window is scheduled?'),
(0, 'Following up on ticket 4471, any news?'),
(0, 'We are moving to another team, please transfer the licence.'),
(0, 'Where can I find the API documentation for webhooks?'),
(0, 'The order number is in the subject line.'),
(-1, 'The app keeps logging me out, this is getting annoying.'),
(-1, 'I have been waiting three days for an answer.'),
(-1, 'The sync is slow again and nobody told us why.'),
(-1, 'Disappointed, the same bug came back after the update.'),
(-1, 'Your checkout page failed twice and charged me once. Not great.'),
(-1, 'The answer did not help, I still cannot export my reports 😕'),
(-1, 'It is confusing that the invoice shows a different amount.'),
(-1, 'Support was slow and I had to repeat myself.'),
(-1, 'The mobile app crashes whenever I upload a photo.'),
(-1, 'Not happy with the new pricing, it is unclear what we pay for.'),
(-2, 'This is unacceptable. I want to speak to a human, not a bot!'),
(-2, 'Your service has been down all day and nobody answers. I am cancelling my subscription.'),
(-2, 'Third time I am writing about this. Get me a real person NOW.'),
(-2, 'Terrible experience, I lost a whole day of work because of your outage 😡'),
(-2, 'If this is not fixed today we will cancel the contract and move to a competitor.'),
(-2, 'You charged me twice and the chatbot keeps sending me useless links. Transfer me to an agent!'),
(-2, 'Worst support ever. Refund me and close my account.'),
(-2, 'I am furious. The data is gone and nobody takes responsibility.'),
(-2, 'Stop sending me the same canned answer and escalate this to a manager.'),
(-2, 'Completely useless. I want a human being on the phone right now 🤬');

CREATE TEMP TABLE sample_agent (body text) ON COMMIT DROP;
INSERT INTO sample_agent VALUES
('Thanks for reaching out! I have looked into your account and fixed the setting.'),
('I am sorry for the trouble. I have escalated this to our engineers and will update you today.'),
('Thank you for your patience. The refund has been issued and should arrive in 3-5 days.'),
('Happy to help! Here is the link to the guide you asked about.'),
('I understand how frustrating this is. I am personally following up on your case.'),
('Apologies for the delay. The issue was caused by an outage that is now resolved.'),
('I have updated the details on your account. Is there anything else I can do?'),
('Thanks for the report, I could reproduce the bug and our team is on it.'),
('Sorry to hear that. I have credited your account for the downtime.'),
('Glad it works now! Have a great day.');

CREATE TEMP TABLE sample_bot (body text) ON COMMIT DROP;
INSERT INTO sample_bot VALUES
('Hi! I am the virtual assistant. How can I help you today?'),
('I found some articles that may help. Did this answer your question?'),
('Thanks for your message. An agent will be with you shortly.'),
('Please rate your experience after the conversation. 🙂');

SELECT setseed(0.2026) AS seeded \gset

INSERT INTO feedback (conversation_id, sent_at, region, channel, author, body, nps, csat, ces)
WITH conv AS MATERIALIZED (
	SELECT c,
	       (ARRAY['EMEA', 'NA', 'APAC', 'LATAM'])[1 + floor(random() * 4)::int] AS region,
	       CASE WHEN r_ch < 0.5 THEN 'chat' WHEN r_ch < 0.8 THEN 'email' ELSE 'survey' END AS channel,
	       day, r_mood, r_time, r_answer, r_followup, r_nps, r_csat, r_ces, r_phrase, r_agent
	FROM (SELECT c, random() AS r_ch, floor(random() * 56)::int AS day, random() AS r_mood,
	             random() AS r_time, random() AS r_answer, random() AS r_followup,
	             random() AS r_nps, random() AS r_csat, random() AS r_ces,
	             random() AS r_phrase, random() AS r_agent
	      FROM generate_series(1, 2400) c) s
), toned AS MATERIALIZED (
	SELECT conv.*,
	       -- mood in [0, 1), shifted down by the APAC outage in week 6 (days 35-41)
	       CASE WHEN m < 0.07 THEN -2 WHEN m < 0.20 THEN -1 WHEN m < 0.45 THEN 0
	            WHEN m < 0.78 THEN 1 ELSE 2 END AS tone,
	       timestamptz '2026-01-05 00:00+00' + day * interval '1 day'
	         + (7 + floor(r_time * 14)) * interval '1 hour' + (floor(r_time * 3600)::int % 60) * interval '1 minute' AS t0
	FROM conv,
	     LATERAL (SELECT r_mood - CASE WHEN region = 'APAC' AND day BETWEEN 35 AND 41 THEN 0.40 ELSE 0 END
	                     + CASE region WHEN 'NA' THEN 0.03 WHEN 'LATAM' THEN -0.02 ELSE 0 END AS m) mm
), answers AS MATERIALIZED (
	SELECT toned.*,
	       -- survey answers follow the tone; channel "survey" always answers, others 70% of the time
	       (channel = 'survey' OR r_answer < 0.70) AS answered,
	       CASE tone WHEN 2 THEN 9 + floor(r_nps * 2) WHEN 1 THEN 7 + floor(r_nps * 4)
	                 WHEN 0 THEN 5 + floor(r_nps * 4) WHEN -1 THEN 2 + floor(r_nps * 5)
	                 ELSE floor(r_nps * 4) END::int AS nps,
	       CASE tone WHEN 2 THEN 4 + floor(r_csat * 1.8) WHEN 1 THEN 4 + floor(r_csat * 1.3)
	                 WHEN 0 THEN 3 + floor(r_csat * 2) WHEN -1 THEN 2 + floor(r_csat * 2)
	                 ELSE 1 + floor(r_csat * 1.5) END::int AS csat,
	       CASE tone WHEN 2 THEN 1 + floor(r_ces * 2) WHEN 1 THEN 2 + floor(r_ces * 2)
	                 WHEN 0 THEN 3 + floor(r_ces * 2) WHEN -1 THEN 4 + floor(r_ces * 3)
	                 ELSE 6 + floor(r_ces * 2) END::int AS ces
	FROM toned
), phrases AS (
	SELECT tone, array_agg(body ORDER BY body) AS bodies FROM sample_phrases GROUP BY tone
), msgs AS (
	-- bot greeting on chat
	SELECT a.c, a.t0 - interval '1 minute' AS sent_at, a.region, a.channel, 'bot' AS author,
	       (SELECT array_agg(body ORDER BY body) FROM sample_bot)[1 + floor(a.r_agent * 4)::int] AS body,
	       NULL::int AS nps, NULL::int AS csat, NULL::int AS ces, 1 AS ord
	FROM answers a WHERE a.channel = 'chat'
	UNION ALL
	-- the customer's message, with the survey answers if given
	SELECT a.c, a.t0, a.region, a.channel, 'customer',
	       p.bodies[1 + floor(a.r_phrase * array_length(p.bodies, 1))::int],
	       CASE WHEN a.answered THEN a.nps END, CASE WHEN a.answered THEN a.csat END,
	       CASE WHEN a.answered AND a.channel <> 'email' THEN a.ces END, 2
	FROM answers a JOIN phrases p ON p.tone = a.tone
	UNION ALL
	-- the agent's reply (surveys get none)
	SELECT a.c, a.t0 + (3 + floor(a.r_agent * 240)) * interval '1 minute', a.region, a.channel, 'agent',
	       (SELECT array_agg(body ORDER BY body) FROM sample_agent)[1 + floor(a.r_agent * 10)::int],
	       NULL, NULL, NULL, 3
	FROM answers a WHERE a.channel <> 'survey'
	UNION ALL
	-- an upset customer often writes again, a third of them angrier than before
	SELECT a.c, a.t0 + (250 + floor(a.r_followup * 600)) * interval '1 minute', a.region, a.channel, 'customer',
	       p.bodies[1 + floor(a.r_followup * array_length(p.bodies, 1))::int], NULL, NULL, NULL, 4
	FROM answers a JOIN phrases p ON p.tone = CASE WHEN a.r_followup < 0.35 THEN -2 ELSE a.tone END
	WHERE a.channel <> 'survey' AND a.tone < 0 AND a.r_followup < 0.7
)
SELECT c, sent_at, region, channel, author, body, nps, csat, ces
FROM msgs ORDER BY sent_at, c, ord;

ANALYZE feedback;
COMMIT;
