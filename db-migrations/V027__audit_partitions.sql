-- Issue 12, scale and retention (docs/audit.md#partitions-and-retention): audit_record becomes a
-- table partitioned by month of occurred_at. The application cannot create or drop partitions (it
-- owns nothing, V025); it asks two SECURITY DEFINER functions, which keep the rules:
--   * audit_ensure_partitions(n): this month's partition and the next n months';
--   * audit_drop_expired(keep): drops a whole month only when it ended more than `keep` ago, an
--     export of it is recorded in audit_archive, and no tenant with rows in it is under legal hold;
--     it records, per chain, the last dropped entry's hash, where verification then starts.
-- Sequence numbers stay gap-free per chain; their uniqueness, which a partitioned table cannot
-- enforce across months, is checked by verification (a repeat is "inserted").

DROP VIEW audit_calls, audit_admin_changes, audit_refusals, audit_usage_daily, audit_chains, audit_open_admissions;

ALTER TABLE audit_record RENAME TO audit_record_v1;
CREATE TABLE audit_record (LIKE audit_record_v1 INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING COMMENTS)
    PARTITION BY RANGE (occurred_at);
ALTER SEQUENCE audit_record_id_seq OWNED BY audit_record.id;
ALTER TABLE audit_record ADD PRIMARY KEY (id, occurred_at);

CREATE FUNCTION audit_ensure_partitions(months_ahead INTEGER) RETURNS INTEGER
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    m       DATE := date_trunc('month', now() AT TIME ZONE 'UTC')::date;
    created INTEGER := 0;
    part    TEXT;
BEGIN
    IF months_ahead < 0 OR months_ahead > 24 THEN
        RAISE EXCEPTION 'months_ahead must be 0 to 24';
    END IF;
    FOR i IN 0..months_ahead LOOP
        part := 'audit_record_' || to_char(m, 'YYYY_MM');
        IF to_regclass(part) IS NULL THEN
            EXECUTE format('CREATE TABLE %I PARTITION OF audit_record FOR VALUES FROM (%L) TO (%L)', part,
                           to_char(m, 'YYYY-MM-DD') || ' 00:00:00+00', to_char((m + interval '1 month')::date, 'YYYY-MM-DD') || ' 00:00:00+00');
            -- TRUNCATE of a partition itself fires no trigger of the parent's
            EXECUTE format('CREATE TRIGGER audit_partition_no_truncate BEFORE TRUNCATE ON %I '
                           'FOR EACH STATEMENT EXECUTE FUNCTION audit_record_immutable()', part);
            created := created + 1;
        END IF;
        m := (m + interval '1 month')::date;
    END LOOP;
    RETURN created;
END
$$;

-- partitions for every month that holds rows already, then the rows, then this month and three ahead
DO $$
DECLARE
    m DATE;
BEGIN
    FOR m IN SELECT DISTINCT date_trunc('month', occurred_at AT TIME ZONE 'UTC')::date FROM audit_record_v1 LOOP
        IF to_regclass('audit_record_' || to_char(m, 'YYYY_MM')) IS NULL THEN
            EXECUTE format('CREATE TABLE %I PARTITION OF audit_record FOR VALUES FROM (%L) TO (%L)', 'audit_record_' || to_char(m, 'YYYY_MM'),
                           to_char(m, 'YYYY-MM-DD') || ' 00:00:00+00', to_char((m + interval '1 month')::date, 'YYYY-MM-DD') || ' 00:00:00+00');
            EXECUTE format('CREATE TRIGGER audit_partition_no_truncate BEFORE TRUNCATE ON %I '
                           'FOR EACH STATEMENT EXECUTE FUNCTION audit_record_immutable()', 'audit_record_' || to_char(m, 'YYYY_MM'));
        END IF;
    END LOOP;
END
$$;
SELECT audit_ensure_partitions(3);
INSERT INTO audit_record SELECT * FROM audit_record_v1;
DROP TABLE audit_record_v1;

CREATE INDEX audit_record_tenant_time ON audit_record (tenant_id, occurred_at);
CREATE INDEX audit_record_request ON audit_record (request_id);
CREATE INDEX audit_record_quarantined ON audit_record (occurred_at) WHERE quarantined;
CREATE INDEX audit_record_budget_refusals ON audit_record (tenant_id, occurred_at) WHERE error_code = 'budget_exceeded';
CREATE INDEX audit_record_chain ON audit_record (chain_id, chain_seq);
CREATE INDEX audit_record_admissions ON audit_record (chain_id) WHERE phase = 'ADMISSION';
CREATE TRIGGER audit_record_no_update BEFORE UPDATE OR DELETE ON audit_record
    FOR EACH ROW EXECUTE FUNCTION audit_record_immutable();
CREATE TRIGGER audit_record_no_truncate BEFORE TRUNCATE ON audit_record
    FOR EACH STATEMENT EXECUTE FUNCTION audit_record_immutable();

-- exports of whole months, recorded by the archive export (GET /admin/audit/partitions/{name}/export)
CREATE TABLE audit_archive (
    id             BIGSERIAL    PRIMARY KEY,
    partition_name VARCHAR(63)  NOT NULL,
    exported_at    TIMESTAMPTZ  NOT NULL,
    exported_by    VARCHAR(200) NOT NULL,
    rows_exported  BIGINT       NOT NULL,
    sha256         BYTEA        NOT NULL CHECK (octet_length(sha256) = 32)
);
CREATE INDEX audit_archive_partition ON audit_archive (partition_name);

-- tenants whose audit entries are kept whatever the retention (litigation, investigation)
CREATE TABLE audit_legal_hold (
    id          BIGSERIAL    PRIMARY KEY,
    tenant_id   UUID         NOT NULL REFERENCES tenant (id),
    reason      VARCHAR(300) NOT NULL,
    placed_at   TIMESTAMPTZ  NOT NULL,
    placed_by   VARCHAR(200) NOT NULL,
    released_at TIMESTAMPTZ,
    released_by VARCHAR(200)
);

-- where each chain's retained entries begin once earlier months are dropped: the last dropped entry
CREATE TABLE audit_retention_anchor (
    chain_id       UUID        NOT NULL,
    chain_seq      BIGINT      NOT NULL,
    entry_hash     BYTEA       NOT NULL CHECK (octet_length(entry_hash) = 32),
    partition_name VARCHAR(63) NOT NULL,
    dropped_at     TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (chain_id, chain_seq)
);

CREATE TRIGGER audit_archive_no_update BEFORE UPDATE OR DELETE ON audit_archive
    FOR EACH ROW EXECUTE FUNCTION audit_record_immutable();
CREATE TRIGGER audit_retention_anchor_no_update BEFORE UPDATE OR DELETE ON audit_retention_anchor
    FOR EACH ROW EXECUTE FUNCTION audit_record_immutable();

CREATE FUNCTION audit_drop_expired(keep INTERVAL) RETURNS SETOF TEXT
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    p     RECORD;
    upper TIMESTAMPTZ;
    held  BOOLEAN;
BEGIN
    IF keep < interval '30 days' THEN
        RAISE EXCEPTION 'retention below 30 days is refused';
    END IF;
    FOR p IN SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
             WHERE i.inhparent = 'audit_record'::regclass AND c.relname ~ '^audit_record_[0-9]{4}_[0-9]{2}$' ORDER BY c.relname LOOP
        upper := (to_date(substring(p.relname FROM 14), 'YYYY_MM') + interval '1 month')::timestamp AT TIME ZONE 'UTC';
        CONTINUE WHEN upper > now() - keep;
        CONTINUE WHEN NOT EXISTS (SELECT 1 FROM audit_archive a WHERE a.partition_name = p.relname);
        EXECUTE format('SELECT EXISTS (SELECT 1 FROM %I r JOIN audit_legal_hold h ON h.tenant_id = r.tenant_id '
                       'WHERE h.released_at IS NULL)', p.relname) INTO held;
        CONTINUE WHEN held;
        EXECUTE format('INSERT INTO audit_retention_anchor (chain_id, chain_seq, entry_hash, partition_name, dropped_at) '
                       'SELECT DISTINCT ON (chain_id) chain_id, chain_seq, entry_hash, %L, now() FROM %I '
                       'WHERE chain_id IS NOT NULL ORDER BY chain_id, chain_seq DESC '
                       'ON CONFLICT DO NOTHING', p.relname, p.relname);
        EXECUTE format('DROP TABLE %I', p.relname);
        RETURN NEXT p.relname;
    END LOOP;
END
$$;

-- the views again (V022, V023), over the partitioned table
CREATE VIEW audit_calls WITH (security_barrier) AS
SELECT a.id, a.occurred_at, a.request_id, a.tenant_id, t.slug AS tenant, a.principal, a.action, a.target AS model, a.task,
       a.region, a.endpoint, a.fallback_used, a.outcome, a.http_status, a.error_code, a.stream_outcome, a.latency_ms,
       a.tokens_in, a.tokens_out, a.cost_usd, a.policy_verdict,
       substring(a.policy_verdict FROM 'residency=([A-Z]+)') AS residency, a.redactions, a.client_address,
       a.data_classification, a.reserved_usd, a.credential_id, a.client_request_id
FROM audit_record a LEFT JOIN tenant t ON t.id = a.tenant_id
WHERE a.action LIKE 'inference.%' AND a.action <> 'inference.models' AND a.phase IS DISTINCT FROM 'ADMISSION'
  AND audit_visible(a.tenant_id);

CREATE VIEW audit_admin_changes WITH (security_barrier) AS
SELECT a.id, a.occurred_at, a.request_id, a.tenant_id, t.slug AS tenant, a.principal, a.actor_role, a.action, a.target,
       a.outcome, a.http_status, a.error_code, a.change_sealed IS NOT NULL AS change_recorded, a.client_address
FROM audit_record a LEFT JOIN tenant t ON t.id = a.tenant_id
WHERE (a.action LIKE 'admin.%' OR a.action IN ('sso.login', 'oauth.token')) AND audit_visible(a.tenant_id);

CREATE VIEW audit_refusals WITH (security_barrier) AS
SELECT a.id, a.occurred_at, a.request_id, a.tenant_id, t.slug AS tenant, a.principal, a.action, a.outcome, a.http_status,
       a.error_code, a.occurrences, a.client_address, a.policy_verdict
FROM audit_record a LEFT JOIN tenant t ON t.id = a.tenant_id
WHERE a.outcome IN ('DENIED', 'FAILED') AND audit_visible(a.tenant_id);

CREATE VIEW audit_usage_daily WITH (security_barrier) AS
SELECT a.tenant_id, t.slug AS tenant, CAST((a.occurred_at AT TIME ZONE 'UTC') AS date) AS day, a.target AS model,
       count(*) AS requests, count(*) FILTER (WHERE a.outcome = 'SUCCESS') AS served,
       sum(a.tokens_in) AS tokens_in, sum(a.tokens_out) AS tokens_out, coalesce(sum(a.cost_usd), 0) AS cost_usd
FROM audit_record a LEFT JOIN tenant t ON t.id = a.tenant_id
WHERE a.action LIKE 'inference.%' AND a.action <> 'inference.models' AND a.phase IS DISTINCT FROM 'ADMISSION'
  AND audit_visible(a.tenant_id)
GROUP BY a.tenant_id, t.slug, CAST((a.occurred_at AT TIME ZONE 'UTC') AS date), a.target;

CREATE VIEW audit_chains WITH (security_barrier) AS
SELECT c.chain_id, c.writer, c.started_at,
       (SELECT count(*) FROM audit_record r WHERE r.chain_id = c.chain_id) AS entries,
       (SELECT max(k.chain_seq) FROM audit_checkpoint k WHERE k.chain_id = c.chain_id) AS signed_through,
       (SELECT max(k.signed_at) FROM audit_checkpoint k WHERE k.chain_id = c.chain_id) AS last_signed_at
FROM audit_chain c
WHERE audit_visible(NULL);

CREATE VIEW audit_open_admissions WITH (security_barrier) AS
SELECT a.id, a.occurred_at, a.request_id, a.tenant_id, t.slug AS tenant, a.principal, a.action, a.target AS model,
       a.data_classification, a.reserved_usd, a.chain_id, c.instance_id
FROM audit_record a LEFT JOIN tenant t ON t.id = a.tenant_id LEFT JOIN audit_chain c ON c.chain_id = a.chain_id
WHERE a.phase = 'ADMISSION' AND audit_visible(a.tenant_id)
  AND NOT EXISTS (SELECT 1 FROM audit_record o WHERE o.request_id = a.request_id AND o.phase = 'OUTCOME');

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'novix_auditor') THEN
        GRANT SELECT ON audit_calls, audit_admin_changes, audit_refusals, audit_usage_daily, audit_chains,
            audit_open_admissions TO novix_auditor;
    END IF;
END
$$;

-- the application: the partitioned trail through its parent only, the new audit tables append-only,
-- and the two functions; never a partition directly
CREATE OR REPLACE FUNCTION novix_grant_app() RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    t TEXT;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'novix_app') THEN
        RAISE NOTICE 'role novix_app does not exist: grants skipped (see docs/audit.md#database-roles)';
        RETURN;
    END IF;
    EXECUTE 'GRANT USAGE ON SCHEMA public TO novix_app';
    FOR t IN SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition
               AND c.relname NOT IN ('flyway_schema_history', 'sql_auditor') LOOP
        EXECUTE format('REVOKE ALL ON TABLE %I FROM novix_app', t);
        IF t IN ('audit_record', 'audit_chain', 'audit_checkpoint', 'audit_signing_key', 'audit_chain_reconciled',
                 'audit_archive', 'audit_retention_anchor') THEN
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
    EXECUTE 'GRANT EXECUTE ON FUNCTION audit_ensure_partitions(INTEGER), audit_drop_expired(INTERVAL) TO novix_app';
END
$$;
REVOKE ALL ON FUNCTION audit_ensure_partitions(INTEGER), audit_drop_expired(INTERVAL) FROM PUBLIC;
SELECT novix_grant_app();
