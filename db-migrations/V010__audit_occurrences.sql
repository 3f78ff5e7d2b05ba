-- Refusals under a flood are aggregated (hardening class 4): one row stands for `occurrences`
-- identical refusals from one client address in one window, so the table cannot grow without
-- bound while every refusal is still counted exactly.
ALTER TABLE audit_record
    ADD COLUMN occurrences INTEGER NOT NULL DEFAULT 1 CHECK (occurrences >= 1),
    ADD COLUMN client_address VARCHAR(64);
