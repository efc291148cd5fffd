import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { config } from '../../config.js';
import { auditKeyring } from '../../compliance/audit/keyring.js';
import { auditReportView, verifyAudit } from '../../compliance/audit/verify.js';
import { buildEvidence } from '../../compliance/evidence/bundle.js';
import { renderEvidencePdf } from '../../compliance/evidence/pdf.js';
import { runRetention } from '../../compliance/retention.js';
import { WealthDeskError } from '../../errors.js';
import { parseFlags } from '../args.js';
import { withStore } from '../store.js';

/** `audit verify` exits 1 whenever its report says `"ok": false`. */
export function exitCode(out: unknown): number {
  return out !== null && typeof out === 'object' && (out as { ok?: unknown }).ok === false ? 1 : 0;
}

export async function run(argv: string[]): Promise<unknown> {
  const [action, ...rest] = argv;
  const c = config();
  const ring = auditKeyring(c);
  if (action === 'verify') {
    // The chain, plus stored turns without events and events of unknown turns.
    return withStore(async (db) => auditReportView(await verifyAudit(db, ring, { anchorPath: c.AUDIT_ANCHOR_PATH })));
  }
  if (action === 'retention') {
    const { values } = parseFlags(rest, { purge: { type: 'boolean' }, 'archive-dir': { type: 'string' }, json: { type: 'boolean' } }, false);
    return withStore((db) => runRetention(db, ring, c, { purge: values.purge ?? false, archiveDir: values['archive-dir'] ?? join(c.DATA_DIR, 'audit-archive'), by: 'cli' }));
  }
  if (action === 'export') {
    const { values, positionals } = parseFlags(rest, { out: { type: 'string' }, format: { type: 'string' }, json: { type: 'boolean' } });
    const id = positionals[0];
    const format = values.format ?? 'json';
    if (!id || !values.out || (format !== 'json' && format !== 'pdf')) {
      throw new WealthDeskError('WD_ERR_VALIDATION', 'Usage: audit export <conversationId> --out <file> [--format json|pdf]');
    }
    return withStore(async (db) => {
      const bundle = await buildEvidence(db, ring, id, { role: 'compliance', reviewerId: 'cli' });
      writeFileSync(values.out!, format === 'json' ? JSON.stringify(bundle, null, 2) : await renderEvidencePdf(bundle));
      return { out: values.out, format, digest: bundle.digest, events: bundle.proof.events.length, chainOk: bundle.proof.chain.ok };
    });
  }
  throw new WealthDeskError('WD_ERR_VALIDATION', `Unknown audit action "${action ?? ''}"; expected verify, retention or export`);
}
