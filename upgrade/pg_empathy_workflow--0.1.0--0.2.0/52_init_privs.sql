-- A GRANT in an update script records the object's whole ACL as the extension's initial
-- privileges, so 51_security.sql's GRANT SELECT ON escalation_queue TO empathy_agent would also
-- record the grants users made under 0.1.0 (the 0.1.0 README told them to grant agents SELECT,
-- UPDATE), and pg_dump, which dumps only the difference to the initial privileges, would then
-- leave those grants out.  Record what a fresh install records instead.
UPDATE pg_catalog.pg_init_privs i
   SET initprivs = pg_catalog.acldefault('r', c.relowner)
				   OPERATOR(pg_catalog.||) pg_catalog.makeaclitem('empathy_agent'::pg_catalog.regrole, c.relowner, 'SELECT', false)
  FROM pg_catalog.pg_class c
 WHERE c.oid OPERATOR(pg_catalog.=) 'escalation_queue'::pg_catalog.regclass
   AND i.objoid OPERATOR(pg_catalog.=) c.oid
   AND i.classoid OPERATOR(pg_catalog.=) 'pg_catalog.pg_class'::pg_catalog.regclass
   AND i.objsubid OPERATOR(pg_catalog.=) 0
   AND i.privtype OPERATOR(pg_catalog.=) 'e';
