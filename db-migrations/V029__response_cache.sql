-- Issue 13, response cache (docs/cost-levers.md#response-cache): exact-match answers shared by every
-- instance, one tenant's never seen by another (the key starts with the tenant; the answer is sealed
-- under the tenant's data key, bound to its key). Each instance keeps a bounded in-memory copy.
CREATE TABLE response_cache (
    tenant_id       UUID         NOT NULL REFERENCES tenant (id),
    cache_key       CHAR(64)     NOT NULL,  -- SHA-256 (hex) of the task, model and normalised request
    model           VARCHAR(200) NOT NULL,
    answer_sealed   BYTEA        NOT NULL,
    data_key_version INTEGER     NOT NULL,
    tokens_in       INTEGER      NOT NULL,
    tokens_out      INTEGER      NOT NULL,
    cost_usd        NUMERIC(14, 8) NOT NULL, -- what the upstream call cost: what each hit saves
    stored_at       TIMESTAMPTZ  NOT NULL,
    expires_at      TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (tenant_id, cache_key)
);
CREATE INDEX response_cache_expiry ON response_cache (expires_at);

-- a tenant's cache settings; no row: the compliance profile's default (off for FedRAMP High)
CREATE TABLE tenant_cache (
    tenant_id          UUID        PRIMARY KEY REFERENCES tenant (id),
    enabled            BOOLEAN     NOT NULL,
    ttl_seconds        INTEGER     NOT NULL CHECK (ttl_seconds BETWEEN 1 AND 2592000),
    deterministic_only BOOLEAN     NOT NULL,
    restricted_allowed BOOLEAN     NOT NULL,
    updated_at         TIMESTAMPTZ NOT NULL,
    version            BIGINT      NOT NULL DEFAULT 0
);

-- a hit is audited as such: served from the cache, nothing sent upstream
ALTER TABLE audit_record DROP CONSTRAINT audit_record_outcome_check;
ALTER TABLE audit_record ADD CONSTRAINT audit_record_outcome_check
    CHECK (outcome IN ('SUCCESS', 'DENIED', 'FAILED', 'CANCELLED', 'ADMITTED', 'OUTCOME_UNKNOWN', 'CACHE_HIT'));
