-- Hardening class 10: per-tenant data keys (AES-256, stored wrapped under a KEK from the
-- environment) that seal sensitive stored fields, and per-tenant redaction settings.
CREATE TABLE data_key (
    id           VARCHAR(48)  PRIMARY KEY,            -- <tenant>/<version>
    tenant_id    UUID         NOT NULL,               -- 00000000-…: records that belong to no tenant
    version      INTEGER      NOT NULL CHECK (version > 0),
    wrapped_key  BYTEA        NOT NULL,
    kek_id       VARCHAR(16)  NOT NULL,               -- fingerprint of the KEK that wraps it
    created_at   TIMESTAMPTZ  NOT NULL,
    rewrapped_at TIMESTAMPTZ,
    UNIQUE (tenant_id, version)
);

-- An admin change's before/after state, sealed under the tenant's data key (before_state and
-- after_state stay empty for new rows); auditors read it through GET /admin/tenants/{t}/audit/{id}.
ALTER TABLE audit_record
    ADD COLUMN change_sealed    BYTEA,
    ADD COLUMN data_key_version INTEGER;

CREATE TABLE tenant_redaction (
    tenant_id       UUID         PRIMARY KEY REFERENCES tenant (id),
    upstream        BOOLEAN,                  -- null: the compliance profile's default
    rules           VARCHAR(200),             -- built-in kinds, comma-separated; null: the profile's default
    custom_patterns TEXT         NOT NULL,    -- JSON array of {"name", "pattern"}
    updated_at      TIMESTAMPTZ  NOT NULL,
    version         BIGINT       NOT NULL DEFAULT 0
);
