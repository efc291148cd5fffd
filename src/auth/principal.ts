/**
 * The verified identity a turn runs for. It comes from a signed token (server) or the
 * `--as` flag (CLI), never from the model. Immutable.
 */
export type Role = 'client' | 'advisor' | 'compliance';

export type Principal =
  | Readonly<{ role: 'client'; clientId: string }>
  | Readonly<{ role: 'advisor'; advisorId: string }>
  | Readonly<{ role: 'compliance'; reviewerId: string }>;

export function principalId(p: Principal): string {
  return p.role === 'client' ? p.clientId : p.role === 'advisor' ? p.advisorId : p.reviewerId;
}

/** Parses `client:C0001` / `advisor:A01` / `compliance:R01` (CLI `--as`). */
export function parsePrincipal(s: string): Principal | undefined {
  const m = /^(client|advisor|compliance):([\w.-]{1,64})$/.exec(s.trim());
  if (!m) return undefined;
  const [, role, id] = m;
  if (role === 'client') return Object.freeze({ role, clientId: id });
  if (role === 'advisor') return Object.freeze({ role, advisorId: id });
  return Object.freeze({ role: 'compliance', reviewerId: id });
}
