-- Issue 12, SIEM: every audit entry is forwarded to Splunk HTTP Event Collector. The outbox is the
-- audit trail itself — an entry is in it the moment its own transaction commits — and this table is
-- the forwarder's progress: per chain, the last entry the collector acknowledged (indexer
-- acknowledgement). Entries go in chain order, at least once; each carries its stable id
-- (<chain_id>:<seq>) so the SIEM can drop a duplicate.
CREATE TABLE siem_cursor (
    chain_id   UUID        PRIMARY KEY,
    last_seq   BIGINT      NOT NULL CHECK (last_seq >= 0),
    complete   BOOLEAN     NOT NULL DEFAULT FALSE, -- the chain ended (reconciled) and every entry of it was acknowledged
    updated_at TIMESTAMPTZ NOT NULL
);
