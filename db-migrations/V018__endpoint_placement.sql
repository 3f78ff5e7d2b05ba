-- Issue 11, residency and dedicated endpoints: an endpoint may belong to one tenant (its dedicated
-- Inference Endpoint or self-hosted TGI/TEI; no other tenant reaches it), and may be flagged as
-- sovereign infrastructure (the only kind Sovereign tenants are served by).
ALTER TABLE model_endpoint
    ADD COLUMN dedicated_to UUID REFERENCES tenant (id),
    ADD COLUMN sovereign    BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE model_endpoint ADD CONSTRAINT model_endpoint_router_is_shared CHECK (base_url IS NOT NULL OR dedicated_to IS NULL);
