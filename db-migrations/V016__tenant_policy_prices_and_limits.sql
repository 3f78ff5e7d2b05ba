-- Issue 11: tier policy in the request path.

-- A tenant's overrides of its tier's defaults (null: the tier's). Set by the platform admin.
CREATE TABLE tenant_policy (
    tenant_id            UUID          PRIMARY KEY REFERENCES tenant (id),
    requests_per_minute  INTEGER       CHECK (requests_per_minute > 0),
    tokens_per_minute    BIGINT        CHECK (tokens_per_minute > 0),
    tokens_per_day       BIGINT        CHECK (tokens_per_day > 0),
    tokens_per_month     BIGINT        CHECK (tokens_per_month > 0),
    budget_usd_per_month NUMERIC(14,4) CHECK (budget_usd_per_month >= 0),
    allowed_models       TEXT,                                  -- JSON arrays
    allowed_providers    TEXT,
    allowed_regions      TEXT,
    residency            VARCHAR(16)   CHECK (residency IN ('GLOBAL', 'REGIONAL', 'SOVEREIGN')),
    compliance_profile   VARCHAR(16)   CHECK (compliance_profile IN ('SOC2', 'HIPAA', 'FEDRAMP_HIGH')),
    dedicated_only       BOOLEAN,
    updated_at           TIMESTAMPTZ   NOT NULL,
    version              BIGINT        NOT NULL DEFAULT 0
);

-- Prices in USD, per model (the platform admin's table; seeded for the default models).
CREATE TABLE model_price (
    model_id            VARCHAR(200)  PRIMARY KEY,
    input_per_1k        NUMERIC(14,8) NOT NULL CHECK (input_per_1k >= 0),
    output_per_1k       NUMERIC(14,8) NOT NULL CHECK (output_per_1k >= 0),
    per_image           NUMERIC(14,8) NOT NULL DEFAULT 0 CHECK (per_image >= 0),
    per_audio_second    NUMERIC(14,8) NOT NULL DEFAULT 0 CHECK (per_audio_second >= 0),
    per_embedding_token NUMERIC(14,10) NOT NULL DEFAULT 0 CHECK (per_embedding_token >= 0),
    updated_at          TIMESTAMPTZ   NOT NULL,
    version             BIGINT        NOT NULL DEFAULT 0
);
INSERT INTO model_price (model_id, input_per_1k, output_per_1k, per_image, per_audio_second, per_embedding_token, updated_at) VALUES
    ('HuggingFaceH4/zephyr-7b-beta',              0.00015, 0.00020, 0,     0,      0,           now()),
    ('mistralai/Mixtral-8x7B-Instruct-v0.1',      0.00060, 0.00060, 0,     0,      0,           now()),
    ('meta-llama/Llama-3.1-8B-Instruct',          0.00020, 0.00020, 0,     0,      0,           now()),
    ('stabilityai/stable-diffusion-xl-base-1.0',  0,       0,       0.004, 0,      0,           now()),
    ('openai/whisper-large-v3',                   0,       0,       0,     0.0001, 0,           now()),
    ('BAAI/bge-small-en-v1.5',                    0,       0,       0,     0,      0.00000002,  now());

-- Limits exact across instances: each counter is one tenant's (or credential's) use of one limit
-- in one period. Instances lease blocks of it (UPDATE under a row lock) and serve them from
-- memory; what they lease never exceeds the limit (docs/limits.md).
CREATE TABLE limit_counter (
    limit_key    VARCHAR(120) NOT NULL,
    period_start TIMESTAMPTZ  NOT NULL,
    used         BIGINT       NOT NULL CHECK (used >= 0),
    PRIMARY KEY (limit_key, period_start)
);

-- What each inference call cost (USD, from the price table) and the policy that admitted or refused it.
ALTER TABLE audit_record
    ADD COLUMN cost_usd       NUMERIC(14,8),
    ADD COLUMN policy_verdict VARCHAR(160);
