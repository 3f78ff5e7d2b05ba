-- Issue 12, auditors' SQL: documented views over the audit trail (docs/audit.md#auditors-sql).
-- Who sees what is decided in the database, not by the auditor's query:
--   * members of novix_platform_auditor see every tenant;
--   * a login role listed in sql_auditor sees only its tenant's rows;
--   * anyone else (the application included, unless a superuser) sees no row through the views.
-- Auditor roles get SELECT on the views only: never the tables, never a write.
DO $$
BEGIN
    -- creating roles needs CREATEROLE; where the migration owner lacks it, a DBA creates them (docs/audit.md)
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = current_user AND (rolsuper OR rolcreaterole)) THEN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'novix_auditor') THEN
            CREATE ROLE novix_auditor NOLOGIN;
        END IF;
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'novix_platform_auditor') THEN
            CREATE ROLE novix_platform_auditor NOLOGIN IN ROLE novix_auditor;
        END IF;
    ELSE
        RAISE NOTICE 'roles novix_auditor and novix_platform_auditor not created (no CREATEROLE): see docs/audit.md';
    END IF;
END
$$;

-- which database login audits which tenant (maintained by the DBA)
CREATE TABLE sql_auditor (
    role_name VARCHAR(63) PRIMARY KEY,
    tenant_id UUID        NOT NULL REFERENCES tenant (id)
);

-- whether the session's user may see a tenant's rows (null tenant: platform-level rows); it runs with
-- its owner's rights so auditors need no grant on sql_auditor, and it answers about session_user only
CREATE FUNCTION audit_visible(t UUID) RETURNS BOOLEAN LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT EXISTS (SELECT 1 FROM pg_roles r WHERE r.rolname = 'novix_platform_auditor'
                   AND pg_has_role(session_user, r.oid, 'MEMBER'))
        OR EXISTS (SELECT 1 FROM pg_roles r WHERE r.rolname = session_user AND r.rolsuper)
        OR (t IS NOT NULL AND EXISTS (SELECT 1 FROM sql_auditor a WHERE a.role_name = session_user AND a.tenant_id = t))
$$;
REVOKE ALL ON FUNCTION audit_visible(UUID) FROM PUBLIC;
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'novix_auditor') THEN
        GRANT EXECUTE ON FUNCTION audit_visible(UUID) TO novix_auditor;
    END IF;
END
$$;

-- every inference call: who, which model, from where, at what cost, under which policy, with which outcome
CREATE VIEW audit_calls WITH (security_barrier) AS
SELECT a.id, a.occurred_at, a.request_id, a.tenant_id, t.slug AS tenant, a.principal, a.action, a.target AS model, a.task,
       a.region, a.endpoint, a.fallback_used, a.outcome, a.http_status, a.error_code, a.stream_outcome, a.latency_ms,
       a.tokens_in, a.tokens_out, a.cost_usd, a.policy_verdict,
       substring(a.policy_verdict FROM 'residency=([A-Z]+)') AS residency, a.redactions, a.client_address
FROM audit_record a LEFT JOIN tenant t ON t.id = a.tenant_id
WHERE a.action LIKE 'inference.%' AND a.action <> 'inference.models' AND audit_visible(a.tenant_id);

-- admin actions; the before/after states are sealed (GET /admin/tenants/{t}/audit/{id} opens them)
CREATE VIEW audit_admin_changes WITH (security_barrier) AS
SELECT a.id, a.occurred_at, a.request_id, a.tenant_id, t.slug AS tenant, a.principal, a.actor_role, a.action, a.target,
       a.outcome, a.http_status, a.error_code, a.change_sealed IS NOT NULL AS change_recorded, a.client_address
FROM audit_record a LEFT JOIN tenant t ON t.id = a.tenant_id
WHERE (a.action LIKE 'admin.%' OR a.action IN ('sso.login', 'oauth.token')) AND audit_visible(a.tenant_id);

-- every refused or failed request, by reason; occurrences counts aggregated refusals (throttled floods)
CREATE VIEW audit_refusals WITH (security_barrier) AS
SELECT a.id, a.occurred_at, a.request_id, a.tenant_id, t.slug AS tenant, a.principal, a.action, a.outcome, a.http_status,
       a.error_code, a.occurrences, a.client_address, a.policy_verdict
FROM audit_record a LEFT JOIN tenant t ON t.id = a.tenant_id
WHERE a.outcome IN ('DENIED', 'FAILED') AND audit_visible(a.tenant_id);

-- usage and spend per tenant, UTC day and model
CREATE VIEW audit_usage_daily WITH (security_barrier) AS
SELECT a.tenant_id, t.slug AS tenant, CAST((a.occurred_at AT TIME ZONE 'UTC') AS date) AS day, a.target AS model,
       count(*) AS requests, count(*) FILTER (WHERE a.outcome = 'SUCCESS') AS served,
       sum(a.tokens_in) AS tokens_in, sum(a.tokens_out) AS tokens_out, coalesce(sum(a.cost_usd), 0) AS cost_usd
FROM audit_record a LEFT JOIN tenant t ON t.id = a.tenant_id
WHERE a.action LIKE 'inference.%' AND a.action <> 'inference.models' AND audit_visible(a.tenant_id)
GROUP BY a.tenant_id, t.slug, CAST((a.occurred_at AT TIME ZONE 'UTC') AS date), a.target;

-- the chains and their last signed checkpoint (platform auditors; rows of all tenants share chains)
CREATE VIEW audit_chains WITH (security_barrier) AS
SELECT c.chain_id, c.writer, c.started_at,
       (SELECT count(*) FROM audit_record r WHERE r.chain_id = c.chain_id) AS entries,
       (SELECT max(k.chain_seq) FROM audit_checkpoint k WHERE k.chain_id = c.chain_id) AS signed_through,
       (SELECT max(k.signed_at) FROM audit_checkpoint k WHERE k.chain_id = c.chain_id) AS last_signed_at
FROM audit_chain c
WHERE audit_visible(NULL);

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'novix_auditor') THEN
        GRANT SELECT ON audit_calls, audit_admin_changes, audit_refusals, audit_usage_daily, audit_chains TO novix_auditor;
    END IF;
END
$$;
