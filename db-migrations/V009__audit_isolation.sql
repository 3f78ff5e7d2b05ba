-- One bad entry never fails a batch (docs/security.md, class 3): columns sized for what they hold,
-- and a quarantined form for an entry the database refused as written.
ALTER TABLE audit_record
    ALTER COLUMN actor_role TYPE VARCHAR(200),     -- every role a person can hold, comma-separated
    ALTER COLUMN endpoint   TYPE VARCHAR(2048),    -- a full endpoint URL with its task path
    ALTER COLUMN target     TYPE VARCHAR(2048),    -- a request path or a model id
    ADD COLUMN quarantined       BOOLEAN NOT NULL DEFAULT FALSE,
    ADD COLUMN quarantine_reason VARCHAR(300);

COMMENT ON COLUMN audit_record.quarantined IS
    'true when the entry as written was refused by the database; the row keeps who, what, when and the outcome, '
    'drops the refused free-text fields, and quarantine_reason says why (SQLState, never a value)';
CREATE INDEX audit_record_quarantined ON audit_record (occurred_at) WHERE quarantined;
