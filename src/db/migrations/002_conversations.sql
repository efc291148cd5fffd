-- Conversations and turns. User text is stored masked; the audit chain (a later
-- migration) references turns by id.
CREATE TABLE conversations (
  id             uuid PRIMARY KEY,
  principal_role text NOT NULL CHECK (principal_role IN ('client','advisor','compliance')),
  principal_id   text NOT NULL,
  client_id      text REFERENCES clients(id),     -- the client the conversation is about, when one
  advisor_id     text REFERENCES advisors(id),
  title          text,
  language       text,
  state          jsonb NOT NULL DEFAULT '{}',     -- multi-turn flow state (e.g. questionnaire progress)
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX conversations_principal_idx ON conversations(principal_role, principal_id, updated_at DESC);

-- Model-visible history, in order.
CREATE TABLE messages (
  id              bigserial PRIMARY KEY,
  conversation_id uuid NOT NULL REFERENCES conversations(id),
  turn_id         uuid,
  seq             int NOT NULL,
  role            text NOT NULL CHECK (role IN ('user','assistant','tool')),
  content         text NOT NULL,
  tool_calls      jsonb,             -- assistant: [{id, name, args}]
  tool_call_id    text,              -- tool: which call this answers
  tool_name       text,
  created_at      timestamptz NOT NULL DEFAULT now(),
  UNIQUE (conversation_id, seq)
);

CREATE TABLE turns (
  id              uuid PRIMARY KEY,
  conversation_id uuid NOT NULL REFERENCES conversations(id),
  principal       jsonb NOT NULL,
  user_text       text NOT NULL,     -- masked
  answer          text,
  tool_calls      jsonb NOT NULL DEFAULT '[]',  -- [{name, args, result, ok, ms}]
  citations       jsonb NOT NULL DEFAULT '[]',
  guard           jsonb NOT NULL DEFAULT '{}',  -- {input:{decision,categories}, output:{decision,categories}}
  flags           jsonb NOT NULL DEFAULT '[]',
  model           text NOT NULL,
  language        text,
  latency_ms      int,
  status          text NOT NULL DEFAULT 'ok' CHECK (status IN ('ok','refused','error')),
  error           jsonb,
  created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX turns_conversation_idx ON turns(conversation_id, created_at);
