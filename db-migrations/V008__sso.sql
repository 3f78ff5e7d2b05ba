-- SAML 2.0 single sign-on per tenant: the tenant's IdP (its metadata is the trust anchor) and the
-- Novix sessions people hold after signing in.
CREATE TABLE tenant_idp (
    tenant_id              UUID PRIMARY KEY REFERENCES tenant (id),
    idp_entity_id          VARCHAR(500)  NOT NULL,
    metadata_xml           TEXT          NOT NULL,
    group_attribute        VARCHAR(200)  NOT NULL,
    required_authn_context VARCHAR(300),
    updated_at             TIMESTAMPTZ   NOT NULL,
    version                BIGINT        NOT NULL DEFAULT 0
);

-- Only the SHA-256 of the session secret and of its CSRF token are kept.
CREATE TABLE user_session (
    id            UUID PRIMARY KEY,
    tenant_id     UUID         NOT NULL REFERENCES tenant (id),
    user_id       UUID         NOT NULL REFERENCES tenant_user (id) ON DELETE CASCADE,
    subject       VARCHAR(200) NOT NULL,
    roles         VARCHAR(200) NOT NULL,
    secret_hash   BYTEA        NOT NULL UNIQUE CHECK (octet_length(secret_hash) = 32),
    csrf_hash     BYTEA        NOT NULL CHECK (octet_length(csrf_hash) = 32),
    authn_context VARCHAR(300),
    created_at    TIMESTAMPTZ  NOT NULL,
    expires_at    TIMESTAMPTZ  NOT NULL,
    revoked_at    TIMESTAMPTZ,
    CONSTRAINT user_session_expiry CHECK (expires_at > created_at)
);
CREATE INDEX user_session_tenant ON user_session (tenant_id);
