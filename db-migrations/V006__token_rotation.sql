-- Token rotation: the old token keeps working for a grace period and points to its successor.
ALTER TABLE api_token
    ADD COLUMN rotated_at  TIMESTAMPTZ,
    ADD COLUMN replaced_by UUID REFERENCES api_token (id);
