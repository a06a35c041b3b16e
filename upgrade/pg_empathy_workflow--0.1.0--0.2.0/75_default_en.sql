-- 'en' is the learned scorer in 0.2.0 and the rule-based scorer is 'en-rules' (issue 15):
-- escalation checks given no configuration keep the rules, on which pg_empathy.negative_threshold
-- was calibrated (install/pg_empathy_workflow/30_escalation.sql).
COMMENT ON FUNCTION escalation_check(text) IS 'escalation check of one message with the rule configuration ''en-rules'' (the negative threshold is calibrated on its compound) and pg_empathy.negative_threshold';
