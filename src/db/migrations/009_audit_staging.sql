-- Audit events staged by a turn's own transaction, before they are linked into the hash
-- chain. A turn's rows and its events commit together here without taking the chain
-- head's lock; the node's linker then moves them into audit_events in batches (one head
-- lock for many turns' events), and the turn waits for that before it speaks or reports
-- `done`. `mac` (HMAC with the audit key, which the database does not hold) covers each
-- row's content, so a row left here by a crashed node is linked only if unaltered.
CREATE TABLE audit_pending (
  id              bigserial PRIMARY KEY,
  at              timestamptz NOT NULL,
  kind            text NOT NULL,
  actor           jsonb NOT NULL,
  conversation_id uuid,
  turn_id         uuid,
  payload         jsonb NOT NULL,
  key_id          text NOT NULL,
  mac             text NOT NULL,
  node            text,
  boot            text,
  staged_at       timestamptz NOT NULL DEFAULT now()
);
