-- Per-call inference detail for auditors: which task, endpoint and region served the call,
-- whether a fallback or an open breaker was involved, and how a stream ended.
ALTER TABLE audit_record
    ADD COLUMN task           VARCHAR(48),
    ADD COLUMN endpoint       VARCHAR(300),
    ADD COLUMN region         VARCHAR(32),
    ADD COLUMN fallback_used  BOOLEAN NOT NULL DEFAULT FALSE,
    ADD COLUMN breaker_state  VARCHAR(16),
    ADD COLUMN stream_outcome VARCHAR(24),
    ADD COLUMN ttfb_ms        INTEGER CHECK (ttfb_ms >= 0);

-- a client that hangs up mid-stream is neither a success nor the gateway's failure
ALTER TABLE audit_record DROP CONSTRAINT audit_record_outcome_check;
ALTER TABLE audit_record ADD CONSTRAINT audit_record_outcome_check
    CHECK (outcome IN ('SUCCESS', 'DENIED', 'FAILED', 'CANCELLED'));
