-- Issue 13, adaptive model routing: named routes that pick the model for "model": "<route>"
-- (docs/cost-levers.md). A platform route (tenant_id NULL) is the platform admin's; a tenant's route
-- of the same name replaces it for that tenant only. "auto" exists without a row (the product
-- notes' rule: Zephyr-7B below complexity 0.4, Mixtral-8x7B above).
CREATE TABLE model_route (
    id              UUID          PRIMARY KEY,
    tenant_id       UUID          REFERENCES tenant (id),
    name            VARCHAR(40)   NOT NULL,
    small_model     VARCHAR(200)  NOT NULL,
    large_model     VARCHAR(200)  NOT NULL,
    threshold       NUMERIC(4, 3) NOT NULL CHECK (threshold BETWEEN 0 AND 1),
    hot_above       NUMERIC(4, 3) NOT NULL CHECK (hot_above BETWEEN 0 AND 1),
    hot_temperature NUMERIC(4, 3) NOT NULL CHECK (hot_temperature BETWEEN 0 AND 2),
    temperature     NUMERIC(4, 3) NOT NULL CHECK (temperature BETWEEN 0 AND 2),
    max_tokens      INTEGER       NOT NULL CHECK (max_tokens BETWEEN 1 AND 1000000),
    updated_at      TIMESTAMPTZ   NOT NULL,
    version         BIGINT        NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX model_route_platform_name ON model_route (name) WHERE tenant_id IS NULL;
CREATE UNIQUE INDEX model_route_tenant_name ON model_route (tenant_id, name) WHERE tenant_id IS NOT NULL;
