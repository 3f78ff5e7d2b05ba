-- Tenants and the tier they belong to. The tier's policy (RPM, SLA, residency, compliance,
-- dedicated accelerators) is a value object in code; the row stores only the tier's name.
CREATE TABLE tenant (
    id          UUID PRIMARY KEY,
    slug        VARCHAR(63)  NOT NULL,
    name        VARCHAR(200) NOT NULL,
    tier        VARCHAR(16)  NOT NULL CHECK (tier IN ('STANDARD', 'ENTERPRISE', 'GOVERNMENT')),
    home_region VARCHAR(32)  NOT NULL,
    status      VARCHAR(16)  NOT NULL CHECK (status IN ('ACTIVE', 'SUSPENDED')),
    created_at  TIMESTAMPTZ  NOT NULL,
    version     BIGINT       NOT NULL DEFAULT 0,
    CONSTRAINT tenant_slug_unique UNIQUE (slug),
    CONSTRAINT tenant_slug_format CHECK (slug ~ '^[a-z0-9][a-z0-9-]{1,62}$')
);
