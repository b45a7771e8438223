-- Held cash balance transactions an operator discarded (DELETE
-- /v1/customers/:id/cash_balance/pending/:transaction): each kept here as it was held, with the
-- refusal that held it and when it was discarded, append-only, so nothing received is ever lost
-- and a redelivery of one is a duplicate, never applied.

CREATE TABLE cash_discarded (
  customer_id  text NOT NULL REFERENCES cash_balances (customer_id),
  id           text NOT NULL,
  created      bigint NOT NULL,
  transaction  jsonb NOT NULL,
  refusal      jsonb NOT NULL,
  received_at  timestamptz NOT NULL,
  discarded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (customer_id, id)
);

CREATE TRIGGER cash_discarded_append_only BEFORE UPDATE OR DELETE ON cash_discarded
  FOR EACH STATEMENT EXECUTE FUNCTION journal_append_only();
