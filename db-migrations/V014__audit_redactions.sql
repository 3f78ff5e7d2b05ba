-- Hardening class 10: which kinds of personal data were removed from a prompt before it went
-- upstream, with counts (e.g. EMAIL=2,CARD=1) — never the values.
ALTER TABLE audit_record ADD COLUMN redactions VARCHAR(300);
