-- Issue 12, database roles (docs/audit.md#database-roles). Three parties:
--   * the migration owner (whoever runs these migrations: it owns every table);
--   * novix_app, the application's role: reads and writes its own tables, but on the audit tables
--     only INSERT and SELECT — no UPDATE, DELETE or TRUNCATE, and, owning nothing, no DDL;
--   * novix_auditor / novix_platform_auditor (V022): the views only.
-- The application logs in as a member of novix_app (NOVIX_DB_USER) and the migrations run as the
-- owner (NOVIX_DB_OWNER_USER); the embedded run sets both up. Without CREATEROLE, a DBA creates the
-- role (docs/audit.md) and runs this grant block again.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'novix_app')
       AND EXISTS (SELECT 1 FROM pg_roles WHERE rolname = current_user AND (rolsuper OR rolcreaterole)) THEN
        CREATE ROLE novix_app NOLOGIN;
    END IF;
END
$$;

CREATE FUNCTION novix_grant_app() RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    t TEXT;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'novix_app') THEN
        RAISE NOTICE 'role novix_app does not exist: grants skipped (see docs/audit.md#database-roles)';
        RETURN;
    END IF;
    EXECUTE 'GRANT USAGE ON SCHEMA public TO novix_app';
    FOR t IN SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
               AND c.relname NOT IN ('flyway_schema_history', 'sql_auditor') LOOP
        EXECUTE format('REVOKE ALL ON TABLE %I FROM novix_app', t);
        IF t IN ('audit_record', 'audit_chain', 'audit_checkpoint', 'audit_signing_key', 'audit_chain_reconciled') THEN
            EXECUTE format('GRANT SELECT, INSERT ON TABLE %I TO novix_app', t); -- the trail: append and read, nothing else
        ELSE
            EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE %I TO novix_app', t);
        END IF;
    END LOOP;
    FOR t IN SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname = 'public' AND c.relkind = 'S' LOOP
        EXECUTE format('GRANT USAGE, SELECT ON SEQUENCE %I TO novix_app', t);
    END LOOP;
    EXECUTE 'REVOKE ALL ON TABLE flyway_schema_history, sql_auditor FROM novix_app';
END
$$;
SELECT novix_grant_app();

-- TRUNCATE fires no row trigger: refuse it by a statement trigger too, whoever tries (the owner included)
CREATE TRIGGER audit_record_no_truncate BEFORE TRUNCATE ON audit_record
    FOR EACH STATEMENT EXECUTE FUNCTION audit_record_immutable();
CREATE TRIGGER audit_chain_no_truncate BEFORE TRUNCATE ON audit_chain
    FOR EACH STATEMENT EXECUTE FUNCTION audit_record_immutable();
CREATE TRIGGER audit_checkpoint_no_truncate BEFORE TRUNCATE ON audit_checkpoint
    FOR EACH STATEMENT EXECUTE FUNCTION audit_record_immutable();
