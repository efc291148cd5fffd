/**
 * Signed bearer tokens (JWT, HS256 with `config.AUTH_SECRET`). The claims carry the
 * principal: `{sub, role, clientId | advisorId | reviewerId, iat, exp}`. A token is the
 * only way a server request gets a principal; nothing in a request body can change it.
 */
import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
import { config } from '../config.js';
import { WealthDeskError } from '../errors.js';
import { principalId, type Principal } from './principal.js';

const ISSUER = 'wealthdesk';
const ALG = 'HS256';
/** Default lifetime: 8 hours (a working day), in seconds. */
export const DEFAULT_TOKEN_TTL_SECONDS = 8 * 3600;

export interface SignOptions {
  /** Lifetime in seconds (default 8 h). */
  ttlSeconds?: number;
  /** HMAC secret; defaults to `config().AUTH_SECRET`. */
  secret?: string;
}

function key(secret?: string): Uint8Array {
  return new TextEncoder().encode(secret ?? config().AUTH_SECRET);
}

const ID_RE = /^[\w.-]{1,64}$/;

/** Signs a bearer token for `principal`; resolves to the compact JWT string. */
export async function signToken(principal: Principal, opts: SignOptions = {}): Promise<string> {
  const ttl = opts.ttlSeconds ?? DEFAULT_TOKEN_TTL_SECONDS;
  const id = principalId(principal);
  const claims: Record<string, string> = { role: principal.role };
  if (principal.role === 'client') claims.clientId = id;
  else if (principal.role === 'advisor') claims.advisorId = id;
  else claims.reviewerId = id;
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT(claims)
    .setProtectedHeader({ alg: ALG, typ: 'JWT' })
    .setSubject(`${principal.role}:${id}`)
    .setIssuer(ISSUER)
    .setIssuedAt(now)
    .setExpirationTime(now + ttl)
    .sign(key(opts.secret));
}

/**
 * Verifies signature, algorithm, issuer and expiry and returns the frozen principal.
 * Throws WealthDeskError WD_ERR_UNAUTHENTICATED (401) for anything wrong, with a
 * message that says whether the token expired or is invalid (never echoing the token).
 */
export async function verifyToken(token: string, opts: { secret?: string } = {}): Promise<Principal> {
  let payload: Record<string, unknown>;
  try {
    ({ payload } = await jwtVerify(token, key(opts.secret), { algorithms: [ALG], issuer: ISSUER }));
  } catch (e) {
    const expired = e instanceof joseErrors.JWTExpired;
    throw new WealthDeskError('WD_ERR_UNAUTHENTICATED', expired ? 'Token expired' : 'Invalid token', {
      cause: e,
    });
  }
  const role = payload.role;
  const idOf = (k: string): string => {
    const v = payload[k];
    if (typeof v !== 'string' || !ID_RE.test(v) || payload.sub !== `${role as string}:${v}`) {
      throw new WealthDeskError('WD_ERR_UNAUTHENTICATED', 'Invalid token claims');
    }
    return v;
  };
  if (role === 'client') return Object.freeze({ role, clientId: idOf('clientId') });
  if (role === 'advisor') return Object.freeze({ role, advisorId: idOf('advisorId') });
  if (role === 'compliance') return Object.freeze({ role, reviewerId: idOf('reviewerId') });
  throw new WealthDeskError('WD_ERR_UNAUTHENTICATED', 'Invalid token claims');
}

/** Extracts the token from an `Authorization: Bearer …` header value; undefined when absent or malformed. */
export function bearerFrom(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const m = /^Bearer\s+([A-Za-z0-9._~+/=-]+)\s*$/i.exec(header);
  return m ? m[1] : undefined;
}
