/**
 * Field encryption for data the business must keep but nobody should read casually
 * (originals of masked PII): AES-256-GCM, a fresh 96-bit IV per value, the key id in
 * the envelope so keys can rotate (old ids stay in the ring for decryption), and
 * associated data binding a ciphertext to its row so it cannot be moved to another.
 *
 * Envelope: `v1.<keyId>.<iv b64url>.<tag b64url>.<ciphertext b64url>`.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import type { Config } from '../config.js';
import { WealthDeskError } from '../errors.js';

export interface FieldKeyring {
  currentId: string;
  keys: Readonly<Record<string, Buffer>>;
}

/** Parses a 32-byte key written as 64 hex characters or base64. */
export function parseKey(raw: string): Buffer {
  const s = raw.trim();
  const buf = /^[0-9a-f]{64}$/i.test(s) ? Buffer.from(s, 'hex') : Buffer.from(s, 'base64');
  if (buf.length !== 32) throw new WealthDeskError('WD_ERR_CONFIG', 'FIELD_ENCRYPTION_KEY must be 32 bytes (64 hex characters or base64)');
  return buf;
}

/**
 * The keyring from configuration: `FIELD_ENCRYPTION_KEY` under `FIELD_ENCRYPTION_KEY_ID`.
 * Outside production, without a key, a demo key is derived from AUTH_SECRET (id `demo`).
 * `retired` adds older keys (id → key) still needed to decrypt.
 */
export function fieldKeyring(c: Config, retired: Record<string, string> = {}): FieldKeyring {
  const keys: Record<string, Buffer> = {};
  for (const [id, k] of Object.entries(retired)) keys[id] = parseKey(k);
  if (c.FIELD_ENCRYPTION_KEY) {
    keys[c.FIELD_ENCRYPTION_KEY_ID] = parseKey(c.FIELD_ENCRYPTION_KEY);
    return { currentId: c.FIELD_ENCRYPTION_KEY_ID, keys: Object.freeze(keys) };
  }
  if (c.NODE_ENV === 'production') throw new WealthDeskError('WD_ERR_CONFIG', 'FIELD_ENCRYPTION_KEY is required in production');
  keys.demo = createHash('sha256').update(`field:${c.AUTH_SECRET}`).digest();
  return { currentId: 'demo', keys: Object.freeze(keys) };
}

/** Encrypts `plaintext` (UTF-8) with the current key; `aad` must be given again to decrypt. */
export function encryptField(ring: FieldKeyring, plaintext: string, aad = ''): string {
  const key = ring.keys[ring.currentId];
  if (!key) throw new WealthDeskError('WD_ERR_CONFIG', `No field key with id "${ring.currentId}"`);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return ['v1', ring.currentId, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ct.toString('base64url')].join('.');
}

/** The key id an envelope was written with (for re-encryption after rotation). */
export function envelopeKeyId(envelope: string): string | undefined {
  const parts = envelope.split('.');
  return parts.length === 5 && parts[0] === 'v1' ? parts[1] : undefined;
}

/** Decrypts an envelope; throws WD_ERR_INTERNAL on a wrong key, AAD or tampered bytes. */
export function decryptField(ring: FieldKeyring, envelope: string, aad = ''): string {
  const parts = envelope.split('.');
  if (parts.length !== 5 || parts[0] !== 'v1') throw new WealthDeskError('WD_ERR_INTERNAL', 'Not a field-encryption envelope');
  const [, keyId, iv, tag, ct] = parts;
  const key = ring.keys[keyId];
  if (!key) throw new WealthDeskError('WD_ERR_CONFIG', `No field key with id "${keyId}"`);
  try {
    const d = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    d.setAAD(Buffer.from(aad, 'utf8'));
    d.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([d.update(Buffer.from(ct, 'base64url')), d.final()]).toString('utf8');
  } catch (e) {
    throw new WealthDeskError('WD_ERR_INTERNAL', 'Field decryption failed (wrong key, context or tampered data)', { cause: e });
  }
}
