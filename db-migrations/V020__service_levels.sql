-- Issue 11, SLA: per tenant and UTC day, the inference answers that count for the SLA and those
-- that failed because of Novix or the upstream (not the caller), rolled up from the audit trail
-- once per row (the watermark is the last audit row id rolled up), so a 30-day availability is a
-- sum of 30 rows however busy the tenant is.
CREATE TABLE service_level_day (
    tenant_id UUID    NOT NULL REFERENCES tenant (id),
    day       DATE    NOT NULL,
    eligible  BIGINT  NOT NULL CHECK (eligible >= 0),
    failed    BIGINT  NOT NULL CHECK (failed >= 0 AND failed <= eligible),
    PRIMARY KEY (tenant_id, day)
);

CREATE TABLE service_level_watermark (
    id            SMALLINT PRIMARY KEY CHECK (id = 1),
    last_audit_id BIGINT   NOT NULL
);
INSERT INTO service_level_watermark (id, last_audit_id) VALUES (1, 0);
