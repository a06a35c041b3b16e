-- The pg_empathy.* settings in PostgreSQL 15: when they exist, and when ALTER DATABASE/ROLE SET
-- checks their values.  They are defined by the library's _PG_init, so they exist in a session
-- from the first call of any C function of the extension (or from session start with
-- session_preload_libraries).  Each \c starts a session without the library.
SET client_min_messages = warning;
SELECT current_database() AS regress_db, current_user AS regress_user \gset
CREATE ROLE pge_guc_user LOGIN;
-- where the server asks for a password (pg_virtualenv in the Debian autopkgtest), the one in use
\getenv pge_password PGPASSWORD
\if :{?pge_password}
ALTER ROLE pge_guc_user PASSWORD :'pge_password';
\endif
\set VERBOSITY terse

-- a new session: nothing loaded, nothing in pg_settings
\c
SELECT count(*) AS before_first_use FROM pg_settings WHERE name LIKE 'pg_empathy.%';
-- without the library, a superuser's ALTER ROLE/DATABASE SET is stored unchecked (a placeholder)
ALTER ROLE pge_guc_user SET pg_empathy.negative_threshold = 'abc';
ALTER ROLE pge_guc_user SET pg_empathy.no_such_setting = '1';
SELECT setconfig FROM pg_db_role_setting WHERE setrole = 'pge_guc_user'::regrole;
-- ... and only warned about when a session of that role loads the library: the default holds
\c - pge_guc_user
SHOW pg_empathy.negative_threshold;
SELECT sentiment_score('fine') AS first_use;
SHOW pg_empathy.negative_threshold;
SHOW pg_empathy.no_such_setting;
-- a non-superuser cannot set a placeholder at all (42501) while the library is not loaded
\c - pge_guc_user
ALTER ROLE pge_guc_user SET pg_empathy.negative_threshold = '-0.5';
\c - :"regress_user"
ALTER ROLE pge_guc_user RESET ALL;

-- the first call of a C function (here an aggregate) registers every setting
\c
SELECT nps(v) FROM (VALUES (10), (3)) t(v);
SELECT name, setting, vartype, min_val, max_val, context FROM pg_settings
WHERE name IN ('pg_empathy.negative_threshold', 'pg_empathy.drop_threshold',
			   'pg_empathy.repeat_threshold', 'pg_empathy.escalation_min_severity') ORDER BY name;
-- from then on ALTER ROLE/DATABASE SET rejects bad values and unknown names
ALTER ROLE pge_guc_user SET pg_empathy.negative_threshold = 'abc';
ALTER ROLE pge_guc_user SET pg_empathy.negative_threshold = '7';
ALTER ROLE pge_guc_user SET pg_empathy.repeat_threshold = '1';
ALTER ROLE pge_guc_user SET pg_empathy.escalation_min_severity = 'high';
ALTER ROLE pge_guc_user SET pg_empathy.no_such_setting = '1';
ALTER DATABASE :"regress_db" SET pg_empathy.drop_threshold = '-1';
ALTER DATABASE :"regress_db" SET pg_empathy.negative_threshold = 'low';
SET pg_empathy.no_such_setting = '1';
-- and stores good ones, which the next session uses
ALTER DATABASE :"regress_db" SET pg_empathy.negative_threshold = '-0.3';
ALTER ROLE pge_guc_user SET pg_empathy.escalation_min_severity = '3';
-- also for a non-superuser, once the library is loaded (user settings are USERSET)
\c - pge_guc_user
SELECT sentiment_score('fine') AS first_use;
ALTER ROLE pge_guc_user SET pg_empathy.repeat_threshold = '3';
ALTER ROLE pge_guc_user SET pg_empathy.repeat_threshold = '0';
\c - pge_guc_user
-- -0.5423 is above the default -0.6 but at or below this database's -0.3; severity 1 < 3
SELECT e.escalate, e.severity, e.reasons, e.sentiment FROM escalation_check('this is bad') e;
SHOW pg_empathy.negative_threshold;
SHOW pg_empathy.escalation_min_severity;
SHOW pg_empathy.repeat_threshold;

-- session_preload_libraries: every session has the settings from its start, no call needed
\c - :"regress_user"
ALTER ROLE pge_guc_user SET session_preload_libraries = 'pg_empathy';
\c - pge_guc_user
SELECT count(*) AS at_session_start FROM pg_settings
WHERE name IN ('pg_empathy.negative_threshold', 'pg_empathy.drop_threshold',
			   'pg_empathy.repeat_threshold', 'pg_empathy.escalation_min_severity');
ALTER ROLE pge_guc_user SET pg_empathy.negative_threshold = 'abc';
ALTER ROLE pge_guc_user SET pg_empathy.negative_threshold = '-0.4';

\c - :"regress_user"
ALTER DATABASE :"regress_db" RESET pg_empathy.negative_threshold;
ALTER ROLE pge_guc_user RESET ALL;
DROP ROLE pge_guc_user;
