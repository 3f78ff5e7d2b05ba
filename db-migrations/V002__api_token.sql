-- Time-bound API tokens. Only a SHA-256 hash of the whole token is kept; the public prefix
-- (nvx_<prefix>_...) finds the row without revealing anything that authenticates.
CREATE TABLE api_token (
    id           UUID PRIMARY KEY,
    tenant_id    UUID         NOT NULL REFERENCES tenant (id),
    name         VARCHAR(100) NOT NULL,
    prefix       VARCHAR(16)  NOT NULL,
    secret_hash  BYTEA        NOT NULL CHECK (octet_length(secret_hash) = 32),
    scopes       VARCHAR(500) NOT NULL,
    created_at   TIMESTAMPTZ  NOT NULL,
    expires_at   TIMESTAMPTZ  NOT NULL,
    revoked_at   TIMESTAMPTZ,
    last_used_at TIMESTAMPTZ,
    version      BIGINT       NOT NULL DEFAULT 0,
    CONSTRAINT api_token_prefix_unique UNIQUE (prefix),
    CONSTRAINT api_token_expiry_after_creation CHECK (expires_at > created_at)
);
CREATE INDEX api_token_tenant ON api_token (tenant_id);
