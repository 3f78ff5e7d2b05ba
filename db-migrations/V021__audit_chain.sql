-- Issue 12, tamper evidence: every audit row is linked into a hash chain — one chain per audit
-- writer start (an instance's epoch), gap-free sequence numbers, SHA-256 over the row's canonical
-- encoding and the previous row's hash (docs/audit.md#tamper-evidence). Chain heads are signed
-- periodically (Ed25519; each checkpoint signs the previous one too), with keys whose private part
-- is sealed under the KEK and whose public part is published.
CREATE TABLE audit_chain (
    chain_id   UUID         PRIMARY KEY,
    started_at TIMESTAMPTZ  NOT NULL,
    writer     VARCHAR(200) NOT NULL
);

ALTER TABLE audit_record
    ADD COLUMN chain_id   UUID, -- no foreign key: a key check locks the chain's row in every commit; verification lists unknown chains
    ADD COLUMN chain_seq  BIGINT CHECK (chain_seq >= 1),
    ADD COLUMN entry_hash BYTEA CHECK (octet_length(entry_hash) = 32),
    ADD CONSTRAINT audit_record_chained CHECK ((chain_id IS NULL) = (chain_seq IS NULL) AND (chain_id IS NULL) = (entry_hash IS NULL));
CREATE UNIQUE INDEX audit_record_chain ON audit_record (chain_id, chain_seq);

CREATE TABLE audit_signing_key (
    key_id         VARCHAR(32)  PRIMARY KEY,
    public_key     BYTEA        NOT NULL,
    private_sealed BYTEA        NOT NULL,
    kek_id         VARCHAR(32)  NOT NULL,
    created_at     TIMESTAMPTZ  NOT NULL
);

CREATE TABLE audit_checkpoint (
    id             BIGSERIAL    PRIMARY KEY,
    chain_id       UUID         NOT NULL REFERENCES audit_chain (chain_id),
    chain_seq      BIGINT       NOT NULL CHECK (chain_seq >= 1),
    head_hash      BYTEA        NOT NULL CHECK (octet_length(head_hash) = 32),
    signed_at      TIMESTAMPTZ  NOT NULL,
    previous_id    BIGINT       REFERENCES audit_checkpoint (id),
    key_id         VARCHAR(32)  NOT NULL REFERENCES audit_signing_key (key_id),
    signature      BYTEA        NOT NULL
);
CREATE INDEX audit_checkpoint_chain ON audit_checkpoint (chain_id, id);

-- append-only, like the audit trail itself
CREATE TRIGGER audit_checkpoint_no_update BEFORE UPDATE OR DELETE ON audit_checkpoint
    FOR EACH ROW EXECUTE FUNCTION audit_record_immutable();
CREATE TRIGGER audit_chain_no_update BEFORE UPDATE OR DELETE ON audit_chain
    FOR EACH ROW EXECUTE FUNCTION audit_record_immutable();
