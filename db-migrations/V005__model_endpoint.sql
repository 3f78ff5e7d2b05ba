-- Where a model is served: the Hugging Face router (serverless), a dedicated Inference Endpoint,
-- or a self-hosted TGI/TEI. A request tries a model's enabled endpoints by priority (lowest
-- first). A NULL base_url means "the configured router" (HF_ENTERPRISE_ENDPOINT).
CREATE TABLE model_endpoint (
    id         UUID PRIMARY KEY,
    model_id   VARCHAR(200) NOT NULL,
    task       VARCHAR(48)  NOT NULL,
    kind       VARCHAR(16)  NOT NULL CHECK (kind IN ('SERVERLESS', 'DEDICATED', 'SELF_HOSTED')),
    base_url   VARCHAR(300),
    region     VARCHAR(32)  NOT NULL,
    priority   INTEGER      NOT NULL CHECK (priority BETWEEN 0 AND 100000),
    enabled    BOOLEAN      NOT NULL,
    created_at TIMESTAMPTZ  NOT NULL,
    version    BIGINT       NOT NULL DEFAULT 0,
    CONSTRAINT model_endpoint_url_unique UNIQUE (model_id, base_url),
    CONSTRAINT model_endpoint_router_only_serverless CHECK (base_url IS NOT NULL OR kind = 'SERVERLESS')
);
CREATE UNIQUE INDEX model_endpoint_one_router_row ON model_endpoint (model_id) WHERE base_url IS NULL;
CREATE INDEX model_endpoint_model ON model_endpoint (model_id, enabled, priority);
