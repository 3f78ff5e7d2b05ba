-- Hardening class 8: the Hugging Face key goes only over HTTPS, or to a plain-HTTP endpoint the
-- platform admin marked as a trusted private (self-hosted) server.
ALTER TABLE model_endpoint ADD COLUMN trusted_private BOOLEAN NOT NULL DEFAULT FALSE;
