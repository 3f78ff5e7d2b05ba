-- Issue 13, dedicated Inference Endpoints (docs/cost-levers.md#dedicated-inference-endpoints): the
-- endpoints Novix created for a tenant through Hugging Face's Endpoints API, their last reported state,
-- and the route (model_endpoint) each became once serving.
CREATE TABLE dedicated_endpoint (
    id                    UUID         PRIMARY KEY,
    tenant_id             UUID         NOT NULL REFERENCES tenant (id),
    name                  VARCHAR(32)  NOT NULL UNIQUE,
    model_id              VARCHAR(200) NOT NULL,
    task                  VARCHAR(48)  NOT NULL,
    vendor                VARCHAR(48)  NOT NULL,
    region                VARCHAR(48)  NOT NULL,
    accelerator           VARCHAR(48)  NOT NULL,
    instance_type         VARCHAR(48)  NOT NULL,
    instance_size         VARCHAR(48)  NOT NULL,
    min_replica           INTEGER      NOT NULL,
    max_replica           INTEGER      NOT NULL,
    scale_to_zero_minutes INTEGER      NOT NULL,
    sovereign             BOOLEAN      NOT NULL,
    state                 VARCHAR(24)  NOT NULL,
    url                   VARCHAR(300),
    model_endpoint_id     UUID,
    created_at            TIMESTAMPTZ  NOT NULL,
    updated_at            TIMESTAMPTZ  NOT NULL,
    version               BIGINT       NOT NULL DEFAULT 0
);
CREATE INDEX dedicated_endpoint_tenant ON dedicated_endpoint (tenant_id);
