-- Identity and access: roles on tokens, users and role bindings per tenant, IdP group mappings,
-- service accounts (OAuth2 client credentials), JWT signing keys, and admin before/after in the audit.

-- An API token acts with one role (its scopes narrow it further). Existing tokens were inference tokens.
ALTER TABLE api_token ADD COLUMN role VARCHAR(32) NOT NULL DEFAULT 'DEVELOPER'
    CHECK (role IN ('TENANT_ADMIN', 'DEVELOPER', 'AUDITOR', 'SERVICE'));

CREATE TABLE tenant_user (
    id           UUID PRIMARY KEY,
    tenant_id    UUID         NOT NULL REFERENCES tenant (id),
    subject      VARCHAR(200) NOT NULL,
    display_name VARCHAR(200) NOT NULL,
    created_at   TIMESTAMPTZ  NOT NULL,
    version      BIGINT       NOT NULL DEFAULT 0,
    CONSTRAINT tenant_user_subject_unique UNIQUE (tenant_id, subject)
);

-- platform-admin is never a tenant role: it cannot be bound inside a tenant.
CREATE TABLE role_binding (
    user_id UUID        NOT NULL REFERENCES tenant_user (id) ON DELETE CASCADE,
    role    VARCHAR(32) NOT NULL CHECK (role IN ('TENANT_ADMIN', 'DEVELOPER', 'AUDITOR', 'SERVICE')),
    PRIMARY KEY (user_id, role)
);

CREATE TABLE group_mapping (
    id        UUID PRIMARY KEY,
    tenant_id UUID         NOT NULL REFERENCES tenant (id),
    idp_group VARCHAR(200) NOT NULL,
    role      VARCHAR(32)  NOT NULL CHECK (role IN ('TENANT_ADMIN', 'DEVELOPER', 'AUDITOR', 'SERVICE')),
    CONSTRAINT group_mapping_unique UNIQUE (tenant_id, idp_group, role)
);

-- Machine identities: client_id is public, only the SHA-256 of the secret is kept.
CREATE TABLE service_account (
    id           UUID PRIMARY KEY,
    tenant_id    UUID         NOT NULL REFERENCES tenant (id),
    name         VARCHAR(100) NOT NULL,
    client_id    VARCHAR(64)  NOT NULL UNIQUE,
    secret_hash  BYTEA        NOT NULL CHECK (octet_length(secret_hash) = 32),
    scopes       VARCHAR(500) NOT NULL,
    created_at   TIMESTAMPTZ  NOT NULL,
    disabled_at  TIMESTAMPTZ,
    secret_rotated_at TIMESTAMPTZ,
    version      BIGINT       NOT NULL DEFAULT 0
);
CREATE INDEX service_account_tenant ON service_account (tenant_id);

-- JWT signing keys: the private key is encrypted with NOVIX_JWT_KEK (AES-GCM); a retired key is still
-- published and accepted until every token it signed has expired.
CREATE TABLE signing_key (
    kid            VARCHAR(64) PRIMARY KEY,
    algorithm      VARCHAR(16) NOT NULL CHECK (algorithm = 'ES256'),
    public_x       VARCHAR(64) NOT NULL,
    public_y       VARCHAR(64) NOT NULL,
    private_sealed BYTEA       NOT NULL,
    created_at     TIMESTAMPTZ NOT NULL,
    retired_at     TIMESTAMPTZ
);

-- Admin actions: the acting role and the object before and after (secrets never included).
ALTER TABLE audit_record
    ADD COLUMN actor_role   VARCHAR(32),
    ADD COLUMN before_state JSONB,
    ADD COLUMN after_state  JSONB;
