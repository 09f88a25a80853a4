-- The app runs as `tracemark_app`, a role that owns nothing (ADR 0018). The owner (whoever runs the migrations)
-- keeps DDL; the app gets rows only, and on the record tables only SELECT and INSERT: it cannot update, delete or
-- truncate audit rows or evidence, nor switch their guard triggers off (that needs ownership).
DO $$
BEGIN
  -- roles belong to the whole server: another database (or a DBA) may have made it already; an owner without
  -- CREATEROLE then still migrates
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'tracemark_app') THEN
    CREATE ROLE tracemark_app NOLOGIN;
  END IF;
EXCEPTION
  -- a concurrent migration of another database made it between the check and the create
  WHEN duplicate_object OR unique_violation THEN NULL;
END $$;
--> statement-breakpoint
-- the owner's own connections switch to the role (openDb): a non-superuser owner needs membership for SET ROLE
DO $$
BEGIN
  IF NOT pg_has_role(current_user, 'tracemark_app', 'MEMBER') THEN
    EXECUTE format('GRANT tracemark_app TO %I', current_user);
  END IF;
EXCEPTION
  WHEN insufficient_privilege THEN
    RAISE EXCEPTION 'the migrating user % may not grant itself the role tracemark_app', current_user
      USING HINT = format('As a superuser: GRANT tracemark_app TO %I; then start again (ADR 0018).', current_user);
END $$;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO tracemark_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO tracemark_app;
--> statement-breakpoint
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO tracemark_app;
--> statement-breakpoint
GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO tracemark_app;
--> statement-breakpoint
-- tables added by later migrations get the same row rights; record tables revoke theirs in their own migration
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO tracemark_app;
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO tracemark_app;
--> statement-breakpoint
-- Facts and evidence: insert and read only.
REVOKE UPDATE, DELETE, TRUNCATE ON audit_events, work_order_events, work_order_signoffs, work_order_photos, evidence_files, instrument_usage, instrument_calibrations FROM tracemark_app;
--> statement-breakpoint
-- The chain head is moved by the chain trigger alone, which runs with its owner's rights.
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON audit_chain_head FROM tracemark_app;
--> statement-breakpoint
ALTER FUNCTION tm_audit_chain() SECURITY DEFINER SET search_path = public, pg_temp;
