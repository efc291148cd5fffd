/**
 * Security headers on every response (a Fastify `onSend` hook, no dependency):
 *
 * - all: `X-Content-Type-Options: nosniff`, `Referrer-Policy: no-referrer`;
 * - JSON API answers: `Cache-Control: no-store` unless the route set one (client data
 *   must not sit in a shared or browser cache);
 * - HTML pages: a Content-Security-Policy allowing only the page's own scripts, styles and
 *   sockets (no inline script), unless the route set its own, and the framing policy.
 *
 * Framing: the chat widget and demo page may be embedded in a bank's page, so their
 * `frame-ancestors` is configurable (`frameAncestors`, default `'none'`); the compliance
 * console sets its own policy and is never framable (clickjacking an unmask).
 */
import type { FastifyInstance } from 'fastify';
import { WealthDeskError } from '../errors.js';

/** A CSP source expression allowed in `frame-ancestors`: a keyword, or a scheme+host(+port) with an optional `*.` label. */
const SOURCE_RE = /^(?:'self'|'none'|https?:\/\/(?:\*\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*(?::\d{1,5})?)$/i;

/**
 * Parses a framing policy written as space- or comma-separated CSP sources, e.g.
 * `'self' https://bank.example.com https://*.bank.example.com`. Empty → `['\'none\'']`.
 * Throws WD_ERR_CONFIG for anything else (a `;` or a path would inject into the header).
 */
export function parseFrameAncestors(raw: string | undefined): string[] {
  const list = (raw ?? '').split(/[\s,]+/).filter(Boolean);
  if (list.length === 0) return ["'none'"];
  for (const s of list) {
    if (!SOURCE_RE.test(s)) throw new WealthDeskError('WD_ERR_CONFIG', `frame-ancestors: "${s.slice(0, 60)}" is not a CSP source ('self', 'none' or https://host)`);
  }
  if (list.includes("'none'") && list.length > 1) throw new WealthDeskError('WD_ERR_CONFIG', "frame-ancestors: 'none' cannot be combined with other sources");
  return list;
}

/** The CSP of an HTML page of this server: own scripts/styles/sockets only; `frameAncestors` as parsed above. */
export function pageCsp(frameAncestors: readonly string[]): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self' ws: wss:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    `frame-ancestors ${frameAncestors.join(' ')}`,
  ].join('; ');
}

/** Installs the hook on the root instance; `frameAncestors` defaults to `'none'` (not framable). */
export function installSecurityHeaders(app: FastifyInstance, opts: { frameAncestors?: readonly string[] } = {}): void {
  const ancestors = opts.frameAncestors && opts.frameAncestors.length > 0 ? [...opts.frameAncestors] : ["'none'"];
  parseFrameAncestors(ancestors.join(' ')); // validate what a caller passed directly
  const csp = pageCsp(ancestors);
  const notFramable = ancestors.length === 1 && ancestors[0] === "'none'";
  app.addHook('onSend', async (_request, reply) => {
    void reply.header('x-content-type-options', 'nosniff').header('referrer-policy', 'no-referrer');
    const type = String(reply.getHeader('content-type') ?? '');
    if (type.startsWith('application/json') && !reply.hasHeader('cache-control')) void reply.header('cache-control', 'no-store');
    if (type.startsWith('text/html')) {
      if (!reply.hasHeader('content-security-policy')) void reply.header('content-security-policy', csp);
      const own = String(reply.getHeader('content-security-policy'));
      if (notFramable || /frame-ancestors 'none'/.test(own)) void reply.header('x-frame-options', 'DENY');
      void reply.header('cross-origin-opener-policy', 'same-origin');
    }
  });
}
