/**
 * One error shape for every HTTP failure, Fastify's `{statusCode, code, error, message}`
 * (STYLE.md 8), built from WealthDeskError codes. Fastify's own errors (malformed JSON,
 * body too large, unsupported media type) are mapped to stable WD_ERR_ codes here, and
 * anything unexpected becomes a 500 without internals in the message.
 */
import { STATUS_CODES } from 'node:http';
import type { FastifyError, FastifyInstance } from 'fastify';
import { ERROR_CODES, WealthDeskError, type ErrorCode } from '../errors.js';
import { logSafeError, logSafeUrl, safeEcho } from './log-safety.js';

export interface HttpErrorBody {
  statusCode: number;
  code: string;
  error: string;
  message: string;
  details?: Record<string, unknown>;
}

const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'WD_ERR_BAD_JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'WD_ERR_BAD_JSON',
  FST_ERR_CTP_BODY_TOO_LARGE: 'WD_ERR_MESSAGE_TOO_LONG',
  FST_ERR_VALIDATION: 'WD_ERR_VALIDATION',
};

/**
 * The message a caller may see for `e`: a server-side failure (5xx) gets the registry's
 * fixed text for its code, never `e.message` (which may quote SQL, a provider's reply or
 * a stack); a client error keeps its own message, which states what was wrong.
 */
export function publicMessage(e: WealthDeskError): string {
  return e.statusCode >= 500 ? ERROR_CODES[e.code][1] : e.message;
}

/** Maps any thrown value to the HTTP error body. */
export function toHttpError(e: unknown): HttpErrorBody {
  if (e instanceof WealthDeskError) {
    const statusCode = e.statusCode;
    return {
      statusCode,
      code: e.code,
      error: STATUS_CODES[statusCode] ?? 'Error',
      // 5xx never carry internals (the log has them).
      message: publicMessage(e),
      ...(e.details && statusCode < 500 ? { details: e.details } : {}),
    };
  }
  const fe = e as Partial<FastifyError> | undefined;
  const mapped = fe?.code ? FASTIFY_CODES[fe.code] : undefined;
  if (mapped) return toHttpError(new WealthDeskError(mapped, fe?.message ? safeEcho(fe.message, 200) : undefined));
  const status = typeof fe?.statusCode === 'number' ? fe.statusCode : 500;
  if (status >= 400 && status < 500) {
    // Other client errors Fastify raises (415, 406 …): keep the status, give a WD_ code.
    return { statusCode: status, code: 'WD_ERR_VALIDATION', error: STATUS_CODES[status] ?? 'Error', message: fe?.message ? safeEcho(fe.message, 200) : 'Bad request' };
  }
  return { statusCode: 500, code: 'WD_ERR_INTERNAL', error: STATUS_CODES[500]!, message: 'Internal error' };
}

/** Installs the error and not-found handlers on the root instance. */
export function installErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((err, request, reply) => {
    const body = toHttpError(err);
    if (body.statusCode >= 500) request.log.error({ err: logSafeError(err), code: body.code }, 'request failed');
    else request.log.info({ code: body.code, statusCode: body.statusCode }, 'request rejected');
    if (body.statusCode === 429) {
      const retry = (err as WealthDeskError).details?.retryAfterSeconds;
      if (typeof retry === 'number') void reply.header('retry-after', String(retry));
    }
    void reply.status(body.statusCode).send(body);
  });
  app.setNotFoundHandler((request, reply) => {
    void reply.status(404).send(toHttpError(new WealthDeskError('WD_ERR_NOT_FOUND', `Route ${request.method} ${logSafeUrl(request.url.split('?')[0]).slice(0, 120)} not found`)));
  });
}
