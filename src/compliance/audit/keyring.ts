import { createHash } from 'node:crypto';
import type { Config } from '../../config.js';
import { WealthDeskError } from '../../errors.js';
import type { AuditKeyring } from './chain.js';

/**
 * The audit keys from configuration: the current key (AUDIT_HMAC_KEY, id
 * AUDIT_HMAC_KEY_ID) and retired ones kept for verification (AUDIT_HMAC_OLD_KEYS).
 * Outside production a key is derived from AUTH_SECRET so the demo runs unconfigured.
 */
export function auditKeyring(c: Config): AuditKeyring {
  let current = c.AUDIT_HMAC_KEY;
  if (!current) {
    if (c.NODE_ENV === 'production') throw new WealthDeskError('WD_ERR_CONFIG', 'AUDIT_HMAC_KEY is required in production');
    current = createHash('sha256').update(`audit:${c.AUTH_SECRET}`).digest('hex');
  }
  const keys: Record<string, string> = {};
  for (const pair of (c.AUDIT_HMAC_OLD_KEYS ?? '').split(',').filter(Boolean)) {
    const i = pair.indexOf(':');
    if (i <= 0) throw new WealthDeskError('WD_ERR_CONFIG', 'AUDIT_HMAC_OLD_KEYS must be "id:key,id:key"');
    keys[pair.slice(0, i)] = pair.slice(i + 1);
  }
  keys[c.AUDIT_HMAC_KEY_ID] = current;
  return { currentId: c.AUDIT_HMAC_KEY_ID, keys: Object.freeze(keys) };
}
