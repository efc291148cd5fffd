/**
 * Who may run a turn and whose names the model must never see: a principal must exist in
 * the store (a positive check is reused for a while), and an advisor's book (ids and
 * names) is read at most every BOOK_TTL_MS to turn client names into ids before the model.
 */
import type { Principal } from '../auth/principal.js';
import { principalId } from '../auth/principal.js';
import { piiOriginalsOf } from '../compliance/guards/input-guard.js';
import type { InputGuardResult } from '../compliance/types.js';
import type { Db } from '../db/db.js';
import { getAdvisor, getClient, listAdvisorClients } from '../db/repos/clients.js';
import { WealthDeskError } from '../errors.js';
import { replaceBookNames } from './grounding.js';

/** How long an advisor's client list, and a positive principal check, are reused, milliseconds. */
const BOOK_TTL_MS = 30_000;

export interface PrincipalDirectory {
  /** The advisor's clients (ids and names), cached. */
  advisorBook(advisorId: string): Promise<{ id: string; name: string; nameEn?: string }[]>;
  /** The masked text with the advisor's client names replaced by their ids. */
  bookNamesToIds(p: Principal, g: InputGuardResult): Promise<string>;
  /** Throws WD_ERR_UNKNOWN_CLIENT / WD_ERR_UNKNOWN_ADVISOR for a principal the store does not know. */
  check(p: Principal): Promise<void>;
}

export function createPrincipalDirectory(db: Db): PrincipalDirectory {
  // The advisor's book (ids and names) for the planner to resolve a client named in the
  // text; read at most every BOOK_TTL_MS per advisor instead of on every turn.
  const books = new Map<string, { at: number; clients: Promise<{ id: string; name: string; nameEn?: string }[]> }>();
  function advisorBook(advisorId: string) {
    const hit = books.get(advisorId);
    if (hit && performance.now() - hit.at < BOOK_TTL_MS) return hit.clients;
    const clients = listAdvisorClients(db, advisorId).then((rows) => rows.map((c) => ({ id: c.id, name: c.name, nameEn: c.nameEn })));
    clients.catch(() => books.delete(advisorId));
    if (books.size > 1000) books.clear();
    books.set(advisorId, { at: performance.now(), clients });
    return clients;
  }

  /**
   * An advisor names clients of the book ("王芳的持仓怎么样"); the input guard masks names
   * like any PII. A masked name that is exactly a client of this advisor's book becomes
   * that client's id, so the model can act on it without ever seeing the name; any other
   * name stays masked.
   */
  async function bookNamesToIds(p: Principal, g: InputGuardResult): Promise<string> {
    if (p.role !== 'advisor') return g.masked;
    const book = await advisorBook(p.advisorId);
    let text = g.masked;
    const hidden = piiOriginalsOf(g);
    for (const [mask, name] of [...(hidden?.originals ?? [])].filter(([m]) => hidden?.types.get(m) === 'NAME')) {
      const hit = book.find((c) => c.name === name || c.nameEn?.toLowerCase() === name.toLowerCase());
      if (hit) text = text.split(mask).join(hit.id);
    }
    // A name of the book the PII detector did not catch ("马东宇的组合", "pull up Amy Lin") is
    // replaced too: a client's name never reaches the model, whatever the detector saw.
    return replaceBookNames(text, book);
  }

  // Principals seen to exist, with when: clients and advisors are not deleted in
  // normal operation, so a positive check is reused for BOOK_TTL_MS (never a negative one).
  const known = new Map<string, number>();
  async function checkPrincipal(p: Principal): Promise<void> {
    const key = `${p.role}:${principalId(p)}`;
    const seen = known.get(key);
    if (seen !== undefined && performance.now() - seen < BOOK_TTL_MS) return;
    await checkPrincipalInStore(p);
    if (known.size > 10_000) known.clear();
    known.set(key, performance.now());
  }

  async function checkPrincipalInStore(p: Principal): Promise<void> {
    if (p.role === 'client' && !(await getClient(db, p.clientId))) {
      throw new WealthDeskError('WD_ERR_UNKNOWN_CLIENT', `Unknown client ${p.clientId.slice(0, 64)}`);
    }
    if (p.role === 'advisor' && !(await getAdvisor(db, p.advisorId))) {
      throw new WealthDeskError('WD_ERR_UNKNOWN_ADVISOR', `Unknown advisor ${p.advisorId.slice(0, 64)}`);
    }
  }

  return { advisorBook, bookNamesToIds, check: checkPrincipal };
}
