-- Issue 13, upstream credentials (docs/cost-levers.md#upstream-credentials): the Hugging Face key and
-- per-endpoint keys, sealed under the KEK (AES-256-GCM, bound to their scope), rotated through the
-- admin API and followed by every instance within seconds, without a restart. Only a fingerprint shows.
CREATE TABLE upstream_credential (
    scope       VARCHAR(340) PRIMARY KEY,  -- 'platform' or 'url:<endpoint base URL>'
    kek_id      VARCHAR(32)  NOT NULL,
    sealed      BYTEA        NOT NULL,
    fingerprint VARCHAR(16)  NOT NULL,
    updated_at  TIMESTAMPTZ  NOT NULL,
    version     BIGINT       NOT NULL DEFAULT 0
);
