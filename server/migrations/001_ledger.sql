-- The ledger's tables. `state` is the package's customer object as the last call answered it,
-- `initial` the customer as created (folding the journal onto it gives `state`); the journal holds
-- every entry the calls created and is never changed.

CREATE TABLE customers (
  id         text PRIMARY KEY,
  name       text,
  state      jsonb NOT NULL,
  initial    jsonb NOT NULL,
  version    integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- One row per entry; (customer, version, position) is unique, so an operation can never be
-- appended twice, even by two servers.
CREATE TABLE journal (
  customer_id text NOT NULL REFERENCES customers (id),
  version     integer NOT NULL,
  position    integer NOT NULL,
  entry       jsonb NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (customer_id, version, position)
);

CREATE FUNCTION journal_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the journal is append-only';
END
$$;

CREATE TRIGGER journal_append_only BEFORE UPDATE OR DELETE ON journal
  FOR EACH STATEMENT EXECUTE FUNCTION journal_append_only();

-- An Idempotency-Key, per customer: the request's fingerprint and the answer it got, replayed
-- for the same request and refused (409) for another.
CREATE TABLE idempotency_keys (
  customer_id text NOT NULL REFERENCES customers (id),
  key         text NOT NULL,
  fingerprint text NOT NULL,
  status      integer NOT NULL,
  response    jsonb NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (customer_id, key)
);

-- Customer keys, as SHA-256 hex of the key; the key itself is shown once, when created.
CREATE TABLE api_keys (
  hash        text PRIMARY KEY,
  kind        text NOT NULL CHECK (kind = 'customer'),
  customer_id text NOT NULL REFERENCES customers (id),
  created_at  timestamptz NOT NULL DEFAULT now()
);
