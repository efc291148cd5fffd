import { config } from '../../config.js';
import { verifyAuditChain } from '../../compliance/audit/chain.js';
import { auditKeyring } from '../../compliance/audit/keyring.js';
import { WealthDeskError } from '../../errors.js';
import { withStore } from '../store.js';

export const summary = 'audit verify: recompute the audit hash chain and name the first altered or removed event';

export async function run(argv: string[]): Promise<unknown> {
  const [action] = argv;
  if (action !== 'verify') {
    throw new WealthDeskError('WD_ERR_VALIDATION', `Unknown audit action "${action ?? ''}"; expected "verify"`);
  }
  const ring = auditKeyring(config());
  return withStore(async (db) => {
    const r = await verifyAuditChain(db, ring);
    return { ok: r.ok, events: r.events, firstBadEventId: r.firstBadEventId, ...(r.reason ? { reason: r.reason } : {}) };
  });
}
