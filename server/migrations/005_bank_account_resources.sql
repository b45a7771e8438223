-- Bank accounts as Balanced's resources (POST/GET/DELETE /bank_accounts): the user's meta, when it
-- was last changed, the fingerprint of its number (kept instead of the number), and a delete
-- (Balanced's unstore) that keeps the row, since credits still name it.
ALTER TABLE bank_accounts ADD COLUMN meta jsonb NOT NULL DEFAULT '{}'::jsonb;
ALTER TABLE bank_accounts ADD COLUMN fingerprint text;
ALTER TABLE bank_accounts ADD COLUMN updated_at timestamptz;
ALTER TABLE bank_accounts ADD COLUMN deleted_at timestamptz;
CREATE INDEX bank_accounts_newest ON bank_accounts (created_at DESC, id DESC) WHERE deleted_at IS NULL;
