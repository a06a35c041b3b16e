-- inventory.sql: every property of the pg_empathy* extensions' objects that an upgrade could
-- get wrong, one line each, without OIDs, so that two databases can be compared with diff
-- (test/t/210_upgrade.sh: an upgraded database against a fresh install).
-- psql -qXAt -v ON_ERROR_STOP=1 -f test/upgrade/inventory.sql
WITH ext AS (
	SELECT e.oid, e.extname, e.extnamespace FROM pg_extension e WHERE e.extname LIKE 'pg_empathy%'
), mem AS (
	SELECT x.extname, d.classid, d.objid, pg_describe_object(d.classid, d.objid, 0) AS obj
	FROM pg_depend d JOIN ext x ON d.refclassid = 'pg_extension'::regclass AND d.refobjid = x.oid
	WHERE d.deptype = 'e'
), rel AS (
	SELECT m.extname, m.obj, c.* FROM mem m JOIN pg_class c ON m.classid = 'pg_class'::regclass AND c.oid = m.objid
	UNION ALL    -- composite types' attributes (not the row types of tables and views, which
				 -- PostgreSQL 17 may list as members of their own)
	SELECT m.extname, m.obj, c.* FROM mem m JOIN pg_type t ON m.classid = 'pg_type'::regclass AND t.oid = m.objid
	JOIN pg_class c ON c.oid = t.typrelid AND c.relkind = 'c'
), fn AS (
	SELECT m.extname, m.obj, p.* FROM mem m JOIN pg_proc p ON m.classid = 'pg_proc'::regclass AND p.oid = m.objid
), lines(extname, line) AS (
	SELECT x.extname, format('extension %s: version %s, schema %s, relocatable %s, config %s %s',
		e.extname, e.extversion, e.extnamespace::regnamespace, e.extrelocatable,
		e.extconfig::regclass[], e.extcondition)
	FROM ext x JOIN pg_extension e ON e.oid = x.oid
	UNION ALL
	SELECT extname, format('member %s', obj) FROM mem
	UNION ALL
	SELECT m.extname, format('comment %s: %s', m.obj, obj_description(m.objid, m.classid::regclass::name))
	FROM mem m
	UNION ALL
	SELECT extname, format('function %s: kind %s, returns %s%s, language %s, volatile %s, strict %s, parallel %s, security definer %s, leakproof %s, cost %s, rows %s, config %s, acl %s, args (%s), body %s %s',
		obj, prokind, CASE WHEN proretset THEN 'setof ' END, prorettype::regtype,
		(SELECT lanname FROM pg_language WHERE oid = prolang), provolatile, proisstrict,
		proparallel, prosecdef, proleakproof, procost, prorows, proconfig, (SELECT array_agg(acl ORDER BY acl::text) FROM unnest(proacl) acl),
		pg_get_function_arguments(oid), probin, md5(prosrc))
	FROM fn
	UNION ALL
	SELECT f.extname, format('aggregate %s: kind %s, direct %s, trans %s, final %s, combine %s, serial %s, deserial %s, mtrans %s, minvtrans %s, mfinal %s, finalextra %s, mfinalextra %s, finalmodify %s, mfinalmodify %s, sortop %s, stype %s, sspace %s, mstype %s, msspace %s, init %s, minit %s',
		f.obj, a.aggkind, a.aggnumdirectargs, a.aggtransfn::regprocedure, a.aggfinalfn::regprocedure,
		a.aggcombinefn::regprocedure, a.aggserialfn::regprocedure, a.aggdeserialfn::regprocedure,
		a.aggmtransfn::regprocedure, a.aggminvtransfn::regprocedure, a.aggmfinalfn::regprocedure,
		a.aggfinalextra, a.aggmfinalextra, a.aggfinalmodify, a.aggmfinalmodify, a.aggsortop::regoperator,
		a.aggtranstype::regtype, a.aggtransspace, a.aggmtranstype::regtype, a.aggmtransspace,
		a.agginitval, a.aggminitval)
	FROM fn f JOIN pg_aggregate a ON a.aggfnoid = f.oid
	UNION ALL
	SELECT m.extname, format('type %s: typtype %s, category %s, acl %s', m.obj, t.typtype, t.typcategory, (SELECT array_agg(acl ORDER BY acl::text) FROM unnest(t.typacl) acl))
	FROM mem m JOIN pg_type t ON m.classid = 'pg_type'::regclass AND t.oid = m.objid
	UNION ALL
	SELECT extname, format('relation %s: relkind %s, persistence %s, options %s, rls %s, acl %s', obj, relkind,
		relpersistence, reloptions, relrowsecurity, (SELECT array_agg(acl ORDER BY acl::text) FROM unnest(relacl) acl))
	FROM rel
	UNION ALL
	SELECT r.extname, format('column %s %s.%s: %s, not null %s, default %s, identity %s, generated %s, acl %s, comment %s',
		r.obj, row_number() OVER (PARTITION BY r.oid ORDER BY a.attnum), a.attname,
		format_type(a.atttypid, a.atttypmod), a.attnotnull, pg_get_expr(ad.adbin, ad.adrelid),
		a.attidentity, a.attgenerated, (SELECT array_agg(acl ORDER BY acl::text) FROM unnest(a.attacl) acl), col_description(r.oid, a.attnum))
	FROM rel r JOIN pg_attribute a ON a.attrelid = r.oid AND a.attnum > 0 AND NOT a.attisdropped
	LEFT JOIN pg_attrdef ad ON ad.adrelid = r.oid AND ad.adnum = a.attnum
	UNION ALL
	SELECT r.extname, format('constraint %s %s: %s, comment %s', r.obj, co.conname,
		pg_get_constraintdef(co.oid), obj_description(co.oid, 'pg_constraint'))
	FROM rel r JOIN pg_constraint co ON co.conrelid = r.oid
	UNION ALL
	SELECT r.extname, format('index %s: %s, comment %s', r.obj, pg_get_indexdef(i.indexrelid),
		obj_description(i.indexrelid, 'pg_class'))
	FROM rel r JOIN pg_index i ON i.indrelid = r.oid
	UNION ALL
	SELECT r.extname, format('trigger %s: %s, enabled %s, comment %s', r.obj, pg_get_triggerdef(tg.oid),
		tg.tgenabled, obj_description(tg.oid, 'pg_trigger'))
	FROM rel r JOIN pg_trigger tg ON tg.tgrelid = r.oid AND NOT tg.tgisinternal
	UNION ALL
	SELECT r.extname, format('policy %s %s: %s', r.obj, po.polname, po.polcmd)
	FROM rel r JOIN pg_policy po ON po.polrelid = r.oid
	UNION ALL
	SELECT r.extname, format('view %s: %s', r.obj, pg_get_viewdef(r.oid))
	FROM rel r WHERE r.relkind IN ('v', 'm')
	UNION ALL
	SELECT r.extname, format('sequence %s: type %s, start %s, increment %s, min %s, max %s, cache %s, cycle %s, owned by %s',
		r.obj, s.seqtypid::regtype, s.seqstart, s.seqincrement, s.seqmin, s.seqmax, s.seqcache, s.seqcycle,
		(SELECT pg_describe_object(d.refclassid, d.refobjid, d.refobjsubid) FROM pg_depend d
		  WHERE d.classid = 'pg_class'::regclass AND d.objid = r.oid AND d.deptype = 'a'))
	FROM rel r JOIN pg_sequence s ON s.seqrelid = r.oid
	UNION ALL    -- what pg_dump takes as the extension's own privileges
	SELECT m.extname, format('initial privileges %s %s: %s %s', m.obj, ip.objsubid, ip.privtype, ip.initprivs)
	FROM mem m JOIN pg_init_privs ip ON ip.classoid = m.classid AND ip.objoid = m.objid
)
SELECT extname || ' | ' || line FROM lines ORDER BY 1;
