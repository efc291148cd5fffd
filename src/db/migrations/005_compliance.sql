-- Compliance: the review queue and reviewer actions, the PII vault (originals kept only
-- encrypted), retention settings, and archived audit segments with signed checkpoints.

-- One open review item per conversation; reasons accumulate while it is open. A closed
-- item stays as the record; a later flag opens a new one.
CREATE TABLE review_items (
  id              uuid PRIMARY KEY,
  conversation_id uuid NOT NULL REFERENCES conversations(id),
  client_id       text,
  advisor_id      text,
  flag_types      text[] NOT NULL DEFAULT '{}',
  reasons         jsonb NOT NULL DEFAULT '[]',   -- [{type, detail, turnId, at}]
  state           text NOT NULL DEFAULT 'open' CHECK (state IN ('open','in_review','escalated','closed')),
  disposition     text CHECK (disposition IN ('no_issue','coaching','remediation','reported','false_positive')),
  notes           text,
  assignee        text,
  sampled         boolean NOT NULL DEFAULT false,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX review_items_one_open ON review_items(conversation_id) WHERE state <> 'closed';
CREATE INDEX review_items_state_idx ON review_items(state, updated_at DESC);
CREATE INDEX review_items_created_idx ON review_items(created_at DESC);

CREATE TABLE review_actions (
  id          bigserial PRIMARY KEY,
  item_id     uuid NOT NULL REFERENCES review_items(id),
  reviewer_id text NOT NULL,
  action      text NOT NULL,                 -- transition | note | unmask | export
  from_state  text,
  to_state    text,
  disposition text,
  notes       text,
  audit_seq   bigint,                        -- the audit event that records this action
  at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX review_actions_item_idx ON review_actions(item_id, id);

-- Originals of masked PII, AES-256-GCM (auth/field-crypto.ts); the key never enters the
-- database. Bound to (turn, mask) by the cipher's associated data.
CREATE TABLE pii_vault (
  id              bigserial PRIMARY KEY,
  conversation_id uuid NOT NULL,
  turn_id         uuid NOT NULL,
  mask            text NOT NULL,
  entity_type     text NOT NULL,
  ciphertext      text NOT NULL,
  key_id          text NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now(),
  UNIQUE (turn_id, mask)
);
CREATE INDEX pii_vault_conversation_idx ON pii_vault(conversation_id);

CREATE TABLE retention_settings (
  id                   smallint PRIMARY KEY CHECK (id = 1),
  audit_retention_days int NOT NULL CHECK (audit_retention_days >= 1),
  vault_retention_days int NOT NULL CHECK (vault_retention_days >= 1),
  updated_by           text,
  updated_at           timestamptz NOT NULL DEFAULT now()
);

-- An archived segment of the audit chain: events [from_seq, to_seq] exported with their
-- hashes, and a checkpoint (last seq, last hash, segment digest) signed with the audit
-- key. Verification starts from the newest checkpoint once its rows are purged.
CREATE TABLE audit_checkpoints (
  id          bigserial PRIMARY KEY,
  from_seq    bigint NOT NULL,
  to_seq      bigint NOT NULL,
  last_hash   text NOT NULL,
  digest      text NOT NULL,
  event_count bigint NOT NULL,
  key_id      text NOT NULL,
  signature   text NOT NULL,
  location    text,
  created_at  timestamptz NOT NULL DEFAULT now(),
  purged_at   timestamptz
);

-- Purge of archived audit rows: DELETE stays refused unless the session opted in with
-- `SET LOCAL wealthdesk.audit_purge = 'on'` AND the row lies inside a signed checkpoint
-- AND it is older than the retention window. Everything else is still refused.
CREATE OR REPLACE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  days int;
BEGIN
  IF TG_OP = 'DELETE' AND coalesce(current_setting('wealthdesk.audit_purge', true), '') = 'on' THEN
    SELECT audit_retention_days INTO days FROM retention_settings WHERE id = 1;
    IF days IS NOT NULL
       AND OLD.at < now() - make_interval(days => days)
       AND EXISTS (SELECT 1 FROM audit_checkpoints c WHERE OLD.seq BETWEEN c.from_seq AND c.to_seq) THEN
      RETURN OLD;
    END IF;
  END IF;
  RAISE EXCEPTION 'audit_events is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
