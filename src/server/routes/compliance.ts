/**
 * The compliance API and console (only the compliance role reaches the API):
 *
 *   GET  /compliance                                     the console page (static, public; it holds no data)
 *   GET  /api/v1/compliance/queue                        ?from&to&advisor&client&flag&state&q&limit&offset
 *   GET  /api/v1/compliance/conversations/:id            timeline, PII masked
 *   POST /api/v1/compliance/conversations/:id/unmask     {reason} → originals; the reason is audited first
 *   POST /api/v1/compliance/reviews/:id/actions          {to?, disposition?, notes?} → the item
 *   GET  /api/v1/compliance/conversations/:id/evidence   ?format=json|pdf
 *   POST /api/v1/compliance/audit/verify                 {ok, events, firstBadEventId, turnsWithoutEvents, eventsOfUnknownTurns}
 *   GET  /api/v1/compliance/retention, PUT (settings), POST /retention/run
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { fieldKeyring } from '../../auth/field-crypto.js';
import type { Principal } from '../../auth/principal.js';
import { appendAuditEvents } from '../../compliance/audit/chain.js';
import { auditKeyring } from '../../compliance/audit/keyring.js';
import { auditReportView, verifyAudit } from '../../compliance/audit/verify.js';
import { buildEvidence } from '../../compliance/evidence/bundle.js';
import { getRetention, runRetention, setRetention } from '../../compliance/retention.js';
import { applyReviewAction, DISPOSITIONS, getTimeline, listQueue, MIN_REASON_CHARS, unmaskConversation } from '../../compliance/review/index.js';
import type { Config } from '../../config.js';
import type { Db } from '../../db/db.js';
import { WealthDeskError } from '../../errors.js';
import { pageCsp } from '../security-headers.js';

/** Absolute path of `web-widget/compliance/`. */
export const CONSOLE_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'web-widget', 'compliance');
const ASSETS: Record<string, string> = { 'console.js': 'text/javascript; charset=utf-8', 'console.css': 'text/css; charset=utf-8' };

const STATE = z.enum(['open', 'in_review', 'escalated', 'closed']);
const DATE = z.string().regex(/^\d{4}-\d{2}-\d{2}(?:T[\d:.]+(?:Z|[+-]\d{2}:\d{2})?)?$/);
const ID = z.string().regex(/^[\w.-]{1,64}$/);
const QueueQuery = z.object({
  from: DATE.optional(),
  to: DATE.optional(),
  advisor: ID.optional(),
  client: ID.optional(),
  flag: z.string().regex(/^[a-z_]{1,32}$/).optional(),
  state: STATE.optional(),
  q: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
  offset: z.coerce.number().int().min(0).optional(),
});
const UUID = z.object({ id: z.string().uuid() });
const Unmask = z.object({ reason: z.string().min(1).max(500) });
const Action = z.object({ to: STATE.optional(), disposition: z.enum(DISPOSITIONS).optional(), notes: z.string().max(2000).optional() });
const Retention = z.object({ auditRetentionDays: z.number().int(), vaultRetentionDays: z.number().int() });
const RunRetention = z.object({ purge: z.boolean().default(false) });

function parse<T>(schema: z.ZodType<T>, v: unknown): T {
  const r = schema.safeParse(v ?? {});
  if (!r.success) throw new WealthDeskError('WD_ERR_VALIDATION', r.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '));
  return r.data;
}

const reviewer = (req: FastifyRequest): Principal & { role: 'compliance' } => {
  const p = req.principal;
  if (!p || p.role !== 'compliance') throw new WealthDeskError('WD_ERR_FORBIDDEN', 'Compliance role required');
  return p;
};

export interface ComplianceRoutesOptions {
  db: Db;
  config: Config;
  /** Where the retention job writes archived audit segments (default `${DATA_DIR}/audit-archive`). */
  archiveDir?: string;
}

export const complianceRoutes: FastifyPluginAsync<ComplianceRoutesOptions> = async (app, { db, config, archiveDir }) => {
  const rings = { audit: auditKeyring(config), field: fieldKeyring(config) };
  const roles = { roles: ['compliance'] as const };
  const page = () => readFileSync(join(CONSOLE_DIR, 'index.html'));

  // The console is never framable, whatever the widget's framing policy (clickjacking an unmask).
  const csp = pageCsp(["'none'"]).replace("connect-src 'self' ws: wss:", "connect-src 'self'");
  app.get('/compliance', { config: { public: true } }, async (_req, reply) =>
    reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').header('content-security-policy', csp).send(page()));
  app.get<{ Params: { file: string } }>('/compliance/:file', { config: { public: true } }, async (req, reply) => {
    const type = ASSETS[req.params.file];
    if (!type) throw new WealthDeskError('WD_ERR_NOT_FOUND', 'No such asset');
    return reply.type(type).header('cache-control', 'no-cache').send(readFileSync(join(CONSOLE_DIR, req.params.file)));
  });

  app.get('/api/v1/compliance/queue', { config: roles }, async (req) => {
    const q = parse(QueueQuery, req.query);
    return listQueue(db, { from: q.from, to: q.to, advisorId: q.advisor, clientId: q.client, flagType: q.flag, state: q.state, q: q.q, limit: q.limit, offset: q.offset });
  });

  app.get('/api/v1/compliance/conversations/:id', { config: roles }, async (req) => getTimeline(db, parse(UUID, req.params).id));

  app.post('/api/v1/compliance/conversations/:id/unmask', { config: roles }, async (req) => {
    const { id } = parse(UUID, req.params);
    const principal = reviewer(req);
    const body = Unmask.safeParse(req.body ?? {});
    const reason = body.success ? body.data.reason.trim() : '';
    if ([...reason].length < MIN_REASON_CHARS) {
      // A refused attempt is evidence too: who tried, on what, and how long the reason was (not its text).
      await appendAuditEvents(db, rings.audit, [
        { kind: 'pii.unmask_refused', actor: { ...principal }, conversationId: id, payload: { reasonChars: [...reason].length, minChars: MIN_REASON_CHARS } },
      ]);
      throw new WealthDeskError('WD_ERR_VALIDATION', `reason: at least ${MIN_REASON_CHARS} characters are required to unmask`, { details: { path: 'reason' } });
    }
    return unmaskConversation(db, rings, { principal, conversationId: id, reason });
  });

  app.post('/api/v1/compliance/reviews/:id/actions', { config: roles }, async (req) => {
    const { id } = parse(UUID, req.params);
    const a = parse(Action, req.body);
    return applyReviewAction(db, rings.audit, { itemId: id, reviewerId: reviewer(req).reviewerId, ...a });
  });

  app.get('/api/v1/compliance/conversations/:id/evidence', { config: roles }, async (req, reply) => {
    const { id } = parse(UUID, req.params);
    const { format } = parse(z.object({ format: z.enum(['json', 'pdf']).default('json') }), req.query);
    const bundle = await buildEvidence(db, rings.audit, id, reviewer(req));
    const name = `evidence-${id}.${format}`;
    void reply.header('content-disposition', `attachment; filename="${name}"`);
    if (format === 'json') return reply.type('application/json; charset=utf-8').send(JSON.stringify(bundle, null, 2));
    // pdfkit is loaded on the first PDF export, not at start.
    const { renderEvidencePdf } = await import('../../compliance/evidence/pdf.js');
    return reply.type('application/pdf').send(await renderEvidencePdf(bundle));
  });

  app.post('/api/v1/compliance/audit/verify', { config: roles }, async () => {
    return auditReportView(await verifyAudit(db, rings.audit, { anchorPath: config.AUDIT_ANCHOR_PATH }));
  });

  app.get('/api/v1/compliance/retention', { config: roles }, async () => getRetention(db, config));
  app.put('/api/v1/compliance/retention', { config: roles }, async (req) => {
    const s = parse(Retention, req.body);
    return setRetention(db, rings.audit, { ...s, by: reviewer(req).reviewerId });
  });
  app.post('/api/v1/compliance/retention/run', { config: roles }, async (req) => {
    const { purge } = parse(RunRetention, req.body);
    return runRetention(db, rings.audit, config, { purge, archiveDir: archiveDir ?? join(config.DATA_DIR, 'audit-archive'), by: reviewer(req).reviewerId });
  });
};
