/**
 * Whose data a tool serves. The answer comes from the verified principal in the turn
 * context; a model-chosen `clientId` only narrows an advisor's own book.
 */
import { getClient, type ClientRow } from '../../db/repos/clients.js';
import { WealthDeskError } from '../../errors.js';
import type { ToolContext } from '../types.js';

/**
 * Resolves the client a portfolio tool serves, read once from the store.
 * - client principal → always its own id; a requested id is ignored, so no argument can
 *   reach another client's data;
 * - advisor → the requested id, which must exist (else WD_ERR_UNKNOWN_CLIENT) and be in
 *   the advisor's book (else WD_ERR_FORBIDDEN); without one, WD_ERR_VALIDATION asking
 *   which client (path `clientId`);
 * - compliance → WD_ERR_FORBIDDEN (compliance sees conversations, not portfolios).
 */
export async function resolveClient(ctx: ToolContext, requested?: string): Promise<ClientRow> {
  const p = ctx.principal;
  if (p.role === 'compliance') {
    throw new WealthDeskError('WD_ERR_FORBIDDEN', 'compliance reviewers have no access to client portfolios');
  }
  if (p.role === 'client') {
    const own = await getClient(ctx.db, p.clientId);
    if (!own) throw new WealthDeskError('WD_ERR_UNKNOWN_CLIENT', `unknown client ${p.clientId.slice(0, 32)}`);
    return own;
  }
  const id = requested?.trim();
  if (!id) {
    throw new WealthDeskError(
      'WD_ERR_VALIDATION',
      ctx.lang === 'zh' ? '请指明是哪位客户（clientId）' : 'which client? pass clientId of a client in your book',
      { details: { path: 'clientId' } },
    );
  }
  const client = await getClient(ctx.db, id);
  if (!client) throw new WealthDeskError('WD_ERR_UNKNOWN_CLIENT', `unknown client ${id.slice(0, 32)}`, { details: { path: 'clientId' } });
  if (client.advisorId !== p.advisorId) {
    throw new WealthDeskError('WD_ERR_FORBIDDEN', `client ${id.slice(0, 32)} is not in your book`, { details: { path: 'clientId' } });
  }
  return client;
}

/** {@link resolveClient}, for tools that need only the id. */
export async function resolveClientId(ctx: ToolContext, requested?: string): Promise<string> {
  return (await resolveClient(ctx, requested)).id;
}

/** The advisor id of an advisor principal; WD_ERR_FORBIDDEN for anyone else. */
export function requireAdvisor(ctx: ToolContext): string {
  if (ctx.principal.role !== 'advisor') throw new WealthDeskError('WD_ERR_FORBIDDEN', 'advisors only');
  return ctx.principal.advisorId;
}
