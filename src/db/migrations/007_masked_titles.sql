-- Conversation titles used to be the raw first 60 characters of the first message, PII
-- included, outside the vault and its retention. Rebuild each from its first stored
-- turn's masked text (what new titles are made of); a conversation without a stored
-- turn loses its title.
UPDATE conversations c SET title = (
  SELECT left(regexp_replace(btrim(t.user_text), '\s+', ' ', 'g'), 60)
    FROM turns t
   WHERE t.conversation_id = c.id
   ORDER BY t.created_at, t.id
   LIMIT 1
);
