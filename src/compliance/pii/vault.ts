/**
 * The PII vault: originals of masked entities, kept only encrypted (AES-256-GCM via
 * auth/field-crypto) and only where the business needs them (to identify a client in
 * a complaint or a regulator's request). The model, the logs and the audit chain only
 * ever see masks. Reading the originals is `unmaskConversation` in review/, which
 * requires a reason and audits it.
 */
import type { Queryable } from '../../db/db.js';
import { decryptField, encryptField, type FieldKeyring } from '../../auth/field-crypto.js';

export interface VaultEntry {
  mask: string;
  type: string;
  original: string;
}

const aad = (turnId: string, mask: string) => `pii:${turnId}:${mask}`;

/** Stores the originals of one turn's masks (mask → original, type per mask). Idempotent per (turn, mask). */
export async function storePiiOriginals(
  db: Queryable,
  ring: FieldKeyring,
  e: { conversationId: string; turnId: string; originals: ReadonlyMap<string, string>; types: ReadonlyMap<string, string> },
): Promise<number> {
  let n = 0;
  for (const [mask, original] of e.originals) {
    const r = await db.query(
      `INSERT INTO pii_vault (conversation_id, turn_id, mask, entity_type, ciphertext, key_id)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (turn_id, mask) DO NOTHING`,
      [e.conversationId, e.turnId, mask, e.types.get(mask) ?? 'UNKNOWN', encryptField(ring, original, aad(e.turnId, mask)), ring.currentId],
    );
    n += r.rowCount;
  }
  return n;
}

/** Decrypts every vault entry of a conversation, grouped by turn id. Callers must audit first. */
export async function readPiiOriginals(db: Queryable, ring: FieldKeyring, conversationId: string): Promise<Record<string, VaultEntry[]>> {
  const r = await db.query<{ turn_id: string; mask: string; entity_type: string; ciphertext: string }>(
    `SELECT turn_id, mask, entity_type, ciphertext FROM pii_vault WHERE conversation_id = $1 ORDER BY id`,
    [conversationId],
  );
  const out: Record<string, VaultEntry[]> = {};
  for (const row of r.rows) {
    (out[row.turn_id] ??= []).push({ mask: row.mask, type: row.entity_type, original: decryptField(ring, row.ciphertext, aad(row.turn_id, row.mask)) });
  }
  return out;
}
