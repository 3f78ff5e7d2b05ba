-- Issue 13, quantized variants (docs/cost-levers.md#quantized-variants): the platform admin registers a
-- quantized variant of a model; a tenant that prefers quantized models (and whose policy allows the
-- variant) is served by it when it asks for the model.
CREATE TABLE model_variant (
    model_id           VARCHAR(200) PRIMARY KEY,
    quantized_model_id VARCHAR(200) NOT NULL,
    updated_at         TIMESTAMPTZ  NOT NULL,
    version            BIGINT       NOT NULL DEFAULT 0
);
CREATE TABLE tenant_model_preference (
    tenant_id        UUID        PRIMARY KEY REFERENCES tenant (id),
    prefer_quantized BOOLEAN     NOT NULL,
    updated_at       TIMESTAMPTZ NOT NULL,
    version          BIGINT      NOT NULL DEFAULT 0
);
