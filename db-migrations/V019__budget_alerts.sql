-- Issue 11, budget alerts: one webhook per tenant (its HMAC secret sealed under the tenant's data
-- key, never stored in clear), and one row per alert raised — at most one per tenant, month and
-- threshold whatever the number of instances — kept until delivered, with its attempts.
CREATE TABLE tenant_webhook (
    tenant_id        UUID         PRIMARY KEY REFERENCES tenant (id),
    url              VARCHAR(500) NOT NULL,
    secret_sealed    BYTEA        NOT NULL,
    data_key_version INTEGER      NOT NULL,
    thresholds       VARCHAR(64)  NOT NULL,
    updated_at       TIMESTAMPTZ  NOT NULL
);

CREATE TABLE budget_alert (
    id              BIGSERIAL     PRIMARY KEY,
    tenant_id       UUID          NOT NULL REFERENCES tenant (id),
    period          CHAR(7)       NOT NULL,
    threshold       SMALLINT      NOT NULL CHECK (threshold BETWEEN 1 AND 1000),
    spent_usd       NUMERIC(18,8) NOT NULL,
    budget_usd      NUMERIC(18,4) NOT NULL,
    raised_at       TIMESTAMPTZ   NOT NULL,
    delivered_at    TIMESTAMPTZ,
    attempts        INTEGER       NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ   NOT NULL,
    last_error      VARCHAR(300),
    UNIQUE (tenant_id, period, threshold)
);
CREATE INDEX budget_alert_due ON budget_alert (next_attempt_at) WHERE delivered_at IS NULL;

-- A call refused for the budget means it is spent as far as calls can spend it: every threshold
-- is then due, even when the last reservation that did not fit left the counter a little short.
CREATE INDEX audit_record_budget_refusals ON audit_record (tenant_id, occurred_at) WHERE error_code = 'budget_exceeded';
