/**
 * Fastify's per-request log lines, rewritten so they never carry a bearer token, a query
 * value or unmasked PII (see log-safety.ts): the request is logged as method, safe URL
 * and remote address, errors through `logSafeError`. Installed with Fastify's
 * `logController` option.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { LogController } from 'fastify';
import { logSafeError, logSafeUrl } from './log-safety.js';

function reqOf(request: FastifyRequest): Record<string, unknown> {
  return { method: request.method, url: logSafeUrl(request.url), remoteAddress: request.ip };
}

/** The app's log controller: one `request completed` line per request, safe fields only. */
export class SafeLogController extends LogController {
  override incomingRequest(): void {
    // One line per request is enough; `request completed` carries the request too.
  }

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    const line = { req: reqOf(request), res: { statusCode: reply.statusCode }, responseTime: reply.elapsedTime };
    if (error) reply.log.error({ ...line, err: logSafeError(error) }, 'request errored');
    else reply.log.info(line, 'request completed');
  }

  override defaultErrorLog(error: Error, request: FastifyRequest, reply: FastifyReply): void {
    if (reply.statusCode >= 500) reply.log.error({ req: reqOf(request), err: logSafeError(error) }, 'request failed');
    else reply.log.info({ req: reqOf(request), statusCode: reply.statusCode }, 'request rejected');
  }

  override streamError(error: Error, _request: FastifyRequest, reply: FastifyReply): void {
    reply.log.warn({ err: logSafeError(error) }, 'response stream error');
  }

  override routeNotFound(request: FastifyRequest, reply: FastifyReply): void {
    reply.log.info({ req: reqOf(request) }, 'route not found');
  }

  override writeHeadError(error: Error, _request: FastifyRequest, reply: FastifyReply): void {
    reply.log.warn({ err: logSafeError(error) }, 'writing the response headers failed');
  }

  override serializerError(error: Error, _request: FastifyRequest, reply: FastifyReply): void {
    reply.log.error({ err: logSafeError(error) }, 'response serialization failed');
  }
}
