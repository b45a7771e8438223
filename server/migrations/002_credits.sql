-- Credits (Balanced's payouts). `resource` is the credit as the package wrote it, in the shape of
-- its version; the schedule is kept in columns beside it so lists page in SQL and the job finds
-- what is due by an index. A bank account is kept when a credit brings new details, so later
-- credits can name it (POST /v1/bank_accounts/:id/credits).

CREATE TABLE bank_accounts (
  id             text PRIMARY KEY,
  name           text NOT NULL,
  bank_name      text,
  routing_number text NOT NULL,
  last_four      text NOT NULL,
  account_type   text,
  created_at     timestamptz NOT NULL
);

CREATE TABLE credits (
  id               text PRIMARY KEY,
  version          text NOT NULL CHECK (version IN ('1', '1.1')),
  bank_account_id  text NOT NULL REFERENCES bank_accounts (id),
  -- The version's own word: pending, then cleared | rejected (v1) or succeeded | failed (v1.1).
  status           text NOT NULL,
  resource         jsonb NOT NULL,
  created_at       timestamptz NOT NULL,
  submitted_at     timestamptz NOT NULL,
  available_at     timestamptz NOT NULL,
  failure_deadline timestamptz NOT NULL,
  updated_at       timestamptz NOT NULL
);
CREATE INDEX credits_newest ON credits (version, created_at DESC, id DESC);
CREATE INDEX credits_of_bank_account ON credits (bank_account_id, version, created_at DESC, id DESC);
CREATE INDEX credits_due ON credits (available_at, id) WHERE status = 'pending';

-- What happened to each credit, in order (the demo's timeline; Balanced 1.1's credits.events):
-- created, each status change (by a bank's report or by the job at available_at), each update.
CREATE TABLE credit_events (
  credit_id   text NOT NULL REFERENCES credits (id),
  position    integer NOT NULL,
  type        text NOT NULL,
  status      text NOT NULL,
  source      text NOT NULL CHECK (source IN ('api', 'bank', 'schedule')),
  occurred_at timestamptz NOT NULL,
  PRIMARY KEY (credit_id, position)
);

-- An Idempotency-Key of a credit creation: the request's fingerprint and the answer it got.
CREATE TABLE credit_idempotency_keys (
  key         text PRIMARY KEY,
  fingerprint text NOT NULL,
  status      integer NOT NULL,
  response    jsonb NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);
