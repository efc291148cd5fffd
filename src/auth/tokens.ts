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
/** No token is accepted more than this long after it was issued (`iat`), whatever its `exp`, in seconds. */
export const MAX_TOKEN_AGE_SECONDS = 24 * 3600;
/** Clock skew tolerated between the signer and this node, seconds (an `iat` a little in the future is another node's clock). */
const CLOCK_TOLERANCE_SECONDS = 2;

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
  return (await verifyTokenClaims(token, opts)).principal;
}

/**
 * {@link verifyToken}, also returning when the token expires (epoch milliseconds), for
 * long-lived connections (socket.io) that must drop a principal whose token ran out.
 * Required: HS256 only (no `none`, no RS/HS confusion), `typ` JWT, issuer, `sub`, `iat`
 * no more than {@link MAX_TOKEN_AGE_SECONDS} ago, `exp` in the future, `nbf` if present.
 */
export async function verifyTokenClaims(token: string, opts: { secret?: string } = {}): Promise<{ principal: Principal; expiresAt: number }> {
  let payload: Record<string, unknown>;
  try {
    ({ payload } = await jwtVerify(token, key(opts.secret), {
      algorithms: [ALG],
      issuer: ISSUER,
      typ: 'JWT',
      requiredClaims: ['exp', 'iat', 'sub'],
      maxTokenAge: MAX_TOKEN_AGE_SECONDS,
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
    }));
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
  const expiresAt = (payload.exp as number) * 1000;
  if (role === 'client') return { principal: Object.freeze({ role, clientId: idOf('clientId') }), expiresAt };
  if (role === 'advisor') return { principal: Object.freeze({ role, advisorId: idOf('advisorId') }), expiresAt };
  if (role === 'compliance') return { principal: Object.freeze({ role, reviewerId: idOf('reviewerId') }), expiresAt };
  throw new WealthDeskError('WD_ERR_UNAUTHENTICATED', 'Invalid token claims');
}

/** Extracts the token from an `Authorization: Bearer …` header value; undefined when absent or malformed. */
export function bearerFrom(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const m = /^Bearer\s+([A-Za-z0-9._~+/=-]+)\s*$/i.exec(header);
  return m ? m[1] : undefined;
}
