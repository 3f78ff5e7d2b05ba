-- Issue 11: a tenant admin's sub-limits for one credential (an API token, a service account, a
-- user), never above the tenant's own. The principal is as audit rows name it: token:<prefix>,
-- sa:<client id>, user:<subject>.
CREATE TABLE credential_limit (
    tenant_id           UUID         NOT NULL REFERENCES tenant (id),
    principal           VARCHAR(200) NOT NULL,
    requests_per_minute INTEGER      CHECK (requests_per_minute > 0),
    tokens_per_minute   BIGINT       CHECK (tokens_per_minute > 0),
    updated_at          TIMESTAMPTZ  NOT NULL,
    version             BIGINT       NOT NULL DEFAULT 0,
    PRIMARY KEY (tenant_id, principal)
);
