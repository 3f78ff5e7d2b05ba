-- The audit trail: append-only. Auditors query it with SQL; see docs/audit.md.
CREATE TABLE audit_record (
    id             BIGSERIAL PRIMARY KEY,
    occurred_at    TIMESTAMPTZ  NOT NULL,
    request_id     VARCHAR(64)  NOT NULL,
    tenant_id      UUID,
    principal      VARCHAR(200) NOT NULL,
    action         VARCHAR(64)  NOT NULL,
    target         VARCHAR(300),
    outcome        VARCHAR(16)  NOT NULL CHECK (outcome IN ('SUCCESS', 'DENIED', 'FAILED')),
    http_status    SMALLINT     NOT NULL,
    error_code     VARCHAR(64),
    latency_ms     INTEGER      NOT NULL CHECK (latency_ms >= 0),
    tokens_in      INTEGER      NOT NULL DEFAULT 0 CHECK (tokens_in >= 0),
    tokens_out     INTEGER      NOT NULL DEFAULT 0 CHECK (tokens_out >= 0),
    upstream_attempts SMALLINT  NOT NULL DEFAULT 0
);
CREATE INDEX audit_record_tenant_time ON audit_record (tenant_id, occurred_at);
CREATE INDEX audit_record_request ON audit_record (request_id);

-- Append-only: the application role may insert and read, never change or delete.
CREATE FUNCTION audit_record_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_record is append-only';
END;
$$;
CREATE TRIGGER audit_record_no_update BEFORE UPDATE OR DELETE ON audit_record
    FOR EACH ROW EXECUTE FUNCTION audit_record_immutable();
