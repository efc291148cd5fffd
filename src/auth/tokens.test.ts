import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { bearerFrom, signToken, verifyToken } from './tokens.js';

const SECRET = 'x'.repeat(40);

describe('tokens', () => {
  it('round-trips each role', async () => {
    for (const p of [
      { role: 'client', clientId: 'C0001' },
      { role: 'advisor', advisorId: 'A01' },
      { role: 'compliance', reviewerId: 'R01' },
    ] as const) {
      const t = await signToken(p, { secret: SECRET });
      expect(await verifyToken(t, { secret: SECRET })).toEqual(p);
    }
  });

  it('carries sub and exp = iat + ttl', async () => {
    const t = await signToken({ role: 'client', clientId: 'C0007' }, { secret: SECRET, ttlSeconds: 120 });
    const payload = JSON.parse(Buffer.from(t.split('.')[1], 'base64url').toString()) as Record<string, unknown>;
    expect(payload.sub).toBe('client:C0007');
    expect((payload.exp as number) - (payload.iat as number)).toBe(120);
  });

  it('rejects a wrong secret, an expired token and a tampered payload', async () => {
    const t = await signToken({ role: 'client', clientId: 'C0001' }, { secret: SECRET });
    await expect(verifyToken(t, { secret: 'y'.repeat(40) })).rejects.toMatchObject({ code: 'WD_ERR_UNAUTHENTICATED' });
    const old = await signToken({ role: 'client', clientId: 'C0001' }, { secret: SECRET, ttlSeconds: -10 });
    await expect(verifyToken(old, { secret: SECRET })).rejects.toMatchObject({ message: 'Token expired' });
    const [h, , s] = t.split('.');
    const forged = Buffer.from(JSON.stringify({ role: 'client', clientId: 'C0002', sub: 'client:C0002' })).toString('base64url');
    await expect(verifyToken(`${h}.${forged}.${s}`, { secret: SECRET })).rejects.toMatchObject({ statusCode: 401 });
    await expect(verifyToken('not-a-token', { secret: SECRET })).rejects.toMatchObject({ statusCode: 401 });
  });

  it('rejects validly signed tokens whose claims do not form a principal', async () => {
    const k = new TextEncoder().encode(SECRET);
    const sign = (claims: Record<string, unknown>, sub: string) =>
      new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setSubject(sub).setIssuer('wealthdesk').setExpirationTime('1h').sign(k);
    await expect(verifyToken(await sign({ role: 'admin', clientId: 'C1' }, 'admin:C1'), { secret: SECRET })).rejects.toMatchObject({ code: 'WD_ERR_UNAUTHENTICATED' });
    // sub disagrees with the id claim
    await expect(verifyToken(await sign({ role: 'client', clientId: 'C1' }, 'client:C2'), { secret: SECRET })).rejects.toMatchObject({ code: 'WD_ERR_UNAUTHENTICATED' });
    // alg none is never accepted
    const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{"role":"client","clientId":"C1","sub":"client:C1","iss":"wealthdesk"}').toString('base64url')}.`;
    await expect(verifyToken(none, { secret: SECRET })).rejects.toMatchObject({ code: 'WD_ERR_UNAUTHENTICATED' });
  });

  it('parses Authorization headers', () => {
    expect(bearerFrom('Bearer abc.def.ghi')).toBe('abc.def.ghi');
    expect(bearerFrom('bearer abc')).toBe('abc');
    expect(bearerFrom('Basic abc')).toBeUndefined();
    expect(bearerFrom(undefined)).toBeUndefined();
  });
});
