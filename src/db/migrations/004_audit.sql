-- Tamper-evident audit log: an append-only, hash-chained event table. Each event
-- carries the hash of the previous one (HMAC-SHA256 keyed by a secret the database
-- does not hold), so an altered, removed or reordered row breaks the chain.
-- UPDATE, DELETE and TRUNCATE are refused by the database itself.
CREATE TABLE audit_events (
  seq             bigint PRIMARY KEY,
  at              timestamptz NOT NULL,
  kind            text NOT NULL,
  actor           jsonb NOT NULL,
  conversation_id uuid,
  turn_id         uuid,
  payload         jsonb NOT NULL,
  key_id          text NOT NULL,
  prev_hash       text NOT NULL,
  hash            text NOT NULL UNIQUE
);
CREATE INDEX audit_events_conversation_idx ON audit_events(conversation_id, seq);
CREATE INDEX audit_events_kind_idx ON audit_events(kind, at);

-- The chain head: one row, the last seq and hash, locked while appending so
-- concurrent writers (several app nodes) serialize.
CREATE TABLE audit_head (
  id    smallint PRIMARY KEY CHECK (id = 1),
  seq   bigint NOT NULL,
  hash  text NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, 'GENESIS');

CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER audit_events_no_update BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();

-- The head may only move forward.
CREATE FUNCTION audit_head_forward_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' OR NEW.seq <= OLD.seq THEN
    RAISE EXCEPTION 'audit_head only moves forward' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER audit_head_forward BEFORE UPDATE OR DELETE ON audit_head
  FOR EACH ROW EXECUTE FUNCTION audit_head_forward_only();
