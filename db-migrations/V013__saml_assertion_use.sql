-- Hardening class 7: a SAML assertion signs in once, on any instance. Its id is kept until the
-- assertion could no longer be accepted anyway (NotOnOrAfter plus the clock skew), then purged.
CREATE TABLE saml_assertion_use (
    assertion_id     VARCHAR(256) PRIMARY KEY,
    tenant_id        UUID         NOT NULL,
    used_at          TIMESTAMPTZ  NOT NULL,
    not_on_or_after  TIMESTAMPTZ  NOT NULL
);
CREATE INDEX saml_assertion_use_expiry ON saml_assertion_use (not_on_or_after);
