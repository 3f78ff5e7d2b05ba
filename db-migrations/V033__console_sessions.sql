-- Issue 15, the console's sign-in with a Novix token (docs/console.md): the token becomes a browser
-- session (an httpOnly cookie), never a URL or local storage. The session holds no copy of the token:
-- the token's prefix and hash, checked against the live token on every request, so revoking,
-- rotating or expiring the token ends its sessions on every instance. The platform administrator's
-- bootstrap token is identified by its hash alone (token_prefix NULL).
CREATE TABLE token_session (
    id           UUID         PRIMARY KEY,
    secret_hash  BYTEA        NOT NULL UNIQUE,
    csrf_hash    BYTEA        NOT NULL,
    token_prefix VARCHAR(64),
    token_hash   BYTEA        NOT NULL,
    tenant_id    UUID         REFERENCES tenant (id),
    subject      VARCHAR(200) NOT NULL,
    created_at   TIMESTAMPTZ  NOT NULL,
    expires_at   TIMESTAMPTZ  NOT NULL,
    revoked_at   TIMESTAMPTZ,
    CONSTRAINT token_session_expiry CHECK (expires_at > created_at)
);
CREATE INDEX token_session_expiry_idx ON token_session (expires_at);
