-- Stripe cash balances, fed by Stripe's webhooks. `state` is the package's cash balance state as
-- the last applied transaction left it; `cash_transactions` holds every transaction applied, in
-- the order applied (`seq`), each id once; `cash_pending` the transactions received whose
-- ending_balance shows a gap (an earlier one has not arrived yet), held until it does;
-- `stripe_events` every verified event, so a redelivery is a no-op.

CREATE TABLE cash_balances (
  customer_id text PRIMARY KEY,
  state       jsonb NOT NULL,
  applied     integer NOT NULL DEFAULT 0,
  -- The latest `created` of the transactions applied (null: none yet). Stripe's created never goes
  -- back along a customer's history, so none created before it may be applied after it.
  last_created bigint,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE cash_transactions (
  customer_id text NOT NULL REFERENCES cash_balances (customer_id),
  seq         integer NOT NULL,
  id          text NOT NULL,
  transaction jsonb NOT NULL,
  applied_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (customer_id, seq),
  UNIQUE (customer_id, id)
);

CREATE TRIGGER cash_transactions_append_only BEFORE UPDATE OR DELETE ON cash_transactions
  FOR EACH STATEMENT EXECUTE FUNCTION journal_append_only();

CREATE TABLE cash_pending (
  customer_id text NOT NULL REFERENCES cash_balances (customer_id),
  id          text NOT NULL,
  currency    text NOT NULL,
  -- The balance of `currency` the transaction follows (its ending_balance less its net_amount).
  follows     bigint NOT NULL,
  created     bigint NOT NULL,
  transaction jsonb NOT NULL,
  -- Why it could not be applied when its turn came (the package's refusal), if it could not.
  refusal     jsonb,
  received_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  PRIMARY KEY (customer_id, id)
);
-- The next pending transaction of a customer is looked up by the balance it follows; what was
-- created before it, by created.
CREATE INDEX cash_pending_follows ON cash_pending (customer_id, currency, follows);
CREATE INDEX cash_pending_created ON cash_pending (customer_id, created);

CREATE TABLE stripe_events (
  id          text PRIMARY KEY,
  type        text NOT NULL,
  customer_id text,
  outcome     text NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now()
);
