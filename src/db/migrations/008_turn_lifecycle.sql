-- A turn is recorded before it answers: its row is 'open' (with its input events in the
-- audit chain) from before the first token until it ends ok / refused / error, or is
-- cancelled (the sender went away) or interrupted (a crash, a shutdown deadline, a model
-- stream cut mid-answer). `node` names the server that runs it, so start-up recovery
-- closes only the open turns a crashed incarnation of that node left behind.
ALTER TABLE turns DROP CONSTRAINT IF EXISTS turns_status_check;
ALTER TABLE turns ADD CONSTRAINT turns_status_check
  CHECK (status IN ('open','ok','refused','error','cancelled','interrupted'));
ALTER TABLE turns ADD COLUMN node text;
ALTER TABLE turns ADD COLUMN boot text;
ALTER TABLE turns ADD COLUMN finished_at timestamptz;
CREATE INDEX turns_open_idx ON turns(created_at) WHERE status = 'open';
