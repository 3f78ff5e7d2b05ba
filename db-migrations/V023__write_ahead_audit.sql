-- Issue 12, write-ahead audit (docs/audit.md#write-ahead): an inference call that passes admission
-- leaves two chained entries — an ADMISSION entry, committed before any byte of the answer, and an
-- OUTCOME entry after the call (or OUTCOME_UNKNOWN, written by reconciliation when the instance that
-- admitted it died first). Other entries (refusals before admission, admin changes) have no phase.
ALTER TABLE audit_record DROP CONSTRAINT audit_record_outcome_check;
ALTER TABLE audit_record ADD CONSTRAINT audit_record_outcome_check
    CHECK (outcome IN ('SUCCESS', 'DENIED', 'FAILED', 'CANCELLED', 'ADMITTED', 'OUTCOME_UNKNOWN'));

ALTER TABLE audit_record
    ADD COLUMN phase               VARCHAR(16) CHECK (phase IN ('ADMISSION', 'OUTCOME')),
    ADD COLUMN credential_id       UUID,         -- the token, service account or JWT client the call came with
    ADD COLUMN data_classification VARCHAR(64),  -- X-Data-Classification or the tenant's default
    ADD COLUMN reserved_usd        NUMERIC(14, 8), -- the most the call could cost, held at admission
    ADD COLUMN client_request_id   VARCHAR(64),  -- the caller's own X-Request-Id, when it sent a usable one
    ADD CONSTRAINT audit_record_phase_outcome CHECK ((phase = 'ADMISSION') = (outcome = 'ADMITTED'));

-- reconciliation looks for admissions without an outcome
CREATE INDEX audit_record_admissions ON audit_record (chain_id) WHERE phase = 'ADMISSION';

-- which instance wrote a chain (an instance reconciles its own earlier epochs at start)
ALTER TABLE audit_chain ADD COLUMN instance_id VARCHAR(300);

-- liveness of the chains being written: a chain whose writer stopped beating is reconciled by any instance
CREATE TABLE audit_writer_beat (
    chain_id    UUID         PRIMARY KEY,
    instance_id VARCHAR(300) NOT NULL,
    beat_at     TIMESTAMPTZ  NOT NULL
);

-- the views show one row per call (its outcome), with what was recorded at admission
CREATE OR REPLACE VIEW audit_calls WITH (security_barrier) AS
SELECT a.id, a.occurred_at, a.request_id, a.tenant_id, t.slug AS tenant, a.principal, a.action, a.target AS model, a.task,
       a.region, a.endpoint, a.fallback_used, a.outcome, a.http_status, a.error_code, a.stream_outcome, a.latency_ms,
       a.tokens_in, a.tokens_out, a.cost_usd, a.policy_verdict,
       substring(a.policy_verdict FROM 'residency=([A-Z]+)') AS residency, a.redactions, a.client_address,
       a.data_classification, a.reserved_usd, a.credential_id, a.client_request_id
FROM audit_record a LEFT JOIN tenant t ON t.id = a.tenant_id
WHERE a.action LIKE 'inference.%' AND a.action <> 'inference.models' AND a.phase IS DISTINCT FROM 'ADMISSION'
  AND audit_visible(a.tenant_id);

CREATE OR REPLACE VIEW audit_usage_daily WITH (security_barrier) AS
SELECT a.tenant_id, t.slug AS tenant, CAST((a.occurred_at AT TIME ZONE 'UTC') AS date) AS day, a.target AS model,
       count(*) AS requests, count(*) FILTER (WHERE a.outcome = 'SUCCESS') AS served,
       sum(a.tokens_in) AS tokens_in, sum(a.tokens_out) AS tokens_out, coalesce(sum(a.cost_usd), 0) AS cost_usd
FROM audit_record a LEFT JOIN tenant t ON t.id = a.tenant_id
WHERE a.action LIKE 'inference.%' AND a.action <> 'inference.models' AND a.phase IS DISTINCT FROM 'ADMISSION'
  AND audit_visible(a.tenant_id)
GROUP BY a.tenant_id, t.slug, CAST((a.occurred_at AT TIME ZONE 'UTC') AS date), a.target;

-- admissions still without an outcome: calls in flight, or (older than a call can last) lost outcomes
CREATE VIEW audit_open_admissions WITH (security_barrier) AS
SELECT a.id, a.occurred_at, a.request_id, a.tenant_id, t.slug AS tenant, a.principal, a.action, a.target AS model,
       a.data_classification, a.reserved_usd, a.chain_id, c.instance_id
FROM audit_record a LEFT JOIN tenant t ON t.id = a.tenant_id LEFT JOIN audit_chain c ON c.chain_id = a.chain_id
WHERE a.phase = 'ADMISSION' AND audit_visible(a.tenant_id)
  AND NOT EXISTS (SELECT 1 FROM audit_record o WHERE o.request_id = a.request_id AND o.phase = 'OUTCOME');

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'novix_auditor') THEN
        GRANT SELECT ON audit_calls, audit_usage_daily, audit_open_admissions TO novix_auditor;
    END IF;
END
$$;

-- chains whose writer ended (crashed, or stopped) and whose open admissions were given an OUTCOME_UNKNOWN outcome
CREATE TABLE audit_chain_reconciled (
    chain_id        UUID        PRIMARY KEY,
    reconciled_at   TIMESTAMPTZ NOT NULL,
    open_admissions INTEGER     NOT NULL,
    reconciled_by   VARCHAR(300) NOT NULL
);
CREATE TRIGGER audit_chain_reconciled_no_update BEFORE UPDATE OR DELETE ON audit_chain_reconciled
    FOR EACH ROW EXECUTE FUNCTION audit_record_immutable();
