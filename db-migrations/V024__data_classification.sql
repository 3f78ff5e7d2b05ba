-- Issue 12, data classification: a tenant's own labels (beside public, internal, confidential and
-- restricted), its default label, and rules that bind a label to models and regions. Every admitted
-- call's label is in its admission entry (audit_record.data_classification, V023).
CREATE TABLE tenant_classification (
    tenant_id     UUID          PRIMARY KEY REFERENCES tenant (id),
    default_label VARCHAR(64),
    custom_labels VARCHAR(1400) NOT NULL DEFAULT '',
    rules         TEXT          NOT NULL DEFAULT '[]',
    updated_at    TIMESTAMPTZ   NOT NULL,
    version       BIGINT        NOT NULL DEFAULT 0
);
