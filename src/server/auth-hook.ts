/**
 * Protected by default: every route needs a valid bearer token unless its config says
 * `public: true`; a route may narrow the roles allowed with `config.roles`. The hook runs
 * on `onRequest`, before the body is read, so an unauthenticated caller costs nothing.
 */
import type { FastifyInstance } from 'fastify';
import { bearerFrom, verifyToken } from '../auth/tokens.js';
import { WealthDeskError } from '../errors.js';

/** Installs the hook on the root instance (so it covers every plugin). */
export function installAuth(app: FastifyInstance, secret: string): void {
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
    request.principal = principal;
  });
}
