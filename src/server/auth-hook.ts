/**
 * Protected by default: every route needs a valid bearer token unless its config says
 * `public: true`; a route may narrow the roles allowed with `config.roles`. The hook runs
 * on `onRequest`, before the body is read, so an unauthenticated caller costs nothing.
 * With a store, the token's client or advisor must still exist (a token outlives a
 * deleted client by up to its lifetime otherwise): see {@link createPrincipalCheck}.
 */
import type { FastifyInstance } from 'fastify';
import { principalId, type Principal } from '../auth/principal.js';
import { bearerFrom, verifyToken } from '../auth/tokens.js';
import type { Db } from '../db/db.js';
import { WealthDeskError } from '../errors.js';

/** How long a principal seen to exist is trusted without asking the store again, ms. */
export const PRINCIPAL_CHECK_TTL_MS = 5_000;

/**
 * A check that the client or advisor named by a verified token is in the store; throws
 * WD_ERR_UNAUTHENTICATED ('Unknown principal') otherwise. Positive answers are reused for
 * `ttlMs`, negative ones never. Compliance reviewers have no table here and pass.
 */
export function createPrincipalCheck(db: Db, ttlMs = PRINCIPAL_CHECK_TTL_MS): (p: Principal) => Promise<void> {
  const seen = new Map<string, number>();
  return async (p) => {
    if (p.role === 'compliance') return;
    const key = `${p.role}:${principalId(p)}`;
    const at = seen.get(key);
    if (at !== undefined && performance.now() - at < ttlMs) return;
    const sql = p.role === 'client' ? 'SELECT 1 FROM clients WHERE id = $1' : 'SELECT 1 FROM advisors WHERE id = $1';
    const r = await db.query(sql, [principalId(p)]);
    if (r.rows.length === 0) throw new WealthDeskError('WD_ERR_UNAUTHENTICATED', 'Unknown principal');
    if (seen.size > 10_000) seen.clear();
    seen.set(key, performance.now());
  };
}

/** Installs the hook on the root instance (so it covers every plugin); with `db`, unknown principals are refused. */
export function installAuth(app: FastifyInstance, secret: string, db?: Db): void {
  const exists = db ? createPrincipalCheck(db) : undefined;
  app.decorateRequest('principal', undefined);
  app.addHook('onRequest', async (request) => {
    if (request.is404) return;
    const cfg = request.routeOptions.config;
    if (cfg.public) return;
    const token = bearerFrom(request.headers.authorization);
    if (!token) throw new WealthDeskError('WD_ERR_UNAUTHENTICATED', 'Missing bearer token');
    const principal = await verifyToken(token, { secret });
    if (cfg.roles && !cfg.roles.includes(principal.role)) {
      throw new WealthDeskError('WD_ERR_FORBIDDEN', `Role "${principal.role}" may not use this route`);
    }
    await exists?.(principal);
    request.principal = principal;
  });
}
