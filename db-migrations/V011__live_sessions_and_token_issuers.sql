-- Hardening class 6. A session keeps the IdP groups it signed in with, so its roles can be worked
-- out again on every request from the bindings and group mappings as they are now; a token keeps
-- who issued it, so a tenant admin can revoke everything a person issued.
ALTER TABLE user_session ADD COLUMN idp_groups TEXT NOT NULL DEFAULT '';
ALTER TABLE api_token ADD COLUMN issued_by VARCHAR(200);
CREATE INDEX api_token_issued_by ON api_token (tenant_id, issued_by) WHERE issued_by IS NOT NULL;
