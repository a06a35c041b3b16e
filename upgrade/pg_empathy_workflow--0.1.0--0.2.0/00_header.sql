-- complain if script is sourced in psql, rather than via ALTER EXTENSION
\echo Use "ALTER EXTENSION pg_empathy_workflow UPDATE TO '0.2.0'" to load this file. \quit

-- From the objects adopted by pg_empathy_workflow--0.1.0.sql (pg_empathy 0.1.0's escalation
-- objects) to pg_empathy_workflow 0.2.0.  Each area adds its changes as a part of its own.
