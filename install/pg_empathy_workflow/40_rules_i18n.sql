
-- the built-in rules in the languages other than English (25_rules_i18n.sql)
INSERT INTO escalation_rules (reason, phrase, language, severity, enabled, builtin)
	SELECT reason, phrase, language, severity, true, true FROM escalation_builtin_rules_i18n();
