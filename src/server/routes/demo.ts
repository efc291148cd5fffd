/**
 * Demo mode only (404 otherwise, as if the routes did not exist): a persona picker
 * (`GET /api/v1/demo/clients`, the first 10 clients by id) and a token for any existing
 * client or advisor (`POST /api/v1/demo/token {as: 'client:C0001'}`).
 */
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { parsePrincipal, type Principal } from '../../auth/principal.js';
import { signToken } from '../../auth/tokens.js';
import type { Config } from '../../config.js';
import type { Db } from '../../db/db.js';
import { WealthDeskError } from '../../errors.js';

/** Demo tokens live one hour. */
const DEMO_TTL_SECONDS = 3600;

export interface DemoPersona {
  id: string;
  name: string;
  nameEn: string;
  baseCurrency: string;
  language: string;
  riskLevel: number | null;
}

/** Body of `POST /api/v1/demo/token`. */
export const demoTokenBody = z.strictObject({ as: z.string().max(80).describe('role:id, e.g. client:C0001 or advisor:A01') });
const tokenBody = demoTokenBody;

async function assertExists(db: Db, p: Principal): Promise<void> {
  if (p.role === 'client') {
    const r = await db.query('SELECT 1 FROM clients WHERE id = $1', [p.clientId]);
    if (r.rows.length === 0) throw new WealthDeskError('WD_ERR_UNKNOWN_CLIENT', `Unknown client ${p.clientId}`);
  } else if (p.role === 'advisor') {
    const r = await db.query('SELECT 1 FROM advisors WHERE id = $1', [p.advisorId]);
    if (r.rows.length === 0) throw new WealthDeskError('WD_ERR_UNKNOWN_ADVISOR', `Unknown advisor ${p.advisorId}`);
  }
}

export const demoRoutes: FastifyPluginAsync<{ db: Db; config: Config }> = async (app, { db, config }) => {
  if (!config.DEMO_MODE) return; // the routes do not exist: unknown-route 404

  app.get('/api/v1/demo/clients', { config: { public: true } }, async () => {
    const r = await db.query<{ id: string; name: string; name_en: string; base_currency: string; language: string; level: number | null }>(
      `SELECT c.id, c.name, c.name_en, c.base_currency, c.language,
              (SELECT rp.level FROM risk_profiles rp WHERE rp.client_id = c.id ORDER BY rp.assessed_at DESC, rp.id DESC LIMIT 1) AS level
         FROM clients c ORDER BY c.id LIMIT 10`,
    );
    const clients: DemoPersona[] = r.rows.map((x) => ({
      id: x.id, name: x.name, nameEn: x.name_en, baseCurrency: x.base_currency.trim(), language: x.language,
      riskLevel: x.level === null ? null : Number(x.level),
    }));
    return { clients };
  });

  app.post('/api/v1/demo/token', { config: { public: true }, bodyLimit: 1024 }, async (request) => {
    const parsed = tokenBody.safeParse(request.body);
    if (!parsed.success) throw new WealthDeskError('WD_ERR_VALIDATION', 'Body must be {"as": "client:<id>" | "advisor:<id>" | "compliance:<id>"}');
    const principal = parsePrincipal(parsed.data.as);
    if (!principal) throw new WealthDeskError('WD_ERR_VALIDATION', 'as: expected role:id, e.g. client:C0001');
    await assertExists(db, principal);
    const token = await signToken(principal, { ttlSeconds: DEMO_TTL_SECONDS, secret: config.AUTH_SECRET });
    return { token, principal, expiresIn: DEMO_TTL_SECONDS };
  });
};
